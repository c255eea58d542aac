"""``/join/[code]`` and ``/w/[code]``: joining with a role, and the participant's own page.

A participant's identity is a secret token kept in this browser; the server
stores only its hash. Every participant handler finds the participant by that
token within the workshop of the route, so nobody can act as someone else.
"""

from __future__ import annotations

import reflex as rx
from sqlalchemy.orm import Session

from workshop.domain.creation import InvalidInput
from workshop.domain.participation import parse_participant
from workshop.domain.vocabulary import WorkshopStatus
from workshop.live.hub import hub
from workshop.state.secrets import BrowserSecrets
from workshop.state.workshop_page import WorkshopPage, with_database
from workshop.store import participants, workshops
from workshop.store.room_snapshot import room_info

JOIN_ERRORS = (
    "errors.code_unknown",
    "errors.workshop_closed",
    "errors.role_required",
    "errors.nickname_too_long",
)


class JoinState(WorkshopPage, rx.State):
    """The join page: which workshop, and the form."""

    title: str = ""
    challenge: str = ""
    open_for_joining: bool = False

    async def load_page(self):
        """Show the workshop; a browser that already joined goes straight in."""
        code = self.route_code()
        self.open_for_joining = False
        if code is None:
            self.notice = "errors.code_unknown"
            return None
        token = (await self.get_state(BrowserSecrets)).participant_token(code)

        def look(session: Session) -> tuple[str, str, str, bool] | None:
            workshop = workshops.find_by_code(session, code)
            if workshop is None:
                return None
            known = participants.for_token(session, workshop, token) is not None
            return workshop.title, workshop.challenge, workshop.status, known

        found = await with_database(look)
        if found is None:
            self.notice = "errors.code_unknown"
            return None
        self.title, self.challenge, status, known = found
        if status != WorkshopStatus.OPEN:
            self.notice = "errors.workshop_closed"
            return None
        if known:
            return rx.redirect(f"/w/{code}", replace=True)
        self.notice = ""
        self.open_for_joining = True
        return None

    @rx.event
    async def join(self, form: dict):
        """Join with the chosen role and optional nickname."""
        code = self.route_code()
        try:
            new = parse_participant(role=form.get("role"), nickname=form.get("nickname"))
        except InvalidInput as refused:
            self.notice = refused.key
            return None

        def add(session: Session) -> str | None:
            workshop = workshops.find_by_code(session, code) if code else None
            if workshop is None:
                raise InvalidInput("errors.code_unknown")
            if workshop.status != WorkshopStatus.OPEN:
                raise InvalidInput("errors.workshop_closed")
            return participants.join(session, workshop, new).token

        try:
            token = await with_database(add)
        except InvalidInput as refused:
            self.notice = refused.key
            return None
        (await self.get_state(BrowserSecrets)).remember_participant_token(code, token)
        return rx.redirect(f"/w/{code}", replace=True)


class ParticipantState(WorkshopPage, rx.State):
    """The participant's page: who I am here; the room view comes from the hub."""

    role: str = ""
    nickname: str = ""

    async def load_page(self):
        """Prove the token, then seat this phone in the room (or send it to join)."""
        code = self.route_code()
        if code is None:
            return rx.redirect("/")
        token = (await self.get_state(BrowserSecrets)).participant_token(code)

        def me(session: Session) -> tuple[participants.Seat, dict] | None:
            seat = participants.seat_for_token(session, code, token)
            return (seat, room_info(seat.workshop)) if seat else None

        found = await with_database(me)
        if found is None:
            return rx.redirect(f"/join/{code}", replace=True)
        seat, room = found
        self.role, self.nickname = seat.role, seat.nickname
        await hub.join(
            self.socket_id(), code, participant_id=seat.participant_id, role=seat.role, stored={"room": room}
        )
        return None
