"""Grouping handlers over raw sockets, as any browser could call them: only the
facilitator manages clusters; phones group only when allowed; ids from the
browser are checked against the workshop of the page."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.asyncio_support import run
from tests.live.sockets import facilitator_tab, phone_tab, refusal as _refusal
from workshop.domain.creation import NewWorkshop
from workshop.domain.participation import NewParticipant
from workshop.domain.vocabulary import Role
from workshop.state.facilitator import FacilitatorState
from workshop.state.participant import ParticipantState
from workshop.state.room_view import RoomView
from workshop.store import clusters, participants, workshops
from workshop.store.models import Cluster, Idea, Workshop

FACILITATOR = FacilitatorState.get_full_name()
PARTICIPANT = ParticipantState.get_full_name()
ROOM = RoomView.get_full_name()
IDEAS = ["Koulussa kuraattori joka päivä", "Kuraattori kävisi luokassa joka päivä",
         "Perhetyötä iltaisin", "Sijaisperhe saisi tukea"]


@pytest.fixture
def group_room(database):
    """A workshop in the group phase with four ideas, and a foreign workshop's idea and cluster."""
    with Session(database) as session, session.begin():
        created = workshops.create_workshop(session, NewWorkshop(title="Group", challenge="", language="fi"))
        workshop = session.get(Workshop, created.id)
        workshop.phase = "group"
        joined = participants.join(session, workshop, NewParticipant(Role.YOUNG_PERSON, None))
        rows = [Idea(workshop_id=workshop.id, participant_id=joined.id, kind="what_if", text=t) for t in IDEAS]
        other = workshops.create_workshop(session, NewWorkshop(title="Other", challenge="", language="fi"))
        other_workshop = session.get(Workshop, other.id)
        stranger = participants.join(session, other_workshop, NewParticipant(Role.PARENT, None))
        foreign_idea = Idea(workshop_id=other.id, participant_id=stranger.id, kind="what_if", text="theirs")
        session.add_all([*rows, foreign_idea])
        session.flush()
        foreign_cluster = clusters.create(session, other_workshop, "Theirs", [foreign_idea.id])
        return {
            "code": created.code, "key": created.facilitator_key, "token": joined.token,
            "ideas": [r.id for r in rows], "foreign_idea": foreign_idea.id, "foreign_cluster": foreign_cluster.id,
        }


def _tabs(app, room):
    return phone_tab(app, room["code"], room["token"]), facilitator_tab(app, room["code"], room["key"])


def _clusters(database, code: str) -> dict[str, list[str]]:
    with Session(database) as session:
        workshop = session.scalar(select(Workshop).where(Workshop.code == code))
        rows = session.execute(
            select(Cluster.name, Idea.text).outerjoin(Idea, Idea.cluster_id == Cluster.id)
            .where(Cluster.workshop_id == workshop.id).order_by(Cluster.position, Idea.id)
        ).all()
    found: dict[str, list[str]] = {}
    for name, text in rows:
        found.setdefault(name, []).extend([text] if text else [])
    return found


def test_phones_group_only_when_allowed_and_never_manage(running_app, database, group_room):
    code, ideas = group_room["code"], group_room["ideas"]

    async def scenario() -> tuple[list[str], dict]:
        phone, laptop = _tabs(running_app, group_room)
        await phone.connect()
        await laptop.connect()
        await phone.wait_for(ROOM, "board", lambda board: len(board["ungrouped"]) == 4)
        refusals = [await _refusal(phone, PARTICIPANT, "new_cluster", form={"name": "Mine"})]
        await phone.send(f"{PARTICIPANT}.select_idea", idea_id=ideas[0])
        refusals.append(await _refusal(phone, PARTICIPANT, "move_selected", cluster_id=0))
        # Posing as the facilitator from the phone's own connection.
        for handler, payload in (("new_cluster", {"form": {"name": "X"}}),
                                 ("set_participants_group", {"allowed": True}),
                                 ("delete_cluster", {"cluster_id": group_room["foreign_cluster"]}),
                                 ("suggest_grouping", {})):
            refusals.append(await _refusal(phone, FACILITATOR, handler, **payload))
        # The facilitator allows phones to group: now the phone may, within its own workshop.
        await laptop.wait_for(ROOM, "room", lambda room: room["code"] == code)
        await laptop.send(f"{FACILITATOR}.set_participants_group", allowed=True)
        await phone.wait_for(ROOM, "room", lambda room: room["participants_group"])
        phone.updates.clear()
        await phone.send(f"{PARTICIPANT}.new_cluster", form={"name": "  Koulu  "})
        board = await phone.wait_for(ROOM, "board", lambda board: len(board["clusters"]) == 1)
        assert [i["id"] for i in board["clusters"][0]["ideas"]] == [ideas[0]]
        refusals.append(await _refusal(phone, PARTICIPANT, "drop_idea", dragged=str(group_room["foreign_idea"]),
                                       cluster_id=board["clusters"][0]["id"]))
        refusals.append(await _refusal(phone, PARTICIPANT, "drop_idea", dragged=str(ideas[1]),
                                       cluster_id=group_room["foreign_cluster"]))
        refusals.append(await _refusal(phone, PARTICIPANT, "drop_idea", dragged="<b>", cluster_id=0))
        refusals.append(await _refusal(phone, PARTICIPANT, "rename_cluster",
                                       form={"cluster_id": str(board["clusters"][0]["id"]), "name": ""}))
        await phone.close()
        await laptop.close()
        return refusals, board

    refusals, board = run(scenario())
    assert refusals == (["errors.grouping_not_open"] * 2 + ["errors.not_facilitator"] * 4
                        + ["errors.idea_unknown", "errors.cluster_unknown", "errors.idea_unknown",
                           "errors.cluster_name_empty"])
    assert _clusters(database, code) == {"Koulu": [IDEAS[0]]}
    assert board["clusters"][0]["name"] == "Koulu"


def test_the_facilitator_accepts_part_of_a_suggestion(running_app, database, group_room):
    code = group_room["code"]

    async def scenario() -> list[dict]:
        _phone, laptop = _tabs(running_app, group_room)
        await laptop.connect()
        await laptop.wait_for(ROOM, "board", lambda board: len(board["ungrouped"]) == 4)
        await laptop.send(f"{FACILITATOR}.suggest_grouping")
        suggestions = await laptop.wait_for(FACILITATOR, "suggestions", bool)
        # Nothing stored until accepted.
        assert _clusters(database, code) == {}
        await laptop.send(f"{FACILITATOR}.rename_suggestion", index=0, name="Kuraattori joka päivä")
        await laptop.send(f"{FACILITATOR}.accept_suggestion", index=0)
        await laptop.wait_for(ROOM, "board", lambda board: len(board["clusters"]) == 1)
        laptop.updates.clear()
        await laptop.send(f"{FACILITATOR}.accept_suggestion", index=7)
        assert await laptop.wait_for(FACILITATOR, "notice", bool) == "errors.suggestion_stale"
        await laptop.close()
        return suggestions

    suggestions = run(scenario())
    kuraattori = next(s for s in suggestions if set(s["texts"]) == set(IDEAS[:2]))
    assert "kuraattori" in kuraattori["name"].lower()
    assert _clusters(database, code) == {"Kuraattori joka päivä": IDEAS[:2]}
