"""Dot voting: one row per dot, the rules in constraints; idea rounds by kind; one open round

Revision ID: 384a85de6646
Revises: cf34acd1a089
Create Date: 2026-11-24 14:34:12.487693
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '384a85de6646'
down_revision = 'cf34acd1a089'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The old per-item counts (never written by any release) give way to one row per dot.
    with op.batch_alter_table('vote_rounds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('idea_kind', sa.String(length=10), nullable=True))
        batch_op.create_check_constraint(
            op.f('ck_vote_rounds_idea_kind'),
            "idea_kind IS NULL OR (target = 'idea' AND idea_kind IN ('critique', 'what_if'))",
        )
        batch_op.create_unique_constraint(batch_op.f('uq_vote_rounds_id_target_dots_per_participant_max_dots_per_item'), ['id', 'target', 'dots_per_participant', 'max_dots_per_item'])
        batch_op.create_index('uq_vote_rounds_one_open', ['workshop_id'], unique=True, sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))

    op.create_table('dots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('target', sa.String(length=10), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=True),
    sa.Column('cluster_id', sa.Integer(), nullable=True),
    sa.Column('dots_limit', sa.Integer(), nullable=False),
    sa.Column('item_limit', sa.Integer(), nullable=False),
    sa.Column('slot', sa.Integer(), nullable=False),
    sa.Column('item_slot', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("(target = 'idea' AND idea_id IS NOT NULL AND cluster_id IS NULL) OR (target = 'cluster' AND cluster_id IS NOT NULL AND idea_id IS NULL)", name=op.f('ck_dots_one_target_of_the_round_kind')),
    sa.CheckConstraint("target IN ('idea', 'cluster')", name=op.f('ck_dots_target')),
    sa.CheckConstraint('item_slot BETWEEN 1 AND item_limit', name=op.f('ck_dots_item_slot_within_limit')),
    sa.CheckConstraint('slot BETWEEN 1 AND dots_limit', name=op.f('ck_dots_slot_within_dots')),
    sa.ForeignKeyConstraint(['round_id', 'target', 'dots_limit', 'item_limit'], ['vote_rounds.id', 'vote_rounds.target', 'vote_rounds.dots_per_participant', 'vote_rounds.max_dots_per_item'], name=op.f('fk_dots_round_id_target_dots_limit_item_limit_vote_rounds'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id', 'cluster_id'], ['clusters.workshop_id', 'clusters.id'], name=op.f('fk_dots_workshop_id_cluster_id_clusters'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id', 'idea_id'], ['ideas.workshop_id', 'ideas.id'], name=op.f('fk_dots_workshop_id_idea_id_ideas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id', 'participant_id'], ['participants.workshop_id', 'participants.id'], name=op.f('fk_dots_workshop_id_participant_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id', 'round_id'], ['vote_rounds.workshop_id', 'vote_rounds.id'], name=op.f('fk_dots_workshop_id_round_id_vote_rounds'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_dots_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dots')),
    sa.UniqueConstraint('round_id', 'participant_id', 'cluster_id', 'item_slot', name=op.f('uq_dots_round_id_participant_id_cluster_id_item_slot')),
    sa.UniqueConstraint('round_id', 'participant_id', 'idea_id', 'item_slot', name=op.f('uq_dots_round_id_participant_id_idea_id_item_slot')),
    sa.UniqueConstraint('round_id', 'participant_id', 'slot', name=op.f('uq_dots_round_id_participant_id_slot'))
    )
    with op.batch_alter_table('dots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dots_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dots_idea_id'), ['idea_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dots_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dots_round_id'), ['round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dots_workshop_id'), ['workshop_id'], unique=False)

    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_votes_cluster_id'))
        batch_op.drop_index(batch_op.f('ix_votes_idea_id'))
        batch_op.drop_index(batch_op.f('ix_votes_participant_id'))
        batch_op.drop_index(batch_op.f('ix_votes_round_id'))
        batch_op.drop_index(batch_op.f('ix_votes_workshop_id'))

    op.drop_table('votes')


def downgrade() -> None:
    with op.batch_alter_table('dots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dots_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_dots_round_id'))
        batch_op.drop_index(batch_op.f('ix_dots_participant_id'))
        batch_op.drop_index(batch_op.f('ix_dots_idea_id'))
        batch_op.drop_index(batch_op.f('ix_dots_cluster_id'))

    op.drop_table('dots')
    with op.batch_alter_table('vote_rounds', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_vote_rounds_idea_kind'), type_='check')
        batch_op.drop_index('uq_vote_rounds_one_open', sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))
        batch_op.drop_constraint(batch_op.f('uq_vote_rounds_id_target_dots_per_participant_max_dots_per_item'), type_='unique')
        batch_op.drop_column('idea_kind')

    op.create_table('votes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=True),
    sa.Column('cluster_id', sa.Integer(), nullable=True),
    sa.Column('dots', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(idea_id IS NULL) <> (cluster_id IS NULL)', name=op.f('ck_votes_exactly_one_target')),
    sa.CheckConstraint('dots >= 1', name=op.f('ck_votes_dots_positive')),
    sa.ForeignKeyConstraint(['workshop_id', 'cluster_id'], ['clusters.workshop_id', 'clusters.id'], name=op.f('fk_votes_workshop_id_cluster_id_clusters'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id', 'idea_id'], ['ideas.workshop_id', 'ideas.id'], name=op.f('fk_votes_workshop_id_idea_id_ideas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id', 'participant_id'], ['participants.workshop_id', 'participants.id'], name=op.f('fk_votes_workshop_id_participant_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id', 'round_id'], ['vote_rounds.workshop_id', 'vote_rounds.id'], name=op.f('fk_votes_workshop_id_round_id_vote_rounds'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_votes_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_votes')),
    sa.UniqueConstraint('round_id', 'participant_id', 'cluster_id', name=op.f('uq_votes_round_id_participant_id_cluster_id')),
    sa.UniqueConstraint('round_id', 'participant_id', 'idea_id', name=op.f('uq_votes_round_id_participant_id_idea_id'))
    )
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_votes_workshop_id'), ['workshop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_votes_round_id'), ['round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_votes_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_votes_idea_id'), ['idea_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_votes_cluster_id'), ['cluster_id'], unique=False)
