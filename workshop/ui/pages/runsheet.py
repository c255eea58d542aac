"""``/runsheet``: the printable run sheet (agenda, durations, what to say, tips)."""

from __future__ import annotations

import reflex as rx

from workshop.state.guide import GuideStepView
from workshop.state.language import LanguageState
from workshop.state.runsheet import RunSheetState
from workshop.ui.components.layout import page_frame
from workshop.ui.components.room import phase_name
from workshop.ui.components.text import t


def _row(step: GuideStepView) -> rx.Component:
    included = ~RunSheetState.skipped.contains(step.phase)
    box_id = "include-" + step.phase
    return rx.cond(
        step.lang == LanguageState.lang,
        rx.el.tr(
            rx.el.td(
                rx.el.input(type="checkbox", id=box_id, checked=included,
                            on_change=lambda on: RunSheetState.include(step.phase, on)),
                class_name="runsheet-include",
            ),
            rx.el.th(rx.el.label(phase_name(step.phase), html_for=box_id), scope="row"),
            rx.el.td(step.minutes.to_string(), " ", t("cockpit.minutes"), class_name="runsheet-minutes"),
            rx.el.td(rx.foreach(step.say, lambda p: rx.el.p(p))),
            rx.el.td(rx.el.ul(rx.foreach(step.tips, lambda tip: rx.el.li(tip)))),
            data_included=rx.cond(included, "true", "false"),
            class_name="runsheet-row",
        ),
    )


def runsheet_page() -> rx.Component:
    return page_frame(
        rx.el.h1(t("cockpit.runsheet_heading")),
        rx.el.p(t("cockpit.runsheet_intro"), class_name="lead runsheet-controls"),
        rx.el.div(
            rx.el.button(t("cockpit.runsheet_print"), type="button", on_click=rx.call_script("window.print()"),
                         class_name="button button--primary button--inline"),
            rx.el.a(t("cockpit.runsheet_back"), href="/", class_name="button button--secondary"),
            class_name="button-row runsheet-controls",
        ),
        rx.el.div(
            rx.el.table(
                rx.el.thead(rx.el.tr(
                    rx.el.th(t("cockpit.runsheet_include"), scope="col"),
                    rx.el.th(t("cockpit.runsheet_phase"), scope="col"),
                    rx.el.th(t("cockpit.runsheet_duration"), scope="col"),
                    rx.el.th(t("cockpit.runsheet_say"), scope="col"),
                    rx.el.th(t("cockpit.runsheet_tips"), scope="col"),
                )),
                rx.el.tbody(rx.foreach(RunSheetState.guide, _row)),
                rx.el.tfoot(rx.el.tr(
                    rx.el.td(),
                    rx.el.th(t("cockpit.runsheet_total"), scope="row"),
                    rx.el.td(RunSheetState.totals.get(LanguageState.lang, 0).to_string(), " ",
                             t("cockpit.minutes"), id="runsheet-total", class_name="runsheet-minutes"),
                    rx.el.td(), rx.el.td(),
                )),
                class_name="runsheet",
            ),
            class_name="runsheet-scroll",
        ),
        wide=True,
    )
