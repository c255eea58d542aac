"""Suite-wide: fast tests first, tests against the running app last; the app itself."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.app_server import AppServer, start_app, stop_app


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def cost(item: pytest.Item) -> tuple[bool, bool]:
        names = getattr(item, "fixturenames", ())
        return "running_app" in names, "browser" in names

    items.sort(key=cost)


@pytest.fixture(scope="session")
def running_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The production app (``reflex run --env prod``) on a free port with a fresh database."""
    server, process = start_app(tmp_path_factory.mktemp("app"))
    try:
        yield server
    finally:
        stop_app(process)
