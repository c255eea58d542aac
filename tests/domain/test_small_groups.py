"""The small-group rule: no group of fewer than K people shown apart, nor recoverable
as the overall figures minus the groups shown apart."""

from __future__ import annotations

import itertools

import pytest

from workshop.domain import small_groups, voting
from workshop.domain.small_groups import COMBINED, TOO_FEW, GroupCount, Split, fold_counts, head_count, split

ROLES = ("young_person", "parent", "experience_expert", "professional", "other")


def _sizes(*people: int) -> list[tuple[str, int]]:
    return list(zip(ROLES, people))


def test_no_small_group_shows_every_group_apart():
    assert split(_sizes(3, 4, 0, 10), 3) == Split(("young_person", "parent", "experience_expert",
                                                   "professional"), (), ())


def test_k_of_one_disables_the_rule():
    assert split(_sizes(1, 1, 2, 1), 1).apart == ROLES[:4]
    assert split(_sizes(1, 2), 0).apart == ROLES[:2]  # nonsense K counts as 1
    assert small_groups.effective_size(True) == 1 and small_groups.effective_size("3") == 1


def test_two_small_groups_that_together_reach_k_are_shown_together():
    assert split(_sizes(5, 1, 2, 4), 3) == Split(("young_person", "professional"), ("parent", "experience_expert"),
                                                 ())


def test_exactly_one_small_group_takes_the_smallest_group_shown_apart_with_it():
    # Differencing: the overall minus young people (5) and professionals (4) would be the one
    # parent's votes, so the parent goes together with the smallest column shown apart.
    assert split(_sizes(5, 1, 0, 4), 3) == Split(("young_person", "experience_expert"),
                                                 ("parent", "professional"), ())
    # Ties go to the later column: the earlier groups keep their columns.
    assert split(_sizes(1, 3, 0, 3), 3) == Split(("parent", "experience_expert"), ("young_person", "professional"),
                                                 ())


def test_all_groups_small_but_enough_together():
    assert split(_sizes(1, 1, 1), 3) == Split((), ROLES[:3], ())


def test_all_groups_small_and_too_few_even_together():
    """Nothing by group: not even the groups at 0, which beside "too few to show" would name by
    elimination the roles of the one or two people there (two young people and roles at 0
    for the rest: the overall result is the two young people's)."""
    assert split(_sizes(1, 0, 1, 0), 3) == Split((), (), ROLES[:4])
    assert split(_sizes(2, 0, 0, 0), 3) == Split((), (), ROLES[:4])


def test_one_person_in_the_whole_room_with_the_brief_example():
    """1 young person and 3 professionals: the young person is never apart, nor recoverable."""
    parts = split(_sizes(1, 0, 0, 3), 3)
    assert "young_person" not in parts.apart and parts.combined == ("young_person", "professional")


@pytest.mark.parametrize("k", [2, 3, 4, 5])
def test_no_shown_figure_and_no_difference_covers_fewer_than_k_people(k):
    """Exhaustively over small rooms: every group shown apart has 0 or >= K people, the groups
    together have >= K, and so has the overall minus the groups shown apart (or it is 0)."""
    for people in itertools.product(range(0, 6), repeat=4):
        parts = split(_sizes(*people), k)
        sizes = dict(_sizes(*people))
        assert all(sizes[g] == 0 or sizes[g] >= k for g in parts.apart), people
        together = sum(sizes[g] for g in parts.combined)
        assert not parts.combined or together >= k, people
        remainder = sum(people) - sum(sizes[g] for g in parts.apart)
        assert remainder == 0 or remainder >= k or not parts.combined and parts.withheld, people
        assert sorted(parts.apart + parts.combined + parts.withheld) == sorted(sizes), people


def test_head_counts_fold_and_folding_again_changes_nothing():
    rows = [GroupCount(role, n) for role, n in _sizes(6, 3, 2, 5, 1)]
    folded = fold_counts(rows, 3)
    assert folded == [GroupCount("young_person", 6), GroupCount("parent", 3), GroupCount("professional", 5),
                      GroupCount(COMBINED, 3, ("experience_expert", "other"))]
    assert fold_counts(folded, 3) == folded
    too_few = fold_counts([GroupCount(role, n) for role, n in _sizes(1, 0, 1)], 3)
    assert too_few == [GroupCount(TOO_FEW, 2)]
    assert fold_counts(too_few, 3) == too_few


def test_a_live_head_count_folds_and_names_no_role_by_elimination():
    """Who is here now, for the big screen: folded like any head-count, and a role nobody
    has is left out (beside "too few to show", roles at 0 would name the one person's role)."""
    here = {"professional": 3, "experience_expert": 1, "parent": 3}
    assert head_count(here, ROLES, 3) == [GroupCount("parent", 3),
                                          GroupCount(COMBINED, 4, ("experience_expert", "professional"))]
    assert head_count({"experience_expert": 1}, ROLES, 3) == [GroupCount(TOO_FEW, 1)]
    assert head_count({}, ROLES, 3) == []
    assert head_count(here, ROLES, 1) == [GroupCount("parent", 3), GroupCount("experience_expert", 1),
                                          GroupCount("professional", 3)]
    # A role outside the given order still counts, after the others (never dropped from the rule).
    assert head_count({"visitor": 1, "parent": 3}, ROLES, 3) == [GroupCount(COMBINED, 4, ("parent", "visitor"))]


def test_results_by_role_never_carry_a_small_groups_ranking():
    """1 young person + 3 professionals vote: no column holds the young person's dots alone."""
    dots = [("young_person", 1, "a"), ("young_person", 1, "a"), ("young_person", 1, "c")]
    dots += [("professional", p, "b") for p in (2, 3, 4)] + [("professional", 2, "c")]
    columns = voting.by_role(dots, ["a", "b", "c"], min_group_size=3)
    assert [c.role for c in columns] == ["parent", "experience_expert", COMBINED]
    together = columns[-1]
    assert (together.people, together.dots, together.members) == (4, 7, ("young_person", "professional"))
    assert [(p.item, p.dots) for p in together.placings] == [("b", 3), ("a", 2), ("c", 2)]
    # The same dots with K = 1: every role apart, as before the rule.
    raw = voting.by_role(dots, ["a", "b", "c"], min_group_size=1)
    assert [(c.role, c.people) for c in raw] == [("young_person", 1), ("parent", 0), ("experience_expert", 0),
                                                 ("professional", 3)]


def test_results_by_role_when_even_everyone_together_is_too_few():
    dots = [("young_person", 1, "a"), ("parent", 2, "b")]
    columns = voting.by_role(dots, ["a", "b"], min_group_size=3)
    # Only "too few to show": columns at 0 for the other roles would say whose the votes are.
    assert [(c.role, c.people, c.dots, c.placings) for c in columns] == [(TOO_FEW, 2, 2, [])]


def test_protecting_twice_changes_nothing():
    dots = [(role, index, item) for index, (role, item) in enumerate(
        [("young_person", "a"), ("parent", "b"), ("parent", "a"), ("professional", "a"), ("professional", "b"),
         ("professional", "b"), ("experience_expert", "b")])]
    once = voting.by_role(dots, ["a", "b"], min_group_size=2)
    assert voting.protect(once, ["a", "b"], 2) == once
