"""Dot-voting rules: round settings, placing dots, progress, ranking with ties, by role."""

from __future__ import annotations

import pytest

from workshop.domain import voting
from workshop.domain.creation import InvalidInput
from workshop.domain.vocabulary import IdeaKind, Role, VoteTarget


def test_round_settings_name_the_target_and_check_the_limits():
    assert voting.parse_round("cluster", "5", "3") == voting.RoundSettings(VoteTarget.CLUSTER, None, 5, 3)
    assert voting.parse_round("what_if", 3, 1) == voting.RoundSettings(VoteTarget.IDEA, IdeaKind.WHAT_IF, 3, 1)
    assert voting.parse_round("critique", "4", "4").ballot == "critique"
    assert voting.parse_round("idea", "1", "1").idea_kind is None
    for ballot, dots, per_item in [("cluster", "0", "1"), ("cluster", "3", "4"), ("cluster", "21", "1"),
                                   ("cluster", "x", "1"), ("cluster", True, 1), ("cluster", "3", "0")]:
        with pytest.raises(InvalidInput, match="errors.dots_invalid"):
            voting.parse_round(ballot, dots, per_item)
    for ballot in ("", "clusters", None, 3):
        with pytest.raises(InvalidInput, match="errors.vote_target_unknown"):
            voting.parse_round(ballot, "5", "3")


def test_phones_vote_only_in_the_vote_phase_while_the_round_is_open():
    voting.check_may_vote(phase="vote", input_locked=False, round_status="open")
    refusals = {
        "errors.vote_not_open": [dict(phase="group", round_status="open"), dict(round_status="closed"),
                                 dict(round_status="revealed"), dict(round_status=None)],
        "errors.input_locked": [dict(input_locked=True)],
    }
    for key, cases in refusals.items():
        for case in cases:
            arguments = dict(phase="vote", input_locked=False, round_status="open") | case
            with pytest.raises(InvalidInput, match=key):
                voting.check_may_vote(**arguments)


def test_a_dot_takes_the_lowest_free_slots():
    assert voting.place_dot([], "a", dots=5, per_item=3) == voting.PlacedDot(1, 1)
    mine = [("a", 1, 1), ("b", 2, 1), ("a", 4, 2)]  # slot 3 was freed by a removal
    assert voting.place_dot(mine, "a", dots=5, per_item=3) == voting.PlacedDot(3, 3)
    assert voting.place_dot(mine, "b", dots=5, per_item=3) == voting.PlacedDot(3, 2)


def test_no_more_dots_than_given_nor_than_the_most_per_item():
    full_item = [("a", 1, 1), ("a", 2, 2), ("a", 3, 3)]
    with pytest.raises(InvalidInput, match="errors.item_full"):
        voting.place_dot(full_item, "a", dots=5, per_item=3)
    assert voting.place_dot(full_item, "b", dots=5, per_item=3) == voting.PlacedDot(4, 1)
    spent = full_item + [("b", 4, 1), ("c", 5, 1)]
    with pytest.raises(InvalidInput, match="errors.no_dots_left"):
        voting.place_dot(spent, "d", dots=5, per_item=3)


def test_progress_counts_who_voted_and_who_used_every_dot():
    assert voting.progress({1: 5, 2: 3, 3: 5, 4: 0}, limit=5) == (3, 2)
    assert voting.progress({}, limit=5) == (0, 0)


def test_ranking_shares_ranks_between_equal_tallies():
    placings = voting.ranked({"a": 3, "b": 7, "c": 3, "d": 1}, ["a", "b", "c", "d", "e"])
    assert [(p.item, p.dots, p.rank, p.tied) for p in placings] == [
        ("b", 7, 1, False),
        ("a", 3, 2, True),  # equal dots keep the ballot's order and share the rank
        ("c", 3, 2, True),
        ("d", 1, 4, False),
        ("e", 0, 5, False),
    ]


def test_winners_include_ties_at_the_border_but_not_items_without_dots():
    placings = voting.ranked({"a": 4, "b": 2, "c": 2, "d": 1}, ["a", "b", "c", "d", "e"])
    assert [p.item for p in voting.winners(placings, 2)] == ["a", "b", "c"]
    assert voting.winners(voting.ranked({}, ["a"]), 3) == []


def test_results_by_role_side_by_side():
    dots = [("young_person", 1, "a"), ("young_person", 1, "a"), ("young_person", 2, "b"),
            ("professional", 3, "b"), ("professional", 3, "b"), ("professional", 4, "c")]
    columns = voting.by_role(dots, ["a", "b", "c"], min_group_size=1)  # every role apart
    assert [c.role for c in columns] == [Role.YOUNG_PERSON, Role.PARENT, Role.EXPERIENCE_EXPERT,
                                         Role.PROFESSIONAL]
    young, parents, _, professionals = columns
    assert (young.people, young.dots) == (2, 3)
    assert [(p.item, p.dots, p.rank, p.tied) for p in young.placings][:2] == [("a", 2, 1, False),
                                                                               ("b", 1, 2, False)]
    assert [p.item for p in professionals.placings][:2] == ["b", "c"]
    assert parents.people == 0 and all(p.dots == 0 and p.tied for p in parents.placings)
    # "Other" gets a column only when someone of that role voted.
    assert voting.by_role([("other", 9, "a")], ["a"], min_group_size=1)[-1].role == Role.OTHER


def test_progress_from_how_many_placed_each_number_of_dots():
    # 3 people placed 5, 1 placed 3, 2 placed none: the same as per person.
    assert voting.progress_of({5: 3, 3: 1, 0: 2}, limit=5) == (4, 3, 18)
    assert voting.progress_of({}, limit=5) == (0, 0, 0)
    assert voting.progress({1: 5, 2: 3, 3: 5, 4: 0}, limit=5) == voting.progress_of({5: 2, 3: 1, 0: 1}, 5)[:2]
