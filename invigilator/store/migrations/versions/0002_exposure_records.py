"""The center's exposure record per bank: attempts counted, item counts (issue 10 item 9); the
invigilators of a session.

Revision ID: 0002_exposure
Revises: 0001
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002_exposure'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('invigilators', sa.JSON(), nullable=True))
    op.create_table('exposure_records',
    sa.Column('bank_id', sa.String(length=120), nullable=False),
    sa.Column('tests', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['bank_id'], ['banks.id'], name=op.f('fk_exposure_records_bank_id')),
    sa.PrimaryKeyConstraint('bank_id', name=op.f('pk_exposure_records'))
    )
    op.create_table('exposure_attempts',
    sa.Column('bank_id', sa.String(length=120), nullable=False),
    sa.Column('attempt_id', sa.String(length=80), nullable=False),
    sa.Column('counted_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['bank_id'], ['exposure_records.bank_id'], name=op.f('fk_exposure_attempts_bank_id')),
    sa.PrimaryKeyConstraint('bank_id', 'attempt_id', name=op.f('pk_exposure_attempts'))
    )
    op.create_table('exposure_counts',
    sa.Column('bank_id', sa.String(length=120), nullable=False),
    sa.Column('item_id', sa.String(length=120), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['bank_id'], ['exposure_records.bank_id'], name=op.f('fk_exposure_counts_bank_id')),
    sa.PrimaryKeyConstraint('bank_id', 'item_id', name=op.f('pk_exposure_counts'))
    )


def downgrade() -> None:
    op.drop_table('exposure_counts')
    op.drop_table('exposure_attempts')
    op.drop_table('exposure_records')
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_column('invigilators')
