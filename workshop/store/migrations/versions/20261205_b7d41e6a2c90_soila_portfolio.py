"""The SOILA portfolio: portfolios, published briefs with their statuses, portfolio
download tokens; a workshop's region, held date and portfolio.

Revision ID: b7d41e6a2c90
Revises: 7c0c4f1e2b9a
Create Date: 2026-11-30 06:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "b7d41e6a2c90"
down_revision = "7c0c4f1e2b9a"
branch_labels = None
depends_on = None

# Frozen here: a later change of the vocabularies needs its own migration.
REGIONS = (
    "ita_uusimaa", "keski_uusimaa", "lansi_uusimaa", "vantaa_kerava", "varsinais_suomi", "satakunta",
    "kanta_hame", "pirkanmaa", "paijat_hame", "kymenlaakso", "etela_karjala", "etela_savo", "pohjois_savo",
    "pohjois_karjala", "keski_suomi", "etela_pohjanmaa", "pohjanmaa", "keski_pohjanmaa", "pohjois_pohjanmaa",
    "kainuu", "lappi", "helsinki", "national",
)
STATUSES = "status IN ('new', 'in_preparation', 'project_started', 'not_taken_forward')"


def upgrade() -> None:
    op.create_table(
        "portfolios",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("coordinator_key_hash", sa.String(length=64), nullable=False),
        sa.Column("viewer_key_hash", sa.String(length=64), nullable=True),
        sa.Column("invitation_key_hash", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("length(code) IN (6, 8)", name=op.f("ck_portfolios_code_length")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portfolios")),
        sa.UniqueConstraint("code", name=op.f("uq_portfolios_code")),
    )
    op.create_table(
        "portfolio_briefs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("portfolio_id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("brief_id", sa.Integer(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("brief_revision", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(STATUSES, name=op.f("ck_portfolio_briefs_status")),
        sa.ForeignKeyConstraint(["brief_id"], ["briefs.id"], name=op.f("fk_portfolio_briefs_brief_id_briefs"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["portfolio_id"], ["portfolios.id"],
                                name=op.f("fk_portfolio_briefs_portfolio_id_portfolios"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"],
                                name=op.f("fk_portfolio_briefs_workshop_id_workshops"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portfolio_briefs")),
        sa.UniqueConstraint("portfolio_id", "brief_id", name=op.f("uq_portfolio_briefs_portfolio_id_brief_id")),
        sa.UniqueConstraint("portfolio_id", "id", name=op.f("uq_portfolio_briefs_portfolio_id_id")),
    )
    for column in ("brief_id", "portfolio_id", "workshop_id"):
        op.create_index(op.f(f"ix_portfolio_briefs_{column}"), "portfolio_briefs", [column], unique=False)
    op.create_table(
        "portfolio_brief_statuses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("portfolio_id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("portfolio_brief_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(STATUSES, name=op.f("ck_portfolio_brief_statuses_status")),
        sa.ForeignKeyConstraint(
            ["portfolio_id", "portfolio_brief_id"], ["portfolio_briefs.portfolio_id", "portfolio_briefs.id"],
            name=op.f("fk_portfolio_brief_statuses_portfolio_id_portfolio_brief_id_portfolio_briefs"),
            ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["portfolio_id"], ["portfolios.id"],
                                name=op.f("fk_portfolio_brief_statuses_portfolio_id_portfolios"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"],
                                name=op.f("fk_portfolio_brief_statuses_workshop_id_workshops"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portfolio_brief_statuses")),
    )
    for column in ("portfolio_brief_id", "portfolio_id", "workshop_id"):
        op.create_index(op.f(f"ix_portfolio_brief_statuses_{column}"), "portfolio_brief_statuses", [column],
                        unique=False)
    op.create_table(
        "portfolio_download_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("portfolio_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("filter_query", sa.String(length=4096), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["portfolio_id"], ["portfolios.id"],
                                name=op.f("fk_portfolio_download_tokens_portfolio_id_portfolios"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portfolio_download_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_portfolio_download_tokens_token_hash")),
    )
    op.create_index(op.f("ix_portfolio_download_tokens_portfolio_id"), "portfolio_download_tokens",
                    ["portfolio_id"], unique=False)
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.add_column(sa.Column("region", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("held_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("portfolio_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_workshops_portfolio_id"), ["portfolio_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_workshops_portfolio_id_portfolios"), "portfolios",
                                    ["portfolio_id"], ["id"], ondelete="SET NULL")
        batch_op.create_check_constraint(
            "region", "region IS NULL OR region IN (" + ", ".join(f"'{r}'" for r in REGIONS) + ")")


def downgrade() -> None:
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_workshops_region"), type_="check")
        batch_op.drop_constraint(batch_op.f("fk_workshops_portfolio_id_portfolios"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_workshops_portfolio_id"))
        batch_op.drop_column("portfolio_id")
        batch_op.drop_column("held_on")
        batch_op.drop_column("region")
    op.drop_table("portfolio_download_tokens")
    op.drop_table("portfolio_brief_statuses")
    op.drop_table("portfolio_briefs")
    op.drop_table("portfolios")
