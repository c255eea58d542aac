"""``/screen/[code]``: the projector. The whole viewport, no page scroll, no controls; type
follows the viewport (assets/screen.css); texts follow the workshop's language."""

from __future__ import annotations

import reflex as rx

from workshop.state.room_view import RoomView
from workshop.state.screen import ScreenState
from workshop.ui.components.access import when_authorized
from workshop.ui.components.layout import page_frame
from workshop.ui.components.room import countdown, phase_badge, phase_text, presence_counts
from workshop.ui.components.text import in_workshop_language, t
from workshop.ui.views.develop import develop_screen, results_screen
from workshop.ui.views.grouping import grouping_screen
from workshop.ui.views.lobby import lobby_screen
from workshop.ui.views.voting import voting_screen
from workshop.ui.views.wall import wall_screen


def _lead() -> rx.Component:
    """One short line for the room; after a reveal it stops asking people to vote."""
    room = RoomView.room
    return rx.el.p(
        rx.cond((room.phase == "vote") & (RoomView.tally.status == "revealed"), t("projector.vote_revealed"),
                phase_text(room.phase, "screen")),
        class_name="screen-lead",
    )


def _band() -> rx.Component:
    """The phase on its colour (and in words), the workshop's title, the timer when it runs."""
    room = RoomView.room
    return rx.el.header(
        rx.el.div(
            phase_badge(room.phase, "h1", id="phase-name"),
            rx.el.p(room.title, class_name="workshop-title"),
            aria_live="polite",
            class_name="screen-band-words",
        ),
        rx.el.p(rx.el.strong(RoomView.headcount.total.to_string()), " ", t("projector.present"),
                class_name="screen-present"),
        countdown(),
        rx.cond(room.input_locked, rx.el.p(t("participant.locked"), class_name="locked-note")),
        class_name="screen-band",
    )


def screen_page() -> rx.Component:
    with in_workshop_language():
        return page_frame(
            when_authorized(
                ScreenState.authorized,
                ScreenState.notice,
                rx.el.div(
                    _band(),
                    _lead(),
                    rx.el.div(
                        rx.match(
                            RoomView.room.phase,
                            ("lobby", lobby_screen()),
                            ("critique", wall_screen()),
                            ("what_if", wall_screen()),
                            ("group", grouping_screen()),
                            ("vote", voting_screen()),
                            ("develop", develop_screen()),
                            ("results", results_screen()),
                            presence_counts(large=True),
                        ),
                        class_name="screen-body",
                    ),
                    class_name="big-screen",
                    data_phase=RoomView.room.phase,
                    lang=RoomView.room.language,
                ),
                "keys.screen_no_access",
            ),
            projector=True,
        )
