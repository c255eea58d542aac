"""Vote handlers over raw sockets, as any browser could call them: phones cannot run
rounds, ids are checked against the open round of the page's workshop, no screen gets
tallies before the reveal, and two tabs of one phone tapping at once keep the rules."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select
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
from workshop.store.models import Dot, Idea, Workshop

FACILITATOR = FacilitatorState.get_full_name()
PARTICIPANT = ParticipantState.get_full_name()
ROOM = RoomView.get_full_name()


@pytest.fixture
def vote_room(database):
    """A workshop in the vote phase with clusters "Koulu" and "Koti", and a foreign cluster."""
    with Session(database) as session, session.begin():
        created = workshops.create_workshop(session, NewWorkshop(title="Vote", challenge="", language="fi"))
        workshop = session.get(Workshop, created.id)
        workshop.phase = "vote"
        young = participants.join(session, workshop, NewParticipant(Role.YOUNG_PERSON, None))
        pro = participants.join(session, workshop, NewParticipant(Role.PROFESSIONAL, None))
        idea = Idea(workshop_id=workshop.id, participant_id=young.id, kind="what_if", text="Kuraattori")
        session.add(idea)
        session.flush()
        school = clusters.create(session, workshop, "Koulu", [idea.id])
        home = clusters.create(session, workshop, "Koti")
        other = workshops.create_workshop(session, NewWorkshop(title="Other", challenge="", language="fi"))
        foreign = clusters.create(session, session.get(Workshop, other.id), "Theirs")
        return {"code": created.code, "key": created.facilitator_key, "young": young.token, "pro": pro.token,
                "school": school.id, "home": home.id, "foreign": foreign.id, "workshop_id": created.id}


def _phone(app, room, who: str):
    return phone_tab(app, room["code"], room[who])


def _laptop(app, room):
    return facilitator_tab(app, room["code"], room["key"])


def _stored_dots(database, workshop_id: int) -> dict[int, int]:
    with Session(database) as session:
        rows = session.execute(select(Dot.cluster_id, func.count()).where(Dot.workshop_id == workshop_id)
                               .group_by(Dot.cluster_id)).all()
    return dict(rows)


def test_a_round_from_the_sockets_up(running_app, database, vote_room):
    school, home = vote_room["school"], vote_room["home"]

    async def scenario() -> dict:
        young, pro, laptop = _phone(running_app, vote_room, "young"), _phone(running_app, vote_room, "pro"), \
            _laptop(running_app, vote_room)
        for tab in (young, pro, laptop):
            await tab.connect()
        await laptop.wait_for(ROOM, "room", lambda room: room["phase"] == "vote")
        refusals = {
            "before a round": await _refusal(young, PARTICIPANT, "add_dot", item_id=school),
            # Posing as the facilitator from a phone's own connection.
            "phone opens": await _refusal(young, FACILITATOR, "open_round",
                                          form={"ballot": "cluster", "dots": "5", "per_item": "3"}),
            "bad settings": await _refusal(laptop, FACILITATOR, "open_round",
                                           form={"ballot": "cluster", "dots": "2", "per_item": "3"}),
        }
        await laptop.send(f"{FACILITATOR}.open_round", form={"ballot": "cluster", "dots": "3", "per_item": "2"})
        ballot = await young.wait_for(ROOM, "ballot", lambda b: b["status"] == "open")
        assert [c["label"] for c in ballot["choices"]] == ["Koulu", "Koti"]
        refusals |= {
            "foreign cluster": await _refusal(young, PARTICIPANT, "add_dot", item_id=vote_room["foreign"]),
            "not a number": await _refusal(young, PARTICIPANT, "add_dot", item_id="1 OR 1=1"),
            "phone closes": await _refusal(young, FACILITATOR, "close_round"),
            "phone reveals": await _refusal(pro, FACILITATOR, "reveal_round"),
        }
        # Two tabs of the same phone tapping + at the same instant, six times each.
        twin = _phone(running_app, vote_room, "young")
        await twin.connect()
        young.updates.clear()
        await asyncio.gather(*(tab.send(f"{PARTICIPANT}.add_dot", item_id=item)
                               for tab in (young, twin) for item in (school, home, school)))
        await pro.send(f"{PARTICIPANT}.add_dot", item_id=home)
        await pro.wait_for(PARTICIPANT, "my_dots", lambda mine: sum(mine.values()) == 1)
        # Every screen sees the progress, none the tallies.
        progress = await laptop.wait_for(ROOM, "tally", lambda t: t["done"] == 1 and t["voted"] == 2)
        assert progress["overall"] == [] and progress["by_role"] == []
        for tab in (young, pro):
            await tab.wait_for(ROOM, "tally", lambda t: t["done"] == 1 and t["voted"] == 2)
        await laptop.send(f"{FACILITATOR}.reveal_round")
        revealed = [await tab.wait_for(ROOM, "tally", lambda t: t["status"] == "revealed")
                    for tab in (young, pro, laptop)]
        refusals["after the reveal"] = await _refusal(pro, PARTICIPANT, "add_dot", item_id=home)
        for tab in (young, twin, pro, laptop):
            await tab.close()
        return {"refusals": refusals, "revealed": revealed}

    outcome = run(scenario())
    assert outcome["refusals"] == {
        "before a round": "errors.vote_not_open",
        "phone opens": "errors.not_facilitator",
        "bad settings": "errors.dots_invalid",
        "foreign cluster": "errors.vote_item_unknown",
        "not a number": "errors.vote_item_unknown",
        "phone closes": "errors.not_facilitator",
        "phone reveals": "errors.not_facilitator",
        "after the reveal": "errors.vote_not_open",
    }
    stored = _stored_dots(database, vote_room["workshop_id"])
    # The young person's two tabs asked for 4 dots on Koulu and 2 on Koti; the round gives
    # 3 dots, at most 2 on one: Koulu 2 + Koti 1, or Koulu 1 + Koti 2; plus the professional's on Koti.
    assert (stored[school], stored[home]) in {(2, 2), (1, 3)}
    first = outcome["revealed"][0]
    assert all(r["overall"] == first["overall"] and r["by_role"] == first["by_role"] for r in outcome["revealed"])
    assert {p["id"]: p["dots"] for p in first["overall"]} == stored
    # One young person and one professional (K = 3): what every socket received holds no
    # role's figures, not even a column hidden by the page (small groups, issue 14).
    # Not even the roles at 0: beside "too few" they would say whose the votes are.
    assert [(c["role"], c["people"], c["placings"]) for c in first["by_role"]] == [("too_few", 2, [])]
