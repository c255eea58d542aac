"""Validation of a new workshop's settings, before anything is stored."""

from __future__ import annotations

from dataclasses import dataclass

from workshop.domain.vocabulary import Language

TITLE_MAX = 200
CHALLENGE_MAX = 500
LANGUAGES = tuple(Language)


class InvalidInput(ValueError):
    """Input refused; ``key`` is the catalog key of the message to show."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class NewWorkshop:
    """Checked settings of a workshop about to be created."""

    title: str
    challenge: str
    language: str


def _text(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def parse_new_workshop(*, title: object, challenge: object, language: object) -> NewWorkshop:
    """Trim and check what the create form sent; raise InvalidInput when refused."""
    clean_title = _text(title)
    if not clean_title:
        raise InvalidInput("errors.title_required")
    if len(clean_title) > TITLE_MAX:
        raise InvalidInput("errors.title_too_long")
    clean_challenge = _text(challenge)
    if len(clean_challenge) > CHALLENGE_MAX:
        raise InvalidInput("errors.challenge_too_long")
    if language not in LANGUAGES:
        raise InvalidInput("errors.language_unknown")
    return NewWorkshop(title=clean_title, challenge=clean_challenge, language=str(language))
