"""Joining a workshop: a role from the list and an optional nickname.

A nickname that reads as the facilitator or as a role's name (in Finnish,
Swedish or English) is refused: on the big screen, in the facilitator's lists
and in exports it would pass for the facilitator or a group of participants.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from workshop.domain.creation import InvalidInput
from workshop.domain.text import TextRule, clean_text
from workshop.domain.vocabulary import Role
from workshop.i18n import LANGUAGES, catalog

NICKNAME_MAX = 40
NICKNAME = TextRule(NICKNAME_MAX, "errors.nickname_too_long")


def _letters(name: str) -> str:
    """What a name reads as: its letters and digits only, case-folded, full-width folded."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", name).casefold() if ch.isalnum())


# Words for the facilitator that the catalog does not use as labels (its own word, "Vetäjä" /
# "Ledare" / "Facilitator", comes from the facilitator page's title below).
FACILITATOR_WORDS = ("Ohjaaja", "Fasilitaattori", "Ledaren", "Handledare", "Handledaren", "The facilitator")


@cache
def reserved_nicknames() -> frozenset[str]:
    """What no nickname may read as: every role's label, one and many, and the facilitator's
    word, in every language of the catalog, and :data:`FACILITATOR_WORDS`."""
    names = list(FACILITATOR_WORDS)
    for language in LANGUAGES:
        texts = catalog(language)
        names += [texts[f"{kind}.{role.value}"] for kind in ("role", "role_plural") for role in Role]
        names.append(texts["facilitator.page_title"].split(" – ")[0])
    return frozenset(_letters(name) for name in names)


@dataclass(frozen=True)
class NewParticipant:
    """Checked join details."""

    role: Role
    nickname: str | None


def parse_participant(*, role: object, nickname: object) -> NewParticipant:
    """Check what the join form sent; InvalidInput names the message."""
    try:
        checked_role = Role(role)
    except ValueError:
        raise InvalidInput("errors.role_required") from None
    name = clean_text(nickname, NICKNAME)
    if _letters(name) in reserved_nicknames():
        raise InvalidInput("errors.nickname_reserved")
    return NewParticipant(role=checked_role, nickname=name or None)
