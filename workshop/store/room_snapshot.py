"""The stored parts of a room view, read from the database (the truth)."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from workshop.store.db import session_scope
from workshop.store.models import Workshop
from workshop.store.workshops import find_by_code


def room_info(workshop: Workshop) -> dict[str, Any]:
    """The ``room`` part: the workshop's title, phase, lock and timer."""
    ends = workshop.timer_ends_at
    return {
        "code": workshop.code,
        "title": workshop.title,
        "challenge": workshop.challenge,
        "language": workshop.language,
        "status": workshop.status,
        "phase": workshop.phase,
        "input_locked": workshop.input_locked,
        "timer_ends_at_ms": int(ends.timestamp() * 1000) if ends else 0,
        "server_now_ms": int(time.time() * 1000),
        "version": workshop.version,
    }


def read_parts(code: str, parts: frozenset[str]) -> Mapping[str, Any]:
    """Current values of ``parts`` for the workshop ``code`` (empty when it is gone)."""
    with session_scope() as session:
        workshop = find_by_code(session, code)
        if workshop is None:
            return {}
        values: dict[str, Any] = {}
        if "room" in parts:
            values["room"] = room_info(workshop)
        return values
