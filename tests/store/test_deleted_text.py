"""Red-team finding 8 (check a6): after a workshop was deleted its text was still in the SQLite
write-ahead log (``app.db-wal``), even after the passive checkpoint SQLite runs by itself, and
the main file was clean only because this SQLite build overwrites deleted content by default
(the app set nothing). Now every connection sets ``secure_delete`` and, after a workshop or a
portfolio is deleted (by its facilitator or coordinator, or by the retention purge), the WAL is
checkpointed with TRUNCATE: the deleted text is in neither file. SQLite only: PostgreSQL keeps
deleted rows until VACUUM (README, *Data lifecycle*)."""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from tests.live.sockets import workshop_with_brief
from workshop.domain.participation import NewParticipant
from workshop.domain.vocabulary import Role
from workshop.store import briefs, clusters, db, lifecycle, migrate, participants, portfolio
from workshop.store.models import Idea, Workshop
from workshop.store.purge import purge_once


def mark() -> str:
    return f"MINOR-SECRET-{time.time_ns()}"


def holding(database: Path, secret: str) -> dict[str, int]:
    """How often ``secret`` is in the database file and in its WAL (0 for a missing file)."""
    found = {}
    for path in (database, Path(f"{database}-wal")):
        found[path.name] = path.read_bytes().count(secret.encode()) if path.exists() else 0
    return found


def marked_workshop(session: Session, secret: str) -> tuple[int, str, str]:
    """A workshop whose every kind of text holds ``secret``: title, challenge, a nickname, an
    idea, a cluster and the brief drafted from it, a suggestion. (id, code, facilitator key)"""
    created, workshop, brief_id = workshop_with_brief(session, f"{secret} ryhmä")
    workshop.title, workshop.challenge = f"{secret} paja", f"{secret} haaste"
    young = participants.join(session, workshop, NewParticipant(Role.YOUNG_PERSON, f"{secret}-nick"))
    note = Idea(workshop_id=workshop.id, participant_id=young.id, kind="critique", text=f"{secret} isä lyö minua")
    idea = Idea(workshop_id=workshop.id, participant_id=young.id, kind="what_if", text=f"{secret} oma huone")
    session.add_all([note, idea])
    session.flush()
    clusters.create(session, workshop, f"{secret} koti", [idea.id])
    briefs.suggest(session, workshop, young, brief_id, f"{secret} ehdotus")
    return created.id, created.code, created.facilitator_key


def _migrated(path: Path) -> Engine:
    engine = db.make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine=engine)
    return engine


def _in_both_files(engine: Engine, database: Path, secret: str, table: str = "ideas", column: str = "text") -> None:
    """Make the starting point the finding's: the text in the main file (a passive
    checkpoint, as SQLite runs every 1,000 pages) and in the WAL (written again after it)."""
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
    with Session(engine) as session, session.begin():
        session.execute(text(f"UPDATE {table} SET {column} = {column} || ' ' WHERE {column} LIKE :m"),
                        {"m": f"{secret}%"})
    found = holding(database, secret)
    assert found[database.name] > 0 and found[f"{database.name}-wal"] > 0, found


def test_every_sqlite_connection_overwrites_what_it_deletes(tmp_path):
    """``secure_delete`` is set by the app, not left to how SQLite was built."""
    raw = sqlite3.connect(tmp_path / "plain.db")
    raw.execute("PRAGMA secure_delete=OFF")
    db._sqlite_pragmas(raw, None)
    assert raw.execute("PRAGMA secure_delete").fetchone() == (1,)
    raw.close()
    engine = _migrated(tmp_path / "app.db")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    engine.dispose()


def test_a_deleted_workshop_leaves_no_text_in_the_database_files(tmp_path):
    """Check a6: delete, then the app's ``empty_wal``: in neither file; another workshop's
    text stays readable."""
    database, secret, kept = tmp_path / "app.db", mark(), mark()
    engine = _migrated(database)
    with Session(engine) as session, session.begin():
        doomed, _, _ = marked_workshop(session, secret)
        marked_workshop(session, kept)
    _in_both_files(engine, database, secret)
    with Session(engine) as session, session.begin():
        lifecycle.delete_workshop(session, doomed)
    assert db.empty_wal(engine)
    assert holding(database, secret) == {"app.db": 0, "app.db-wal": 0}
    assert sum(holding(database, kept).values()) > 0
    engine.dispose()


def test_a_deleted_portfolio_leaves_no_text_in_the_database_files(tmp_path):
    """The portfolio's own text (its title, a status note) goes; its workshop stays."""
    database, secret, workshops_own = tmp_path / "app.db", mark(), mark()
    engine = _migrated(database)
    with Session(engine) as session, session.begin():
        made = portfolio.create_portfolio(session, f"{secret} salkku")
        _, workshop, brief_id = workshop_with_brief(session, f"{workshops_own} julkaistu aihio")
        portfolio.join_with_invitation(session, workshop, made.code, made.invitation_key)
        published = portfolio.publish(session, workshop, brief_id)
        portfolio.set_status(session, portfolio.find_by_code(session, made.code), published, "in_preparation",
                             f"{secret} muistiinpano")
    _in_both_files(engine, database, secret, "portfolios", "title")
    with Session(engine) as session, session.begin():
        portfolio.delete_portfolio(session, portfolio.find_by_code(session, made.code))
    assert db.empty_wal(engine)
    assert holding(database, secret) == {"app.db": 0, "app.db-wal": 0}
    assert sum(holding(database, workshops_own).values()) > 0
    engine.dispose()


def test_the_retention_purge_leaves_no_text_in_the_database_files(tmp_path, monkeypatch):
    database, secret = tmp_path / "purge.db", mark()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")
    db.reset_engine()
    try:
        engine = db.get_engine()
        migrate.upgrade(engine=engine)
        with db.session_scope() as session:
            workshop_id, _, _ = marked_workshop(session, secret)
            session.get(Workshop, workshop_id).created_at = datetime.now(UTC) - timedelta(days=200)
        _in_both_files(engine, database, secret)
        assert purge_once().deleted == 1
        assert holding(database, secret) == {"purge.db": 0, "purge.db-wal": 0}
    finally:
        db.reset_engine()


def test_a_busy_database_leaves_the_deletion_standing_and_says_so(tmp_path, caplog):
    """Another process reading an old snapshot keeps the checkpoint from finishing: the call
    answers False and logs it (no text, no exception), so the deleting handler still tells
    the screens; the next purge empties the log."""
    database, secret = tmp_path / "app.db", mark()
    engine = _migrated(database)
    with Session(engine) as session, session.begin():
        doomed, _, _ = marked_workshop(session, secret)
    reader = sqlite3.connect(database, isolation_level=None)
    reader.execute("PRAGMA busy_timeout=0")
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM ideas").fetchone()  # holds its snapshot
    with Session(engine) as session, session.begin():
        lifecycle.delete_workshop(session, doomed)
    fast = db.make_engine(f"sqlite:///{database}", connect_args={"timeout": 0})
    with fast.connect() as connection:
        connection.exec_driver_sql("PRAGMA busy_timeout=100")
        connection.commit()
    assert db.empty_wal(fast) is False
    assert "could not be emptied" in caplog.text and secret not in caplog.text
    reader.execute("COMMIT")
    reader.close()
    assert db.empty_wal(engine)
    assert holding(database, secret) == {"app.db": 0, "app.db-wal": 0}
    fast.dispose()
    engine.dispose()
