"""The home page's part for portfolios: the invitation a workshop will join, and "create
a SOILA portfolio" with its three one-time links shown once, each with a copy button."""

from __future__ import annotations

import reflex as rx

from workshop.state.home import HomeState
from workshop.state.portfolio_create import PORTFOLIO_CREATE_ERRORS, PortfolioCreation
from workshop.ui.components.form_field import error_message, text_field
from workshop.settings import settings
from workshop.ui.components.renew_link import copy_button, one_time_link
from workshop.ui.components.text import t, t_choice


def invitation_banner() -> rx.Component:
    """Above the create form while this tab holds an invitation."""
    return rx.cond(
        HomeState.invited_to != "",
        rx.el.div(
            rx.el.p(t("portfolio_ui.invited"), " ", rx.el.strong(HomeState.invited_title)),
            rx.el.button(t("portfolio_ui.drop_invitation"), type="button", on_click=HomeState.drop_invitation,
                         class_name="small-button"),
            class_name="notice invitation",
            data_testid="invitation",
        ),
    )


def _link(link_id: str, label_key: str, hint_key: str, link: rx.Var[str]) -> rx.Component:
    return rx.el.div(
        rx.el.h3(t(label_key), id=f"{link_id}-label"),
        rx.el.p(t(hint_key), class_name="field-hint"),
        rx.el.p(one_time_link(link, link_id)),
        copy_button(link, f"{link_id}-label"),
        class_name="created-link",
    )


def _created() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("portfolio_ui.created"), " ", rx.el.strong(PortfolioCreation.portfolio_code, class_name="code")),
        rx.el.p(t("portfolio_ui.created_once"), " ", t("openers.once", days=settings().opener_days),
                class_name="field-hint"),
        _link("coordinator-link", "portfolio_ui.coordinator_link", "portfolio_ui.coordinator_link_hint",
              PortfolioCreation.coordinator_link),
        _link("viewer-link", "portfolio_ui.viewer_link", "portfolio_ui.viewer_link_hint",
              PortfolioCreation.viewer_link),
        _link("invitation-link", "portfolio_ui.invitation_link", "portfolio_ui.invitation_link_hint",
              PortfolioCreation.invitation_link),
        role="status",
        class_name="notice",
        data_testid="portfolio-created",
    )


def create_portfolio_form() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("portfolio_ui.create_heading"), id="create-portfolio-heading"),
        rx.el.p(t("portfolio_ui.create_intro")),
        rx.el.form(
            text_field("portfolio-title", "title", "portfolio_ui.title_label", required=True, max_length=200),
            rx.cond(
                HomeState.passphrase_required,
                text_field("portfolio-passphrase", "passphrase", "home.passphrase_label", "home.passphrase_hint",
                           type="password", required=True, auto_complete="off"),
            ),
            error_message(t_choice(PortfolioCreation.portfolio_error, PORTFOLIO_CREATE_ERRORS), "portfolio-error"),
            rx.el.button(t("portfolio_ui.create_button"), type="submit", class_name="button button--secondary"),
            on_submit=PortfolioCreation.create_portfolio,
            aria_labelledby="create-portfolio-heading",
        ),
        rx.cond(PortfolioCreation.portfolio_code != "", _created()),
        class_name="card",
    )
