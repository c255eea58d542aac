"""Shared by the tests that drive the running app over raw Reflex sockets."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from workshop.api.exports import api
from workshop.store import db, migrate
from workshop.store.db import make_engine


@pytest.fixture
def database(running_app):
    """An engine on the running app's database (the truth the tests check)."""
    engine = make_engine(running_app.database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def client(tmp_path, monkeypatch):
    """The export API over a fresh SQLite file (no running app), as the download links reach it."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    db.reset_engine()
    migrate.upgrade(url)
    yield TestClient(api)
    db.reset_engine()
