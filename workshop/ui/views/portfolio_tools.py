"""The cockpit's SOILA portfolio card (under Tools): where and when the workshop was held,
joining a portfolio by pasting its invitation link, and publishing chosen briefs to it
or withdrawing them. Nothing reaches the portfolio unless published here."""

from __future__ import annotations

import reflex as rx

from workshop.state.facilitator import FacilitatorState
from workshop.state.publishing import PUBLISH_ERRORS
from workshop.state.room_view import BriefView, RoomView
from workshop.ui.components.form_field import text_field
from workshop.ui.components.notice import notice
from workshop.ui.components.text import t
from workshop.ui.components.where_when import where_when_fields

PUBLISHING = FacilitatorState.publishing


def _where_when() -> rx.Component:
    return rx.el.form(
        where_when_fields("cockpit", FacilitatorState.held_min, FacilitatorState.held_max,
                          PUBLISHING.region, PUBLISHING.held_on),
        rx.el.button(t("portfolio_ui.save_where_when"), type="submit", class_name="button button--secondary"),
        on_submit=FacilitatorState.save_where_when,
        aria_label=t("portfolio_ui.where_when_heading"),
    )


def _join() -> rx.Component:
    return rx.el.form(
        text_field("join-portfolio", "invitation", "portfolio_ui.paste_invitation", "portfolio_ui.paste_hint",
                   auto_complete="off", max_length=500),
        rx.el.button(t("portfolio_ui.join_button"), type="submit", class_name="button button--secondary"),
        on_submit=FacilitatorState.join_portfolio,
        reset_on_submit=True,
        aria_label=t("portfolio_ui.join_heading"),
    )


def _brief_row(brief: BriefView) -> rx.Component:
    mark = PUBLISHING.published.get(brief.id.to_string(), "")
    return rx.el.li(
        rx.el.span(brief.title, class_name="publish-title"),
        rx.el.span(
            rx.match(mark, ("published", t("portfolio_ui.published")), ("changed", t("portfolio_ui.changed_since")),
                     t("portfolio_ui.not_published")),
            class_name="publish-mark", data_mark=rx.cond(mark != "", mark, "none"),
        ),
        rx.el.span(
            rx.cond(mark != "",
                    rx.fragment(
                        rx.cond(mark == "changed",
                                rx.el.button(t("portfolio_ui.publish_again"), type="button",
                                             on_click=FacilitatorState.publish_brief(brief.id),
                                             class_name="small-button")),
                        rx.el.button(t("portfolio_ui.withdraw"), type="button",
                                     on_click=FacilitatorState.withdraw_brief(brief.id), class_name="small-button"),
                    ),
                    rx.el.button(t("portfolio_ui.publish"), type="button",
                                 on_click=FacilitatorState.publish_brief(brief.id), class_name="small-button")),
            class_name="publish-actions",
        ),
        class_name="publish-row",
    )


def _member() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("portfolio_ui.member_of"), " ", rx.el.strong(PUBLISHING.portfolio_title), data_testid="membership",
               class_name="membership"),
        rx.el.h3(t("portfolio_ui.publish_heading")),
        rx.el.p(t("portfolio_ui.publish_hint"), class_name="field-hint"),
        rx.cond(
            RoomView.briefs.length() > 0,
            rx.el.ul(rx.foreach(RoomView.briefs, _brief_row), class_name="publish-list"),
            rx.el.p(t("portfolio_ui.no_briefs")),
        ),
        rx.el.details(
            rx.el.summary(t("portfolio_ui.leave_heading")),
            rx.el.p(t("portfolio_ui.leave_hint"), class_name="field-hint"),
            rx.el.button(t("portfolio_ui.leave_button"), type="button", on_click=FacilitatorState.leave_portfolio,
                         class_name="button button--secondary"),
            class_name="danger-zone",
        ),
    )


def portfolio_tools() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("portfolio_ui.tools_heading"), id="portfolio-tools-heading"),
        notice(FacilitatorState.publish_notice, PUBLISH_ERRORS, element_id="publish-notice"),
        rx.el.h3(t("portfolio_ui.where_when_heading")),
        _where_when(),
        rx.cond(
            PUBLISHING.portfolio_code != "",
            _member(),
            rx.fragment(rx.el.h3(t("portfolio_ui.join_heading")), rx.el.p(t("portfolio_ui.join_hint"),
                                                                          class_name="field-hint"), _join()),
        ),
        aria_labelledby="portfolio-tools-heading",
        class_name="card",
        data_testid="portfolio-tools",
    )
