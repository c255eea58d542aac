"""``/facilitate/[code]``: the facilitator's cockpit. A control bar stays at the top in every
phase (workshop/ui/views/cockpit_bar.py); below it the guide for the phase on now, the
phase's own work, and a "Tools" panel for what is rarely needed."""

from __future__ import annotations

import reflex as rx

from workshop.domain.vocabulary import Phase
from workshop.state.facilitator import FACILITATOR_ERRORS, FacilitatorState
from workshop.state.room_view import RoomView
from workshop.ui.components.access import when_authorized
from workshop.ui.components.layout import page_frame
from workshop.ui.components.notice import notice
from workshop.ui.components.room import join_block
from workshop.ui.components.text import t
from workshop.ui.views.cockpit_bar import cockpit_bar
from workshop.ui.views.develop import develop_panel, downloads_panel
from workshop.ui.views.grouping import grouping_panel, suggestion_panel
from workshop.ui.views.guide import guide_panel
from workshop.ui.views.moderation import moderation_panel
from workshop.ui.views.tools_panel import tools_panel
from workshop.ui.views.voting import results_panel, voting_panel


def _lobby() -> rx.Component:
    """Before the start: the join code and QR code (who has arrived is in the bar)."""
    return rx.el.section(
        join_block(FacilitatorState.join_url, FacilitatorState.qr_data_uri),
        rx.cond(RoomView.room.challenge != "", rx.el.p(RoomView.room.challenge, class_name="lead")),
        class_name="card cockpit-lobby",
    )


def _phase_work() -> rx.Component:
    return rx.match(
        RoomView.room.phase,
        (Phase.LOBBY.value, _lobby()),
        (Phase.CRITIQUE.value, moderation_panel()),
        (Phase.WHAT_IF.value, moderation_panel()),
        (Phase.GROUP.value, rx.el.div(suggestion_panel(), grouping_panel(), class_name="phase-work")),
        (Phase.VOTE.value, rx.el.div(voting_panel(), class_name="phase-work")),
        (Phase.DEVELOP.value, rx.el.div(develop_panel(), downloads_panel(), class_name="phase-work")),
        (Phase.RESULTS.value, rx.el.div(rx.el.div(results_panel(), class_name="card"), downloads_panel(),
                                        class_name="phase-work")),
        rx.fragment(),
    )


def _answers_tool() -> rx.Component:
    """Outside the writing phases the answers (hide, show again) wait one tap away."""
    writing = (RoomView.room.phase == Phase.CRITIQUE.value) | (RoomView.room.phase == Phase.WHAT_IF.value)
    return rx.cond(
        writing,
        rx.fragment(),
        rx.el.details(
            rx.el.summary(t("cockpit.answers_heading"), class_name="tools-summary"),
            moderation_panel(),
            class_name="tools",
        ),
    )


def facilitator_page() -> rx.Component:
    return page_frame(
        when_authorized(
            FacilitatorState.authorized,
            FacilitatorState.notice,
            rx.el.div(
                cockpit_bar(),
                notice(FacilitatorState.notice, FACILITATOR_ERRORS),
                rx.el.div(
                    rx.el.div(guide_panel(), class_name="cockpit-guide"),
                    rx.el.div(_phase_work(), class_name="cockpit-work"),
                    rx.el.div(_answers_tool(), tools_panel(), class_name="cockpit-tools"),
                    class_name="cockpit-body",
                ),
                class_name="cockpit-page",
            ),
        ),
        wide=True,
        # Its Tools forget the facilitator key, explained and asked (views/data_controls.py).
        forget=False,
    )
