"""A key per purpose, on the facilitator's page: rotate the facilitator key, the big
screen's link (its read-only display key) and the results link (read-only downloads),
each handed out through one-time links (``workshop.state.opening``), and downloads
through one-time tokens, so that no key ever sits in an address.

Each handler proves this browser's facilitator key against the stored hash in
the same transaction as the change, like every facilitator handler: a tab that
still holds a key rotated away is refused on its next call. Every tab and big
screen open with a replaced key (a rotated facilitator key and the display key
made from it, or the display key a new big-screen link replaces) leaves the
workshop's rooms at once, on every worker, and shows that its link was replaced
(``RoomHub.revoke`` in ``workshop.live.hub``). A results page receives nothing
live: a new results link (or a new facilitator link, which renews the results key)
voids the old one at its next download. Nothing here changes what the other screens
show, so nothing is broadcast.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import reflex as rx
from sqlalchemy.orm import Session

from workshop.api.exports import NAMES as DOWNLOAD_FORMATS
from workshop.domain.creation import InvalidInput
from workshop.domain.vocabulary import Opener
from workshop.live.hub import hub
from workshop.state.opening import TOO_MANY, open_in_new_tab, opener_link
from workshop.state.secrets import FACILITATOR_KEYS, BrowserSecrets, remember
from workshop.state.workshop_page import Refused, with_database
from workshop.store import downloads, openers, workshops
from workshop.store.models import Workshop

T = TypeVar("T")

KEY_ERRORS = ("keys.format_unknown", "keys.rotate_unconfirmed", TOO_MANY)


def download_event(code: str, fmt: str, token: str) -> rx.event.EventSpec:
    """What the browser does with a fresh token: the print page opens in a new tab,
    the other formats download. The token works once, for a minute, so the address
    it leaves in the new tab's history opens nothing."""
    url = f"/api/workshops/{code}/export.{fmt}?token={token}"
    if fmt == "html":
        return open_in_new_tab(url)
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
    """The facilitator's key handlers; the page's state supplies ``_as_facilitator``,
    ``_route_code`` and ``_socket_id``.

    Every link shown here is a one-time link (``workshop.state.opening``): it hands its key
    to the first browser that opens it, which keeps it; the address opens nothing more."""

    # Each shown once, right after it is made: the big screen's link (for another device,
    # or after a new display key) ...
    screen_link: str = ""
    # ... a results link for project preparers ...
    results_link: str = ""
    # ... the facilitator's link for another device ...
    device_link: str = ""
    # ... and the new facilitator link after a rotation.
    facilitator_link: str = ""

    async def _as_facilitator(self, work: Callable[[Session, Workshop, str], T],
                              notice: str = "notice") -> tuple[bool, T | None]:
        raise NotImplementedError  # the page's state supplies it (FacilitatorState)

    async def _hand_out(self, purpose: Opener, key_of: Callable[[Workshop, str], str],
                        renewed: bool = False) -> str | None:
        """Prove the facilitator key, and mint a one-time link for the key
        ``key_of(workshop, facilitator key)`` gives (``renewed``: a key just made anew):
        the link, or None when refused (the refusal in ``notice``)."""
        def mint(session: Session, workshop: Workshop, key: str) -> tuple[str, str]:
            handed = key_of(workshop, key)
            return workshop.code, openers.mint(session, purpose, handed, workshop, limited=not renewed)

        done, made = await self._as_facilitator(mint)
        return opener_link(self, purpose, *made) if done else None

    @rx.event
    async def open_big_screen(self):
        """The big screen in a new tab of this browser, through a one-time link."""
        link = await self._hand_out(Opener.DISPLAY, workshops.display_key)
        return open_in_new_tab(link) if link else None

    @rx.event
    async def another_screen_link(self):
        """A one-time big-screen link for another device (the projector's computer)."""
        if link := await self._hand_out(Opener.DISPLAY, workshops.display_key):
            self.screen_link = link

    @rx.event
    async def renew_screen_link(self):
        """A new display key: a big screen open with the older one leaves the room now, and
        the older links open nothing. Its one-time link is shown once."""
        replaced: list[str] = []

        def renew(workshop: Workshop, key: str) -> str:
            replaced.append(workshops.display_key(workshop, key))
            return workshops.renew_display_key(workshop, key)

        if link := await self._hand_out(Opener.DISPLAY, renew, renewed=True):
            await hub.revoke(self._route_code(), tuple(replaced[-1:]))  # type: ignore[attr-defined]
            self.screen_link = link

    @rx.event
    async def another_results_link(self):
        """A one-time results link for one more project preparer (the same results key)."""
        if link := await self._hand_out(Opener.RESULTS, workshops.results_key_to_hand_out):
            self.results_link = link

    @rx.event
    async def make_results_link(self):
        """A new results key: older results links and the browsers that opened them stop
        working. Its one-time link is shown once."""
        if link := await self._hand_out(Opener.RESULTS, workshops.new_results_key, renewed=True):
            self.results_link = link

    @rx.event
    async def another_facilitator_link(self):
        """A one-time facilitator link for another device (the same facilitator key)."""
        if link := await self._hand_out(Opener.FACILITATOR, lambda _, key: key):
            self.device_link = link

    @rx.event
    async def rotate_facilitator_key(self, confirmed: bool = False):
        """A new facilitator key, after the panel's confirmation step (``confirmed`` True):
        the old one (and the big-screen link made from it) stops working everywhere at once,
        a co-facilitator's tab too, with every one-time link of either; the results key the
        old one could hand out is renewed, so results links and browsers holding it stop
        working too. This browser keeps the new one; its one-time link is shown once.
        Anything but True is refused: nothing stored, nobody unseated, nothing kept."""
        def rotate(session: Session, workshop: Workshop, key: str) -> tuple[str, str, str, tuple[str, str]]:
            if confirmed is not True:
                raise InvalidInput("keys.rotate_unconfirmed")
            replaced = (key, workshops.display_key(workshop, key))
            new = workshops.rotate_facilitator_key(workshop)
            return workshop.code, new, openers.mint(session, Opener.FACILITATOR, new, workshop, limited=False), replaced

        done, made = await self._as_facilitator(rotate)
        if not done:
            return
        code, key, token, replaced = made
        # Every other tab and big screen open with the old keys leaves the room now (and
        # would be refused on its next call, like any key that does not match).
        await hub.revoke(code, replaced, keep=self._socket_id(), kept_key=key)  # type: ignore[attr-defined]
        remember(await self.get_state(BrowserSecrets), FACILITATOR_KEYS, code, key)
        self.facilitator_link = opener_link(self, Opener.FACILITATOR, code, token)
        self.device_link = self.screen_link = self.results_link = ""  # they handed out the old keys

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
