"""``/results/[code]``: downloads for project preparers (read only)."""

from __future__ import annotations

import reflex as rx

from workshop.state.opening import USED_WORKSHOP
from workshop.state.results_page import RESULTS_ERRORS, ResultsState
from workshop.ui.components.notice import notice
from workshop.ui.components.layout import page_frame
from workshop.ui.components.text import t
from workshop.ui.views.develop import download_buttons


def results_page() -> rx.Component:
    return page_frame(
        rx.cond(
            ResultsState.allowed,
            rx.el.section(
                rx.el.h1(ResultsState.title),
                rx.el.p(t("develop.results_page_lead"), class_name="lead"),
                rx.cond(ResultsState.notice != "", notice(ResultsState.notice, RESULTS_ERRORS)),
                download_buttons(ResultsState.download),
                class_name="card",
            ),
            rx.cond(ResultsState.notice != "",
                    rx.el.p(rx.cond(ResultsState.notice == USED_WORKSHOP, t(USED_WORKSHOP), t("errors.export_refused")),
                            role="alert", class_name="form-error"),
                    rx.el.p(t("participant.connecting"), role="status")),
        ),
    )
