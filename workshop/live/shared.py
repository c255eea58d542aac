"""What the workers of one deployment share through Redis (``REFLEX_REDIS_URL``).

With one process the hub keeps everything in memory and none of this runs.
With several workers:

- **Publish order.** A room emit is published through a write-only socket.io
  manager, so every worker, the sender's included, delivers it from Redis's one
  ordered channel; the server's own manager would deliver to the sender's
  sockets at once and to the others' later, and two workers emitting the same
  part could leave their sockets showing different values. Each flush reads
  the database and publishes under a per-room Redis lock, so the last message
  published carries the latest value.
- **Part versions.** A hash per room counts changes per part; a worker uses a
  cached part only when it was read at the version Redis holds now.
- **Seats.** Each worker writes the people seated on it per room (participant id
  -> role) into a hash that expires unless the worker renews it every
  ``presence_heartbeat_seconds``: a killed worker's phones leave the count after
  ``presence_expiry_seconds``, and come back as they reconnect elsewhere.

Every client is created in the worker, on first use: Reflex imports the app in
granian's supervisor before it forks the workers (see socket_server.py).
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from redis import asyncio as aioredis
from socketio import AsyncRedisManager

from workshop.live.socket_server import redis_channel, socket_json
from workshop.settings import settings

LOCK_TIMEOUT_S = 10  # a flush holds its room's lock at most this long (a hung worker's lock expires)


class SharedRooms:
    """One per worker: the Redis side of the room hub."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.prefix = settings().redis_prefix
        self._redis: aioredis.Redis | None = None
        self._publisher: AsyncRedisManager | None = None
        self._worker = ""
        self._written: dict[str, dict[str, str]] = {}  # room -> what this worker last wrote

    @property
    def redis(self) -> aioredis.Redis:
        if self._redis is None:
            self._redis = aioredis.Redis.from_url(self.url, decode_responses=True)
        return self._redis

    @property
    def worker(self) -> str:
        if not self._worker:
            self._worker = uuid.uuid4().hex
        return self._worker

    def _key(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    # --- Publish order --------------------------------------------------------------

    def lock(self, code: str) -> Any:
        """The room's lock across workers: hold it to read and publish a flush."""
        return self.redis.lock(self._key("lock", code), timeout=LOCK_TIMEOUT_S, sleep=0.005,
                               blocking_timeout=LOCK_TIMEOUT_S)

    async def publish(self, event: str, message: Any, room: str, namespace: str) -> None:
        """Emit to a socket.io room on every worker, in Redis's order."""
        if self._publisher is None:
            self._publisher = AsyncRedisManager(self.url, channel=redis_channel(), write_only=True,
                                                json=socket_json())
        await self._publisher.emit(event, message, room=room, namespace=namespace)

    # --- Part versions --------------------------------------------------------------

    async def bump(self, code: str, parts: frozenset[str]) -> None:
        """Count a change of these parts (after the commit, before anyone reads them)."""
        if not parts:
            return
        key = self._key("versions", code)
        async with self.redis.pipeline(transaction=False) as pipe:
            for part in parts:
                pipe.hincrby(key, part, 1)
            await pipe.execute()

    async def versions(self, code: str, parts: Iterable[str]) -> dict[str, int]:
        wanted = sorted(parts)
        values = await self.redis.hmget(self._key("versions", code), wanted)
        return {part: int(value or 0) for part, value in zip(wanted, values)}

    async def forget(self, code: str) -> None:
        """A deleted workshop: its versions and seats go."""
        await self.redis.delete(self._key("versions", code))

    # --- Seats ------------------------------------------------------------------------

    async def write_seats(self, code: str, people: Mapping[int, str]) -> None:
        """Replace this worker's seats in ``code`` with ``people`` (participant id -> role)."""
        mine = {str(pid): role for pid, role in people.items()}
        if self._written.get(code) == mine:
            return
        key, workers = self._key("seats", code, self.worker), self._key("workers", code)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.delete(key)
            if mine:
                pipe.hset(key, mapping=mine)
                pipe.expire(key, settings().presence_expiry_seconds)
                pipe.sadd(workers, self.worker)
            else:
                pipe.srem(workers, self.worker)
            await pipe.execute()
        if mine:
            self._written[code] = mine
        else:
            self._written.pop(code, None)

    async def counts(self, code: str) -> dict[str, int]:
        """Connected participants of ``code`` on every live worker, by role (each person once)."""
        people = await self._people(code)
        return dict(Counter(role for role in people.values() if role))

    async def _people(self, code: str) -> dict[str, str]:
        workers = sorted(await self.redis.smembers(self._key("workers", code)))
        if not workers:
            return {}
        async with self.redis.pipeline(transaction=False) as pipe:
            for worker in workers:
                pipe.hgetall(self._key("seats", code, worker))
            seats = await pipe.execute()
        people: dict[str, str] = {}
        for held in seats:
            people.update(held)
        return people

    async def heartbeat(self, rooms: Iterable[str]) -> set[str]:
        """Renew this worker's seats in ``rooms`` (where it seats any screen) and drop the
        workers whose seats expired; returns the rooms whose head-count changed so."""
        rooms = sorted(set(rooms))
        if not rooms:
            return set()
        expiry = settings().presence_expiry_seconds
        renewed = [code for code in rooms if code in self._written]
        async with self.redis.pipeline(transaction=False) as pipe:
            for code in renewed:
                pipe.expire(self._key("seats", code, self.worker), expiry)
            for code in rooms:
                pipe.smembers(self._key("workers", code))
            replies = await pipe.execute()
        changed: set[str] = set()
        for code, alive in zip(renewed, replies):
            if not alive:  # expired meanwhile (this worker stalled past the expiry): write again
                self._written.pop(code, None)
                changed.add(code)
        members = replies[len(renewed):]
        for code, workers in zip(rooms, members):
            others = sorted(workers - {self.worker})
            if not others:
                continue
            alive = await self.redis.exists(*(self._key("seats", code, w) for w in others))
            if alive == len(others):
                continue
            for worker in others:
                if not await self.redis.exists(self._key("seats", code, worker)):
                    await self.redis.srem(self._key("workers", code), worker)
            changed.add(code)
        return changed

    async def close(self) -> None:
        """A worker stopping: its seats go at once (not after the expiry)."""
        if self._redis is None:
            return
        for code in list(self._written):
            await self.write_seats(code, {})
        await self._redis.aclose()
        self._redis = None
