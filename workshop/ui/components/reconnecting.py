"""What every page shows while its connection to the server is lost: "Reconnecting…",
in the browser's language, until the connection is back.

Reflex's own overlay (a toast "Cannot connect to server … Check if server is reachable
at ws://…", in English, with the server's address) replaces nothing here: this one says
what is happening in words a phone's holder understands, and that nothing is lost. The
browser retries by itself (``reflex_base/.templates/web/utils/state.js``); the message
shows from the first failed attempt (Reflex's ``connectErrors``) and goes once connected.
It is a polite live region, so a screen reader announces it too.
"""

from __future__ import annotations

import reflex as rx
from reflex.components.core.banner import has_connection_errors

from workshop.ui.components.text import t


def reconnecting() -> rx.Component:
    """The banner; goes in the app's overlay slot (see ``workshop/workshop.py``)."""
    return rx.el.div(
        rx.cond(
            has_connection_errors,
            rx.el.p(
                rx.el.span("⟳ ", aria_hidden="true", class_name="reconnecting-mark"),
                rx.el.strong(t("faults.reconnecting")),
                " ",
                t("faults.reconnecting_safe"),
                id="reconnecting",
                class_name="reconnecting",
            ),
        ),
        role="status",
        aria_live="polite",
    )
