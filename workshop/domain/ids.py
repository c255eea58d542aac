"""Row ids sent by browsers: any value may arrive; only a whole number the database can hold is one."""

from __future__ import annotations

from workshop.domain.creation import InvalidInput

ID_LIMIT = 2**31


def row_id(value: object, key: str) -> int:
    """``value`` as a row id; InvalidInput(``key``) for anything else (text, bool, ≤ 0, too large)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < ID_LIMIT:
        raise InvalidInput(key)
    return value
