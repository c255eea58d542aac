"""Timer: a paused countdown keeps the time it had left.

Revision ID: 7c0c4f1e2b9a
Revises: 922b340c385e
Create Date: 2026-11-30 03:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "7c0c4f1e2b9a"
down_revision = '922b340c385e'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.add_column(sa.Column("timer_paused_left_ms", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.drop_column("timer_paused_left_ms")
