"""Vote rounds and dots in the database: open, close, reveal, add and remove dots, tally.

Every function works inside the caller's transaction. The dot rules hold
three times over: the domain picks a free slot (:func:`voting.place_dot`),
the participant's row is locked for the transaction (so two tabs of one
participant take turns on PostgreSQL; SQLite writes one at a time anyway),
and the schema's unique and check constraints refuse anything beyond the
round's limits even if both of those were bypassed (``models.Dot``).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select
from sqlalchemy.orm import Session

from workshop.domain import voting
from workshop.domain.creation import InvalidInput
from workshop.domain.ids import row_id
from workshop.domain.small_groups import TOO_FEW
from workshop.domain.tokens import hash_secret
from workshop.domain.vocabulary import RoundStatus, VoteTarget
from workshop.store import clusters, ideas
from workshop.store.models import Cluster, Dot, Idea, Participant, VoteRound, Workshop
from workshop.store.prepared import Prepared


def current_round(session: Session, workshop: Workshop, *, lock: bool = False) -> VoteRound | None:
    """The workshop's latest round (the one on every screen), or None before the first.

    ``lock`` takes a share lock on it (PostgreSQL), so that closing the round
    waits for dots being placed in it and no dot lands after the close."""
    return latest_round(session, workshop.id, lock=lock)


def latest_round(session: Session, workshop_id: int, *, lock: bool = False) -> VoteRound | None:
    """:func:`current_round` by the workshop's id."""
    return session.scalar(_ROUND_ROW_LOCKED if lock else _ROUND_ROW, {"workshop_id": workshop_id})


# Built once: every join, tap and flush asks for the latest round.
_ROUND_ROW = (select(VoteRound).where(VoteRound.workshop_id == bindparam("workshop_id"))
              .order_by(VoteRound.id.desc()).limit(1))
_ROUND_ROW_LOCKED = _ROUND_ROW.with_for_update(read=True)


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
    """Show the result on every screen (closing the round if it was open), and store it as
    revealed: from now on every screen and export shows these figures (:func:`tally_of`).
    Once revealed, a round is never counted again: a recount after a removal would show
    the figures without that person, and the difference is their dots."""
    latest = _latest(session, workshop)
    if latest.status == RoundStatus.REVEALED:
        raise InvalidInput("errors.round_revealed")
    if latest.status == RoundStatus.OPEN:
        latest.closed_at = datetime.now(UTC)
    latest.status = RoundStatus.REVEALED.value
    # Written before counting: on PostgreSQL the update waits for taps still holding the
    # round (share lock) and the count sees their dots; a later tap finds the round revealed.
    session.flush()
    latest.result = _count(session, workshop, latest)


def keep_revealed_results(session: Session, workshop: Workshop) -> None:
    """Store the result of every revealed round that has none yet (revealed before results
    were stored), as the screens show it now: before dots are deleted (a participant's
    removal), so that no figure anyone saw changes."""
    for vote_round in rounds(session, workshop):
        if vote_round.status == RoundStatus.REVEALED and vote_round.result is None:
            vote_round.result = _count(session, workshop, vote_round)
    session.flush()


# The ballot: what a round's dots can go on.

def _ballot_ideas(session: Session, workshop: Workshop, vote_round: VoteRound) -> list[Idea]:
    """A round on one kind: that kind's ideas (the facilitator chose to show them as its
    choices). A round on every idea: those everyone may see (:func:`ideas.on_board`); critique
    notes hidden until shown join it when the facilitator shows them, not before."""
    if vote_round.idea_kind:
        query = select(Idea).where(Idea.workshop_id == workshop.id, Idea.hidden.is_(False),
                                   Idea.kind == vote_round.idea_kind)
    else:
        query = select(Idea).where(ideas.on_board(workshop))
    return list(session.scalars(query.order_by(Idea.created_at, Idea.id)))


def ballot_items(session: Session, workshop: Workshop, vote_round: VoteRound) -> list[dict[str, Any]]:
    """Items in ballot order: clusters in the board's order (with their ideas' texts),
    or the round's ideas (not moderated away) in the order they were written."""
    if vote_round.target == VoteTarget.CLUSTER:
        shown = list(session.scalars(
            select(Idea).where(ideas.on_board(workshop), Idea.cluster_id.is_not(None)).order_by(Idea.position, Idea.created_at, Idea.id)
        ))
        texts: dict[int, list[str]] = {}
        for idea in shown:
            texts.setdefault(idea.cluster_id, []).append(idea.text)  # type: ignore[arg-type]
        return [{"id": c.id, "label": c.name, "ideas": texts.get(c.id, [])}
                for c in clusters.in_order(session, workshop)]
    return [{"id": i.id, "label": i.text, "ideas": []} for i in _ballot_ideas(session, workshop, vote_round)]


def _item_column(vote_round: VoteRound):
    return Dot.cluster_id if vote_round.target == VoteTarget.CLUSTER else Dot.idea_id


# Dots: the hot path (500 phones tapping at once). Prebuilt Core statements with
# bound parameters: SQLAlchemy compiles and caches each once, and no ORM objects
# are made per tap.

@dataclasses.dataclass(frozen=True)
class Voter:
    """Who taps, and the state of their workshop, as read in the tap's transaction."""

    participant_id: int
    workshop_id: int
    phase: str
    input_locked: bool

    @classmethod
    def of(cls, workshop: Workshop, participant: Participant) -> Voter:
        return cls(participant.id, workshop.id, workshop.phase, workshop.input_locked)


_ROUND_COLUMNS = (VoteRound.id, VoteRound.target, VoteRound.idea_kind, VoteRound.dots_per_participant,
                  VoteRound.max_dots_per_item, VoteRound.status)
_LATEST_ROUND_ID = (select(func.max(VoteRound.id)).where(VoteRound.workshop_id == Workshop.id)
                    .correlate(Workshop).scalar_subquery())
# The voter, their workshop and its latest round, in one query (the hot path's first).
_VOTER = Prepared(
    select(Participant.id, Workshop.id, Workshop.phase, Workshop.input_locked, *_ROUND_COLUMNS)
    .join(Workshop, Workshop.id == Participant.workshop_id)
    .outerjoin(VoteRound, VoteRound.id == _LATEST_ROUND_ID)
    .where(Participant.token_hash == bindparam("token_hash"), Workshop.code == bindparam("code"))
)
_LATEST_ROUND = _ROUND_ROW.with_only_columns(*_ROUND_COLUMNS)
# PostgreSQL: closing the round waits for taps in flight (share lock on the round),
# and two tabs of one participant take turns (their row locked for the transaction).
_LATEST_ROUND_SHARED = Prepared(_LATEST_ROUND.with_for_update(read=True))
_LATEST_ROUND_PLAIN = Prepared(_LATEST_ROUND)
_LOCK_PARTICIPANT = Prepared(
    select(Participant.id).where(Participant.id == bindparam("participant_id")).with_for_update())
_MINE = Prepared(select(Dot.id, Dot.cluster_id, Dot.idea_id, Dot.slot, Dot.item_slot).where(
    Dot.round_id == bindparam("round_id"), Dot.participant_id == bindparam("participant_id")))
# (created_at: the database's clock, its server default)
_DOT_FIELDS = ("workshop_id", "round_id", "participant_id", "target", "dots_limit", "item_limit", "slot",
               "item_slot")


def _insert_dot_on(item_table: type[Cluster] | type[Idea], column: str, *conditions: Any) -> Prepared:
    """INSERT … SELECT: the dot goes in only when its item is on the ballot (one statement,
    no separate check; a refused item inserts no row)."""
    values = [bindparam(name, type_=Dot.__table__.c[name].type) for name in _DOT_FIELDS]
    return Prepared(insert(Dot).from_select(
        [*_DOT_FIELDS, column],
        select(*values, item_table.id).where(item_table.id == bindparam("item"),
                                             item_table.workshop_id == bindparam("workshop_id"), *conditions),
        include_defaults=False,
    ).returning(Dot.id))


_INSERT_ON_CLUSTER = _insert_dot_on(Cluster, "cluster_id")
# Every idea: only those everyone may see now, as the ballot lists them (:func:`_ballot_ideas`).
_INSERT_ON_IDEA = _insert_dot_on(Idea, "idea_id", Idea.hidden.is_(False), ideas.seen_by_everyone())
_INSERT_ON_IDEA_OF_KIND = _insert_dot_on(Idea, "idea_id", Idea.hidden.is_(False), Idea.kind == bindparam("kind"))
_DELETE_DOT = Prepared(delete(Dot).where(Dot.id == bindparam("dot_id")))


@dataclasses.dataclass(frozen=True)
class _Round:
    id: int
    target: str
    idea_kind: str | None
    dots_per_participant: int
    max_dots_per_item: int
    status: str


@dataclasses.dataclass(frozen=True)
class FoundVoter(Voter):
    """A voter found by token, with the latest round as read in the same query."""

    latest_round: _Round | None = None


def voter_for_token(session: Session, code: str, token: object) -> FoundVoter | None:
    """The participant holding ``token`` in workshop ``code`` and the workshop's latest
    round (one query), or None."""
    if not isinstance(token, str) or not token:
        return None
    rows = _VOTER.rows(session, {"token_hash": hash_secret(token), "code": code})
    if not rows:
        return None
    row = rows[0]
    latest = _Round(*row[4:]) if row[4] is not None else None
    return FoundVoter(row[0], row[1], row[2], bool(row[3]), latest)


def _open_round_for(session: Session, voter: Voter) -> _Round:
    """The open round this voter may tap in now; their row locked (PostgreSQL)."""
    postgres = session.connection().dialect.name == "postgresql"
    if isinstance(voter, FoundVoter) and not postgres:
        vote_round = voter.latest_round  # read in this transaction already
    else:
        rows = (_LATEST_ROUND_SHARED if postgres else _LATEST_ROUND_PLAIN).rows(
            session, {"workshop_id": voter.workshop_id})
        vote_round = _Round(*rows[0]) if rows else None
    voting.check_may_vote(phase=voter.phase, input_locked=voter.input_locked,
                          round_status=vote_round.status if vote_round else None)
    assert vote_round is not None
    if postgres:
        _LOCK_PARTICIPANT.rows(session, {"participant_id": voter.participant_id})
    return vote_round


def _mine_in(session: Session, vote_round: _Round, voter: Voter) -> list[tuple[int, int, int, int]]:
    """(dot id, item, slot, item slot) of each of the voter's dots in the round."""
    rows = _MINE.rows(session, {"round_id": vote_round.id, "participant_id": voter.participant_id})
    clusters_round = vote_round.target == VoteTarget.CLUSTER
    return [(dot_id, cluster_id if clusters_round else idea_id, slot, item_slot)
            for dot_id, cluster_id, idea_id, slot, item_slot in rows]


def _counts(round_id: int, mine: list[tuple[int, int, int, int]]) -> tuple[int, dict[int, int]]:
    return round_id, dict(Counter(item for _, item, _, _ in mine))


@dataclasses.dataclass
class Tap:
    """One tap's memory across the runs of its transaction. A run's COMMIT can land while
    its acknowledgement is lost (the connection breaks in between); ``transact`` then runs
    the tap again, which must find its own earlier work rather than do it twice."""

    placed: tuple[int, int, int] | None = None  # (dot id, item, slot) the last run inserted
    taken: int | None = None  # the dot id the last run deleted


def place_dot(session: Session, voter: Voter, item_id: object, tap: Tap | None = None,
              ) -> tuple[int, dict[int, int]]:
    """Put one more of the voter's dots on an item of the open round; returns
    (round id, {item id: the voter's dots on it}) as stored after the change. Given the
    tap's memory, a run again after an unseen commit finds its dot and adds none."""
    vote_round = _open_round_for(session, voter)
    item = row_id(item_id, "errors.vote_item_unknown")
    mine = _mine_in(session, vote_round, voter)
    if tap is not None and tap.placed is not None and tap.placed in {(d, it, slot) for d, it, slot, _ in mine}:
        return _counts(vote_round.id, mine)
    placed = voting.place_dot([(it, slot, item_slot) for _, it, slot, item_slot in mine], item,
                              vote_round.dots_per_participant, vote_round.max_dots_per_item)
    values = {
        "workshop_id": voter.workshop_id, "round_id": vote_round.id, "participant_id": voter.participant_id,
        "target": vote_round.target, "dots_limit": vote_round.dots_per_participant,
        "item_limit": vote_round.max_dots_per_item, "slot": placed.slot, "item_slot": placed.item_slot,
        "item": item,
    }
    if vote_round.target == VoteTarget.CLUSTER:
        statement = _INSERT_ON_CLUSTER
    elif vote_round.idea_kind:
        statement, values["kind"] = _INSERT_ON_IDEA_OF_KIND, vote_round.idea_kind
    else:
        statement = _INSERT_ON_IDEA
    if not (inserted := statement.rows(session, values)):
        raise InvalidInput("errors.vote_item_unknown")  # not on the ballot: no row went in
    dot_id = inserted[0][0]
    if tap is not None:
        tap.placed = (dot_id, item, placed.slot)
    return _counts(vote_round.id, [*mine, (dot_id, item, placed.slot, placed.item_slot)])


def take_dot(session: Session, voter: Voter, item_id: object, tap: Tap | None = None,
             ) -> tuple[int, dict[int, int]]:
    """Take one of the voter's dots back from an item of the open round (the last placed on
    it). Given the tap's memory, a run again after an unseen commit takes no second dot."""
    vote_round = _open_round_for(session, voter)
    item = row_id(item_id, "errors.no_dot_here")
    mine = _mine_in(session, vote_round, voter)
    if tap is not None and tap.taken is not None and tap.taken not in {dot[0] for dot in mine}:
        return _counts(vote_round.id, mine)
    on_item = [dot for dot in mine if dot[1] == item]
    if not on_item:
        raise InvalidInput("errors.no_dot_here")
    last = max(on_item, key=lambda dot: dot[3])
    _DELETE_DOT.rows(session, {"dot_id": last[0]})
    if tap is not None:
        tap.taken = last[0]
    return _counts(vote_round.id, [dot for dot in mine if dot is not last])


def add_dot(session: Session, workshop: Workshop, participant: Participant, item_id: object) -> None:
    """:func:`place_dot` for ORM objects (changes to them are flushed first)."""
    session.flush()
    place_dot(session, Voter.of(workshop, participant), item_id)


def remove_dot(session: Session, workshop: Workshop, participant: Participant, item_id: object) -> None:
    """:func:`take_dot` for ORM objects (changes to them are flushed first)."""
    session.flush()
    take_dot(session, Voter.of(workshop, participant), item_id)


def return_dots_on_idea(session: Session, workshop: Workshop, idea_id: int) -> None:
    """An idea moderated away gives its dots in the open round back to their owners."""
    vote_round = current_round(session, workshop)
    if vote_round is not None and vote_round.status == RoundStatus.OPEN:
        session.execute(delete(Dot).where(Dot.round_id == vote_round.id, Dot.idea_id == idea_id))


def return_dots_off_ballot(session: Session, workshop: Workshop) -> None:
    """Ideas hidden from phones again (a kind no longer shown to everyone) leave an open
    round on every idea: their dots in it go back to their owners."""
    vote_round = current_round(session, workshop)
    if vote_round is None or vote_round.status != RoundStatus.OPEN or vote_round.target != VoteTarget.IDEA \
            or vote_round.idea_kind:
        return
    session.execute(delete(Dot).where(Dot.round_id == vote_round.id,
                                      Dot.idea_id.not_in(select(Idea.id).where(ideas.on_board(workshop)))))


def my_dots(session: Session, workshop_id: int, participant_id: int) -> tuple[int, dict[int, int]]:
    """(the current round's id or 0, {item id: this participant's dots on it})."""
    vote_round = latest_round(session, workshop_id)
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
    return tally_of(session, workshop, current_round(session, workshop))


def earlier_rounds(session: Session, workshop: Workshop) -> list[dict[str, Any]]:
    """The facilitator's ``rounds`` part: every round before the current one, newest
    first, each with its result when it was revealed (a round closed unrevealed stays hidden)."""
    return [tally_of(session, workshop, r) for r in reversed(rounds(session, workshop)[:-1])]


_DOTS_PER_PERSON = (select(func.count().label("dots")).where(Dot.round_id == bindparam("round_id"))
                    .group_by(Dot.participant_id).subquery())
_PEOPLE_BY_DOTS = select(_DOTS_PER_PERSON.c.dots, func.count()).group_by(_DOTS_PER_PERSON.c.dots)


def _voters(session: Session, workshop: Workshop) -> int:
    """How many people may vote: the workshop's participants."""
    return session.scalar(
        select(func.count()).select_from(Participant).where(Participant.workshop_id == workshop.id)
    ) or 0


def _progress(session: Session, workshop: Workshop, vote_round: VoteRound) -> dict[str, Any]:
    """How many people may vote, placed any dot, used all their dots; dots placed in all."""
    voters = _voters(session, workshop)
    # How many people placed each number of dots: a few rows, not one per voter (each flush of
    # a 1,000-phone dot burst reads it).
    people_by_dots = dict(session.execute(_PEOPLE_BY_DOTS, {"round_id": vote_round.id}).all())
    voted, done, total_dots = voting.progress_of(people_by_dots, vote_round.dots_per_participant)
    return {"voters": voters, "voted": voted, "done": done, "total_dots": total_dots}


def _count(session: Session, workshop: Workshop, vote_round: VoteRound) -> dict[str, Any]:
    """The round's result counted from its dots now, as the reveal stores it: the progress
    figures, the ballot's items in order, [item, dots] overall and per column by role. The
    columns have the small-group rule applied already (no role of fewer than the workshop's
    K voters apart, :func:`voting.by_role`); no participant id, no label (a label is read
    when shown, so a text deleted later is not kept here)."""
    order = [item["id"] for item in ballot_items(session, workshop, vote_round)]
    on_ballot = set(order)
    column = _item_column(vote_round)
    dots = [
        (role, participant, item) for role, participant, item in session.execute(
            select(Participant.role, Dot.participant_id, column)
            .join(Participant, Participant.id == Dot.participant_id)
            .where(Dot.round_id == vote_round.id)
        )
        if item in on_ballot
    ]
    columns = voting.by_role(dots, order, min_group_size=workshop.min_group_size)
    return _progress(session, workshop, vote_round) | {
        "items": order,
        "overall": [[item, count] for item, count in Counter(item for _, _, item in dots).items()],
        "by_role": [{"role": str(c.role), "people": c.people, "members": list(c.members),
                     "dots": [[p.item, p.dots] for p in c.placings if p.dots]} for c in columns],
    }


def _shown(result: dict[str, Any], items: list[dict[str, Any]], min_group_size: int) -> dict[str, Any]:
    """A stored result as screens and exports show it: ranked over the round's items still on
    the ballot now (an idea deleted or hidden since, or a cluster merged away, leaves the
    ranking; every other figure stays as revealed), labelled with their current names. The
    small-group rule is applied again (a no-op on what the reveal stored with the same K)."""
    labels = {item["id"]: item["label"] for item in items}
    kept = set(result["items"])
    order = [item["id"] for item in items if item["id"] in kept]
    present = set(order)
    overall = Counter({item: count for item, count in result["overall"] if item in present})
    columns = []
    for column in result["by_role"]:
        counts = Counter({item: count for item, count in column["dots"] if item in present})
        if column["role"] == TOO_FEW:  # every group with voters: the overall figures, no ranking
            dots, placings = sum(overall.values()), []
        else:
            dots, placings = sum(counts.values()), voting.ranked(counts, order)
        columns.append(voting.RoleResult(column["role"], column["people"], dots, placings, tuple(column["members"])))
    return {key: result[key] for key in ("voters", "voted", "done", "total_dots")} | {
        "overall": _placings(voting.ranked(overall, order), labels),
        "by_role": [{"role": str(c.role), "people": c.people, "dots": c.dots, "placings": _placings(c.placings, labels),
                     "members": list(c.members)} for c in voting.protect(columns, order, min_group_size)],
    }


def tally_of(session: Session, workshop: Workshop, vote_round: VoteRound | None) -> dict[str, Any]:
    """A round's ``tally``: progress only until it is revealed; then the result as stored at
    the reveal (a round revealed before results were stored: counted from its dots)."""
    if vote_round is None:
        return NO_ROUND | {"number": 0, "voters": _voters(session, workshop), "voted": 0, "done": 0, "total_dots": 0,
                           "overall": [], "by_role": []}
    number = session.scalar(select(func.count()).select_from(VoteRound).where(
        VoteRound.workshop_id == workshop.id, VoteRound.id <= vote_round.id))
    values: dict[str, Any] = _round_info(vote_round) | {"number": number}
    if vote_round.status != RoundStatus.REVEALED:
        # Hidden from every screen, the facilitator's included.
        return values | _progress(session, workshop, vote_round) | {"overall": [], "by_role": []}
    result = vote_round.result if vote_round.result is not None else _count(session, workshop, vote_round)
    # No role of fewer than the workshop's K voters is shown apart (domain.small_groups):
    # what every screen receives never holds a small group's figures.
    return values | _shown(result, ballot_items(session, workshop, vote_round), workshop.min_group_size)
