"""The one cleaning rule for every text a browser sends: titles, ideas, names, briefs, prompts.

Any value may arrive from a socket. :func:`clean_text` turns it into the text
that is stored, or refuses it with the field's own message, the same way
whatever the database: SQLite would keep a NUL that PostgreSQL refuses with a
crash, and ESC or BEL would reach exports and page titles.

The rule, in order:

- anything but a string counts as empty (or is refused as ``invalid``);
- a string far longer than the field allows is refused before any work;
- CR LF and CR become LF; control characters (NUL, ESC, BEL, DEL, C1 …) and
  lone surrogates (which no UTF-8 database can store) are dropped; a one-line
  field folds every run of white space (line breaks included) into one space;
  a multi-line field keeps line breaks and tabs;
- trimmed at both ends and NFC-normalised, so that "ä" typed two ways is one text;
- then checked: empty (when the field needs text) or longer than the field's
  maximum (in code points) is refused.

Emoji with joiners and variation selectors, Sámi letters and right-to-left
scripts are letters or format characters and pass intact.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from workshop.domain.errors import InvalidInput

# Line breaks and tabs survive in multi-line fields; every other control character goes.
_KEPT_CONTROLS = frozenset("\n\t")
_DROPPED_CATEGORIES = frozenset({"Cc", "Cs"})
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


def _visible(text: str, multiline: bool) -> str:
    kept = "".join(ch for ch in text
                   if ch in _KEPT_CONTROLS or unicodedata.category(ch) not in _DROPPED_CATEGORIES)
    return kept if multiline else " ".join(kept.split())


def clean_text(raw: object, rule: TextRule) -> str:
    """``raw`` as stored under ``rule``; InvalidInput with the field's message when refused."""
    if not isinstance(raw, str):
        if rule.invalid is not None:
            raise InvalidInput(rule.invalid)
        raw = ""
    if len(raw) > _SLACK * rule.max_length + 64:
        raise InvalidInput(rule.too_long)
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", _visible(text, rule.multiline).strip())
    if not text and rule.empty is not None:
        raise InvalidInput(rule.empty)
    if len(text) > rule.max_length:
        raise InvalidInput(rule.too_long)
    return text
