"""One-time links (``workshop.state.opening``), each shown once with a Copy button: one more
link for the same key, and a new key (which voids the old one and its links), for the
facilitator's big-screen, results and facilitator links and the portfolio's viewer,
invitation and coordinator links.

A one-time link is shown as text, not as a link to follow: opened in this browser it
would only be used up (this browser already holds the key); it is for another device."""

from __future__ import annotations

import reflex as rx

from workshop.ui.components.confirm import confirm_step
from workshop.ui.components.text import t

# What a shown one-time link is: it opens once, and the browser that opens it remembers it.
ONE_TIME_LEAD = "openers.lead"


def copy_button(link: rx.Var[str], described_by: str | None = None) -> rx.Component:
    """Copies ``link`` to the clipboard; ``described_by``: the id of what the link is."""
    return rx.el.button(t("keys.copy"), type="button", on_click=rx.set_clipboard(link),
                        aria_describedby=described_by, class_name="small-button")


def one_time_link(link: rx.Var[str], link_id: str | None = None) -> rx.Component:
    """The text of a one-time link (selectable; not followed from here)."""
    return rx.el.span(link, id=link_id, class_name="facilitator-link one-time-link", data_testid="one-time-link")


def shown_once(link: rx.Var[str], lead_key: str = ONE_TIME_LEAD, link_id: str | None = None) -> rx.Component:
    """A link made a moment ago, announced politely, shown until the page is left."""
    return rx.cond(
        link != "",
        rx.el.div(
            rx.el.p(t(lead_key), " ", one_time_link(link, link_id), role="status"),
            copy_button(link),
            class_name="shown-once",
        ),
    )


def _button(key: str, on_click: rx.EventHandler | rx.event.EventSpec) -> rx.Component:
    return rx.el.button(t(key), type="button", on_click=on_click, class_name="button button--secondary")


def renew_link(heading_key: str, hint_key: str, button_key: str, on_click: rx.EventHandler | rx.event.EventSpec,
               link: rx.Var[str], lead_key: str = ONE_TIME_LEAD,
               confirm: tuple[str, str] | None = None,
               another: tuple[str, rx.EventHandler | rx.event.EventSpec] | None = None) -> list[rx.Component]:
    """Heading, hint, the button that makes the link anew, and the new link once made.

    ``another`` (button key, handler): a button before it that makes one more one-time
    link for the same key, shown in the same place.
    ``confirm`` (question key, yes-button key): the button only opens a confirmation step
    (components/confirm.py) holding the question, the button that makes the link and Cancel."""
    make = confirm_step(t(button_key), t(confirm[0]), t(confirm[1]), on_click) if confirm \
        else _button(button_key, on_click)
    return [
        rx.el.h3(t(heading_key)),
        rx.el.p(t(hint_key), class_name="field-hint"),
        rx.el.div(_button(*another), make, class_name="button-row") if another else make,
        shown_once(link, lead_key),
    ]


def another_device(button_key: str, on_click: rx.EventHandler | rx.event.EventSpec,
                   link: rx.Var[str], link_id: str) -> list[rx.Component]:
    """"On another device": one more one-time link for the key this browser holds."""
    return [
        rx.el.h3(t("openers.device_heading")),
        _button(button_key, on_click),
        shown_once(link, link_id=link_id),
    ]
