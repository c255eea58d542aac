"""A confirmation step before an action that cannot be taken back (a new facilitator or
coordinator link, forgetting a workshop or a key on this device).

The first press only opens a disclosure (keyboard and screen readers know it as expanded
or collapsed; focus stays on it) holding the question, the red "yes" and Cancel. Cancel,
or Escape inside the step, closes it and gives focus back to what opened it
(assets/confirm.js)."""

from __future__ import annotations

import reflex as rx

from workshop.ui.components.text import t

# The key of the Cancel button's text.
CANCEL = "writing.cancel"


def confirm_step(opener: rx.Var[str] | rx.Component, question: rx.Var[str] | rx.Component, yes: rx.Var[str],
                 on_yes: rx.EventHandler | rx.event.EventSpec, quiet: bool = False, **props: object) -> rx.Component:
    """``opener`` looks like a secondary button (``quiet``: like a link, for the foot of a page)."""
    return rx.el.details(
        rx.el.summary(opener, class_name="confirm-summary link-button" if quiet
                      else "button button--secondary confirm-summary"),
        rx.el.p(question, class_name="confirm-question"),
        rx.el.div(
            rx.el.button(yes, type="button", on_click=on_yes, class_name="button button--danger"),
            rx.el.button(t(CANCEL), type="button", class_name="button button--secondary button--inline",
                         data_confirm_cancel="true"),
            class_name="button-row confirm-actions",
        ),
        class_name="confirm-step confirm-step--quiet" if quiet else "confirm-step",
        **props,
    )
