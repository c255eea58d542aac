"""What every phase shows on top: its name, a line of instructions, the timer, the lock."""

from __future__ import annotations

import reflex as rx

from workshop.state.room_view import RoomView
from workshop.ui.components.room import countdown, phase_name, phase_text
from workshop.ui.components.text import t


def phase_header(audience: str) -> rx.Component:
    """``audience``: ``participant`` (phones) or ``screen`` (projector)."""
    room = RoomView.room
    return rx.el.section(
        rx.el.p(room.title, class_name="workshop-title"),
        # Announced when the phase changes; the ticking timer below is not.
        rx.el.div(
            rx.el.h1(phase_name(room.phase), id="phase-name", data_phase=room.phase),
            rx.el.p(phase_text(room.phase, audience), class_name="phase-text"),
            aria_live="polite",
        ),
        countdown(),
        rx.cond(
            room.status == "closed",
            rx.el.p(t("facilitator.closed_status"), role="status", class_name="locked-note"),
        ),
        rx.cond(
            room.input_locked,
            rx.el.p(t("participant.locked"), role="status", class_name="locked-note"),
        ),
        aria_labelledby="phase-name",
        class_name="phase-header",
    )
