"""``/portfolio/[code]``: the SOILA portfolio. The coordinator (coordinator key) sees
everything with the controls; the viewer link (viewer key) shows everything without
them. A wrong key shows nothing but the refusal."""

from __future__ import annotations

import reflex as rx

from workshop.state.opening import USED_PORTFOLIO
from workshop.state.portfolio_page import EXPORT_FORMATS, PORTFOLIO_ERRORS, PortfolioState
from workshop.ui.components.layout import page_frame
from workshop.ui.components.notice import notice
from workshop.settings import settings
from workshop.ui.components.renew_link import another_device, renew_link
from workshop.ui.components.text import t
from workshop.ui.views.portfolio_briefs import brief_list
from workshop.ui.views.portfolio_charts import charts
from workshop.ui.views.portfolio_filters import filters


def _exports() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("portfolio_ui.exports_heading"), id="exports-heading"),
        rx.el.p(rx.cond(PortfolioState.filtered, t("portfolio_ui.exports_filtered"), t("portfolio_ui.exports_all")),
                class_name="field-hint"),
        rx.el.ul(
            *[rx.el.li(rx.el.button(t(f"portfolio_ui.format_{fmt}"), type="button",
                                    on_click=PortfolioState.download(fmt), class_name="button button--secondary"))
              for fmt in EXPORT_FORMATS],
            class_name="downloads downloads--row",
        ),
        aria_labelledby="exports-heading",
        class_name="card portfolio-exports",
        id="exports",
    )


def _coordinator_tools() -> rx.Component:
    """The coordinator's links (each made anew voids the old; a new coordinator link after a
    confirmation step) and deleting the portfolio."""
    return rx.el.details(
        rx.el.summary(t("portfolio_ui.links_heading"), class_name="tools-summary"),
        rx.el.p(t("openers.once", days=settings().opener_days), class_name="field-hint"),
        *renew_link("portfolio_ui.viewer_link_heading", "portfolio_ui.viewer_renew_hint", "portfolio_ui.renew_viewer",
                    PortfolioState.renew_viewer_link, PortfolioState.new_viewer_link,
                    another=("openers.another_viewer", PortfolioState.another_viewer_link)),
        *renew_link("portfolio_ui.invitation_heading", "portfolio_ui.invitation_hint", "portfolio_ui.renew_invitation",
                    PortfolioState.renew_invitation_link, PortfolioState.new_invitation_link,
                    another=("openers.another_invitation", PortfolioState.another_invitation_link)),
        *another_device("openers.another_device", PortfolioState.another_coordinator_link, PortfolioState.device_link,
                        "coordinator-device-link"),
        *renew_link("portfolio_ui.coordinator_heading", "portfolio_ui.coordinator_rotate_hint",
                    "portfolio_ui.rotate_coordinator", PortfolioState.rotate_coordinator_link(True),
                    PortfolioState.new_coordinator_link, "portfolio_ui.rotated",
                    confirm=("portfolio_ui.rotate_question", "portfolio_ui.rotate_yes")),
        rx.el.details(
            rx.el.summary(t("portfolio_ui.delete_heading")),
            rx.el.p(t("portfolio_ui.delete_intro")),
            rx.el.form(
                rx.el.div(
                    rx.el.label(t("portfolio_ui.delete_confirm"), html_for="delete-portfolio-confirm",
                                class_name="field-label"),
                    rx.el.input(id="delete-portfolio-confirm", name="confirm", auto_complete="off", class_name="input"),
                    class_name="field",
                ),
                rx.el.button(t("portfolio_ui.delete_button"), type="submit", class_name="button button--danger"),
                on_submit=PortfolioState.delete_portfolio,
                reset_on_submit=True,
            ),
            class_name="danger-zone",
        ),
        class_name="tools no-print",
    )


def _portfolio() -> rx.Component:
    return rx.el.div(
        rx.el.div(
            rx.el.h1(PortfolioState.title),
            rx.el.p(rx.cond(PortfolioState.coordinator, t("portfolio_ui.mode_coordinator"),
                            t("portfolio_ui.mode_viewer")), class_name="lead", data_testid="portfolio-mode"),
            class_name="portfolio-head",
        ),
        notice(PortfolioState.notice, PORTFOLIO_ERRORS),
        rx.cond(PortfolioState.coordinator, _coordinator_tools()),
        rx.el.div(
            rx.el.div(filters(), _exports(), class_name="portfolio-side"),
            rx.el.div(charts(), brief_list(), class_name="portfolio-body"),
            class_name="portfolio-layout",
        ),
        class_name="portfolio-page",
    )


def portfolio_page() -> rx.Component:
    return page_frame(
        rx.cond(
            PortfolioState.allowed,
            _portfolio(),
            rx.cond(PortfolioState.loaded,
                    rx.el.div(rx.el.h1(t("portfolio_ui.page_title")),
                              rx.el.p(rx.cond(PortfolioState.notice == USED_PORTFOLIO, t(USED_PORTFOLIO),
                                              t("portfolio.key_wrong")), role="alert", class_name="form-error"),
                              class_name="card"),
                    rx.el.p(t("participant.connecting"), role="status")),
        ),
        wide=True,
    )
