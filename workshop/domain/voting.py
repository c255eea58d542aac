"""Dot voting: round settings, the dot rules, progress, and ranked results with ties.

Every participant has ``dots`` dots in a round and may put at most
``per_item`` of them on one item (a cluster, or an idea). A dot is one
stored row holding two numbers, its *slot* among the participant's dots
(1..dots) and its *item slot* among the participant's dots on that item
(1..per_item); the database keeps both unique and within the round's limits,
so no interleaving of requests can ever exceed the rules. Adding a dot takes
the lowest free slot and item slot (:func:`place_dot`).
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

from workshop.domain import small_groups
from workshop.domain.creation import DOTS_MAX, InvalidInput
from workshop.domain.vocabulary import IdeaKind, Phase, Role, RoundStatus, VoteTarget

Item = TypeVar("Item", bound=Hashable)

# What a round is on, as the facilitator's form names it.
BALLOTS: dict[str, tuple[VoteTarget, IdeaKind | None]] = {
    "cluster": (VoteTarget.CLUSTER, None),
    "what_if": (VoteTarget.IDEA, IdeaKind.WHAT_IF),
    "critique": (VoteTarget.IDEA, IdeaKind.CRITIQUE),
    "idea": (VoteTarget.IDEA, None),
}

# Results side by side: the four groups the reform listens to, then anyone else.
ROLE_COLUMNS: tuple[Role, ...] = (
    Role.YOUNG_PERSON, Role.PARENT, Role.EXPERIENCE_EXPERT, Role.PROFESSIONAL, Role.OTHER,
)


@dataclasses.dataclass(frozen=True)
class RoundSettings:
    """A new round: what it is on, and its dot limits."""

    target: VoteTarget
    idea_kind: IdeaKind | None
    dots: int
    per_item: int

    @property
    def ballot(self) -> str:
        return ballot_name(self.target, self.idea_kind)


def ballot_name(target: str, idea_kind: str | None) -> str:
    """The form's name for a round's target: cluster, what_if, critique or idea."""
    if target == VoteTarget.CLUSTER:
        return "cluster"
    return idea_kind or "idea"


def _whole(value: object) -> int:
    if isinstance(value, bool):
        raise InvalidInput("errors.dots_invalid")
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        raise InvalidInput("errors.dots_invalid") from None


def parse_round(ballot: object, dots: object, per_item: object) -> RoundSettings:
    """Check the facilitator's round form; InvalidInput when refused."""
    if not isinstance(ballot, str) or ballot not in BALLOTS:
        raise InvalidInput("errors.vote_target_unknown")
    target, kind = BALLOTS[ballot]
    count, most = _whole(dots), _whole(per_item)
    if not 1 <= count <= DOTS_MAX or not 1 <= most <= count:
        raise InvalidInput("errors.dots_invalid")
    return RoundSettings(target, kind, count, most)


def check_may_vote(*, phase: str, input_locked: bool, round_status: str | None) -> None:
    """Phones add and remove dots only in the vote phase, while a round is open (a workshop
    closed to newcomers still counts the dots of those in it)."""
    if phase != Phase.VOTE or round_status != RoundStatus.OPEN:
        raise InvalidInput("errors.vote_not_open")
    if input_locked:
        raise InvalidInput("errors.input_locked")


def free_slot(taken: Iterable[int], limit: int) -> int | None:
    """The lowest number in 1..limit not taken (None when all are)."""
    used = set(taken)
    return next((n for n in range(1, limit + 1) if n not in used), None)


@dataclasses.dataclass(frozen=True)
class PlacedDot:
    slot: int
    item_slot: int


def place_dot(my_dots: Sequence[tuple[Item, int, int]], item: Item, dots: int, per_item: int) -> PlacedDot:
    """Where a new dot on ``item`` goes, given the participant's dots as
    (item, slot, item_slot); InvalidInput when no dot is left or the item is full."""
    slot = free_slot((s for _, s, _ in my_dots), dots)
    if slot is None:
        raise InvalidInput("errors.no_dots_left")
    item_slot = free_slot((i for it, _, i in my_dots if it == item), per_item)
    if item_slot is None:
        raise InvalidInput("errors.item_full")
    return PlacedDot(slot, item_slot)


def progress(dots_by_participant: Mapping[int, int], limit: int) -> tuple[int, int]:
    """(participants who placed any dot, participants who used all ``limit`` dots)."""
    voted, done, _ = progress_of(Counter(dots_by_participant.values()), limit)
    return voted, done


def progress_of(people_by_dots: Mapping[int, int], limit: int) -> tuple[int, int, int]:
    """The same from how many participants placed each number of dots (at most ``limit``
    + 1 rows, however many vote): (voted, used all ``limit``, dots placed in all)."""
    voted = sum(people for dots, people in people_by_dots.items() if dots > 0)
    done = sum(people for dots, people in people_by_dots.items() if dots >= limit)
    return voted, done, sum(dots * people for dots, people in people_by_dots.items())


@dataclasses.dataclass(frozen=True)
class Placing:
    """One item's place in a ranking: standard competition rank (1, 2, 2, 4)."""

    item: Hashable
    dots: int
    rank: int
    tied: bool


def ranked(tally: Mapping[Item, int], items: Sequence[Item]) -> list[Placing]:
    """``items`` ordered by dots (most first; equal dots keep the ballot's order),
    each with its rank; equal dots share a rank and are marked as tied."""
    order = {item: index for index, item in enumerate(items)}
    ordered = sorted(items, key=lambda item: (-tally.get(item, 0), order[item]))
    counts = Counter(tally.get(item, 0) for item in items)
    placings: list[Placing] = []
    for index, item in enumerate(ordered):
        dots = tally.get(item, 0)
        rank = placings[-1].rank if placings and placings[-1].dots == dots else index + 1
        placings.append(Placing(item, dots, rank, counts[dots] > 1))
    return placings


def winners(placings: Sequence[Placing], top: int) -> list[Placing]:
    """The items placed in the first ``top`` ranks, ties at the border included."""
    return [p for p in placings if p.rank <= top and p.dots > 0]


@dataclasses.dataclass(frozen=True)
class RoleResult:
    """One column of the result by role: a role, or (see :mod:`small_groups`)
    ``combined`` with the roles it holds as ``members``, or ``too_few`` (every group
    with voters, together fewer than K: its totals are the overall ones, and no ranking)."""

    role: str
    people: int
    dots: int
    placings: list[Placing]
    members: tuple[str, ...] = ()


def by_role(dots: Iterable[tuple[str, int, Item]], items: Sequence[Item], *,
            min_group_size: int) -> list[RoleResult]:
    """Per role (in :data:`ROLE_COLUMNS` order): who voted, how many dots, and the ranking,
    with the small-group rule applied (:func:`protect`).

    ``dots`` holds one (role, participant id, item) per dot. Roles nobody of
    voted in are left out, except the four named groups (an empty column
    says that group did not vote)."""
    tallies: dict[str, Counter[Item]] = defaultdict(Counter)
    people: dict[str, set[int]] = defaultdict(set)
    for role, participant, item in dots:
        tallies[role][item] += 1
        people[role].add(participant)
    columns = [
        RoleResult(role, len(people[role]), sum(tallies[role].values()), ranked(tallies[role], items))
        for role in ROLE_COLUMNS
        if role != Role.OTHER or people[role]
    ]
    return protect(columns, items, min_group_size)


def protect(columns: Sequence[RoleResult], items: Sequence[Item], min_group_size: int) -> list[RoleResult]:
    """The columns with no group of fewer than ``min_group_size`` people shown apart
    (:func:`small_groups.split`): folded columns add up into one ``combined`` column,
    ranked afresh over ``items``; a ``too_few`` column carries no ranking."""
    parts = small_groups.split([(column.role, column.people) for column in columns], min_group_size)
    kept = [column for column in columns if column.role in parts.apart]
    folded = [column for column in columns if column.role in parts.combined]
    if folded:
        tally: Counter[Item] = Counter()
        for column in folded:
            for placing in column.placings:
                tally[placing.item] += placing.dots  # type: ignore[index]
        members = tuple(m for c in folded for m in small_groups.members_of(c.role, c.members))
        kept.append(RoleResult(small_groups.COMBINED, sum(c.people for c in folded), sum(c.dots for c in folded),
                               ranked(tally, items), members))
    if parts.withheld:
        # Every group with voters in it: its figures are the overall ones, its ranking not repeated.
        withheld = [column for column in columns if column.role in parts.withheld]
        kept.append(RoleResult(small_groups.TOO_FEW, sum(c.people for c in withheld), sum(c.dots for c in withheld),
                               []))
    return kept
