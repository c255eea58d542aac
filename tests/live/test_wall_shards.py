"""The wall by increments over real sockets: a new idea travels in one shard, a hidden idea's
text never reaches a phone, and a screen that joins late holds the whole wall."""

from __future__ import annotations

import json

import pytest
from sqlalchemy.orm import Session

from tests.asyncio_support import run
from tests.live.sockets import facilitator_tab, phone_tab
from workshop.domain import wall
from workshop.domain.creation import NewWorkshop
from workshop.domain.participation import NewParticipant
from workshop.domain.vocabulary import Role
from workshop.state.facilitator import FacilitatorState
from workshop.state.participant import ParticipantState
from workshop.state.room_view import RoomView
from workshop.store import participants, workshops
from workshop.store.models import Workshop

ME, FACILITATOR, ROOM = (s.get_full_name() for s in (ParticipantState, FacilitatorState, RoomView))
SECRET = "Piilotettava salaisuus"


@pytest.fixture
def workshop(database):
    with Session(database) as session, session.begin():
        created = workshops.create_workshop(session, NewWorkshop(title="Shards", challenge="", language="fi"))
        row = session.get(Workshop, created.id)
        row.phase = "what_if"
        row.ideas_per_minute = 100  # a wall longer than one shard, from one phone
        tokens = [participants.join(session, row, NewParticipant(Role.YOUNG_PERSON, None)).token
                  for _ in range(2)]
    return created.code, created.facilitator_key, tokens


def _held(tab) -> list[str]:
    """The texts a screen's wall holds now: the latest value of each shard, in order."""
    latest: dict[str, list] = {}
    for _, update in tab.updates:
        for name in wall.NAMES:
            key = name + "_rx_state_"
            if key in update.get("delta", {}).get(ROOM, {}):
                latest[name] = update["delta"][ROOM][key]
    return [idea["text"] for name in wall.NAMES for idea in latest.get(name, ())]


def _shards_per_update(tab) -> list[int]:
    return [sum(name + "_rx_state_" in update["delta"].get(ROOM, {}) for name in wall.NAMES)
            for _, update in tab.updates if ROOM in update.get("delta", {})]


def test_ideas_by_shard_hidden_never_sent_late_screen_whole(running_app, workshop):
    code, key, (author, reader) = workshop

    async def scenario():
        laptop = facilitator_tab(running_app, code, key)
        await laptop.connect()
        await laptop.wait_for(ROOM, "room", lambda room: room.get("code") == code)
        writer, watcher = phone_tab(running_app, code, author), phone_tab(running_app, code, reader)
        for phone in (writer, watcher):
            await phone.connect()
            await phone.wait_for(ME, "role", bool)
        texts = [f"Idea {n}" for n in range(20)]
        for text in [*texts, SECRET]:
            await writer.send(f"{ME}.add_idea", form={"text": text})
            await writer.wait_for(ME, "my_ideas", lambda mine, t=text: any(i["text"] == t for i in mine))
        await _until(lambda: _held(watcher) == [*texts, SECRET])
        secret_id = next(i["id"] for i in writer.values(ME, "my_ideas")[-1] if i["text"] == SECRET)
        watcher.updates.clear()
        await laptop.send(f"{FACILITATOR}.hide_idea", idea_id=secret_id, hidden=True)
        await watcher.wait_for(ROOM, "hidden_ids", lambda ids: secret_id in ids)
        await _until(lambda: SECRET not in _held(watcher) and _held(watcher))
        after_hide = _shards_per_update(watcher)
        # One more idea: the phones get its shard, not the wall.
        watcher.updates.clear()
        await writer.send(f"{ME}.add_idea", form={"text": "Viimeinen"})
        await watcher.wait_for(ROOM, "wall_1", lambda ideas: any(i["text"] == "Viimeinen" for i in ideas))
        one_more = _shards_per_update(watcher)
        late = phone_tab(running_app, code, reader)
        await late.connect()
        await late.wait_for(ME, "role", bool)
        late_wall = _held(late)
        sent_to_phones = json.dumps([u for tab in (watcher, late) for _, u in tab.updates])
        for tab in (laptop, writer, watcher, late):
            await tab.close()
        return texts, after_hide, one_more, late_wall, sent_to_phones

    texts, after_hide, one_more, late_wall, sent_to_phones = run(scenario())
    assert max(after_hide) == 1  # hiding resent the one shard that held it
    assert max(one_more) == 1  # 21 ideas: shards of 16, the new one in the second
    assert late_wall == [*texts, "Viimeinen"]
    assert SECRET not in sent_to_phones


async def _until(check, timeout: float = 10.0) -> None:
    import asyncio
    import time

    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen's wall did not settle")
        await asyncio.sleep(0.05)
