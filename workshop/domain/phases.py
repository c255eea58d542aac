"""Moving through the workshop: any phase may follow any other (skip, go back, rerun)."""

from __future__ import annotations

from dataclasses import dataclass
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


# The countdown: running (ends_at), paused (paused_left_ms) or off (neither).

TIMER_STEP_MS = 60_000
TIMER_MAX_MS = TIMER_MAX_MINUTES * 60_000


@dataclass(frozen=True)
class Timer:
    """The facilitator's countdown: ``ends_at`` while it runs, ``paused_left_ms`` while paused."""

    ends_at: datetime | None = None
    paused_left_ms: int | None = None

    def left_ms(self, now: datetime) -> int:
        """Milliseconds left now (0 when off or run out)."""
        if self.ends_at is not None:
            return max(0, int((self.ends_at - now).total_seconds() * 1000))
        return self.paused_left_ms or 0


def timer_start(now: datetime, minutes: object) -> Timer:
    """A running countdown of ``minutes`` (1–120); InvalidInput otherwise."""
    return Timer(ends_at=timer_end(now, minutes))


def timer_pause(timer: Timer, now: datetime) -> Timer:
    """Stop the clock, keeping the time left; refused unless it runs."""
    if timer.ends_at is None:
        raise InvalidInput("cockpit.timer_not_running")
    return Timer(paused_left_ms=timer.left_ms(now))


def timer_resume(timer: Timer, now: datetime) -> Timer:
    """Run a paused countdown on from where it stopped; refused unless paused."""
    if timer.paused_left_ms is None:
        raise InvalidInput("cockpit.timer_not_paused")
    return Timer(ends_at=now + timedelta(milliseconds=timer.paused_left_ms))


def timer_add_minute(timer: Timer, now: datetime) -> Timer:
    """One more minute (at most 120 in all): on a running, paused, run-out or absent countdown."""
    if timer.paused_left_ms is not None:
        return Timer(paused_left_ms=min(TIMER_MAX_MS, timer.paused_left_ms + TIMER_STEP_MS))
    left = min(TIMER_MAX_MS, timer.left_ms(now) + TIMER_STEP_MS)
    return Timer(ends_at=now + timedelta(milliseconds=left))
