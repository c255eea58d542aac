"""A connection lost once, for the retry tests: ``store.db.transact`` sees the driver report
the connection lost on the next transaction and runs the whole work again."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from workshop.store import db


def lose_connection_once(engine, monkeypatch, after_commit: bool) -> list[int]:
    """The next transaction on ``engine`` loses its connection: ``after_commit``, once the
    COMMIT landed (its acknowledgement "never arrived"); otherwise before it (rolled back).
    Returns a list that holds 1 once it happened."""
    lost_once: list[int] = []

    def lose() -> None:
        lost_once.append(1)
        raise OperationalError("COMMIT" if after_commit else "INSERT", {},
                               Exception("server closed the connection"), connection_invalidated=True)

    @contextmanager
    def session_scope():
        with Session(engine) as session:
            with session.begin():
                yield session
                if not after_commit and not lost_once:
                    lose()
            if after_commit and not lost_once:
                lose()

    monkeypatch.setattr(db, "session_scope", session_scope)
    monkeypatch.setattr(db.time, "sleep", lambda _: None)
    return lost_once
