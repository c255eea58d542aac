"""Workshop rows: create with a unique code and a hashed facilitator key, find by code."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workshop.domain.codes import new_code
from workshop.domain.creation import NewWorkshop
from workshop.domain.tokens import hash_secret, new_secret
from workshop.store.models import Workshop

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


def create_workshop(session: Session, new: NewWorkshop) -> CreatedWorkshop:
    """Insert a workshop under a fresh random code (retrying on the rare clash)."""
    key = new_secret()
    for _ in range(CODE_ATTEMPTS):
        workshop = Workshop(
            code=new_code(),
            title=new.title,
            challenge=new.challenge,
            language=new.language,
            facilitator_key_hash=hash_secret(key),
        )
        try:
            with session.begin_nested():
                session.add(workshop)
                session.flush()
        except IntegrityError:
            continue
        return CreatedWorkshop(workshop.id, workshop.code, key)
    raise RuntimeError("no free join code found")
