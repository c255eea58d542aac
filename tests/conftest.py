"""Suite-wide ordering: fast tests first, browser tests (one app build) last."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: "/tests/browser/" in str(item.path).replace("\\", "/"))
