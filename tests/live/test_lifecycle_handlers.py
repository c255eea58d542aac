"""Deleting a workshop and removing a participant over raw sockets: refused without the
facilitator key, with a wrong confirmation or a bad choice (nothing changes); when allowed,
every screen is told and the removed phone's token stops working."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from benchmarks.reflex_socket import ReflexTab
from tests.asyncio_support import run
from tests.live.sockets import KEYS, TOKENS, facilitator_tab, phone_tab, refusal
from tests.store.test_deleted_text import holding, mark, marked_workshop
from workshop.domain.creation import NewWorkshop
from workshop.domain.participation import NewParticipant
from workshop.domain.vocabulary import Role
from workshop.state.facilitator import FacilitatorState
from workshop.state.participant import ParticipantState
from workshop.state.room_view import RoomView
from workshop.state.secrets import BrowserSecrets
from workshop.store import participants, workshops
from workshop.store.models import Idea, Participant, Workshop

FACILITATOR = FacilitatorState.get_full_name()
PHONE = ParticipantState.get_full_name()
ROOM = RoomView.get_full_name()
DISPLAY_KEYS = f"{BrowserSecrets.get_full_name()}.display_keys_rx_state_"


@pytest.fixture
def room(database):
    """A workshop in the what-if phase with two participants and an idea of each."""
    with Session(database) as session, session.begin():
        created = workshops.create_workshop(session, NewWorkshop(title="Life", challenge="", language="fi"))
        workshop = session.get(Workshop, created.id)
        workshop.phase = "what_if"
        joined = [participants.join(session, workshop, NewParticipant(Role.YOUNG_PERSON, None)) for _ in range(2)]
        session.add_all(Idea(workshop_id=workshop.id, participant_id=j.id, kind="what_if", text=f"idea {n}")
                        for n, j in enumerate(joined))
    return {"code": created.code, "key": created.facilitator_key, "id": created.id,
            "people": [(j.id, j.token) for j in joined]}


def _rows(database, workshop_id: int) -> tuple[int, int, int]:
    with Session(database) as session:
        return (session.scalar(select(func.count()).select_from(Workshop).where(Workshop.id == workshop_id)),
                session.scalar(select(func.count()).select_from(Participant)
                               .where(Participant.workshop_id == workshop_id)),
                session.scalar(select(func.count()).select_from(Idea).where(Idea.workshop_id == workshop_id)))


async def _data_notice(tab: ReflexTab, handler: str, **payload) -> str:
    tab.updates.clear()
    await tab.send(f"{FACILITATOR}.{handler}", **payload)
    return await tab.wait_for(FACILITATOR, "data_notice", bool)


def test_delete_and_remove_are_refused_without_the_key_or_the_right_confirmation(running_app, database, room):
    code, key = room["code"], room["key"]
    (first_id, first_token), _ = room["people"]
    before = _rows(database, room["id"])
    with Session(database) as session, session.begin():
        other = workshops.create_workshop(session, NewWorkshop(title="Other", challenge="", language="fi"))

    async def scenario() -> list[str]:
        answers = []
        # A phone of the workshop, posing as the facilitator's page.
        phone = phone_tab(running_app, code, first_token)
        await phone.connect()
        phone.path = f"/facilitate/{code}"
        # Browsers holding no key, a guessed key, another workshop's key.
        strangers = [ReflexTab(running_app.url, f"/facilitate/{code}", storage={KEYS: keys})
                     for keys in ("{}", json.dumps({code: "guess"}), json.dumps({code: other.facilitator_key}))]
        for tab in (phone, *strangers):
            if tab is not phone:
                await tab.connect()
            answers.append(await _data_notice(tab, "delete_workshop", form={"confirm": code}))
            answers.append(await _data_notice(tab, "remove_participant",
                                              form={"participant_id": str(first_id), "ideas": "delete"}))
            answers.append(await _data_notice(tab, "load_participants"))
            await tab.close()
        # The facilitator, with wrong confirmations and bad arguments.
        laptop = facilitator_tab(running_app, code, key)
        await laptop.connect()
        for form in ({"confirm": "WRONG1"}, {"confirm": other.code}, {"confirm": ""}, {}, {"confirm": [code]}):
            answers.append(await _data_notice(laptop, "delete_workshop", form=form))
        answers.append(await _data_notice(laptop, "delete_workshop", form="not a form"))
        for form in ({"participant_id": str(first_id), "ideas": "maybe"},
                     {"participant_id": str(first_id)},
                     {"participant_id": "0", "ideas": "delete"},
                     {"participant_id": str(2**80), "ideas": "keep"},
                     {"participant_id": "x", "ideas": "keep"}):
            answers.append(await _data_notice(laptop, "remove_participant", form=form))
        await laptop.close()
        return answers

    answers = run(scenario())
    assert answers == (["errors.not_facilitator"] * 12 + ["privacy.confirm_wrong"] * 6
                       + ["privacy.removal_choice_unknown"] * 2 + ["privacy.participant_unknown"] * 3)
    assert _rows(database, room["id"]) == before


def test_removing_a_participant_tells_their_phone_and_voids_their_token(running_app, database, room):
    code, key = room["code"], room["key"]
    (gone_id, gone_token), (_, stays_token) = room["people"]

    async def scenario() -> tuple[str, str, list[str], str]:
        gone, stays = phone_tab(running_app, code, gone_token), phone_tab(running_app, code, stays_token)
        laptop = facilitator_tab(running_app, code, key)
        for tab in (gone, stays, laptop):
            await tab.connect()
            await tab.wait_for(ROOM, "room", lambda r: r["code"] == code)
        await laptop.send(f"{FACILITATOR}.load_participants")
        listed = await laptop.wait_for(FACILITATOR, "participant_rows", lambda rows: len(rows) == 2)
        await laptop.send(f"{FACILITATOR}.remove_participant", form={"participant_id": str(gone_id), "ideas": "keep"})
        ended = await gone.wait_for(ROOM, "ended", bool)
        left = await laptop.wait_for(FACILITATOR, "participant_rows", lambda rows: len(rows) == 1)
        # The removed phone's token no longer works; the other phone was not told anything.
        gone.updates.clear()
        await gone.send(f"{PHONE}.add_idea", form={"text": "still here?"})
        refused = await gone.wait_for(PHONE, "notice", bool)
        stays_ended = stays.values(ROOM, "ended")
        for tab in (gone, stays, laptop):
            await tab.close()
        return ended, refused, [r["sample"] for r in listed], stays_ended, left

    ended, refused, samples, stays_ended, left = run(scenario())
    assert ended == "removed" and refused == "errors.not_participant"
    assert samples == [["idea 0"], ["idea 1"]]
    assert all(value == "" for value in stays_ended)
    assert [row["ideas"] for row in left] == [1]
    with Session(database) as session:
        assert session.get(Participant, gone_id) is None
        # Kept without a name.
        assert session.scalar(select(Idea.participant_id).where(
            Idea.workshop_id == room["id"], Idea.text == "idea 0")) is None


def test_deleting_the_workshop_tells_every_screen(running_app, database, room):
    code, key = room["code"], room["key"]
    (_, token), _ = room["people"]

    async def scenario() -> tuple[str, str, str]:
        phone, laptop = phone_tab(running_app, code, token), facilitator_tab(running_app, code, key)
        with Session(database) as session, session.begin():
            display = workshops.display_key(session.get(Workshop, room["id"]), key)
        screen = ReflexTab(running_app.url, f"/screen/{code}", storage={DISPLAY_KEYS: json.dumps({code: display})})
        for tab in (phone, laptop, screen):
            await tab.connect()
            await tab.wait_for(ROOM, "room", lambda r: r["code"] == code)
        await laptop.send(f"{FACILITATOR}.delete_workshop", form={"confirm": code.lower()})
        told = [await tab.wait_for(ROOM, "ended", bool) for tab in (phone, laptop, screen)]
        for tab in (phone, laptop, screen):
            await tab.close()
        return told

    assert run(scenario()) == ["deleted"] * 3
    assert _rows(database, room["id"]) == (0, 0, 0)


SECRETS = BrowserSecrets.get_full_name()


async def _forgets(tab: ReflexTab) -> dict[str, object]:
    """Call what the ended notice calls when it appears; what this tab was told to keep."""
    tab.updates.clear()
    await tab.send(f"{SECRETS}.forget_ended")
    await tab.send(f"{SECRETS}.forget_ended")  # a second call: an answer to wait for either way
    await asyncio.sleep(0.5)
    return {var: tab.values(SECRETS, var)[-1] for var in ("participant_tokens", "facilitator_keys", "forgotten")
            if tab.values(SECRETS, var)}


def test_a_phone_forgets_a_deleted_workshop_or_its_dead_token(running_app, database, room):
    """Finding 8: the phone's localStorage kept {CODE: token} after the workshop was deleted,
    under a page saying nothing is stored any more. A phone told its workshop ended forgets
    what no longer opens anything (its token; every key for a deleted workshop); while the
    workshop and token still work the same call forgets nothing; a phone that comes back with
    a dead token forgets it on the way to the join page."""
    code, key = room["code"], room["key"]
    (gone_id, gone_token), (_, stays_token) = room["people"]

    async def scenario() -> dict[str, object]:
        seen: dict[str, object] = {}
        gone, stays = phone_tab(running_app, code, gone_token), phone_tab(running_app, code, stays_token)
        laptop = facilitator_tab(running_app, code, key)
        for tab in (gone, stays, laptop):
            await tab.connect()
            await tab.wait_for(ROOM, "room", lambda r: r["code"] == code)
        seen["live"] = await _forgets(stays)  # nothing ended: nothing forgotten
        await laptop.send(f"{FACILITATOR}.remove_participant", form={"participant_id": str(gone_id), "ideas": "keep"})
        await gone.wait_for(ROOM, "ended", lambda ended: ended == "removed")
        seen["removed"] = await _forgets(gone)
        seen["stays"] = await _forgets(stays)
        # A phone that slept through the removal comes back with the dead token.
        back = phone_tab(running_app, code, gone_token)
        await back.connect()
        seen["back"] = await back.wait_for(SECRETS, "participant_tokens", lambda tokens: json.loads(tokens) == {})
        await laptop.send(f"{FACILITATOR}.delete_workshop", form={"confirm": code})
        await stays.wait_for(ROOM, "ended", lambda ended: ended == "deleted")
        seen["deleted"] = await _forgets(stays)
        both = ReflexTab(running_app.url, f"/facilitate/{code}", storage={
            TOKENS: json.dumps({code: stays_token, "WXYKMN34": "theirs"}), KEYS: json.dumps({code: key})})
        await both.connect()
        await asyncio.sleep(0.5)  # its page load done
        seen["deleted, both kinds"] = await _forgets(both)
        for tab in (gone, stays, laptop, back, both):
            await tab.close()
        return seen

    seen = run(scenario())
    assert seen["live"] == {} and seen["stays"] == {}
    assert seen["removed"] == {"participant_tokens": "{}", "forgotten": True}
    assert json.loads(seen["back"]) == {}
    assert seen["deleted"] | {"facilitator_keys": "{}"} == {"participant_tokens": "{}", "facilitator_keys": "{}",
                                                           "forgotten": True}
    assert seen["deleted, both kinds"] == {"participant_tokens": json.dumps({"WXYKMN34": "theirs"},
                                                                           separators=(",", ":")),
                                           "facilitator_keys": "{}", "forgotten": True}


def _database_file(app) -> Path:
    return Path(make_url(app.database_url).database)


def test_deleted_and_removed_text_leaves_the_database_files(running_app, database, room):
    """Red-team check a6 through the facilitator's own handlers: after a participant is
    removed with their answers, and after the workshop is deleted, their text is in
    neither the SQLite file nor its WAL by the time the screens are told."""
    code, key = room["code"], room["key"]
    (gone_id, _), (_, stays_token) = room["people"]
    removed, deleted = mark(), mark()
    with Session(database) as session, session.begin():
        session.get(Participant, gone_id).nickname = f"{removed}-nick"
        session.add(Idea(workshop_id=room["id"], participant_id=gone_id, kind="what_if", text=f"{removed} kotona"))
        _, other_code, other_key = marked_workshop(session, deleted)  # deleted through its own key
    path = _database_file(running_app)
    assert all(sum(holding(path, secret).values()) for secret in (removed, deleted))

    async def scenario() -> tuple[str, str]:
        laptop, phone = facilitator_tab(running_app, code, key), phone_tab(running_app, code, stays_token)
        for tab in (laptop, phone):
            await tab.connect()
            await tab.wait_for(ROOM, "room", lambda r: r["code"] == code)
        await laptop.send(f"{FACILITATOR}.remove_participant", form={"participant_id": str(gone_id), "ideas": "delete"})
        await laptop.wait_for(FACILITATOR, "participant_rows", lambda rows: len(rows) == 1)
        after_removal = holding(path, removed)
        other_laptop = facilitator_tab(running_app, other_code, other_key)
        await other_laptop.connect()
        await other_laptop.wait_for(ROOM, "room", lambda r: r["code"] == other_code)
        await other_laptop.send(f"{FACILITATOR}.delete_workshop", form={"confirm": other_code})
        told = await other_laptop.wait_for(ROOM, "ended", bool)
        after_deletion = holding(path, deleted)
        for tab in (laptop, phone, other_laptop):
            await tab.close()
        return after_removal, told, after_deletion

    after_removal, told, after_deletion = run(scenario())
    assert after_removal == {path.name: 0, f"{path.name}-wal": 0}
    assert told == "deleted"
    assert after_deletion == {path.name: 0, f"{path.name}-wal": 0}


def test_a_workshop_closed_by_retention_cannot_be_reopened(running_app, database, room):
    """Past its close date (ENTAJOS_CLOSE_AFTER_DAYS) the purge closes a workshop for input;
    the facilitator may no longer unlock it or let newcomers in (closing stays allowed)."""
    from datetime import UTC, datetime, timedelta

    from workshop.settings import settings
    from workshop.store.lifecycle import purge

    code, key = room["code"], room["key"]
    with Session(database) as session, session.begin():
        workshop = session.get(Workshop, room["id"])
        workshop.created_at = datetime.now(UTC) - timedelta(days=settings().close_after_days + 1)
        assert purge(session, datetime.now(UTC), settings()).closed == 1

    async def scenario() -> list[str]:
        laptop = facilitator_tab(running_app, code, key)
        await laptop.connect()
        answers = [await refusal(laptop, FACILITATOR, "set_input_locked", locked=False),
                   await refusal(laptop, FACILITATOR, "set_closed", closed=False)]
        await laptop.close()
        return answers

    assert run(scenario()) == ["errors.retention_closed"] * 2
    with Session(database) as session:
        workshop = session.get(Workshop, room["id"])
        assert (workshop.status, workshop.input_locked) == ("closed", True)
