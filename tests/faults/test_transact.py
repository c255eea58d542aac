"""``store.db.transact``: a lost connection runs the whole transaction again, at most
``store_retries`` times, then refuses clearly; any other error goes to the caller as it is."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from workshop.settings import settings
from workshop.store import db


def _lost() -> OperationalError:
    return OperationalError("SELECT 1", {}, Exception("the connection is lost"), connection_invalidated=True)


@pytest.fixture
def attempts(monkeypatch):
    """Sessions that only count how many transactions began; no sleeping between retries."""
    began: list[int] = []

    @contextmanager
    def session_scope():
        began.append(1)
        yield object()

    monkeypatch.setattr(db, "session_scope", session_scope)
    monkeypatch.setattr(db.time, "sleep", lambda _: None)
    return began


def test_a_lost_connection_runs_the_whole_transaction_again(attempts):
    failures = [_lost(), _lost()]

    def work(_session):
        if failures:
            raise failures.pop()
        return "stored"

    assert db.transact(work) == "stored"
    assert len(attempts) == 3


@pytest.mark.parametrize("retries", [0, 2])
def test_after_store_retries_the_call_is_refused_clearly(attempts, monkeypatch, retries):
    monkeypatch.setenv("ENTAJOS_STORE_RETRIES", str(retries))
    settings.cache_clear()
    try:
        def work(_session):
            raise _lost()

        with pytest.raises(db.StoreUnavailable) as refused:
            db.transact(work)
        assert refused.value.key == "errors.store_unavailable"
        assert len(attempts) == retries + 1
    finally:
        monkeypatch.delenv("ENTAJOS_STORE_RETRIES")
        settings.cache_clear()


def test_other_errors_are_not_retried(attempts):
    def work(_session):
        raise IntegrityError("INSERT", {}, Exception("duplicate key"))

    with pytest.raises(IntegrityError):
        db.transact(work)
    assert len(attempts) == 1


def test_the_default_is_three_retries():
    assert settings().store_retries == 3
