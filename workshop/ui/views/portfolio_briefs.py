"""The portfolio's briefs, one card each: where they come from, the brief, its vote, and
its preparation status with the dated notes. The coordinator sets the status here;
a viewer sees the same without the form."""

from __future__ import annotations

import reflex as rx

from workshop.state.portfolio_page import BriefCard, HistoryView, PortfolioState, RoleDotsView
from workshop.ui.components.text import t
from workshop.ui.views.portfolio_labels import (
    characteristic_name, goal_name, quadrant_name, region_name, role_name, status_name,
)

TEXT_FIELDS = ("what_if", "need", "target_group", "first_experiment", "involved", "obstacles")


def _text(brief: BriefCard, field: str) -> rx.Component:
    value = getattr(brief, field)
    return rx.cond(value != "", rx.fragment(rx.el.dt(t(f"develop.field_{field}")),
                                            rx.el.dd(value, class_name="brief-text")))


def _tags(values: rx.Var[list[str]], name, heading_key: str) -> rx.Component:
    return rx.cond(values.length() > 0, rx.fragment(
        rx.el.dt(t(heading_key)),
        rx.el.dd(rx.el.ul(rx.foreach(values, lambda value: rx.el.li(name(value), class_name="tag")),
                          class_name="tag-list")),
    ))


def _role_dots(row: RoleDotsView) -> rx.Component:
    return rx.el.li(role_name(row.role), rx.cond(row.members.length() > 0, " (" + row.members.join(", ") + ")", ""),
                    ": ", row.dots.to_string(), " ", t("portfolio_ui.dots"))


def _vote(brief: BriefCard) -> rx.Component:
    return rx.cond(brief.voted, rx.fragment(
        rx.el.dt(t("portfolio_ui.vote_heading")),
        rx.el.dd(
            rx.el.p(brief.dots.to_string(), " ", t("portfolio_ui.dots"),
                    rx.cond(brief.rank > 0, rx.fragment(" · ", t("portfolio_ui.rank"), " ", brief.rank.to_string()), ""),
                    " · ", brief.voters.to_string(), " ", t("portfolio_ui.voters")),
            rx.cond(brief.by_role.length() > 0, rx.el.ul(rx.foreach(brief.by_role, _role_dots), class_name="by-role")),
        ),
    ))


def _history(entry: HistoryView) -> rx.Component:
    return rx.el.li(rx.el.time(entry.at, date_time=entry.at), " · ", status_name(entry.status),
                    rx.cond(entry.note != "", rx.fragment(" · ", rx.el.span(entry.note, class_name="brief-text")), ""))


def _status_form(brief: BriefCard) -> rx.Component:
    """Status and note. The controls carry no id (labels wrap them): in a list, ids would make
    the form read its fields through refs shared by every card, not from this form."""
    return rx.el.form(
        rx.el.input(type="hidden", name="published_id", default_value=brief.id.to_string()),
        rx.el.label(
            rx.el.span(t("portfolio_ui.status_label"), class_name="field-label"),
            rx.el.select(rx.foreach(brief.next_statuses, lambda s: rx.el.option(status_name(s), value=s)),
                         name="status", default_value=brief.status, class_name="input"),
            class_name="field",
        ),
        rx.el.label(
            rx.el.span(t("portfolio_ui.note_label"), class_name="field-label"),
            rx.el.textarea(name="note", rows=2, max_length=1000, class_name="input"),
            class_name="field",
        ),
        rx.el.button(t("portfolio_ui.status_save"), type="submit", class_name="button button--secondary"),
        on_submit=PortfolioState.set_status,
        # A new form for each brief and after each saved status: its fields start afresh.
        key="status-" + brief.id.to_string() + "-" + brief.history.length().to_string(),
        class_name="status-form",
    )


def _card(brief: BriefCard) -> rx.Component:
    heading_id = "brief-" + brief.id.to_string()
    return rx.el.article(
        rx.el.h3(brief.title, id=heading_id),
        rx.el.p(brief.workshop, " · ", region_name(brief.region),
                rx.cond(brief.held_on != "", rx.fragment(" · ", rx.el.time(brief.held_on, date_time=brief.held_on)), ""),
                class_name="brief-origin"),
        rx.el.p(
            rx.el.span(t("portfolio_ui.status_heading"), ": ", class_name="field-label"),
            rx.el.strong(status_name(brief.status), class_name="status-badge", data_status=brief.status),
            rx.cond(brief.status_at != "", rx.fragment(" · ", rx.el.time(brief.status_at, date_time=brief.status_at)), ""),
            rx.cond(brief.status_note != "", rx.fragment(" · ", rx.el.span(brief.status_note, class_name="brief-text")), ""),
            class_name="brief-status",
        ),
        rx.el.dl(
            rx.el.dt(t("portfolio_ui.table_quadrant")), rx.el.dd(quadrant_name(brief.quadrant)),
            *[_text(brief, field) for field in TEXT_FIELDS],
            _tags(brief.goals, goal_name, "portfolio_ui.goals_heading"),
            _tags(brief.characteristics, characteristic_name, "portfolio_ui.table_characteristic"),
            rx.cond(brief.quotes.length() > 0, rx.fragment(
                rx.el.dt(t("portfolio_ui.quotes")),
                rx.el.dd(rx.el.ul(rx.foreach(brief.quotes, lambda q: rx.el.li(rx.el.q(q), class_name="brief-text")),
                                  class_name="quotes")),
            )),
            _vote(brief),
            class_name="brief-fields",
        ),
        rx.cond(brief.history.length() > 1, rx.el.details(
            rx.el.summary(t("portfolio_ui.history_heading")),
            rx.el.ul(rx.foreach(brief.history, _history), class_name="status-history"),
        )),
        rx.cond(PortfolioState.coordinator, _status_form(brief)),
        aria_labelledby=heading_id,
        key=heading_id,
        class_name="portfolio-brief",
        data_testid="portfolio-brief",
    )


def brief_list() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("portfolio_ui.briefs_heading"), id="briefs-heading"),
        rx.cond(PortfolioState.briefs.length() > 0,
                rx.el.div(rx.foreach(PortfolioState.briefs, _card), class_name="portfolio-briefs"),
                rx.el.p(rx.cond(PortfolioState.total > 0, t("portfolio_ui.none_match"), t("portfolio_ui.none_yet")))),
        aria_labelledby="briefs-heading",
        class_name="card",
        id="briefs",
    )
