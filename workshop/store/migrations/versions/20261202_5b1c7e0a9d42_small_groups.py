"""Small groups: each workshop's least group size shown apart (K)

Revision ID: 5b1c7e0a9d42
Revises: 8f1c2a7d9e30
Create Date: 2026-11-25 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "5b1c7e0a9d42"
down_revision = "8f1c2a7d9e30"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Workshops created before this revision get the default K = 3.
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.add_column(sa.Column("min_group_size", sa.Integer(), server_default=sa.text("3"), nullable=False))
        batch_op.create_check_constraint(op.f("ck_workshops_min_group_size_positive"), "min_group_size >= 1")


def downgrade() -> None:
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_workshops_min_group_size_positive"), type_="check")
        batch_op.drop_column("min_group_size")
