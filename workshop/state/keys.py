"""A key per purpose, on the facilitator's page: rotate the facilitator key, the big
screen's link (its read-only display key) and the results link (read-only downloads),
and downloads through one-time tokens so that no key ever sits in an address.

Each handler proves this browser's facilitator key against the stored hash in
the same transaction as the change, like every facilitator handler: a tab that
still holds a key rotated away is refused on its next call. Every tab and big
screen open with a replaced key (a rotated facilitator key and the display key
made from it, or the display key a new big-screen link replaces) leaves the
workshop's rooms at once, on every worker, and shows that its link was replaced
(``RoomHub.revoke`` in ``workshop.live.hub``). A results page receives nothing
live: a new results link voids the old one at its next download. Nothing here
changes what the other screens show, so nothing is broadcast.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import reflex as rx
from sqlalchemy.orm import Session

from workshop.api.exports import NAMES as DOWNLOAD_FORMATS
from workshop.domain.creation import InvalidInput
from workshop.live.hub import hub
from workshop.state.secrets import FACILITATOR_KEYS, BrowserSecrets, remember
from workshop.state.workshop_page import Refused, with_database
from workshop.store import downloads, workshops
from workshop.store.models import Workshop

T = TypeVar("T")

KEY_ERRORS = ("keys.format_unknown", "keys.rotate_unconfirmed")


def download_event(code: str, fmt: str, token: str) -> rx.event.EventSpec:
    """What the browser does with a fresh token: the print page opens in a new tab,
    the other formats download. The token works once, for a minute, so the address
    it leaves in the new tab's history opens nothing."""
    url = f"/api/workshops/{code}/export.{fmt}?token={token}"
    if fmt == "html":
        # Opened while the click still counts as the person's (a browser allows a new
        # tab for some seconds after it); if it is blocked anyway, this tab goes there.
        return rx.call_script(f"(w => {{ if (w) w.opener = null; else location.assign({url!r}); }})"
                              f"(window.open({url!r}, '_blank'))")
    return rx.download(url=url, filename=f"entajos-{code}.{'zip' if fmt == 'csv' else fmt}")


async def mint_download(code: str | None, fmt: object, prove: Callable[[Session, str], Workshop | None],
                        refusal: str = "errors.not_facilitator") -> rx.event.EventSpec:
    """A one-time download of ``fmt`` for the workshop ``prove`` opens; raises Refused."""
    if not isinstance(fmt, str) or fmt not in DOWNLOAD_FORMATS:
        raise Refused("keys.format_unknown")

    def mint(session: Session) -> str:
        workshop = prove(session, code) if code else None
        if workshop is None:
            raise Refused(refusal)
        return downloads.mint(session, workshop)

    token = await with_database(mint)
    return download_event(code, fmt, token)


class KeyManagement(rx.State, mixin=True):
    """The facilitator's key handlers; the page's state supplies ``_key`` and ``_route_code``."""

    # The big screen's link, carrying its display key (never the facilitator key).
    screen_link: str = ""
    # Shown once, right after it is made: the read-only results link for project preparers ...
    results_link: str = ""
    # ... and the new facilitator link after a rotation.
    facilitator_link: str = ""

    def _prove(self, session: Session, code: str, key: str | None) -> object | None:
        """On page load: the facilitator key opens the page, and gives the big screen's key."""
        workshop = workshops.for_facilitator(session, code, key)
        return workshops.display_key(workshop, key) if workshop is not None and key else None

    def _proved(self, code: str, proof: object) -> None:
        self.screen_link = self._screen_link(code, str(proof))

    def _screen_link(self, code: str, display_key: str) -> str:
        return f"{self.router.url.origin}/screen/{code}?key={display_key}"

    async def _as_facilitator(self, work: Callable[[Session, Workshop, str], T],
                              notice: str = "notice") -> tuple[bool, T | None]:
        raise NotImplementedError  # the page's state supplies it (FacilitatorState)

    @rx.event
    async def rotate_facilitator_key(self, confirmed: bool = False):
        """A new facilitator key, after the panel's confirmation step (``confirmed`` True):
        the old one (and the big-screen link made from it) stops working everywhere at once,
        a co-facilitator's tab too. This browser keeps the new one; the new link is shown once.
        Anything but True is refused: nothing stored, nobody unseated, nothing kept."""
        def rotate(_: Session, workshop: Workshop, old: str) -> tuple[str, str, str, tuple[str, str]]:
            if confirmed is not True:
                raise InvalidInput("keys.rotate_unconfirmed")
            replaced = (old, workshops.display_key(workshop, old))
            key = workshops.rotate_facilitator_key(workshop)
            return workshop.code, key, workshops.display_key(workshop, key), replaced

        done, made = await self._as_facilitator(rotate)
        if not done:
            return
        code, key, display, replaced = made
        # Every other tab and big screen open with the old keys leaves the room now (and
        # would be refused on its next call, like any key that does not match).
        await hub.revoke(code, replaced, keep=self._socket_id(), kept_key=key)  # type: ignore[attr-defined]
        remember(await self.get_state(BrowserSecrets), FACILITATOR_KEYS, code, key)
        self.facilitator_link = f"{self.router.url.origin}/facilitate/{code}?key={key}"
        self.screen_link = self._screen_link(code, display)

    @rx.event
    async def renew_screen_link(self):
        """A new big-screen link; a big screen open with the old one leaves the room now."""
        def renew(_: Session, workshop: Workshop, key: str) -> tuple[str, str]:
            old = workshops.display_key(workshop, key)
            return old, workshops.renew_display_key(workshop, key)

        done, made = await self._as_facilitator(renew)
        if done:
            old, display = made
            await hub.revoke(self._route_code(), (old,))  # type: ignore[attr-defined]
            self.screen_link = self._screen_link(self._route_code(), display)  # type: ignore[attr-defined]

    @rx.event
    async def make_results_link(self):
        """A new read-only link for project preparers (an older one stops working)."""
        done, made = await self._as_facilitator(lambda _, workshop, __: workshops.new_results_key(workshop))
        if done:
            self.results_link = f"{self.router.url.origin}/results/{self._route_code()}?key={made}"  # type: ignore[attr-defined]

    @rx.event
    async def download(self, fmt: str):
        """One download of ``fmt`` through a one-time token (no key in any address)."""
        code = self._route_code()  # type: ignore[attr-defined]
        key = await self._key(code) if code else None  # type: ignore[attr-defined]
        try:
            event = await mint_download(code, fmt, lambda s, c: workshops.for_facilitator(s, c, key))
        except Refused as refused:
            self.notice = refused.key  # type: ignore[attr-defined]
            return None
        self.notice = ""  # type: ignore[attr-defined]
        return event
