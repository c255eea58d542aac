"""Event handlers are public endpoints: call them over the socket the way any browser can.

Each test drives the running production app with raw Reflex socket clients
(benchmarks/reflex_socket.py) and checks the database, the truth, afterwards.
"""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from benchmarks.reflex_socket import ReflexTab
from tests.asyncio_support import run
from tests.live.sockets import KEYS, TOKENS
from workshop.domain.creation import NewWorkshop
from workshop.domain.participation import NewParticipant
from workshop.domain.vocabulary import Role
from workshop.state.facilitator import FacilitatorState
from workshop.state.participant import JoinState
from workshop.state.room_view import RoomView
from workshop.store import participants, workshops
from workshop.store.models import Participant, Workshop

FACILITATOR = FacilitatorState.get_full_name()
ROOM = RoomView.get_full_name()


@pytest.fixture
def room(database):
    """A workshop with one participant: (code, facilitator key, participant token)."""
    with Session(database) as session, session.begin():
        created = workshops.create_workshop(session, NewWorkshop(title="Auth", challenge="", language="fi"))
        workshop = session.get(Workshop, created.id)
        joined = participants.join(session, workshop, NewParticipant(Role.PARENT, None))
    return created.code, created.facilitator_key, joined.token


def _phase(database, code: str) -> str:
    with Session(database) as session:
        return session.scalar(select(Workshop.phase).where(Workshop.code == code))


def _tab(app, path: str, **storage: str) -> ReflexTab:
    return ReflexTab(app.url, path, storage=dict(storage))


def test_a_participant_cannot_change_the_phase(running_app, database, room):
    code, _key, token = room

    async def scenario() -> list[str]:
        phone = _tab(running_app, f"/w/{code}", **{TOKENS: f'{{"{code}": "{token}"}}'})
        await phone.connect()
        await phone.wait_for(ROOM, "room", lambda room: room["code"] == code)
        # From the participant's own connection, on its own page and posing as the facilitator's.
        await phone.send(f"{FACILITATOR}.go_to_phase", phase="vote")
        phone.path = f"/facilitate/{code}"
        await phone.send(f"{FACILITATOR}.go_to_phase", phase="vote")
        await phone.send(f"{FACILITATOR}.set_input_locked", locked=True)
        await phone.send(f"{FACILITATOR}.start_timer", form={"minutes": "5"})
        notices = []
        for _ in range(4):
            notices.append(await phone.wait_for(FACILITATOR, "notice", bool))
            phone.updates.clear()
        await phone.close()
        return notices

    assert run(scenario()) == ["errors.not_facilitator"] * 4
    assert _phase(database, code) == "lobby"


def test_a_wrong_or_foreign_key_is_refused(running_app, database, room):
    code, _key, _token = room
    with Session(database) as session, session.begin():
        other = workshops.create_workshop(session, NewWorkshop(title="Other", challenge="", language="fi"))

    async def scenario() -> list[str]:
        results = []
        for keys in ('{"%s": "guess"}' % code, '{"%s": "%s"}' % (code, other.facilitator_key), "not json", "[1]"):
            tab = _tab(running_app, f"/facilitate/{code}", **{KEYS: keys})
            await tab.connect()
            results.append(await tab.wait_for(FACILITATOR, "notice", bool))
            tab.updates.clear()
            await tab.send(f"{FACILITATOR}.go_to_phase", phase="results")
            results.append(await tab.wait_for(FACILITATOR, "notice", bool))
            await tab.close()
        return results

    assert set(run(scenario())) == {"errors.not_facilitator"}
    assert _phase(database, code) == "lobby"


def test_the_facilitator_moves_everyone_and_bad_arguments_are_refused(running_app, database, room):
    code, key, token = room

    async def scenario() -> tuple[list[str], dict]:
        phone = _tab(running_app, f"/w/{code}", **{TOKENS: f'{{"{code}": "{token}"}}'})
        laptop = _tab(running_app, f"/facilitate/{code}", **{KEYS: f'{{"{code}": "{key}"}}'})
        await phone.connect()
        await laptop.connect()
        await laptop.wait_for(ROOM, "room", lambda room: room["code"] == code)
        await laptop.send(f"{FACILITATOR}.go_to_phase", phase="what_if")
        moved = await phone.wait_for(ROOM, "room", lambda room: room["phase"] == "what_if")
        refusals = []
        for handler, payload in (
            ("go_to_phase", {"phase": "<script>"}),
            ("go_to_phase", {"phase": ["vote"]}),
            ("step", {"direction": 7}),
            ("start_timer", {"form": {"minutes": "999"}}),
            ("start_timer", {"form": {"minutes": "NaN"}}),
        ):
            laptop.updates.clear()
            await laptop.send(f"{FACILITATOR}.{handler}", **payload)
            refusals.append(await laptop.wait_for(FACILITATOR, "notice", bool))
        await phone.close()
        await laptop.close()
        return refusals, moved

    refusals, moved = run(scenario())
    assert moved["phase"] == "what_if"
    assert refusals == ["errors.phase_unknown"] * 3 + ["errors.timer_range"] * 2
    assert _phase(database, code) == "what_if"


def test_a_token_works_only_in_its_own_workshop(running_app, database, room):
    code, _key, token = room
    with Session(database) as session, session.begin():
        other = workshops.create_workshop(session, NewWorkshop(title="Other", challenge="", language="fi"))

    async def scenario() -> list:
        # The token of `code`, filed under the other workshop's code.
        phone = _tab(running_app, f"/w/{other.code}", **{TOKENS: f'{{"{other.code}": "{token}"}}'})
        await phone.connect()
        await asyncio.sleep(1.0)
        await phone.close()
        return phone.values(ROOM, "room")

    assert run(scenario()) == []  # never seated in the other room


def test_joining_checks_the_role(running_app, database, room):
    code, _key, _token = room
    join = JoinState.get_full_name()

    async def scenario() -> str:
        phone = _tab(running_app, f"/join/{code}")
        await phone.connect()
        await phone.wait_for(join, "open_for_joining", bool)
        await phone.send(f"{join}.join", form={"role": "boss", "nickname": "x"})
        return await phone.wait_for(join, "notice", bool)

    before = _count(database)
    assert run(scenario()) == "errors.role_required"
    assert _count(database) == before


def _count(database) -> int:
    with Session(database) as session:
        return len(session.scalars(select(Participant.id)).all())


def test_a_browser_that_already_joined_does_not_join_again(running_app, database, room):
    """Red-team round 5 (note): a browser holding a working token that called join again (the
    page redirects, a script need not) made a second participant and replaced its token, leaving
    its ideas to one nobody could edit or delete. It now goes back to its own seat."""
    code, _key, token = room
    join = JoinState.get_full_name()

    async def scenario(held: str) -> None:
        phone = _tab(running_app, f"/join/{code}", **{TOKENS: f'{{"{code}": "{held}"}}'})
        await phone.connect()
        await asyncio.sleep(0.5)
        await phone.send(f"{join}.join", form={"role": "young_person", "nickname": ""})
        await asyncio.sleep(1.0)
        await phone.close()

    before = _count(database)
    run(scenario(token))
    assert _count(database) == before
    run(scenario("x" * 32))  # a token that proves nobody joins as anyone does: the check can fail
    assert _count(database) == before + 1
