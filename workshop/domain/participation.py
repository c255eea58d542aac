"""Joining a workshop: a role from the list and an optional nickname."""

from __future__ import annotations

from dataclasses import dataclass

from workshop.domain.creation import InvalidInput
from workshop.domain.text import TextRule, clean_text
from workshop.domain.vocabulary import Role

NICKNAME_MAX = 40
NICKNAME = TextRule(NICKNAME_MAX, "errors.nickname_too_long")


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
    return NewParticipant(role=checked_role, nickname=name or None)
