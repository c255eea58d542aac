"""The one cleaning rule for every text a browser sends: titles, ideas, names, briefs, prompts.

Any value may arrive from a socket. :func:`clean_text` turns it into the text
that is stored, or refuses it with the field's own message, the same way
whatever the database: SQLite would keep a NUL that PostgreSQL refuses with a
crash, and ESC or BEL would reach exports and page titles.

The rule, in order:

- anything but a string counts as empty (or is refused as ``invalid``);
- a string far longer than the field allows is refused before any work;
- CR LF and CR become LF; control characters (NUL, ESC, BEL, DEL, C1 …) and
  lone surrogates (which no UTF-8 database can store) are dropped; so are the
  invisible format characters (Unicode category Cf): bidi overrides, embeddings,
  isolates and marks (U+202A-202E, U+2066-2069, U+200E/200F, U+061C), which made
  a note typed backwards read "OHJAAJA: …" on the big screen, and zero-width
  spaces, word joiner, BOM, soft hyphen, tags (red-team round 4, F4). Kept of
  them only what emoji and some scripts are spelt with: a zero-width joiner or
  non-joiner between two visible characters (👩‍👩‍👧, Persian, Devanagari) and the
  tags of a flag (🏴 + 2-7 tag letters or digits + cancel tag, e.g. Scotland);
- a one-line field folds every run of white space (line breaks included) into
  one space; a multi-line field keeps line breaks and tabs;
- trimmed at both ends and NFC-normalised, so that "ä" typed two ways is one text;
- a text with no visible character left (only white space, combining marks,
  variation selectors, Hangul fillers or a blank Braille cell) counts as empty;
- then checked: empty (when the field needs text) or longer than the field's
  maximum (in code points) is refused.

Variation selectors and skin tones are marks and symbols and pass; letters of
every script, right-to-left ones too, pass intact (they cannot reorder text
around them beyond their own words: the UI isolates participant text too).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from workshop.domain.errors import InvalidInput

# Line breaks and tabs survive in multi-line fields; every other control character goes.
_KEPT_CONTROLS = frozenset("\n\t")
# Controls, lone surrogates and format characters (invisible: bidi controls, zero-width ones, tags).
_DROPPED_CATEGORIES = frozenset({"Cc", "Cs", "Cf"})
# ZWNJ and ZWJ: kept between two visible characters, where emoji sequences and scripts use them.
_JOINERS = frozenset("\u200c\u200d")
# A flag's tag sequence (🏴 + subdivision code in tag letters/digits + cancel tag): its tags are kept.
_FLAG_TAGS = re.compile("\U0001F3F4([\U000E0030-\U000E0039\U000E0061-\U000E007A]{2,7}\U000E007F)")
# Letters that show nothing (Hangul fillers, the blank Braille cell): kept, but not "something written".
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Categories that show nothing on their own; unassigned (Cn) counts as visible: emoji newer than
# Python's Unicode tables are unassigned to it.
_UNSEEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Mn", "Mc", "Me"})
# A raw string longer than this many times the maximum cannot shrink to fit: refused unread.
_SLACK = 4


@dataclass(frozen=True)
class TextRule:
    """What one field accepts and which messages refuse it."""

    max_length: int
    too_long: str
    # Message for a text with nothing left; None: the field may be empty.
    empty: str | None = None
    multiline: bool = False
    # Message for a value that is not text at all; None: treated as empty text.
    invalid: str | None = None


def _joinable(ch: str) -> bool:
    """A character a joiner may stand beside: not white space, not a control or format character."""
    return not ch.isspace() and unicodedata.category(ch) not in _DROPPED_CATEGORIES


def _kept(text: str, multiline: bool) -> str:
    flag_tags = {n for match in _FLAG_TAGS.finditer(text) for n in range(*match.span(1))}
    last = len(text) - 1
    kept = "".join(
        ch for n, ch in enumerate(text)
        if ch in _KEPT_CONTROLS or unicodedata.category(ch) not in _DROPPED_CATEGORIES or n in flag_tags
        or (ch in _JOINERS and 0 < n < last and _joinable(text[n - 1]) and _joinable(text[n + 1]))
    )
    return kept if multiline else " ".join(kept.split())


def _shows_something(text: str) -> bool:
    return any(ch not in _BLANK and unicodedata.category(ch) not in _UNSEEN_CATEGORIES for ch in text)


def clean_text(raw: object, rule: TextRule) -> str:
    """``raw`` as stored under ``rule``; InvalidInput with the field's message when refused."""
    if not isinstance(raw, str):
        if rule.invalid is not None:
            raise InvalidInput(rule.invalid)
        raw = ""
    if len(raw) > _SLACK * rule.max_length + 64:
        raise InvalidInput(rule.too_long)
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", _kept(text, rule.multiline).strip())
    if not _shows_something(text):
        text = ""
    if not text and rule.empty is not None:
        raise InvalidInput(rule.empty)
    if len(text) > rule.max_length:
        raise InvalidInput(rule.too_long)
    return text
