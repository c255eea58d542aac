"""Coalesce bursts of room changes into few emits (pure asyncio, no Reflex)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable

# At most one emit per room in this many seconds; the first change after a
# quiet spell goes out at once.
DEFAULT_INTERVAL_S = 0.03
# During a burst a room's flushes take at most this share of the time: a flush
# that took 25 ms (one message to 500 sockets) rests 100 ms before the next, so
# that the event loop mostly serves the requests making the burst.
# (Measured, 500 phones tapping 5 dots at once: every answer sent 2.3 s
# after the last tap with flushes every 30 ms, 1.5 s with none at all.)
FLUSH_SHARE = 0.25
# ... but never rest longer than this, on that account or on the flush's own estimate
# (a flush's time counts whatever else the loop ran meanwhile, and an estimate of 2.5 s
# for a whole wall to 500 phones kept the burst's last ideas waiting on an idle machine).
MAX_SHARE_REST_S = 0.5

logger = logging.getLogger(__name__)

# A flush may return how long the room should rest before the next one (seconds):
# large emits to many sockets then coalesce harder than small ones.
Flush = Callable[[str, frozenset[str]], Awaitable[float | None]]


class RoomCoalescer:
    """Marks what changed per room and flushes each room from one task.

    ``touch(room, parts)`` never blocks; the flush callback receives the
    union of the parts touched since the previous flush, reads their current
    values (from the database) and emits them. A change that arrives while a
    flush runs is carried by the next one, so nothing is lost and a burst of
    N changes costs about ``duration / interval`` emits instead of N.
    """

    def __init__(self, flush: Flush, interval_s: float = DEFAULT_INTERVAL_S) -> None:
        self._flush = flush
        self._interval_s = interval_s
        self._dirty: dict[str, set[str]] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._next_flush: dict[str, float] = {}

    def touch(self, room: str, parts: Iterable[str]) -> None:
        """Record that ``parts`` of ``room`` changed; schedule a flush."""
        self._dirty.setdefault(room, set()).update(parts)
        task = self._tasks.get(room)
        if task is None or task.done():
            self._tasks[room] = asyncio.get_running_loop().create_task(self._run(room))

    async def _run(self, room: str) -> None:
        while self._dirty.get(room):
            wait = self._next_flush.get(room, 0.0) - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            parts = frozenset(self._dirty.pop(room, ()))
            started = time.monotonic()
            rest = 0.0
            try:
                rest = await self._flush(room, parts) or 0.0
            except Exception:  # a failed flush must not stop later ones
                logger.exception("flushing room %s failed", room)
            took = time.monotonic() - started
            # Only a burst (changes arrived while this flush ran) rests for the flush's
            # share; a lone change after a quiet spell (a phase change) goes out at once.
            share = min(took / FLUSH_SHARE, MAX_SHARE_REST_S) if self._dirty.get(room) else 0.0
            self._next_flush[room] = started + max(self._interval_s, min(rest, MAX_SHARE_REST_S), share)
        self._tasks.pop(room, None)

    async def drain(self) -> None:
        """Wait until every scheduled flush has run (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks.values()), return_exceptions=True)
