"""The facilitator's guide for the phase on now: what to say, how long, tips. It folds away,
and opens again at the next phase. Where it stands above the phase's work (narrower than
the cockpit's two columns, a phone) it starts folded: its summary, a disclosure button that
names the phase and its minutes, opens it."""

from __future__ import annotations

import reflex as rx

from workshop.state.facilitator import FacilitatorState
from workshop.state.guide import GuideStepView
from workshop.state.language import LanguageState
from workshop.state.room_view import RoomView
from workshop.ui.components.room import phase_name
from workshop.ui.components.text import t

# Open from the start only where the guide stands beside the work (cockpit.css: 60rem). The
# guide mounts in the browser only (after the facilitator key is proven), where window exists.
_WIDE = rx.Var(_js_expr="(typeof window === 'undefined' || window.matchMedia('(min-width: 60rem)').matches)",
               _var_type=bool)


def _step(step: GuideStepView) -> rx.Component:
    return rx.cond(
        (step.lang == LanguageState.lang) & (step.phase == RoomView.room.phase),
        rx.el.details(
            rx.el.summary(
                # One box beside the arrow: on a phone the words wrap under each other, not
                # the arrow alone on a line of its own.
                rx.el.span(
                    t("cockpit.guide_heading"), ": ", phase_name(RoomView.room.phase),
                    rx.el.span(" · ", step.minutes.to_string(), " ", t("cockpit.minutes"), class_name="guide-minutes"),
                    class_name="guide-summary-text",
                ),
                class_name="guide-summary",
            ),
            rx.el.h2(t("cockpit.guide_say"), class_name="guide-subheading"),
            rx.el.div(rx.foreach(step.say, lambda p: rx.el.p(p)), class_name="guide-say"),
            rx.el.h2(t("cockpit.guide_tips"), class_name="guide-subheading"),
            rx.el.ul(rx.foreach(step.tips, lambda tip: rx.el.li(tip)), class_name="guide-tips"),
            rx.el.p(t("cockpit.guide_duration"), ": ", step.minutes.to_string(), " ", t("cockpit.minutes"),
                    class_name="field-hint"),
            open=_WIDE,
            # A new phase mounts its guide afresh: open again (on a wide screen), even if the
            # last one was folded.
            key=step.phase,
            class_name="guide card",
        ),
    )


def guide_panel() -> rx.Component:
    return rx.foreach(FacilitatorState.guide, _step)
