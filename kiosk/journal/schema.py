"""The journal database: one SQLite file per kiosk holding attempts, entries and checkpoints.

SQLite in WAL mode with ``synchronous=FULL`` (set on every connection by a connect event), so a
committed transaction is on disk when the commit returns. Entries are append-only: triggers
refuse updates and deletions, and no code path of the kiosk deletes an attempt. An attacker with
the file can drop the triggers; the hash chain and the attempt's MAC'd head are what detect that.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from sqlalchemy import DDL, Engine, ForeignKey, LargeBinary, String, Text, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from kiosk.errors import JournalDamagedError, JournalError

DB_FILE = "journal.sqlite"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 5000


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC datetime stored as ISO text (SQLite has no date type)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: object) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("journal times must be timezone-aware")
        return value.astimezone(dt.UTC).isoformat()

    def process_result_value(self, value: str | None, dialect: object) -> dt.datetime | None:
        return dt.datetime.fromisoformat(value) if value is not None else None


class Base(DeclarativeBase):
    pass


class AttemptRow(Base):
    """One attempt: its wrapped key, its chain head (with a MAC), and status columns.

    Status changes (finished, submitted, exported, receipt verified, quarantined) are updates of
    these columns, never edits of the journal.
    """

    __tablename__ = "attempts"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    device_key_id: Mapped[str] = mapped_column(String(64))
    wrapped_key: Mapped[str] = mapped_column(Text)  # JSON of protocol.keywrap's X25519 entry
    head_seq: Mapped[int] = mapped_column(default=0)
    head_hash: Mapped[str] = mapped_column(String(64))
    head_mac: Mapped[str] = mapped_column(String(64))
    checked_in_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    bundle_id: Mapped[str | None] = mapped_column(String(64))
    receipt_code: Mapped[str | None] = mapped_column(String(16))
    exported_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    exported_to: Mapped[str | None] = mapped_column(Text)
    receipt_verified_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    receipt_ref: Mapped[str | None] = mapped_column(Text)
    quarantined_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    quarantine_seq: Mapped[int | None]
    quarantine_reason: Mapped[str | None] = mapped_column(Text)


class EntryRow(Base):
    """One journal entry. ``payload`` holds canonical JSON, or ``sealed`` its AES-GCM encryption."""

    __tablename__ = "entries"

    attempt_id: Mapped[str] = mapped_column(ForeignKey("attempts.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    t_mono: Mapped[float]
    t_wall: Mapped[str] = mapped_column(Text)  # ISO text exactly as hashed
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[str | None] = mapped_column(Text)
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    hash: Mapped[str] = mapped_column(String(64))


class CheckpointRow(Base):
    """The heartbeat of exam time used: one row per attempt, overwritten about once a second."""

    __tablename__ = "checkpoints"

    attempt_id: Mapped[str] = mapped_column(ForeignKey("attempts.id"), primary_key=True)
    elapsed: Mapped[float]
    wall: Mapped[str] = mapped_column(Text)
    mac: Mapped[str] = mapped_column(String(64))


_TRIGGERS = [
    "CREATE TRIGGER IF NOT EXISTS entries_no_update BEFORE UPDATE ON entries "
    "BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS entries_no_delete BEFORE DELETE ON entries "
    "BEGIN SELECT RAISE(ABORT, 'journal entries are never deleted'); END",
    "CREATE TRIGGER IF NOT EXISTS attempts_no_delete BEFORE DELETE ON attempts "
    "BEGIN SELECT RAISE(ABORT, 'attempts are never deleted'); END",
]
for _statement in _TRIGGERS:
    event.listen(Base.metadata, "after_create", DDL(_statement))


def _on_connect(dbapi_connection, connection_record) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's implicit BEGIN is unreliable).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA fullfsync=ON")  # macOS: flush the drive's cache, not just the OS's
        cursor.execute("PRAGMA checkpoint_fullfsync=ON")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _on_begin(connection) -> None:
    # Every write transaction of the journal writes before it reads, so a deferred BEGIN takes the
    # write lock at its first statement and waits (busy_timeout) behind another writer.
    connection.exec_driver_sql("BEGIN")


def damaged_message(path: Path, finding: str) -> str:
    """One line naming the file and SQLite's first findings, and what to do."""
    finding = " ".join(finding.replace("*** in database main ***", "").split())
    if len(finding) > 160:
        finding = finding[:160] + "…"
    return (f"{path}: the journal file is damaged ({finding}). It was kept as it is, untouched: copy the "
            "whole data directory for the support. The result bundles in the outbox do not depend on it and can "
            "still be listed and exported (pupitre-kiosk outbox, pupitre-kiosk export)")


def _quick_check(conn, path: Path) -> None:
    """SQLite's own check of every page and index (``PRAGMA quick_check``), before anything is written.

    The hash chain catches edits of the entries, not a damaged page of an index, which would make
    queries miss rows or fail later; a file that fails is refused as it is (nothing is repaired,
    rebuilt or moved, so the evidence stays as it was found).
    """
    rows = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA quick_check(3)").all()]
    if rows != ["ok"]:
        raise JournalDamagedError(damaged_message(path, "; ".join(rows)))


_DAMAGE_SIGNS = ("not a database", "malformed", "disk image", "database corrupt")


def open_database(data_dir: Path) -> Engine:
    """Open (creating if needed) ``<data_dir>/journal.sqlite`` with the durability settings above.

    Raises :class:`~kiosk.errors.JournalDamagedError` when the file fails SQLite's check.
    """
    path = data_dir / DB_FILE
    if os.name == "posix" and not path.exists():
        # An empty file is an empty database; making it first gives it (and so its -wal and -shm
        # files, which SQLite creates with the database's mode) mode 0600 from the start.
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    try:
        with engine.connect() as conn:
            _quick_check(conn, path)
        with engine.begin() as conn:
            version = conn.exec_driver_sql("PRAGMA user_version").scalar() or 0
            if version > SCHEMA_VERSION:
                raise JournalError(f"{path}: journal format {version} is newer than this kiosk understands "
                                   f"({SCHEMA_VERSION}); update Pupitre (the file was left untouched)")
            Base.metadata.create_all(conn)
            if version < SCHEMA_VERSION:
                conn.exec_driver_sql(f"PRAGMA user_version={SCHEMA_VERSION}")
    except JournalError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        if any(sign in str(exc).lower() for sign in _DAMAGE_SIGNS):
            raise JournalDamagedError(damaged_message(path, str(getattr(exc, "orig", exc)))) from None
        raise JournalError(f"{path}: cannot open the journal database ({exc})") from exc
    return engine
