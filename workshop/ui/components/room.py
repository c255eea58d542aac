"""Pieces of the live room shared by the participant, facilitator and big screens."""

from __future__ import annotations

import reflex as rx

from workshop.domain.vocabulary import Phase, Role
from workshop.state.room_view import RoomView
from workshop.ui.components.text import t


def countdown() -> rx.Component:
    """Time left on the facilitator's timer (standing still while paused); nothing when off."""
    room = RoomView.room
    return rx.cond(
        (room.timer_ends_at_ms > 0) | (room.timer_paused_ms > 0),
        rx.el.div(
            rx.el.span(t("timer.label"), class_name="timer-label"),
            # assets/countdown.js fills this span in the browser, every 250 ms.
            rx.el.span(
                custom_attrs={
                    "data-ends-at": room.timer_ends_at_ms.to_string(),
                    "data-server-now": room.server_now_ms.to_string(),
                    "data-paused-left": room.timer_paused_ms.to_string(),
                },
                class_name="timer-value",
            ),
            role="timer",
            class_name="timer",
        ),
    )


def phase_name(phase: rx.Var[str]) -> rx.Component | rx.Var:
    """The current phase's name in the chosen language."""
    return rx.match(phase, *[(p.value, t(f"phase.{p.value}.name")) for p in Phase], "")


def phase_text(phase: rx.Var[str], audience: str) -> rx.Component | rx.Var:
    """The phase's line for ``participant`` phones or the big ``screen``."""
    return rx.match(phase, *[(p.value, t(f"phase.{p.value}.{audience}")) for p in Phase], "")


def role_name(role: rx.Var[str], plural: bool = False) -> rx.Component | rx.Var:
    """A role's name (``role_plural`` for head-counts)."""
    section = "role_plural" if plural else "role"
    return rx.match(role, *[(r.value, t(f"{section}.{r.value}")) for r in Role], "")


def presence_counts(large: bool = False) -> rx.Component:
    """Participants here now, by role, as a definition list (numbers as text, not colour)."""
    by_role = RoomView.presence.by_role
    rows = [
        rx.el.div(
            rx.el.dt(t(f"role_plural.{role.value}")),
            rx.el.dd(by_role.get(role.value, 0).to_string(), data_role=role.value),
            class_name="presence-row",
        )
        for role in Role
    ]
    rows.append(
        rx.el.div(
            rx.el.dt(t("facilitator.presence_total")),
            rx.el.dd(RoomView.presence.total.to_string(), data_role="total"),
            class_name="presence-row presence-row--total",
        )
    )
    return rx.el.dl(
        *rows,
        class_name="presence presence--large" if large else "presence",
        aria_live="polite",
    )


def join_block(join_url: rx.Var[str], qr_data_uri: rx.Var[str], large: bool = False) -> rx.Component:
    """The join code, link and QR code."""
    return rx.el.div(
        rx.el.p(
            rx.el.span(t("screen.code_label"), class_name="join-code-label"),
            " ",
            rx.el.strong(RoomView.room.code, class_name="join-code"),
        ),
        rx.el.p(
            rx.el.span(t("screen.join_at")),
            " ",
            rx.el.a(join_url, href=join_url, class_name="join-url"),
        ),
        rx.cond(
            qr_data_uri != "",
            rx.el.img(src=qr_data_uri, alt=t("facilitator.qr_alt"), class_name="qr"),
        ),
        class_name="join-block join-block--large" if large else "join-block",
    )
