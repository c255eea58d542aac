"""A link that is made anew on request (which voids the old one) and shown once: the
facilitator's big-screen, results and facilitator links, the portfolio's viewer and
invitation links."""

from __future__ import annotations

import reflex as rx

from workshop.ui.components.text import t


def shown_once(link: rx.Var[str], lead_key: str | None = None) -> rx.Component:
    """A link made a moment ago, announced politely, shown until the page is left."""
    return rx.cond(
        link != "",
        rx.el.p(*([t(lead_key), " "] if lead_key else []),
                rx.el.a(link, href=link, class_name="facilitator-link"), role="status"),
    )


def renew_link(heading_key: str, hint_key: str, button_key: str, on_click: rx.EventHandler,
               link: rx.Var[str], lead_key: str | None = None) -> list[rx.Component]:
    """Heading, hint, the button that makes the link anew, and the new link once made."""
    return [
        rx.el.h3(t(heading_key)),
        rx.el.p(t(hint_key), class_name="field-hint"),
        rx.el.button(t(button_key), type="button", on_click=on_click, class_name="button button--secondary"),
        shown_once(link, lead_key),
    ]
