"""A revealed result stays as it was revealed (red-team finding 4), SQLite and PostgreSQL.

1 young person and 3 professionals voted (K = 3: one column "groups together"), the
result was revealed, and then the young person asked to be removed. Their rows go (their
dots, their seat, their answers when asked), but no figure anyone saw changes: the
difference would be exactly their dots. The screens' tally, the earlier rounds, the export
snapshot and the portfolio's figures all read the result stored at the reveal."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from workshop.domain import voting as rules
from workshop.domain.creation import InvalidInput, NewWorkshop
from workshop.domain.participation import NewParticipant
from workshop.domain.vocabulary import Role
from workshop.store import briefs, clusters, export_snapshot, lifecycle, participants, portfolio, voting, workshops
from workshop.store.models import Brief, Dot, Idea, Participant, VoteRound, Workshop

FIGURES = ("status", "voters", "voted", "done", "total_dots", "overall", "by_role")


def _scene(session: Session, ballot: str = "cluster") -> dict:
    """The red-team's a2 scene: the young person's 3 dots on "Two" (or on the young
    person's own idea), each professional's one dot on "One" (or on a professional's idea)."""
    made = workshops.create_workshop(session, NewWorkshop(title="A2", challenge="", language="fi"))
    workshop = session.get(Workshop, made.id)
    young = participants.join(session, workshop, NewParticipant(Role.YOUNG_PERSON, None))
    pros = [participants.join(session, workshop, NewParticipant(Role.PROFESSIONAL, None)) for _ in range(3)]
    ideas = [Idea(workshop_id=workshop.id, participant_id=p.id, kind="what_if", text=f"Idea {n}")
             for n, p in enumerate([*pros, young])]
    session.add_all(ideas)
    session.flush()
    one = clusters.create(session, workshop, "One", [ideas[0].id, ideas[1].id])
    two = clusters.create(session, workshop, "Two", [ideas[2].id, ideas[3].id])
    workshop.phase = "vote"
    voting.open_round(session, workshop, rules.parse_round(ballot, 3, 3))
    young_item, pro_item = (two.id, one.id) if ballot == "cluster" else (ideas[3].id, ideas[0].id)
    for who, item in [(young, young_item)] * 3 + [(p, pro_item) for p in pros]:
        voting.add_dot(session, workshop, session.get(Participant, who.id), item)
    briefs.create_from(session, workshop, "cluster", two.id)
    return {"workshop": workshop, "young": young.id, "young_idea": ideas[3].id}


def _figures(tally: dict) -> dict:
    return {key: tally[key] for key in FIGURES}


def _seen(session: Session, workshop: Workshop) -> dict:
    """Every place a revealed result is read from: screens, export, portfolio."""
    brief = session.scalars(select(Brief).where(Brief.workshop_id == workshop.id)).one()
    return {
        "tally": _figures(voting.tally(session, workshop)),
        "export": export_snapshot.snapshot(session, workshop)["rounds"],
        "portfolio": portfolio._vote_part(session, workshop, brief),
    }


@pytest.mark.parametrize("keep", [True, False])
def test_removing_someone_after_the_reveal_changes_no_figure(engine, keep):
    with Session(engine) as session, session.begin():
        scene = _scene(session)
        workshop = scene["workshop"]
        voting.reveal_round(session, workshop)
        before = _seen(session, workshop)
        overall = {p["label"]: p["dots"] for p in before["tally"]["overall"]}
        assert overall == {"One": 3, "Two": 3}
        assert [(c["role"], c["people"]) for c in before["tally"]["by_role"]] == [
            ("parent", 0), ("experience_expert", 0), ("combined", 4)]

        lifecycle.remove_participant(session, workshop, scene["young"], keep)
        session.flush()
        session.expire_all()
        workshop = session.get(Workshop, workshop.id)
        assert _seen(session, workshop) == before
        # Their own rows are gone as they asked: their seat and every dot of theirs.
        assert session.get(Participant, scene["young"]) is None
        assert session.scalar(select(func.count()).select_from(Dot)
                              .where(Dot.participant_id == scene["young"])) == 0
        assert session.scalar(select(func.count()).select_from(Dot)
                              .where(Dot.workshop_id == workshop.id)) == 3


def test_the_stored_result_holds_no_small_group(engine):
    """What the reveal stores is what screens may show: small groups already folded, no
    participant id, no role of fewer than K people with figures of its own."""
    with Session(engine) as session, session.begin():
        scene = _scene(session)
        voting.reveal_round(session, scene["workshop"])
        stored = voting.current_round(session, scene["workshop"]).result
        assert stored is not None
        assert [(c["role"], c["people"], c["members"]) for c in stored["by_role"]] == [
            ("parent", 0, []), ("experience_expert", 0, []), ("combined", 4, ["young_person", "professional"])]
        assert "young_person" not in {c["role"] for c in stored["by_role"]}
        # Nothing per person: figures, items and [item, dots] pairs only.
        assert set(stored) == {"voters", "voted", "done", "total_dots", "items", "overall", "by_role"}
        assert all(set(c) == {"role", "people", "members", "dots"} for c in stored["by_role"])
        assert sorted(map(tuple, stored["overall"])) == sorted(map(tuple, stored["by_role"][-1]["dots"]))


def test_an_idea_removed_with_its_author_leaves_the_result_and_nothing_else_changes(engine):
    """A round on every idea: the young person's own idea got their 3 dots. Removed with
    their answers, the idea (its text) leaves the result; every other figure stays."""
    with Session(engine) as session, session.begin():
        scene = _scene(session, ballot="idea")
        workshop = scene["workshop"]
        voting.reveal_round(session, workshop)
        before = voting.tally(session, workshop)
        assert {p["label"]: p["dots"] for p in before["overall"]} == {
            "Idea 3": 3, "Idea 0": 3, "Idea 1": 0, "Idea 2": 0}

        lifecycle.remove_participant(session, workshop, scene["young"], False)
        session.flush()
        session.expire_all()
        workshop = session.get(Workshop, workshop.id)
        after = voting.tally(session, workshop)
        assert session.get(Idea, scene["young_idea"]) is None
        assert "Idea 3" not in str(after) and "Idea 3" not in str(export_snapshot.snapshot(session, workshop))
        assert [(p["label"], p["dots"], p["rank"]) for p in after["overall"]] == [
            ("Idea 0", 3, 1), ("Idea 1", 0, 2), ("Idea 2", 0, 2)]
        assert [(c["role"], c["people"]) for c in after["by_role"]] == [
            (c["role"], c["people"]) for c in before["by_role"]]
        assert {key: after[key] for key in ("voters", "voted", "done", "total_dots")} == {
            key: before[key] for key in ("voters", "voted", "done", "total_dots")}


def test_removal_before_the_reveal_counts_without_them(engine):
    """Nobody saw a figure yet: the result is counted from the dots there are at the reveal."""
    with Session(engine) as session, session.begin():
        scene = _scene(session)
        workshop = scene["workshop"]
        voting.close_round(session, workshop)
        lifecycle.remove_participant(session, workshop, scene["young"], True)
        session.flush()
        session.expire_all()
        workshop = session.get(Workshop, workshop.id)
        voting.reveal_round(session, workshop)
        result = voting.tally(session, workshop)
        assert {p["label"]: p["dots"] for p in result["overall"]} == {"One": 3, "Two": 0}
        assert (result["voters"], result["voted"], result["total_dots"]) == (3, 3, 3)


def test_a_round_revealed_before_results_were_stored_is_kept_at_the_removal(engine):
    """A database migrated from before: a revealed round without a stored result. The
    removal stores it first (as every screen last showed it), then deletes the dots."""
    with Session(engine) as session, session.begin():
        scene = _scene(session)
        workshop = scene["workshop"]
        voting.reveal_round(session, workshop)
        before = _figures(voting.tally(session, workshop))
        session.execute(update(VoteRound).where(VoteRound.workshop_id == workshop.id).values(result=None))
        session.expire_all()
        workshop = session.get(Workshop, workshop.id)
        assert _figures(voting.tally(session, workshop)) == before  # counted from the dots meanwhile
        lifecycle.remove_participant(session, workshop, scene["young"], True)
        session.flush()
        session.expire_all()
        workshop = session.get(Workshop, workshop.id)
        assert _figures(voting.tally(session, workshop)) == before


def test_earlier_revealed_rounds_stay_too(engine):
    with Session(engine) as session, session.begin():
        scene = _scene(session)
        workshop = scene["workshop"]
        voting.reveal_round(session, workshop)
        voting.open_round(session, workshop, rules.parse_round("cluster", 2, 2))
        before = voting.earlier_rounds(session, workshop)
        lifecycle.remove_participant(session, workshop, scene["young"], True)
        session.flush()
        session.expire_all()
        assert voting.earlier_rounds(session, session.get(Workshop, workshop.id)) == before


def test_revealing_the_round_again_is_refused_and_keeps_the_result(engine):
    """Red-team round 2, F3: "reveal" on a round already revealed recounted it from the dots
    left after a removal, so the professionals stood apart (3 people, below K = 3 with the
    young person folded in before) and the old figures minus the new were the removed young
    person's dots. A second reveal is refused and changes nothing; the stored result is
    never written again."""
    with Session(engine) as session, session.begin():
        scene = _scene(session)
        workshop = scene["workshop"]
        voting.reveal_round(session, workshop)
        before = _seen(session, workshop)
        stored = voting.current_round(session, workshop).result
        lifecycle.remove_participant(session, workshop, scene["young"], False)
        session.flush()
        session.expire_all()
        workshop = session.get(Workshop, workshop.id)
        with pytest.raises(InvalidInput) as refused:
            voting.reveal_round(session, workshop)
        assert refused.value.key == "errors.round_revealed"
        session.flush()
        session.expire_all()
        workshop = session.get(Workshop, workshop.id)
        latest = voting.current_round(session, workshop)
        assert (latest.status, latest.result) == ("revealed", stored)
        assert _seen(session, workshop) == before
