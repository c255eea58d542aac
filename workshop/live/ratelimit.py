"""Rate limits with the ``limits`` library: memory on one process, Redis across workers.

Usage::

    from workshop.live.ratelimit import limiter
    if not limiter().hit("join_code_guesses", client_address):
        raise Refused("limits.too_many_guesses")

``hit`` counts one attempt and says whether it is still within the setting
named (a field of :class:`workshop.settings.Settings`); ``test`` only looks.
With ``REFLEX_REDIS_URL`` set the counters live in Redis, so that a limit
holds however many workers serve the address.
"""

from __future__ import annotations

import os
from functools import cache

from limits import parse
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from workshop.settings import settings


@cache
def _parsed(rate: str):  # type: ignore[no-untyped-def]
    """A rate in ``limits`` notation, parsed once (a limit per socket event is on the hot path)."""
    return parse(rate)


class Limiter:
    """Named limits over one storage."""

    def __init__(self, storage_uri: str | None = None) -> None:
        # In Redis, under the deployment's own prefix (two deployments may share one Redis).
        self.storage = (storage_from_string(storage_uri, key_prefix=f"{settings().redis_prefix}:limits")
                        if storage_uri else MemoryStorage())
        self.strategy = MovingWindowRateLimiter(self.storage)

    def _item(self, name: str):
        return _parsed(str(getattr(settings(), name)))

    def hit(self, name: str, *identifiers: object, cost: int = 1) -> bool:
        """Count one attempt under setting ``name`` for these identifiers; False when over."""
        return self.strategy.hit(self._item(name), name, *map(str, identifiers), cost=cost)

    def test(self, name: str, *identifiers: object) -> bool:
        """Whether one more attempt would pass, without counting it."""
        return self.strategy.test(self._item(name), name, *map(str, identifiers))

    def clear(self, name: str, *identifiers: object) -> None:
        self.strategy.clear(self._item(name), name, *map(str, identifiers))

    def reset(self) -> None:
        """Forget every counter (tests)."""
        self.storage.reset()


@cache
def limiter() -> Limiter:
    """This process's limiter: Redis when ``REFLEX_REDIS_URL`` is set, else memory."""
    redis_url = os.environ.get("REFLEX_REDIS_URL")
    return Limiter(redis_url if redis_url else None)
