"""Deleting a workshop, removing a participant and the retention purge, through the
database on SQLite and PostgreSQL; and a check that every table is covered by deletion."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from tests.store.test_briefs import _voted
from workshop.domain.creation import InvalidInput
from workshop.domain.voting import parse_round
from workshop.settings import Settings
from workshop.domain.vocabulary import Opener
from workshop.store import briefs, downloads, lifecycle, openers, portfolio, voting
from workshop.store.models import Base, BriefSuggestion, Dot, Idea, Participant, Prompt, Workshop
from workshop.store.purge import purge_once

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


def _full_workshop(session: Session) -> dict:
    """A workshop with a row in every table: prompt, participants, ideas, clusters, two
    rounds with dots (on clusters, then on ideas), a brief and a suggestion to it, a download token,
    a one-time opener; its portfolio has an opener of its own."""
    room = _voted(session)
    workshop = room["workshop"]
    session.add(Prompt(workshop_id=workshop.id, position=0, kind="what_if", text="Entä jos?"))
    voting.open_round(session, workshop, parse_round("what_if", 3, 2))
    voting.add_dot(session, workshop, room["people"][1], room["ideas"][0])
    brief = briefs.create_from(session, workshop, "cluster", room["school"])
    briefs.suggest(session, workshop, room["people"][0], brief.id, "Kokeillaan")
    downloads.mint(session, workshop)
    openers.mint(session, Opener.FACILITATOR, "a-facilitator-key", workshop)
    # Published to a portfolio of its own, with a status set.
    created = portfolio.create_portfolio(session, "SOILA")
    portfolio.join_with_invitation(session, workshop, created.code, created.invitation_key)
    published = portfolio.publish(session, workshop, brief.id)
    portfolio.set_status(session, portfolio.find_by_code(session, created.code), published, "in_preparation", "")
    openers.mint(session, Opener.VIEWER, created.viewer_key, portfolio.find_by_code(session, created.code))
    session.flush()
    return {**room, "portfolio_code": created.code}


def _rows_of(session: Session, table: Table, workshop_id: int) -> int:
    column = table.c[lifecycle.WORKSHOP_REFERENCE[table.name]]
    return session.scalar(select(func.count()).select_from(table).where(column == workshop_id))


def test_every_table_says_how_it_refers_to_a_workshop():
    assert lifecycle.uncovered_tables() == set(), (
        "a new table: add it to workshop.store.lifecycle.WORKSHOP_REFERENCE so deletion empties it")
    for name, column in lifecycle.WORKSHOP_REFERENCE.items():
        table = Base.metadata.tables[name]
        assert column in table.c
        # The column really points at workshops.id (or is it).
        assert name == "workshops" or any(
            fk.column.table.name == "workshops" for fk in table.c[column].foreign_keys), name


def test_deletion_refuses_to_run_when_a_table_is_not_covered(engine, monkeypatch):
    monkeypatch.delitem(lifecycle.WORKSHOP_REFERENCE, "brief_suggestions")
    assert lifecycle.uncovered_tables() == {"brief_suggestions"}
    with Session(engine) as session, session.begin():
        room = _full_workshop(session)
        with pytest.raises(RuntimeError, match="brief_suggestions"):
            lifecycle.delete_workshop(session, room["workshop"].id)


def test_deleting_a_workshop_leaves_no_row_that_refers_to_it(engine):
    with Session(engine) as session, session.begin():
        doomed, kept = _full_workshop(session), _full_workshop(session)
        doomed_id, kept_id = doomed["workshop"].id, kept["workshop"].id
    tables = [t for t in Base.metadata.sorted_tables if t.name in lifecycle.WORKSHOP_REFERENCE]
    with Session(engine) as session:
        before = {t.name: (_rows_of(session, t, doomed_id), _rows_of(session, t, kept_id)) for t in tables}
    assert all(d > 0 and k > 0 for d, k in before.values()), before  # every table was filled

    with Session(engine) as session, session.begin():
        counts = lifecycle.delete_workshop(session, doomed_id)
    assert {name: counts[name] for name in before} == {name: d for name, (d, _) in before.items()}

    with Session(engine) as session:
        after = {t.name: (_rows_of(session, t, doomed_id), _rows_of(session, t, kept_id)) for t in tables}
        # Nor any row that points at a deleted participant, idea or cluster.
        assert session.scalar(select(func.count()).select_from(Idea).where(
            Idea.participant_id.not_in(select(Participant.id)))) == 0
    assert after == {name: (0, k) for name, (_, k) in before.items()}
    with Session(engine) as session:  # the portfolio it was published to stays
        assert portfolio.find_by_code(session, doomed["portfolio_code"]) is not None


def test_removing_a_participant_with_their_ideas(engine):
    with Session(engine) as session, session.begin():
        room = _full_workshop(session)
        workshop, young = room["workshop"], room["people"][0]
        young_id = young.id
        lifecycle.remove_participant(session, workshop, young_id, False)
        assert session.get(Participant, young_id) is None
        for model in (Idea, Dot, BriefSuggestion):
            assert session.scalar(select(func.count()).select_from(model)
                                  .where(model.participant_id == young_id)) == 0
        assert session.scalar(select(func.count()).select_from(Idea)
                              .where(Idea.workshop_id == workshop.id)) == 0  # all five were theirs
        assert voting.tally(session, workshop)["voters"] == 2
        (brief,) = briefs.in_order(session, workshop)
        assert brief.quoted_idea_ids == []  # it quoted two of theirs


def test_removing_a_participant_keeping_their_ideas_without_a_name(engine):
    with Session(engine) as session, session.begin():
        room = _full_workshop(session)
        workshop, young = room["workshop"], room["people"][0]
        young_id = young.id
        lifecycle.remove_participant(session, workshop, young_id, True)
        texts = session.scalars(select(Idea.text).where(Idea.workshop_id == workshop.id)
                                .order_by(Idea.id)).all()
        assert texts == ["a", "b", "c", "d", "now"]
        assert session.scalar(select(func.count()).select_from(Idea)
                              .where(Idea.participant_id.is_not(None))) == 0
        assert session.scalar(select(func.count()).select_from(Dot).where(Dot.participant_id == young_id)) == 0
        (suggestion,) = briefs.suggestions_part(session, workshop)
        assert suggestion["text"] == "Kokeillaan"


def test_only_a_participant_of_this_workshop_can_be_removed(engine):
    with Session(engine) as session, session.begin():
        room, other = _full_workshop(session), _full_workshop(session)
        foreign = other["people"][0].id
        for bad in (foreign, 0, -1, 2**80, "1", None, True):
            with pytest.raises(InvalidInput, match="participant_unknown"):
                lifecycle.remove_participant(session, room["workshop"], bad, False)
        assert session.get(Participant, foreign) is not None


def _held(session: Session, days_ago: float) -> tuple[int, str]:
    room = _full_workshop(session)
    workshop = room["workshop"]
    workshop.created_at = NOW - timedelta(days=days_ago)
    workshop.status, workshop.input_locked = "open", False
    session.flush()
    return workshop.id, workshop.code


def test_the_purge_closes_and_deletes_by_the_frozen_clock(engine, caplog):
    config = Settings(close_after_days=14, delete_after_days=90)
    with Session(engine) as session, session.begin():
        fresh = _held(session, 13.9)
        old = _held(session, 14.1)
        ancient = _held(session, 90.1)
        titles = [w.title for w in session.scalars(select(Workshop))]

    with Session(engine) as session, session.begin(), caplog.at_level(logging.INFO):
        report = lifecycle.purge(session, NOW, config)
        logging.getLogger("test").info(report.log_line())
    assert (report.closed, report.deleted) == (1, 1)
    assert report.closed_codes == (old[1],) and report.deleted_codes == (ancient[1],)
    assert report.rows["workshops"] == 1 and report.rows["ideas"] == 5
    # Counts only: no title, code or text reaches the log.
    assert "1 closed, 1 deleted" in caplog.text
    for secret in (*titles, fresh[1], old[1], ancient[1], "Kokeillaan"):
        assert secret not in caplog.text

    with Session(engine) as session:
        states = {w.id: (w.status, w.input_locked) for w in session.scalars(select(Workshop))}
    assert states == {fresh[0]: ("open", False), old[0]: ("closed", True)}

    # Running again changes nothing; a day later the one held 13.9 days ago closes.
    with Session(engine) as session, session.begin():
        assert lifecycle.purge(session, NOW, config).closed == 0
        assert lifecycle.purge(session, NOW + timedelta(days=1), config).closed_codes == (fresh[1],)


def test_the_purge_follows_the_settings_and_refuses_nonsense(engine):
    with Session(engine) as session, session.begin():
        _held(session, 3)
        assert lifecycle.purge(session, NOW, Settings(close_after_days=1, delete_after_days=2)).deleted == 1
        with pytest.raises(ValueError):
            lifecycle.purge(session, NOW, Settings(close_after_days=10, delete_after_days=5))


def test_held_at_is_the_creation_date_until_a_held_date_exists():
    from workshop.domain.retention import held_at

    created, held = NOW - timedelta(days=40), NOW - timedelta(days=2)
    assert held_at(created) == created
    assert held_at(created, held) == held


def test_the_purge_command_uses_the_process_database(tmp_path, monkeypatch):
    from workshop.store import db, migrate

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'purge.db'}")
    db.reset_engine()
    try:
        migrate.upgrade(engine=db.get_engine())
        with db.session_scope() as session:
            _held(session, 200)
        report = purge_once(NOW)
        assert report.deleted == 1
        with db.session_scope() as session:
            assert session.scalar(select(func.count()).select_from(Workshop)) == 0
    finally:
        db.reset_engine()


def test_the_app_purges_in_a_lifespan_task_and_tells_the_screens(tmp_path, monkeypatch):
    import asyncio

    from workshop.store import db, migrate, purge

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'task.db'}")
    db.reset_engine()
    told, slept = [], []

    async def tell(report):
        told.append(report)

    async def stop(seconds):
        slept.append(seconds)
        raise asyncio.CancelledError

    monkeypatch.setattr(purge.asyncio, "sleep", stop)
    try:
        migrate.upgrade(engine=db.get_engine())
        with db.session_scope() as session:
            _, code = _held(session, (NOW - datetime.now(UTC)).days + 200)  # 200 days before today
        with pytest.raises(asyncio.CancelledError):
            asyncio.run(purge.purge_periodically(tell))
    finally:
        db.reset_engine()
    assert [r.deleted_codes for r in told] == [(code,)]
    assert slept == [60 * 60]  # purge_every_minutes, default 60


def test_the_purge_task_is_registered_with_the_app():
    from workshop.store.purge import purge_periodically
    from workshop.workshop import app

    tasks = [getattr(task, "func", task) for task in app.get_lifespan_tasks()]
    assert purge_periodically in tasks


def test_every_portfolio_table_says_how_it_refers_to_a_portfolio(monkeypatch):
    assert lifecycle.uncovered_portfolio_tables() == set()
    for name, column in lifecycle.PORTFOLIO_REFERENCE.items():
        table = Base.metadata.tables[name]
        assert name == "portfolios" or any(
            fk.column.table.name == "portfolios" for fk in table.c[column].foreign_keys), name
    monkeypatch.delitem(lifecycle.PORTFOLIO_REFERENCE, "portfolio_download_tokens")
    assert lifecycle.uncovered_portfolio_tables() == {"portfolio_download_tokens"}
    with pytest.raises(RuntimeError, match="portfolio_download_tokens"):
        lifecycle.delete_portfolio(None, 1)  # type: ignore[arg-type]


def test_a_held_date_counts_from_the_start_of_its_day():
    from datetime import date

    from workshop.domain.retention import held_at

    created = datetime(2027, 1, 5, 15, 0, tzinfo=UTC)
    assert held_at(created, date(2027, 1, 2)) == datetime(2027, 1, 2, tzinfo=UTC)


def test_the_purge_counts_from_the_held_date_and_takes_published_briefs_along(engine):
    """A workshop created recently but held (by its held date) beyond the deletion period is
    deleted, with what it published to a portfolio; one held recently but created long ago stays."""
    config = Settings(close_after_days=14, delete_after_days=90)
    with Session(engine) as session, session.begin():
        held_long_ago = _full_workshop(session)
        held_long_ago["workshop"].held_on = (NOW - timedelta(days=91)).date()
        doomed = held_long_ago["workshop"].code
        created_long_ago, _ = _held(session, 200)
        session.get(Workshop, created_long_ago).held_on = (NOW - timedelta(days=1)).date()
    with Session(engine) as session, session.begin():
        report = lifecycle.purge(session, NOW, config)
    assert report.deleted_codes == (doomed,)
    assert report.rows["portfolio_briefs"] == 1 and report.rows["portfolio_brief_statuses"] == 2
    with Session(engine) as session:
        assert session.get(Workshop, created_long_ago).status == "open"
        assert portfolio.find_by_code(session, held_long_ago["portfolio_code"]) is not None
