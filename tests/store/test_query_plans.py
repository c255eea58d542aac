"""The statement every idea of a burst runs twice (before the write, and for the phone's
answer) finds the writer's ideas by the participant's index, not by reading the whole wall
(SQLite; PostgreSQL plans by its statistics)."""

from __future__ import annotations

from workshop.store.ideas import _OWN_ROWS


def _plan(engine, statement) -> str:
    compiled = statement.compile(dialect=engine.dialect)
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}",
                                          tuple(1 for _ in compiled.positiontup)).all()
    return " | ".join(str(row[-1]) for row in rows)


def test_a_writers_ideas_are_found_by_the_participant_index(sqlite_engine):
    plan = _plan(sqlite_engine, _OWN_ROWS)
    assert "ix_ideas_participant_id" in plan, plan
