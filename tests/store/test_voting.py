"""Dot voting through the database: rounds kept apart, hidden tallies, results by role,
and two tabs of one participant tapping at the same instant (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workshop.domain import voting as rules
from workshop.domain.creation import InvalidInput, NewWorkshop
from workshop.domain.participation import parse_participant
from workshop.store import clusters, voting, workshops
from workshop.store import participants as people
from workshop.store.models import Dot, Idea, Participant, Workshop

ROLES = ["young_person", "parent", "professional"]


def _room(session: Session, min_group_size: int = 1) -> dict:
    """A workshop in the vote phase: three participants of different roles, four
    what-if ideas and a critique note; clusters "School" (two ideas) and "Home".
    Every role is shown apart (K = 1) unless ``min_group_size`` says otherwise."""
    created = workshops.create_workshop(session, NewWorkshop(title="T", challenge="", language="fi",
                                                             min_group_size=min_group_size))
    workshop = session.get(Workshop, created.id)
    workshop.phase = "vote"
    joined = [people.join(session, workshop, parse_participant(role=r, nickname="")) for r in ROLES]
    ideas = [Idea(workshop_id=workshop.id, participant_id=joined[0].id, kind=k, text=t)
             for k, t in [("what_if", "a"), ("what_if", "b"), ("what_if", "c"), ("what_if", "d"),
                          ("critique", "now")]]
    session.add_all(ideas)
    session.flush()
    school = clusters.create(session, workshop, "School", [ideas[0].id, ideas[1].id])
    home = clusters.create(session, workshop, "Home", [ideas[2].id])
    return {"workshop": workshop, "people": [session.get(Participant, j.id) for j in joined],
            "ideas": [i.id for i in ideas], "school": school.id, "home": home.id}


def _open(session, room, ballot="cluster", dots=5, per_item=3):
    return voting.open_round(session, room["workshop"], rules.parse_round(ballot, dots, per_item))


def test_a_round_on_clusters_from_open_to_reveal(engine):
    with Session(engine) as session, session.begin():
        room = _room(session)
        workshop, (young, parent, pro) = room["workshop"], room["people"]
        _open(session, room)
        ballot = voting.ballot(session, workshop)
        assert [(i["label"], i["ideas"]) for i in ballot["choices"]] == [("School", ["a", "b"]), ("Home", ["c"])]
        for _ in range(3):
            voting.add_dot(session, workshop, young, room["school"])
        voting.add_dot(session, workshop, young, room["home"])
        voting.add_dot(session, workshop, young, room["home"])
        for _ in range(2):
            voting.add_dot(session, workshop, pro, room["home"])
        voting.add_dot(session, workshop, parent, room["school"])
        voting.remove_dot(session, workshop, parent, room["school"])
        voting.add_dot(session, workshop, parent, room["home"])  # a dot moved

        assert voting.my_dots(session, workshop.id, young.id)[1] == {room["school"]: 3, room["home"]: 2}
        hidden = voting.tally(session, workshop)
        assert (hidden["voters"], hidden["voted"], hidden["done"], hidden["total_dots"]) == (3, 3, 1, 8)
        assert hidden["overall"] == [] and hidden["by_role"] == []  # nobody sees tallies yet

        voting.close_round(session, workshop)
        with pytest.raises(InvalidInput, match="vote_not_open"):
            voting.add_dot(session, workshop, parent, room["home"])
        assert voting.tally(session, workshop)["overall"] == []
        voting.reveal_round(session, workshop)
        result = voting.tally(session, workshop)
        assert [(p["label"], p["dots"], p["rank"], p["tied"], p["percent"]) for p in result["overall"]] == [
            ("Home", 5, 1, False, 100), ("School", 3, 2, False, 60)]
        columns = {c["role"]: c for c in result["by_role"]}
        assert [(p["label"], p["dots"]) for p in columns["young_person"]["placings"]] == [("School", 3), ("Home", 2)]
        assert [(p["label"], p["dots"]) for p in columns["professional"]["placings"]] == [("Home", 2), ("School", 0)]
        assert columns["parent"]["people"] == 1 and columns["parent"]["dots"] == 1
        assert columns["experience_expert"]["people"] == 0


def test_the_limits_and_the_ballot_are_enforced(engine):
    with Session(engine) as session, session.begin():
        room = _room(session)
        workshop, young = room["workshop"], room["people"][0]
        _open(session, room, ballot="what_if", dots=3, per_item=2)
        a, b, c, d, critique = room["ideas"]
        assert [i["label"] for i in voting.ballot(session, workshop)["choices"]] == ["a", "b", "c", "d"]
        voting.add_dot(session, workshop, young, a)
        voting.add_dot(session, workshop, young, a)
        with pytest.raises(InvalidInput, match="item_full"):
            voting.add_dot(session, workshop, young, a)
        voting.add_dot(session, workshop, young, b)
        with pytest.raises(InvalidInput, match="no_dots_left"):
            voting.add_dot(session, workshop, young, c)
        for wrong in (critique, room["school"] + 1000, "1", True, None, -1, 2**70):
            with pytest.raises(InvalidInput, match="vote_item_unknown"):
                voting.add_dot(session, workshop, room["people"][1], wrong)
        with pytest.raises(InvalidInput, match="no_dot_here"):
            voting.remove_dot(session, workshop, young, c)
        workshop.phase = "develop"
        with pytest.raises(InvalidInput, match="vote_not_open"):
            voting.add_dot(session, workshop, room["people"][1], c)
        workshop.phase = "vote"
        workshop.input_locked = True
        with pytest.raises(InvalidInput, match="input_locked"):
            voting.add_dot(session, workshop, room["people"][1], c)


def test_rounds_are_kept_apart(engine):
    with Session(engine) as session, session.begin():
        room = _room(session)
        workshop, young = room["workshop"], room["people"][0]
        _open(session, room, ballot="critique", dots=1, per_item=1)
        voting.add_dot(session, workshop, young, room["ideas"][4])
        with pytest.raises(InvalidInput, match="round_still_open"):
            _open(session, room)
        voting.reveal_round(session, workshop)
        second = _open(session, room, ballot="cluster", dots=2, per_item=2)
        assert voting.my_dots(session, workshop.id, young.id) == (second.id, {})
        voting.add_dot(session, workshop, young, room["home"])
        voting.add_dot(session, workshop, young, room["home"])
        assert voting.tally(session, workshop)["done"] == 1
        assert session.scalar(select(func.count()).select_from(Dot)) == 3
        assert [r.status for r in voting.rounds(session, workshop)] == ["revealed", "open"]
        # The facilitator still sees the first round's own result, untouched by the second.
        (first,) = voting.earlier_rounds(session, workshop)
        assert (first["number"], first["ballot"], first["status"]) == (1, "critique", "revealed")
        assert [(p["label"], p["dots"]) for p in first["overall"]] == [("now", 1)]
        assert voting.tally(session, workshop)["number"] == 2


def test_hiding_an_idea_gives_its_dots_back(engine):
    with Session(engine) as session, session.begin():
        room = _room(session)
        workshop, young = room["workshop"], room["people"][0]
        _open(session, room, ballot="idea", dots=2, per_item=2)
        a = room["ideas"][0]
        voting.add_dot(session, workshop, young, a)
        voting.add_dot(session, workshop, young, a)
        session.get(Idea, a).hidden = True
        voting.return_dots_on_idea(session, workshop, a)
        assert voting.my_dots(session, workshop.id, young.id)[1] == {}
        assert a not in [i["id"] for i in voting.ballot(session, workshop)["choices"]]
        voting.add_dot(session, workshop, young, room["ideas"][1])


def test_reopen_only_a_closed_round(engine):
    with Session(engine) as session, session.begin():
        room = _room(session)
        workshop = room["workshop"]
        with pytest.raises(InvalidInput, match="round_none"):
            voting.close_round(session, workshop)
        _open(session, room)
        with pytest.raises(InvalidInput, match="round_not_closed"):
            voting.reopen_round(session, workshop)
        voting.close_round(session, workshop)
        voting.reopen_round(session, workshop)
        voting.add_dot(session, workshop, room["people"][0], room["home"])
        voting.reveal_round(session, workshop)
        with pytest.raises(InvalidInput, match="round_not_closed"):
            voting.reopen_round(session, workshop)


def test_two_racing_writers_that_skip_every_check_still_cannot_take_the_same_slot(engine):
    """The constraints alone: both transactions read "slot 1 is free" and insert it."""
    with Session(engine) as session, session.begin():
        room = _room(session)
        vote_round = _open(session, room, dots=1, per_item=1)
        ids = (room["workshop"].id, vote_round.id, room["people"][0].id, room["school"], room["home"])

    def dot(cluster_id: int) -> Dot:
        workshop_id, round_id, participant_id, *_ = ids
        return Dot(workshop_id=workshop_id, round_id=round_id, participant_id=participant_id,
                   target="cluster", cluster_id=cluster_id, dots_limit=1, item_limit=1, slot=1, item_slot=1)

    with Session(engine) as first:
        first.begin()
        first.add(dot(ids[3]))
        first.flush()
        first.commit()
    with Session(engine) as second, pytest.raises(IntegrityError):
        with second.begin():
            second.add(dot(ids[4]))


def test_two_tabs_of_one_participant_tapping_at_once_never_exceed_the_rules(postgres_engine):
    """Real concurrency on PostgreSQL: 12 taps from 12 threads for one participant with
    5 dots (at most 3 per item). Exactly 5 are accepted; the rest are refused cleanly."""
    engine = postgres_engine
    with Session(engine) as session, session.begin():
        room = _room(session)
        _open(session, room)
        workshop_id, participant_id = room["workshop"].id, room["people"][0].id
        items = [room["school"], room["home"]] * 6

    barrier = threading.Barrier(len(items))
    outcomes: list[str] = []

    def tap(item: int) -> None:
        barrier.wait()
        for _ in range(4):  # what ParticipantState does: retry a lost race from the start
            try:
                with Session(engine) as session, session.begin():
                    workshop = session.get(Workshop, workshop_id)
                    voting.add_dot(session, workshop, session.get(Participant, participant_id), item)
                outcomes.append("accepted")
                return
            except InvalidInput as refused:
                outcomes.append(refused.key)
                return
            except IntegrityError:
                continue
        outcomes.append("conflict")

    threads = [threading.Thread(target=tap, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert outcomes.count("accepted") == 5
    assert set(outcomes) <= {"accepted", "errors.no_dots_left", "errors.item_full"}
    with Session(engine) as session:
        rows = session.execute(select(Dot.cluster_id, Dot.slot, Dot.item_slot)
                               .where(Dot.participant_id == participant_id)).all()
    assert sorted(slot for _, slot, _ in rows) == [1, 2, 3, 4, 5]
    assert max(sum(1 for c, _, _ in rows if c == item) for item in set(items)) <= 3


def test_the_hot_path_reports_a_lost_race_as_an_integrity_error(engine):
    """The tap's statements run on the driver's cursor; a slot taken meanwhile still comes
    out as SQLAlchemy's IntegrityError, which the group commit reruns."""
    with Session(engine) as session, session.begin():
        room = _room(session)
        vote_round = _open(session, room)
        values = {"workshop_id": room["workshop"].id, "round_id": vote_round.id,
                  "participant_id": room["people"][0].id, "target": "cluster", "dots_limit": 5,
                  "item_limit": 3, "slot": 1, "item_slot": 1, "item": room["school"]}
        assert voting._INSERT_ON_CLUSTER.rows(session, values)
        with pytest.raises(IntegrityError):
            voting._INSERT_ON_CLUSTER.rows(session, values | {"item": room["home"]})


def test_a_small_groups_figures_never_leave_the_store(engine):
    """K = 3: one young person, one parent and one professional voted. Neither the tally
    every screen receives (current and earlier rounds) nor the export snapshot holds any
    role's figures: the three are shown together. With three professionals voting, the
    two others alone would be too few, so the professionals stay with them."""
    from workshop.store import export_snapshot

    with Session(engine) as session, session.begin():
        room = _room(session, min_group_size=3)
        workshop, (young, parent, pro) = room["workshop"], room["people"]
        _open(session, room)
        for _ in range(3):
            voting.add_dot(session, workshop, young, room["school"])
        voting.add_dot(session, workshop, parent, room["home"])
        voting.add_dot(session, workshop, pro, room["home"])
        voting.reveal_round(session, workshop)
        result = voting.tally(session, workshop)
        assert [(c["role"], c["people"], c["dots"], c["members"]) for c in result["by_role"]] == [
            ("experience_expert", 0, 0, []), ("combined", 3, 5, ["young_person", "parent", "professional"])]
        assert [(p["label"], p["dots"]) for p in result["by_role"][-1]["placings"]] == [("School", 3), ("Home", 2)]
        data = export_snapshot.snapshot(session, workshop)
        assert data["workshop"]["min_group_size"] == 3
        assert data["participation"] == [{"role": "experience_expert", "count": 0, "members": []},
                                         {"role": "other", "count": 0, "members": []},
                                         {"role": "combined", "count": 3,
                                          "members": ["young_person", "parent", "professional"]}]
        assert [(c["role"], c["people"], c["members"], [(p["id"], p["dots"]) for p in c["placings"]])
                for c in data["rounds"][0]["by_role"]] == [
            (c["role"], c["people"], c["members"], [(p["id"], p["dots"]) for p in c["placings"]])
            for c in result["by_role"]]

        more = [people.join(session, workshop, parse_participant(role="professional", nickname=""))
                for _ in range(2)]
        _open(session, room)
        voting.add_dot(session, workshop, young, room["school"])
        voting.add_dot(session, workshop, parent, room["home"])
        for voter in [pro, *(session.get(Participant, p.id) for p in more)]:
            voting.add_dot(session, workshop, voter, room["home"])
        voting.reveal_round(session, workshop)
        second = voting.tally(session, workshop)
        # 1 + 1 < 3: the professionals (the smallest group apart) go together with them, or the
        # overall minus the professionals would be the young person's and the parent's votes.
        assert [(c["role"], c["people"], c["members"]) for c in second["by_role"]] == [
            ("experience_expert", 0, []), ("combined", 5, ["young_person", "parent", "professional"])]
        assert voting.earlier_rounds(session, workshop)[0]["by_role"] == result["by_role"]
