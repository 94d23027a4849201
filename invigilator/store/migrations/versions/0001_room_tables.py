"""The room's first tables: center, publishers, banks, sessions, candidates, kiosks, enrolment codes,
journal replicas, alerts and commands.

Replica entries are evidence: triggers refuse to update or delete them on both databases.

Revision ID: 0001
Revises:
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

SQLITE_TRIGGERS = {
    "replica_entries_no_update": "BEFORE UPDATE ON replica_entries "
                                 "BEGIN SELECT RAISE(ABORT, 'replica entries are append-only'); END",
    "replica_entries_no_delete": "BEFORE DELETE ON replica_entries "
                                 "BEGIN SELECT RAISE(ABORT, 'replica entries are never deleted'); END",
}
PG_FUNCTION = """
CREATE FUNCTION replica_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'replica entries are append-only';
END $$"""

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('center',
    sa.Column('id', sa.String(length=120), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('signing_key_id', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_center'))
    )
    op.create_table('enrolment_codes',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('verifier', sa.String(length=64), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('wrong_tries', sa.Integer(), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('used_by', sa.String(length=32), nullable=True),
    sa.Column('burned_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrolment_codes')),
    sa.UniqueConstraint('verifier', name=op.f('uq_enrolment_codes_verifier'))
    )
    with op.batch_alter_table('enrolment_codes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enrolment_codes_expires_at'), ['expires_at'], unique=False)

    op.create_table('kiosks',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('signing_public', sa.Text(), nullable=False),
    sa.Column('wrapping_public', sa.Text(), nullable=False),
    sa.Column('enrolled_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_heard_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status', sa.JSON(), nullable=True),
    sa.Column('last_counter', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kiosks')),
    sa.UniqueConstraint('name', name=op.f('uq_kiosks_name'))
    )
    op.create_table('trusted_publishers',
    sa.Column('key_id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('signing_public', sa.Text(), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key_id', name=op.f('pk_trusted_publishers'))
    )
    op.create_table('alerts',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('kiosk_id', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('raised_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('attempt_id', sa.String(length=80), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('handled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('handled_by', sa.String(length=120), nullable=False),
    sa.Column('resolution', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['kiosk_id'], ['kiosks.id'], name=op.f('fk_alerts_kiosk_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alerts'))
    )
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.create_index('ix_alerts_kiosk_open', ['kiosk_id', 'handled_at'], unique=False)

    op.create_table('banks',
    sa.Column('id', sa.String(length=120), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('publisher_key_id', sa.String(length=32), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['publisher_key_id'], ['trusted_publishers.key_id'],
                            name=op.f('fk_banks_publisher_key_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_banks')),
    sa.UniqueConstraint('sha256', name=op.f('uq_banks_sha256'))
    )
    op.create_table('commands',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('kiosk_id', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('args', sa.JSON(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('issued_by', sa.String(length=120), nullable=False),
    sa.Column('acknowledged_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['kiosk_id'], ['kiosks.id'], name=op.f('fk_commands_kiosk_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commands'))
    )
    with op.batch_alter_table('commands', schema=None) as batch_op:
        batch_op.create_index('ix_commands_kiosk_pending', ['kiosk_id', 'acknowledged_at'], unique=False)

    op.create_table('replicas',
    sa.Column('kiosk_id', sa.String(length=32), nullable=False),
    sa.Column('attempt_id', sa.String(length=80), nullable=False),
    sa.Column('head_seq', sa.Integer(), nullable=False),
    sa.Column('head_hash', sa.String(length=64), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['kiosk_id'], ['kiosks.id'], name=op.f('fk_replicas_kiosk_id')),
    sa.PrimaryKeyConstraint('kiosk_id', 'attempt_id', name=op.f('pk_replicas'))
    )
    op.create_table('replica_entries',
    sa.Column('kiosk_id', sa.String(length=32), nullable=False),
    sa.Column('attempt_id', sa.String(length=80), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('t_mono', sa.Float(precision=53), nullable=False),
    sa.Column('t_wall', sa.Text(), nullable=True),
    sa.Column('kind', sa.String(length=64), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['kiosk_id', 'attempt_id'], ['replicas.kiosk_id', 'replicas.attempt_id'],
                            name=op.f('fk_replica_entries_kiosk_id')),
    sa.PrimaryKeyConstraint('kiosk_id', 'attempt_id', 'seq', name=op.f('pk_replica_entries'))
    )
    op.create_table('sessions',
    sa.Column('id', sa.String(length=120), nullable=False),
    sa.Column('bank_id', sa.String(length=120), nullable=False),
    sa.Column('profile', sa.String(length=120), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('room', sa.String(length=120), nullable=False),
    sa.Column('access_code', sa.String(length=6), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['bank_id'], ['banks.id'], name=op.f('fk_sessions_bank_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sessions')),
    sa.UniqueConstraint('access_code', name=op.f('uq_sessions_access_code'))
    )
    op.create_table('candidates',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('session_id', sa.String(length=120), nullable=False),
    sa.Column('last_name', sa.String(length=80), nullable=False),
    sa.Column('first_name', sa.String(length=80), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('extra_time_minutes', sa.Integer(), nullable=False),
    sa.Column('accommodations', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_candidates_session_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_candidates'))
    )
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_candidates_session_id'), ['session_id'], unique=False)
    _append_only_up()


def downgrade() -> None:
    _append_only_down()
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_candidates_session_id'))

    op.drop_table('candidates')
    op.drop_table('sessions')
    op.drop_table('replica_entries')
    op.drop_table('replicas')
    with op.batch_alter_table('commands', schema=None) as batch_op:
        batch_op.drop_index('ix_commands_kiosk_pending')

    op.drop_table('commands')
    op.drop_table('banks')
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.drop_index('ix_alerts_kiosk_open')

    op.drop_table('alerts')
    op.drop_table('trusted_publishers')
    op.drop_table('kiosks')
    with op.batch_alter_table('enrolment_codes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enrolment_codes_expires_at'))

    op.drop_table('enrolment_codes')
    op.drop_table('center')


def _append_only_up() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        op.execute("CREATE TRIGGER replica_entries_append_only BEFORE UPDATE OR DELETE ON replica_entries "
                   "FOR EACH ROW EXECUTE FUNCTION replica_entries_append_only()")
    else:
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")


def _append_only_down() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER replica_entries_append_only ON replica_entries")
        op.execute("DROP FUNCTION replica_entries_append_only()")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
