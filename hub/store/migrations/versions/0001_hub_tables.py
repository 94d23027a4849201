"""The hub's first tables: centers, banks, uploads and their chunks, packages, sessions, results and
the jury's decisions.

Revision ID: 0001
Revises:
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import hub.store.schema

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('banks',
    sa.Column('manifest_sha256', sa.String(length=64), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('bank_id', sa.String(length=80), nullable=False),
    sa.Column('version', sa.String(length=40), nullable=False),
    sa.Column('publisher', sa.JSON(), nullable=False),
    sa.Column('added_at', hub.store.schema.UtcDateTime(timezone=True), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('manifest_sha256', name=op.f('pk_banks')),
    sa.UniqueConstraint('file_sha256', name=op.f('uq_banks_file_sha256'))
    )
    op.create_table('centers',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('public_keys', sa.JSON(), nullable=False),
    sa.Column('signing_id', sa.String(length=32), nullable=False),
    sa.Column('enrolled_at', hub.store.schema.UtcDateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', hub.store.schema.UtcDateTime(timezone=True), nullable=True),
    sa.Column('last_counter', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_centers')),
    sa.UniqueConstraint('signing_id', name=op.f('uq_centers_signing_id'))
    )
    op.create_table('uploads',
    sa.Column('package', sa.String(length=64), nullable=False),
    sa.Column('center_id', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('received', sa.BigInteger(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('refusal', sa.String(length=40), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('receipt', sa.LargeBinary(), nullable=True),
    sa.Column('started_at', hub.store.schema.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', hub.store.schema.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['center_id'], ['centers.id'], name=op.f('fk_uploads_center_id')),
    sa.PrimaryKeyConstraint('package', name=op.f('pk_uploads'))
    )
    with op.batch_alter_table('uploads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_uploads_center_id'), ['center_id'], unique=False)

    op.create_table('packages',
    sa.Column('package', sa.String(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['package'], ['uploads.package'], name=op.f('fk_packages_package')),
    sa.PrimaryKeyConstraint('package', name=op.f('pk_packages'))
    )
    op.create_table('sessions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('package', sa.String(length=64), nullable=False),
    sa.Column('center_id', sa.String(length=64), nullable=False),
    sa.Column('session_id', sa.String(length=200), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('room', sa.String(length=200), nullable=False),
    sa.Column('bank_id', sa.String(length=80), nullable=False),
    sa.Column('profile', sa.String(length=200), nullable=False),
    sa.Column('invigilators', sa.JSON(), nullable=False),
    sa.Column('incidents', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('stored_at', hub.store.schema.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['center_id'], ['centers.id'], name=op.f('fk_sessions_center_id')),
    sa.ForeignKeyConstraint(['package'], ['uploads.package'], name=op.f('fk_sessions_package')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sessions')),
    sa.UniqueConstraint('center_id', 'session_id', name='uq_sessions_center_session'),
    sa.UniqueConstraint('package', name=op.f('uq_sessions_package'))
    )
    op.create_table('upload_chunks',
    sa.Column('package', sa.String(length=64), nullable=False),
    sa.Column('start', sa.BigInteger(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['package'], ['uploads.package'], name=op.f('fk_upload_chunks_package'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('package', 'start', name=op.f('pk_upload_chunks'))
    )
    op.create_table('results',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('session', sa.Integer(), nullable=False),
    sa.Column('center_id', sa.String(length=64), nullable=False),
    sa.Column('attempt', sa.String(length=80), nullable=False),
    sa.Column('bundle', sa.String(length=64), nullable=True),
    sa.Column('receipt_code', sa.String(length=16), nullable=True),
    sa.Column('verification_code', sa.String(length=16), nullable=True),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('external_id', sa.String(length=200), nullable=False),
    sa.Column('last_name', sa.String(length=200), nullable=False),
    sa.Column('first_name', sa.String(length=200), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('person_key', sa.String(length=64), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=True),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('level', sa.String(length=80), nullable=True),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('abort_reason', sa.Text(), nullable=True),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('decision_reason', sa.Text(), nullable=True),
    sa.Column('decided_by', sa.String(length=200), nullable=True),
    sa.Column('decided_at', hub.store.schema.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['center_id'], ['centers.id'], name=op.f('fk_results_center_id')),
    sa.ForeignKeyConstraint(['session'], ['sessions.id'], name=op.f('fk_results_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_results')),
    sa.UniqueConstraint('bundle', name=op.f('uq_results_bundle')),
    sa.UniqueConstraint('center_id', 'attempt', name='uq_results_center_attempt'),
    sa.UniqueConstraint('receipt_code', name=op.f('uq_results_receipt_code')),
    sa.UniqueConstraint('verification_code', name=op.f('uq_results_verification_code'))
    )
    with op.batch_alter_table('results', schema=None) as batch_op:
        batch_op.create_index('ix_results_external', ['external_id'], unique=False)
        batch_op.create_index('ix_results_person', ['person_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_results_session'), ['session'], unique=False)

    op.create_table('decisions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('result', sa.Integer(), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('decided_by', sa.String(length=200), nullable=False),
    sa.Column('decided_at', hub.store.schema.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['result'], ['results.id'], name=op.f('fk_decisions_result')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions'))
    )
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decisions_result'), ['result'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decisions_result'))

    op.drop_table('decisions')
    with op.batch_alter_table('results', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_results_session'))
        batch_op.drop_index('ix_results_person')
        batch_op.drop_index('ix_results_external')

    op.drop_table('results')
    op.drop_table('upload_chunks')
    op.drop_table('sessions')
    op.drop_table('packages')
    with op.batch_alter_table('uploads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_uploads_center_id'))

    op.drop_table('uploads')
    op.drop_table('centers')
    op.drop_table('banks')
