"""Join codes of eight characters for new workshops; six-character codes stay valid

Revision ID: 8f1c2a7d9e30
Revises: 384a85de6646
Create Date: 2026-12-01 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '8f1c2a7d9e30'
down_revision = '384a85de6646'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_workshops_code_length'), type_='check')
        batch_op.alter_column('code', existing_type=sa.String(length=6), type_=sa.String(length=8),
                              existing_nullable=False)
        batch_op.create_check_constraint(op.f('ck_workshops_code_length'), "length(code) IN (6, 8)")


def downgrade() -> None:
    # Only possible while no workshop has an eight-character code.
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_workshops_code_length'), type_='check')
        batch_op.alter_column('code', existing_type=sa.String(length=8), type_=sa.String(length=6),
                              existing_nullable=False)
        batch_op.create_check_constraint(op.f('ck_workshops_code_length'), "length(code) = 6")
