"""What a vote gives away, over raw sockets against the running app (red-team findings 4 and 7).

4: a removal after the reveal. 1 young person + 3 professionals voted, the result was
revealed (the small group folded), then the facilitator removed the young person. Before,
every phone and the big screen got a new result whose difference from the revealed one was
exactly that person's dots (attack a2). Now the result stays as revealed.

7: an "Every idea" round while the critique notes are hidden until shown. Before, the
ballot every phone received listed the unrevealed critique texts (attack a11). Now the
ballot holds what everyone may see; the notes join it when the facilitator shows them and
leave it (their dots given back) when hidden again."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from benchmarks.reflex_socket import ReflexTab
from tests.asyncio_support import run
from tests.live.sockets import facilitator_tab, phone_tab, refusal
from workshop.domain.creation import NewWorkshop
from workshop.domain.participation import NewParticipant
from workshop.domain.vocabulary import Role
from workshop.state.facilitator import FacilitatorState
from workshop.state.participant import ParticipantState
from workshop.state.room_view import RoomView
from workshop.state.secrets import BrowserSecrets
from workshop.store import clusters, participants, voting, workshops
from workshop.store.models import Dot, Idea, Participant, VoteRound, Workshop

FACILITATOR = FacilitatorState.get_full_name()
PHONE = ParticipantState.get_full_name()
ROOM = RoomView.get_full_name()
DISPLAY_KEYS = f"{BrowserSecrets.get_full_name()}.display_keys_rx_state_"
FIGURES = ("status", "voters", "voted", "done", "total_dots", "overall", "by_role")


def _screen_tab(app, database, code: str, workshop_id: int, key: str) -> ReflexTab:
    with Session(database) as session:
        display = workshops.display_key(session.get(Workshop, workshop_id), key)
    return ReflexTab(app.url, f"/screen/{code}", storage={DISPLAY_KEYS: json.dumps({code: display})})


def _everything(tab: ReflexTab) -> str:
    """Every update the tab received, as one text to search."""
    return json.dumps([update for _, update in tab.updates], ensure_ascii=False)


@pytest.fixture
def revealed(database):
    """The a2 scene: the young person's 3 dots on "Ryhmä 2", each professional's dot on
    "Ryhmä 1"; the cluster round revealed."""
    with Session(database) as session, session.begin():
        made = workshops.create_workshop(session, NewWorkshop(title="A2", challenge="", language="fi"))
        workshop = session.get(Workshop, made.id)
        young = participants.join(session, workshop, NewParticipant(Role.YOUNG_PERSON, None))
        pros = [participants.join(session, workshop, NewParticipant(Role.PROFESSIONAL, None)) for _ in range(3)]
        ideas = [Idea(workshop_id=workshop.id, participant_id=p.id, kind="what_if", text=f"Idea {i}")
                 for i, p in enumerate(pros)]
        session.add_all(ideas)
        session.flush()
        one = clusters.create(session, workshop, "Ryhmä 1", [ideas[0].id, ideas[1].id])
        two = clusters.create(session, workshop, "Ryhmä 2", [ideas[2].id])
        workshop.phase = "vote"
        session.add(VoteRound(workshop_id=workshop.id, target="cluster", dots_per_participant=3,
                              max_dots_per_item=3, status="open"))
        session.flush()
        for who, item in [(young, two.id)] * 3 + [(p, one.id) for p in pros]:
            voting.add_dot(session, workshop, session.get(Participant, who.id), item)
        voting.reveal_round(session, workshop)
        return {"code": made.code, "key": made.facilitator_key, "id": made.id, "young": young.id,
                "pro": pros[0].token}


@pytest.mark.parametrize("ideas", ["keep", "delete"])
def test_removal_after_the_reveal_changes_no_result_on_any_screen(running_app, database, revealed, ideas):
    code, key = revealed["code"], revealed["key"]

    async def scenario() -> tuple[list[dict], list[dict], list[dict]]:
        laptop = facilitator_tab(running_app, code, key)
        phone = phone_tab(running_app, code, revealed["pro"])
        screen = _screen_tab(running_app, database, code, revealed["id"], key)
        for tab in (laptop, phone, screen):
            await tab.connect()
            await tab.wait_for(ROOM, "tally", lambda t: t["status"] == "revealed")
        await laptop.send(f"{FACILITATOR}.remove_participant",
                          form={"participant_id": str(revealed["young"]), "ideas": ideas})
        await laptop.wait_for(FACILITATOR, "participant_rows", lambda rows: len(rows) == 3)
        # A later change that every screen gets: whatever the removal sent came before it.
        await laptop.send(f"{FACILITATOR}.set_input_locked", locked=True)
        for tab in (laptop, phone, screen):
            await tab.wait_for(ROOM, "room", lambda r: r["input_locked"])
        seen = [[{key: t[key] for key in FIGURES} for t in tab.values(ROOM, "tally")] for tab in (laptop, phone, screen)]
        for tab in (laptop, phone, screen):
            await tab.close()
        return seen

    seen = run(scenario())
    first = seen[0][0]
    assert {p["label"]: p["dots"] for p in first["overall"]} == {"Ryhmä 1": 3, "Ryhmä 2": 3}
    assert [(c["role"], c["people"]) for c in first["by_role"]] == [
        ("parent", 0), ("experience_expert", 0), ("combined", 4)]
    # Every tally any screen received, before and after the removal, is the revealed one.
    assert all(tally == first for tab in seen for tally in tab), seen
    with Session(database) as session:
        assert session.get(Participant, revealed["young"]) is None
        assert session.scalar(select(func.count()).select_from(Dot).where(
            Dot.participant_id == revealed["young"])) == 0



def test_a_second_reveal_after_a_removal_is_refused_and_changes_nothing(running_app, database, revealed):
    """Red-team round 2, F3: after the removal, "reveal" once more recounted the round from
    the dots left, so every phone got the professionals apart (3 people) and the difference
    was the young person's 3 dots. Now the call is refused and the stored result stays."""
    code, key = revealed["code"], revealed["key"]

    def stored() -> tuple[str, dict]:
        with Session(database) as session:
            latest = voting.latest_round(session, revealed["id"])
            return latest.status, latest.result

    kept = stored()

    async def scenario() -> tuple[str, list[dict]]:
        laptop = facilitator_tab(running_app, code, key)
        phone = phone_tab(running_app, code, revealed["pro"])
        for tab in (laptop, phone):
            await tab.connect()
            await tab.wait_for(ROOM, "tally", lambda t: t["status"] == "revealed")
        await laptop.send(f"{FACILITATOR}.remove_participant",
                          form={"participant_id": str(revealed["young"]), "ideas": "delete"})
        await laptop.wait_for(FACILITATOR, "participant_rows", lambda rows: len(rows) == 3)
        refused = await refusal(laptop, FACILITATOR, "reveal_round")
        # A later change that every screen gets: whatever the second reveal sent came before it.
        await laptop.send(f"{FACILITATOR}.set_input_locked", locked=True)
        await phone.wait_for(ROOM, "room", lambda r: r["input_locked"])
        seen = [{key: t[key] for key in FIGURES} for t in phone.values(ROOM, "tally")]
        for tab in (laptop, phone):
            await tab.close()
        return refused, seen

    refused, seen = run(scenario())
    assert refused == "errors.round_revealed"
    assert stored() == kept
    assert [(c["role"], c["people"]) for c in seen[0]["by_role"]] == [
        ("parent", 0), ("experience_expert", 0), ("combined", 4)]
    assert all(tally == seen[0] for tally in seen), seen


@pytest.fixture
def hidden_critique(database):
    """The a11 scene: a critique note nobody was shown (hidden until shown, the default), a
    what-if idea, the vote phase."""
    with Session(database) as session, session.begin():
        made = workshops.create_workshop(session, NewWorkshop(title="A11", challenge="", language="fi"))
        workshop = session.get(Workshop, made.id)
        young = participants.join(session, workshop, NewParticipant(Role.YOUNG_PERSON, None))
        pro = participants.join(session, workshop, NewParticipant(Role.PROFESSIONAL, None))
        critique = Idea(workshop_id=workshop.id, participant_id=young.id, kind="critique",
                        text="CRIT-UNREVEALED sossu ei kuuntele")
        what_if = Idea(workshop_id=workshop.id, participant_id=pro.id, kind="what_if",
                       text="Entä jos kaikki kuunneltaisiin")
        session.add_all([critique, what_if])
        workshop.phase = "vote"
        assert workshop.hide_critique and not workshop.critique_revealed
        session.flush()
        return {"code": made.code, "key": made.facilitator_key, "id": made.id, "pro": pro.token,
                "critique": critique.id, "what_if": what_if.id}


def test_an_every_idea_round_puts_no_unrevealed_critique_on_a_phone(running_app, database, hidden_critique):
    code, key, critique = hidden_critique["code"], hidden_critique["key"], hidden_critique["critique"]

    def dots_on(idea_id: int) -> int:
        with Session(database) as session:
            return session.scalar(select(func.count()).select_from(Dot).where(Dot.idea_id == idea_id))

    async def scenario() -> dict:
        laptop = facilitator_tab(running_app, code, key)
        phone = phone_tab(running_app, code, hidden_critique["pro"])
        screen = _screen_tab(running_app, database, code, hidden_critique["id"], key)
        for tab in (laptop, phone, screen):
            await tab.connect()
            await tab.wait_for(ROOM, "room", lambda r: r["code"] == code)
        await laptop.send(f"{FACILITATOR}.open_round", form={"ballot": "idea", "dots": "3", "per_item": "2"})
        ballot = await phone.wait_for(ROOM, "ballot", lambda b: b["status"] == "open")
        await screen.wait_for(ROOM, "ballot", lambda b: b["status"] == "open")
        out = {"ballot": [c["label"] for c in ballot["choices"]],
               "leaked": [name for name, tab in (("phone", phone), ("screen", screen))
                          if "CRIT-UNREVEALED" in _everything(tab)]}
        # A script that knows the note's id cannot vote on it either: nothing is stored.
        out["dot on it"] = await refusal(phone, PHONE, "add_dot", item_id=critique)
        out["stored"] = dots_on(critique)
        # Shown to everyone: the note joins the ballot, and takes a dot.
        await laptop.send(f"{FACILITATOR}.reveal", kind="critique", revealed=True)
        shown = await phone.wait_for(ROOM, "ballot", lambda b: len(b["choices"]) == 2)
        out["shown"] = sorted(c["label"] for c in shown["choices"])
        await phone.send(f"{PHONE}.add_dot", item_id=critique)
        await phone.wait_for(PHONE, "my_dots", lambda mine: mine.get(str(critique), mine.get(critique)) == 1)
        out["stored after the show"] = dots_on(critique)
        # Hidden again: it leaves the ballot and its dot goes back to its owner.
        await laptop.send(f"{FACILITATOR}.reveal", kind="critique", revealed=False)
        again = await phone.wait_for(ROOM, "ballot", lambda b: len(b["choices"]) == 1)
        out["hidden again"] = [c["label"] for c in again["choices"]]
        out["stored after hiding"] = dots_on(critique)
        for tab in (laptop, phone, screen):
            await tab.close()
        return out

    out = run(scenario())
    assert out == {
        "ballot": ["Entä jos kaikki kuunneltaisiin"],
        "leaked": [],
        "dot on it": "errors.vote_item_unknown",
        "stored": 0,
        "shown": ["CRIT-UNREVEALED sossu ei kuuntele", "Entä jos kaikki kuunneltaisiin"],
        "stored after the show": 1,
        "hidden again": ["Entä jos kaikki kuunneltaisiin"],
        "stored after hiding": 0,
    }
