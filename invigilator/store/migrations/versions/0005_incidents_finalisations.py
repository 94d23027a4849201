"""Incidents recorded in a session, and each session's finalisation (comments, abort reasons,
results, the center's signature) and the package made from it (issue 11 items 6, 7 and 9).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('incidents',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('session_id', sa.String(length=120), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('sub_reason', sa.String(length=40), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('by', sa.String(length=120), nullable=False),
    sa.Column('kiosk_id', sa.String(length=32), nullable=True),
    sa.Column('candidate_id', sa.String(length=64), nullable=True),
    sa.Column('attempt_id', sa.String(length=80), nullable=True),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_incidents_session_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents'))
    )
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incidents_session_id'), ['session_id'], unique=False)
    op.create_table('finalisations',
    sa.Column('session_id', sa.String(length=120), nullable=False),
    sa.Column('finalised_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finalised_by', sa.String(length=120), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('lines', sa.JSON(), nullable=False),
    sa.Column('signed', sa.Text(), nullable=False),
    sa.Column('package_id', sa.String(length=64), nullable=True),
    sa.Column('packaged_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_finalisations_session_id')),
    sa.PrimaryKeyConstraint('session_id', name=op.f('pk_finalisations'))
    )


def downgrade() -> None:
    op.drop_table('finalisations')
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incidents_session_id'))
    op.drop_table('incidents')
