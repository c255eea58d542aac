"""A revealed vote result is stored at the reveal and stays as revealed.

Rounds revealed before this revision keep a NULL result; they are counted from their dots
until a participant is removed, and the removal stores them first
(store.voting.keep_revealed_results).

Revision ID: 3e9a7c51d2f8
Revises: b7d41e6a2c90
Create Date: 2026-12-06 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "3e9a7c51d2f8"
down_revision = "b7d41e6a2c90"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("vote_rounds", schema=None) as batch_op:
        batch_op.add_column(sa.Column("result", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("vote_rounds", schema=None) as batch_op:
        batch_op.drop_column("result")
