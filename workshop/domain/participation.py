"""Joining a workshop: a role from the list and an optional nickname.

A nickname that reads as the facilitator or as a role's name (in Finnish,
Swedish or English) is refused: on the big screen, in the facilitator's lists
and in exports it would pass for the facilitator or a group of participants.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from workshop.domain.creation import InvalidInput
from workshop.domain.text import TextRule, clean_text
from workshop.domain.vocabulary import Role

NICKNAME_MAX = 40
NICKNAME = TextRule(NICKNAME_MAX, "errors.nickname_too_long")


def _letters(name: str) -> str:
    """What a name reads as: its letters and digits only, case-folded, full-width folded."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", name).casefold() if ch.isalnum())


# The facilitator's word in fi/sv/en (the catalog's and the usual ones) and every role's label,
# one and many (the catalog's role.* and role_plural.*: tests/domain/test_text.py keeps them in step).
RESERVED_NICKNAMES = frozenset(_letters(name) for name in (
    "Vetäjä", "Ohjaaja", "Fasilitaattori", "Ledare", "Ledaren", "Handledare", "Handledaren",
    "Facilitator", "The facilitator",
    "Nuori", "Vanhempi", "Kokemusasiantuntija", "Ammattilainen", "Muu",
    "Nuoret", "Vanhemmat", "Kokemusasiantuntijat", "Ammattilaiset", "Muut",
    "Ung", "Förälder", "Erfarenhetsexpert", "Yrkesperson", "Annan",
    "Unga", "Föräldrar", "Erfarenhetsexperter", "Yrkespersoner", "Andra",
    "Young person", "Parent", "Experience expert", "Professional", "Other",
    "Young people", "Parents", "Experience experts", "Professionals", "Others",
))


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
    if _letters(name) in RESERVED_NICKNAMES:
        raise InvalidInput("errors.nickname_reserved")
    return NewParticipant(role=checked_role, nickname=name or None)
