"""``/w/[code]``: the participant's phone during the workshop: one clear task per phase."""

from __future__ import annotations

import reflex as rx

from workshop.state.room_view import RoomView, arrived
from workshop.ui.components.layout import page_frame
from workshop.ui.components.text import t
from workshop.ui.views.develop import briefs_readonly, develop_view
from workshop.ui.views.grouping import grouping_view
from workshop.ui.views.lobby import lobby_view
from workshop.ui.views.phase_header import phase_header
from workshop.ui.views.voting import results_panel, voting_view
from workshop.ui.views.writing import writing_view


def participant_page() -> rx.Component:
    return page_frame(
        rx.cond(
            arrived(),
            rx.fragment(
                phase_header(),
                rx.match(
                    RoomView.room.phase,
                    ("lobby", lobby_view()),
                    ("critique", writing_view()),
                    ("what_if", writing_view()),
                    ("group", grouping_view()),
                    ("vote", voting_view()),
                    ("develop", develop_view()),
                    ("results", rx.fragment(results_panel(), briefs_readonly())),
                    rx.fragment(),
                ),
            ),
            rx.el.p(t("participant.connecting"), role="status"),
        ),
    )
