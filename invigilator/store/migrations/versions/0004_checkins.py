"""Check-ins: what a kiosk's candidate typed, the roster lines proposed, the invigilator's decision.

Revision ID: 0004
Revises: 0002_exposure
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('checkins',
    sa.Column('kiosk_id', sa.String(length=32), nullable=False),
    sa.Column('attempt_id', sa.String(length=80), nullable=False),
    sa.Column('session_id', sa.String(length=120), nullable=True),
    sa.Column('typed', sa.JSON(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('refusal', sa.String(length=32), nullable=True),
    sa.Column('proposals', sa.JSON(), nullable=False),
    sa.Column('candidate_id', sa.String(length=64), nullable=True),
    sa.Column('confirmed_by', sa.String(length=120), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('command_id', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_checkins_candidate_id')),
    sa.ForeignKeyConstraint(['kiosk_id'], ['kiosks.id'], name=op.f('fk_checkins_kiosk_id')),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_checkins_session_id')),
    sa.PrimaryKeyConstraint('kiosk_id', 'attempt_id', name=op.f('pk_checkins'))
    )
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checkins_session_id'), ['session_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_checkins_session_id'))
    op.drop_table('checkins')
