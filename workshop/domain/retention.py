"""How long a workshop lives: when it closes for input and when it is deleted (pure Python).

Both periods count from the day the workshop was held (:func:`held_at`). The
numbers are deployment settings (``close_after_days``, ``delete_after_days`` in
``workshop/settings.py``); the purge, the privacy page and the join page read
the same values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from workshop.settings import Settings, settings


def held_at(created_at: datetime, held_on: date | datetime | None = None) -> datetime:
    """When a workshop was held: its held date when one is stored (a day counts from
    its start, UTC), else when it was created.

    The one answer to "when was it held" for every retention rule.
    """
    if held_on is None:
        return created_at
    if isinstance(held_on, datetime):
        return held_on
    return datetime.combine(held_on, time(0, 0), tzinfo=UTC)


@dataclass(frozen=True)
class Deadlines:
    """A purge's cut-offs: workshops held before ``close_before`` close for input, those
    held before ``delete_before`` are deleted."""

    close_before: datetime
    delete_before: datetime


def deadlines(now: datetime, config: Settings | None = None) -> Deadlines:
    """The cut-offs as of ``now`` (the clock is injected, so tests can freeze it)."""
    config = config or settings()
    return Deadlines(
        close_before=now - timedelta(days=config.close_after_days),
        delete_before=now - timedelta(days=config.delete_after_days),
    )


def check_periods(config: Settings) -> None:
    """Refuse settings that would delete a workshop before it closes, or at once."""
    if config.close_after_days < 0 or config.delete_after_days < 1:
        raise ValueError("close_after_days must be >= 0 and delete_after_days >= 1")
    if config.delete_after_days < config.close_after_days:
        raise ValueError("delete_after_days must not be less than close_after_days")
