"""Portfolios in the database: keys, workshops that belong, publishing, status, exports.

Three keys per portfolio, each a secret shown once and stored only as a hash
(``workshop.domain.tokens``, as the facilitator key):

- the **coordinator key** (full control: statuses, new viewer and invitation
  links, exports, deleting the portfolio);
- the **viewer key** (read-only: everything the coordinator sees, no
  controls; made anew by the coordinator, which voids the old one);
- the **invitation key** (for facilitators: a workshop created with it, or an
  existing workshop whose facilitator presents it, belongs to the portfolio;
  renewable too). It opens nothing of the portfolio itself.

A key of one portfolio is refused on another: every check names the
portfolio's code and compares with that portfolio's hash only.

Publishing copies a snapshot of one brief (:func:`publish`): later edits of the
brief do not reach the portfolio until the facilitator publishes it again
(:func:`published_of_workshop` tells which published briefs changed since);
publishing again refreshes the snapshot and keeps its preparation status.
Withdrawing deletes the snapshot and its status history. Deleting a workshop
deletes its published briefs; deleting a portfolio deletes its rows and
detaches its workshops (``workshop.store.lifecycle``).

Every function works in the caller's transaction; a refusal raises
InvalidInput (a catalog key) before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from workshop.domain import portfolio as rules
from workshop.store.models import Portfolio, Workshop


@dataclass(frozen=True)
class CreatedPortfolio:
    """A new portfolio's id and code and its three keys (shown once, stored hashed)."""

    id: int
    code: str
    coordinator_key: str
    viewer_key: str
    invitation_key: str


# --- portfolios and keys ----------------------------------------------------------


def create_portfolio(session: Session, title: object) -> CreatedPortfolio:
    """A new portfolio under a fresh code (``domain.codes``), its title checked by
    ``rules.clean_title``. The caller has checked the passphrase and the rate limit
    (the same as for creating a workshop)."""
    raise NotImplementedError


def find_by_code(session: Session, code: str) -> Portfolio | None:
    raise NotImplementedError


def for_coordinator(session: Session, code: str, key: object) -> Portfolio | None:
    """The portfolio when ``key`` is its coordinator key, else None (row locked for update)."""
    raise NotImplementedError


def for_viewer(session: Session, code: str, key: object) -> Portfolio | None:
    """The portfolio when ``key`` is its viewer key, else None (read only)."""
    raise NotImplementedError


def for_reading(session: Session, code: str, key: object) -> tuple[Portfolio, bool] | None:
    """The portfolio and whether ``key`` is the coordinator's (True) or the viewer's (False);
    None for any other key. What the portfolio page calls on load."""
    raise NotImplementedError


def renew_viewer_key(portfolio: Portfolio) -> str:
    """A new viewer key (returned once); the old viewer link stops working."""
    raise NotImplementedError


def renew_invitation_key(portfolio: Portfolio) -> str:
    """A new invitation key (returned once); the old invitation stops working
    (workshops that joined with it stay)."""
    raise NotImplementedError


def rotate_coordinator_key(portfolio: Portfolio) -> str:
    """A new coordinator key (returned once); the old one stops working."""
    raise NotImplementedError


def delete_portfolio(session: Session, portfolio: Portfolio) -> None:
    """Delete the portfolio, its published briefs, statuses and download tokens; its
    workshops stay, detached (see ``workshop.store.lifecycle.delete_portfolio``)."""
    raise NotImplementedError


# --- workshops: where, when, which portfolio ----------------------------------------------


def set_where_when(workshop: Workshop, region: object, held_on: object, today: date) -> None:
    """Record the workshop's region (``rules.REGIONS`` id or "") and the date it was held
    (``YYYY-MM-DD`` or ""). InvalidInput: ``portfolio.region_unknown``, ``portfolio.date_invalid``."""
    raise NotImplementedError


def join_with_invitation(session: Session, workshop: Workshop, portfolio_code: object,
                         invitation_key: object) -> Portfolio:
    """Attach ``workshop`` (its facilitator proven by the caller) to the portfolio whose
    invitation key ``invitation_key`` is. Used right after creating a workshop through an
    invitation and from the cockpit for an existing workshop. A workshop in another
    portfolio moves, its published briefs there withdrawn.
    InvalidInput ``portfolio.invitation_wrong`` for an unknown code or a wrong key."""
    raise NotImplementedError


def leave_portfolio(session: Session, workshop: Workshop) -> None:
    """Detach ``workshop`` from its portfolio; its published briefs are withdrawn."""
    raise NotImplementedError


@dataclass(frozen=True)
class Membership:
    """What a facilitator sees of their workshop's portfolio (never a key)."""

    portfolio_code: str
    portfolio_title: str


def membership(session: Session, workshop: Workshop) -> Membership | None:
    raise NotImplementedError


# --- publishing (the facilitator) ------------------------------------------------------------


def publish(session: Session, workshop: Workshop, brief_id: object) -> int:
    """Copy the brief's snapshot into the workshop's portfolio; the published id.

    Publishing again refreshes the snapshot (status and history kept). InvalidInput:
    ``portfolio.workshop_not_in_portfolio``, ``errors.brief_unknown``."""
    raise NotImplementedError


def withdraw(session: Session, workshop: Workshop, brief_id: object) -> None:
    """Delete the brief's snapshot (and its status history) from the portfolio.
    InvalidInput ``portfolio.not_published`` when it was not published."""
    raise NotImplementedError


@dataclass(frozen=True)
class PublishedState:
    """A brief of the workshop that is in the portfolio."""

    brief_id: int
    published_at: datetime
    changed_since: bool  # edited after it was published: publish again to send the edits
    status: str


def published_of_workshop(session: Session, workshop: Workshop) -> dict[int, PublishedState]:
    """The workshop's published briefs by brief id (for the facilitator's publish buttons)."""
    raise NotImplementedError


# --- the portfolio's side --------------------------------------------------------------------


def briefs_of(session: Session, portfolio: Portfolio) -> list[rules.PublishedBrief]:
    """Every published brief of the portfolio, with its status history, in ``rules.in_order``."""
    raise NotImplementedError


def overview(session: Session, portfolio: Portfolio, selected: rules.Filter | None = None) -> rules.Overview:
    """``rules.overview`` over the portfolio's briefs with the deployment's K."""
    raise NotImplementedError


def set_status(session: Session, portfolio: Portfolio, published_id: object, status: object,
               note: object, at: datetime | None = None) -> None:
    """Give a published brief of this portfolio a status with a dated note (the coordinator).
    InvalidInput: ``portfolio.brief_unknown``, ``portfolio.status_not_allowed``,
    ``portfolio.note_too_long``."""
    raise NotImplementedError


def export_snapshot(session: Session, portfolio: Portfolio, selected: rules.Filter,
                    language: str) -> dict:
    """The portfolio export's plain dict (``schema_version``), the filter applied."""
    raise NotImplementedError


def mint_download(session: Session, portfolio: Portfolio, selected: rules.Filter, language: str) -> str:
    """A one-time download token for the portfolio's exports with this filter, rendered
    in ``language`` (fi/sv/en: the page's language)."""
    raise NotImplementedError


def take_download(session: Session, code: str, token: object) -> tuple[Portfolio, rules.Filter, str] | None:
    """The portfolio, filter and language a token was minted for; the token is used up.
    None for an unknown code, a used, expired or other portfolio's token."""
    raise NotImplementedError
