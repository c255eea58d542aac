"""The lobby: on the big screen how to join and who is here; on a phone a welcome."""

from __future__ import annotations

import reflex as rx

from workshop.domain.vocabulary import Phase
from workshop.state.participant import ParticipantState
from workshop.state.room_view import RoomView
from workshop.state.screen import ScreenState
from workshop.ui.components.room import join_block, presence_counts, role_badge
from workshop.ui.components.text import t

# What happens after the lobby, in order, as the welcome lists it.
COMING = tuple(phase.value for phase in Phase if phase is not Phase.LOBBY)


def lobby_screen() -> rx.Component:
    return rx.el.div(
        join_block(ScreenState.join_url, ScreenState.qr_data_uri, large=True),
        presence_counts(large=True),
        class_name="lobby-screen",
    )


def lobby_view() -> rx.Component:
    """A phone in the lobby: the workshop's title, its challenge in plain words, what will
    happen, and this person's own role."""
    room = RoomView.room
    return rx.el.section(
        rx.el.h2(t("phone.welcome"), id="welcome-heading"),
        rx.cond(
            room.challenge != "",
            rx.el.div(
                rx.el.p(t("phone.challenge_label"), class_name="field-label"),
                rx.el.p(room.challenge, class_name="challenge"),
            ),
        ),
        rx.el.p(t("phone.your_role"), " ", role_badge(ParticipantState.role), class_name="your-role"),
        rx.el.h3(t("phone.what_happens"), id="coming-heading"),
        rx.el.ol(
            *[rx.el.li(rx.el.strong(t(f"phase.{phase}.name")), " ", t(f"phone.coming_{phase}"),
                       data_phase=phase, class_name="coming-step")
              for phase in COMING],
            class_name="coming",
            aria_labelledby="coming-heading",
        ),
        rx.el.p(t("phone.anonymous"), class_name="field-hint"),
        aria_labelledby="welcome-heading",
        class_name="card welcome",
    )
