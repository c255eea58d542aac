"""Group-phase rules: cluster names, who may group from a phone, reordering."""

from __future__ import annotations

import pytest

from workshop.domain.clusters import board_shown, clean_cluster_name, moved, participant_may_group
from workshop.domain.creation import InvalidInput
from workshop.domain.ideas import Room


@pytest.mark.parametrize("raw, clean", [
    ("  Koulu  ", "Koulu"),
    ("Perhe\n\ttuki", "Perhe tuki"),
    ("Sámi ja 🌈", "Sámi ja 🌈"),
    ("x" * 80, "x" * 80),
])
def test_cluster_names_are_one_trimmed_line(raw, clean):
    assert clean_cluster_name(raw) == clean


@pytest.mark.parametrize("raw, key", [
    ("", "errors.cluster_name_empty"),
    (" \n ", "errors.cluster_name_empty"),
    (None, "errors.cluster_name_empty"),
    (42, "errors.cluster_name_empty"),
    ("x" * 81, "errors.cluster_name_too_long"),
])
def test_bad_cluster_names_are_refused(raw, key):
    with pytest.raises(InvalidInput) as refused:
        clean_cluster_name(raw)
    assert refused.value.key == key


def test_phones_group_only_when_allowed_in_the_group_phase():
    participant_may_group(Room("group", False, "open"), True)
    for room, allowed, key in [
        (Room("group", False, "open"), False, "errors.grouping_not_open"),
        (Room("vote", False, "open"), True, "errors.grouping_not_open"),
        (Room("group", True, "open"), True, "errors.input_locked"),
    ]:
        with pytest.raises(InvalidInput) as refused:
            participant_may_group(room, allowed)
        assert refused.value.key == key


def test_board_is_shown_from_the_group_phase_on():
    assert [p for p in ("lobby", "critique", "what_if", "group", "vote", "develop", "results")
            if board_shown(p)] == ["group", "vote", "develop", "results"]


def test_moved_swaps_with_a_neighbour_and_stays_at_the_ends():
    assert moved([1, 2, 3], 3, -1) == [1, 3, 2]
    assert moved([1, 2, 3], 1, 1) == [2, 1, 3]
    assert moved([1, 2, 3], 1, -1) == [1, 2, 3]
    assert moved([1, 2, 3], 3, 1) == [1, 2, 3]
    for item, direction in [(4, 1), (1, 2), (1, True), (1, "1")]:
        with pytest.raises(InvalidInput):
            moved([1, 2, 3], item, direction)


def test_a_phone_starts_no_cluster_once_the_board_is_full():
    from workshop.domain.clusters import room_for_phone_cluster

    room_for_phone_cluster(59, 60)
    for on_board in (60, 61):
        with pytest.raises(InvalidInput) as refused:
            room_for_phone_cluster(on_board, 60)
        assert refused.value.key == "limits.board_full"
