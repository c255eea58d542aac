"""The cockpit's secondary panel: tools a facilitator rarely needs during the workshop."""

from __future__ import annotations

import reflex as rx

from workshop.state.facilitator import FacilitatorState
from workshop.state.room_view import RoomView
from workshop.ui.components.room import join_block
from workshop.ui.components.text import t
from workshop.ui.views.data_controls import data_controls
from workshop.ui.views.keys_panel import keys_panel
from workshop.ui.views.portfolio_tools import portfolio_tools
from workshop.ui.views.prompt_editor import prompt_editor


def _close_toggle() -> rx.Component:
    closed = RoomView.room.status == "closed"
    return rx.el.div(
        rx.el.button(
            t("facilitator.close"),
            type="button",
            aria_pressed=rx.cond(closed, "true", "false"),
            on_click=FacilitatorState.set_closed(~closed),
            class_name="toggle",
        ),
        rx.cond(closed, rx.el.p(t("facilitator.closed_status"), class_name="locked-note")),
        class_name="card",
    )


def tools_panel() -> rx.Component:
    return rx.el.details(
        rx.el.summary(t("cockpit.tools_heading"), class_name="tools-summary"),
        rx.el.p(t("cockpit.tools_hint"), class_name="field-hint"),
        _close_toggle(),
        rx.el.div(join_block(FacilitatorState.join_url, FacilitatorState.qr_data_uri), class_name="card"),
        prompt_editor(),
        keys_panel(),
        portfolio_tools(),
        data_controls(),
        id="tools",
        class_name="tools",
    )
