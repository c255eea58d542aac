"""``/results/[code]``: downloads for project preparers (read only)."""

from __future__ import annotations

import reflex as rx

from workshop.state.results_page import ResultsState
from workshop.ui.components.layout import page_frame
from workshop.ui.components.text import t
from workshop.ui.views.develop import FORMATS


def results_page() -> rx.Component:
    return page_frame(
        rx.cond(
            ResultsState.allowed,
            rx.el.section(
                rx.el.h1(ResultsState.title),
                rx.el.p(t("develop.results_page_lead"), class_name="lead"),
                rx.el.ul(
                    *[rx.el.li(rx.el.a(t(f"develop.format_{fmt}"),
                                       href=ResultsState.export_base + fmt + ResultsState.export_query,
                                       download=fmt != "html", reload_document=True,
                                       class_name="download-link"))
                      for fmt in FORMATS],
                    class_name="downloads",
                ),
                class_name="card",
            ),
            rx.cond(ResultsState.notice != "",
                    rx.el.p(t("errors.export_refused"), role="alert", class_name="form-error"),
                    rx.el.p(t("participant.connecting"), role="status")),
        ),
    )
