"""Rules of the group phase: cluster names, who may group, and reordering."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from workshop.domain.creation import InvalidInput
from workshop.domain.ideas import Room, clean_idea_text
from workshop.domain.text import TextRule, clean_text
from workshop.domain.vocabulary import Phase, WorkshopStatus

NAME_MAX = 80
NAME = TextRule(NAME_MAX, "errors.cluster_name_too_long", empty="errors.cluster_name_empty")
# Phases in which the clusters are on screen (and pushed to the screens).
BOARD_PHASES = frozenset({Phase.GROUP, Phase.VOTE, Phase.DEVELOP, Phase.RESULTS})
T = TypeVar("T")


def clean_cluster_name(raw: object) -> str:
    """A cluster name as stored: one line, trimmed, 1 to NAME_MAX characters."""
    return clean_text(raw, NAME)


def board_shown(phase: str) -> bool:
    """Whether screens show the clusters in ``phase``."""
    return Phase(phase) in BOARD_PHASES


def participant_may_group(room: Room, participants_group: bool) -> None:
    """Participants group from their phones only when the facilitator allowed it,
    in the group phase, with input not locked (a workshop closed to newcomers included)."""
    if not participants_group or room.phase != Phase.GROUP.value:
        raise InvalidInput("errors.grouping_not_open")
    if room.input_locked:
        raise InvalidInput("errors.input_locked")


def room_for_phone_cluster(on_board: int, most: int) -> None:
    """Refuse a new cluster from a phone once the board holds ``most`` clusters (every
    phone's board and ballot carry them all); the facilitator is not held to it."""
    if on_board >= most:
        raise InvalidInput("limits.board_full")


def moved(items: Sequence[T], item: T, direction: object) -> list[T]:
    """``items`` with ``item`` swapped with its neighbour above (-1) or below (1);
    unchanged at either end. InvalidInput for another direction or a stranger."""
    if isinstance(direction, bool) or direction not in (-1, 1) or item not in items:
        raise InvalidInput("errors.cluster_unknown")
    order = list(items)
    index = order.index(item)
    other = index + int(direction)  # type: ignore[call-overload]
    if 0 <= other < len(order):
        order[index], order[other] = order[other], order[index]
    return order
