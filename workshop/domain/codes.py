"""Join codes: characters that survive being read off a projector and typed on a phone.

New workshops get eight characters (20^8 = 25.6 billion codes): with thousands of
workshops stored and ``join_code_guesses`` wrong codes a minute per address,
finding one by guessing takes years, not hours. Codes of six characters, given out
before, keep working. People rarely type a code: the QR code and the link carry it.
"""

from __future__ import annotations

import secrets

# Digits and capitals without look-alikes: no 0/O/Q/D, 1/I/L/J, 5/S, 2/Z, 8/B, U/V.
CODE_ALPHABET = "34679ACEFGHKMNPRTWXY"
CODE_LENGTH = 8
# Lengths a code may have: the length of new codes, and the six of older workshops.
CODE_LENGTHS = frozenset({6, CODE_LENGTH})
_ALLOWED = frozenset(CODE_ALPHABET)
_IGNORED = str.maketrans("", "", " \t\r\n-_.\u00a0")


def new_code(choice=secrets.choice) -> str:
    """A random new code (the store retries on a clash)."""
    return "".join(choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(raw: object) -> str | None:
    """The code as typed (any case, spaces or dashes), or None when it cannot be a code."""
    if not isinstance(raw, str):
        return None
    code = raw.translate(_IGNORED).upper()
    if len(code) not in CODE_LENGTHS or not set(code) <= _ALLOWED:
        return None
    return code
