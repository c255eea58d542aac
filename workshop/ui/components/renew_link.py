"""A link that is made anew on request (which voids the old one) and shown once, with a
Copy button: the facilitator's big-screen, results and facilitator links, the portfolio's
viewer, invitation and coordinator links."""

from __future__ import annotations

import reflex as rx

from workshop.ui.components.text import t


def copy_button(link: rx.Var[str], described_by: str | None = None) -> rx.Component:
    """Copies ``link`` to the clipboard; ``described_by``: the id of what the link is."""
    return rx.el.button(t("keys.copy"), type="button", on_click=rx.set_clipboard(link),
                        aria_describedby=described_by, class_name="small-button")


def shown_once(link: rx.Var[str], lead_key: str | None = None) -> rx.Component:
    """A link made a moment ago, announced politely, shown until the page is left."""
    return rx.cond(
        link != "",
        rx.el.div(
            rx.el.p(*([t(lead_key), " "] if lead_key else []),
                    rx.el.a(link, href=link, class_name="facilitator-link"), role="status"),
            copy_button(link),
            class_name="shown-once",
        ),
    )


def renew_link(heading_key: str, hint_key: str, button_key: str, on_click: rx.EventHandler | rx.event.EventSpec,
               link: rx.Var[str], lead_key: str | None = None,
               confirm: tuple[str, str] | None = None) -> list[rx.Component]:
    """Heading, hint, the button that makes the link anew, and the new link once made.

    ``confirm`` (question key, yes-button key): the button only opens a confirmation step
    (a disclosure: keyboard and screen readers know it as expanded or collapsed) holding
    the question and the button that makes the link."""
    make = (rx.el.button(t(confirm[1] if confirm else button_key), type="button", on_click=on_click,
                         class_name="button button--danger" if confirm else "button button--secondary"))
    return [
        rx.el.h3(t(heading_key)),
        rx.el.p(t(hint_key), class_name="field-hint"),
        rx.el.details(
            rx.el.summary(t(button_key), class_name="button button--secondary confirm-summary"),
            rx.el.p(t(confirm[0]), class_name="confirm-question"),
            make,
            class_name="confirm-step",
        ) if confirm else make,
        shown_once(link, lead_key),
    ]
