"""``/privacy``: the privacy notice (static text; its numbers come from workshop/settings.py)."""

from __future__ import annotations

import reflex as rx

from workshop.state.language import PageLoad


class PrivacyState(PageLoad, rx.State):
    """Only the page's language: the notice itself is compiled from the catalog and the settings."""
