"""Browser fixtures: the production app on a free port, Chromium through Playwright.

Phones are 360x740 touch contexts, the facilitator a 1280x800 desktop one.
Without /usr/bin/chromium the browser tests skip with the reason, except under
CI=true, where they fail.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.browser.app_server import AppServer

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

# Chromium flags for a closed network: no background calls home, no sandbox as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing (make test installs Debian's chromium when run as root)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def app_server(running_app: AppServer) -> AppServer:
    """The running app, for browser tests (which need Chromium first)."""
    _require_chromium()
    return running_app


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


# One client address per test (TEST-NET-2, 198.51.100.0/24 and on), told to the app by its
# trusted proxy 127.0.0.1 (tests/conftest.py): tests share no per-address limit counter.
_ADDRESSES = (f"198.51.{100 + n // 250}.{n % 250 + 1}" for n in itertools.count())


@pytest.fixture
def new_context(browser) -> Iterator[Callable[..., object]]:
    """Open browser contexts (phones or desktops); all close after the test.

    Every context of one test comes from the same client address, like devices in one room."""
    contexts = []
    address = {"X-Forwarded-For": next(_ADDRESSES)}

    def open_context(kind: str = "phone", **options: object):
        settings = (PHONE if kind == "phone" else DESKTOP) | {"extra_http_headers": address} | options
        context = browser.new_context(**settings)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def phone(new_context):
    """One phone page (360x740, touch)."""
    return new_context("phone").new_page()


@pytest.fixture
def desktop(new_context):
    """One desktop page (1280x800)."""
    return new_context("desktop").new_page()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go (git-ignored), for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
