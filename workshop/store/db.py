"""Engine and sessions. SQLite (the default) runs with WAL, foreign keys and secure_delete on."""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from workshop.domain.errors import InvalidInput
from workshop.settings import settings
from workshop.store.private_files import private_dir, private_file

logger = logging.getLogger(__name__)

T = TypeVar("T")

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SQLITE = REPO_ROOT / "data" / "workshop.db"
PROMPTS_DIR = REPO_ROOT / "prompts"


def database_url() -> str:
    """``DATABASE_URL``, or the SQLite file under ``data/``."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # SQLAlchemy, not pysqlite, opens transactions (see _sqlite_begin): pysqlite's own
    # handling starts none before a SAVEPOINT, so releasing one committed everything.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # What is deleted is overwritten with zeros, whatever SQLite's build chose (see empty_wal).
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def empty_wal(engine: Engine | None = None) -> bool:
    """After personal data was deleted and committed: with SQLite, copy the write-ahead log
    into the database file and cut the log to nothing (``wal_checkpoint(TRUNCATE)``), so
    that the deleted text stays neither in the log nor, since every connection sets
    ``secure_delete``, in the database file. True when done; False when another process
    kept the database busy past ``busy_timeout`` (logged; the next purge tries again).
    PostgreSQL: nothing here; deleted rows stay on disk until VACUUM (README)."""
    engine = engine or get_engine()
    if engine.dialect.name != "sqlite":
        return True
    try:
        raw = engine.raw_connection()  # outside any transaction: a checkpoint cannot run in one
        try:
            cursor = raw.cursor()
            busy, _frames, _copied = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            cursor.close()
        finally:
            raw.close()
    except (sqlite3.Error, DBAPIError) as error:  # the deletion stands; the next purge tries again
        logger.warning("the SQLite write-ahead log could not be emptied now: %s", type(error).__name__)
        return False
    if busy:
        logger.warning("the SQLite write-ahead log could not be emptied now (database busy): "
                       "deleted text stays in it until the next purge")
    return not busy


def _sqlite_begin(connection) -> None:
    """Every SQLAlchemy transaction is a real SQLite transaction (SQLAlchemy's pysqlite
    recipe), so a savepoint inside it commits nothing and a refusal rolls all of it back."""
    connection.exec_driver_sql("BEGIN")


def make_engine(url: str | None = None, **options) -> Engine:
    """An engine for ``url`` (default :func:`database_url`)."""
    parsed = make_url(url or database_url())
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            database = Path(parsed.database)
            # Owner-only: the folder when created here (the default data/ folder always), the files.
            private_dir(database.parent, tighten_existing=database.parent == DEFAULT_SQLITE.parent)
            for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
                if path == database or path.exists():
                    private_file(path)
        engine = create_engine(parsed, **options)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(parsed, pool_pre_ping=True, **options)


_engine: Engine | None = None
_sessions: sessionmaker[Session] | None = None


def get_engine() -> Engine:
    """The process's engine, made on first use (after a worker has forked)."""
    global _engine, _sessions
    if _engine is None:
        _engine = make_engine()
        _sessions = sessionmaker(_engine, expire_on_commit=False)
    return _engine


def reset_engine() -> None:
    """Forget the engine (tests switch databases)."""
    global _engine, _sessions
    if _engine is not None:
        _engine.dispose()
    _engine = _sessions = None


@contextmanager
def session_scope() -> Iterator[Session]:
    """A session that commits when the block ends and rolls back on an error."""
    get_engine()
    assert _sessions is not None
    with _sessions() as session, session.begin():
        yield session


class StoreUnavailable(InvalidInput):
    """The database could not be reached even after retrying: the handler refuses the call
    (nothing was stored) with a message that says to try again."""

    def __init__(self) -> None:
        super().__init__("errors.store_unavailable")


# Transactions run again after a lost connection (for tests and the log).
disconnects_retried = 0


def lost_connection(error: BaseException) -> bool:
    """Whether ``error`` says the database connection went away (the server restarted,
    an administrator terminated it, the network dropped), not that the work was wrong."""
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


def transact(work: Callable[[Session], T]) -> T:
    """Run ``work(session)`` in one committed transaction; when the connection is lost on
    the way, run the whole transaction again on a fresh connection (up to the setting
    ``store_retries`` times, after 0.1, 0.2, 0.4 … s), then refuse with
    :class:`StoreUnavailable`. A lost connection rolls its transaction back on the server,
    so a retry never stores anything twice; ``work`` must be safe to run again (it reads
    what it needs inside the transaction)."""
    global disconnects_retried
    retries = settings().store_retries
    for attempt in range(retries + 1):
        try:
            with session_scope() as session:
                return work(session)
        except DBAPIError as error:
            if not lost_connection(error):
                raise
            if attempt == retries:
                logger.warning("database connection lost %d times in a row: refused", attempt + 1)
                raise StoreUnavailable() from error
            disconnects_retried += 1
            logger.info("database connection lost (attempt %d): the transaction runs again", attempt + 1)
            time.sleep(0.1 * 2**attempt)
    raise AssertionError("unreachable")


async def run_blocking(work: Callable[[], T]) -> T:
    """Run database work from the event loop.

    SQLite answers from a local file in well under a millisecond, and with
    every call on the loop's own thread no two transactions of this process
    ever wait for each other's locks; handing each call to a worker thread
    cost more than the query (measured: 500 phones joining settled in 3.1 s
    inline against 3.7 s through threads). A server database (PostgreSQL)
    answers over the network, so its calls go to worker threads.
    """
    if get_engine().dialect.name == "sqlite":
        return work()
    return await asyncio.to_thread(work)
