"""Moving through the workshop: any phase may follow any other (skip, go back, rerun)."""

from __future__ import annotations

from datetime import datetime, timedelta

from workshop.domain.creation import InvalidInput
from workshop.domain.vocabulary import PHASE_ORDER, Phase

TIMER_MIN_MINUTES = 1
TIMER_MAX_MINUTES = 120


def parse_phase(value: object) -> Phase:
    """The phase named by ``value``; InvalidInput when there is no such phase."""
    try:
        return Phase(value)
    except ValueError:
        raise InvalidInput("errors.phase_unknown") from None


def next_phase(current: Phase) -> Phase | None:
    """The phase after ``current`` in the default order (None after the last)."""
    index = PHASE_ORDER.index(current)
    return PHASE_ORDER[index + 1] if index + 1 < len(PHASE_ORDER) else None


def previous_phase(current: Phase) -> Phase | None:
    """The phase before ``current`` (None before the first)."""
    index = PHASE_ORDER.index(current)
    return PHASE_ORDER[index - 1] if index > 0 else None


def timer_end(now: datetime, minutes: object) -> datetime:
    """When a countdown of ``minutes`` started ``now`` ends; InvalidInput outside 1–120."""
    if isinstance(minutes, bool) or not isinstance(minutes, (int, float, str)):
        raise InvalidInput("errors.timer_range")
    try:
        value = float(minutes)
    except ValueError:
        raise InvalidInput("errors.timer_range") from None
    if not TIMER_MIN_MINUTES <= value <= TIMER_MAX_MINUTES:
        raise InvalidInput("errors.timer_range")
    return now + timedelta(minutes=value)
