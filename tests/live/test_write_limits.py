"""Red-team finding 6 over raw sockets: brief suggestions and clusters made from phones had
no limits (one scripted phone stored 200 suggestions of 1,000 characters in 7 s, and 200
clusters that every phone's board and ballot then held). Red-team round 3, F4: a participant's
edits and deletes of their own ideas had none either (one participant on 40 sockets wrote
about 990 edits a second). Each limit is reached, then refused one past it with its
message, the refused call stores nothing (a picked idea stays where it was), and another
participant or address is not affected. The app runs with its default limits; each test's
sockets come from loopback addresses of their own."""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.asyncio_support import run
from tests.live.sockets import KEYS, TOKENS, workshop_with_brief
from tests.live.test_abuse_limits import PACE, _limit, _tab, fresh_address
from workshop.domain.creation import NewWorkshop
from workshop.domain.participation import NewParticipant
from workshop.domain.vocabulary import Role
from workshop.settings import settings
from workshop.state.facilitator import FacilitatorState
from workshop.state.participant import ParticipantState
from workshop.state.room_view import RoomView
from workshop.store import briefs, clusters, participants, workshops
from workshop.store.models import BriefSuggestion, Cluster, Idea, Workshop

FACILITATOR, PHONE, ROOM = (s.get_full_name() for s in (FacilitatorState, ParticipantState, RoomView))


def _count(database, model, workshop_id: int) -> int:
    with Session(database) as session:
        return session.scalar(select(func.count()).select_from(model).where(model.workshop_id == workshop_id)) or 0


def _people(database, workshop_id: int, n: int) -> list[str]:
    with Session(database) as session, session.begin():
        workshop = session.get(Workshop, workshop_id)
        return [participants.join(session, workshop, NewParticipant(Role.PARENT, None)).token for _ in range(n)]


@pytest.fixture
def develop_room(database):
    """A workshop in the develop phase with one brief: (code, workshop id, brief id)."""
    with Session(database) as session, session.begin():
        created, workshop, brief_id = workshop_with_brief(session, "Koulu")
        workshop.phase = "develop"
    return created.code, created.id, brief_id


@pytest.fixture
def writing_room(database):
    """A workshop in the what-if phase: two participants, the first with two ideas and the
    second with one: (code, workshop id, [(token, [idea ids])] per participant)."""
    with Session(database) as session, session.begin():
        created = workshops.create_workshop(session, NewWorkshop(title="Kirjoitus", challenge="", language="fi"))
        workshop = session.get(Workshop, created.id)
        workshop.phase = "what_if"
        people = []
        for count in (2, 1):
            joined = participants.join(session, workshop, NewParticipant(Role.YOUNG_PERSON, None))
            rows = [Idea(workshop_id=workshop.id, participant_id=joined.id, kind="what_if", text=f"Alku {n}")
                    for n in range(count)]
            session.add_all(rows)
            session.flush()
            people.append((joined.token, [row.id for row in rows]))
    return created.code, created.id, people


@pytest.fixture
def group_room(database):
    """A workshop in the group phase where phones may group, with three ungrouped ideas:
    (code, facilitator key, workshop id, idea ids)."""
    with Session(database) as session, session.begin():
        created, workshop, _brief = workshop_with_brief(session, "Vanha")
        workshop.phase, workshop.participants_group = "group", True
        author = participants.join(session, workshop, NewParticipant(Role.YOUNG_PERSON, None))
        rows = [Idea(workshop_id=workshop.id, participant_id=author.id, kind="what_if", text=f"Idea {n}")
                for n in range(3)]
        session.add_all(rows)
        session.flush()
        return created.code, created.facilitator_key, created.id, [row.id for row in rows]


async def _phone(app, code: str, token: str, address: str):
    tab = _tab(app, f"/w/{code}", address, **{TOKENS: json.dumps({code: token})})
    await tab.connect()
    await tab.wait_for(ROOM, "room", lambda room: room["code"] == code)
    return tab


async def _suggest(tab, brief_id: int, times: int, text: str = "Lisää kokeilu") -> None:
    for n in range(times):
        await tab.send(f"{PHONE}.suggest_to_brief", form={"brief_id": str(brief_id), "text": f"{text} {n} " + "x" * 900})
        await asyncio.sleep(PACE)


async def _suggested(tab, n: int) -> None:
    """Wait until this tab's ``n`` suggestions are stored."""
    await tab.wait_for(PHONE, "suggestions_sent", lambda sent: sent == n, timeout=30)


async def _on_board(tab, n: int) -> dict:
    """Wait until this tab's board shows ``n`` clusters."""
    return await tab.wait_for(ROOM, "board", lambda board: len(board["clusters"]) == n, timeout=30)


async def _last_refusal(tab, key: str) -> str:
    return await tab.wait_for(PHONE, "notice", lambda notice: notice == key, timeout=30)


async def _answer(tab, handler: str, **payload) -> str:
    """Call a phone handler and return the notice it answers with ("": done)."""
    tab.updates.clear()
    await tab.send(f"{PHONE}.{handler}", **payload)
    return await tab.wait_for(PHONE, "notice", lambda notice: True, timeout=30)


def _ideas_of(database, workshop_id: int) -> dict[int, str]:
    with Session(database) as session:
        return dict(session.execute(select(Idea.id, Idea.text).where(Idea.workshop_id == workshop_id)).all())


def test_edits_per_participant_hold_across_the_sockets_of_one_participant(running_app, database, writing_room):
    """Edits and deletes count against the participant, whichever of their sockets sends them
    (the socket's own event limit counts per socket): up to the limit each is stored, past it
    an edit or a delete from any of them is refused with its message and changes nothing,
    and the phone stays in its edit. Another participant behind the same address edits on."""
    code, workshop_id, [(token, (idea_id, other_idea)), (neighbour, (neighbours_idea,))] = writing_room
    allowed = _limit("edits_per_participant")
    address = fresh_address()

    async def scenario() -> tuple[list[str], dict[int, str], list[str], bool, dict[int, str], str]:
        tabs = [await _phone(running_app, code, token, address) for _ in range(4)]
        done = [await _answer(tabs[n % len(tabs)], "edit_idea",
                              form={"idea_id": str(idea_id), "text": f"Korjattu {n}"})
                for n in range(allowed)]
        at_limit = _ideas_of(database, workshop_id)
        await tabs[0].send(f"{PHONE}.start_editing", idea_id=idea_id)
        await tabs[0].wait_for(PHONE, "editing_id", lambda editing: editing == idea_id)
        refused = [
            await _answer(tabs[0], "edit_idea", form={"idea_id": str(idea_id), "text": "one too many"}),
            await _answer(tabs[1], "edit_idea", form={"idea_id": str(other_idea), "text": "one too many"}),
            await _answer(tabs[2], "delete_idea", idea_id=other_idea),
            await _answer(tabs[3], "delete_idea", idea_id=idea_id),
        ]
        # Since its refused edit, tabs[0] was never told to leave the edit (a stored edit does).
        left_the_edit = 0 in tabs[0].values(PHONE, "editing_id")
        for tab in tabs:
            await tab.close()
        other = await _phone(running_app, code, neighbour, address)  # the same address
        theirs = await _answer(other, "edit_idea", form={"idea_id": str(neighbours_idea), "text": "Naapurin"})
        await other.close()
        return done, at_limit, refused, left_the_edit, _ideas_of(database, workshop_id), theirs

    done, at_limit, refused, left_the_edit, after, theirs = run(scenario())
    assert done == [""] * allowed  # every edit up to the limit went through ...
    assert at_limit[idea_id] == f"Korjattu {allowed - 1}"  # ... and was stored
    assert refused == ["limits.too_many_edits"] * 4  # edits and deletes, from every socket
    assert not left_the_edit  # the phone keeps the text being edited
    # Nothing of the refused calls: both ideas there, as they were at the limit.
    assert {i: t for i, t in after.items() if i != neighbours_idea} == {
        i: t for i, t in at_limit.items() if i != neighbours_idea}
    assert theirs == "" and after[neighbours_idea] == "Naapurin"


def test_suggestions_per_participant(running_app, database, develop_room):
    code, workshop_id, brief_id = develop_room
    allowed = _limit("suggestions_per_participant")
    script, neighbour = _people(database, workshop_id, 2)
    address = fresh_address()

    async def scenario() -> tuple[int, str, int]:
        phone = await _phone(running_app, code, script, address)
        await _suggest(phone, brief_id, allowed)
        await _suggested(phone, allowed)
        at_limit = _count(database, BriefSuggestion, workshop_id)
        await _suggest(phone, brief_id, 1, "one too many")
        refused = await _last_refusal(phone, "limits.too_many_suggestions")
        await phone.close()
        other = await _phone(running_app, code, neighbour, address)  # the same address
        await _suggest(other, brief_id, 1, "mine")
        await other.wait_for(PHONE, "suggestions_sent", lambda sent: sent == 1)
        await other.close()
        return at_limit, refused, _count(database, BriefSuggestion, workshop_id)

    at_limit, refused, stored = run(scenario())
    assert at_limit == allowed  # every one up to the limit stored
    assert refused == "limits.too_many_suggestions"
    assert stored == allowed + 1  # the refused one left nothing; the neighbour's went in
    with Session(database) as session:
        assert not session.scalar(select(func.count()).select_from(BriefSuggestion)
                                  .where(BriefSuggestion.text.startswith("one too many")))


def test_suggestions_per_workshop_per_address(running_app, database, develop_room):
    code, workshop_id, brief_id = develop_room
    allowed, each = _limit("suggestions_per_workshop_per_address"), _limit("suggestions_per_participant")
    people = -(-allowed // each) + 1  # enough people for the address to reach its limit first
    tokens = _people(database, workshop_id, people)
    address = fresh_address()

    async def scenario() -> tuple[str, int, int]:
        sent = 0
        for token in tokens[:-1]:
            phone = await _phone(running_app, code, token, address)
            await _suggest(phone, brief_id, min(each, allowed - sent))
            await _suggested(phone, min(each, allowed - sent))
            sent += min(each, allowed - sent)
            await phone.close()
        at_limit = _count(database, BriefSuggestion, workshop_id)
        last = await _phone(running_app, code, tokens[-1], address)
        await _suggest(last, brief_id, 1, "one too many")
        refused = await _last_refusal(last, "limits.too_many_suggestions")
        await last.close()
        elsewhere = await _phone(running_app, code, tokens[-1], fresh_address())
        await _suggest(elsewhere, brief_id, 1, "from another network")
        await elsewhere.wait_for(PHONE, "suggestions_sent", lambda n: n == 1)
        await elsewhere.close()
        return refused, at_limit, _count(database, BriefSuggestion, workshop_id)

    refused, at_limit, stored = run(scenario())
    assert refused == "limits.too_many_suggestions"
    assert at_limit == allowed
    assert stored == allowed + 1


def test_suggestions_waiting_per_participant(running_app, database, develop_room):
    """A person's waiting suggestions are capped; one taken in makes room again."""
    code, workshop_id, brief_id = develop_room
    most = settings().suggestions_waiting_per_participant
    (token,) = _people(database, workshop_id, 1)
    with Session(database) as session, session.begin():
        workshop = session.get(Workshop, workshop_id)
        person = participants.for_token(session, workshop, token)
        for n in range(most - 1):  # written earlier, still waiting
            session.add(BriefSuggestion(workshop_id=workshop_id, brief_id=brief_id, participant_id=person.id,
                                        text=f"earlier {n}"))

    async def scenario() -> tuple[int, str, int, int]:
        phone = await _phone(running_app, code, token, fresh_address())
        await _suggest(phone, brief_id, 1, "the last one that fits")
        await phone.wait_for(PHONE, "suggestions_sent", lambda n: n == 1)
        at_limit = _count(database, BriefSuggestion, workshop_id)
        await _suggest(phone, brief_id, 1, "one too many")
        refused = await _last_refusal(phone, "limits.suggestions_waiting")
        over = _count(database, BriefSuggestion, workshop_id)
        with Session(database) as session, session.begin():
            first = session.scalar(select(BriefSuggestion.id).where(BriefSuggestion.workshop_id == workshop_id)
                                   .order_by(BriefSuggestion.id))
            briefs.take_in(session, session.get(Workshop, workshop_id), first, "need")
        await _suggest(phone, brief_id, 1, "after one was taken in")
        await phone.wait_for(PHONE, "suggestions_sent", lambda n: n == 2)
        await phone.close()
        return at_limit, refused, over, _count(database, BriefSuggestion, workshop_id)

    # At the cap; one more refused and not stored; room again after one was taken in.
    assert run(scenario()) == (most, "limits.suggestions_waiting", most, most + 1)


def _placement(database, idea_id: int) -> int | None:
    with Session(database) as session:
        return session.get(Idea, idea_id).cluster_id


async def _new_clusters(tab, times: int, name: str = "Ryhmä") -> None:
    for n in range(times):
        await tab.send(f"{PHONE}.new_cluster", form={"name": f"{name} {n}"})
        await asyncio.sleep(PACE)


def test_clusters_per_participant(running_app, database, group_room):
    code, _key, workshop_id, ideas = group_room
    allowed = _limit("clusters_per_participant")
    script, neighbour = _people(database, workshop_id, 2)
    address = fresh_address()
    before = _count(database, Cluster, workshop_id)

    async def scenario() -> tuple[int, str, int, int]:
        phone = await _phone(running_app, code, script, address)
        await _new_clusters(phone, allowed)
        await _on_board(phone, before + allowed)
        at_limit = _count(database, Cluster, workshop_id)
        await phone.send(f"{PHONE}.select_idea", idea_id=ideas[0])
        await _new_clusters(phone, 1, "one too many")
        refused = await _last_refusal(phone, "limits.too_many_clusters")
        await phone.close()
        other = await _phone(running_app, code, neighbour, address)
        await _new_clusters(other, 1, "mine")
        seen = await other.wait_for(ROOM, "board", lambda board: any(c["name"] == "mine 0" for c in board["clusters"]))
        await other.close()
        return at_limit, refused, len(seen["clusters"]), _count(database, Cluster, workshop_id)

    at_limit, refused, on_board, stored = run(scenario())
    assert at_limit == before + allowed
    assert refused == "limits.too_many_clusters"
    assert stored == on_board == before + allowed + 1  # nothing of the refused one
    assert _placement(database, ideas[0]) is None  # the picked idea was not moved


def test_clusters_per_workshop_per_address(running_app, database, group_room):
    code, _key, workshop_id, _ideas = group_room
    allowed, each = _limit("clusters_per_workshop_per_address"), _limit("clusters_per_participant")
    tokens = _people(database, workshop_id, -(-allowed // each) + 1)
    address = fresh_address()
    before = _count(database, Cluster, workshop_id)

    async def scenario() -> tuple[int, str, int]:
        made = 0
        for n, token in enumerate(tokens[:-1]):
            phone = await _phone(running_app, code, token, address)
            await _new_clusters(phone, min(each, allowed - made), f"P{n}")
            made += min(each, allowed - made)
            await _on_board(phone, before + made)
            await phone.close()
        at_limit = _count(database, Cluster, workshop_id)
        last = await _phone(running_app, code, tokens[-1], address)
        await _new_clusters(last, 1, "one too many")
        refused = await _last_refusal(last, "limits.too_many_clusters")
        await last.close()
        elsewhere = await _phone(running_app, code, tokens[-1], fresh_address())
        await _new_clusters(elsewhere, 1, "elsewhere")
        await elsewhere.wait_for(ROOM, "board", lambda board: any(c["name"] == "elsewhere 0" for c in board["clusters"]))
        await elsewhere.close()
        return at_limit, refused, _count(database, Cluster, workshop_id)

    at_limit, refused, stored = run(scenario())
    assert at_limit == before + allowed
    assert refused == "limits.too_many_clusters"
    assert stored == before + allowed + 1


def test_phones_start_no_cluster_on_a_full_board(running_app, database, group_room):
    """The board's cap: a phone may make the last cluster that fits, not one more; the
    facilitator still may."""
    code, key, workshop_id, ideas = group_room
    most = settings().clusters_on_board_for_phones
    (token,) = _people(database, workshop_id, 1)
    with Session(database) as session, session.begin():
        workshop = session.get(Workshop, workshop_id)
        for n in range(most - 1 - _count(database, Cluster, workshop_id)):
            clusters.create(session, workshop, f"Valmiina {n}")

    async def scenario() -> tuple[int, str, int, int]:
        phone = await _phone(running_app, code, token, fresh_address())
        await _new_clusters(phone, 1, "the last that fits")
        await _on_board(phone, most)
        at_limit = _count(database, Cluster, workshop_id)
        await phone.send(f"{PHONE}.select_idea", idea_id=ideas[1])
        await _new_clusters(phone, 1, "one too many")
        refused = await _last_refusal(phone, "limits.board_full")
        over = _count(database, Cluster, workshop_id)
        laptop = _tab(running_app, f"/facilitate/{code}", fresh_address(), **{KEYS: json.dumps({code: key})})
        await laptop.connect()
        await laptop.wait_for(ROOM, "board", lambda board: len(board["clusters"]) == most)
        await laptop.send(f"{FACILITATOR}.new_cluster", form={"name": "the facilitator's"})
        await laptop.wait_for(ROOM, "board", lambda board: len(board["clusters"]) == most + 1)
        await laptop.close()
        await phone.close()
        return at_limit, refused, over, _count(database, Cluster, workshop_id)

    # The last that fits made; one more refused and not stored; the facilitator's made.
    assert run(scenario()) == (most, "limits.board_full", most, most + 1)
    assert _placement(database, ideas[1]) is None  # the picked idea was not moved


@pytest.fixture
def open_vote(database):
    """A workshop with an open round of dots on one cluster: (code, workshop id, cluster id,
    [two participants' tokens])."""
    from workshop.domain import voting as vote_rules
    from workshop.store import voting

    with Session(database) as session, session.begin():
        created = workshops.create_workshop(session, NewWorkshop(title="Pisteet", challenge="", language="fi"))
        workshop = session.get(Workshop, created.id)
        tokens = [participants.join(session, workshop, NewParticipant(Role.YOUNG_PERSON, None)).token
                  for _ in range(2)]
        cluster = clusters.create(session, workshop, "Koulu")
        workshop.phase = "vote"
        voting.open_round(session, workshop, vote_rules.parse_round("cluster", 5, 3))
        return created.code, created.id, cluster.id, tokens


def _dots(database, workshop_id: int) -> int:
    from workshop.store.models import Dot
    return _count(database, Dot, workshop_id)


def test_taps_per_participant_hold_across_the_sockets_of_one_participant(running_app, database, open_vote):
    """Placing and taking back dots (and, alike, moving ideas from a phone) had no limit: the
    same many-sockets trick as edits wrote without end. They count against the participant,
    whichever socket sends them; past the limit a tap is refused, stores nothing, and another
    participant behind the same address taps on."""
    code, workshop_id, cluster_id, (token, neighbour) = open_vote
    allowed = _limit("taps_per_participant")
    address = fresh_address()

    async def scenario() -> tuple[list[str], int, list[str], int, str]:
        tabs = [await _phone(running_app, code, token, address) for _ in range(4)]
        done = []
        for n in range(allowed):  # paced under each socket's own event limit
            done.append(await _answer(tabs[n % len(tabs)], "add_dot" if n % 2 == 0 else "remove_dot",
                                      item_id=cluster_id))
            await asyncio.sleep(PACE / len(tabs))
        at_limit = _dots(database, workshop_id)
        refused = [await _answer(tab, "add_dot", item_id=cluster_id) for tab in tabs]
        after = _dots(database, workshop_id)
        for tab in tabs:
            await tab.close()
        other = await _phone(running_app, code, neighbour, address)
        theirs = await _answer(other, "add_dot", item_id=cluster_id)
        await other.close()
        return done, at_limit, refused, after, theirs

    done, at_limit, refused, after, theirs = run(scenario())
    assert done == [""] * allowed and at_limit == 0  # placed and taken back, each stored
    assert refused == ["limits.too_many_taps"] * 4
    assert after == 0
    assert theirs == "" and _dots(database, workshop_id) == 1
