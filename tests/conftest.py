"""Suite-wide: fast tests first, tests against the running app last; the app itself."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.app_server import AppServer, start_app, stop_app

APP_ENV = {"ENTAJOS_TRUSTED_PROXIES": "127.0.0.1"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def cost(item: pytest.Item) -> tuple[bool, bool]:
        names = getattr(item, "fixturenames", ())
        return "running_app" in names, "browser" in names

    items.sort(key=cost)


@pytest.fixture(scope="session")
def running_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The production app (``reflex run --env prod``) on a free port with a fresh database.

    Its limits are the defaults. Loopback 127.0.0.1 counts as a trusted proxy, so that each
    browser test can be a client address of its own (X-Forwarded-For, see
    tests/browser/conftest.py), as each raw-socket test is (tests/live/test_abuse_limits.py
    connects from 127.0.x.y, which is not trusted): tests share no per-address counter, and a
    whole suite of browser tests does not use up one address's ``workshops_created_per_address``."""
    server, process = start_app(tmp_path_factory.mktemp("app"), extra_env=APP_ENV)
    try:
        yield server
    finally:
        stop_app(process)
