"""One-time openers: links hand a key over once (``openers``), and the results, viewer and
invitation keys kept sealed under their owner's key so that they can be handed out again.

Revision ID: 3dcd729b330e
Revises: 3e9a7c51d2f8
Create Date: 2026-11-30 12:29:10.135109
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '3dcd729b330e'
down_revision = '3e9a7c51d2f8'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('openers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('purpose', sa.String(length=12), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=True),
    sa.Column('portfolio_id', sa.Integer(), nullable=True),
    sa.Column('sealed_key', sa.String(length=64), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(purpose IN ('facilitator', 'display', 'results') AND workshop_id IS NOT NULL AND portfolio_id IS NULL) OR (purpose IN ('coordinator', 'viewer', 'invitation') AND portfolio_id IS NOT NULL AND workshop_id IS NULL)", name=op.f('ck_openers_target')),
    sa.CheckConstraint("purpose IN ('facilitator', 'display', 'results', 'coordinator', 'viewer', 'invitation')", name=op.f('ck_openers_purpose')),
    sa.ForeignKeyConstraint(['portfolio_id'], ['portfolios.id'], name=op.f('fk_openers_portfolio_id_portfolios'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_openers_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_openers')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_openers_token_hash'))
    )
    with op.batch_alter_table('openers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_openers_portfolio_id'), ['portfolio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_openers_workshop_id'), ['workshop_id'], unique=False)

    with op.batch_alter_table('portfolios', schema=None) as batch_op:
        batch_op.add_column(sa.Column('viewer_key_sealed', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('invitation_key_sealed', sa.String(length=64), nullable=True))

    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.add_column(sa.Column('results_key_sealed', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_column('results_key_sealed')

    with op.batch_alter_table('portfolios', schema=None) as batch_op:
        batch_op.drop_column('invitation_key_sealed')
        batch_op.drop_column('viewer_key_sealed')

    with op.batch_alter_table('openers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_openers_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_openers_portfolio_id'))

    op.drop_table('openers')
