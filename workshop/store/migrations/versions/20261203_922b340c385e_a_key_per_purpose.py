"""A key per purpose: the big screen's display key (salt and hash), one-time download tokens

Revision ID: 922b340c385e
Revises: 5b1c7e0a9d42
Create Date: 2026-11-30 03:10:42.863862
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '922b340c385e'
down_revision = '5b1c7e0a9d42'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('download_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_download_tokens_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_download_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_download_tokens_token_hash'))
    )
    with op.batch_alter_table('download_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_download_tokens_workshop_id'), ['workshop_id'], unique=False)

    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.add_column(sa.Column('display_key_salt', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('display_key_hash', sa.String(length=64), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_column('display_key_hash')
        batch_op.drop_column('display_key_salt')

    with op.batch_alter_table('download_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_download_tokens_workshop_id'))

    op.drop_table('download_tokens')
