"""While a facilitator page proves its key: connecting, refused, or the content."""

from __future__ import annotations

import reflex as rx

from workshop.state.opening import USED_WORKSHOP
from workshop.ui.components.text import t


def when_authorized(authorized: rx.Var[bool], notice: rx.Var[str], content: rx.Component,
                    refused: str = "facilitator.no_access") -> rx.Component:
    """``refused`` when no key opens the page; a used or expired one-time link says so."""
    return rx.cond(
        authorized,
        content,
        rx.cond(
            notice != "",
            rx.el.p(rx.cond(notice == USED_WORKSHOP, t(USED_WORKSHOP), t(refused)), role="alert",
                    class_name="form-error"),
            rx.el.p(t("participant.connecting"), role="status"),
        ),
    )
