"""Shared by the tests that drive the running app over raw Reflex sockets."""

from __future__ import annotations

import pytest

from workshop.store.db import make_engine


@pytest.fixture
def database(running_app):
    """An engine on the running app's database (the truth the tests check)."""
    engine = make_engine(running_app.database_url)
    yield engine
    engine.dispose()
