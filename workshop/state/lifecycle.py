"""The facilitator's data controls: delete the workshop, remove a participant, forget the key here.

A mixin of ``FacilitatorState`` (like ``BriefEditing``): it uses the page's
``_route_code`` and ``_key``. Each handler: authorize (this workshop's
facilitator key, in the same transaction) → validate → store (commit) → tell
the hub. Refusals land in ``data_notice`` and change nothing.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop.domain.codes import normalize_code
from workshop.domain.creation import InvalidInput
from workshop.live.hub import hub
from workshop.state.secrets import FACILITATOR_KEYS, BrowserSecrets, forget
from workshop.state.workshop_page import as_int
from workshop.store import lifecycle, workshops
from workshop.store.db import empty_wal, run_blocking
from workshop.store.models import Idea, Participant, Workshop

logger = logging.getLogger(__name__)

LIFECYCLE_ERRORS = (
    "errors.not_facilitator",
    "privacy.confirm_wrong",
    "privacy.participant_unknown",
    "privacy.removal_choice_unknown",
)
# What a removal changes on screens: their ideas, dots and suggestions, and the head-count.
REMOVAL_PARTS = ("room", "wall", "ideas", "hidden_ids", "board", "ballot", "tally", "rounds",
                 "briefs", "suggestions")
# How the facilitator chose to treat a removed participant's ideas.
REMOVAL_CHOICES = {"delete": False, "keep": True}
SAMPLE_IDEAS = 3


@dataclasses.dataclass
class ParticipantRow:
    """A participant as the facilitator picks them for removal: role, nickname, a few ideas."""

    id: int = 0
    role: str = ""
    nickname: str = ""
    ideas: int = 0
    sample: list[str] = dataclasses.field(default_factory=list)


def participant_rows(session: Session, workshop: Workshop) -> list[ParticipantRow]:
    rows = {p.id: ParticipantRow(id=p.id, role=p.role, nickname=p.nickname or "")
            for p in session.scalars(select(Participant).where(Participant.workshop_id == workshop.id)
                                     .order_by(Participant.joined_at, Participant.id))}
    for pid, text in session.execute(
        select(Idea.participant_id, Idea.text)
        .where(Idea.workshop_id == workshop.id, Idea.participant_id.is_not(None))
        .order_by(Idea.created_at, Idea.id)
    ):
        row = rows[pid]
        row.ideas += 1
        if len(row.sample) < SAMPLE_IDEAS:
            row.sample.append(text)
    return list(rows.values())


class DataLifecycle(rx.State, mixin=True):
    """The facilitator's data handlers; the page's state supplies ``_route_code`` and ``_key``."""

    data_notice: str = ""
    # Filled on request (and after a removal), for this facilitator only.
    participant_rows: list[ParticipantRow] = []

    async def _data_as_facilitator(self, work: Callable[[Session, Workshop], Any]) -> tuple[bool, Any]:
        """Run ``work`` for this workshop's facilitator, answering in ``data_notice``."""
        return await self._as_facilitator(  # type: ignore[attr-defined]
            lambda session, workshop, _: work(session, workshop), notice="data_notice")

    @rx.event
    async def load_participants(self):
        """List the participants, so the facilitator can pick one to remove."""
        done, rows = await self._data_as_facilitator(participant_rows)
        if done:
            self.participant_rows = rows

    @rx.event
    async def remove_participant(self, form: dict):
        """Remove ``form["participant_id"]``: ``form["ideas"]`` "delete" (with ideas and
        dots) or "keep" (ideas stay without an author; dots go)."""
        form = form if isinstance(form, dict) else {}
        participant_id = as_int(form.get("participant_id"))
        keep = REMOVAL_CHOICES.get(form.get("ideas")) if isinstance(form.get("ideas"), str) else None

        def work(session: Session, workshop: Workshop) -> tuple[int, list[ParticipantRow]]:
            if keep is None:
                raise InvalidInput("privacy.removal_choice_unknown")
            removed = lifecycle.remove_participant(session, workshop, participant_id, keep)
            workshops.touch(workshop)
            return removed, participant_rows(session, workshop)

        done, result = await self._data_as_facilitator(work)
        if not done:
            return
        removed, self.participant_rows = result
        await run_blocking(empty_wal)  # their nickname (and answers) leave the SQLite files too
        code = self._route_code()  # type: ignore[attr-defined]
        hub.changed(code, *REMOVAL_PARTS)
        await hub.end(code, "removed", participant_id=removed)

    @rx.event
    async def delete_workshop(self, form: dict):
        """Delete the workshop and everything in it; ``form["confirm"]`` must be its code."""
        form = form if isinstance(form, dict) else {}
        typed = normalize_code(form.get("confirm"))

        def work(session: Session, workshop: Workshop) -> dict[str, int]:
            if typed != workshop.code:
                raise InvalidInput("privacy.confirm_wrong")
            return dict(lifecycle.delete_workshop(session, workshop.id))

        done, counts = await self._data_as_facilitator(work)
        if not done:
            return
        # Gone from the SQLite files (secure_delete and an emptied WAL) before anyone is told.
        await run_blocking(empty_wal)
        code = self._route_code()  # type: ignore[attr-defined]
        logger.info("a workshop was deleted by its facilitator: %s",
                    ", ".join(f"{table}={n}" for table, n in sorted(counts.items())))
        forget(await self.get_state(BrowserSecrets), FACILITATOR_KEYS, code)
        self.participant_rows = []
        await hub.end(code, "deleted")

    @rx.event
    async def forget_my_key(self):
        """Forget this workshop's facilitator key in this browser (the workshop stays)."""
        code = self._route_code()  # type: ignore[attr-defined]
        if code:
            forget(await self.get_state(BrowserSecrets), FACILITATOR_KEYS, code)
        hub.leave(self.router.session.session_id)
        return rx.redirect("/", replace=True)
