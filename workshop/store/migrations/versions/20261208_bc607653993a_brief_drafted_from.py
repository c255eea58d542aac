"""A brief records which idea each field copied at drafting came from (``briefs.drafted_from``),
so that hiding or deleting that idea takes its text out of the brief.

Briefs drafted before this revision are filled in from what they hold: a brief drafted from
one idea copied it into its title and what-if; a brief drafted from a cluster copied one of
its what-if ideas into its what-if, found by its text (spaces aside) while unchanged.

Revision ID: bc607653993a
Revises: 3dcd729b330e
Create Date: 2026-12-08 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "bc607653993a"
down_revision = "3dcd729b330e"
branch_labels = None
depends_on = None

BRIEFS = sa.table("briefs", sa.column("id", sa.Integer), sa.column("workshop_id", sa.Integer),
                  sa.column("source_idea_id", sa.Integer), sa.column("source_cluster_id", sa.Integer),
                  sa.column("what_if", sa.Text), sa.column("drafted_from", sa.JSON))
IDEAS = sa.table("ideas", sa.column("id", sa.Integer), sa.column("workshop_id", sa.Integer),
                 sa.column("kind", sa.String), sa.column("text", sa.Text))


def _plain(text: str) -> str:
    return " ".join(text.split())


def upgrade() -> None:
    with op.batch_alter_table("briefs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("drafted_from", sa.JSON(), nullable=True))
    bind = op.get_bind()
    for brief in bind.execute(sa.select(BRIEFS)).all():
        drafted: dict[str, int] = {}
        if brief.source_idea_id is not None:
            drafted = {"title": brief.source_idea_id, "what_if": brief.source_idea_id}
        elif brief.source_cluster_id is not None and brief.what_if:
            found = bind.execute(sa.select(IDEAS.c.id, IDEAS.c.text).where(
                IDEAS.c.workshop_id == brief.workshop_id, IDEAS.c.kind == "what_if").order_by(IDEAS.c.id)).all()
            match = next((row.id for row in found if _plain(row.text) == _plain(brief.what_if)), None)
            if match is not None:
                drafted = {"what_if": match}
        bind.execute(sa.update(BRIEFS).where(BRIEFS.c.id == brief.id).values(drafted_from=drafted))


def downgrade() -> None:
    with op.batch_alter_table("briefs", schema=None) as batch_op:
        batch_op.drop_column("drafted_from")
