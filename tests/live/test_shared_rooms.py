"""What workers share through Redis: the head-count over every live worker's seats, seats
that expire with their worker's heartbeat, and cached parts that a change on another
worker invalidates. Each test uses a Redis key prefix of its own."""

from __future__ import annotations

import asyncio
import os
import uuid

import pytest

from tests.asyncio_support import run
from tests.live.workers import forget_keys
from tests.services import require_redis
from workshop.live.hub import RoomHub
from workshop.live.shared import SharedRooms
from workshop.settings import settings


@pytest.fixture
def redis_url(monkeypatch):
    url = require_redis()
    prefix = f"entajos_shared_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("ENTAJOS_REDIS_PREFIX", prefix)
    monkeypatch.setenv("ENTAJOS_PRESENCE_EXPIRY_SECONDS", "1")
    settings.cache_clear()
    yield url
    settings.cache_clear()
    forget_keys(url, prefix)


def test_the_head_count_spans_workers_and_counts_each_person_once(redis_url):
    async def scenario() -> tuple[dict, dict]:
        first, second = SharedRooms(redis_url), SharedRooms(redis_url)
        await first.write_seats("ROOM", {1: "parent", 2: "young_person"})
        await second.write_seats("ROOM", {2: "young_person", 3: "parent"})  # person 2: a tab on each
        both = await first.counts("ROOM")
        await first.write_seats("ROOM", {})  # everyone on the first worker left
        after = await second.counts("ROOM")
        await first.close(), await second.close()
        return both, after

    both, after = run(scenario())
    assert both == {"parent": 2, "young_person": 1}
    assert after == {"parent": 1, "young_person": 1}


def test_a_worker_that_stops_heartbeating_leaves_the_count(redis_url):
    async def scenario() -> tuple[dict, set, dict, set]:
        killed, alive = SharedRooms(redis_url), SharedRooms(redis_url)
        await killed.write_seats("ROOM", {1: "parent", 2: "parent"})
        await alive.write_seats("ROOM", {3: "professional"})
        before = await alive.counts("ROOM")
        changed: set[str] = set()
        for _ in range(4):  # 1.6 s: past the 1 s expiry; only ``alive`` beats
            await asyncio.sleep(0.4)
            changed |= await alive.heartbeat(["ROOM"])
        after = await alive.counts("ROOM")
        quiet = await alive.heartbeat(["ROOM"])
        await alive.close()
        return before, changed, after, quiet

    before, changed, after, quiet = run(scenario())
    assert before == {"parent": 2, "professional": 1}
    assert changed == {"ROOM"}  # the hub re-counts and tells the hosts
    assert after == {"professional": 1}  # the heartbeat kept the living worker's seats
    assert quiet == set()


def test_a_change_on_another_worker_invalidates_only_that_part(redis_url):
    reads: list[frozenset[str]] = []
    phase = {"now": "lobby"}

    def read(code: str, parts: frozenset[str]) -> dict:
        reads.append(parts)
        return {part: {"phase": phase["now"]} for part in parts}

    def worker() -> RoomHub:
        hub = RoomHub()
        hub._read, hub.shared = read, SharedRooms(redis_url)
        return hub

    async def scenario() -> tuple[dict, dict]:
        here, there = worker(), worker()
        await here._stored("ROOM", frozenset({"room", "wall"}))
        await here._stored("ROOM", frozenset({"room", "wall"}))  # a second join: from the cache
        phase["now"] = "critique"
        await there.shared.bump("ROOM", frozenset({"room"}))  # as ``there`` flushes its change
        fresh = await here._stored("ROOM", frozenset({"room", "wall"}))
        again = await here._stored("ROOM", frozenset({"room", "wall"}))
        return fresh, again

    fresh, again = run(scenario())
    assert reads == [frozenset({"room", "wall"}), frozenset({"room"})]
    assert fresh["room"]["phase"] == again["room"]["phase"] == "critique"


def test_rate_limits_in_redis_live_under_the_deployments_prefix(redis_url):
    import redis

    from workshop.live.ratelimit import Limiter

    limiter = Limiter(redis_url)
    assert limiter.hit("join_code_guesses", "10.9.8.7")
    prefix = settings().redis_prefix
    assert list(redis.Redis.from_url(redis_url).scan_iter(match=f"{prefix}:limits:*"))


def test_a_running_hub_renews_its_seats_and_takes_them_away_when_it_stops(redis_url, monkeypatch):
    from types import SimpleNamespace

    from workshop.live.presence import Seat

    monkeypatch.setenv("ENTAJOS_PRESENCE_EXPIRY_SECONDS", "2")
    monkeypatch.setenv("ENTAJOS_PRESENCE_HEARTBEAT_SECONDS", "1")
    settings.cache_clear()
    hub = RoomHub()
    hub.shared = SharedRooms(redis_url)
    hub._coalescer = SimpleNamespace(touch=lambda code, parts: None)
    hub.presence.enter("s1", Seat("ROOM", 1, "parent"))

    async def scenario() -> tuple[dict, dict]:
        await hub.shared.write_seats("ROOM", hub.presence.people("ROOM"))
        beating = asyncio.get_running_loop().create_task(hub._heartbeat())
        await asyncio.sleep(3.5)  # past the expiry: only the heartbeat keeps the seat
        running = await SharedRooms(redis_url).counts("ROOM")
        beating.cancel()
        await asyncio.gather(beating, return_exceptions=True)
        return running, await SharedRooms(redis_url).counts("ROOM")

    running, stopped = run(scenario())
    assert running == {"parent": 1}
    assert stopped == {}


def test_a_cache_never_outlives_a_lost_versions_hash(redis_url):
    """Redis restarted without persistence (or the hash forgotten): counts start again
    from 0, but a part cached before does not match again."""
    reads: list[frozenset[str]] = []
    hub = RoomHub()
    hub._read = lambda code, parts: reads.append(parts) or {part: {} for part in parts}
    hub.shared = SharedRooms(redis_url)

    async def scenario() -> None:
        await hub._stored("ROOM", frozenset({"wall"}))  # cached before any change
        await hub.shared.forget("ROOM")  # as if Redis lost everything
        await hub._stored("ROOM", frozenset({"wall"}))

    run(scenario())
    assert len(reads) == 2


def test_open_sockets_per_address_are_counted_over_every_live_worker(redis_url):
    """Two workers, a limit of 3 per address: together they admit 3, not 3 each; a worker
    whose heartbeat expired no longer counts; the address is not stored in Redis."""

    async def scenario() -> tuple[list[bool], bool, bool, list[str]]:
        first, second = SharedRooms(redis_url), SharedRooms(redis_url)
        address = "203.0.113.7"
        taken = [await first.open_socket(address, 3), await first.open_socket(address, 3),
                 await second.open_socket(address, 3), await second.open_socket(address, 3),
                 await first.open_socket(address, 3)]
        other_address = await second.open_socket("203.0.113.8", 3)
        await second.close_socket(address)
        again = await second.open_socket(address, 3)
        keys = [key async for key in first.redis.scan_iter(f"{first.prefix}:*")]
        await asyncio.sleep(1.3)  # past the 1 s expiry: the first worker stopped beating
        await second.beat()
        after_expiry = [await second.open_socket(address, 3) for _ in range(3)]
        await first.close(), await second.close()
        return taken + [other_address, again] + after_expiry, keys

    answers, keys = run(scenario())
    assert answers[:5] == [True, True, True, False, False]  # 3 over both workers, not 3 each
    assert answers[5] is True  # another address has its own count
    assert answers[6] is True  # a socket given back is free again
    assert answers[7:] == [True, True, False]  # the first worker's 2 no longer count: 1 + 2 = 3
    assert not any("203.0.113" in key for key in keys)


def test_what_a_room_was_sent_is_shared_by_the_workers_and_goes_with_the_workshop(redis_url):
    async def scenario() -> tuple[dict, dict, dict]:
        first, second = SharedRooms(redis_url), SharedRooms(redis_url)
        before = await second.sent("ROOM", ["wall_0", "wall_1"])
        await first.mark_sent("ROOM", {"wall_0": "d0", "wall_1": "d1"})
        await first.mark_sent("ROOM", {"wall_1": "d1b"})
        seen = await second.sent("ROOM", ["wall_0", "wall_1"])
        await second.forget("ROOM")
        after = await first.sent("ROOM", ["wall_0"])
        await first.close(), await second.close()
        return before, seen, after

    before, seen, after = run(scenario())
    assert before == {"wall_0": None, "wall_1": None}
    assert seen == {"wall_0": "d0", "wall_1": "d1b"}
    assert after == {"wall_0": None}
