"""The lobby on the big screen: how to join, and who is here."""

from __future__ import annotations

import reflex as rx

from workshop.state.screen import ScreenState
from workshop.ui.components.room import join_block, presence_counts


def lobby_screen() -> rx.Component:
    return rx.el.div(
        join_block(ScreenState.join_url, ScreenState.qr_data_uri, large=True),
        presence_counts(large=True),
        class_name="lobby-screen",
    )
