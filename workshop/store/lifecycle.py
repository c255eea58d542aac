"""Deleting a workshop with everything in it, removing a participant, and the retention purge.

Every table of the schema is listed in :data:`WORKSHOP_REFERENCE` with the
column that ties its rows to a workshop; :func:`delete_workshop` deletes by
those columns, children before parents, and refuses to run when a table is
missing from the list (``tests/store/test_lifecycle.py`` fails first). The
foreign keys' ON DELETE CASCADE would do the same; deleting table by table
does not depend on them and counts what went.

The SOILA portfolio's tables are listed in :data:`PORTFOLIO_REFERENCE` with the
column that ties them to a portfolio. Published briefs and their statuses name
their workshop too, so deleting a workshop deletes what it published; a
portfolio's own rows (the portfolio, its download tokens) belong to no
workshop. :func:`delete_portfolio` deletes a portfolio's rows and detaches its
workshops, which stay. One-time openers belong to a workshop or to a portfolio
(the other column empty) and go with it; the purge also sweeps expired ones.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from workshop.domain import retention
from workshop.domain.creation import InvalidInput
from workshop.domain.ids import row_id
from workshop.domain.vocabulary import WorkshopStatus
from workshop.settings import Settings
from workshop.store import openers, voting
from workshop.store.models import Base, Brief, BriefSuggestion, Idea, Participant, Workshop

# Table -> the column holding the workshop's id (the workshops table: its own id).
WORKSHOP_REFERENCE: dict[str, str] = {
    "workshops": "id",
    "participants": "workshop_id",
    "prompts": "workshop_id",
    "clusters": "workshop_id",
    "ideas": "workshop_id",
    "vote_rounds": "workshop_id",
    "dots": "workshop_id",
    "briefs": "workshop_id",
    "brief_suggestions": "workshop_id",
    "download_tokens": "workshop_id",
    "openers": "workshop_id",
    "portfolio_briefs": "workshop_id",
    "portfolio_brief_statuses": "workshop_id",
}

# Table -> the column holding the portfolio's id (the portfolios table: its own id).
PORTFOLIO_REFERENCE: dict[str, str] = {
    "portfolios": "id",
    "portfolio_briefs": "portfolio_id",
    "portfolio_brief_statuses": "portfolio_id",
    "portfolio_download_tokens": "portfolio_id",
    "openers": "portfolio_id",
}
# Tables whose rows point at a portfolio but outlive it: the column is emptied.
PORTFOLIO_DETACHED: dict[str, str] = {"workshops": "portfolio_id"}


def uncovered_tables() -> set[str]:
    """Tables of the schema that deletion would not know how to empty: neither a
    workshop's nor a portfolio's, or pointing at workshops without being a workshop's."""
    pointing = {table.name for table in Base.metadata.sorted_tables
                if any(fk.column.table.name == "workshops" for fk in table.foreign_keys)}
    return ((set(Base.metadata.tables) - set(WORKSHOP_REFERENCE) - set(PORTFOLIO_REFERENCE))
            | (pointing - set(WORKSHOP_REFERENCE)))


def uncovered_portfolio_tables() -> set[str]:
    """Tables pointing at portfolios that deleting a portfolio would not know about."""
    pointing = {table.name for table in Base.metadata.sorted_tables
                if any(fk.column.table.name == "portfolios" for fk in table.foreign_keys)}
    return pointing - set(PORTFOLIO_REFERENCE) - set(PORTFOLIO_DETACHED)


def held_at(workshop: Workshop) -> datetime:
    """When ``workshop`` was held (see :func:`workshop.domain.retention.held_at`)."""
    return retention.held_at(workshop.created_at, workshop.held_on)


def delete_workshop(session: Session, workshop_id: int) -> Counter[str]:
    """Delete the workshop and every row that refers to it; rows deleted per table."""
    if missing := uncovered_tables():
        raise RuntimeError(f"deletion does not cover the tables {sorted(missing)}")
    counts: Counter[str] = Counter()
    for table in reversed(Base.metadata.sorted_tables):
        if table.name not in WORKSHOP_REFERENCE:
            continue  # a portfolio's own rows: no workshop in them
        column = table.c[WORKSHOP_REFERENCE[table.name]]
        counts[table.name] += session.execute(delete(table).where(column == workshop_id)).rowcount or 0
    session.expunge_all()
    return counts


def delete_portfolio(session: Session, portfolio_id: int) -> Counter[str]:
    """Delete a portfolio with its published briefs, statuses and download tokens; its
    workshops stay, detached. Rows deleted (or detached) per table."""
    if missing := uncovered_tables() | uncovered_portfolio_tables():
        raise RuntimeError(f"deletion does not cover the tables {sorted(missing)}")
    counts: Counter[str] = Counter()
    for name, column in PORTFOLIO_DETACHED.items():
        table = Base.metadata.tables[name]
        counts[name] += session.execute(
            update(table).where(table.c[column] == portfolio_id).values({column: None})).rowcount or 0
    for table in reversed(Base.metadata.sorted_tables):
        if table.name in PORTFOLIO_REFERENCE:
            column = table.c[PORTFOLIO_REFERENCE[table.name]]
            counts[table.name] += session.execute(delete(table).where(column == portfolio_id)).rowcount or 0
    session.expunge_all()
    return counts


def participant_of(session: Session, workshop: Workshop, participant_id: object) -> Participant:
    """The participant ``participant_id`` of ``workshop``; InvalidInput otherwise."""
    pid = row_id(participant_id, "privacy.participant_unknown")
    participant = session.scalar(
        select(Participant).where(Participant.id == pid, Participant.workshop_id == workshop.id)
    )
    if participant is None:
        raise InvalidInput("privacy.participant_unknown")
    return participant


def remove_participant(session: Session, workshop: Workshop, participant_id: object,
                       keep_ideas: object) -> int:
    """Remove a participant and their dots; their ideas and suggestions go too, or stay
    without an author when ``keep_ideas`` is True. Returns the removed participant's id."""
    participant = participant_of(session, workshop, participant_id)
    pid = participant.id
    # Results already revealed stay as revealed: their dots go, no figure anyone saw changes
    # (the change would be exactly this person's dots).
    voting.keep_revealed_results(session, workshop)
    gone = {} if keep_ideas is True else dict(session.execute(select(Idea.id, Idea.text).where(
        Idea.workshop_id == workshop.id, Idea.participant_id == pid)).tuples().all())
    if keep_ideas is True:
        for model in (Idea, BriefSuggestion):
            session.execute(
                update(model)
                .where(model.workshop_id == workshop.id, model.participant_id == pid)
                .values(participant_id=None)
            )
    # The composite foreign keys cascade: dots, and (unless kept) ideas and suggestions.
    session.delete(participant)
    session.flush()
    if keep_ideas is not True:  # briefs stop quoting and holding the ideas that went, in the portfolio too
        left = set(session.scalars(select(Idea.id).where(Idea.workshop_id == workshop.id)))
        for brief in session.scalars(select(Brief).where(Brief.workshop_id == workshop.id)):
            if any(idea_id not in left for idea_id in brief.quoted_idea_ids):
                brief.quoted_idea_ids = [i for i in brief.quoted_idea_ids if i in left]
        from workshop.store import moderation

        moderation.forget(session, workshop, gone)
    return pid


def closed_by_retention(workshop: Workshop, now: datetime) -> bool:
    """Whether ``workshop`` is past its close date: it stays closed for input and newcomers."""
    return retention.past_close(held_at(workshop), now)


@dataclass(frozen=True)
class PurgeReport:
    """What a purge did: counts only, never a title, text or code."""

    closed: int = 0
    deleted: int = 0
    rows: Counter[str] = field(default_factory=Counter)
    # Codes of the workshops touched, for telling their screens (never logged).
    closed_codes: tuple[str, ...] = ()
    deleted_codes: tuple[str, ...] = ()

    def log_line(self) -> str:
        rows = ", ".join(f"{name}={count}" for name, count in sorted(self.rows.items()) if count)
        return f"retention purge: {self.closed} closed, {self.deleted} deleted ({rows or 'no rows'})"


def purge(session: Session, now: datetime, config: Settings) -> PurgeReport:
    """Close for input the workshops held ``close_after_days`` ago and delete those held
    ``delete_after_days`` ago, as of ``now``."""
    retention.check_periods(config)
    cut = retention.deadlines(now, config)
    rows: Counter[str] = Counter()
    to_close: list[str] = []
    to_delete: list[tuple[int, str]] = []
    for workshop in session.scalars(select(Workshop).order_by(Workshop.id)):
        held = held_at(workshop)
        if held < cut.delete_before:
            to_delete.append((workshop.id, workshop.code))
        elif held < cut.close_before and (workshop.status != WorkshopStatus.CLOSED
                                          or not workshop.input_locked):
            workshop.status = WorkshopStatus.CLOSED.value
            workshop.input_locked = True
            workshop.version += 1
            to_close.append(workshop.code)
    session.flush()
    for workshop_id, _code in to_delete:
        rows.update(delete_workshop(session, workshop_id))
    rows["openers"] += openers.sweep(session, now)
    return PurgeReport(len(to_close), len(to_delete), rows, tuple(to_close),
                       tuple(code for _, code in to_delete))
