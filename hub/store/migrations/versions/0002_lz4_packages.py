"""PostgreSQL compresses the stored packages and upload chunks with lz4 instead of pglz.

A package is about 1.5 MB of JSON; pglz spends several times lz4's CPU on it for a similar ratio, and
that CPU is taken from the workers on the same machine. Only new values are compressed with lz4 (old
ones stay readable as they are). Nothing to do on SQLite (a one-machine trial), nor on a PostgreSQL
built without lz4 (it keeps pglz).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

_COLUMNS = (("packages", "data"), ("upload_chunks", "data"))


def _has_lz4() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return False
    options = bind.execute(sa.text("SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'"))
    values = options.scalar()
    return values is not None and "lz4" in values


def upgrade() -> None:
    if _has_lz4():
        for table, column in _COLUMNS:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION lz4")


def downgrade() -> None:
    if _has_lz4():
        for table, column in _COLUMNS:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION pglz")
