"""What a phone shows on top: the workshop, the phase on its colour (in words), one's own
role, one line of instructions, the timer, the lock."""

from __future__ import annotations

import reflex as rx

from workshop.state.participant import ParticipantState
from workshop.state.room_view import RoomView
from workshop.ui.components.room import countdown, phase_badge, phase_text, role_badge
from workshop.ui.components.text import t


def _who_am_i() -> rx.Component:
    return rx.el.p(
        rx.el.span(t("participant.you_are"), class_name="sr-only"),
        role_badge(ParticipantState.role),
        rx.cond(ParticipantState.nickname != "", rx.el.span(" ", ParticipantState.nickname, class_name="nickname")),
        class_name="whoami",
    )


def phase_header() -> rx.Component:
    """The phone's header; once a vote is revealed, the result replaces the instructions."""
    room = RoomView.room
    revealed = (room.phase == "vote") & (RoomView.tally.status == "revealed")
    return rx.el.section(
        rx.el.div(rx.el.p(room.title, class_name="workshop-title"), _who_am_i(), class_name="phone-top"),
        # Announced when the phase changes; the ticking timer below is not.
        rx.el.div(
            phase_badge(room.phase, "h1", id="phase-name"),
            rx.cond(revealed, rx.fragment(),
                    rx.el.p(phase_text(room.phase, "participant"), class_name="phase-text")),
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
        data_phase=room.phase,
    )
