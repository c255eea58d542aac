"""The foot of every page: the privacy notice's link and "forget this workshop on this device"
(asked first; not on the cockpit, whose Tools forget its key); and what a screen shows once its
workshop was deleted, its participant removed or its link replaced."""

from __future__ import annotations

import reflex as rx

from workshop.state.room_view import RoomView
from workshop.state.secrets import PORTFOLIO_ROUTE, BrowserSecrets
from workshop.ui.components.confirm import confirm_step
from workshop.ui.components.text import t

# Routes of a workshop's pages end in this parameter (/w/[code], /facilitate/[code], …).
CODE_PARAMETER = "[code]"


def _which(portfolio: str, workshop: str, everything: str) -> rx.Var[str]:
    """The text for this page: a portfolio's, a workshop's, or (elsewhere) every workshop's."""
    on_workshop_page = rx.State.router.route_id.contains(CODE_PARAMETER)
    on_portfolio_page = rx.State.router.route_id.contains(PORTFOLIO_ROUTE)
    return rx.cond(on_portfolio_page, t(portfolio), rx.cond(on_workshop_page, t(workshop), t(everything)))


def forget_footer(forget: bool = True) -> rx.Component:
    """Privacy link, and (``forget``) a quiet link-like button that asks, then removes this
    page's workshop (elsewhere: every workshop) from this browser's storage."""
    return rx.el.footer(
        rx.el.p(rx.el.a(t("privacy.link"), href="/privacy")),
        confirm_step(
            _which("portfolio_ui.forget_this", "privacy.forget_this", "privacy.forget_all"),
            _which("portfolio_ui.forget_question", "privacy.forget_this_question", "privacy.forget_all_question"),
            t("privacy.forget_yes"),
            BrowserSecrets.forget_here,
            quiet=True,
            data_testid="forget-here",
        ) if forget else rx.fragment(),
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
