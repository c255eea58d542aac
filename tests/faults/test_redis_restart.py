"""Fault: Redis restarts (every key lost: it runs without persistence) during a workshop on
two workers. Once Redis is back the room recovers by itself: phones write again and are
answered, the facilitator's screen holds every idea and the head-count; nothing stored in
the database is lost. Meanwhile no phone is left with a silent dead end: its connection
drops and reconnecting is refused until Redis answers (the browser shows it is reconnecting)."""

from __future__ import annotations

import asyncio
import json
import time

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from benchmarks.run import _our_room
from tests.faults.phones import ReconnectingTab, idea_count, latest, run_scenario, until
from tests.faults.redis_server import OwnRedis
from tests.live.sockets import KEYS, TOKENS
from tests.live.workers import several_workers
from workshop.live.redis_watch import MIN_AGE_S
from workshop.state.participant import ParticipantState
from workshop.state.room_view import RoomView
from workshop.store.db import make_engine
from workshop.store.models import Idea, Workshop

PARTICIPANT = ParticipantState.get_full_name()
ROOM = RoomView.get_full_name()
PHONES = 20


@pytest.fixture
def own_redis():
    server = OwnRedis()
    server.start()
    yield server
    server.stop()


STARTED: dict[str, float] = {}


@pytest.fixture
def app(tmp_path, own_redis):
    with several_workers(tmp_path, workers=2, extra_env={"REFLEX_REDIS_URL": own_redis.url}) as running:
        STARTED[running.url] = time.monotonic()  # the workers answer from here on
        yield running






def _stored_texts(engine, code: str) -> list[str]:
    with Session(engine) as session:
        workshop = session.scalar(select(Workshop).where(Workshop.code == code))
        return sorted(session.scalars(select(Idea.text).where(Idea.workshop_id == workshop.id)))




def test_a_redis_restart_mid_workshop(app, own_redis):
    code, key, tokens = _our_room(app.database_url, PHONES, phase="what_if")
    engine = make_engine(app.database_url)
    report: dict[str, object] = {}
    began = time.monotonic()

    def step(what: str) -> None:
        print(f"{time.monotonic() - began:6.1f} s  {what}", flush=True)

    async def write(phones, n: int) -> None:
        await asyncio.gather(*(phone.send(f"{PARTICIPANT}.add_idea", form={"text": f"P{i} idea {n}"})
                               for i, phone in enumerate(phones)))

    async def scenario() -> None:
        laptop = ReconnectingTab(app.url, f"/facilitate/{code}", storage={KEYS: json.dumps({code: key})})
        phones = [ReconnectingTab(app.url, f"/w/{code}", storage={TOKENS: json.dumps({code: t})}) for t in tokens]
        await laptop.connect()
        await asyncio.gather(*(phone.connect() for phone in phones))
        await laptop.wait_for(ROOM, "presence", lambda p: p["total"] == PHONES, timeout=20)
        await write(phones, 1)
        for phone in phones:
            await phone.wait_for(PARTICIPANT, "my_ideas", lambda mine: len(mine) == 1, timeout=20)
        step("one idea each")
        stored_before = _stored_texts(engine, code)

        marks = [len(phone.updates) for phone in phones]
        # A worker younger than MIN_AGE_S waits that long before it restarts (a Redis that is
        # away at start-up must not make workers restart in a loop): the room is older here,
        # as a workshop is by the time its phones write, so that the 5 s below measure noticing.
        await asyncio.sleep(max(0.0, MIN_AGE_S - (time.monotonic() - STARTED[app.url])))
        await asyncio.to_thread(own_redis.stop)
        step("Redis stopped")
        # Taps while Redis is away would fail without a word: the phones must be told, by
        # their connection dropping and each attempt to reconnect being refused (the browser
        # then shows that it is reconnecting, in the phone's language).
        await until(lambda: all(phone.disconnects for phone in phones), "every phone's socket dropped", 5)
        await asyncio.sleep(2)
        during = {"cut off": sum(1 for phone in phones if phone.disconnects),
                  "connected": sum(1 for phone in phones if phone.online.is_set())}
        step(f"while Redis is away: {during}")
        report["while away"] = during
        assert during["connected"] == 0, "a phone is connected to a worker that cannot serve it"
        await asyncio.to_thread(own_redis.start)
        step("Redis back")
        back = time.monotonic()
        await write(phones, 3)
        for i, phone in enumerate(phones):
            await until(lambda: f"P{i} idea 3" in {idea["text"] for idea in latest(phone, PARTICIPANT, "my_ideas") or []},
                         f"phone {i} is answered again: {latest(phone, PARTICIPANT, 'notice')}", 30)
        step("every phone answered again")
        stored = _stored_texts(engine, code)
        assert set(stored_before) <= set(stored), "an idea stored before the restart is gone"
        await until(lambda: idea_count(latest(laptop, ROOM, "ideas")) == len(stored),
                     "the facilitator's screen holds every idea", 20)
        await until(lambda: (latest(laptop, ROOM, "presence") or {}).get("total") == PHONES,
                     "the head-count is right again", 20)
        report["recovered s"] = round(time.monotonic() - back, 1)
        report["ideas stored"] = len(stored)
        for tab in (laptop, *phones):
            await tab.close()

    run_scenario(scenario(), lambda: app.server.log_tail(40), 100, engine, report)
