"""``/facilitate/[code]``: the facilitator moves the room; every handler proves the key first.

Each handler: authorize (this browser holds this workshop's facilitator key,
checked against the stored hash in the same transaction) → validate through
the domain → store (commit) → tell the room hub, which broadcasts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import reflex as rx
import segno
from sqlalchemy.orm import Session

from workshop.domain import phases
from workshop.domain.creation import InvalidInput
from workshop.domain.vocabulary import Phase, WorkshopStatus
from workshop.live.hub import hub
from workshop.state.secrets import BrowserSecrets
from workshop.state.workshop_page import Refused, WorkshopPage, with_database
from workshop.store import workshops
from workshop.store.models import Workshop
from workshop.store.room_snapshot import room_info

FACILITATOR_ERRORS = (
    "errors.not_facilitator",
    "errors.phase_unknown",
    "errors.timer_range",
)


def qr_svg_data_uri(url: str) -> str:
    """The QR code of ``url`` as an SVG data URI (segno), dark on white."""
    return segno.make(url, error="m").svg_data_uri(scale=8, border=2)


class FacilitatedPage(WorkshopPage, mixin=True):
    """A page that needs this workshop's facilitator key: the facilitator's view and the big screen."""

    authorized: bool = False
    join_url: str = ""
    qr_data_uri: str = ""

    async def _key(self, code: str) -> str | None:
        secrets = await self.get_state(BrowserSecrets)
        return secrets.facilitator_key(code)

    async def load_page(self):
        """Take ``?key=`` into this browser, prove it, and seat this screen in the room."""
        code = self.route_code()
        self.authorized = False
        secrets = await self.get_state(BrowserSecrets)
        given = self.router.url.query_parameters.get("key")
        key = given or (secrets.facilitator_key(code) if code else None)

        def check(session: Session) -> dict | None:
            workshop = workshops.for_facilitator(session, code, key) if code else None
            return room_info(workshop) if workshop else None

        room = await with_database(check)
        if room is None:
            self.notice = "errors.not_facilitator"
            return None
        if given:
            secrets.remember_facilitator_key(code, given)
        self.authorized = True
        self.notice = ""
        self.join_url = f"{self.router.url.origin}/join/{code}"
        self.qr_data_uri = qr_svg_data_uri(self.join_url)
        await hub.join(self.socket_id(), code, host=True, stored={"room": room})
        # Keep the key out of the address bar (and out of photos of the screen).
        return rx.call_script("history.replaceState(null, '', location.pathname)") if given else None


class FacilitatorState(FacilitatedPage, rx.State):
    """The facilitator's controls for the workshop in the route."""

    async def _change(self, apply: Callable[[Workshop], None]) -> None:
        """Authorize, validate and apply one change to the room, then broadcast it."""
        code = self.route_code()
        key = await self._key(code) if code else None

        def work(session: Session) -> None:
            workshop = workshops.for_facilitator(session, code, key) if code else None
            if workshop is None:
                raise Refused("errors.not_facilitator")
            apply(workshop)
            workshops.touch(workshop)

        try:
            await with_database(work)
        except (Refused, InvalidInput) as refused:
            self.notice = refused.key
            return
        self.notice = ""
        hub.changed(code, "room")

    @rx.event
    async def go_to_phase(self, phase: str):
        """Move everyone to ``phase`` (forward, back, skip or rerun)."""
        try:
            target = phases.parse_phase(phase)
        except InvalidInput as refused:
            self.notice = refused.key
            return

        def apply(workshop: Workshop) -> None:
            workshop.phase = target.value

        await self._change(apply)

    @rx.event
    async def step(self, direction: int):
        """One phase forward (1) or back (-1) from the stored phase."""

        if direction not in (1, -1):
            self.notice = "errors.phase_unknown"
            return

        def apply(workshop: Workshop) -> None:
            current = Phase(workshop.phase)
            moved = phases.next_phase(current) if direction == 1 else phases.previous_phase(current)
            if moved is not None:
                workshop.phase = moved.value

        await self._change(apply)

    @rx.event
    async def set_input_locked(self, locked: bool):
        """Lock or unlock writing and voting for everyone."""

        def apply(workshop: Workshop) -> None:
            workshop.input_locked = locked is True

        await self._change(apply)

    @rx.event
    async def set_closed(self, closed: bool):
        """Close the workshop to new participants (and reopen it)."""

        def apply(workshop: Workshop) -> None:
            workshop.status = (WorkshopStatus.CLOSED if closed is True else WorkshopStatus.OPEN).value

        await self._change(apply)

    @rx.event
    async def start_timer(self, form: dict):
        """Start a countdown of ``form["minutes"]`` that every screen shows."""
        try:
            ends = phases.timer_end(datetime.now(UTC), form.get("minutes"))
        except InvalidInput as refused:
            self.notice = refused.key
            return

        def apply(workshop: Workshop) -> None:
            workshop.timer_ends_at = ends

        await self._change(apply)

    @rx.event
    async def stop_timer(self):
        """Clear the countdown."""

        def apply(workshop: Workshop) -> None:
            workshop.timer_ends_at = None

        await self._change(apply)
