"""``/facilitate/[code]``: the facilitator's console on a laptop."""

from __future__ import annotations

import reflex as rx

from workshop.domain.vocabulary import Phase
from workshop.state.facilitator import FACILITATOR_ERRORS, FacilitatorState
from workshop.state.room_view import RoomView
from workshop.ui.components.access import when_authorized
from workshop.ui.components.layout import page_frame
from workshop.ui.components.notice import notice
from workshop.ui.components.room import countdown, join_block, phase_name, presence_counts
from workshop.ui.components.text import t
from workshop.ui.views.grouping import grouping_panel, suggestion_panel
from workshop.ui.views.develop import develop_panel, downloads_panel
from workshop.ui.views.voting import results_panel, voting_panel
from workshop.ui.views.moderation import moderation_panel
from workshop.ui.views.prompt_editor import prompt_editor
from workshop.ui.views.data_controls import data_controls
from workshop.ui.views.keys_panel import keys_panel, screen_link_button

TIMER_CHOICES = (1, 2, 3, 5, 10, 15, 20, 30, 45, 60)


def _phase_button(phase: Phase) -> rx.Component:
    current = RoomView.room.phase == phase.value
    return rx.el.li(
        rx.el.button(
            t(f"phase.{phase.value}.name"),
            rx.cond(current, rx.el.span(" (", t("facilitator.phase_now"), ")")),
            type="button",
            aria_current=rx.cond(current, "step", "false"),
            on_click=FacilitatorState.go_to_phase(phase.value),
            class_name="phase-step",
        )
    )


def _phases() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("facilitator.phases_heading"), id="phases-heading"),
        rx.el.ol(*[_phase_button(phase) for phase in Phase], class_name="phase-steps"),
        rx.el.div(
            rx.el.button(
                t("facilitator.previous"),
                type="button",
                on_click=FacilitatorState.step(-1),
                class_name="button button--secondary",
            ),
            rx.el.button(
                t("facilitator.next"),
                type="button",
                on_click=FacilitatorState.step(1),
                class_name="button button--primary button--inline",
            ),
            class_name="button-row",
        ),
        aria_labelledby="phases-heading",
        class_name="card",
    )


def _toggle(label_key: str, pressed: rx.Var[bool], handler, status_key: str) -> rx.Component:
    """A button that is on or off (aria-pressed, and a tick), with a line saying so when on."""
    return rx.fragment(
        rx.el.button(
            t(label_key),
            type="button",
            aria_pressed=rx.cond(pressed, "true", "false"),
            on_click=handler(~pressed),
            class_name="toggle",
        ),
        rx.cond(pressed, rx.el.p(t(status_key), class_name="locked-note")),
    )


def _controls() -> rx.Component:
    return rx.el.section(
        _toggle("facilitator.lock", RoomView.room.input_locked,
                FacilitatorState.set_input_locked, "facilitator.locked_status"),
        _toggle("facilitator.close", RoomView.room.status == "closed",
                FacilitatorState.set_closed, "facilitator.closed_status"),
        rx.el.h2(t("facilitator.timer_heading"), id="timer-heading"),
        rx.el.form(
            rx.el.label(t("facilitator.timer_minutes"), html_for="timer-minutes", class_name="field-label"),
            rx.el.select(
                *[rx.el.option(str(minutes), value=str(minutes)) for minutes in TIMER_CHOICES],
                id="timer-minutes",
                name="minutes",
                default_value="5",
                class_name="input input--narrow",
            ),
            rx.el.button(t("facilitator.timer_start"), type="submit", class_name="button button--secondary"),
            rx.el.button(
                t("facilitator.timer_stop"),
                type="button",
                on_click=FacilitatorState.stop_timer,
                class_name="button button--secondary",
            ),
            on_submit=FacilitatorState.start_timer,
            aria_labelledby="timer-heading",
            class_name="timer-form",
        ),
        countdown(),
        class_name="card",
    )


def _presence() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("facilitator.presence_heading"), id="presence-heading"),
        presence_counts(),
        aria_labelledby="presence-heading",
        class_name="card",
    )


def _join() -> rx.Component:
    return rx.el.section(
        join_block(FacilitatorState.join_url, FacilitatorState.qr_data_uri),
        rx.el.p(screen_link_button()),
        class_name="card",
    )


def facilitator_page() -> rx.Component:
    return page_frame(
        when_authorized(
            FacilitatorState.authorized,
            FacilitatorState.notice,
            rx.el.div(
                rx.el.h1(RoomView.room.title, " – ", phase_name(RoomView.room.phase)),
                notice(FacilitatorState.notice, FACILITATOR_ERRORS),
                rx.match(
                    RoomView.room.phase,
                    (Phase.GROUP.value, rx.el.div(grouping_panel(), suggestion_panel(), class_name="phase-work")),
                    (Phase.VOTE.value, rx.el.div(voting_panel(), class_name="phase-work")),
                    (Phase.DEVELOP.value, rx.el.div(develop_panel(), downloads_panel(), class_name="phase-work")),
                    (Phase.RESULTS.value, rx.el.div(rx.el.div(results_panel(), class_name="card"), downloads_panel(),
                                                    class_name="phase-work")),
                    rx.fragment(),
                ),
                rx.el.div(
                    rx.el.div(_phases(), _controls(), moderation_panel(), class_name="column"),
                    rx.el.div(_presence(), _join(), prompt_editor(), keys_panel(), data_controls(), class_name="column"),
                    class_name="columns",
                ),
            ),
        ),
        wide=True,
    )
