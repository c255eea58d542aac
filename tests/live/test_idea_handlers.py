"""Idea handlers over raw sockets: only one's own ideas, only in a writing phase, within the
rules; text survives the round trip through the database exactly."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from benchmarks.reflex_socket import ReflexTab
from tests.asyncio_support import run
from tests.live.sockets import TOKENS
from workshop.domain.creation import NewWorkshop
from workshop.domain.participation import NewParticipant
from workshop.domain.vocabulary import Role
from workshop.state.facilitator import FacilitatorState
from workshop.state.participant import JoinState, ParticipantState
from workshop.state.secrets import BrowserSecrets
from workshop.store import participants, workshops
from workshop.store.models import Idea, Participant, Workshop

ME = ParticipantState.get_full_name()
FACILITATOR = FacilitatorState.get_full_name()
JOIN = JoinState.get_full_name()
SECRETS = BrowserSecrets.get_full_name()
EXACT = "Entä jos 🙂👩🏽‍🤝‍👩🏼\nČáhcegáddi ŋ – ماذا لو؟ <b>&amp;</b>"


@pytest.fixture
def workshop(database):
    """A workshop in the what-if phase with two participants."""
    with Session(database) as session, session.begin():
        created = workshops.create_workshop(session, NewWorkshop(title="Ideas", challenge="", language="fi"))
        row = session.get(Workshop, created.id)
        row.phase = "what_if"
        tokens = [participants.join(session, row, NewParticipant(Role.YOUNG_PERSON, None)).token
                  for _ in range(2)]
    return created.code, created.facilitator_key, tokens


def _phone(app, code: str, token: str) -> ReflexTab:
    return ReflexTab(app.url, f"/w/{code}", storage={TOKENS: json.dumps({code: token})})


async def _notice(tab: ReflexTab, handler: str, **payload) -> str:
    tab.updates.clear()
    await tab.send(f"{ME}.{handler}", **payload)
    return await tab.wait_for(ME, "notice", lambda value: True)


def _texts(database, code: str) -> list[str]:
    with Session(database) as session:
        return list(session.scalars(
            select(Idea.text).join(Workshop, Workshop.id == Idea.workshop_id)
            .where(Workshop.code == code).order_by(Idea.id)
        ))


def test_text_rules_and_exact_round_trip(running_app, database, workshop):
    code, _key, (token, _other) = workshop

    async def scenario() -> list[str]:
        phone = _phone(running_app, code, token)
        await phone.connect()
        await phone.wait_for(ME, "role", bool)
        notices = [
            await _notice(phone, "add_idea", form={"text": "   \n "}),
            await _notice(phone, "add_idea", form={"text": "x" * 281}),
            await _notice(phone, "add_idea", form={"text": ["list"]}),
            await _notice(phone, "add_idea", form={"text": "ok", "prompt_id": "999999"}),
            await _notice(phone, "add_idea", form={"text": EXACT}),
        ]
        mine = await phone.wait_for(ME, "my_ideas", lambda ideas: len(ideas) == 1)
        await phone.close()
        return notices + [mine[0]["text"]]

    result = run(scenario())
    assert result[:5] == ["errors.idea_empty", "errors.idea_too_long", "errors.idea_empty",
                          "errors.prompt_unknown", ""]
    assert result[5] == EXACT
    assert _texts(database, code) == [EXACT]


def test_nobody_edits_or_deletes_someone_elses_idea(running_app, database, workshop):
    code, _key, (author, intruder) = workshop

    async def scenario() -> list[str]:
        first = _phone(running_app, code, author)
        await first.connect()
        await first.wait_for(ME, "role", bool)
        await first.send(f"{ME}.add_idea", form={"text": "Minun ideani"})
        mine = await first.wait_for(ME, "my_ideas", lambda ideas: len(ideas) == 1)
        idea_id = mine[0]["id"]
        second = _phone(running_app, code, intruder)
        await second.connect()
        await second.wait_for(ME, "role", bool)
        notices = [
            await _notice(second, "edit_idea", form={"idea_id": str(idea_id), "text": "Kaapattu"}),
            await _notice(second, "delete_idea", idea_id=idea_id),
            await _notice(second, "delete_idea", idea_id="1 OR 1=1"),
            # Posing as the facilitator does not hide it either.
        ]
        second.updates.clear()
        await second.send(f"{FACILITATOR}.hide_idea", idea_id=idea_id, hidden=True)
        notices.append(await second.wait_for(FACILITATOR, "notice", bool))
        await first.close()
        await second.close()
        return notices

    assert run(scenario()) == ["errors.idea_unknown"] * 3 + ["errors.not_facilitator"]
    with Session(database) as session:
        idea = session.scalars(select(Idea).where(Idea.text == "Minun ideani")).one()
        assert not idea.hidden


def test_writing_only_in_writing_phases_and_within_the_rate(running_app, database, workshop):
    code, _key, (token, _other) = workshop

    async def scenario() -> list[str]:
        phone = _phone(running_app, code, token)
        await phone.connect()
        await phone.wait_for(ME, "role", bool)
        notices = [await _notice(phone, "add_idea", form={"text": f"Idea {n}"}) for n in range(11)]
        with Session(database) as session, session.begin():
            session.scalars(select(Workshop).where(Workshop.code == code)).one().phase = "vote"
        notices.append(await _notice(phone, "add_idea", form={"text": "Too late"}))
        await phone.close()
        return notices

    notices = run(scenario())
    assert notices[:10] == [""] * 10
    assert notices[10] == "errors.too_fast"
    assert notices[11] == "errors.writing_closed"
    assert len(_texts(database, code)) == 10


def test_a_double_tap_stores_the_idea_once(running_app, database, workshop):
    """Two sends of the same idea in a row (a double tap on a slow phone, or a resend after
    a reconnect) are one idea on the wall; the phone holds it once."""
    code, _key, (token, _other) = workshop

    async def scenario() -> list[list[int]]:
        phone = _phone(running_app, code, token)
        await phone.connect()
        await phone.wait_for(ME, "role", bool)
        await phone.send(f"{ME}.add_idea", form={"text": "Entä jos koulu alkaisi kymmeneltä?"})
        await phone.send(f"{ME}.add_idea", form={"text": "Entä jos koulu alkaisi kymmeneltä?"})
        await phone.wait_for(ME, "sent", lambda sent: sent == 2)
        mine = phone.values(ME, "my_idea_ids")
        await phone.close()
        return mine

    mine = run(scenario())
    assert _texts(database, code) == ["Entä jos koulu alkaisi kymmeneltä?"]
    assert len(mine[-1]) == 1


def test_show_all_others_takes_only_true_and_false(running_app, database, workshop):
    """The phone's "Show all" toggle: anything but true or false is refused and leaves the
    tab's view as it was; it touches nothing but this tab's own view."""
    code, _key, (token, _other) = workshop

    async def scenario() -> list[bool]:
        phone = _phone(running_app, code, token)
        await phone.connect()
        await phone.wait_for(ME, "role", bool)
        phone.updates.clear()
        await phone.send(f"{ME}.show_all_others", show=True)
        await phone.wait_for(ME, "all_others", lambda v: v is True)
        for garbage in ("false", 0, {"x": 1}, None, [False]):
            await phone.send(f"{ME}.show_all_others", show=garbage)
        # A tab's events run in order: once this one's answer is here, the refused ones ran.
        await phone.send(f"{ME}.choose_prompt", prompt_id="7")
        await phone.wait_for(ME, "prompt_choice", lambda v: v == 7)
        refused = phone.values(ME, "all_others")
        await phone.send(f"{ME}.show_all_others", show=False)
        await phone.wait_for(ME, "all_others", lambda v: v is False)
        await phone.close()
        return refused

    assert run(scenario()) == [True]  # the refused calls changed nothing and sent nothing


def test_bidi_spoofs_are_stored_as_they_read_and_an_invisible_note_is_refused(running_app, database, workshop):
    """Red-team round 4, F4: a nickname written reversed after U+202E showed "Ohjaaja" (the
    facilitator), a note "\u202eikkerapmorP :AJAAJHO" showed "OHJAAJA: Prompparekki" on the
    big screen, and a note of only U+200B was an empty sticky note. Through the real join and
    add_idea handlers: the override is gone, the nickname "Ohjaaja" and the invisible note are refused."""
    code, _key, (token, _other) = workshop

    async def scenario() -> list[str]:
        join = ReflexTab(running_app.url, f"/join/{code}", source="127.0.41.4")
        await join.connect()
        await join.wait_for(JOIN, "open_for_joining", bool)
        join.updates.clear()
        await join.send(f"{JOIN}.join", form={"role": "young_person", "nickname": "Oh\u200bjaaja"})
        notices = [await join.wait_for(JOIN, "notice", bool)]
        await join.send(f"{JOIN}.join", form={"role": "young_person", "nickname": "\u202eajaajhO"})
        await join.wait_for(SECRETS, "participant_tokens", lambda value: code in value)
        await join.close()
        phone = _phone(running_app, code, token)
        await phone.connect()
        await phone.wait_for(ME, "role", bool)
        notices += [
            await _notice(phone, "add_idea", form={"text": "\u200b\u200b"}),
            await _notice(phone, "add_idea", form={"text": "\u202eikkerapmorP :AJAAJHO\u200b"}),
        ]
        await phone.close()
        return notices

    assert run(scenario()) == ["errors.nickname_reserved", "errors.idea_empty", ""]
    assert _texts(database, code) == ["ikkerapmorP :AJAAJHO"]
    with Session(database) as session:
        nicknames = session.scalars(select(Participant.nickname).join(Workshop).where(Workshop.code == code))
        assert [n for n in nicknames if n] == ["ajaajhO"]
