"""``/screen/[code]``: the projector. Large type, read-only."""

from __future__ import annotations

import reflex as rx

from workshop.state.room_view import RoomView
from workshop.state.screen import ScreenState
from workshop.ui.components.access import when_authorized
from workshop.ui.components.layout import page_frame
from workshop.ui.components.room import presence_counts
from workshop.ui.views.grouping import grouping_screen
from workshop.ui.views.lobby import lobby_screen
from workshop.ui.views.phase_header import phase_header
from workshop.ui.views.develop import develop_screen
from workshop.ui.views.voting import results, voting_screen
from workshop.ui.views.wall import wall_screen


def screen_page() -> rx.Component:
    return page_frame(
        when_authorized(
            ScreenState.authorized,
            ScreenState.notice,
            rx.el.div(
                phase_header("screen"),
                rx.match(
                    RoomView.room.phase,
                    ("lobby", lobby_screen()),
                    ("critique", wall_screen()),
                    ("what_if", wall_screen()),
                    ("group", grouping_screen()),
                    ("vote", voting_screen()),
                    ("develop", develop_screen()),
                    ("results", rx.cond(RoomView.tally.status == "revealed", results(large=True),
                                        rx.el.div(presence_counts(large=True), class_name="screen-footer"))),
                    rx.el.div(presence_counts(large=True), class_name="screen-footer"),
                ),
                class_name="big-screen",
            ),
            "keys.screen_no_access",
        ),
        wide=True,
    )
