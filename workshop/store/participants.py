"""Participant rows: join with a secret token (stored hashed), find by token."""

from __future__ import annotations

from dataclasses import dataclass
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from workshop.domain.participation import NewParticipant
from workshop.domain.tokens import hash_secret, new_secret
from workshop.store.models import Participant, Workshop


@dataclass(frozen=True)
class Joined:
    """A new participant's id and the token their browser keeps."""

    id: int
    token: str


# A token within a workshop's code, built once (SQLAlchemy keys each statement object): every
# idea and dot of a burst looks its writer up, and 1,000 phones joining at once their seat.
_WITH_WORKSHOP = (select(Participant, Workshop).join(Workshop, Workshop.id == Participant.workshop_id)
                  .where(Participant.token_hash == bindparam("token_hash"), Workshop.code == bindparam("code")))
_SEAT = _WITH_WORKSHOP.with_only_columns(Participant.id, Participant.role, Participant.nickname, Workshop.id)

def join(session: Session, workshop: Workshop, new: NewParticipant) -> Joined:
    """Add a participant to ``workshop``."""
    token = new_secret()
    participant = Participant(
        workshop_id=workshop.id,
        token_hash=hash_secret(token),
        role=new.role.value,
        nickname=new.nickname,
    )
    session.add(participant)
    session.flush()
    return Joined(participant.id, token)


def for_token(session: Session, workshop: Workshop, token: object) -> Participant | None:
    """The participant of ``workshop`` holding ``token``; None for anyone else."""
    if not isinstance(token, str) or not token:
        return None
    return session.scalar(
        select(Participant).where(
            Participant.token_hash == hash_secret(token),
            Participant.workshop_id == workshop.id,
        )
    )


@dataclass(frozen=True)
class Seat:
    """A participant found by token, with the workshop they sit in."""

    participant_id: int
    role: str
    nickname: str
    workshop_id: int


def seat_for_token(session: Session, code: str, token: object) -> Seat | None:
    """The participant holding ``token`` in the workshop ``code``, in one query."""
    if not isinstance(token, str) or not token:
        return None
    row = session.execute(_SEAT, {"token_hash": hash_secret(token), "code": code}).first()
    return Seat(row[0], row[1], row[2] or "", row[3]) if row else None





def participant_for_token(session: Session, code: str, token: object) -> tuple[Participant, Workshop] | None:
    """The participant holding ``token`` in the workshop ``code`` and that workshop, as rows
    to change, in one query (a handler that writes needs no second one for the participant)."""
    if not isinstance(token, str) or not token:
        return None
    row = session.execute(_WITH_WORKSHOP, {"token_hash": hash_secret(token), "code": code}).first()
    return (row[0], row[1]) if row else None
