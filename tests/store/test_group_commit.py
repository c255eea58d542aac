"""Group commit: units arriving together share a transaction; each gets its own answer;
a refusal costs only its unit; any other failure reruns every unit alone."""

from __future__ import annotations

import asyncio
from contextlib import contextmanager

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tests.asyncio_support import run
from workshop.domain.creation import InvalidInput
from workshop.store import db, group_commit
from workshop.store.models import Workshop


@pytest.fixture
def batcher(sqlite_engine, monkeypatch) -> group_commit.GroupCommit:
    @contextmanager
    def session_scope():
        with Session(sqlite_engine) as session, session.begin():
            yield session

    async def inline(work):
        return work()

    monkeypatch.setattr(db, "session_scope", session_scope)
    monkeypatch.setattr(group_commit, "run_blocking", inline)
    return group_commit.GroupCommit()


def _add(code: str):
    def unit(session: Session) -> str:
        session.add(Workshop(code=code, title="T", facilitator_key_hash="x"))
        session.flush()
        return code
    return unit


def _refuse(session: Session) -> str:
    raise InvalidInput("errors.no_dots_left")


def _codes(engine) -> list[str]:
    with Session(engine) as session:
        return sorted(session.scalars(select(Workshop.code)))


def test_units_arriving_together_share_one_transaction(batcher, sqlite_engine):
    async def burst():
        return await asyncio.gather(*(batcher.run(_add(f"AAAA{n:02d}")) for n in range(10)),
                                    batcher.run(_refuse), return_exceptions=True)

    answers = run(burst())
    assert answers[:10] == [f"AAAA{n:02d}" for n in range(10)]
    assert isinstance(answers[10], InvalidInput) and answers[10].key == "errors.no_dots_left"
    assert batcher.batches == 1
    assert len(_codes(sqlite_engine)) == 10


def test_a_failing_unit_sends_every_unit_to_run_alone(batcher, sqlite_engine):
    async def burst():
        # The third unit breaks a unique constraint: the batch rolls back, then each runs alone.
        return await asyncio.gather(batcher.run(_add("BBBB01")), batcher.run(_add("BBBB02")),
                                    batcher.run(_add("BBBB01")), batcher.run(_add("BBBB03")),
                                    return_exceptions=True)

    answers = run(burst())
    assert answers[0] == "BBBB01" and answers[1] == "BBBB02" and answers[3] == "BBBB03"
    assert isinstance(answers[2], IntegrityError)
    assert _codes(sqlite_engine) == ["BBBB01", "BBBB02", "BBBB03"]
    with Session(sqlite_engine) as session:
        assert session.scalar(select(func.count()).select_from(Workshop)) == 3
