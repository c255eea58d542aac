"""One-time openers: a link that hands a key over once, so that no key is ever in an address.

A key in a link (``?key=…``) stays in the browser's history and its address-bar
suggestions however fast the page takes it out of the address bar. So every link the app
shows carries an opener instead (``?open=…``, :func:`workshop.domain.openers.opener_path`):
192 random bits, stored only as a hash, with the key it hands over sealed under the opener
itself (``workshop.domain.tokens.seal``): the row alone does not give the key, nor does the
opener once the row is gone. The first page that opens it takes the key (the row is deleted
in the same statement that reads it), keeps it in the browser as a ``?key=`` link did, and
the address that stays in the history opens nothing any more. An opener works for
``settings().opener_days`` days, for one purpose (facilitator, display, results,
coordinator, viewer, invitation) of one workshop or portfolio; a new key of that purpose
voids its openers (:func:`void`), and deleting the workshop or portfolio deletes them
(``workshop.store.lifecycle``). At most ``settings().openers_per_target`` unopened openers
per workshop or portfolio: one more is refused (``openers.too_many``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, object_session

from workshop.domain.creation import InvalidInput
from workshop.domain.tokens import hash_secret, new_secret, seal, unseal
from workshop.domain.vocabulary import WORKSHOP_OPENERS
from workshop.domain.vocabulary import Opener as Purpose
from workshop.settings import settings
from workshop.store.models import Opener, Portfolio, Workshop, now

TOO_MANY = "openers.too_many"
# Longer than any opener this app makes (32 characters): read no further.
LONGEST = 64


def _label(purpose: str) -> str:
    return f"opener:{purpose}"


def _owner(target: Workshop | Portfolio) -> tuple[str, int]:
    return ("workshop_id", target.id) if isinstance(target, Workshop) else ("portfolio_id", target.id)


def mint(session: Session, purpose: Purpose, key: str, target: Workshop | Portfolio,
         at: datetime | None = None, limited: bool = True) -> str:
    """A fresh opener that hands ``key`` (of ``purpose``) over once, for ``target``
    (returned once, stored hashed); the target's expired openers are swept on the way.
    InvalidInput ``openers.too_many`` past ``openers_per_target`` unopened ones, unless not
    ``limited``: the link of a key just made anew, which voided its purpose's openers (so
    renewing cannot pile them up, and a renewal is always possible)."""
    if (purpose in WORKSHOP_OPENERS) != isinstance(target, Workshop):
        raise ValueError(f"a {purpose} opener is not for a {type(target).__name__}")
    at = at or now()
    column, owner = _owner(target)
    mine = getattr(Opener, column) == owner
    session.execute(delete(Opener).where(mine, Opener.expires_at <= at))
    unopened = session.scalar(select(func.count()).select_from(Opener).where(mine)) if limited else 0
    if unopened >= settings().openers_per_target:
        raise InvalidInput(TOO_MANY)
    token = new_secret()
    session.add(Opener(token_hash=hash_secret(token), purpose=purpose.value, **{column: owner},
                       sealed_key=seal(key, token, _label(purpose.value)),
                       expires_at=at + timedelta(days=settings().opener_days)))
    session.flush()
    return token


def take(session: Session, purposes: Iterable[Purpose], code: str, token: object,
         at: datetime | None = None) -> tuple[Purpose, str] | None:
    """The purpose and the key an unexpired opener of one of ``purposes`` hands over for the
    workshop or portfolio ``code`` (its purposes say which); None for anything else. The
    opener is used up (an expired one too); one of another purpose or code stays."""
    wanted = tuple(purposes)
    if not isinstance(token, str) or not token or len(token) > LONGEST or not isinstance(code, str) or not wanted:
        return None
    of_workshop = wanted[0] in WORKSHOP_OPENERS
    if any((purpose in WORKSHOP_OPENERS) != of_workshop for purpose in wanted):
        raise ValueError("one page takes openers of workshops or of portfolios, not both")
    model, column = (Workshop, Opener.workshop_id) if of_workshop else (Portfolio, Opener.portfolio_id)
    taken = session.execute(
        delete(Opener)
        .where(Opener.token_hash == hash_secret(token), Opener.purpose.in_([p.value for p in wanted]),
               column == select(model.id).where(model.code == code).scalar_subquery())
        .returning(Opener.purpose, Opener.sealed_key, Opener.expires_at)
    ).first()
    if taken is None or taken.expires_at <= (at or now()):
        return None
    key = unseal(taken.sealed_key, token, _label(taken.purpose))
    return (Purpose(taken.purpose), key) if key else None


def void(target: Workshop | Portfolio, *purposes: Purpose) -> int:
    """Delete the openers of ``purposes`` of ``target``, a stored workshop or portfolio (their
    key was just replaced), in its session's transaction; how many."""
    column, owner = _owner(target)
    session = object_session(target)
    if session is None or owner is None:
        return 0
    return session.execute(delete(Opener).where(
        getattr(Opener, column) == owner, Opener.purpose.in_([p.value for p in purposes]))).rowcount or 0


def sweep(session: Session, at: datetime) -> int:
    """Delete every expired opener (the retention purge); how many."""
    return session.execute(delete(Opener).where(Opener.expires_at <= at)).rowcount or 0
