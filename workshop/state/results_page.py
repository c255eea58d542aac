"""``/results/[code]?key=…``: the read-only results link for project preparers.

The key is the workshop's results key (the facilitator key opens nothing here);
it grants the downloads and nothing else: this page has no handler that changes
anything. The page takes the key into this tab's sessionStorage and out of the
address bar; each download goes through a one-time token (no key in its address).
"""

from __future__ import annotations

import reflex as rx
from sqlalchemy.orm import Session

from workshop.state.facilitator import FORGET_ADDRESS_QUERY
from workshop.state.keys import KEY_ERRORS, mint_download
from workshop.state.secrets import RESULTS_KEYS, BrowserSecrets, held, remember
from workshop.state.workshop_page import Refused, WorkshopPage, with_database
from workshop.store import workshops

RESULTS_ERRORS = ("errors.export_refused", *KEY_ERRORS)


class ResultsState(WorkshopPage, rx.State):
    title: str = ""
    allowed: bool = False

    async def _load_page(self):
        code = self._route_code()
        secrets = await self.get_state(BrowserSecrets)
        given = self.router.url.query_parameters.get("key")
        key = given or held(secrets, RESULTS_KEYS, code)

        def look(session: Session) -> str | None:
            workshop = workshops.for_results(session, code, key) if code else None
            return workshop.title if workshop is not None else None

        title = await with_database(look)
        self.allowed = title is not None
        self.notice = "" if self.allowed else "errors.export_refused"
        self.title = title or ""
        if self.allowed and given:
            remember(secrets, RESULTS_KEYS, code, given)
        return rx.call_script(FORGET_ADDRESS_QUERY) if given else None

    @rx.event
    async def download(self, fmt: str):
        """One download of ``fmt`` through a one-time token, for this tab's results key."""
        code = self._route_code()
        key = held(await self.get_state(BrowserSecrets), RESULTS_KEYS, code)
        try:
            event = await mint_download(code, fmt, lambda s, c: workshops.for_results(s, c, key),
                                        "errors.export_refused")
        except Refused as refused:
            self.notice = refused.key
            return None
        self.notice = ""
        return event
