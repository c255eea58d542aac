"""The database schema: SQLAlchemy 2.0 typed declarative models.

Constraints keep impossible states out: unique join codes, dot counts >= 1,
a vote's participant and target in the vote's own workshop (composite
foreign keys on ``(workshop_id, id)``), and cascades so that deleting a
workshop deletes every row that belongs to it. Choices are strings checked
against the domain's enums (portable across SQLite and PostgreSQL).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from workshop.domain.portfolio import REGIONS, PrepStatus
from workshop.domain.vocabulary import (
    PORTFOLIO_OPENERS,
    WORKSHOP_OPENERS,
    IdeaKind,
    Language,
    OecdQuadrant,
    Opener as OpenerPurpose,
    Phase,
    Role,
    RoundStatus,
    VoteTarget,
    WorkshopStatus,
)

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def now() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """Timestamps in UTC, timezone-aware on the way out on SQLite too (it stores naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


def one_of(column: str, choices: type[StrEnum], name: str | None = None) -> CheckConstraint:
    """CHECK column IN (the enum's values)."""
    values = ", ".join(f"'{choice.value}'" for choice in choices)
    return CheckConstraint(f"{column} IN ({values})", name=name or column)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UtcDateTime, dict[str, Any]: JSON}


class Workshop(Base):
    __tablename__ = "workshops"
    __table_args__ = (
        one_of("language", Language),
        one_of("status", WorkshopStatus),
        one_of("phase", Phase),
        one_of("vote_target", VoteTarget),
        CheckConstraint("length(code) IN (6, 8)", name="code_length"),  # see domain/codes.py
        CheckConstraint("dots_per_participant >= 1", name="dots_positive"),
        CheckConstraint("max_dots_per_item >= 1", name="max_dots_positive"),
        CheckConstraint("max_dots_per_item <= dots_per_participant", name="max_dots_within_dots"),
        CheckConstraint("max_idea_length BETWEEN 1 AND 2000", name="idea_length_range"),
        CheckConstraint("ideas_per_minute >= 1", name="rate_positive"),
        CheckConstraint("min_group_size >= 1", name="min_group_size_positive"),
        CheckConstraint(f"region IS NULL OR region IN ({', '.join(repr(r) for r in REGIONS)})", name="region"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    challenge: Mapped[str] = mapped_column(String(500), default="")
    language: Mapped[str] = mapped_column(String(2), default=Language.FI.value)
    deck_id: Mapped[str | None] = mapped_column(String(100))
    facilitator_key_hash: Mapped[str] = mapped_column(String(64))
    results_key_hash: Mapped[str | None] = mapped_column(String(64))
    # The results key sealed under the facilitator key (domain.tokens.seal), so that a
    # facilitator can hand it out again through another one-time opener without renewing it.
    results_key_sealed: Mapped[str | None] = mapped_column(String(64))
    # The big screen's read-only display key: derived from the facilitator key and
    # this salt (see domain.tokens.derived_secret), stored hashed.
    display_key_salt: Mapped[str | None] = mapped_column(String(32))
    display_key_hash: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(10), default=WorkshopStatus.OPEN.value)
    phase: Mapped[str] = mapped_column(String(20), default=Phase.LOBBY.value)
    input_locked: Mapped[bool] = mapped_column(Boolean, default=False)
    timer_ends_at: Mapped[datetime | None]
    # A paused countdown: the milliseconds it had left (timer_ends_at is then empty).
    timer_paused_left_ms: Mapped[int | None] = mapped_column(Integer)
    dots_per_participant: Mapped[int] = mapped_column(Integer, default=5)
    max_dots_per_item: Mapped[int] = mapped_column(Integer, default=3)
    vote_target: Mapped[str] = mapped_column(String(10), default=VoteTarget.CLUSTER.value)
    show_names: Mapped[bool] = mapped_column(Boolean, default=False)
    max_idea_length: Mapped[int] = mapped_column(Integer, default=280)
    ideas_per_minute: Mapped[int] = mapped_column(Integer, default=10)
    # Results and head-counts never show a role of fewer people apart (domain.small_groups).
    min_group_size: Mapped[int] = mapped_column(Integer, default=3, server_default=text("3"))
    # Others' ideas stay hidden on phones until revealed (as in Parabol's
    # reflect phase): on by default for critique notes, off for what-if ideas.
    hide_critique: Mapped[bool] = mapped_column(Boolean, default=True)
    hide_what_if: Mapped[bool] = mapped_column(Boolean, default=False)
    critique_revealed: Mapped[bool] = mapped_column(Boolean, default=False)
    what_if_revealed: Mapped[bool] = mapped_column(Boolean, default=False)
    # Prompts on screen: all of them, or only the one marked is_current.
    one_prompt_at_a_time: Mapped[bool] = mapped_column(Boolean, default=False)
    # Participants may group ideas from their phones in the group phase.
    participants_group: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    # Where and when it was held (domain.portfolio.REGIONS; empty for workshops made before).
    region: Mapped[str | None] = mapped_column(String(40))
    held_on: Mapped[date | None] = mapped_column(Date)
    # The SOILA portfolio it belongs to, if any (deleting the portfolio detaches it).
    portfolio_id: Mapped[int | None] = mapped_column(
        ForeignKey("portfolios.id", ondelete="SET NULL"), index=True
    )
    version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now, onupdate=now)

    participants: Mapped[list[Participant]] = relationship(
        back_populates="workshop", passive_deletes=True
    )


class Participant(Base):
    __tablename__ = "participants"
    __table_args__ = (
        one_of("role", Role),
        UniqueConstraint("workshop_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    nickname: Mapped[str | None] = mapped_column(String(40))
    joined_at: Mapped[datetime] = mapped_column(default=now)

    workshop: Mapped[Workshop] = relationship(back_populates="participants")


class Prompt(Base):
    __tablename__ = "prompts"
    __table_args__ = (
        one_of("kind", IdeaKind),
        CheckConstraint("length(text) >= 1", name="text_not_empty"),
        UniqueConstraint("workshop_id", "id"),
        # At most one prompt of a workshop is the one on screen.
        Index(
            "uq_prompts_one_current",
            "workshop_id",
            unique=True,
            sqlite_where=text("is_current"),
            postgresql_where=text("is_current"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(String(500))
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    is_current: Mapped[bool] = mapped_column(Boolean, default=False)


class Cluster(Base):
    __tablename__ = "clusters"
    __table_args__ = (
        CheckConstraint("length(name) >= 1", name="name_not_empty"),
        UniqueConstraint("workshop_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=now)


class Idea(Base):
    __tablename__ = "ideas"
    __table_args__ = (
        one_of("kind", IdeaKind),
        CheckConstraint("length(text) BETWEEN 1 AND 2000", name="text_length"),
        UniqueConstraint("workshop_id", "id"),
        ForeignKeyConstraint(
            ["workshop_id", "participant_id"],
            ["participants.workshop_id", "participants.id"],
            ondelete="CASCADE",
        ),
        Index(None, "workshop_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    participant_id: Mapped[int | None] = mapped_column(index=True)
    prompt_id: Mapped[int | None] = mapped_column(
        ForeignKey("prompts.id", ondelete="SET NULL"), index=True
    )
    cluster_id: Mapped[int | None] = mapped_column(
        ForeignKey("clusters.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now, onupdate=now)


class VoteRound(Base):
    __tablename__ = "vote_rounds"
    __table_args__ = (
        one_of("target", VoteTarget),
        one_of("status", RoundStatus),
        CheckConstraint(
            "idea_kind IS NULL OR (target = 'idea' AND idea_kind IN ("
            + ", ".join(f"'{kind.value}'" for kind in IdeaKind)
            + "))",
            name="idea_kind",
        ),
        CheckConstraint("dots_per_participant >= 1", name="dots_positive"),
        CheckConstraint("max_dots_per_item >= 1", name="max_dots_positive"),
        CheckConstraint("max_dots_per_item <= dots_per_participant", name="max_dots_within_dots"),
        UniqueConstraint("workshop_id", "id"),
        # What a dot copies from its round (and so must match it).
        UniqueConstraint("id", "target", "dots_per_participant", "max_dots_per_item"),
        # At most one round of a workshop is open.
        Index(
            "uq_vote_rounds_one_open",
            "workshop_id",
            unique=True,
            sqlite_where=text("status = 'open'"),
            postgresql_where=text("status = 'open'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    target: Mapped[str] = mapped_column(String(10))
    # Idea rounds: only critique notes or only what-if ideas (NULL: every idea).
    idea_kind: Mapped[str | None] = mapped_column(String(10))
    dots_per_participant: Mapped[int] = mapped_column(Integer)
    max_dots_per_item: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default=RoundStatus.OPEN.value)
    opened_at: Mapped[datetime] = mapped_column(default=now)
    closed_at: Mapped[datetime | None]
    # The result as revealed, small groups already folded (store.voting.reveal_round): what
    # every screen and export shows from then on, so that removing someone afterwards
    # deletes their dots without changing a figure anyone saw. NULL until the reveal.
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Dot(Base):
    """One dot one participant put on one item (an idea or a cluster) in one round.

    The rules live in the constraints: a dot copies its round's target and
    limits (a foreign key makes the copy match the round), its ``slot`` is
    unique per participant and round and within 1..dots, its ``item_slot``
    unique per participant, round and item and within 1..most per item. So
    even two tabs of one participant tapping at the same instant can never
    hold more dots than the round gives, nor more on one item.
    """

    __tablename__ = "dots"
    __table_args__ = (
        one_of("target", VoteTarget),
        CheckConstraint("slot BETWEEN 1 AND dots_limit", name="slot_within_dots"),
        CheckConstraint("item_slot BETWEEN 1 AND item_limit", name="item_slot_within_limit"),
        CheckConstraint(
            "(target = 'idea' AND idea_id IS NOT NULL AND cluster_id IS NULL)"
            " OR (target = 'cluster' AND cluster_id IS NOT NULL AND idea_id IS NULL)",
            name="one_target_of_the_round_kind",
        ),
        ForeignKeyConstraint(
            ["workshop_id", "round_id"],
            ["vote_rounds.workshop_id", "vote_rounds.id"],
            ondelete="CASCADE",
        ),
        ForeignKeyConstraint(
            ["round_id", "target", "dots_limit", "item_limit"],
            [
                "vote_rounds.id",
                "vote_rounds.target",
                "vote_rounds.dots_per_participant",
                "vote_rounds.max_dots_per_item",
            ],
            ondelete="CASCADE",
        ),
        ForeignKeyConstraint(
            ["workshop_id", "participant_id"],
            ["participants.workshop_id", "participants.id"],
            ondelete="CASCADE",
        ),
        ForeignKeyConstraint(
            ["workshop_id", "idea_id"], ["ideas.workshop_id", "ideas.id"], ondelete="CASCADE"
        ),
        ForeignKeyConstraint(
            ["workshop_id", "cluster_id"],
            ["clusters.workshop_id", "clusters.id"],
            ondelete="CASCADE",
        ),
        UniqueConstraint("round_id", "participant_id", "slot"),
        UniqueConstraint("round_id", "participant_id", "idea_id", "item_slot"),
        UniqueConstraint("round_id", "participant_id", "cluster_id", "item_slot"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    round_id: Mapped[int] = mapped_column(index=True)
    participant_id: Mapped[int] = mapped_column(index=True)
    target: Mapped[str] = mapped_column(String(10))
    idea_id: Mapped[int | None] = mapped_column(index=True)
    cluster_id: Mapped[int | None] = mapped_column(index=True)
    dots_limit: Mapped[int] = mapped_column(Integer)
    item_limit: Mapped[int] = mapped_column(Integer)
    slot: Mapped[int] = mapped_column(Integer)
    item_slot: Mapped[int] = mapped_column(Integer)
    # The hot path leaves it to the database's clock.
    created_at: Mapped[datetime] = mapped_column(default=now, server_default=func.now())


class Brief(Base):
    """A project-preparation brief developed from a cluster or an idea."""

    __tablename__ = "briefs"
    __table_args__ = (
        CheckConstraint(
            "oecd_quadrant IS NULL OR oecd_quadrant IN ("
            + ", ".join(f"'{q.value}'" for q in OecdQuadrant)
            + ")",
            name="oecd_quadrant",
        ),
        CheckConstraint("revision >= 1", name="revision_positive"),
        UniqueConstraint("workshop_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    source_cluster_id: Mapped[int | None] = mapped_column(
        ForeignKey("clusters.id", ondelete="SET NULL"), index=True
    )
    source_idea_id: Mapped[int | None] = mapped_column(
        ForeignKey("ideas.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    what_if: Mapped[str] = mapped_column(Text, default="")
    need: Mapped[str] = mapped_column(Text, default="")
    target_group: Mapped[str] = mapped_column(Text, default="")
    strategic_goals: Mapped[list[int]] = mapped_column(JSON, default=list)
    oecd_quadrant: Mapped[str | None] = mapped_column(String(20))
    characteristics: Mapped[list[str]] = mapped_column(JSON, default=list)
    first_experiment: Mapped[str] = mapped_column(Text, default="")
    involved: Mapped[str] = mapped_column(Text, default="")
    obstacles: Mapped[str] = mapped_column(Text, default="")
    quoted_idea_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    # Which idea each field copied at drafting came from ({"title": id, "what_if": id};
    # domain.briefs.draft): hiding or deleting that idea takes the text out of the field
    # while the field still holds it (domain.briefs.without_ideas).
    drafted_from: Mapped[dict[str, int] | None] = mapped_column(JSON, default=dict)
    # Optimistic concurrency: a save names the revision it edited.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now, onupdate=now)


class BriefSuggestion(Base):
    """A participant's suggestion to a brief, which the facilitator may take in."""

    __tablename__ = "brief_suggestions"
    __table_args__ = (
        CheckConstraint("length(text) BETWEEN 1 AND 2000", name="text_length"),
        ForeignKeyConstraint(
            ["workshop_id", "brief_id"], ["briefs.workshop_id", "briefs.id"], ondelete="CASCADE"
        ),
        ForeignKeyConstraint(
            ["workshop_id", "participant_id"],
            ["participants.workshop_id", "participants.id"],
            ondelete="CASCADE",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    brief_id: Mapped[int] = mapped_column(index=True)
    participant_id: Mapped[int | None] = mapped_column(index=True)
    text: Mapped[str] = mapped_column(Text)
    accepted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=now)


class DownloadToken(Base):
    """A one-time download of a workshop's results: minted by a handler that proved a key,
    taken (deleted) by the first download that names it, void after its expiry."""

    __tablename__ = "download_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]


class Portfolio(Base):
    """A SOILA portfolio: briefs published from many workshops (workshop.store.portfolio).

    Kept until its owners delete it. Its keys are stored only as hashes."""

    __tablename__ = "portfolios"
    __table_args__ = (CheckConstraint("length(code) IN (6, 8)", name="code_length"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    coordinator_key_hash: Mapped[str] = mapped_column(String(64))
    viewer_key_hash: Mapped[str | None] = mapped_column(String(64))
    invitation_key_hash: Mapped[str | None] = mapped_column(String(64))
    # The viewer and invitation keys sealed under the coordinator key (domain.tokens.seal):
    # the coordinator hands them out again through one-time openers without renewing them.
    viewer_key_sealed: Mapped[str | None] = mapped_column(String(64))
    invitation_key_sealed: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=now)


class PortfolioBrief(Base):
    """A brief published to a portfolio: a snapshot of what crosses (domain.portfolio),
    taken when published, refreshed when published again. ``content`` never holds a
    nickname, a participant token or a hidden idea."""

    __tablename__ = "portfolio_briefs"
    __table_args__ = (
        one_of("status", PrepStatus),
        UniqueConstraint("portfolio_id", "brief_id"),
        UniqueConstraint("portfolio_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    portfolio_id: Mapped[int] = mapped_column(ForeignKey("portfolios.id", ondelete="CASCADE"), index=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    brief_id: Mapped[int] = mapped_column(ForeignKey("briefs.id", ondelete="CASCADE"), index=True)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    # The brief's revision when published: a later revision means edits not yet sent.
    brief_revision: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20), default="new")
    published_at: Mapped[datetime] = mapped_column(default=now)


class PortfolioBriefStatus(Base):
    """One step of a published brief's preparation: a status and a dated note."""

    __tablename__ = "portfolio_brief_statuses"
    __table_args__ = (
        one_of("status", PrepStatus),
        ForeignKeyConstraint(["portfolio_id", "portfolio_brief_id"],
                             ["portfolio_briefs.portfolio_id", "portfolio_briefs.id"], ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    portfolio_id: Mapped[int] = mapped_column(ForeignKey("portfolios.id", ondelete="CASCADE"), index=True)
    # The workshop the brief came from (so deleting the workshop finds these rows by it).
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    portfolio_brief_id: Mapped[int] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(default=now)


class PortfolioDownloadToken(Base):
    """A one-time download of a portfolio's exports, with the filter and language it was
    minted for (workshop.store.downloads)."""

    __tablename__ = "portfolio_download_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    portfolio_id: Mapped[int] = mapped_column(ForeignKey("portfolios.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    filter_query: Mapped[str] = mapped_column(String(4096), default="")
    language: Mapped[str] = mapped_column(String(2), default=Language.FI.value)
    expires_at: Mapped[datetime]


def _opener_target() -> CheckConstraint:
    """A workshop's opener names its workshop only, a portfolio's its portfolio only."""
    workshop = ", ".join(f"'{purpose.value}'" for purpose in WORKSHOP_OPENERS)
    portfolio = ", ".join(f"'{purpose.value}'" for purpose in PORTFOLIO_OPENERS)
    return CheckConstraint(
        f"(purpose IN ({workshop}) AND workshop_id IS NOT NULL AND portfolio_id IS NULL)"
        f" OR (purpose IN ({portfolio}) AND portfolio_id IS NOT NULL AND workshop_id IS NULL)", name="target")


class Opener(Base):
    """A one-time link's opener (``?open=``, workshop.store.openers): the key of one purpose,
    sealed under the opener itself, which is stored only as a hash. The first browser that
    opens the link takes the key and the row goes; void after ``expires_at``."""

    __tablename__ = "openers"
    __table_args__ = (one_of("purpose", OpenerPurpose), _opener_target())

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    purpose: Mapped[str] = mapped_column(String(12))
    workshop_id: Mapped[int | None] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    portfolio_id: Mapped[int | None] = mapped_column(ForeignKey("portfolios.id", ondelete="CASCADE"), index=True)
    sealed_key: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime]


__all__ = [
    "Base",
    "Brief",
    "BriefSuggestion",
    "Cluster",
    "Dot",
    "DownloadToken",
    "Idea",
    "Opener",
    "Participant",
    "Portfolio",
    "PortfolioBrief",
    "PortfolioBriefStatus",
    "PortfolioDownloadToken",
    "Prompt",
    "VoteRound",
    "Workshop",
]

