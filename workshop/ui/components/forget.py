"""The foot of every page: the privacy notice's link and "forget this workshop on this device";
and what a screen shows once its workshop was deleted, its participant removed or its link replaced."""

from __future__ import annotations

import reflex as rx

from workshop.state.room_view import RoomView
from workshop.state.secrets import PORTFOLIO_ROUTE, BrowserSecrets
from workshop.ui.components.text import t

# Routes of a workshop's pages end in this parameter (/w/[code], /facilitate/[code], …).
CODE_PARAMETER = "[code]"


def forget_footer() -> rx.Component:
    """Privacy link, and a button that removes this page's workshop (elsewhere: every
    workshop) from this browser's storage."""
    on_workshop_page = rx.State.router.route_id.contains(CODE_PARAMETER)
    on_portfolio_page = rx.State.router.route_id.contains(PORTFOLIO_ROUTE)
    return rx.el.footer(
        rx.el.p(rx.el.a(t("privacy.link"), href="/privacy")),
        rx.el.button(
            rx.cond(on_portfolio_page, t("portfolio_ui.forget_this"),
                    rx.cond(on_workshop_page, t("privacy.forget_this"), t("privacy.forget_all"))),
            type="button",
            on_click=BrowserSecrets.forget_here,
            class_name="button button--secondary button--inline",
            data_testid="forget-here",
        ),
        # A live region, not role=status: pages keep their one status message.
        rx.el.p(rx.cond(BrowserSecrets.forgotten, t("privacy.forgotten"), ""), aria_live="polite",
                class_name="field-hint", data_testid="forgotten"),
        class_name="site-footer",
    )


def ended_notice() -> rx.Component:
    """Instead of the page: this workshop was deleted, this participant removed, or the
    link this screen was opened with replaced by a new one."""
    return rx.el.div(
        rx.el.h1(rx.match(RoomView.ended, ("deleted", t("privacy.ended_deleted")),
                          ("replaced", t("privacy.ended_replaced")), t("privacy.ended_removed"))),
        rx.el.p(rx.el.a(t("privacy.back_home"), href="/")),
        role="alert",
        class_name="card ended-notice",
        data_testid="workshop-ended",
        # What this device kept for the workshop goes too (checked on the server first).
        on_mount=BrowserSecrets.forget_ended,
    )


def unless_ended(*children: rx.Component) -> rx.Component:
    """The page's content while its workshop lasts; the ended notice after."""
    return rx.cond(RoomView.ended != "", ended_notice(), rx.fragment(*children))
