"""Each kiosk's clock offset, and the offset each replica entry arrived with (issue 10 item 8).

Revision ID: 0003
Revises: 0002_exposure
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002_exposure'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('kiosks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('clock_offset', sa.Float(precision=53), nullable=True))
    with op.batch_alter_table('replica_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('clock_offset', sa.Float(precision=53), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('replica_entries', schema=None) as batch_op:
        batch_op.drop_column('clock_offset')
    with op.batch_alter_table('kiosks', schema=None) as batch_op:
        batch_op.drop_column('clock_offset')
