"""The console's tables (SQLAlchemy 2 typed models). Alembic migrations create and change them.

Every change to a table here comes with a migration in ``migrations/versions``; a test compares
the migrated database with these models, so the two cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
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
            raise ValueError("console times must be timezone-aware")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class CenterRow(Base):
    __tablename__ = "center"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    signing_key_id: Mapped[str] = mapped_column(String(32))


class PublisherRow(Base):
    __tablename__ = "trusted_publishers"

    key_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    signing_public: Mapped[str] = mapped_column(Text)
    added_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class BankRow(Base):
    __tablename__ = "banks"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    publisher_key_id: Mapped[str] = mapped_column(ForeignKey("trusted_publishers.key_id"))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    imported_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class SessionRow(Base):
    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    bank_id: Mapped[str] = mapped_column(ForeignKey("banks.id"))
    profile: Mapped[str] = mapped_column(String(120))
    date: Mapped[dt.date] = mapped_column(Date)
    room: Mapped[str] = mapped_column(String(120))
    access_code: Mapped[str] = mapped_column(String(6), unique=True)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    invigilators: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)  # migration 0002


class CandidateRow(Base):
    __tablename__ = "candidates"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"), index=True)
    last_name: Mapped[str] = mapped_column(String(80))
    first_name: Mapped[str] = mapped_column(String(80))
    birth_date: Mapped[dt.date] = mapped_column(Date)
    external_id: Mapped[str] = mapped_column(String(64))
    extra_time_minutes: Mapped[int] = mapped_column(Integer)
    accommodations: Mapped[list[str]] = mapped_column(JSON)


class KioskRow(Base):
    __tablename__ = "kiosks"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    signing_public: Mapped[str] = mapped_column(Text)
    wrapping_public: Mapped[str] = mapped_column(Text)
    enrolled_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_heard_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    status: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    last_counter: Mapped[int] = mapped_column(BigInteger, default=0)  # of its signed requests (ADR 0017)
    # seconds, kiosk clock minus console clock, as last estimated (invigilator.core.clock; migration 0003)
    clock_offset: Mapped[float | None] = mapped_column(Float(precision=53), nullable=True)


class EnrolmentCodeRow(Base):
    __tablename__ = "enrolment_codes"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    verifier: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)
    wrong_tries: Mapped[int] = mapped_column(Integer, default=0)
    used_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    used_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    burned_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)


class ReplicaRow(Base):
    """The head of one attempt's journal as the console holds it; its row is the lock appends take."""

    __tablename__ = "replicas"

    kiosk_id: Mapped[str] = mapped_column(ForeignKey("kiosks.id"), primary_key=True)
    attempt_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    head_seq: Mapped[int] = mapped_column(Integer)
    head_hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class ReplicaEntryRow(Base):
    """One journal entry exactly as hashed (payload as canonical JSON text); never updated."""

    __tablename__ = "replica_entries"
    __table_args__ = (
        ForeignKeyConstraint(["kiosk_id", "attempt_id"], ["replicas.kiosk_id", "replicas.attempt_id"]),
    )

    kiosk_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    attempt_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    t_mono: Mapped[float] = mapped_column(Float(precision=53))
    t_wall: Mapped[str | None] = mapped_column(Text, nullable=True)
    kind: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    # the kiosk's clock offset when the entry arrived: its t_wall minus this is console time (migration 0003)
    clock_offset: Mapped[float | None] = mapped_column(Float(precision=53), nullable=True)


class AlertRow(Base):
    __tablename__ = "alerts"
    __table_args__ = (Index("ix_alerts_kiosk_open", "kiosk_id", "handled_at"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("kiosks.id"))
    kind: Mapped[str] = mapped_column(String(32))
    raised_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    attempt_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    handled_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    handled_by: Mapped[str] = mapped_column(String(120), default="")
    resolution: Mapped[str] = mapped_column(Text, default="")


class CommandRow(Base):
    __tablename__ = "commands"
    __table_args__ = (Index("ix_commands_kiosk_pending", "kiosk_id", "acknowledged_at"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("kiosks.id"))
    kind: Mapped[str] = mapped_column(String(32))
    args: Mapped[dict[str, Any]] = mapped_column(JSON)
    issued_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    issued_by: Mapped[str] = mapped_column(String(120))
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)



class ExposureRecordRow(Base):
    """A bank's exposure record: how many attempts were counted; its row is the lock counting takes."""

    __tablename__ = "exposure_records"

    bank_id: Mapped[str] = mapped_column(ForeignKey("banks.id"), primary_key=True)
    tests: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class ExposureCountRow(Base):
    __tablename__ = "exposure_counts"

    bank_id: Mapped[str] = mapped_column(ForeignKey("exposure_records.bank_id"), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class ExposureAttemptRow(Base):
    """An attempt already counted in its bank's record (a bundle received twice counts once)."""

    __tablename__ = "exposure_attempts"

    bank_id: Mapped[str] = mapped_column(ForeignKey("exposure_records.bank_id"), primary_key=True)
    attempt_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    counted_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class CheckInRow(Base):
    """What a kiosk's candidate typed for one attempt, the roster lines proposed, and the decision taken."""

    __tablename__ = "checkins"

    kiosk_id: Mapped[str] = mapped_column(ForeignKey("kiosks.id"), primary_key=True)
    attempt_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    session_id: Mapped[str | None] = mapped_column(ForeignKey("sessions.id"), nullable=True, index=True)
    typed: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    state: Mapped[str] = mapped_column(String(16))
    refusal: Mapped[str | None] = mapped_column(String(32), nullable=True)
    proposals: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    candidate_id: Mapped[str | None] = mapped_column(ForeignKey("candidates.id"), nullable=True)
    confirmed_by: Mapped[str] = mapped_column(String(120), default="")
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    command_id: Mapped[str | None] = mapped_column(String(64), nullable=True)


class IncidentRow(Base):
    """An incident of a session, in DOMAIN's categories (migration 0005)."""

    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    category: Mapped[str] = mapped_column(String(40))
    sub_reason: Mapped[str | None] = mapped_column(String(40), nullable=True)
    note: Mapped[str] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(120))
    kiosk_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    candidate_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    attempt_id: Mapped[str | None] = mapped_column(String(80), nullable=True)


class FinalisationRow(Base):
    """A session's finalisation, signed by the center key, and the package made from it (migration 0005)."""

    __tablename__ = "finalisations"

    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"), primary_key=True)
    finalised_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    finalised_by: Mapped[str] = mapped_column(String(120))
    comment: Mapped[str] = mapped_column(Text)
    lines: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    signed: Mapped[str] = mapped_column(Text)  # the signed envelope's canonical bytes, as text
    package_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    packaged_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
