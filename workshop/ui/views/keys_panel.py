"""The facilitator's links and keys: the big screen's link (read-only, renewable),
the results link for project preparers (read-only, renewable) and a new facilitator
link when the old one has leaked (``workshop.state.keys``)."""

from __future__ import annotations

import reflex as rx

from workshop.state.facilitator import FacilitatorState
from workshop.ui.components.text import t


def _shown_once(link: rx.Var[str], lead_key: str | None = None) -> rx.Component:
    """A link made a moment ago, announced politely, shown until the page is left."""
    return rx.cond(
        link != "",
        rx.el.p(*([t(lead_key), " "] if lead_key else []),
                rx.el.a(link, href=link, class_name="facilitator-link"), role="status"),
    )


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
        rx.el.h3(t("develop.results_link_heading")),
        rx.el.p(t("develop.results_link_hint"), class_name="field-hint"),
        rx.el.button(t("develop.make_results_link"), type="button", on_click=FacilitatorState.make_results_link,
                     class_name="button button--secondary"),
        _shown_once(FacilitatorState.results_link),
        rx.el.h3(t("keys.rotate_heading")),
        rx.el.p(t("keys.rotate_hint"), class_name="field-hint"),
        rx.el.button(t("keys.rotate"), type="button", on_click=FacilitatorState.rotate_facilitator_key,
                     class_name="button button--secondary"),
        _shown_once(FacilitatorState.facilitator_link, "keys.rotated"),
        aria_labelledby="keys-heading",
        class_name="card",
    )
