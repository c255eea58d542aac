"""``RedisWatch``: a worker refuses sockets until Redis has answered, exits when Redis goes
away (three pings unanswered) or comes back, never younger than MIN_AGE_S."""

from __future__ import annotations

import asyncio

import pytest

from tests.asyncio_support import run
from workshop.live import redis_watch as module


class Exited(Exception):
    pass


class FakeRedis:
    """Answers pings from a script: True answered, False not."""

    def __init__(self, script: list[bool], watch: module.RedisWatch, seen: list[bool]) -> None:
        self.script, self.watch, self.seen = script, watch, seen

    async def ping(self) -> bool:
        self.seen.append(self.watch.refusing)
        if not self.script:
            await asyncio.sleep(3600)
        if self.script.pop(0):
            return True
        raise OSError("connection refused")

    async def aclose(self) -> None:
        pass


@pytest.fixture
def watch(monkeypatch):
    watch = module.RedisWatch()
    monkeypatch.setattr(module, "PING_EVERY_S", 0)
    monkeypatch.setattr(module, "MIN_AGE_S", 0)

    def exit_(code: int) -> None:
        raise Exited(code)

    monkeypatch.setattr(module.os, "_exit", exit_)
    return watch


def _run(watch, monkeypatch, script: list[bool]) -> tuple[bool, list[bool]]:
    """Run the watch over ``script``; returns (exited, refusing as seen at each ping)."""
    seen: list[bool] = []
    monkeypatch.setattr(module.aioredis.Redis, "from_url", lambda *a, **k: FakeRedis(script, watch, seen))

    async def go() -> bool:
        try:
            await asyncio.wait_for(watch.run("redis://x"), 0.5)
        except Exited:
            return True
        except TimeoutError:
            return False
        return False

    return run(go()), seen


def test_up_then_away_exits_after_three_unanswered_pings(watch, monkeypatch):
    exited, seen = _run(watch, monkeypatch, [True, True, False, False, False])
    assert exited and seen == [True, False, False, False, False]


def test_one_unanswered_ping_is_no_outage(watch, monkeypatch):
    exited, _ = _run(watch, monkeypatch, [True, False, True, False, False, True])
    assert not exited and not watch.refusing


def test_started_while_away_refuses_sockets_then_exits_when_redis_answers(watch, monkeypatch):
    exited, seen = _run(watch, monkeypatch, [False, False, False, False, True])
    assert exited and seen == [True, True, True, True, True] and watch.refusing
