"""``/screen/[code]``: the big screen. Read-only; it shows everyone's writing, so it
needs a key, but only the workshop's display key: the facilitator's one-time big-screen
link (``?open=``) hands it over once, and the projector's browser keeps it under its own
name (``BrowserSecrets.display_keys``). The facilitator key opens nothing here, so
the projector never holds it, and no facilitator handler accepts a display key."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx
from sqlalchemy.orm import Session

from workshop.domain.vocabulary import Opener
from workshop.state.facilitator import FacilitatedPage
from workshop.state.secrets import DISPLAY_KEYS, BrowserSecrets, held, remember
from workshop.store import workshops


class ScreenState(FacilitatedPage, rx.State):
    """The projector's view of the workshop in the route (no handlers that change anything)."""

    _opener: ClassVar[Opener] = Opener.DISPLAY

    async def _key(self, code: str) -> str | None:
        return held(await self.get_state(BrowserSecrets), DISPLAY_KEYS, code)

    def _remember_key(self, secrets: BrowserSecrets, code: str, key: str) -> None:
        remember(secrets, DISPLAY_KEYS, code, key)

    def _prove(self, session: Session, code: str, key: str | None) -> bool:
        return workshops.for_display(session, code, key) is not None
