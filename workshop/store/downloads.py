"""One-time download tokens: no key ever travels in a download's address.

A handler that has proved the facilitator key or the results key mints a
token for its workshop; the export endpoint takes it once. Tokens are stored
hashed, in the database (so any worker can take a token another minted), and
live ``settings().download_token_seconds``. Taking a token deletes its row in
the same statement that reads it, so two downloads racing for one token cannot
both win.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from workshop.domain.tokens import hash_secret, new_secret
from workshop.settings import settings
from workshop.store.models import DownloadToken, Workshop, now


def mint(session: Session, workshop: Workshop, at: datetime | None = None) -> str:
    """A fresh one-time token for ``workshop``'s downloads (returned once, stored hashed).

    Expired tokens of the workshop are swept on the way, so unused tokens do not pile up."""
    at = at or now()
    session.execute(delete(DownloadToken).where(DownloadToken.workshop_id == workshop.id,
                                                DownloadToken.expires_at <= at))
    token = new_secret()
    session.add(DownloadToken(workshop_id=workshop.id, token_hash=hash_secret(token),
                              expires_at=at + timedelta(seconds=settings().download_token_seconds)))
    session.flush()
    return token


def take(session: Session, code: str, token: object, at: datetime | None = None) -> Workshop | None:
    """The workshop ``code`` when ``token`` is one of its unexpired tokens; the token is used up."""
    if not isinstance(token, str) or not token:
        return None
    taken = session.execute(
        delete(DownloadToken).where(DownloadToken.token_hash == hash_secret(token))
        .returning(DownloadToken.workshop_id, DownloadToken.expires_at)
    ).first()
    if taken is None or taken.expires_at <= (at or now()):
        return None
    workshop = session.get(Workshop, taken.workshop_id)
    return workshop if workshop is not None and workshop.code == code else None
