"""Grouping: a workshop setting for grouping from phones; cluster names not empty.

Revision ID: cf34acd1a089
Revises: 54365369c2ee
Create Date: 2026-11-24 04:08:13.554084
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "cf34acd1a089"
down_revision = "54365369c2ee"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("participants_group", sa.Boolean(), server_default=sa.text("false"), nullable=False)
        )
    with op.batch_alter_table("clusters", schema=None) as batch_op:
        batch_op.create_check_constraint(op.f("ck_clusters_name_not_empty"), "length(name) >= 1")


def downgrade() -> None:
    with op.batch_alter_table("clusters", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_clusters_name_not_empty"), type_="check")
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.drop_column("participants_group")
