"""Fault: ``kill -9`` of one of two workers (PostgreSQL + Redis) in the middle of a dot burst
from 200 phones.

The killed worker's phones reconnect to the other worker by themselves (as the browser
does); a tap that went into the dead socket was never answered, and the phone taps again
until its five dots are placed, as a person would. Every dot a phone was answered as stored
is stored, none is extra (each phone's stored dots are exactly what it last showed), and the
facilitator's head-count is right again, the dead worker's seats gone, within 10 s."""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import subprocess
import time
from collections import Counter

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from benchmarks.run import VOTE, _our_vote_room
from tests.faults.phones import ReconnectingTab, latest, run_scenario, until
from tests.live.sockets import KEYS, TOKENS
from tests.live.workers import several_workers
from workshop.state.participant import ParticipantState
from workshop.state.room_view import RoomView
from workshop.store import voting
from workshop.store.db import make_engine
from workshop.store.models import Dot, Workshop

PARTICIPANT = ParticipantState.get_full_name()
ROOM = RoomView.get_full_name()
PHONES = 200
DOTS = VOTE["dots_per_phone"]
HEADCOUNT_S = 10.0


@pytest.fixture
def two_workers(tmp_path):
    with several_workers(tmp_path, workers=2) as app:
        yield app


def _workers_of(app) -> list[int]:
    """The pids of the app's workers (granian forks them from the process ``make run`` starts)."""
    listed = subprocess.run(["ps", "-o", "pid=", "--ppid", str(app.process.pid)], capture_output=True,
                            text=True, check=True).stdout.split()
    return sorted(int(pid) for pid in listed)




def _told(tab) -> list[dict[str, int]]:
    """Every state of its own dots the phone was answered with."""
    key = "my_dots_rx_state_"
    return [u["delta"][PARTICIPANT][key] for _, u in tab.updates if key in u.get("delta", {}).get(PARTICIPANT, {})]


def _stored_by_participant(engine, code: str, tokens: list[str]) -> list[dict[str, int]]:
    with Session(engine) as session:
        workshop = session.scalar(select(Workshop).where(Workshop.code == code))
        rows = session.execute(select(Dot.participant_id, Dot.cluster_id).where(Dot.workshop_id == workshop.id)).all()
        ids = [voting.voter_for_token(session, code, token).participant_id for token in tokens]
    per: dict[int, Counter] = {}
    for pid, cluster in rows:
        per.setdefault(pid, Counter())[str(cluster)] += 1
    return [dict(per.get(pid, {})) for pid in ids]


async def _settled(phones, stored, timeout: float, still: float = 3.0) -> None:
    """Wait until every phone shows its dots as stored and the stored total stands still."""
    began, total, since = time.monotonic(), -1, time.monotonic()
    while True:
        now = stored()
        if sum(map(len, map(dict.items, now))) != total:
            total, since = sum(map(len, map(dict.items, now))), time.monotonic()
        shown = all((latest(phone, PARTICIPANT, "my_dots") or {}) == mine for phone, mine in zip(phones, now))
        if shown and time.monotonic() - since >= still:
            return
        if time.monotonic() - began > timeout:
            raise AssertionError(f"taps still being stored or answered after {timeout} s")
        await asyncio.sleep(0.5)




def test_kill_9_of_a_worker_mid_dot_burst(two_workers):
    app = two_workers
    code, key, tokens, items = _our_vote_room(app.database_url, PHONES)
    engine = make_engine(app.database_url)
    redis = app.redis()
    report: dict[str, object] = {}
    rng = random.Random(4)

    async def tap(phone, index: int) -> None:
        """One more dot where this phone has fewest (what a person tapping again does)."""
        mine = latest(phone, PARTICIPANT, "my_dots") or {}
        item = min(items, key=lambda i: (mine.get(str(i), 0), (i + index) % len(items)))
        await phone.send(f"{PARTICIPANT}.add_dot", item_id=item)

    began = time.monotonic()

    def step(what: str) -> None:
        print(f"{time.monotonic() - began:6.1f} s  {what}", flush=True)

    async def scenario() -> None:
        laptop = ReconnectingTab(app.url, f"/facilitate/{code}", storage={KEYS: json.dumps({code: key})})
        phones = [ReconnectingTab(app.url, f"/w/{code}", storage={TOKENS: json.dumps({code: t})}) for t in tokens]
        await laptop.connect()
        for start in range(0, PHONES, 50):
            await asyncio.gather(*(phone.connect() for phone in phones[start:start + 50]))
        step("phones connected")
        await laptop.wait_for(ROOM, "presence", lambda p: p["total"] == PHONES, timeout=30)
        step("head-count 200")
        workers_before = set(redis.smembers(f"{app.prefix}:workers:{code}"))
        assert len(workers_before) == 2, "the phones were not spread over both workers"
        victim = _workers_of(app)[0]

        async def burst(index: int, phone) -> None:
            for n in range(DOTS):  # five taps over four clusters: at most two on one
                await asyncio.sleep(rng.uniform(0.0, 0.4))
                await phone.send(f"{PARTICIPANT}.add_dot", item_id=items[(index + n) % len(items)])

        taps = asyncio.gather(*(burst(n, phone) for n, phone in enumerate(phones)))
        await asyncio.sleep(0.5)
        os.kill(victim, signal.SIGKILL)
        killed_at = time.monotonic()
        step(f"killed worker {victim}")
        await taps
        step("burst sent")
        cut = [phone for phone in phones if phone.disconnects]
        report["phones cut off"] = len(cut)
        assert cut, "the killed worker seated no phone"
        await until(lambda: all(phone.online.is_set() for phone in phones), "every phone reconnected", 20)
        step("reconnected")
        report["reconnected s"] = round(time.monotonic() - killed_at, 1)

        def headcount_right() -> bool:
            # The dead worker has left the room's workers (its seats expired) and the
            # facilitator's screen counts every phone.
            gone = workers_before - set(redis.smembers(f"{app.prefix}:workers:{code}"))
            return bool(gone) and (latest(laptop, ROOM, "presence") or {}).get("total") == PHONES

        await until(headcount_right, "the head-count right again without the dead worker's seats",
                     HEADCOUNT_S - (time.monotonic() - killed_at))
        step("head-count right")
        report["head-count right s"] = round(time.monotonic() - killed_at, 1)

        # A tap that went into the dead socket was never answered: tap again, as a person would.
        def short(phone) -> bool:
            return sum((latest(phone, PARTICIPANT, "my_dots") or {}).values()) < DOTS

        async def tap_until_done(index: int, phone) -> int:
            """Tap again until five dots show, waiting for each answer, as a person does."""
            again = 0
            while short(phone) and again < 2 * DOTS:
                seen = len(_told(phone))
                await tap(phone, index)
                again += 1
                deadline = time.monotonic() + 10
                while len(_told(phone)) == seen and time.monotonic() < deadline:
                    await asyncio.sleep(0.05)
            return again

        # Every tap still on its way is stored and answered first: each phone shows what is
        # stored for it, and the stored total has stood still for 3 s.
        await _settled(phones, lambda: _stored_by_participant(engine, code, tokens), timeout=40)
        step("answers settled")
        again = await asyncio.gather(*(tap_until_done(n, phone) for n, phone in enumerate(phones)))
        report["taps again"] = f"{sum(again)} by {sum(1 for n in again if n)} phones"
        try:
            await until(lambda: not any(short(phone) for phone in phones), "every phone shows five dots", 5)
        finally:
            stuck = [n for n, phone in enumerate(phones) if short(phone)]
            stored_now = _stored_by_participant(engine, code, tokens)
            step(f"{len(stuck)} phones short: " + "; ".join(
                f"#{n} told {_told(phones[n])} stored {stored_now[n]} cut {phones[n].disconnects} "
                f"updates {len(phones[n].updates)}" for n in stuck[:4]))
        step("every phone shows five dots")
        stored = _stored_by_participant(engine, code, tokens)
        for n, phone in enumerate(phones):
            for told in _told(phone):
                assert all(stored[n].get(item, 0) >= dots for item, dots in told.items()), \
                    f"phone {n} was told {told} is stored; stored {stored[n]}"
            assert stored[n] == latest(phone, PARTICIPANT, "my_dots"), \
                f"phone {n} shows {latest(phone, PARTICIPANT, 'my_dots')}, stored {stored[n]}"
        report["stored"] = sum(sum(s.values()) for s in stored)
        assert report["stored"] == PHONES * DOTS
        for tab in (laptop, *phones):
            await tab.close()

    run_scenario(scenario(), lambda: app.server.log_tail(30), 100, engine, report)
