"""Migrated databases for store tests: a SQLite file, and a fresh PostgreSQL schema."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text

from tests.services import require_postgres
from workshop.store import migrate
from workshop.store.db import make_engine


@pytest.fixture
def sqlite_engine(tmp_path) -> Iterator[Engine]:
    """An empty SQLite file, migrated to head."""
    engine = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
    migrate.upgrade(engine=engine)
    yield engine
    engine.dispose()


@pytest.fixture
def postgres_engine() -> Iterator[Engine]:
    """A fresh schema in PostgreSQL's ``test`` database, migrated to head, dropped after."""
    url = require_postgres()
    schema = f"t_{secrets.token_hex(6)}"
    admin = make_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    try:
        migrate.upgrade(engine=engine)
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request) -> Engine:
    """The same test on SQLite and on PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_engine")
