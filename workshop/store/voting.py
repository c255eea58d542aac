"""Vote rounds and dots in the database: open, close, reveal, add and remove dots, tally.

Every function works inside the caller's transaction. The dot rules hold
three times over: the domain picks a free slot (:func:`voting.place_dot`),
the participant's row is locked for the transaction (so two tabs of one
participant take turns on PostgreSQL; SQLite writes one at a time anyway),
and the schema's unique and check constraints refuse anything beyond the
round's limits even if both of those were bypassed (``models.Dot``).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from workshop.domain import voting
from workshop.domain.creation import InvalidInput
from workshop.domain.vocabulary import RoundStatus, VoteTarget, WorkshopStatus
from workshop.store import clusters
from workshop.store.models import Cluster, Dot, Idea, Participant, VoteRound, Workshop


def current_round(session: Session, workshop: Workshop, *, lock: bool = False) -> VoteRound | None:
    """The workshop's latest round (the one on every screen), or None before the first.

    ``lock`` takes a share lock on it (PostgreSQL), so that closing the round
    waits for dots being placed in it and no dot lands after the close."""
    query = (select(VoteRound).where(VoteRound.workshop_id == workshop.id)
             .order_by(VoteRound.id.desc()).limit(1))
    if lock:
        query = query.with_for_update(read=True)
    return session.scalar(query)


def rounds(session: Session, workshop: Workshop) -> list[VoteRound]:
    """Every round of the workshop, oldest first."""
    return list(session.scalars(
        select(VoteRound).where(VoteRound.workshop_id == workshop.id).order_by(VoteRound.id)
    ))


def open_round(session: Session, workshop: Workshop, settings: voting.RoundSettings) -> VoteRound:
    """Start a new round (none may be open); earlier rounds keep their dots apart."""
    latest = current_round(session, workshop)
    if latest is not None and latest.status == RoundStatus.OPEN:
        raise InvalidInput("errors.round_still_open")
    new = VoteRound(
        workshop_id=workshop.id,
        target=settings.target.value,
        idea_kind=settings.idea_kind.value if settings.idea_kind else None,
        dots_per_participant=settings.dots,
        max_dots_per_item=settings.per_item,
        status=RoundStatus.OPEN.value,
    )
    session.add(new)
    session.flush()
    return new


def _latest(session: Session, workshop: Workshop) -> VoteRound:
    latest = current_round(session, workshop)
    if latest is None:
        raise InvalidInput("errors.round_none")
    return latest


def close_round(session: Session, workshop: Workshop) -> None:
    """No more dots; tallies stay hidden until revealed."""
    latest = _latest(session, workshop)
    if latest.status != RoundStatus.OPEN:
        raise InvalidInput("errors.vote_not_open")
    latest.status = RoundStatus.CLOSED.value
    latest.closed_at = datetime.now(UTC)


def reopen_round(session: Session, workshop: Workshop) -> None:
    """Open a closed (not yet revealed) round again."""
    latest = _latest(session, workshop)
    if latest.status != RoundStatus.CLOSED:
        raise InvalidInput("errors.round_not_closed")
    latest.status = RoundStatus.OPEN.value
    latest.closed_at = None


def reveal_round(session: Session, workshop: Workshop) -> None:
    """Show the result on every screen (closing the round if it was open)."""
    latest = _latest(session, workshop)
    if latest.status == RoundStatus.OPEN:
        latest.closed_at = datetime.now(UTC)
    latest.status = RoundStatus.REVEALED.value


# The ballot: what a round's dots can go on.

def _ballot_ideas(session: Session, workshop: Workshop, vote_round: VoteRound) -> list[Idea]:
    query = select(Idea).where(Idea.workshop_id == workshop.id, Idea.hidden.is_(False))
    if vote_round.idea_kind:
        query = query.where(Idea.kind == vote_round.idea_kind)
    return list(session.scalars(query.order_by(Idea.created_at, Idea.id)))


def ballot_items(session: Session, workshop: Workshop, vote_round: VoteRound) -> list[dict[str, Any]]:
    """Items in ballot order: clusters in the board's order (with their ideas' texts),
    or the round's ideas (not moderated away) in the order they were written."""
    if vote_round.target == VoteTarget.CLUSTER:
        shown = list(session.scalars(
            select(Idea).where(Idea.workshop_id == workshop.id, Idea.hidden.is_(False),
                               Idea.cluster_id.is_not(None)).order_by(Idea.position, Idea.created_at, Idea.id)
        ))
        texts: dict[int, list[str]] = {}
        for idea in shown:
            texts.setdefault(idea.cluster_id, []).append(idea.text)  # type: ignore[arg-type]
        return [{"id": c.id, "label": c.name, "ideas": texts.get(c.id, [])}
                for c in clusters.in_order(session, workshop)]
    return [{"id": i.id, "label": i.text, "ideas": []} for i in _ballot_ideas(session, workshop, vote_round)]


def _check_on_ballot(session: Session, workshop: Workshop, vote_round: VoteRound, item_id: object) -> int:
    if isinstance(item_id, bool) or not isinstance(item_id, int):
        raise InvalidInput("errors.vote_item_unknown")
    if vote_round.target == VoteTarget.CLUSTER:
        found = session.scalar(select(Cluster.id).where(Cluster.id == item_id, Cluster.workshop_id == workshop.id))
    else:
        query = select(Idea.id).where(Idea.id == item_id, Idea.workshop_id == workshop.id, Idea.hidden.is_(False))
        if vote_round.idea_kind:
            query = query.where(Idea.kind == vote_round.idea_kind)
        found = session.scalar(query)
    if found is None:
        raise InvalidInput("errors.vote_item_unknown")
    return item_id


def _item_column(vote_round: VoteRound):
    return Dot.cluster_id if vote_round.target == VoteTarget.CLUSTER else Dot.idea_id


# Dots

def _open_for(session: Session, workshop: Workshop, participant: Participant) -> VoteRound:
    """The open round a phone may vote in now, with this participant's row locked."""
    vote_round = current_round(session, workshop, lock=True)
    voting.check_may_vote(
        phase=workshop.phase,
        input_locked=workshop.input_locked,
        workshop_open=workshop.status == WorkshopStatus.OPEN,
        round_status=vote_round.status if vote_round else None,
    )
    assert vote_round is not None
    session.execute(select(Participant.id).where(Participant.id == participant.id).with_for_update())
    return vote_round


def _mine(session: Session, vote_round: VoteRound, participant: Participant) -> list[Dot]:
    return list(session.scalars(
        select(Dot).where(Dot.round_id == vote_round.id, Dot.participant_id == participant.id)
    ))


def add_dot(session: Session, workshop: Workshop, participant: Participant, item_id: object) -> None:
    """Put one more of the participant's dots on an item of the open round."""
    vote_round = _open_for(session, workshop, participant)
    item = _check_on_ballot(session, workshop, vote_round, item_id)
    column = _item_column(vote_round).key
    mine = [(getattr(d, column), d.slot, d.item_slot) for d in _mine(session, vote_round, participant)]
    placed = voting.place_dot(mine, item, vote_round.dots_per_participant, vote_round.max_dots_per_item)
    session.add(Dot(
        workshop_id=workshop.id, round_id=vote_round.id, participant_id=participant.id,
        target=vote_round.target, dots_limit=vote_round.dots_per_participant,
        item_limit=vote_round.max_dots_per_item, slot=placed.slot, item_slot=placed.item_slot,
        **{column: item},
    ))
    session.flush()


def remove_dot(session: Session, workshop: Workshop, participant: Participant, item_id: object) -> None:
    """Take one of the participant's dots back from an item of the open round."""
    vote_round = _open_for(session, workshop, participant)
    if isinstance(item_id, bool) or not isinstance(item_id, int):
        raise InvalidInput("errors.no_dot_here")
    last = session.scalar(
        select(Dot.id).where(Dot.round_id == vote_round.id, Dot.participant_id == participant.id,
                             _item_column(vote_round) == item_id)
        .order_by(Dot.item_slot.desc()).limit(1)
    )
    if last is None:
        raise InvalidInput("errors.no_dot_here")
    session.execute(delete(Dot).where(Dot.id == last))


def return_dots_on_idea(session: Session, workshop: Workshop, idea_id: int) -> None:
    """An idea moderated away gives its dots in the open round back to their owners."""
    vote_round = current_round(session, workshop)
    if vote_round is not None and vote_round.status == RoundStatus.OPEN:
        session.execute(delete(Dot).where(Dot.round_id == vote_round.id, Dot.idea_id == idea_id))


def my_dots(session: Session, workshop: Workshop, participant_id: int) -> tuple[int, dict[int, int]]:
    """(the current round's id or 0, {item id: this participant's dots on it})."""
    vote_round = current_round(session, workshop)
    if vote_round is None:
        return 0, {}
    column = _item_column(vote_round)
    rows = session.execute(
        select(column, func.count()).where(Dot.round_id == vote_round.id, Dot.participant_id == participant_id)
        .group_by(column)
    )
    return vote_round.id, {item: count for item, count in rows}


# What the room sees

def _round_info(vote_round: VoteRound) -> dict[str, Any]:
    return {
        "round_id": vote_round.id,
        "status": vote_round.status,
        "ballot": voting.ballot_name(vote_round.target, vote_round.idea_kind),
        "dots_per_participant": vote_round.dots_per_participant,
        "max_dots_per_item": vote_round.max_dots_per_item,
    }


NO_ROUND: dict[str, Any] = {"round_id": 0, "status": "", "ballot": "", "dots_per_participant": 0,
                            "max_dots_per_item": 0}


def ballot(session: Session, workshop: Workshop) -> dict[str, Any]:
    """The ``ballot`` part: the current round and the items its dots can go on."""
    vote_round = current_round(session, workshop)
    if vote_round is None:
        return NO_ROUND | {"choices": []}
    return _round_info(vote_round) | {"choices": ballot_items(session, workshop, vote_round)}


def _placings(placings: list[voting.Placing], labels: dict[int, str]) -> list[dict[str, Any]]:
    top = max((p.dots for p in placings), default=0)
    return [
        {"id": p.item, "label": labels.get(p.item, ""), "dots": p.dots, "rank": p.rank, "tied": p.tied,
         "percent": round(100 * p.dots / top) if top else 0}
        for p in placings
    ]


def tally(session: Session, workshop: Workshop) -> dict[str, Any]:
    """The ``tally`` part: how many used all their dots; the results only once revealed."""
    return _tally(session, workshop, current_round(session, workshop))


def earlier_rounds(session: Session, workshop: Workshop) -> list[dict[str, Any]]:
    """The facilitator's ``rounds`` part: every round before the current one, newest
    first, each with its result when it was revealed (a round closed unrevealed stays hidden)."""
    return [_tally(session, workshop, r) for r in reversed(rounds(session, workshop)[:-1])]


def _tally(session: Session, workshop: Workshop, vote_round: VoteRound | None) -> dict[str, Any]:
    voters = session.scalar(
        select(func.count()).select_from(Participant).where(Participant.workshop_id == workshop.id)
    ) or 0
    if vote_round is None:
        return NO_ROUND | {"number": 0, "voters": voters, "voted": 0, "done": 0, "total_dots": 0,
                           "overall": [], "by_role": []}
    per_person = dict(session.execute(
        select(Dot.participant_id, func.count()).where(Dot.round_id == vote_round.id).group_by(Dot.participant_id)
    ).all())
    voted, done = voting.progress(per_person, vote_round.dots_per_participant)
    number = session.scalar(select(func.count()).select_from(VoteRound).where(
        VoteRound.workshop_id == workshop.id, VoteRound.id <= vote_round.id))
    values: dict[str, Any] = _round_info(vote_round) | {"number": number,
        "voters": voters, "voted": voted, "done": done, "total_dots": sum(per_person.values()),
        "overall": [], "by_role": [],
    }
    if vote_round.status != RoundStatus.REVEALED:
        return values  # hidden from every screen, the facilitator's included
    items = ballot_items(session, workshop, vote_round)
    order = [item["id"] for item in items]
    labels = {item["id"]: item["label"] for item in items}
    column = _item_column(vote_round)
    dots = [
        (role, participant, item) for role, participant, item in session.execute(
            select(Participant.role, Dot.participant_id, column)
            .join(Participant, Participant.id == Dot.participant_id)
            .where(Dot.round_id == vote_round.id)
        )
        if item in labels
    ]
    overall = Counter(item for _, _, item in dots)
    values["overall"] = _placings(voting.ranked(overall, order), labels)
    values["by_role"] = [
        {"role": r.role.value, "people": r.people, "dots": r.dots, "placings": _placings(r.placings, labels)}
        for r in voting.by_role(dots, order)
    ]
    return values
