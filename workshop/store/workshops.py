"""Workshop rows: create, find by code, prove a key, change the room.

A key per purpose, each stored only as a hash: the facilitator key (full
control; can be rotated), the big screen's display key (read-only; derived
from the facilitator key and a salt, renewable) and the results key (read-only
downloads for project preparers; renewable, and kept sealed under the facilitator key so
that a facilitator can hand it out again). A new key of a purpose voids the one-time
openers that hand out the old one (``workshop.store.openers``); a new facilitator key
renews the display and results keys too, since the old one could hand them out."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workshop.domain.codes import new_code
from workshop.domain.creation import NewWorkshop
from workshop.domain.decks import Deck
from workshop.domain.tokens import derived_secret, hash_secret, new_secret, seal, secret_matches, unseal
from workshop.domain.vocabulary import Opener
from workshop.store import openers
from workshop.store.models import Prompt, Workshop

# The results key's seal under the facilitator key (domain.tokens.seal).
RESULTS_SEAL = "kept:results"

CODE_ATTEMPTS = 20


@dataclass(frozen=True)
class CreatedWorkshop:
    """A new workshop's id and code, and its facilitator key (shown once, stored hashed)."""

    id: int
    code: str
    facilitator_key: str


def find_by_code(session: Session, code: str) -> Workshop | None:
    """The workshop with this (normalized) code."""
    return session.scalar(select(Workshop).where(Workshop.code == code))


def create_workshop(
    session: Session, new: NewWorkshop, deck: Deck | None = None
) -> CreatedWorkshop:
    """Insert a workshop under a fresh random code (retrying on the rare clash).

    The deck's prompts are copied into the workshop, where the facilitator
    may edit, reorder and hide them without touching the deck file.
    """
    key = new_secret()
    for _ in range(CODE_ATTEMPTS):
        workshop = Workshop(
            code=new_code(),
            title=new.title,
            challenge=new.challenge,
            language=new.language,
            deck_id=new.deck_id,
            dots_per_participant=new.dots_per_participant,
            max_dots_per_item=new.max_dots_per_item,
            vote_target=new.vote_target,
            show_names=new.show_names,
            max_idea_length=new.max_idea_length,
            ideas_per_minute=new.ideas_per_minute,
            min_group_size=new.min_group_size,
            facilitator_key_hash=hash_secret(key),
        )
        renew_display_key(workshop, key)
        try:
            with session.begin_nested():
                session.add(workshop)
                session.flush()
        except IntegrityError:
            continue
        if deck is not None:
            session.add_all(
                Prompt(workshop_id=workshop.id, position=index, kind=prompt.kind.value, text=prompt.text)
                for index, prompt in enumerate(deck.prompts)
            )
            session.flush()
        return CreatedWorkshop(workshop.id, workshop.code, key)
    raise RuntimeError("no free join code found")


def for_facilitator(session: Session, code: str, key: object) -> Workshop | None:
    """The workshop when ``key`` is its facilitator key, else None (row locked for update)."""
    workshop = session.scalar(select(Workshop).where(Workshop.code == code).with_for_update())
    if workshop is None or not secret_matches(key, workshop.facilitator_key_hash):
        return None
    return workshop


def for_display(session: Session, code: str, key: object) -> Workshop | None:
    """The workshop when ``key`` is its big screen's display key (read only), else None."""
    workshop = find_by_code(session, code)
    if workshop is None or not secret_matches(key, workshop.display_key_hash):
        return None
    return workshop


def for_results(session: Session, code: str, key: object) -> Workshop | None:
    """The workshop when ``key`` is its results key (read only), else None."""
    workshop = find_by_code(session, code)
    if workshop is None or not secret_matches(key, workshop.results_key_hash):
        return None
    return workshop


def rotate_facilitator_key(workshop: Workshop) -> str:
    """A new facilitator key (returned once); the old one stops working at once, and so
    does everything it could hand out, with their openers: the display key derived from it
    and the results key (a leaked facilitator link could have made results links; a new
    one, kept sealed under the new key, when there was one)."""
    key = new_secret()
    workshop.facilitator_key_hash = hash_secret(key)
    renew_display_key(workshop, key)
    if workshop.results_key_hash is not None:
        new_results_key(workshop, key)
    openers.void(workshop, Opener.FACILITATOR, Opener.RESULTS)
    return key


def display_key(workshop: Workshop, facilitator_key: str) -> str:
    """The big screen's current display key, as the facilitator (holding ``facilitator_key``)
    can show it again; made on first use for a workshop that has none yet."""
    if workshop.display_key_salt is None:
        return renew_display_key(workshop, facilitator_key)
    return derived_secret(facilitator_key, workshop.display_key_salt)


def renew_display_key(workshop: Workshop, facilitator_key: str) -> str:
    """A new display key for the big screen; an older one stops working."""
    workshop.display_key_salt = new_secret()
    key = derived_secret(facilitator_key, workshop.display_key_salt)
    workshop.display_key_hash = hash_secret(key)
    openers.void(workshop, Opener.DISPLAY)
    return key


def new_results_key(workshop: Workshop, facilitator_key: str | None = None) -> str:
    """A fresh results key for project preparers (read-only downloads); an older one stops
    working, with its openers. Kept sealed under ``facilitator_key``."""
    key = new_secret()
    workshop.results_key_hash = hash_secret(key)
    workshop.results_key_sealed = seal(key, facilitator_key, RESULTS_SEAL) if facilitator_key else None
    openers.void(workshop, Opener.RESULTS)
    return key


def results_key(workshop: Workshop, facilitator_key: object) -> str | None:
    """The current results key, as the facilitator (holding ``facilitator_key``) can hand it
    out again; None when there is none, or none kept (made before keys were kept sealed)."""
    if not workshop.results_key_sealed or not workshop.results_key_hash:
        return None
    key = unseal(workshop.results_key_sealed, facilitator_key, RESULTS_SEAL)
    return key if secret_matches(key, workshop.results_key_hash) else None


def results_key_to_hand_out(workshop: Workshop, facilitator_key: str) -> str:
    """The results key another results link hands out: the current one, or a new one when
    there is none to hand out again."""
    return results_key(workshop, facilitator_key) or new_results_key(workshop, facilitator_key)


def touch(workshop: Workshop) -> None:
    """Count a change of the room (screens drop updates older than what they hold)."""
    workshop.version += 1
