"""Fault: the whole backend restarts in the middle of the what-if phase (and again during
the vote). Phones reconnect by themselves, as the browser does, and keep their seat, their
ideas and their dots; the facilitator's screen gets the whole room and the head-count back.

Every idea a phone was told is stored (it showed in the phone's own list) is still stored
and shown after the restart; nothing is stored twice."""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.faults.backend import Backend
from tests.faults.phones import ReconnectingTab, idea_count, latest, run_scenario, until
from tests.live.sockets import KEYS, TOKENS
from workshop.domain.creation import NewWorkshop
from workshop.domain.participation import NewParticipant
from workshop.domain.vocabulary import Role
from workshop.state.facilitator import FacilitatorState
from workshop.state.participant import ParticipantState
from workshop.state.room_view import RoomView
from workshop.store import participants, workshops
from workshop.store.db import make_engine
from workshop.store.models import Dot, Idea, Workshop

FACILITATOR = FacilitatorState.get_full_name()
PARTICIPANT = ParticipantState.get_full_name()
ROOM = RoomView.get_full_name()
PHONES = 12
ROLES = (Role.YOUNG_PERSON, Role.PARENT, Role.PROFESSIONAL)


@pytest.fixture
def backend(tmp_path):
    server = Backend(tmp_path, f"sqlite:///{tmp_path / 'app.db'}")
    server.bootstrap()
    server.start()
    yield server
    server.stop()


def _seed(engine) -> dict:
    with Session(engine) as session, session.begin():
        created = workshops.create_workshop(session, NewWorkshop(title="Restart", challenge="", language="fi"))
        workshop = session.get(Workshop, created.id)
        workshop.phase, workshop.ideas_per_minute = "what_if", 60
        people = [participants.join(session, workshop, NewParticipant(ROLES[n % 3], None)) for n in range(PHONES)]
        return {"code": created.code, "key": created.facilitator_key, "id": created.id,
                "people": [(p.id, p.token, ROLES[n % 3].value) for n, p in enumerate(people)]}


def _stored(engine, workshop_id: int) -> tuple[dict[int, list[str]], dict[int, int]]:
    """{participant id: texts of their ideas}, {participant id: dots}, as stored."""
    with Session(engine) as session:
        ideas: dict[int, list[str]] = {}
        for pid, text in session.execute(select(Idea.participant_id, Idea.text)
                                         .where(Idea.workshop_id == workshop_id)):
            ideas.setdefault(pid, []).append(text)
        dots = Counter(session.scalars(select(Dot.participant_id).where(Dot.workshop_id == workshop_id)))
        return ideas, dict(dots)


def _texts(ideas: list) -> list[str]:
    return sorted(idea["text"] for idea in ideas)








def test_a_backend_restart_keeps_every_seat_idea_and_dot(backend):
    engine = make_engine(backend.database_url)
    room = _seed(engine)
    code = room["code"]
    report: dict[str, object] = {}

    async def scenario() -> None:
        laptop = ReconnectingTab(backend.url, f"/facilitate/{code}", storage={KEYS: json.dumps({code: room["key"]})})
        phones = {pid: ReconnectingTab(backend.url, f"/w/{code}", storage={TOKENS: json.dumps({code: token})})
                  for pid, token, _ in room["people"]}
        roles = {pid: role for pid, _, role in room["people"]}
        await laptop.connect()
        await asyncio.gather(*(phone.connect() for phone in phones.values()))
        await laptop.wait_for(ROOM, "presence", lambda p: p["total"] == PHONES, timeout=20)

        # What-if: two ideas each, then a third from every phone while the backend restarts.
        for n in (1, 2):
            await asyncio.gather(*(phone.send(f"{PARTICIPANT}.add_idea", form={"text": f"P{pid} idea {n}"})
                                   for pid, phone in phones.items()))
        for phone in phones.values():
            await phone.wait_for(PARTICIPANT, "my_ideas", lambda mine: len(mine) == 2)
        told = {pid: set(_texts(latest(phone, PARTICIPANT, "my_ideas"))) for pid, phone in phones.items()}
        marks = {pid: len(phone.updates) for pid, phone in phones.items()} | {0: len(laptop.updates)}

        async def third(pid, phone):
            await asyncio.sleep(0.05 * (pid % 6))
            await phone.send(f"{PARTICIPANT}.add_idea", form={"text": f"P{pid} idea 3"})

        sends = asyncio.gather(*(third(pid, phone) for pid, phone in phones.items()))
        report["what-if restart s"] = round(await asyncio.to_thread(backend.restart), 1)
        await sends
        began = time.monotonic()
        # Every phone is back on its own: its seat (role, not sent to join), its ideas.
        for pid, phone in phones.items():
            await until(lambda: latest(phone, PARTICIPANT, "role", marks[pid]) == roles[pid],
                         f"phone {pid} seated again as {roles[pid]}")
        await laptop.wait_for(ROOM, "presence", lambda p: p["total"] == PHONES, timeout=20)
        await asyncio.sleep(1.0)  # the queued third ideas land
        stored_ideas, _ = _stored(engine, room["id"])
        for pid, phone in phones.items():
            await until(lambda: _texts(latest(phone, PARTICIPANT, "my_ideas", marks[pid]) or [])
                         == sorted(stored_ideas[pid]),
                         f"phone {pid} shows its ideas as stored: {stored_ideas[pid]} / "
                         f"{latest(phone, PARTICIPANT, 'my_ideas')}")
        await until(lambda: idea_count(latest(laptop, ROOM, "ideas", marks[0])) == sum(map(len, stored_ideas.values())),
                     "the facilitator's screen holds every idea")
        report["what-if back s"] = round(time.monotonic() - began, 1)
        for pid, phone in phones.items():
            assert told[pid] <= set(stored_ideas[pid]), f"phone {pid}: an idea it was told is stored is gone"
            assert len(stored_ideas[pid]) == len(set(stored_ideas[pid])), f"stored twice: {stored_ideas[pid]}"
        report["third ideas stored"] = sum(len(texts) == 3 for texts in stored_ideas.values())
        report["reconnects"] = sum(phone.reconnects for phone in phones.values())

        # Vote: three dots each on what-if ideas, then a restart; the dots stay each phone's.
        await laptop.send(f"{FACILITATOR}.go_to_phase", phase="vote")
        await laptop.send(f"{FACILITATOR}.open_round", form={"ballot": "what_if", "dots": "3", "per_item": "3"})
        ballot = await phones[room["people"][0][0]].wait_for(ROOM, "ballot", lambda b: b["status"] == "open")
        choices = [choice["id"] for choice in ballot["choices"]]
        for pid, phone in phones.items():
            for n in range(3):
                await phone.send(f"{PARTICIPANT}.add_dot", item_id=choices[(pid + n) % len(choices)])
        for phone in phones.values():
            await phone.wait_for(PARTICIPANT, "my_dots", lambda mine: sum(mine.values()) == 3)
        dots_before = {pid: latest(phone, PARTICIPANT, "my_dots") for pid, phone in phones.items()}
        marks = {pid: len(phone.updates) for pid, phone in phones.items()} | {0: len(laptop.updates)}
        report["vote restart s"] = round(await asyncio.to_thread(backend.restart), 1)
        for pid, phone in phones.items():
            await until(lambda: latest(phone, PARTICIPANT, "my_dots", marks[pid]) == dots_before[pid],
                         f"phone {pid} shows its dots {dots_before[pid]} again")
            await until(lambda: (latest(phone, ROOM, "ballot", marks[pid]) or {}).get("status") == "open",
                         f"phone {pid} shows the open ballot again")
        await laptop.wait_for(ROOM, "presence", lambda p: p["total"] == PHONES, timeout=20)
        await until(lambda: (latest(laptop, ROOM, "tally", marks[0]) or {}).get("done") == PHONES,
                     "the facilitator sees every phone's dots used")
        _, stored_dots = _stored(engine, room["id"])
        assert stored_dots == {pid: 3 for pid in phones}, stored_dots
        for tab in (laptop, *phones.values()):
            await tab.close()

    run_scenario(scenario(), lambda: backend.log_tail(), 90, engine, report)
