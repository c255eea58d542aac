"""Grouping operations through the database: merges keep every idea, deleting a
cluster ungroups its ideas, moves are all-or-nothing, and nothing crosses workshops."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workshop.domain.creation import InvalidInput, NewWorkshop
from workshop.domain.participation import parse_participant
from workshop.store import clusters, participants, workshops
from workshop.store.models import Cluster, Idea, Workshop


def _workshop_with_ideas(session: Session, texts: list[str], phase: str = "group") -> tuple[Workshop, list[int]]:
    created = workshops.create_workshop(session, NewWorkshop(title="T", challenge="", language="fi"))
    workshop = session.get(Workshop, created.id)
    workshop.phase = phase
    joined = participants.join(session, workshop, parse_participant(role="young_person", nickname=""))
    ideas = [Idea(workshop_id=workshop.id, participant_id=joined.id, kind="what_if", text=t)
             for t in texts]
    session.add_all(ideas)
    session.flush()
    return workshop, [i.id for i in ideas]


def _placement(session: Session, workshop: Workshop) -> dict[int, str | None]:
    """Idea id → the name of its cluster (None: ungrouped)."""
    rows = session.execute(
        select(Idea.id, Cluster.name).outerjoin(Cluster, Cluster.id == Idea.cluster_id)
        .where(Idea.workshop_id == workshop.id)
    )
    return dict(rows.all())


def test_create_rename_and_move_ideas(engine):
    with Session(engine) as session, session.begin():
        workshop, (a, b, c) = _workshop_with_ideas(session, ["a", "b", "c"])
        school = clusters.create(session, workshop, "  Koulu \n ", [a])
        family = clusters.create(session, workshop, "Perhe")
        clusters.move_idea(session, workshop, b, family.id)
        clusters.rename(session, workshop, family.id, "Perheen tuki")
        assert _placement(session, workshop) == {a: "Koulu", b: "Perheen tuki", c: None}
        clusters.move_idea(session, workshop, a, 0)
        assert _placement(session, workshop)[a] is None
        assert [x.position for x in clusters.in_order(session, workshop)] == [0, 1]
        assert school.name == "Koulu"


def test_merge_keeps_every_idea_and_removes_the_source(engine):
    with Session(engine) as session, session.begin():
        workshop, ids = _workshop_with_ideas(session, ["a", "b", "c", "d"])
        first = clusters.create(session, workshop, "One", ids[:2])
        second = clusters.create(session, workshop, "Two", ids[2:])
        clusters.merge(session, workshop, first.id, second.id)
        assert _placement(session, workshop) == {i: "Two" for i in ids}
        assert [c.name for c in clusters.in_order(session, workshop)] == ["Two"]
        with pytest.raises(InvalidInput, match="merge_same"):
            clusters.merge(session, workshop, second.id, second.id)


def test_deleting_a_cluster_ungroups_its_ideas(engine):
    with Session(engine) as session, session.begin():
        workshop, ids = _workshop_with_ideas(session, ["a", "b"])
        cluster = clusters.create(session, workshop, "One", ids)
        clusters.remove(session, workshop, cluster.id)
        assert _placement(session, workshop) == {ids[0]: None, ids[1]: None}
        assert session.scalar(select(func.count()).select_from(Idea)) == 2


def test_reorder_clusters(engine):
    with Session(engine) as session, session.begin():
        workshop, _ = _workshop_with_ideas(session, [])
        one, two, three = (clusters.create(session, workshop, n) for n in ("1", "2", "3"))
        clusters.move(session, workshop, three.id, -1)
        clusters.move(session, workshop, one.id, -1)  # already first: unchanged
        assert [c.name for c in clusters.in_order(session, workshop)] == ["1", "3", "2"]
        with pytest.raises(InvalidInput):
            clusters.move(session, workshop, two.id, 5)


def test_a_refused_move_changes_nothing(engine):
    """A create that names one bad idea among good ones stores nothing at all."""
    with Session(engine) as session, session.begin():
        workshop, ids = _workshop_with_ideas(session, ["a", "b"])
        other, other_ids = _workshop_with_ideas(session, ["x"])
        foreign_id = clusters.create(session, other, "Theirs").id
        workshop_id = workshop.id
    attempts = (
        lambda session, workshop: clusters.create(session, workshop, "Mine", [ids[0], other_ids[0]]),
        lambda session, workshop: clusters.move_idea(session, workshop, ids[0], foreign_id),
        lambda session, workshop: clusters.move_idea(session, workshop, other_ids[0], 0),
        lambda session, workshop: clusters.rename(session, workshop, foreign_id, "Stolen"),
        lambda session, workshop: clusters.merge(session, workshop, foreign_id, foreign_id),
        lambda session, workshop: clusters.remove(session, workshop, foreign_id),
        lambda session, workshop: clusters.create(session, workshop, "   ", [ids[0]]),
        lambda session, workshop: clusters.create(session, workshop, "x" * 81),
        lambda session, workshop: clusters.move_idea(session, workshop, "1", 0),
        lambda session, workshop: clusters.move_idea(session, workshop, True, 0),
    )
    for attempt in attempts:
        with Session(engine) as session, pytest.raises(InvalidInput), session.begin():
            attempt(session, session.get(Workshop, workshop_id))
    with Session(engine) as session:
        workshop = session.get(Workshop, workshop_id)
        assert session.scalar(select(func.count()).select_from(Cluster)) == 1
        assert _placement(session, workshop) == {ids[0]: None, ids[1]: None}
        assert session.get(Cluster, foreign_id).name == "Theirs"


def test_hidden_ideas_stay_off_the_board_and_cannot_be_moved(engine):
    with Session(engine) as session, session.begin():
        workshop, (a, b) = _workshop_with_ideas(session, ["shown", "moderated"])
        session.get(Idea, b).hidden = True
        with pytest.raises(InvalidInput):
            clusters.move_idea(session, workshop, b, 0)
        rows = [{"id": a, "kind": "what_if", "cluster_id": 0, "hidden": False},
                {"id": b, "kind": "what_if", "cluster_id": 0, "hidden": True}]
        assert clusters.board(session, workshop, rows)["ungrouped"] == rows[:1]
        assert clusters.ungrouped_texts(session, workshop) == [(a, "shown")]


def test_accepting_a_suggestion_takes_only_ideas_still_ungrouped(engine):
    with Session(engine) as session, session.begin():
        workshop, (a, b, c) = _workshop_with_ideas(session, ["a", "b", "c"])
        clusters.create(session, workshop, "Meanwhile", [a])
        assert clusters.accept_suggestion(session, workshop, "Suggested", [a, b]) == 1
        assert _placement(session, workshop) == {a: "Meanwhile", b: "Suggested", c: None}
        with pytest.raises(InvalidInput, match="suggestion_stale"):
            clusters.accept_suggestion(session, workshop, "Again", [a, b])


def test_deleting_a_workshop_deletes_its_clusters(engine):
    with Session(engine) as session, session.begin():
        workshop, ids = _workshop_with_ideas(session, ["a"])
        clusters.create(session, workshop, "One", ids)
        session.delete(workshop)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Cluster)) == 0


def test_a_phone_makes_no_cluster_on_a_full_board(engine):
    """Red-team finding 6: one phone made 200 clusters. With ``most_on_board`` (the phone's
    cap) the last cluster that fits is made, the next is refused and nothing of it stays (the
    picked idea is not moved); the facilitator (no cap) still may."""
    with Session(engine) as session, session.begin():
        workshop, (a, b) = _workshop_with_ideas(session, ["a", "b"])
        clusters.create(session, workshop, "One")
        clusters.create(session, workshop, "Two", [a], most_on_board=3)
        with pytest.raises(InvalidInput, match="limits.board_full"):
            clusters.create(session, workshop, "Three", [b], most_on_board=2)
        session.flush()
        assert [c.name for c in clusters.in_order(session, workshop)] == ["One", "Two"]
        assert _placement(session, workshop)[b] is None
        clusters.create(session, workshop, "Facilitator's", [b])
        assert len(clusters.in_order(session, workshop)) == 3


def test_a_cluster_refused_by_its_rate_leaves_nothing_and_is_counted_last(engine):
    calls: list[str] = []

    def refuse() -> None:
        calls.append("admit")
        raise InvalidInput("limits.too_many_clusters")

    with Session(engine) as session, session.begin():
        workshop, (a,) = _workshop_with_ideas(session, ["a"])
        for name, ideas in (("", []), ("Ok", [999_999])):
            with pytest.raises(InvalidInput):
                clusters.create(session, workshop, name, ideas, most_on_board=5, admit=refuse)
        clusters.create(session, workshop, "One")
        with pytest.raises(InvalidInput, match="board_full"):
            clusters.create(session, workshop, "Full", [a], most_on_board=1, admit=refuse)
        assert calls == []  # neither an invalid call nor a full board costs a place
        with pytest.raises(InvalidInput, match="too_many_clusters"):
            clusters.create(session, workshop, "Two", [a], most_on_board=5, admit=refuse)
        session.flush()
        assert calls == ["admit"]
        assert [c.name for c in clusters.in_order(session, workshop)] == ["One"]
        assert _placement(session, workshop)[a] is None
