"""Validation of a new workshop's settings, before anything is stored."""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field

from workshop.domain.errors import InvalidInput
from workshop.domain.text import TextRule, clean_text
from workshop.domain.vocabulary import Language, VoteTarget
from workshop.settings import settings

TITLE_MAX = 200
CHALLENGE_MAX = 500
DOTS_MAX = 20
IDEA_LENGTH_RANGE = (20, 2000)
RATE_RANGE = (1, 60)
# The smallest group shown apart (K, see small_groups): the deployment's
# setting is the least a facilitator may choose; this is the most.
MIN_GROUP_MAX = 50


def min_group_range() -> tuple[int, int]:
    """(least, most) K a new workshop may have: the deployment's ``min_group_size`` and up."""
    least = max(1, settings().min_group_size)
    return least, max(least, MIN_GROUP_MAX)


@dataclass(frozen=True)
class NewWorkshop:
    """Checked settings of a workshop about to be created."""

    title: str
    challenge: str
    language: str
    deck_id: str | None = None
    dots_per_participant: int = 5
    max_dots_per_item: int = 3
    vote_target: str = VoteTarget.CLUSTER.value
    show_names: bool = False
    max_idea_length: int = 280
    ideas_per_minute: int = 10
    # Groups of fewer people are never shown apart (workshop.domain.small_groups).
    min_group_size: int = field(default_factory=lambda: max(1, settings().min_group_size))


TITLE = TextRule(TITLE_MAX, "errors.title_too_long", empty="errors.title_required")
CHALLENGE = TextRule(CHALLENGE_MAX, "errors.challenge_too_long")
# The creation passphrase as typed (compared, never stored).
PASSPHRASE = TextRule(200, "errors.passphrase_wrong", empty="errors.passphrase_wrong")


def _whole_number(value: object, default: int, error: str = "errors.dots_invalid") -> int:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        raise InvalidInput(error)
    try:
        return int(str(value).strip())
    except ValueError:
        raise InvalidInput(error) from None


def _flag(value: object) -> bool:
    """An HTML checkbox sends "on" when ticked and nothing otherwise."""
    return value is True or (isinstance(value, str) and value.lower() in {"on", "true", "1"})


def parse_new_workshop(
    *,
    title: object,
    challenge: object,
    language: object,
    deck_id: object = None,
    dots_per_participant: object = None,
    max_dots_per_item: object = None,
    vote_target: object = None,
    show_names: object = None,
    max_idea_length: object = None,
    ideas_per_minute: object = None,
    min_group_size: object = None,
    known_decks: frozenset[str] = frozenset(),
) -> NewWorkshop:
    """Trim and check what the create form sent; raise InvalidInput when refused."""
    clean_title = clean_text(title, TITLE)
    clean_challenge = clean_text(challenge, CHALLENGE)
    if language not in tuple(Language):
        raise InvalidInput("errors.language_unknown")
    deck = deck_id if isinstance(deck_id, str) and deck_id else None
    if deck is not None and deck not in known_decks:
        raise InvalidInput("errors.deck_unknown")
    dots = _whole_number(dots_per_participant, 5)
    per_item = _whole_number(max_dots_per_item, 3)
    if not 1 <= dots <= DOTS_MAX or not 1 <= per_item <= dots:
        raise InvalidInput("errors.dots_invalid")
    length = _whole_number(max_idea_length, 280, "errors.idea_length_invalid")
    if not IDEA_LENGTH_RANGE[0] <= length <= IDEA_LENGTH_RANGE[1]:
        raise InvalidInput("errors.idea_length_invalid")
    rate = _whole_number(ideas_per_minute, 10, "errors.rate_invalid")
    if not RATE_RANGE[0] <= rate <= RATE_RANGE[1]:
        raise InvalidInput("errors.rate_invalid")
    least, most = min_group_range()
    group = _whole_number(min_group_size, least, "smallgroups.size_invalid")
    if not least <= group <= most:
        raise InvalidInput("smallgroups.size_invalid")
    target = vote_target or VoteTarget.CLUSTER.value
    if target not in tuple(VoteTarget):
        raise InvalidInput("errors.vote_target_unknown")
    return NewWorkshop(
        title=clean_title,
        challenge=clean_challenge,
        language=str(language),
        deck_id=deck,
        dots_per_participant=dots,
        max_dots_per_item=per_item,
        vote_target=str(target),
        show_names=_flag(show_names),
        max_idea_length=length,
        ideas_per_minute=rate,
        min_group_size=group,
    )


def passphrase_accepted(expected: str, given: object) -> bool:
    """Whether creating is allowed: no passphrase set, or the right one given (constant time)."""
    if not expected:
        return True
    try:
        typed, wanted = clean_text(given, PASSPHRASE), clean_text(expected, PASSPHRASE)
    except InvalidInput:
        return False
    return hmac.compare_digest(typed.encode(), wanted.encode())
