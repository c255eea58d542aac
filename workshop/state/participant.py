"""``/join/[code]`` and ``/w/[code]``: joining with a role, and the participant's own page.

A participant's identity is a secret token kept in this browser; the server
stores only its hash. Every participant handler finds the participant by that
token within the workshop of the route, so nobody can act as someone else.
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx
from sqlalchemy.orm import Session

from workshop.domain.clusters import participant_may_group
from workshop.domain.creation import InvalidInput
from workshop.domain.ideas import clean_idea_text
from workshop.domain.participation import parse_participant
from workshop.domain.vocabulary import WorkshopStatus
from workshop.live.hub import hub
from workshop.live.ratelimit import limiter
from workshop.state.grouping import GROUPING_ERRORS, BoardEditing
from workshop.state.develop import BRIEF_ERRORS
from workshop.state.voting import VOTING_ERRORS
from workshop.state.secrets import PARTICIPANT_TOKENS, BrowserSecrets, forget, held, remember
from workshop.state.workshop_page import (
    FORM_INVALID,
    STORE_UNAVAILABLE,
    as_int,
    client_address,
    count_wrong_code,
    form_fields,
    guessing_blocked,
    WorkshopPage,
    with_database,
)
from workshop.state.room_view import IdeaView
from workshop.settings import settings
from workshop.store import briefs, clusters, ideas, moderation, participants, voting, workshops
from workshop.store.group_commit import GroupCommit
from workshop.store.models import Participant, Workshop

JOIN_ERRORS = (
    "errors.code_unknown",
    "errors.workshop_closed",
    "errors.role_required",
    "errors.nickname_too_long",
    "errors.nickname_reserved",
    "limits.too_many_guesses",
    "limits.too_many_joins",
    FORM_INVALID,
    STORE_UNAVAILABLE,
)


class _WrongCode(InvalidInput):
    """An unknown join code: answered like any refusal, and counted against the address."""

    def __init__(self) -> None:
        super().__init__("errors.code_unknown")


class JoinState(WorkshopPage, rx.State):
    """The join page: which workshop, and the form."""

    title: str = ""
    challenge: str = ""
    open_for_joining: bool = False

    async def _load_page(self):
        """Show the workshop; a browser that already joined goes straight in (a closed
        workshop too: closed means closed to newcomers, who see nothing of it)."""
        code = self._route_code()
        self.open_for_joining = False
        self.title = self.challenge = ""
        if code is None:
            self.notice = "errors.code_unknown"
            return None
        if guessing_blocked(self):
            self.notice = "limits.too_many_guesses"
            return None
        token = held(await self.get_state(BrowserSecrets), PARTICIPANT_TOKENS, code)

        def look(session: Session) -> tuple[str, str, str, bool] | None:
            workshop = workshops.find_by_code(session, code)
            if workshop is None:
                return None
            known = participants.for_token(session, workshop, token) is not None
            return workshop.title, workshop.challenge, workshop.status, known

        found = await with_database(look)
        if found is None:
            count_wrong_code(self)
            self.notice = "errors.code_unknown"
            return None
        title, challenge, status, known = found
        if known:
            return rx.redirect(f"/w/{code}", replace=True)
        if status != WorkshopStatus.OPEN:
            self.notice = "errors.workshop_closed"
            return None
        self.title, self.challenge = title, challenge
        self.notice = ""
        self.open_for_joining = True
        return None

    @rx.event
    async def join(self, form: dict):
        """Join with the chosen role and optional nickname. A browser whose token already has
        a seat in the workshop goes back to it (red-team round 5: a second join left its ideas
        to a participant nobody could edit or delete).

        Refused past ``join_code_guesses`` wrong codes from this address, and past
        ``joins_per_workshop_per_address`` joins to this workshop from it."""
        if (form := form_fields(self, form)) is None:
            return None
        code = self._route_code()
        if guessing_blocked(self):
            self.notice = "limits.too_many_guesses"
            return None
        try:
            new = parse_participant(role=form.get("role"), nickname=form.get("nickname"))
        except InvalidInput as refused:
            self.notice = refused.key
            return None
        address = client_address(self)
        held_token = held(await self.get_state(BrowserSecrets), PARTICIPANT_TOKENS, code) if code else None

        def add(session: Session) -> str | None:
            workshop = workshops.find_by_code(session, code) if code else None
            if workshop is None:
                raise _WrongCode()
            if participants.for_token(session, workshop, held_token) is not None:
                return None  # this browser has a seat here: back to it, no second participant
            if workshop.status != WorkshopStatus.OPEN:
                raise InvalidInput("errors.workshop_closed")
            if not limiter().hit("joins_per_workshop_per_address", workshop.id, address):
                raise InvalidInput("limits.too_many_joins")
            return participants.join(session, workshop, new).token

        try:
            token = await with_database(add)
        except InvalidInput as refused:
            if isinstance(refused, _WrongCode):
                count_wrong_code(self)
            self.notice = refused.key
            return None
        if token is None:
            return rx.redirect(f"/w/{code}", replace=True)
        remember(await self.get_state(BrowserSecrets), PARTICIPANT_TOKENS, code, token)
        # The head-count of the facilitator's vote progress ("X / Y") counts participants.
        hub.changed(code, "tally")
        return rx.redirect(f"/w/{code}", replace=True)


# Dots placed and taken back in this process, committed in groups.
DOT_WRITES = GroupCommit()
# New ideas that arrive together share one transaction too (a burst of 600 a second at
# 1,000 phones): each unit refuses before it writes (see ideas.add's ``admit``).
IDEA_WRITES = GroupCommit()

PARTICIPANT_ERRORS = (
    "errors.not_participant",
    "errors.idea_empty",
    "errors.idea_too_long",
    "errors.writing_closed",
    "errors.input_locked",
    "errors.workshop_closed",
    "errors.too_fast",
    "errors.idea_unknown",
    "errors.prompt_unknown",
    "limits.too_many_ideas",
    "limits.too_many_suggestions",
    "limits.too_many_edits",
    "limits.too_many_taps",
    "limits.suggestions_waiting",
    "limits.too_many_clusters",
    "limits.board_full",
    FORM_INVALID,
    STORE_UNAVAILABLE,
    *GROUPING_ERRORS,
    *VOTING_ERRORS,
    *BRIEF_ERRORS,
)


def _admit_change(workshop: Workshop, participant: Participant) -> Callable[[], None]:
    """``admit`` for an edit or a delete of one's own idea: counted against
    ``edits_per_participant`` once all else is fine, whichever socket of the participant it
    came from (the socket's own event limit counts per socket)."""
    def admit() -> None:
        if not limiter().hit("edits_per_participant", workshop.id, participant.id):
            raise InvalidInput("limits.too_many_edits")

    return admit


def _admit_tap(workshop_id: int, participant_id: int) -> None:
    """A dot placed or taken back, or a move on the board from a phone: counted against
    ``taps_per_participant``, whichever socket of the participant it came from."""
    if not limiter().hit("taps_per_participant", workshop_id, participant_id):
        raise InvalidInput("limits.too_many_taps")


def _own_ideas(session: Session, participant_id: int) -> list[IdeaView]:
    rows = ideas.own_rows(session, participant_id)
    return [IdeaView(id=i.id, kind=i.kind, text=i.text, prompt_id=i.prompt_id or 0, hidden=i.hidden)
            for i in rows]


class ParticipantState(BoardEditing, WorkshopPage, rx.State):
    """The participant's page: who I am here and my own ideas; the room view comes from the hub.

    Each handler finds the participant by this browser's token within the
    workshop of the page (never by an id the browser sends), checks through
    the domain, commits, answers this phone with its own ideas, and tells
    the hub that the wall changed.
    """

    role: str = ""
    nickname: str = ""
    my_ideas: list[IdeaView] = []
    # The idea being edited on this phone (0: none), and a counter that
    # clears the writing form after a successful send.
    editing_id: int = 0
    sent: int = 0
    # The prompt this phone chose to answer (0: the one on screen); only what the form shows.
    prompt_choice: int = 0
    # Others' answers on this phone: the newest few per question, or all of them.
    all_others: bool = False
    suggestions_sent: int = 0
    # The brief my latest suggestion went to: "sent" shows under that brief's form.
    suggested_brief: int = 0
    # My dots in the latest round (kept per person, never broadcast):
    # the round they belong to, and {item id: dots}.
    my_round_id: int = 0
    my_dots: dict[int, int] = {}
    # The workshop and token this tab proved at page load (server side only):
    # a tap needs neither the router nor the browser's storage again.
    _seat_code: str = ""
    _seat_token: str = ""

    @rx.var
    def my_idea_ids(self) -> list[int]:
        """My ideas' ids, so "others' answers" can leave mine out."""
        return [idea.id for idea in self.my_ideas]

    async def _as_participant(self, work: Callable[[Session, Workshop, Participant], object],
                              parts: tuple[str, ...] = ("wall", "ideas", "board"),
                              writes: GroupCommit | None = None) -> bool:
        """Run ``work`` as the participant of this tab, in a transaction of its own or, with
        ``writes``, in one shared with the units that arrive together (``work`` must then
        refuse before it writes anything)."""
        code, token = self._seat_code, self._seat_token
        if not code:
            code = self._route_code()
            token = held(await self.get_state(BrowserSecrets), PARTICIPANT_TOKENS, code)

        def run(session: Session) -> list[IdeaView]:
            found = participants.participant_for_token(session, code, token) if code else None
            if found is None:
                raise InvalidInput("errors.not_participant")
            participant, workshop = found
            work(session, workshop, participant)
            session.flush()
            return _own_ideas(session, participant.id)

        try:
            self.my_ideas = await (writes.run(run) if writes else with_database(run))
        except InvalidInput as refused:
            self.notice = refused.key
            return False
        self.notice = ""
        hub.changed(code, *parts)
        return True

    async def _board_change(self, apply: Callable[[Session, Workshop], object]) -> bool:
        """Group from this phone: only when the facilitator allows it, in the group phase."""
        return await self._grouping(lambda session, workshop, _: apply(session, workshop))

    async def _grouping(self, apply: Callable[[Session, Workshop, Participant], object]) -> bool:
        def work(session: Session, workshop: Workshop, participant: Participant) -> None:
            participant_may_group(ideas.room_of(workshop), workshop.participants_group)
            _admit_tap(workshop.id, participant.id)
            apply(session, workshop, participant)

        return await self._as_participant(work, ("board", "ballot"))

    async def _create_cluster(self, name: object, picked: list[int]) -> bool:
        """A new cluster from this phone: none once the board holds
        ``clusters_on_board_for_phones``, and at most ``clusters_per_participant``,
        ``clusters_per_workshop_per_address`` and ``clusters_per_workshop`` (counted only
        once all else is fine, before anything is written)."""
        address = client_address(self)

        def create(session: Session, workshop: Workshop, participant: Participant) -> None:
            def admit() -> None:
                if not limiter().hit_all(("clusters_per_participant", workshop.id, participant.id),
                                         ("clusters_per_workshop_per_address", workshop.id, address),
                                         ("clusters_per_workshop", workshop.id)):
                    raise InvalidInput("limits.too_many_clusters")

            clusters.create(session, workshop, name, picked,
                            most_on_board=settings().clusters_on_board_for_phones, admit=admit)

        return await self._grouping(create)

    @rx.event
    async def add_idea(self, form: dict):
        """Write an idea in the current phase (critique note or what-if idea).

        On top of the participant's own rate, a workshop takes at most
        ``ideas_per_workshop`` ideas, and ``ideas_per_workshop_per_address`` from one
        address (scripted participants); counted only once all else is fine."""
        if (form := form_fields(self, form)) is None:
            return
        address = client_address(self)

        def work(session: Session, workshop: Workshop, participant: Participant) -> None:
            text = clean_idea_text(form.get("text"), workshop.max_idea_length)

            def admit() -> None:  # counted only once all else is fine, and before any write
                if not limiter().hit_all(("ideas_per_workshop_per_address", workshop.id, address),
                                         ("ideas_per_workshop", workshop.id)):
                    raise InvalidInput("limits.too_many_ideas")

            ideas.add(session, workshop, participant, text, as_int(form.get("prompt_id")), admit=admit)

        if await self._as_participant(work, writes=IDEA_WRITES):
            self.sent += 1

    @rx.event
    def choose_prompt(self, prompt_id: str):
        """Which prompt the writing form shows (the server checks the prompt again on sending)."""
        self.prompt_choice = as_int(prompt_id) or 0

    @rx.event
    def show_all_others(self, show: bool):
        """Others' answers on this phone: all of them, or only the newest (this tab only).
        Anything but true or false is refused and changes nothing."""
        if isinstance(show, bool):
            self.all_others = show

    @rx.event
    def start_editing(self, idea_id: int):
        """Open one of my ideas for editing on this phone (nothing stored yet); an earlier
        refusal's message goes (while editing, the edit shows the phone's refusals)."""
        self.editing_id = idea_id if any(i.id == idea_id for i in self.my_ideas) else 0
        self.notice = ""

    @rx.event
    def stop_editing(self):
        self.editing_id = 0
        self.notice = ""

    @rx.event
    async def edit_idea(self, form: dict):
        """Change the text of one of my ideas while its phase lasts (within
        ``edits_per_participant``; refused, the phone stays in its edit)."""
        if (form := form_fields(self, form)) is None:
            return
        idea_id = as_int(form.get("idea_id"))

        def work(session: Session, workshop: Workshop, participant: Participant) -> None:
            moderation.edit_own_idea(session, workshop, participant, idea_id, form.get("text"),
                                     admit=_admit_change(workshop, participant))

        if await self._as_participant(work, ("wall", "ideas", "board", "briefs")):
            self.editing_id = 0

    @rx.event
    async def delete_idea(self, idea_id: int):
        """Delete one of my ideas while its phase lasts (within ``edits_per_participant``)."""
        await self._as_participant(
            lambda s, w, p: moderation.delete_own_idea(s, w, p, idea_id, admit=_admit_change(w, p)),
            ("wall", "ideas", "board", "briefs"))

    async def _vote(self, change: Callable[[Session, voting.Voter, object, voting.Tap], tuple[int, dict[int, int]]],
                    item_id: object) -> bool:
        """Add or remove one dot of mine; answer this phone with all my dots, as stored.
        The tap remembers what a run did, so a run again after a commit whose answer was
        lost does not do it twice."""
        code, token = self._seat_code, self._seat_token
        if not code:
            code = self._route_code()
            token = held(await self.get_state(BrowserSecrets), PARTICIPANT_TOKENS, code)
        tap = voting.Tap()

        def run(session: Session) -> tuple[int, dict[int, int]]:
            voter = voting.voter_for_token(session, code, token) if code else None
            if voter is None:
                raise InvalidInput("errors.not_participant")
            _admit_tap(voter.workshop_id, voter.participant_id)
            return change(session, voter, item_id, tap)

        try:
            # Taps arriving together share one transaction; a tap that lost a race for a
            # free slot (two tabs of mine) runs again on its own (see GroupCommit).
            self.my_round_id, self.my_dots = await DOT_WRITES.run(run)
        except InvalidInput as refused:
            self.notice = refused.key
            return False
        self.notice = ""
        hub.changed(code, "tally")
        return True

    @rx.event
    async def suggest_to_brief(self, form: dict):
        """Suggest an addition to a brief from this phone (develop phase): at most
        ``suggestions_waiting_per_participant`` of mine waiting, and at most
        ``suggestions_per_participant``, ``suggestions_per_workshop_per_address`` and
        ``suggestions_per_workshop`` (counted only once all else is fine)."""
        if (form := form_fields(self, form)) is None:
            return
        brief_id = as_int(form.get("brief_id"))
        address = client_address(self)

        def work(session: Session, workshop: Workshop, participant: Participant) -> None:
            if workshop.phase != "develop" or workshop.input_locked:
                raise InvalidInput("errors.develop_not_open")

            def admit() -> None:  # counted only once all else is fine, and before any write
                if not limiter().hit_all(("suggestions_per_participant", workshop.id, participant.id),
                                         ("suggestions_per_workshop_per_address", workshop.id, address),
                                         ("suggestions_per_workshop", workshop.id)):
                    raise InvalidInput("limits.too_many_suggestions")

            briefs.suggest(session, workshop, participant, brief_id, form.get("text"), admit=admit)

        if await self._as_participant(work, ("suggestions",)):
            self.sent += 1
            self.suggestions_sent += 1
            self.suggested_brief = brief_id or 0

    @rx.event
    async def add_dot(self, item_id: int):
        """One more of my dots on an item of the open round."""
        await self._vote(voting.place_dot, item_id)

    @rx.event
    async def remove_dot(self, item_id: int):
        """One of my dots back from an item of the open round."""
        await self._vote(voting.take_dot, item_id)

    async def _load_page(self):
        """Prove the token, then seat this phone in the room (or send it to join, forgetting
        a token that proves nobody: its workshop was deleted or its participant removed)."""
        code = self._route_code()
        if code is None:
            return rx.redirect("/")
        secrets = await self.get_state(BrowserSecrets)
        token = held(secrets, PARTICIPANT_TOKENS, code)

        def me(session: Session) -> tuple[participants.Seat, list[IdeaView], tuple[int, dict[int, int]]] | None:
            seat = participants.seat_for_token(session, code, token)
            if seat is None:
                return None
            return (seat, _own_ideas(session, seat.participant_id),
                    voting.my_dots(session, seat.workshop_id, seat.participant_id))

        self._seat_code = self._seat_token = ""
        found = await with_database(me)
        if found is None:
            if token is not None:  # its workshop was deleted or its participant removed
                forget(secrets, PARTICIPANT_TOKENS, code)
            return rx.redirect(f"/join/{code}", replace=True)
        seat, self.my_ideas, (self.my_round_id, self.my_dots) = found
        self._seat_code, self._seat_token = code, token
        self.role, self.nickname = seat.role, seat.nickname
        await hub.join(self._socket_id(), code, participant_id=seat.participant_id, role=seat.role)
        return None

