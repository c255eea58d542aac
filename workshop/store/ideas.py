"""Idea rows: write, edit and delete one's own, hide as the facilitator, read the wall."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, insert, or_, select
from sqlalchemy.orm import Session

from workshop.domain.creation import InvalidInput
from workshop.domain.ids import row_id
from workshop.domain.ideas import (
    RATE_WINDOW_SECONDS,
    Room,
    Visibility,
    Written,
    already_written,
    check_own_change,
    clean_idea_text,
    within_rate,
    writable_kind,
)
from workshop.domain.vocabulary import IdeaKind
from workshop.store.models import Idea, Participant, Prompt, Workshop


def room_of(workshop: Workshop) -> Room:
    return Room(workshop.phase, workshop.input_locked, workshop.status)


def visibility_of(workshop: Workshop) -> Visibility:
    return Visibility(workshop.hide_critique, workshop.hide_what_if,
                      workshop.critique_revealed, workshop.what_if_revealed)


def public(workshop: Workshop, every_idea: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What every screen may show (rows of :func:`wall`): not moderated away, and of a
    kind others may see (critique notes hidden until revealed stay with the facilitator)."""
    visibility = visibility_of(workshop)
    return [i for i in every_idea if not i["hidden"] and visibility.others_see(i["kind"])]


def waiting(workshop: Workshop, every_idea: list[dict[str, Any]]) -> dict[str, int]:
    """How many ideas of each kind wait for the facilitator to show them (rows of
    :func:`wall` not moderated away, of a kind others do not see yet): the big screen says
    so while notes arrive. A count only, never a text."""
    visibility = visibility_of(workshop)
    counts = {kind.value: 0 for kind in IdeaKind}
    for idea in every_idea:
        if not idea["hidden"] and not visibility.others_see(idea["kind"]):
            counts[idea["kind"]] += 1
    return counts


def on_board(workshop: Workshop) -> ColumnElement[bool]:
    """The SQL form of :func:`public`: an idea of this workshop that everyone may see."""
    visibility = visibility_of(workshop)
    shown_kinds = [kind.value for kind in IdeaKind if visibility.others_see(kind)]
    return and_(Idea.workshop_id == workshop.id, Idea.hidden.is_(False), Idea.kind.in_(shown_kinds))


def seen_by_everyone() -> ColumnElement[bool]:
    """:func:`on_board`'s kind rule for a statement built once (no workshop object at hand):
    the idea's kind is one others see, as its workshop's row says now
    (``Visibility.others_see``; the statement joins the idea's workshop)."""
    critique = and_(Idea.kind == IdeaKind.CRITIQUE.value,
                    or_(Workshop.hide_critique.is_(False), Workshop.critique_revealed.is_(True)))
    what_if = and_(Idea.kind != IdeaKind.CRITIQUE.value,
                   or_(Workshop.hide_what_if.is_(False), Workshop.what_if_revealed.is_(True)))
    return and_(Workshop.id == Idea.workshop_id, or_(critique, what_if))


# The statements of :func:`add`, built once (SQLAlchemy keys and caches each statement object).
# A participant's own ideas, oldest first: the repeat rule and the rate read them before a
# write, and the phone's answer after. By the participant alone (a participant is of one
# workshop): with the workshop too, SQLite chose the workshop's index and read the whole
# wall for every idea.
_OWN_ROWS = (select(Idea.id, Idea.kind, Idea.prompt_id, Idea.text, Idea.hidden, Idea.created_at)
             .where(Idea.participant_id == bindparam("participant_id")).order_by(Idea.created_at, Idea.id))


def own_rows(session: Session, participant_id: int) -> list[Any]:
    """The participant's ideas, oldest first (id, kind, prompt_id, text, hidden, created_at)."""
    return session.execute(_OWN_ROWS, {"participant_id": participant_id}).all()
_INSERT = insert(Idea.__table__).values(
    workshop_id=bindparam("workshop_id"), participant_id=bindparam("participant_id"), kind=bindparam("kind"),
    text=bindparam("text"), prompt_id=bindparam("prompt_id")).returning(Idea.__table__.c.id)


def add(session: Session, workshop: Workshop, participant: Participant, text: str,
        prompt_id: object = None, admit: Callable[[], None] | None = None) -> int:
    """Store a checked idea text for ``participant``; the phase decides its kind. Returns its
    id (the id of the same idea already stored, when this one repeats it).

    ``admit`` runs once every check has passed, right before the write: a last refusal
    (InvalidInput) that leaves the session untouched, so the idea can share its
    transaction with others (store.group_commit)."""
    kind = writable_kind(room_of(workshop))
    prompt = _prompt_of(session, workshop, prompt_id, kind.value)
    # The participant's ideas in one query: the repeat rule and the rate both read them.
    rows = own_rows(session, participant.id)
    repeated = already_written([Written(r.id, r.kind, r.prompt_id, r.text) for r in rows],
                               kind.value, prompt.id if prompt else None, text)
    if repeated is not None:
        return repeated
    since = datetime.now(UTC) - timedelta(seconds=RATE_WINDOW_SECONDS)
    within_rate(sum(1 for r in rows if r.created_at >= since), workshop.ideas_per_minute)
    if admit is not None:
        admit()
    # One INSERT … RETURNING built once, not the ORM's unit of work: a burst writes hundreds
    # a second, and building and keying a statement per idea cost more than running it.
    return session.connection().execute(_INSERT, {
        "workshop_id": workshop.id, "participant_id": participant.id, "kind": kind.value, "text": text,
        "prompt_id": prompt.id if prompt else None}).scalar_one()


def _prompt_of(session: Session, workshop: Workshop, prompt_id: object, kind: str) -> Prompt | None:
    """The prompt an idea answers: only one of this workshop, of the same kind, not hidden."""
    if prompt_id in (None, "", 0):
        return None
    prompt = session.scalar(select(Prompt).where(Prompt.id == row_id(prompt_id, "errors.prompt_unknown"),
                                                Prompt.workshop_id == workshop.id))
    if prompt is None or prompt.hidden or prompt.kind != kind:
        raise InvalidInput("errors.prompt_unknown")
    return prompt


def own(session: Session, workshop: Workshop, participant: Participant, idea_id: object) -> Idea:
    """The participant's own idea ``idea_id`` in this workshop; InvalidInput for any other."""
    idea = session.scalar(
        select(Idea).where(Idea.id == row_id(idea_id, "errors.idea_unknown"), Idea.workshop_id == workshop.id,
                           Idea.participant_id == participant.id)
    )
    if idea is None:
        raise InvalidInput("errors.idea_unknown")
    return idea


def edit_own(session: Session, workshop: Workshop, participant: Participant, idea_id: object, text: object,
             admit: Callable[[], None] | None = None) -> None:
    """The participant changes the text of one of their ideas while its phase lasts.

    ``admit`` (the participant's rate of changes) runs once every check has passed, right
    before the write: a refusal there leaves the idea as it was."""
    idea = own(session, workshop, participant, idea_id)
    check_own_change(room_of(workshop), idea.kind)
    cleaned = clean_idea_text(text, workshop.max_idea_length)
    if admit is not None:
        admit()
    idea.text = cleaned


def of_workshop(session: Session, workshop: Workshop, idea_id: object) -> Idea:
    """Any idea of this workshop (the facilitator moderates); InvalidInput otherwise."""
    idea = session.scalar(select(Idea).where(Idea.id == row_id(idea_id, "errors.idea_unknown"),
                                             Idea.workshop_id == workshop.id))
    if idea is None:
        raise InvalidInput("errors.idea_unknown")
    return idea


def wall(session: Session, workshop: Workshop) -> list[dict[str, Any]]:
    """Every idea of the workshop, oldest first, as the screens show it.

    Nicknames only when the workshop shows names. ``mine`` is filled in per
    phone, never here.
    """
    # Columns, not Idea rows: every flush of a room reads the whole wall, and building
    # 3,000 ORM objects each time cost more than the query.
    rows = session.execute(
        select(Idea.id, Idea.kind, Idea.text, Idea.prompt_id, Idea.cluster_id, Idea.hidden, Participant.nickname)
        .outerjoin(Participant, Participant.id == Idea.participant_id)
        .where(Idea.workshop_id == workshop.id)
        .order_by(Idea.created_at, Idea.id)
    ).all()
    names = workshop.show_names
    return [
        {
            "id": idea_id,
            "kind": kind,
            "text": text,
            "prompt_id": prompt_id or 0,
            "cluster_id": cluster_id or 0,
            "hidden": hidden,
            "author": (nickname or "") if names else "",
        }
        for idea_id, kind, text, prompt_id, cluster_id, hidden, nickname in rows
    ]


def hidden_ids(session: Session, workshop: Workshop) -> list[int]:
    """Ids (only) of the ideas the facilitator hid, so an author's phone can mark its own."""
    return list(session.scalars(
        select(Idea.id).where(Idea.workshop_id == workshop.id, Idea.hidden.is_(True)).order_by(Idea.id)
    ))
