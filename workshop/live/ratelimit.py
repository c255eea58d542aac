"""Rate limits with the ``limits`` library: memory on one process, Redis across workers.

Usage::

    from workshop.live.ratelimit import limiter
    if not limiter().hit("join_code_guesses", client_address):
        raise Refused("limits.too_many_guesses")

``hit`` counts one attempt and says whether it is still within the setting
named (a field of :class:`workshop.settings.Settings`); ``test`` only looks.
With ``REFLEX_REDIS_URL`` set the counters live in Redis, so that a limit
holds however many workers serve the address.

In one process's memory the windows are :class:`MemoryWindows`, not the
``limits`` library's memory storage: that one starts a timer thread after
every hit that walks every key, which at 1,000 phones sending a few events a
second each took ~10 % of the server's time (py-spy, ``benchmarks.run
--profile``). The rule is the same moving window: at most N hits in any
period of the window's length.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from functools import cache

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from workshop.settings import settings


@cache
def _parsed(rate: str):  # type: ignore[no-untyped-def]
    """A rate in ``limits`` notation, parsed once (a limit per socket event is on the hot path)."""
    return parse(rate)


class MemoryWindows:
    """Moving windows in this process's memory: per key, the times of its hits within the window.

    A key whose hits have all left their window is dropped by a sweep every
    ``SWEEP_EVERY`` hits, so memory follows the keys in use, not every key ever seen."""

    SWEEP_EVERY = 10_000

    def __init__(self) -> None:
        self._hits: dict[tuple[str, ...], tuple[deque[float], float]] = {}
        self._lock = threading.Lock()
        self._since_sweep = 0

    def _recent(self, key: tuple[str, ...], window_s: float, now: float) -> deque[float]:
        hits = self._hits.get(key)
        if hits is None:
            hits = self._hits[key] = (deque(), window_s)
        times = hits[0]
        while times and times[0] <= now - window_s:
            times.popleft()
        return times

    def hit(self, key: tuple[str, ...], amount: int, window_s: float, cost: int = 1) -> bool:
        now = time.monotonic()
        with self._lock:
            self._since_sweep += 1
            if self._since_sweep >= self.SWEEP_EVERY:
                self._sweep(now)
            times = self._recent(key, window_s, now)
            if len(times) + cost > amount:
                return False
            times.extend([now] * cost)
            return True

    def test(self, key: tuple[str, ...], amount: int, window_s: float) -> bool:
        with self._lock:
            return len(self._recent(key, window_s, time.monotonic())) < amount

    def clear(self, key: tuple[str, ...]) -> None:
        with self._lock:
            self._hits.pop(key, None)

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()

    def _sweep(self, now: float) -> None:
        self._since_sweep = 0
        for key, (times, window_s) in list(self._hits.items()):
            if not times or times[-1] <= now - window_s:
                del self._hits[key]

    def __len__(self) -> int:
        return len(self._hits)


class Limiter:
    """Named limits over one storage: Redis through ``limits``, or :class:`MemoryWindows`."""

    def __init__(self, storage_uri: str | None = None) -> None:
        # In Redis, under the deployment's own prefix (two deployments may share one Redis).
        self.storage = (storage_from_string(storage_uri, key_prefix=f"{settings().redis_prefix}:limits")
                        if storage_uri else None)
        self.strategy = MovingWindowRateLimiter(self.storage) if self.storage else None
        self.memory = MemoryWindows()

    def _item(self, name: str):
        return _parsed(str(getattr(settings(), name)))

    def hit(self, name: str, *identifiers: object, cost: int = 1) -> bool:
        """Count one attempt under setting ``name`` for these identifiers; False when over."""
        item = self._item(name)
        if self.strategy is None:
            return self.memory.hit((name, *map(str, identifiers)), item.amount, item.get_expiry(), cost)
        return self.strategy.hit(item, name, *map(str, identifiers), cost=cost)

    def test(self, name: str, *identifiers: object) -> bool:
        """Whether one more attempt would pass, without counting it."""
        item = self._item(name)
        if self.strategy is None:
            return self.memory.test((name, *map(str, identifiers)), item.amount, item.get_expiry())
        return self.strategy.test(item, name, *map(str, identifiers))

    def hit_all(self, *limits: tuple[object, ...]) -> bool:
        """Count one attempt under each ``(setting name, *identifiers)`` only when every one
        of them would still pass; False (and nothing counted) when one is used up. Two calls
        racing for the last place may both find room and one be refused at its hit, having
        counted under the limits checked before it."""
        if not all(self.test(str(name), *ids) for name, *ids in limits):
            return False
        return all([self.hit(str(name), *ids) for name, *ids in limits])

    def clear(self, name: str, *identifiers: object) -> None:
        if self.strategy is None:
            self.memory.clear((name, *map(str, identifiers)))
        else:
            self.strategy.clear(self._item(name), name, *map(str, identifiers))

    def reset(self) -> None:
        """Forget every counter (tests)."""
        if self.storage is None:
            self.memory.reset()
        else:
            self.storage.reset()


@cache
def limiter() -> Limiter:
    """This process's limiter: Redis when ``REFLEX_REDIS_URL`` is set, else memory."""
    redis_url = os.environ.get("REFLEX_REDIS_URL")
    return Limiter(redis_url if redis_url else None)
