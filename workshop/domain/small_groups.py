"""Small groups stay anonymous: no figure is ever shown for fewer than K people.

Participants may be minors, and a workshop often has one or two people of a
role ("young people: 1 person, Cluster One 3" *is* that young person's vote).
The rule, for anything that shows figures per participant group (results by
role, participation by role, who is here on the big screen):

1. A group of 1..K-1 people is never shown as its own column. It is folded
   into one column of *groups together* (:data:`COMBINED`), which names the
   roles it holds but gives no figure per role.
2. Differencing: the overall figures are always shown, so the total minus the
   groups shown apart equals the groups folded together. That remainder must
   itself cover at least K people, or subtracting would reveal it. So while
   the folded groups together are still fewer than K, the smallest group shown
   apart is folded in too (ties: the later column, so the four groups the
   reform listens to keep their columns in order). Hiding two small groups
   side by side as "too few" would not be enough: 1 young person + 1 parent
   hidden still gives away the two people's votes as total minus the rest.
3. Only when every group with people in it is folded and they are still fewer
   than K is nothing shown by group at all (:data:`TOO_FEW`), not even the groups
   of 0 people: beside "too few to show" they would tell by elimination whose
   the overall figures are ("young people: too few; parents 0, professionals 0").
   The figures overall are then all there is.

Otherwise a group of 0 people stays in its place (beside groups shown apart or
together by name, it reveals nobody); K=1 shows every group apart. The rule is applied once, here; the store uses it for what
screens receive and the exports apply it again to whatever snapshot they get
(applying it twice changes nothing).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

G = TypeVar("G", bound=Hashable)

# Ids of the two pseudo-groups, next to the roles' own ids.
COMBINED = "combined"
TOO_FEW = "too_few"


def effective_size(min_size: object) -> int:
    """K as used: a whole number of at least 1 (anything else counts as 1)."""
    return min_size if isinstance(min_size, int) and not isinstance(min_size, bool) and min_size > 1 else 1


@dataclass(frozen=True)
class Split(Generic[G]):
    """Which groups are shown apart, which together, and which not at all (each in the given order)."""

    apart: tuple[G, ...]
    combined: tuple[G, ...]
    withheld: tuple[G, ...]


def split(sizes: Sequence[tuple[G, int]], min_size: int) -> Split[G]:
    """Apply the rule to groups given as (group, people) in column order."""
    k = effective_size(min_size)
    order = [group for group, _ in sizes]
    folded = {group for group, people in sizes if 0 < people < k}
    if not folded:
        return Split(tuple(order), (), ())
    total = sum(people for group, people in sizes if group in folded)
    while total < k:
        candidates = [(people, -index, group) for index, (group, people) in enumerate(sizes)
                      if group not in folded and people > 0]
        if not candidates:
            break
        people, _, group = min(candidates)
        folded.add(group)
        total += people
    apart = tuple(group for group in order if group not in folded)
    together = tuple(group for group in order if group in folded)
    if total < k:
        # Nothing by group, the groups at 0 included: beside "too few to show" they would
        # name by elimination the groups of the people there.
        return Split((), (), tuple(order))
    return Split(apart, together, ())


@dataclass(frozen=True)
class GroupCount:
    """A head-count row: a role, :data:`COMBINED` (with its ``members``) or
    :data:`TOO_FEW`. The too-few row still counts its people: it holds every
    group with people in it, so its count is the overall total, shown anyway."""

    group: str
    people: int
    members: tuple[str, ...] = ()


def members_of(group: str, members: Sequence[str]) -> tuple[str, ...]:
    """The roles a row stands for (a combined row's members, else the row's own role)."""
    return tuple(members) if group == COMBINED else (group,)


def fold_counts(rows: Sequence[GroupCount], min_size: int) -> list[GroupCount]:
    """Head-counts by group with the rule applied: the groups shown apart in their
    order, then the groups together, or one row "too few to show"."""
    parts = split([(row.group, row.people) for row in rows], min_size)
    kept = [row for row in rows if row.group in parts.apart]
    folded = [row for row in rows if row.group in parts.combined]
    if folded:
        members = tuple(m for row in folded for m in members_of(row.group, row.members))
        kept.append(GroupCount(COMBINED, sum(row.people for row in folded), members))
    if parts.withheld:
        kept.append(GroupCount(TOO_FEW, sum(row.people for row in rows if row.group in parts.withheld)))
    return kept


def head_count(counts: Mapping[str, int], order: Sequence[str], min_size: int) -> list[GroupCount]:
    """Who is here now, by group, for a head-count shown to the room (the big screen):
    the groups in ``order`` (then any other, by name) folded by :func:`fold_counts`. A group
    with nobody in it is left out rather than shown as 0: the room sees who is here, not
    a list of who is not."""
    known = [group for group in order if counts.get(group, 0) > 0]
    others = sorted(group for group, people in counts.items() if people > 0 and group not in order)
    return fold_counts([GroupCount(group, counts[group]) for group in known + others], min_size)
