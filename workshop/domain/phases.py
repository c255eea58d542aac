"""Moving through the workshop: any phase may follow any other (skip, go back, rerun); each
new phase starts without a countdown."""

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


# The minutes the cockpit offers for a countdown; the phase's suggested time joins them.
TIMER_CHOICES = (1, 2, 3, 5, 10, 15, 20, 30, 45, 60)
TIMER_DEFAULT_MINUTES = 5


def suggested_timer_minutes(guide_minutes: int | None) -> int:
    """The countdown offered first in a phase: its time in the facilitator's guide (which
    may run to 180 minutes) held to 1–120, or 5 minutes when there is no guide."""
    if guide_minutes is None:
        return TIMER_DEFAULT_MINUTES
    return max(TIMER_MIN_MINUTES, min(TIMER_MAX_MINUTES, guide_minutes))


def timer_choices(suggested: int) -> tuple[int, ...]:
    """The minutes to choose from, in order, the suggested one always among them."""
    return tuple(sorted({*TIMER_CHOICES, suggested}))


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


def move_to(current: Phase, target: Phase | None, timer: Timer) -> tuple[Phase, Timer]:
    """The phase and countdown after a move from ``current`` to ``target``. Moving to another
    phase (forward, back or a jump) stops the countdown, as a reset does: a clock started for
    one phase never counts on through the next. No move (``target`` None, as Next after the
    last phase, or the phase on now) keeps both."""
    if target is None or target == current:
        return current, timer
    return target, Timer()
