"""One-time download tokens: no key ever travels in a download's address.

A handler that has proved the facilitator key or the results key mints a
token for its workshop; the export endpoint takes it once. Tokens are stored
hashed, in the database (so any worker can take a token another minted), and
live ``settings().download_token_seconds``. Taking a token deletes its row in
the same statement that reads it, so two downloads racing for one token cannot
both win. Portfolio exports use the same tokens in their own table
(:func:`mint_portfolio`, :func:`take_portfolio`), bound to the filter and the
language they were minted with.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Row, delete
from sqlalchemy.orm import InstrumentedAttribute, Session

from workshop.domain.portfolio import Filter, from_query, to_query
from workshop.domain.tokens import hash_secret, new_secret
from workshop.settings import settings
from workshop.store.models import DownloadToken, Portfolio, PortfolioDownloadToken, Workshop, now

Token = type[DownloadToken] | type[PortfolioDownloadToken]


def _mint(session: Session, model: Token, owner: InstrumentedAttribute[int], owner_id: int,
          at: datetime | None, **extra: Any) -> str:
    """A fresh token row of ``model`` for ``owner_id``; the owner's expired tokens are swept
    on the way, so unused tokens do not pile up."""
    at = at or now()
    session.execute(delete(model).where(owner == owner_id, model.expires_at <= at))
    token = new_secret()
    session.add(model(**{owner.key: owner_id}, token_hash=hash_secret(token),
                      expires_at=at + timedelta(seconds=settings().download_token_seconds), **extra))
    session.flush()
    return token


def _take(session: Session, model: Token, token: object, at: datetime | None,
          *columns: InstrumentedAttribute[Any]) -> Row[Any] | None:
    """The ``columns`` of the unexpired token row, which is deleted in the same statement."""
    if not isinstance(token, str) or not token:
        return None
    taken = session.execute(
        delete(model).where(model.token_hash == hash_secret(token)).returning(model.expires_at, *columns)
    ).first()
    return None if taken is None or taken.expires_at <= (at or now()) else taken


def mint(session: Session, workshop: Workshop, at: datetime | None = None) -> str:
    """A fresh one-time token for ``workshop``'s downloads (returned once, stored hashed)."""
    return _mint(session, DownloadToken, DownloadToken.workshop_id, workshop.id, at)


def take(session: Session, code: str, token: object, at: datetime | None = None) -> Workshop | None:
    """The workshop ``code`` when ``token`` is one of its unexpired tokens; the token is used up."""
    taken = _take(session, DownloadToken, token, at, DownloadToken.workshop_id)
    workshop = session.get(Workshop, taken.workshop_id) if taken is not None else None
    return workshop if workshop is not None and workshop.code == code else None


def mint_portfolio(session: Session, portfolio: Portfolio, selected: Filter, language: str,
                   at: datetime | None = None) -> str:
    """A fresh one-time token for ``portfolio``'s exports with this filter, in ``language``."""
    return _mint(session, PortfolioDownloadToken, PortfolioDownloadToken.portfolio_id, portfolio.id, at,
                 filter_query=to_query(selected), language=language)


def take_portfolio(session: Session, code: str, token: object,
                   at: datetime | None = None) -> tuple[Portfolio, Filter, str] | None:
    """The portfolio ``code``, the filter and the language ``token`` was minted with, when
    it is one of that portfolio's unexpired tokens; the token is used up."""
    taken = _take(session, PortfolioDownloadToken, token, at, PortfolioDownloadToken.portfolio_id,
                  PortfolioDownloadToken.filter_query, PortfolioDownloadToken.language)
    portfolio = session.get(Portfolio, taken.portfolio_id) if taken is not None else None
    if portfolio is None or portfolio.code != code:
        return None
    return portfolio, from_query(taken.filter_query), taken.language
