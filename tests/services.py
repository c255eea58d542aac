"""Skip-or-fail helpers for tests that need PostgreSQL or Redis.

Locally a missing service skips the test with the reason; under CI=true
(set by .ci/run) it fails, so CI never passes by skipping.
"""

from __future__ import annotations

import os

import pytest

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: a missing service fails the run)")
    pytest.skip(reason)


def require_postgres() -> str:
    """The PostgreSQL URL, or skip (fail under CI) when it does not answer."""
    import psycopg

    try:
        with psycopg.connect(POSTGRES_URL.replace("+psycopg", ""), connect_timeout=3):
            pass
    except psycopg.Error as error:
        _missing(f"PostgreSQL not reachable at {POSTGRES_URL}: {error}")
    return POSTGRES_URL


def require_redis() -> str:
    """The Redis URL, or skip (fail under CI) when it does not answer."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        _missing(f"Redis not reachable at {REDIS_URL}: {error}")
    return REDIS_URL
