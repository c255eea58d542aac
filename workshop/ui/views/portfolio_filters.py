"""The portfolio's filters and text search: results follow each change, and the address
bar follows the filter (never a key), so the filtered view can be shared."""

from __future__ import annotations

import reflex as rx

from workshop.state.portfolio_page import FILTER_KINDS, OptionView, PortfolioState
from workshop.ui.components.text import t
from workshop.ui.views.portfolio_labels import NAMES


def _choice(kind: str, option: OptionView) -> rx.Component:
    element_id = f"filter-{kind}-" + option.value
    label = option.label if kind == "workshops" else NAMES[kind](option.value)
    return rx.el.div(
        rx.el.input(type="checkbox", id=element_id, checked=option.on,
                    on_change=lambda on: PortfolioState.toggle_filter(kind, option.value, on)),
        rx.el.label(label, html_for=element_id),
        class_name="choice",
    )


def _kind(kind: str) -> rx.Component:
    options = PortfolioState.options[kind]
    return rx.el.details(
        rx.el.summary(t(f"portfolio_ui.filter_{kind}"),
                      rx.cond(PortfolioState.active_kinds.contains(kind), rx.el.span(" ", t("portfolio_ui.filter_on"),
                                                             class_name="filter-on"))),
        rx.el.fieldset(
            rx.el.legend(t(f"portfolio_ui.filter_{kind}"), class_name="sr-only"),
            rx.foreach(options, lambda option: _choice(kind, option)),
            class_name="choices",
        ),
        class_name="filter-kind",
    )


def filters() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("portfolio_ui.filters_heading"), id="filters-heading"),
        rx.el.div(
            rx.el.label(t("portfolio_ui.search_label"), html_for="portfolio-search", class_name="field-label"),
            rx.el.input(id="portfolio-search", type="search", default_value=PortfolioState.search,
                        key=PortfolioState.search_epoch.to_string(), max_length=200, auto_complete="off",
                        on_change=PortfolioState.set_search.debounce(350), class_name="input"),
            class_name="field",
            role="search",
        ),
        rx.el.div(*[_kind(kind) for kind in FILTER_KINDS], class_name="filter-kinds"),
        rx.el.p(
            rx.el.span(t("portfolio_ui.showing"), " ", rx.el.strong(PortfolioState.shown.to_string()), " / ",
                       PortfolioState.total.to_string()),
            rx.cond(PortfolioState.filtered,
                    rx.el.button(t("portfolio_ui.clear_filters"), type="button",
                                 on_click=PortfolioState.clear_filters, class_name="small-button")),
            aria_live="polite",
            class_name="filter-summary",
            id="filter-summary",
        ),
        rx.cond(PortfolioState.filtered,
                rx.el.p(t("portfolio_ui.share_hint"), class_name="field-hint")),
        aria_labelledby="filters-heading",
        class_name="card portfolio-filters",
        id="filters",
    )
