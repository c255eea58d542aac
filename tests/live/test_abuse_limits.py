"""Abuse limits over raw sockets, the way the findings were made (issue 14, findings 2, 3, 4
and 16): each test's sockets come from a loopback address of their own (127.0.x.y), which
is the client address the app counts under, so tests do not share counters and the app
runs with its default limits. Each limit is shown refused when exceeded, with a clear
message and nothing stored, and not triggered for another address."""

from __future__ import annotations

import asyncio

import itertools
import json

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from benchmarks.reflex_socket import ReflexTab
from tests.asyncio_support import run
from tests.live.sockets import KEYS, TOKENS
from workshop.domain.creation import NewWorkshop
from workshop.domain.participation import NewParticipant
from workshop.domain.vocabulary import Role
from workshop.settings import settings
from workshop.state.home import HomeState
from workshop.state.participant import JoinState, ParticipantState
from workshop.state.room_view import RoomView
from workshop.store import participants, workshops
from workshop.store.models import Idea, Participant, Workshop

HOME, JOIN, PHONE, ROOM = (s.get_full_name() for s in (HomeState, JoinState, ParticipantState, RoomView))
_ADDRESSES = (f"127.0.{n // 250 + 10}.{n % 250 + 2}" for n in itertools.count())


# One script's events, paced under the socket's own limit (events_per_socket, 30/second),
# so that what is tested here is the per-address limit, not the per-socket one.
PACE = 1 / 25


def _limit(name: str) -> int:
    """The number in a default limit such as "10/minute"."""
    return int(str(getattr(settings(), name)).split("/")[0].split(" ")[0])


def fresh_address() -> str:
    return next(_ADDRESSES)


def _tab(app, path: str, source: str, **storage: str) -> ReflexTab:
    return ReflexTab(app.url, path, storage=dict(storage), source=source)


@pytest.fixture
def workshop_code(database):
    """A new workshop in the what-if phase: (code, facilitator key, workshop id)."""
    with Session(database) as session, session.begin():
        created = workshops.create_workshop(session, NewWorkshop(title="Limits", challenge="Secret?", language="fi"))
        session.get(Workshop, created.id).phase = "what_if"
    return created.code, created.facilitator_key, created.id


def _count(database, model, workshop_id: int | None = None) -> int:
    query = select(func.count()).select_from(model)
    if workshop_id is not None:
        query = query.where(model.workshop_id == workshop_id)
    with Session(database) as session:
        return session.scalar(query) or 0


def _participant(database, workshop_id: int) -> str:
    with Session(database) as session, session.begin():
        return participants.join(session, session.get(Workshop, workshop_id), NewParticipant(Role.PARENT, None)).token


def test_wrong_codes_on_the_home_page_are_limited_per_address(running_app, workshop_code):
    code, _key, _id = workshop_code
    wrong = "K7M9XA4C" if code != "K7M9XA4C" else "K7M9XA4E"
    allowed = _limit("join_code_guesses")

    async def scenario() -> tuple[list[str], str, str]:
        guesser = _tab(running_app, "/", fresh_address())
        await guesser.connect()
        answers = []
        for _ in range(allowed + 1):
            guesser.updates.clear()
            await guesser.send(f"{HOME}.join", form={"code": wrong})
            answers.append(await guesser.wait_for(HOME, "join_error", bool))
        guesser.updates.clear()
        await guesser.send(f"{HOME}.join", form={"code": code})  # right, but too late
        right_too_late = await guesser.wait_for(HOME, "join_error", bool)
        await guesser.close()
        neighbour = _tab(running_app, "/", fresh_address())
        await neighbour.connect()
        await neighbour.send(f"{HOME}.join", form={"code": code})
        await neighbour.send(f"{HOME}.join", form={"code": wrong})
        other = await neighbour.wait_for(HOME, "join_error", bool)
        await neighbour.close()
        return answers, right_too_late, other

    answers, right_too_late, other = run(scenario())
    assert answers == ["errors.code_unknown"] * allowed + ["limits.too_many_guesses"]
    assert right_too_late == "limits.too_many_guesses"
    assert other == "errors.code_unknown"  # another address still guesses (and joins)


def test_wrong_codes_in_the_join_link_are_limited_per_address(running_app, workshop_code):
    code, _key, _id = workshop_code
    wrong = "K7M9XA4C" if code != "K7M9XA4C" else "K7M9XA4E"
    allowed = _limit("join_code_guesses")
    source = fresh_address()

    async def load(path: str, address: str, opens: bool = False) -> tuple[str, str]:
        """The join page's refusal ("" when it opened for joining) and the title it showed."""
        tab = _tab(running_app, path, address)
        await tab.connect()
        await tab.wait_for(JOIN, "open_for_joining" if opens else "notice", bool)
        notices, titles = tab.values(JOIN, "notice"), tab.values(JOIN, "title")
        await tab.close()
        return notices[-1], (titles[-1] if titles else "")

    async def scenario() -> tuple[list[str], tuple[str, str], tuple[str, str]]:
        answers = [(await load(f"/join/{wrong}", source))[0] for _ in range(allowed + 1)]
        return answers, await load(f"/join/{code}", source), await load(f"/join/{code}", fresh_address(), opens=True)

    answers, blocked, other = run(scenario())
    assert answers == ["errors.code_unknown"] * allowed + ["limits.too_many_guesses"]
    assert blocked == ("limits.too_many_guesses", "")  # not even the title
    assert other == ("", "Limits")


def test_joins_per_workshop_per_address_and_the_tally_counts_them(running_app, database, workshop_code):
    """Finding 3 (one client joined 500 participants in 1 s) and finding 16 (the
    facilitator's "voters" stayed at 0 while people joined)."""
    code, key, workshop_id = workshop_code
    allowed = _limit("joins_per_workshop_per_address")

    async def scenario() -> tuple[str, int, int]:
        laptop = _tab(running_app, f"/facilitate/{code}", fresh_address(), **{KEYS: json.dumps({code: key})})
        await laptop.connect()
        await laptop.wait_for(ROOM, "tally", lambda tally: tally["voters"] == 0)
        # A tab per join (a browser that already joined goes back to its seat instead).
        address = fresh_address()
        for _ in range(allowed + 1):
            script = _tab(running_app, f"/join/{code}", address)
            await script.connect()
            await script.send(f"{JOIN}.join", form={"role": "young_person", "nickname": ""})
            await asyncio.sleep(PACE)
            if _ < allowed:
                await script.close()
        refused = await script.wait_for(JOIN, "notice", bool, timeout=30)
        stored = _count(database, Participant, workshop_id)
        seen = await laptop.wait_for(ROOM, "tally", lambda tally: tally["voters"] == stored)
        await script.close()
        neighbour = _tab(running_app, f"/join/{code}", fresh_address())
        await neighbour.connect()
        await neighbour.wait_for(JOIN, "open_for_joining", bool)
        await neighbour.send(f"{JOIN}.join", form={"role": "parent", "nickname": ""})
        after = await laptop.wait_for(ROOM, "tally", lambda tally: tally["voters"] == stored + 1)
        await neighbour.close()
        await laptop.close()
        return refused, seen["voters"], after["voters"]

    refused, seen, after = run(scenario())
    assert refused == "limits.too_many_joins"
    assert seen == allowed  # the refused join stored nothing
    assert after == allowed + 1
    assert _count(database, Participant, workshop_id) == allowed + 1


def test_ideas_per_workshop_per_address(running_app, database, workshop_code):
    """Finding 3: 50 scripted participants stored 500 ideas in 3.3 s from one client."""
    code, _key, workshop_id = workshop_code
    allowed = _limit("ideas_per_workshop_per_address")
    with Session(database) as session, session.begin():
        session.get(Workshop, workshop_id).ideas_per_minute = allowed + 10  # one fast script
    script_token, other_token = _participant(database, workshop_id), _participant(database, workshop_id)

    async def scenario() -> tuple[str, int]:
        script = _tab(running_app, f"/w/{code}", fresh_address(), **{TOKENS: json.dumps({code: script_token})})
        await script.connect()
        await script.wait_for(ROOM, "room", lambda room: room["code"] == code)
        for n in range(allowed + 1):
            await script.send(f"{PHONE}.add_idea", form={"text": f"flood {n}"})
            await asyncio.sleep(PACE)
        refused = await script.wait_for(PHONE, "notice", lambda notice: notice == "limits.too_many_ideas", timeout=60)
        await script.close()
        phone = _tab(running_app, f"/w/{code}", fresh_address(), **{TOKENS: json.dumps({code: other_token})})
        await phone.connect()
        await phone.wait_for(ROOM, "room", lambda room: room["code"] == code)
        await phone.send(f"{PHONE}.add_idea", form={"text": "a real idea"})
        mine = await phone.wait_for(PHONE, "my_ideas", bool)
        await phone.close()
        return refused, len(mine)

    refused, mine = run(scenario())
    assert refused == "limits.too_many_ideas"
    assert mine == 1
    assert _count(database, Idea, workshop_id) == allowed + 1  # the refused one left nothing


def test_workshops_created_per_address(running_app, database):
    """Finding 4: one anonymous socket created 2,000 workshops in 9.1 s."""
    allowed = _limit("workshops_created_per_address")
    form = {"title": "Made by a script", "challenge": "", "language": "fi"}

    async def scenario() -> tuple[str, str]:
        script = _tab(running_app, "/", fresh_address())
        await script.connect()
        for _ in range(allowed + 1):
            await script.send(f"{HOME}.create", form=form)
        refused = await script.wait_for(HOME, "create_error", bool, timeout=30)
        await script.close()
        person = _tab(running_app, "/", fresh_address())
        await person.connect()
        await person.send(f"{HOME}.create", form=form | {"title": "A real one"})
        made = await person.wait_for(HOME, "created_code", bool)
        await person.close()
        return refused, made

    before = _count(database, Workshop)
    refused, made = run(scenario())
    assert refused == "limits.too_many_workshops"
    assert made
    assert _count(database, Workshop) == before + allowed + 1


def test_closed_means_closed_to_newcomers_only(running_app, database, workshop_code):
    """Finding 3 (bug): "close to newcomers" also stopped those in the room from writing;
    and finding 2: a newcomer to a closed workshop gets nothing of it, not even its title."""
    code, _key, workshop_id = workshop_code
    token = _participant(database, workshop_id)
    with Session(database) as session, session.begin():
        session.get(Workshop, workshop_id).status = "closed"

    async def scenario() -> tuple[int, str, str, list[str], bool]:
        phone = _tab(running_app, f"/w/{code}", fresh_address(), **{TOKENS: json.dumps({code: token})})
        await phone.connect()
        await phone.wait_for(ROOM, "room", lambda room: room["status"] == "closed")
        await phone.send(f"{PHONE}.add_idea", form={"text": "still here"})
        mine = await phone.wait_for(PHONE, "my_ideas", bool)
        await phone.close()
        newcomer = _tab(running_app, f"/join/{code}", fresh_address())
        await newcomer.connect()
        shown = await newcomer.wait_for(JOIN, "notice", bool)
        newcomer.updates.clear()
        await newcomer.send(f"{JOIN}.join", form={"role": "parent", "nickname": ""})
        refused = await newcomer.wait_for(JOIN, "notice", bool)
        titles = newcomer.values(JOIN, "title")
        seated = bool(newcomer.values(ROOM, "wall_groups"))
        await newcomer.close()
        return len(mine), shown, refused, titles, seated

    mine, shown, refused, titles, seated = run(scenario())
    assert mine == 1
    assert (shown, refused) == ("errors.workshop_closed", "errors.workshop_closed")
    assert "Limits" not in titles and not seated
    assert _count(database, Participant, workshop_id) == 1
