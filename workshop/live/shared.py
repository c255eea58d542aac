"""What the workers of one deployment share through Redis (``REFLEX_REDIS_URL``).

With one process the hub keeps everything in memory and none of this runs.
With several workers:

- **Publish order.** A room emit (and the close of a replaced key's room, see
  ``RoomHub.revoke``) is published through a write-only socket.io manager, so
  every worker, the sender's included, delivers it from Redis's one ordered
  channel; the server's own manager would deliver to the sender's sockets at
  once and to the others' later, and two workers emitting the same part could
  leave their sockets showing different values. Each flush reads
  the database and publishes under a per-room Redis lock, so the last message
  published carries the latest value.
- **Part versions.** A hash per room counts changes per part; a worker uses a
  cached part only when it was read at the version Redis holds now.
- **Open sockets per address.** The socket guard's ``sockets_per_address`` counts
  over every worker: a hash per address (the address itself is not stored, only a
  keyed digest of it) holds each worker's open sockets, and a worker's count is
  left out once its heartbeat key expired (a killed worker's sockets are gone).
- **What a room was sent.** A digest per wall shard (``<prefix>:sent:CODE``),
  written after each publish under the room's lock: whichever worker flushes next
  sends only the shards that differ, as one process does in memory.
- **Seats.** Each worker writes the people seated on it per room (participant id
  -> role) into a hash that expires unless the worker renews it every
  ``presence_heartbeat_seconds``: a killed worker's phones leave the count after
  ``presence_expiry_seconds``, and come back as they reconnect elsewhere.

Every client is created in the worker, on first use: Reflex imports the app in
granian's supervisor before it forks the workers (see socket_server.py).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any

from redis import asyncio as aioredis
from socketio import AsyncRedisManager

from workshop.live.socket_server import redis_channel, socket_json
from workshop.settings import settings

# Counts an address's open sockets over the workers whose heartbeat key still lives (the
# others' counts are dropped), and takes one more for this worker if under the limit.
# KEYS[1]: the address's hash (worker -> open sockets); ARGV: this worker, the limit,
# the prefix of the workers' heartbeat keys, their expiry. 1: taken, 0: refused.
_OPEN_SOCKET = """
local counts = redis.call('HGETALL', KEYS[1])
local total = 0
for i = 1, #counts, 2 do
  local worker, n = counts[i], tonumber(counts[i + 1])
  if worker == ARGV[1] or redis.call('EXISTS', ARGV[3] .. worker) == 1 then
    total = total + n
  else
    redis.call('HDEL', KEYS[1], worker)
  end
end
if total >= tonumber(ARGV[2]) then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('EXPIRE', KEYS[1], 86400)
redis.call('SET', ARGV[3] .. ARGV[1], '1', 'EX', tonumber(ARGV[4]))
return 1
"""
_CLOSE_SOCKET = """
local left = redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
if left <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return left
"""

# A flush holds its room's lock at most this long: a killed worker's lock frees itself by then.
LOCK_TIMEOUT_S = 3
EPOCH = "epoch"
# What a room was sent is forgotten a day after its last flush (a room quiet that long
# gets everything again on its next flush).
SENT_EXPIRY_S = 86_400  # the field of a room's versions hash that names its generation


def sockets_key(prefix: str, address: str) -> str:
    """The hash of ``address``'s open sockets per worker (a keyed digest, not the address)."""
    digest = hashlib.blake2b(address.encode(), key=prefix.encode()[:64], digest_size=12).hexdigest()
    return f"{prefix}:sockets:{digest}"


class SharedRooms:
    """One per worker: the Redis side of the room hub."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.prefix = settings().redis_prefix
        self._redis: aioredis.Redis | None = None
        self._publisher: AsyncRedisManager | None = None
        self._worker = ""
        self._written: dict[str, dict[str, str]] = {}  # room -> what this worker last wrote
        # One write per room at a time, in call order (asyncio's lock is FIFO): the last
        # write holds the latest seats.
        self._writing: dict[str, asyncio.Lock] = {}

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
        return self.redis.lock(self._key("lock", code), timeout=LOCK_TIMEOUT_S, sleep=0.005)

    @property
    def publisher(self) -> AsyncRedisManager:
        """A write-only manager: what it publishes every worker (this one too) hears from the
        channel, in the one order of the channel."""
        if self._publisher is None:
            self._publisher = AsyncRedisManager(self.url, channel=redis_channel(), write_only=True,
                                                json=socket_json())
        return self._publisher

    async def publish(self, event: str, message: Any, room: str, namespace: str) -> None:
        """Emit to a socket.io room on every worker, in Redis's order."""
        await self.publisher.emit(event, message, room=room, namespace=namespace)

    async def close_room(self, room: str, namespace: str) -> None:
        """Close a socket.io room on every worker, in Redis's order: each worker's manager
        runs its ``before_close`` hook (socket_server.ClosingHook) between the emits
        published before and after."""
        await self.publisher.close_room(room, namespace=namespace)

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

    async def versions(self, code: str, parts: Iterable[str]) -> dict[str, str]:
        """Each part's version now, as "<epoch>:<count>". The epoch is drawn when the room's
        hash is first made, so a hash lost with Redis (a restart without persistence) or
        forgotten never matches a version cached before."""
        wanted, key = sorted(parts), self._key("versions", code)
        *values, epoch = await self.redis.hmget(key, [*wanted, EPOCH])
        if epoch is None:
            await self.redis.hsetnx(key, EPOCH, uuid.uuid4().hex)
            *values, epoch = await self.redis.hmget(key, [*wanted, EPOCH])
        return {part: f"{epoch}:{value or 0}" for part, value in zip(wanted, values)}

    async def forget(self, code: str) -> None:
        """A deleted workshop: its versions, seats and what its room was sent go."""
        await self.redis.delete(self._key("versions", code), self._key("sent", code))

    # --- What a room was sent --------------------------------------------------------

    async def sent(self, code: str, names: list[str]) -> dict[str, str | None]:
        """The digest of what the room was last sent of each var (None: not known). Read
        and written under the room's lock, by whichever worker flushes."""
        if not names:
            return {}
        return dict(zip(names, await self.redis.hmget(self._key("sent", code), names)))

    async def mark_sent(self, code: str, digests: Mapping[str, str]) -> None:
        """After a publish: the room now holds these vars (by digest)."""
        if digests:
            key = self._key("sent", code)
            async with self.redis.pipeline(transaction=False) as pipe:
                pipe.hset(key, mapping=dict(digests))
                pipe.expire(key, SENT_EXPIRY_S)
                await pipe.execute()

    # --- Open sockets per address ----------------------------------------------------

    def _sockets_key(self, address: str) -> str:
        return sockets_key(self.prefix, address)

    async def open_socket(self, address: str, limit: int) -> bool:
        """Take one of ``address``'s ``limit`` open sockets, counted over every live worker;
        False when they are all taken (the connection is refused)."""
        taken = await self.redis.eval(_OPEN_SOCKET, 1, self._sockets_key(address), self.worker, limit,
                                      self._key("alive", ""), settings().presence_expiry_seconds)
        return bool(int(taken))

    async def close_socket(self, address: str) -> None:
        """Give back a socket taken by :meth:`open_socket`."""
        await self.redis.eval(_CLOSE_SOCKET, 1, self._sockets_key(address), self.worker)

    async def beat(self) -> None:
        """This worker is alive: its open sockets count (see :meth:`open_socket`)."""
        await self.redis.set(self._key("alive", self.worker), "1", ex=settings().presence_expiry_seconds)

    # --- Removals -----------------------------------------------------------------------

    async def remove(self, code: str, participant_id: int) -> None:
        """Tell every worker (this one too) that a participant of ``code`` was removed."""
        await self.redis.publish(self._key("removals"), json.dumps([code, participant_id]))

    async def removals(self, handle: Callable[[str, int], Awaitable[None]]) -> None:
        """Call ``handle(code, participant_id)`` for each removal published, until cancelled."""
        async with self.redis.pubsub(ignore_subscribe_messages=True) as pubsub:
            await pubsub.subscribe(self._key("removals"))
            async for message in pubsub.listen():
                code, participant_id = json.loads(message["data"])
                await handle(str(code), int(participant_id))

    # --- Seats ------------------------------------------------------------------------

    async def write_seats(self, code: str, people: Mapping[int, str]) -> None:
        """Replace this worker's seats in ``code`` with ``people`` (participant id -> role)."""
        mine = {str(pid): role for pid, role in people.items()}
        async with self._writing.setdefault(code, asyncio.Lock()):
            await self._write_seats(code, mine)

    async def _write_seats(self, code: str, mine: dict[str, str]) -> None:
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
