"""``/results/[code]?open=…``: the read-only results link for project preparers.

The key is the workshop's results key (the facilitator key opens nothing here);
it grants the downloads and nothing else: this page has no handler that changes
anything. A one-time link hands the key over (``workshop.state.opening``); the page
keeps it in this browser and drops the link from the address bar; each download goes
through a one-time token (no key in its address).
"""

from __future__ import annotations

import reflex as rx
from sqlalchemy.orm import Session

from workshop.domain.vocabulary import Opener
from workshop.state.keys import KEY_ERRORS, mint_download
from workshop.state.opening import FORGET_ADDRESS_QUERY, USED_WORKSHOP, address_to_forget, given_opener, key_that_opens
from workshop.state.secrets import RESULTS_KEYS, BrowserSecrets, held, remember
from workshop.state.workshop_page import Refused, WorkshopPage, with_database
from workshop.store import workshops
from workshop.store.models import Workshop

RESULTS_ERRORS = ("errors.export_refused", USED_WORKSHOP, *KEY_ERRORS)


class ResultsState(WorkshopPage, rx.State):
    title: str = ""
    allowed: bool = False

    async def _load_page(self):
        """Take the key a one-time link hands over (or the one this browser holds) and show
        the workshop's title and downloads when it is the results key."""
        code = self._route_code()
        secrets = await self.get_state(BrowserSecrets)
        opener = given_opener(self)
        kept = held(secrets, RESULTS_KEYS, code) if code else None

        def look(session: Session) -> tuple[str, Workshop] | None:
            return key_that_opens(session, (Opener.RESULTS,), code, opener, (kept,),
                                  lambda key: workshops.for_results(session, code, key))

        found = await with_database(look) if code else None
        self.allowed = found is not None
        self.notice = "" if found else USED_WORKSHOP if opener else "errors.export_refused"
        self.title = found[1].title if found else ""
        if found and found[0] != kept:
            remember(secrets, RESULTS_KEYS, code, found[0])
        return rx.call_script(FORGET_ADDRESS_QUERY) if address_to_forget(self) else None

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
