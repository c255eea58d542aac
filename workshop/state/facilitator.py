"""``/facilitate/[code]``: the facilitator moves the room; every handler proves the key first.

Each handler: authorize (this browser holds this workshop's facilitator key,
checked against the stored hash in the same transaction) → validate through
the domain → store (commit) → tell the room hub, which broadcasts.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime
from typing import ClassVar, TypeVar

import reflex as rx
import segno
from sqlalchemy.orm import Session

from workshop.domain import grouping_suggestion, phases
from workshop.domain.creation import InvalidInput
from workshop.domain.vocabulary import IdeaKind, Opener, Phase, WorkshopStatus
from workshop.live.hub import EVERYONE, FACILITATOR, HOSTS, hub
from workshop.state.cockpit import COCKPIT_ERRORS, CockpitControls
from workshop.state.grouping import GROUPING_ERRORS, BoardEditing
from workshop.state.develop import BRIEF_ERRORS, BriefEditing
from workshop.state.keys import KEY_ERRORS, KeyManagement
from workshop.state.opening import FORGET_ADDRESS_QUERY, USED_WORKSHOP, address_to_forget, given_opener, key_that_opens
from workshop.state.lifecycle import DataLifecycle
from workshop.state.publishing import PortfolioPublishing
from workshop.state.voting import VOTING_ERRORS, VoteRunning
from workshop.state.secrets import FACILITATOR_KEYS, BrowserSecrets, held, remember
from workshop.domain.clusters import clean_cluster_name
from workshop.state.workshop_page import FORM_INVALID, STORE_UNAVAILABLE, as_int, form_fields, Refused, WorkshopPage, with_database
from workshop.store import clusters, lifecycle, moderation, prompts, voting, workshops
from workshop.store.models import Workshop

# Per kind of idea: the workshop column saying it was revealed, or that it waits for a reveal.
REVEALED_COLUMN = {IdeaKind.CRITIQUE.value: "critique_revealed", IdeaKind.WHAT_IF.value: "what_if_revealed"}
HIDDEN_UNTIL_REVEAL_COLUMN = {IdeaKind.CRITIQUE.value: "hide_critique", IdeaKind.WHAT_IF.value: "hide_what_if"}

T = TypeVar("T")

FACILITATOR_ERRORS = (
    "errors.not_facilitator",
    "errors.phase_unknown",
    "errors.timer_range",
    *COCKPIT_ERRORS,
    "errors.idea_unknown",
    "errors.prompt_unknown",
    "errors.prompt_empty",
    "errors.prompt_too_long",
    FORM_INVALID,
    STORE_UNAVAILABLE,
    *GROUPING_ERRORS,
    *VOTING_ERRORS,
    *BRIEF_ERRORS,
    *KEY_ERRORS,
)


def _stored_timer(workshop: Workshop) -> phases.Timer:
    return phases.Timer(workshop.timer_ends_at, workshop.timer_paused_left_ms)


def _store_timer(workshop: Workshop, timer: phases.Timer) -> None:
    workshop.timer_ends_at, workshop.timer_paused_left_ms = timer.ends_at, timer.paused_left_ms


def _move(workshop: Workshop, target: Phase | None) -> None:
    """Move the room to ``target`` (None: stay); another phase starts without a countdown."""
    phase, timer = phases.move_to(Phase(workshop.phase), target, _stored_timer(workshop))
    workshop.phase = phase.value
    _store_timer(workshop, timer)


def _refuse_if_retention_closed(workshop: Workshop) -> None:
    """Past its close date a workshop stays closed: the purge closed it for good."""
    if lifecycle.closed_by_retention(workshop, datetime.now(UTC)):
        raise Refused("errors.retention_closed")


def qr_svg_data_uri(url: str) -> str:
    """The QR code of ``url`` as an SVG data URI (segno), dark on white."""
    return segno.make(url, error="m").svg_data_uri(scale=8, border=2)


@dataclasses.dataclass
class SuggestionView:
    """A proposed cluster: its (editable) name, its ideas' ids and texts."""

    name: str = ""
    idea_ids: list[int] = dataclasses.field(default_factory=list)
    texts: list[str] = dataclasses.field(default_factory=list)


class FacilitatedPage(WorkshopPage, mixin=True):
    """A page that needs a key of this workshop: the facilitator's view (the facilitator
    key) and the big screen (its read-only display key, see ``workshop.state.screen``).
    A one-time link (``?open=``) hands the key over (``workshop.state.opening``)."""

    authorized: bool = False
    join_url: str = ""
    qr_data_uri: str = ""
    # Which socket.io audiences this page joins (see workshop.live.hub).
    _audiences: ClassVar[tuple[str, ...]] = (EVERYONE, HOSTS)
    # The one-time links that open this page.
    _opener: ClassVar[Opener] = Opener.FACILITATOR

    async def _key(self, code: str) -> str | None:
        """The key this browser holds for this page's purpose."""
        return held(await self.get_state(BrowserSecrets), FACILITATOR_KEYS, code)

    def _remember_key(self, secrets: BrowserSecrets, code: str, key: str) -> None:
        remember(secrets, FACILITATOR_KEYS, code, key)

    def _prove(self, session: Session, code: str, key: str | None) -> bool:
        """Whether ``key`` opens this page."""
        return workshops.for_facilitator(session, code, key) is not None

    async def _load_page(self):
        """Take the key a one-time link hands over (or the one this browser holds), prove
        it, keep it in this browser, and seat this screen in the room."""
        code = self._route_code()
        self.authorized = False
        opener = given_opener(self)
        kept = await self._key(code) if code else None

        def open_with(session: Session) -> tuple[str, bool] | None:
            return key_that_opens(session, (self._opener,), code, opener, (kept,),
                                  lambda key: self._prove(session, code, key) or None)

        found = await with_database(open_with) if code else None
        # Keep the opener out of the address bar (and out of photos of the screen).
        forget = rx.call_script(FORGET_ADDRESS_QUERY) if address_to_forget(self) else None
        if found is not None:
            key = found[0]
            # Filed under its key before it is proved again and seated: a new key made
            # from now on finds this tab (see hub), and one made since the first proof
            # is caught by the second.
            await hub.file_under_key(self._socket_id(), code, key)
            if not await with_database(lambda session: self._prove(session, code, key)):
                found = None
        if found is None:
            if code:  # refused: this tab shows nothing of the workshop, and is seated nowhere in it
                await hub.leave_workshop(self._socket_id(), code)
            self.notice = USED_WORKSHOP if opener else "errors.not_facilitator"
            return forget
        if key != kept:
            self._remember_key(await self.get_state(BrowserSecrets), code, key)
        self.authorized = True
        self.notice = ""
        self.join_url = f"{self.router.url.origin}/join/{code}"
        self.qr_data_uri = qr_svg_data_uri(self.join_url)
        await hub.join(self._socket_id(), code, audiences=self._audiences, key=key)
        return forget


class FacilitatorState(CockpitControls, KeyManagement, BriefEditing, VoteRunning, BoardEditing, DataLifecycle,
                       PortfolioPublishing, FacilitatedPage, rx.State):
    """The facilitator's controls for the workshop in the route."""

    _audiences: ClassVar[tuple[str, ...]] = (EVERYONE, HOSTS, FACILITATOR)
    # A grouping proposal shown only to this facilitator until accepted.
    suggestions: list[SuggestionView] = []
    suggested: bool = False

    async def _load_page(self):
        result = await super()._load_page()
        if self.authorized:
            self._load_guide()
            await self._load_publishing()
        return result

    async def _as_facilitator(self, work: Callable[[Session, Workshop, str], T],
                              notice: str = "notice") -> tuple[bool, T | None]:
        """Prove this browser's facilitator key and run ``work(session, workshop, key)`` in
        one committed transaction: (True, its result), or (False, None) with the refusal's
        catalog key in the var ``notice`` (every facilitator handler comes through here)."""
        code = self._route_code()
        key = await self._key(code) if code else None

        def run(session: Session) -> T:
            workshop = workshops.for_facilitator(session, code, key) if code else None
            if workshop is None or not isinstance(key, str):
                raise Refused("errors.not_facilitator")
            return work(session, workshop, key)

        try:
            result = await with_database(run)
        except (Refused, InvalidInput) as refused:
            setattr(self, notice, refused.key)
            return False, None
        setattr(self, notice, "")
        return True, result

    async def _change(self, apply: Callable[[Session, Workshop], object], *parts: str) -> bool:
        """Authorize, validate, ``apply(session, workshop)``, commit, then tell the hub
        which parts of the room view changed (default: the room itself)."""

        def work(session: Session, workshop: Workshop, _: str) -> None:
            apply(session, workshop)
            workshops.touch(workshop)

        done, _ = await self._as_facilitator(work)
        if done:
            hub.changed(self._route_code(), *(parts or ("room",)))
        return done

    async def _board_change(self, apply: Callable[[Session, Workshop], object]) -> bool:
        # A cluster round's ballot (and a revealed result's labels) follow the board.
        return await self._change(apply, "board", "ballot", "tally", "rounds", "briefs")

    @rx.event
    async def go_to_phase(self, phase: str):
        """Move everyone to ``phase`` (forward, back, skip or rerun)."""
        try:
            target = phases.parse_phase(phase)
        except InvalidInput as refused:
            self.notice = refused.key
            return

        await self._change(lambda _, workshop: _move(workshop, target), "room", "board")

    @rx.event
    async def step(self, direction: int):
        """One phase forward (1) or back (-1) from the stored phase."""

        if direction not in (1, -1):
            self.notice = "errors.phase_unknown"
            return

        def apply(_: Session, workshop: Workshop) -> None:
            current = Phase(workshop.phase)
            _move(workshop, phases.next_phase(current) if direction == 1 else phases.previous_phase(current))

        await self._change(apply, "room", "board")

    @rx.event
    async def set_input_locked(self, locked: bool):
        """Lock or unlock writing and voting for everyone."""

        def apply(_: Session, workshop: Workshop) -> None:
            if locked is not True:
                _refuse_if_retention_closed(workshop)
            workshop.input_locked = locked is True

        await self._change(apply)

    @rx.event
    async def set_closed(self, closed: bool):
        """Close the workshop to new participants (and reopen it)."""

        def apply(_: Session, workshop: Workshop) -> None:
            if closed is not True:
                _refuse_if_retention_closed(workshop)
            workshop.status = (WorkshopStatus.CLOSED if closed is True else WorkshopStatus.OPEN).value

        await self._change(apply)

    async def _timer_change(self, move: Callable[[phases.Timer, datetime], phases.Timer]) -> None:
        """Read the stored countdown, ``move`` it (the domain refuses a wrong state), store it."""

        def apply(_: Session, workshop: Workshop) -> None:
            _store_timer(workshop, move(_stored_timer(workshop), datetime.now(UTC)))

        await self._change(apply)

    @rx.event
    async def start_timer(self, form: dict):
        """Start a countdown of ``form["minutes"]`` that every screen shows."""
        if (form := form_fields(self, form)) is None:
            return
        await self._timer_change(lambda _, now: phases.timer_start(now, form.get("minutes")))

    @rx.event
    async def pause_timer(self):
        """Stop the clock, keeping the time left."""
        await self._timer_change(phases.timer_pause)

    @rx.event
    async def resume_timer(self):
        """Run a paused countdown on."""
        await self._timer_change(phases.timer_resume)

    @rx.event
    async def add_timer_minute(self):
        """One more minute (starts a one-minute countdown when none runs)."""
        await self._timer_change(phases.timer_add_minute)

    @rx.event
    async def stop_timer(self):
        """Clear the countdown."""
        await self._timer_change(lambda _, __: phases.Timer())

    # Moderation and revealing

    @rx.event
    async def hide_idea(self, idea_id: int, hidden: bool):
        """Hide an idea from every screen (it stays in the record), or bring it back."""
        await self._change(lambda s, w: moderation.hide_idea(s, w, idea_id, hidden),
                           "wall", "ideas", "hidden_ids", "board", "ballot", "tally", "rounds", "briefs")

    async def _set_for_kind(self, columns: dict[str, str], kind: object, value: object) -> None:
        column = columns.get(kind) if isinstance(kind, str) else None
        if column is None:
            self.notice = "errors.prompt_unknown"
            return

        def apply(session: Session, workshop: Workshop) -> None:
            setattr(workshop, column, value is True)
            # Hidden again: the notes leave an "every idea" round, with their dots.
            voting.return_dots_off_ballot(session, workshop)

        # What everyone may see decides the wall, the board, an "every idea" ballot and the
        # ideas the briefs list.
        await self._change(apply, "room", "wall", "board", "ballot", "tally", "rounds", "briefs")

    @rx.event
    async def reveal(self, kind: str, revealed: bool):
        """Show (or hide again) everyone's ideas of ``kind`` on the phones."""
        await self._set_for_kind(REVEALED_COLUMN, kind, revealed)

    @rx.event
    async def hide_until_reveal(self, kind: str, hide: bool):
        """Whether phones see others' ideas of ``kind`` only after a reveal."""
        await self._set_for_kind(HIDDEN_UNTIL_REVEAL_COLUMN, kind, hide)

    # Prompts of this workshop

    @rx.event
    async def add_prompt(self, form: dict):
        if (form := form_fields(self, form)) is None:
            return
        await self._change(
            lambda session, workshop: prompts.add(session, workshop, form.get("kind"), form.get("text")),
            "prompts", "all_prompts",
        )

    @rx.event
    async def edit_prompt(self, form: dict):
        if (form := form_fields(self, form)) is None:
            return
        prompt_id = as_int(form.get("prompt_id"))
        await self._change(
            lambda session, workshop: prompts.edit(session, workshop, prompt_id, form.get("text")),
            "prompts", "all_prompts",
        )

    @rx.event
    async def hide_prompt(self, prompt_id: int, hidden: bool):
        await self._change(
            lambda session, workshop: prompts.set_hidden(session, workshop, prompt_id, hidden),
            "prompts", "all_prompts",
        )

    @rx.event
    async def move_prompt(self, prompt_id: int, direction: int):
        await self._change(
            lambda session, workshop: prompts.move(session, workshop, prompt_id, direction),
            "prompts", "all_prompts",
        )

    @rx.event
    async def show_prompt(self, prompt_id: int):
        """Put one prompt on screen (with one-at-a-time on)."""
        await self._change(
            lambda session, workshop: prompts.show(session, workshop, prompt_id),
            "prompts", "all_prompts",
        )

    @rx.event
    async def set_one_prompt_at_a_time(self, one: bool):

        def apply(_: Session, workshop: Workshop) -> None:
            workshop.one_prompt_at_a_time = one is True

        await self._change(apply, "room")


    # Grouping: only the facilitator reorders, merges and deletes clusters,
    # and asks for a suggestion (see workshop.state.grouping for the rest).

    @rx.event
    async def set_participants_group(self, allowed: bool):
        """Let participants group ideas from their phones in the group phase (or not)."""

        def apply(_: Session, workshop: Workshop) -> None:
            workshop.participants_group = allowed is True

        await self._change(apply, "room")

    @rx.event
    async def move_cluster(self, cluster_id: int, direction: int):
        await self._board_change(lambda s, w: clusters.move(s, w, cluster_id, direction))

    @rx.event
    async def merge_clusters(self, form: dict):
        """Merge cluster ``form["source"]`` into ``form["target"]``."""
        if (form := form_fields(self, form)) is None:
            return
        source, target = as_int(form.get("source")), as_int(form.get("target"))
        await self._board_change(lambda s, w: clusters.merge(s, w, source, target))

    @rx.event
    async def delete_cluster(self, cluster_id: int):
        """Delete a cluster; its ideas go back to the ungrouped ones."""
        await self._board_change(lambda s, w: clusters.remove(s, w, cluster_id))

    @rx.event
    async def suggest_grouping(self):
        """Propose clusters for the ungrouped ideas; nothing changes until accepted."""
        done, read = await self._as_facilitator(
            lambda session, workshop, _: (workshop.language, clusters.ungrouped_texts(session, workshop)))
        if not done:
            return
        language, texts = read
        by_id = dict(texts)
        groups = await asyncio.to_thread(grouping_suggestion.suggest, texts, language)
        self.suggestions = [
            SuggestionView(name=g.name, idea_ids=list(g.idea_ids), texts=[by_id[i] for i in g.idea_ids])
            for g in groups
        ]
        self.suggested = True

    @rx.event
    def rename_suggestion(self, index: int, name: str):
        if not isinstance(index, int) or not 0 <= index < len(self.suggestions):
            return
        try:
            self.suggestions[index].name = clean_cluster_name(name)
        except InvalidInput as refused:
            self.notice = refused.key

    @rx.event
    def skip_suggestion(self, index: int):
        if isinstance(index, int) and 0 <= index < len(self.suggestions):
            self.suggestions.pop(index)
            self.suggested = bool(self.suggestions)

    @rx.event
    def discard_suggestions(self):
        self.suggestions = []
        self.suggested = False

    @rx.event
    async def accept_suggestion(self, index: int):
        """Create one suggested cluster (from the ideas still ungrouped)."""
        if not isinstance(index, int) or not 0 <= index < len(self.suggestions):
            self.notice = "errors.suggestion_stale"
            return
        picked = self.suggestions[index]
        if await self._board_change(
            lambda s, w: clusters.accept_suggestion(s, w, picked.name, picked.idea_ids)
        ):
            self.suggestions.pop(index)
            self.suggested = bool(self.suggestions)

    @rx.event
    async def accept_all_suggestions(self):
        """Create every suggested cluster in one transaction (skipping ones gone stale)."""
        picked = list(self.suggestions)

        def apply(session: Session, workshop: Workshop) -> None:
            taken = 0
            for suggestion in picked:
                try:  # a refusal comes before any write: the others still go in
                    taken += clusters.accept_suggestion(session, workshop, suggestion.name,
                                                        suggestion.idea_ids)
                except InvalidInput:
                    continue
            if not taken:
                raise InvalidInput("errors.suggestion_stale")

        if await self._board_change(apply):
            self.suggestions = []
            self.suggested = False
