"""The hub's tables (SQLAlchemy 2 typed models). Alembic migrations create and change them.

Every change to a table here comes with a migration in ``migrations/versions``; a test compares the
migrated database with these models, so the two cannot drift apart.

What makes several ``serve`` workers on one database safe lives here as constraints: one upload per
package (primary key), one chunk per (package, offset), one stored result per (center, attempt),
one verification code per published result; each center's request counter is a column updated
only upwards.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {"ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
          "ck": "ck_%(table_name)s_%(constraint_name)s", "fk": "fk_%(table_name)s_%(column_0_name)s",
          "pk": "pk_%(table_name)s"}


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC time: ``timestamptz`` on PostgreSQL, UTC text on SQLite, aware in Python."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("hub times must be timezone-aware")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class CenterRow(Base):
    """An enrolled center: its public keys, and the last request counter the hub accepted from it."""

    __tablename__ = "centers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    public_keys: Mapped[dict[str, Any]] = mapped_column(JSON)
    signing_id: Mapped[str] = mapped_column(String(32), unique=True)
    enrolled_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_counter: Mapped[int] = mapped_column(BigInteger, default=0)


class BankRow(Base):
    """A bank the hub can replay with: the ``.pbank`` bytes, kept so every worker can open it."""

    __tablename__ = "banks"

    manifest_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    file_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    bank_id: Mapped[str] = mapped_column(String(80))
    version: Mapped[str] = mapped_column(String(40))
    publisher: Mapped[dict[str, Any]] = mapped_column(JSON)
    added_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class UploadRow(Base):
    """One package's upload: how far it got, and its end (stored with a receipt, or refused with a reason)."""

    __tablename__ = "uploads"

    package: Mapped[str] = mapped_column(String(64), primary_key=True)
    center_id: Mapped[str] = mapped_column(ForeignKey("centers.id"), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    received: Mapped[int] = mapped_column(BigInteger, default=0)
    state: Mapped[str] = mapped_column(String(16))  # receiving | verifying | stored | refused
    refusal: Mapped[str | None] = mapped_column(String(40), nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    receipt: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    started_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class ChunkRow(Base):
    """Bytes of an upload in progress, at their offset; deleted when the package is whole."""

    __tablename__ = "upload_chunks"

    package: Mapped[str] = mapped_column(ForeignKey("uploads.package", ondelete="CASCADE"), primary_key=True)
    start: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class PackageRow(Base):
    """A whole package as the center signed it, stored or refused (kept for review either way)."""

    __tablename__ = "packages"

    package: Mapped[str] = mapped_column(ForeignKey("uploads.package"), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class SessionRow(Base):
    """A stored session: what the package says about it."""

    __tablename__ = "sessions"
    __table_args__ = (UniqueConstraint("center_id", "session_id", name="uq_sessions_center_session"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    package: Mapped[str] = mapped_column(ForeignKey("uploads.package"), unique=True)
    center_id: Mapped[str] = mapped_column(ForeignKey("centers.id"))
    session_id: Mapped[str] = mapped_column(String(200))
    date: Mapped[dt.date] = mapped_column(Date)
    room: Mapped[str] = mapped_column(String(200))
    bank_id: Mapped[str] = mapped_column(String(80))
    profile: Mapped[str] = mapped_column(String(200))
    invigilators: Mapped[list[str]] = mapped_column(JSON)
    incidents: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text)
    stored_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class ResultRow(Base):
    """One candidate's attempt in a stored session, its replayed result and the jury's decision."""

    __tablename__ = "results"
    __table_args__ = (UniqueConstraint("center_id", "attempt", name="uq_results_center_attempt"),
                      Index("ix_results_person", "person_key"), Index("ix_results_external", "external_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session: Mapped[int] = mapped_column(ForeignKey("sessions.id"), index=True)
    center_id: Mapped[str] = mapped_column(ForeignKey("centers.id"))
    attempt: Mapped[str] = mapped_column(String(80))
    bundle: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    receipt_code: Mapped[str | None] = mapped_column(String(16), nullable=True, unique=True)
    verification_code: Mapped[str | None] = mapped_column(String(16), nullable=True, unique=True)
    outcome: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(200))
    last_name: Mapped[str] = mapped_column(String(200))
    first_name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[dt.date] = mapped_column(Date)
    person_key: Mapped[str] = mapped_column(String(64))
    date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str | None] = mapped_column(String(32), nullable=True)
    score: Mapped[int | None] = mapped_column(Integer, nullable=True)
    level: Mapped[str | None] = mapped_column(String(80), nullable=True)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    abort_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    decision: Mapped[str] = mapped_column(String(16), default="pending")
    decision_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    decided_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)


class DecisionRow(Base):
    """Every jury decision ever recorded, in order (the result row holds the latest)."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    result: Mapped[int] = mapped_column(ForeignKey("results.id"), index=True)
    decision: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
