"""When Redis goes away or comes back, a worker starts afresh instead of limping on.

With ``REFLEX_REDIS_URL`` every tab's state, the seats and the room emits live in
Redis. When Redis restarts (it runs without persistence: every key is gone), a
worker that carried on would hold sockets whose taps fail without a word, and
Reflex's own Redis subscriptions (``_subscribe_socket_record_updates``,
``_subscribe_lost_and_found_updates``) end for good at the first connection
error: seen in ``tests/faults/test_redis_restart.py``, where no phone was
answered again after Redis came back.

So each worker pings Redis every :data:`PING_EVERY_S` (away: :data:`FAILURES_AWAY`
unanswered in a row):

- Redis was there and stops answering: the worker exits. Its sockets drop, the
  browsers show that they are reconnecting and retry by themselves; granian
  starts a fresh worker (``workshop/live/respawn.py``).
- A worker refuses sockets until Redis has answered once. One that finds Redis
  away refuses every new socket (the browser keeps
  retrying and keeps saying so) until Redis answers, then exits once more, so
  that the worker phones reach starts with Redis there; their tabs hydrate in
  full from what the browser holds, and the room from the database.

A worker never exits younger than :data:`MIN_AGE_S`: granian stops the whole app
when one worker fails twice within 5.5 s (its crash-loop guard).
"""

from __future__ import annotations

import asyncio
import logging
import os
import time

from redis import asyncio as aioredis

logger = logging.getLogger(__name__)

PING_EVERY_S = 0.5
PING_TIMEOUT_S = 2.0
FAILURES_AWAY = 3
MIN_AGE_S = 6.0
EXIT_CODE = 75  # EX_TEMPFAIL: try again


class RedisWatch:
    """One per worker: whether this worker accepts sockets, and the exits described above."""

    def __init__(self) -> None:
        self.refusing = False
        self._born = time.monotonic()

    async def run(self, url: str) -> None:
        """Lifespan task of a worker running with Redis at ``url``."""
        self._born = time.monotonic()
        self.refusing = True  # until Redis has answered once
        client = aioredis.Redis.from_url(url, socket_connect_timeout=PING_TIMEOUT_S, socket_timeout=PING_TIMEOUT_S)
        was_up: bool | None = None
        failures = 0
        try:
            while True:
                failures = 0 if await self._ping(client) else failures + 1
                # Away: FAILURES_AWAY pings in a row unanswered (a busy moment is not an outage).
                up = failures == 0 if failures == 0 or failures >= FAILURES_AWAY else was_up
                if up is not None and was_up is None:
                    was_up = up
                    self.refusing = not up
                    if not up:
                        logger.warning("Redis is away: this worker refuses sockets until it answers")
                elif up is not None and up != was_up:
                    self.refusing = True
                    logger.warning("Redis %s: this worker restarts", "is back" if up else "went away")
                    await self._exit()
                await asyncio.sleep(PING_EVERY_S)
        finally:
            await client.aclose()

    @staticmethod
    async def _ping(client: aioredis.Redis) -> bool:
        try:
            return bool(await asyncio.wait_for(client.ping(), PING_TIMEOUT_S))
        except (OSError, TimeoutError, aioredis.RedisError):
            return False

    async def _exit(self) -> None:
        await asyncio.sleep(max(0.0, MIN_AGE_S - (time.monotonic() - self._born)))
        logging.shutdown()
        os._exit(EXIT_CODE)


redis_watch = RedisWatch()
