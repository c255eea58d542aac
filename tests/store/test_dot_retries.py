"""A dot tap is stored once, however often its transaction runs: when a COMMIT lands but
its acknowledgement is lost (the connection breaks in between), ``store.db.transact`` runs
the tap again, and the tap must find its own dot (or its own removal) rather than place
(or take) a second one. On SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.store.lost_connection import lose_connection_once
from workshop.domain import voting as rules
from workshop.domain.creation import InvalidInput, NewWorkshop
from workshop.domain.participation import parse_participant
from workshop.store import clusters, db, voting, workshops
from workshop.store import participants as people
from workshop.store.models import Dot, Workshop


def _room(engine) -> tuple[voting.Voter, int, int]:
    """A vote on two clusters (5 dots, 3 per item) and one voter."""
    with Session(engine) as session, session.begin():
        created = workshops.create_workshop(session, NewWorkshop(title="T", challenge="", language="fi"))
        workshop = session.get(Workshop, created.id)
        workshop.phase = "vote"
        person = people.join(session, workshop, parse_participant(role="young_person", nickname=""))
        school = clusters.create(session, workshop, "Koulu").id
        home = clusters.create(session, workshop, "Koti").id
        voting.open_round(session, workshop, rules.parse_round("cluster", 5, 3))
        return voting.Voter(person.id, workshop.id, "vote", False), school, home


def _run(engine, work):
    """One transaction on the test's engine."""
    with Session(engine) as session, session.begin():
        return work(session)


def _dots(engine) -> list[tuple[int, int]]:
    with Session(engine) as session:
        return sorted(session.execute(select(Dot.cluster_id, Dot.slot)).tuples().all())


def test_a_dot_whose_commit_answer_was_lost_is_placed_once(engine, monkeypatch):
    voter, school, _ = _room(engine)
    lost_once = lose_connection_once(engine, monkeypatch, after_commit=True)
    tap = voting.Tap()
    round_id, mine = db.transact(lambda session: voting.place_dot(session, voter, school, tap))
    assert lost_once == [1]
    assert _dots(engine) == [(school, 1)]
    assert mine == {school: 1}


def test_a_dot_taken_back_whose_commit_answer_was_lost_is_taken_once(engine, monkeypatch):
    voter, school, home = _room(engine)
    for item in (school, school, home):
        _run(engine, lambda session, item=item: voting.place_dot(session, voter, item, voting.Tap()))
    lost_once = lose_connection_once(engine, monkeypatch, after_commit=True)
    tap = voting.Tap()
    _, mine = db.transact(lambda session: voting.take_dot(session, voter, school, tap))
    assert lost_once == [1]
    assert _dots(engine) == [(school, 1), (home, 3)]  # the second dot on school (slot 2) went
    assert mine == {school: 1, home: 1}


def test_taps_each_with_their_own_memory_all_count(engine):
    """The memory is one tap's: three taps on one item are three dots, a fourth is refused."""
    voter, school, _ = _room(engine)
    for _ in range(3):
        _run(engine, lambda session: voting.place_dot(session, voter, school, voting.Tap()))
    assert _dots(engine) == [(school, 1), (school, 2), (school, 3)]
    with pytest.raises(InvalidInput, match="item_full"):
        _run(engine, lambda session: voting.place_dot(session, voter, school, voting.Tap()))
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Dot)) == 3


def test_a_run_again_after_a_rollback_places_its_dot(engine, monkeypatch):
    """A connection lost before COMMIT rolls the run back: the run again must place the dot."""
    voter, school, _ = _room(engine)
    failed = lose_connection_once(engine, monkeypatch, after_commit=False)
    tap = voting.Tap()
    db.transact(lambda session: voting.place_dot(session, voter, school, tap))
    assert failed == [1]
    assert _dots(engine) == [(school, 1)]
