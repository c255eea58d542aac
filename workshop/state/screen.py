"""``/screen/[code]``: the big screen. Read-only, but it shows everyone's
writing, so it needs the facilitator's key like the facilitator's view."""

from __future__ import annotations

import reflex as rx

from workshop.state.facilitator import FacilitatedPage


class ScreenState(FacilitatedPage, rx.State):
    """The projector's view of the workshop in the route (no handlers that change anything)."""
