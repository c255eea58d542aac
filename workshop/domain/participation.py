"""Joining a workshop: a role from the list and an optional nickname."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from workshop.domain.creation import InvalidInput
from workshop.domain.vocabulary import Role

NICKNAME_MAX = 40


@dataclass(frozen=True)
class NewParticipant:
    """Checked join details."""

    role: Role
    nickname: str | None


def clean_text(value: object) -> str:
    """Whitespace folded, control characters dropped; "" for non-strings."""
    if not isinstance(value, str):
        return ""
    visible = "".join(ch for ch in value if unicodedata.category(ch) != "Cc" or ch in "\n\t")
    return " ".join(visible.split())


def parse_participant(*, role: object, nickname: object) -> NewParticipant:
    """Check what the join form sent; InvalidInput names the message."""
    try:
        checked_role = Role(role)
    except ValueError:
        raise InvalidInput("errors.role_required") from None
    name = clean_text(nickname)
    if len(name) > NICKNAME_MAX:
        raise InvalidInput("errors.nickname_too_long")
    return NewParticipant(role=checked_role, nickname=name or None)
