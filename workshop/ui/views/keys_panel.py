"""The facilitator's links and keys, each handed out through one-time links
(``workshop.state.opening``): the big screen (read-only; open it here, a link for another
device, a new key), the results link for project preparers (read-only; one more, a new
key), a link to this cockpit for another device, and a new facilitator link when the old
one has leaked, after a confirmation step: it cuts off every other facilitator tab and
device at once (``workshop.state.keys``)."""

from __future__ import annotations

import reflex as rx

from workshop.settings import settings
from workshop.state.facilitator import FacilitatorState
from workshop.ui.components.renew_link import another_device, renew_link, shown_once
from workshop.ui.components.text import t


def screen_link_button() -> rx.Component:
    """Opens the big screen in a new tab of this browser, through a one-time link that
    carries its display key (never the facilitator key)."""
    return rx.el.button(t("facilitator.open_screen"), type="button", on_click=FacilitatorState.open_big_screen,
                        class_name="button button--secondary")


def keys_panel() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("keys.heading"), id="keys-heading"),
        rx.el.p(t("openers.once", days=settings().opener_days), class_name="field-hint"),
        rx.el.h3(t("keys.screen_heading")),
        rx.el.p(t("keys.screen_hint"), class_name="field-hint"),
        rx.el.div(
            screen_link_button(),
            rx.el.button(t("openers.another_screen"), type="button", on_click=FacilitatorState.another_screen_link,
                         class_name="button button--secondary", data_testid="another-screen-link"),
            rx.el.button(t("keys.renew_screen"), type="button", on_click=FacilitatorState.renew_screen_link,
                         class_name="button button--secondary"),
            class_name="button-row",
        ),
        shown_once(FacilitatorState.screen_link, link_id="screen-link"),
        *renew_link("develop.results_link_heading", "develop.results_link_hint", "develop.make_results_link",
                    FacilitatorState.make_results_link, FacilitatorState.results_link,
                    another=("openers.another_results", FacilitatorState.another_results_link)),
        *another_device("openers.another_device", FacilitatorState.another_facilitator_link,
                        FacilitatorState.device_link, "device-link"),
        *renew_link("keys.rotate_heading", "keys.rotate_hint", "keys.rotate",
                    FacilitatorState.rotate_facilitator_key(True), FacilitatorState.facilitator_link, "keys.rotated",
                    confirm=("keys.rotate_question", "keys.rotate_yes")),
        aria_labelledby="keys-heading",
        class_name="card keys-panel",
    )
