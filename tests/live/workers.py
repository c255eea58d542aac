"""Several workers of the app on PostgreSQL + Redis, each run with a database and a key
prefix of its own, so that parallel runs on one machine do not collide.

    with several_workers(tmp_path, workers=2) as app:
        ...  # app.url, app.database_url, app.redis_url, app.prefix, app.process

The app runs as ``make run`` runs it with ``WORKERS=2`` (granian's workers forked
from one supervisor), backend only: raw sockets need no pages.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import redis

from tests.browser.app_server import ROOT, AppServer, start_app, stop_app
from tests.services import POSTGRES_URL, require_postgres, require_redis

APP_ENV = {"ENTAJOS_TRUSTED_PROXIES": "127.0.0.1"}


@dataclass(frozen=True)
class Workers:
    """A running multi-worker app and what it runs on."""

    server: AppServer
    process: subprocess.Popen[bytes]
    redis_url: str
    prefix: str

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def database_url(self) -> str:
        return self.server.database_url

    def redis(self) -> redis.Redis:
        return redis.Redis.from_url(self.redis_url, decode_responses=True)


def _admin() -> psycopg.Connection:
    return psycopg.connect(POSTGRES_URL.replace("+psycopg", ""), autocommit=True)


@contextmanager
def own_database(name: str) -> Iterator[str]:
    """A fresh PostgreSQL database ``name``, migrated; dropped afterwards."""
    require_postgres()
    with _admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    url = POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        subprocess.run([sys.executable, "-m", "workshop.store.bootstrap"], cwd=ROOT, check=True,
                       env=os.environ | {"DATABASE_URL": url}, stdout=subprocess.DEVNULL)
        yield url
    finally:
        with _admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def forget_keys(url: str, prefix: str) -> None:
    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


@contextmanager
def several_workers(workdir: Path, workers: int = 2, extra_env: dict[str, str] | None = None) -> Iterator[Workers]:
    """``workers`` workers of the app on a PostgreSQL database and a Redis key prefix of their own."""
    redis_url = require_redis()
    name = f"entajos_multi_{os.getpid()}_{workdir.name[-12:].replace('-', '_').lower()}"
    prefix = name
    with own_database(name) as database_url:
        env = APP_ENV | {"WORKERS": str(workers), "GRANIAN_WORKERS": str(workers),
                         "REFLEX_REDIS_URL": redis_url, "ENTAJOS_REDIS_PREFIX": prefix} | (extra_env or {})
        server, process = start_app(workdir, bootstrap=False, extra_env=env, database_url=database_url,
                                    backend_only=True)
        try:
            yield Workers(server, process, redis_url, prefix)
        finally:
            stop_app(process)
            forget_keys(redis_url, prefix)
