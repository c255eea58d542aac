"""Join codes: six characters that survive being read off a projector and typed on a phone."""

from __future__ import annotations

import secrets

# Digits and capitals without look-alikes: no 0/O/Q/D, 1/I/L/J, 5/S, 2/Z, 8/B, U/V.
CODE_ALPHABET = "34679ACEFGHKMNPRTWXY"
CODE_LENGTH = 6
_ALLOWED = frozenset(CODE_ALPHABET)
_IGNORED = str.maketrans("", "", " \t\r\n-_.\u00a0")


def new_code(choice=secrets.choice) -> str:
    """A random code (20^6 = 64 million possibilities; the store retries on a clash)."""
    return "".join(choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(raw: object) -> str | None:
    """The code as typed (any case, spaces or dashes), or None when it cannot be a code."""
    if not isinstance(raw, str):
        return None
    code = raw.translate(_IGNORED).upper()
    if len(code) != CODE_LENGTH or not set(code) <= _ALLOWED:
        return None
    return code
