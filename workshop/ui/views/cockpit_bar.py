"""The facilitator's control bar, sticky at the top in every phase: title and phase stepper,
"Next: <phase>" and "Back", the timer, the lock, who is here, the big screen.

At a phone's width the bar shows the phase, Back, Next and the time left; a "More"
button (aria-expanded) opens the rest. From 60rem up everything shows at once.
"""

from __future__ import annotations

import reflex as rx

from workshop.domain import phases
from workshop.domain.vocabulary import PHASE_ORDER, Phase, Role
from workshop.domain.voting import BALLOTS
from workshop.state.facilitator import FacilitatorState
from workshop.state.guide import GuideStepView
from workshop.state.language import LanguageState
from workshop.state.room_view import RoomView
from workshop.ui.components.room import phase_name, waiting_count
from workshop.ui.components.text import t

ROOM = RoomView.room
LAST = PHASE_ORDER[-1].value


def _step(index: int, phase: Phase) -> rx.Component:
    current = ROOM.phase == phase.value
    return rx.el.li(
        rx.el.button(
            # The number is a shape for the eye; the name (first) is what a screen reader says.
            rx.el.span(str(index + 1), class_name="step-mark", aria_hidden="true"),
            rx.el.span(t(f"phase.{phase.value}.name"), class_name="step-name"),
            rx.cond(current, rx.el.span(t("cockpit.step_current"), class_name="step-current")),
            type="button",
            aria_current=rx.cond(current, "step", "false"),
            on_click=FacilitatorState.go_to_phase(phase.value),
            class_name="step",
            data_phase=phase.value,
        ),
        class_name="stepper-item",
    )


def _stepper() -> rx.Component:
    return rx.el.nav(
        rx.el.ol(*[_step(i, p) for i, p in enumerate(PHASE_ORDER)], class_name="stepper"),
        aria_label=t("cockpit.phases_label"),
        class_name="cockpit-phases",
    )


def _next_name() -> rx.Component | rx.Var:
    pairs = [(a.value, t(f"phase.{b.value}.name")) for a, b in zip(PHASE_ORDER, PHASE_ORDER[1:])]
    return rx.match(ROOM.phase, *pairs, "")


def _moves() -> rx.Component:
    last = ROOM.phase == LAST
    return rx.el.div(
        rx.el.button(
            rx.el.span("‹", aria_hidden="true"), rx.el.span("\u00a0", t("cockpit.back"), class_name="cockpit-back-word"),
            type="button",
            disabled=ROOM.phase == PHASE_ORDER[0].value,
            on_click=FacilitatorState.step(-1),
            class_name="button button--secondary cockpit-back",
        ),
        rx.el.button(
            rx.el.span(t("cockpit.next"), "\u00a0", class_name="cockpit-next-label"),
            rx.el.span(_next_name(), class_name="cockpit-next-name"),
            rx.el.span("\u00a0›", aria_hidden="true", class_name="cockpit-next-label"),
            type="button",
            disabled=last,
            aria_describedby=rx.cond(last, "last-phase-note", ""),
            on_click=FacilitatorState.step(1),
            id="cockpit-next",
            class_name=rx.cond((_waiting_here() > 0) | _no_vote_yet(), "button button--secondary cockpit-next",
                               "button button--primary cockpit-next"),
        ),
        rx.cond(last, rx.el.p(t("cockpit.last_phase"), id="last-phase-note", class_name="cockpit-reason")),
        class_name="cockpit-moves",
    )


def _waiting_here() -> rx.Var[int]:
    """How many notes of the phase's own kind wait for a reveal (0 outside the writing phases)."""
    return waiting_count(ROOM.phase)  # the writing phases are named as their kinds


def _calls() -> rx.Component:
    """The bar's main action while one is due: showing the phase's notes while they wait for a
    reveal, with how many (teens' critique left hidden all workshop is the mistake a busy
    facilitator makes, review round 2, #7), and opening the first vote (:func:`_vote_call`)."""
    def prompt(kind: str) -> rx.Component:
        count = waiting_count(kind)
        return rx.cond(
            (ROOM.phase == kind) & (count > 0),
            rx.el.div(
                rx.el.button(t(f"moderation.reveal_{kind}"), type="button",
                             on_click=FacilitatorState.reveal(kind, True),
                             aria_describedby="reveal-waiting-note", class_name="button button--primary"),
                rx.el.p(rx.el.strong(count.to_string()), " ", t("cockpit.waiting_to_show"),
                        id="reveal-waiting-note", class_name="cockpit-reason"),
                class_name="cockpit-reveal", data_testid="cockpit-reveal",
            ),
        )
    return rx.fragment(prompt("critique"), prompt("what_if"), _vote_call())


def _no_vote_yet() -> rx.Var[bool]:
    """The vote phase, and no round has been opened in the workshop yet."""
    return (ROOM.phase == "vote") & (RoomView.ballot.round_id == 0)


def _vote_call() -> rx.Component:
    """In the vote phase before any round: the bar's main action opens one with the workshop's
    settings (what to vote on, dots), so "Next" cannot skip the vote by accident; the form
    below still changes them (review round 2, #8)."""
    settings = {"ballot": ROOM.vote_target, "dots": ROOM.dots_per_participant, "per_item": ROOM.max_dots_per_item}
    return rx.cond(
        _no_vote_yet(),
        rx.el.div(
            rx.el.button(t("voting.open_round"), type="button", on_click=FacilitatorState.open_round(settings),
                         aria_describedby="vote-call-note", class_name="button button--primary"),
            rx.el.p(rx.match(ROOM.vote_target, *[(b, t(f"voting.ballot_{b}")) for b in BALLOTS], ""), " · ",
                    ROOM.dots_per_participant.to_string(), " ", t("voting.dots_unit"),
                    id="vote-call-note", class_name="cockpit-reason"),
            class_name="cockpit-reveal", data_testid="cockpit-vote-call",
        ),
    )


def _time_left() -> rx.Component:
    """The time left in large figures: counting, standing still (paused), or –:–– (off)."""
    running = ROOM.timer_ends_at_ms > 0
    paused = ROOM.timer_paused_ms > 0
    return rx.el.div(
        rx.el.span(
            rx.cond(paused, t("cockpit.timer_paused"), t("facilitator.timer_heading")),
            class_name=rx.cond(paused, "cockpit-time-label cockpit-time-label--paused", "cockpit-time-label"),
        ),
        rx.cond(
            running | paused,
            # assets/countdown.js fills the span (a paused one shows data-paused-left).
            rx.el.span(
                custom_attrs={
                    "data-ends-at": ROOM.timer_ends_at_ms.to_string(),
                    "data-server-now": ROOM.server_now_ms.to_string(),
                    "data-paused-left": ROOM.timer_paused_ms.to_string(),
                },
                class_name="cockpit-time",
            ),
            rx.el.span(t("cockpit.timer_off"), class_name="cockpit-time cockpit-time--off"),
        ),
        role="timer",
        id="cockpit-timer",
        class_name="cockpit-timer",
    )


def _small(label: rx.Var, handler, **props) -> rx.Component:
    return rx.el.button(label, type="button", on_click=handler, class_name="small-button", **props)


def _minutes(choices, default: rx.Var | str, key: rx.Var | str) -> rx.Component:
    """The countdown's length: ``default`` chosen first; keyed on the phase, so each new
    phase offers its own suggestion afresh."""
    return rx.el.select(
        rx.foreach(choices, lambda m: rx.el.option(m.to_string() + " " + t("cockpit.minutes"), value=m.to_string())),
        id="timer-minutes", name="minutes", default_value=default, key=key, class_name="input cockpit-minutes",
    )


def _suggested_minutes(step: GuideStepView) -> rx.Component:
    return rx.cond((step.lang == LanguageState.lang) & (step.phase == ROOM.phase),
                   _minutes(step.timer_choices, step.timer_minutes.to_string(), step.phase))


def _timer_controls() -> rx.Component:
    running = ROOM.timer_ends_at_ms > 0
    paused = ROOM.timer_paused_ms > 0
    return rx.el.div(
        rx.cond(
            running | paused,
            rx.fragment(
                rx.cond(
                    paused,
                    _small(t("cockpit.timer_resume"), FacilitatorState.resume_timer),
                    _small(t("cockpit.timer_pause"), FacilitatorState.pause_timer),
                ),
                _small(t("cockpit.timer_add"), FacilitatorState.add_timer_minute),
                _small(t("cockpit.timer_reset"), FacilitatorState.stop_timer),
            ),
            rx.el.form(
                rx.el.label(t("facilitator.timer_minutes"), html_for="timer-minutes", class_name="sr-only"),
                # The phase's time in the guide beside it (the same as the run sheet's).
                rx.cond(FacilitatorState.guide.length() > 0,
                        rx.foreach(FacilitatorState.guide, _suggested_minutes),
                        _minutes(list(phases.TIMER_CHOICES), str(phases.TIMER_DEFAULT_MINUTES), ROOM.phase)),
                rx.el.button(t("cockpit.timer_start"), type="submit", class_name="small-button"),
                on_submit=FacilitatorState.start_timer,
                class_name="cockpit-timer-form",
            ),
        ),
        role="group",
        aria_label=t("facilitator.timer_heading"),
        class_name="cockpit-timer-controls",
    )


def _lock() -> rx.Component:
    locked = ROOM.input_locked
    return rx.el.button(
        t("facilitator.lock"),
        type="button",
        aria_pressed=rx.cond(locked, "true", "false"),
        on_click=FacilitatorState.set_input_locked(~locked),
        class_name="toggle cockpit-lock",
    )


def _presence() -> rx.Component:
    """Who is here by role, in one line: "Nuoret 3 · Vanhemmat 1 … Yhteensä 6"."""
    by_role = RoomView.presence.by_role
    return rx.el.div(
        rx.el.span(t("facilitator.presence_heading"), class_name="cockpit-presence-heading"),
        rx.el.dl(
            *[rx.el.div(rx.el.dt(t(f"role_plural.{r.value}")),
                        rx.el.dd(by_role.get(r.value, 0).to_string(), data_role=r.value),
                        class_name="cockpit-role", data_role_mark=r.value) for r in Role],
            rx.el.div(rx.el.dt(t("facilitator.presence_total")),
                      rx.el.dd(RoomView.presence.total.to_string(), data_role="total"),
                      class_name="cockpit-role cockpit-role--total"),
            class_name="cockpit-presence-list",
        ),
        aria_live="polite",
        class_name="cockpit-presence",
    )


def cockpit_bar() -> rx.Component:
    return rx.el.section(
        rx.el.div(
            rx.el.div(
                rx.el.h1(
                    rx.el.span(ROOM.title, class_name="cockpit-workshop"),
                    rx.el.span("\u00a0–\u00a0", class_name="cockpit-dash"),
                    rx.el.span(phase_name(ROOM.phase), class_name="cockpit-phase"),
                    class_name="cockpit-title",
                ),
                rx.cond(ROOM.input_locked,
                        rx.el.span(rx.icon("lock", size=16, aria_hidden="true"), "\u00a0", t("cockpit.locked_short"),
                                   class_name="cockpit-locked")),
                class_name="cockpit-heading",
            ),
            _moves(),
            _calls(),
            _time_left(),
            rx.el.button(
                t("cockpit.more"),
                type="button",
                aria_expanded=rx.cond(FacilitatorState.more_open, "true", "false"),
                aria_controls="cockpit-more",
                title=t("cockpit.more_label"),
                on_click=FacilitatorState.toggle_more,
                class_name="small-button cockpit-more-button",
            ),
            class_name="cockpit-main",
        ),
        rx.el.div(
            _stepper(),
            rx.el.div(
                _timer_controls(),
                rx.el.button(t("cockpit.screen_link"), rx.el.span("\u00a0↗", aria_hidden="true"), type="button",
                             on_click=FacilitatorState.open_big_screen, class_name="small-button cockpit-screen-link"),
                rx.el.div(_lock(), _presence(), class_name="cockpit-status"),
                class_name="cockpit-row",
            ),
            id="cockpit-more",
            class_name="cockpit-extra",
            data_open=rx.cond(FacilitatorState.more_open, "true", "false"),
        ),
        aria_label=t("cockpit.bar_label"),
        class_name="cockpit",
        data_phase=ROOM.phase,
    )
