"""``/screen/[code]``: the big screen. Read-only; it shows everyone's writing, so it
needs a key, but only the workshop's display key: the facilitator's "big screen"
link carries it, and the projector's browser keeps it under its own name
(``BrowserSecrets.display_keys``). The facilitator key opens nothing here, so
the projector never holds it, and no facilitator handler accepts a display key."""

from __future__ import annotations

import reflex as rx
from sqlalchemy.orm import Session

from workshop.state.facilitator import FacilitatedPage
from workshop.state.secrets import DISPLAY_KEYS, BrowserSecrets, held, remember
from workshop.store import workshops


class ScreenState(FacilitatedPage, rx.State):
    """The projector's view of the workshop in the route (no handlers that change anything)."""

    async def _key(self, code: str) -> str | None:
        return held(await self.get_state(BrowserSecrets), DISPLAY_KEYS, code)

    def _remember_key(self, secrets: BrowserSecrets, code: str, key: str) -> None:
        remember(secrets, DISPLAY_KEYS, code, key)

    def _prove(self, session: Session, code: str, key: str | None) -> object | None:
        return True if workshops.for_display(session, code, key) is not None else None
