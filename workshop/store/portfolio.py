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

The viewer and invitation keys are kept sealed under the coordinator key as well
(``domain.tokens.seal``), so that the coordinator can hand them out again through
one-time openers (``workshop.store.openers``) without renewing them; a new key of a
purpose voids the openers that hand out the old one, and a new coordinator key renews
the viewer and invitation keys, since the old one could hand them out.

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

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workshop.domain import briefs as brief_rules
from workshop.domain import portfolio as rules
from workshop.domain.codes import new_code, normalize_code
from workshop.domain.errors import InvalidInput
from workshop.domain.ids import row_id
from workshop.domain.small_groups import TOO_FEW, GroupCount
from workshop.domain.tokens import hash_secret, new_secret, seal, secret_matches, unseal
from workshop.domain.vocabulary import Opener, RoundStatus
from workshop.i18n import normalize_language
from workshop.settings import settings
from workshop.store import briefs, downloads, lifecycle, openers, voting
from workshop.store.export_snapshot import brief_part, participation, shown_ideas
from workshop.store.models import (
    Brief,
    Participant,
    Portfolio,
    PortfolioBrief,
    PortfolioBriefStatus,
    Workshop,
    now,
)

CODE_ATTEMPTS = 20


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
    clean = rules.clean_title(title)
    coordinator, viewer, invitation = new_secret(), new_secret(), new_secret()
    for _ in range(CODE_ATTEMPTS):
        portfolio = Portfolio(code=new_code(), title=clean, coordinator_key_hash=hash_secret(coordinator),
                              viewer_key_hash=hash_secret(viewer), invitation_key_hash=hash_secret(invitation),
                              viewer_key_sealed=seal(viewer, coordinator, VIEWER_SEAL),
                              invitation_key_sealed=seal(invitation, coordinator, INVITATION_SEAL))
        try:
            with session.begin_nested():
                session.add(portfolio)
                session.flush()
        except IntegrityError:
            continue
        return CreatedPortfolio(portfolio.id, portfolio.code, coordinator, viewer, invitation)
    raise RuntimeError("no free portfolio code found")


def find_by_code(session: Session, code: str) -> Portfolio | None:
    normal = normalize_code(code)
    return session.scalar(select(Portfolio).where(Portfolio.code == normal)) if normal else None


def for_coordinator(session: Session, code: str, key: object) -> Portfolio | None:
    """The portfolio when ``key`` is its coordinator key, else None (row locked for update)."""
    normal = normalize_code(code)
    portfolio = session.scalar(select(Portfolio).where(Portfolio.code == normal).with_for_update()) \
        if normal else None
    if portfolio is None or not secret_matches(key, portfolio.coordinator_key_hash):
        return None
    return portfolio


def for_viewer(session: Session, code: str, key: object) -> Portfolio | None:
    """The portfolio when ``key`` is its viewer key, else None (read only)."""
    portfolio = find_by_code(session, code)
    if portfolio is None or not secret_matches(key, portfolio.viewer_key_hash):
        return None
    return portfolio


def for_reading(session: Session, code: str, key: object) -> tuple[Portfolio, bool] | None:
    """The portfolio and whether ``key`` is the coordinator's (True) or the viewer's (False);
    None for any other key. What the portfolio page calls on load."""
    portfolio = find_by_code(session, code)
    if portfolio is None:
        return None
    if secret_matches(key, portfolio.coordinator_key_hash):
        return portfolio, True
    if secret_matches(key, portfolio.viewer_key_hash):
        return portfolio, False
    return None


# The viewer and invitation keys' seals under the coordinator key (domain.tokens.seal).
VIEWER_SEAL = "kept:viewer"
INVITATION_SEAL = "kept:invitation"


def _kept(sealed: str | None, stored_hash: str | None, coordinator_key: object, label: str) -> str | None:
    key = unseal(sealed, coordinator_key, label) if sealed and stored_hash else None
    return key if secret_matches(key, stored_hash) else None


def viewer_key(portfolio: Portfolio, coordinator_key: object) -> str | None:
    """The current viewer key, as the coordinator (holding ``coordinator_key``) can hand it
    out again; None when none is kept."""
    return _kept(portfolio.viewer_key_sealed, portfolio.viewer_key_hash, coordinator_key, VIEWER_SEAL)


def invitation_key(portfolio: Portfolio, coordinator_key: object) -> str | None:
    """The current invitation key, as the coordinator can hand it out again; None when none is kept."""
    return _kept(portfolio.invitation_key_sealed, portfolio.invitation_key_hash, coordinator_key, INVITATION_SEAL)


def renew_viewer_key(portfolio: Portfolio, coordinator_key: str | None = None) -> str:
    """A new viewer key (returned once, kept sealed under ``coordinator_key``); the old viewer
    link stops working, with its openers."""
    key = new_secret()
    portfolio.viewer_key_hash = hash_secret(key)
    portfolio.viewer_key_sealed = seal(key, coordinator_key, VIEWER_SEAL) if coordinator_key else None
    openers.void(portfolio, Opener.VIEWER)
    return key


def renew_invitation_key(portfolio: Portfolio, coordinator_key: str | None = None) -> str:
    """A new invitation key (returned once); the old invitation stops working
    (workshops that joined with it stay)."""
    key = new_secret()
    portfolio.invitation_key_hash = hash_secret(key)
    portfolio.invitation_key_sealed = seal(key, coordinator_key, INVITATION_SEAL) if coordinator_key else None
    openers.void(portfolio, Opener.INVITATION)
    return key


def rotate_coordinator_key(portfolio: Portfolio) -> str:
    """A new coordinator key (returned once); the old one stops working, with its openers,
    and so do the viewer and invitation keys it could hand out (a leaked coordinator link
    could have made viewer and invitation links): new ones are kept sealed under the new
    key. Workshops that joined with the old invitation stay."""
    key = new_secret()
    portfolio.coordinator_key_hash = hash_secret(key)
    renew_viewer_key(portfolio, key)
    renew_invitation_key(portfolio, key)
    openers.void(portfolio, Opener.COORDINATOR)
    return key


def delete_portfolio(session: Session, portfolio: Portfolio) -> None:
    """Delete the portfolio, its published briefs, statuses and download tokens; its
    workshops stay, detached (see ``workshop.store.lifecycle.delete_portfolio``)."""
    lifecycle.delete_portfolio(session, portfolio.id)


# --- workshops: where, when, which portfolio ----------------------------------------------


def set_where_when(session: Session, workshop: Workshop, region: object, held_on: object, today: date) -> None:
    """Record the workshop's region (``rules.REGIONS`` id or "") and the date it was held
    (``YYYY-MM-DD`` or ""); the workshop part of its published briefs follows.
    InvalidInput: ``portfolio.region_unknown``, ``portfolio.date_invalid``."""
    workshop.region = rules.clean_region(region)
    workshop.held_on = rules.clean_held_on(held_on, today, workshop.created_at.date())
    session.flush()
    refresh_workshop_part(session, workshop)


def refresh_workshop_part(session: Session, workshop: Workshop) -> None:
    """Bring the workshop's title, region and date in its published briefs up to date."""
    for row in session.scalars(select(PortfolioBrief).where(PortfolioBrief.workshop_id == workshop.id)):
        part = dict(row.content["workshop"])
        part.update(_workshop_fields(workshop))
        row.content = {**row.content, "workshop": part}


def for_invitation(session: Session, code: object, key: object) -> Portfolio | None:
    """The portfolio when ``key`` is its invitation key, else None (read only: its title,
    for "this workshop will join «title»"). The invitation opens nothing else."""
    portfolio = find_by_code(session, code) if isinstance(code, str) else None
    if portfolio is None or not secret_matches(key, portfolio.invitation_key_hash):
        return None
    return portfolio


def join_with_invitation(session: Session, workshop: Workshop, portfolio_code: object,
                         invitation_key: object) -> Portfolio:
    """Attach ``workshop`` (its facilitator proven by the caller) to the portfolio whose
    invitation key ``invitation_key`` is. Used right after creating a workshop through an
    invitation and from the cockpit for an existing workshop. A workshop in another
    portfolio moves, its published briefs there withdrawn.
    InvalidInput ``portfolio.invitation_wrong`` for an unknown code or a wrong key."""
    portfolio = for_invitation(session, portfolio_code, invitation_key)
    if portfolio is None:
        raise InvalidInput("portfolio.invitation_wrong")
    if workshop.portfolio_id not in (None, portfolio.id):
        _withdraw_all(session, workshop)
    workshop.portfolio_id = portfolio.id
    session.flush()
    return portfolio


def leave_portfolio(session: Session, workshop: Workshop) -> None:
    """Detach ``workshop`` from its portfolio; its published briefs are withdrawn."""
    _withdraw_all(session, workshop)
    workshop.portfolio_id = None
    session.flush()


def _withdraw_all(session: Session, workshop: Workshop) -> None:
    for model in (PortfolioBriefStatus, PortfolioBrief):
        session.execute(delete(model).where(model.workshop_id == workshop.id))


@dataclass(frozen=True)
class Membership:
    """What a facilitator sees of their workshop's portfolio (never a key)."""

    portfolio_code: str
    portfolio_title: str


def membership(session: Session, workshop: Workshop) -> Membership | None:
    portfolio = session.get(Portfolio, workshop.portfolio_id) if workshop.portfolio_id is not None else None
    return Membership(portfolio.code, portfolio.title) if portfolio is not None else None


# --- publishing (the facilitator) ------------------------------------------------------------


def _workshop_fields(workshop: Workshop) -> dict[str, Any]:
    return {"title": workshop.title, "region": workshop.region,
            "held_on": workshop.held_on.isoformat() if workshop.held_on else None}


def _vote_part(session: Session, workshop: Workshop, brief: Brief) -> dict[str, Any] | None:
    """The brief's source item in the latest revealed round that had it on the ballot:
    overall and by role, with the workshop's small groups folded (``voting.tally_of``)."""
    if brief.source_cluster_id is not None:
        kind, item = "cluster", brief.source_cluster_id
    elif brief.source_idea_id is not None:
        kind, item = "idea", brief.source_idea_id
    else:
        return None
    for vote_round in reversed(voting.rounds(session, workshop)):
        if vote_round.status != RoundStatus.REVEALED or vote_round.target != kind:
            continue
        tally = voting.tally_of(session, workshop, vote_round)
        placing = next((p for p in tally["overall"] if p["id"] == item), None)
        if placing is None:
            continue
        by_role = []
        for column in tally["by_role"]:
            mine = next((p for p in column["placings"] if p["id"] == item), None)
            dots = None if column["role"] == TOO_FEW else mine["dots"] if mine else 0
            by_role.append({"role": column["role"], "people": column["people"], "dots": dots,
                            "members": list(column["members"])})
        return {"dots": placing["dots"], "rank": placing["rank"], "tied": placing["tied"],
                "voters": tally["voters"], "total_dots": tally["total_dots"], "by_role": by_role}
    return None


def snapshot_of(session: Session, workshop: Workshop, brief: Brief) -> dict[str, Any]:
    """What crosses into the portfolio for one brief, and nothing else: the brief's fields,
    SOILA choices, the texts of the shown ideas it quotes and its source's name; its vote
    result (small groups folded); the workshop's title, region, date, K and participation
    by role (small groups folded). No nickname, no token, no hidden idea, no code."""
    texts = {idea.id: idea.text for idea in shown_ideas(session, workshop)}
    part = brief_part(session, brief, texts)
    part.pop("id", None)
    people = list(session.scalars(select(Participant).where(Participant.workshop_id == workshop.id)))
    return {
        "brief": part,
        "vote": _vote_part(session, workshop, brief),
        "workshop": {**_workshop_fields(workshop), "min_group_size": workshop.min_group_size,
                     "participation": participation(people, workshop.min_group_size)},
    }


def scrub(session: Session, workshop: Workshop, gone: Mapping[int, str] | None = None) -> int:
    """Take out of the workshop's published briefs every quote (and a source idea's text)
    that is no longer a shown idea of the workshop, and the text of the ideas ``gone``
    (their texts by id) from the fields drafted from them, by the rule the workshop's briefs
    follow (``briefs.forget_ideas``): an idea hidden by moderation or deleted leaves the
    portfolio at once, without waiting for the facilitator to publish again. Returns the
    number of published briefs changed."""
    published = list(session.scalars(select(PortfolioBrief).where(PortfolioBrief.workshop_id == workshop.id)))
    if not published:  # the usual case (a phone deleting its idea while writing): nothing to read
        return 0
    shown = {idea.text for idea in shown_ideas(session, workshop)}
    changed = 0
    for row in published:
        brief = dict(row.content["brief"])
        quotes = [quote for quote in brief.get("quotes", []) if quote in shown]
        source = dict(brief.get("source") or {})
        if source.get("kind") == "idea" and source.get("label") not in shown:
            source["label"] = ""
        fields: dict[str, str] = {}
        if gone and (own := session.get(Brief, row.brief_id)) is not None:
            fields = brief_rules.without_ideas(brief, own.drafted_from or {}, gone, briefs.removed_text(workshop))
        if quotes != brief.get("quotes", []) or source != (brief.get("source") or {}) or fields:
            row.content = {**row.content, "brief": {**brief, **fields, "quotes": quotes, "source": source}}
            changed += 1
    session.flush()
    return changed


def publish(session: Session, workshop: Workshop, brief_id: object) -> int:
    """Copy the brief's snapshot into the workshop's portfolio; the published id.

    Publishing again refreshes the snapshot (status and history kept). InvalidInput:
    ``portfolio.workshop_not_in_portfolio``, ``errors.brief_unknown``."""
    if workshop.portfolio_id is None:
        raise InvalidInput("portfolio.workshop_not_in_portfolio")
    brief = briefs.of_workshop(session, workshop, brief_id)
    content = snapshot_of(session, workshop, brief)
    row = session.scalar(select(PortfolioBrief).where(PortfolioBrief.portfolio_id == workshop.portfolio_id,
                                                      PortfolioBrief.brief_id == brief.id))
    at = now()
    if row is None:
        row = PortfolioBrief(portfolio_id=workshop.portfolio_id, workshop_id=workshop.id, brief_id=brief.id,
                             content=content, status=rules.PrepStatus.NEW.value)
        session.add(row)
        session.flush()
        session.add(PortfolioBriefStatus(portfolio_id=row.portfolio_id, workshop_id=workshop.id,
                                         portfolio_brief_id=row.id, status=row.status, note="", at=at))
    row.content = content
    row.brief_revision = brief.revision
    row.published_at = at
    # Every published brief of the workshop carries the same, latest workshop part
    # (participation included): with a copy per moment, the portfolio's filters chose which
    # one a workshop was counted by, and a viewer read a small role off the difference
    # (red-team round 5, F2).
    for other in session.scalars(select(PortfolioBrief).where(PortfolioBrief.workshop_id == workshop.id,
                                                              PortfolioBrief.id != row.id)):
        other.content = {**other.content, "workshop": content["workshop"]}
    session.flush()
    return row.id


def withdraw(session: Session, workshop: Workshop, brief_id: object) -> None:
    """Delete the brief's snapshot (and its status history) from the portfolio.
    InvalidInput ``portfolio.not_published`` when it was not published."""
    bid = row_id(brief_id, "portfolio.not_published")
    row = session.scalar(select(PortfolioBrief).where(PortfolioBrief.workshop_id == workshop.id,
                                                      PortfolioBrief.brief_id == bid))
    if row is None:
        raise InvalidInput("portfolio.not_published")
    session.execute(delete(PortfolioBriefStatus).where(PortfolioBriefStatus.portfolio_brief_id == row.id))
    session.delete(row)
    session.flush()


@dataclass(frozen=True)
class PublishedState:
    """A brief of the workshop that is in the portfolio."""

    brief_id: int
    published_at: datetime
    changed_since: bool  # edited after it was published: publish again to send the edits
    status: str


def published_of_workshop(session: Session, workshop: Workshop) -> dict[int, PublishedState]:
    """The workshop's published briefs by brief id (for the facilitator's publish buttons)."""
    rows = session.execute(
        select(PortfolioBrief.brief_id, PortfolioBrief.published_at, PortfolioBrief.brief_revision,
               PortfolioBrief.status, Brief.revision)
        .join(Brief, Brief.id == PortfolioBrief.brief_id)
        .where(PortfolioBrief.workshop_id == workshop.id, PortfolioBrief.portfolio_id == workshop.portfolio_id))
    return {r.brief_id: PublishedState(r.brief_id, r.published_at, r.revision != r.brief_revision, r.status)
            for r in rows}


# --- the portfolio's side --------------------------------------------------------------------


def _published(row: PortfolioBrief, history: list[PortfolioBriefStatus]) -> rules.PublishedBrief:
    """A stored snapshot as the domain's PublishedBrief."""
    brief, vote, place = row.content["brief"], row.content.get("vote"), row.content["workshop"]
    held = place.get("held_on")
    workshop = rules.WorkshopInfo(
        id=row.workshop_id, title=place["title"], region=place.get("region"),
        held_on=date.fromisoformat(held) if held else None, min_group_size=place["min_group_size"],
        participation=tuple(GroupCount(p["role"], p["count"], tuple(p["members"])) for p in place["participation"]),
    )
    result = rules.VoteResult(
        dots=vote["dots"], rank=vote["rank"], tied=vote["tied"], voters=vote["voters"],
        total_dots=vote["total_dots"],
        by_role=tuple(rules.RoleDots(r["role"], r["people"], r["dots"], tuple(r["members"]))
                      for r in vote["by_role"]),
    ) if vote else None
    return rules.PublishedBrief(
        id=row.id, brief_id=row.brief_id, workshop=workshop,
        **{name: brief[name] for name in ("title", "what_if", "need", "target_group", "first_experiment",
                                          "involved", "obstacles")},
        strategic_goals=tuple(brief["strategic_goals"]), oecd_quadrant=brief["oecd_quadrant"],
        characteristics=tuple(brief["characteristics"]), quotes=tuple(brief["quotes"]), vote=result,
        published_at=row.published_at, status=row.status,
        history=tuple(rules.StatusEntry(h.status, h.note, h.at) for h in history),
    )


def briefs_of(session: Session, portfolio: Portfolio) -> list[rules.PublishedBrief]:
    """Every published brief of the portfolio, with its status history, in ``rules.in_order``."""
    history: dict[int, list[PortfolioBriefStatus]] = defaultdict(list)
    for entry in session.scalars(select(PortfolioBriefStatus).where(PortfolioBriefStatus.portfolio_id == portfolio.id)
                                 .order_by(PortfolioBriefStatus.at, PortfolioBriefStatus.id)):
        history[entry.portfolio_brief_id].append(entry)
    rows = session.scalars(select(PortfolioBrief).where(PortfolioBrief.portfolio_id == portfolio.id))
    return rules.in_order(_published(row, history[row.id]) for row in rows)


def overview(session: Session, portfolio: Portfolio, selected: rules.Filter | None = None) -> rules.Overview:
    """``rules.overview`` over the portfolio's briefs with the deployment's K."""
    return rules.overview(briefs_of(session, portfolio), selected, settings().min_group_size)


def set_status(session: Session, portfolio: Portfolio, published_id: object, status: object,
               note: object, at: datetime | None = None) -> None:
    """Give a published brief of this portfolio a status with a dated note (the coordinator).
    InvalidInput: ``portfolio.brief_unknown``, ``portfolio.status_not_allowed``,
    ``portfolio.note_too_long``."""
    row = session.scalar(select(PortfolioBrief).where(
        PortfolioBrief.id == row_id(published_id, "portfolio.brief_unknown"),
        PortfolioBrief.portfolio_id == portfolio.id))
    if row is None:
        raise InvalidInput("portfolio.brief_unknown")
    new = rules.check_transition(row.status, status)
    text = rules.clean_note(note)
    row.status = new
    session.add(PortfolioBriefStatus(portfolio_id=portfolio.id, workshop_id=row.workshop_id,
                                     portfolio_brief_id=row.id, status=new, note=text, at=at or now()))
    session.flush()


def export_snapshot(session: Session, portfolio: Portfolio, selected: rules.Filter,
                    language: str) -> dict:
    """The portfolio export's plain dict (``schema_version``), the filter applied."""
    from workshop.export.portfolio import snapshot

    return snapshot(portfolio.title, overview(session, portfolio, selected), language)


def mint_download(session: Session, portfolio: Portfolio, selected: rules.Filter, language: str) -> str:
    """A one-time download token for the portfolio's exports with this filter, rendered
    in ``language`` (fi/sv/en: the page's language)."""
    return downloads.mint_portfolio(session, portfolio, selected, normalize_language(language) or "fi")


def take_download(session: Session, code: str, token: object) -> tuple[Portfolio, rules.Filter, str] | None:
    """The portfolio, filter and language a token was minted for; the token is used up.
    None for an unknown code, a used, expired or other portfolio's token."""
    return downloads.take_portfolio(session, code, token)
