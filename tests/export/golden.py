"""Golden files: expected export output, kept in tests/export/golden/.

``UPDATE_GOLDEN=1 .venv/bin/pytest -q tests/export`` rewrites them from the
current output; review the diff (and read the files) before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def updating() -> bool:
    return os.environ.get("UPDATE_GOLDEN") == "1"


def assert_golden(name: str, actual: str | bytes) -> None:
    """The output equals the golden file byte for byte (text is UTF-8)."""
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    path = GOLDEN / name
    if updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    assert path.exists(), f"{path} is missing: run UPDATE_GOLDEN=1 .venv/bin/pytest -q tests/export"
    expected = path.read_bytes()
    if data != expected:
        # Compare as text for a readable diff when both are text.
        try:
            assert data.decode("utf-8") == expected.decode("utf-8"), f"{name} differs from its golden file"
        except UnicodeDecodeError:
            pass
        raise AssertionError(f"{name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)")
