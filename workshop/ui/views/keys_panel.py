"""The facilitator's links and keys: the big screen's link (read-only, renewable),
the results link for project preparers (read-only, renewable) and a new facilitator
link when the old one has leaked, after a confirmation step: it cuts off every other
facilitator tab and device at once (``workshop.state.keys``)."""

from __future__ import annotations

import reflex as rx

from workshop.state.facilitator import FacilitatorState
from workshop.ui.components.renew_link import renew_link
from workshop.ui.components.text import t


def screen_link_button() -> rx.Component:
    """Opens the big screen in a new tab with its display key (never the facilitator key)."""
    return rx.el.a(t("facilitator.open_screen"), href=FacilitatorState.screen_link, target="_blank",
                   rel="noopener", class_name="button button--secondary")


def keys_panel() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("keys.heading"), id="keys-heading"),
        rx.el.h3(t("keys.screen_heading")),
        rx.el.p(t("keys.screen_hint"), class_name="field-hint"),
        rx.el.div(
            screen_link_button(),
            rx.el.button(t("keys.renew_screen"), type="button", on_click=FacilitatorState.renew_screen_link,
                         class_name="button button--secondary"),
            class_name="button-row",
        ),
        *renew_link("develop.results_link_heading", "develop.results_link_hint", "develop.make_results_link",
                    FacilitatorState.make_results_link, FacilitatorState.results_link),
        *renew_link("keys.rotate_heading", "keys.rotate_hint", "keys.rotate",
                    FacilitatorState.rotate_facilitator_key(True), FacilitatorState.facilitator_link, "keys.rotated",
                    confirm=("keys.rotate_question", "keys.rotate_yes")),
        aria_labelledby="keys-heading",
        class_name="card keys-panel",
    )
