"""The kiosk's journal store: attempts, their verified opening, quarantine, and status columns."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from kiosk.clock import SystemClock
from kiosk.core.events import Event
from kiosk.core.ports import Clock
from kiosk.device import DeviceIdentity, ensure_private_dir
from kiosk.errors import JournalDamagedError, JournalError, JournalIntegrityError
from kiosk.journal.attempt import AttemptJournal
from kiosk.journal.schema import DB_FILE, AttemptRow, CheckpointRow, EntryRow, damaged_message, open_database
from kiosk.journal.sealing import SEALED_KINDS, AttemptKeys, wrap_context
from protocol import aead
from protocol.errors import DecryptionError, UnwrapError
from protocol.journal_chain import ChainEntry, check_chain, genesis_hash

log = logging.getLogger(__name__)

ATTEMPT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")  # also a file name in the outbox


class BrokenJournalError(JournalIntegrityError):
    """A journal failed its check; ``seq`` is the first bad entry (0: the attempt's own record)."""

    def __init__(self, attempt_id: str, seq: int, reason: str):
        self.attempt_id, self.seq, self.reason = attempt_id, seq, reason
        super().__init__(f"journal of attempt {attempt_id}: {reason}. The journal is kept as evidence "
                         "(quarantined) and this attempt cannot be continued; tell the invigilator")


@dataclass(frozen=True)
class AttemptRecord:
    """What the store knows about an attempt besides its journal: key, head, and status columns."""

    attempt_id: str
    created_at: dt.datetime
    device_key_id: str
    head_seq: int
    head_hash: str
    checked_in_at: dt.datetime | None
    finished_at: dt.datetime | None
    submitted_at: dt.datetime | None
    bundle_id: str | None
    receipt_code: str | None
    exported_at: dt.datetime | None
    exported_to: str | None
    receipt_verified_at: dt.datetime | None
    receipt_ref: str | None
    quarantined_at: dt.datetime | None
    quarantine_seq: int | None
    quarantine_reason: str | None

    @property
    def status(self) -> str:
        """The furthest step: quarantined, receipt-verified, exported, submitted, finished, in-progress, created."""
        for name, column in (("quarantined", self.quarantined_at), ("receipt-verified", self.receipt_verified_at),
                             ("exported", self.exported_at), ("submitted", self.submitted_at),
                             ("finished", self.finished_at), ("in-progress", self.checked_in_at)):
            if column is not None:
                return name
        return "created"

    @classmethod
    def of(cls, row: Any) -> AttemptRecord:
        """From a row of the attempts table."""
        return cls(**{f.name: getattr(row, "id" if f.name == "attempt_id" else f.name) for f in fields(cls)})


class JournalStore:
    """``<data_dir>/journal.sqlite``: every attempt this kiosk ran. Nothing in it is ever deleted.

    ``device`` may be None for status-only use (listing, export); creating or opening an
    attempt needs it, because attempt keys are wrapped for the device.
    """

    def __init__(self, data_dir: str | os.PathLike[str], device: DeviceIdentity | None, clock: Clock | None = None):
        self.data_dir = ensure_private_dir(data_dir)
        self.path = self.data_dir / DB_FILE
        self.device = device
        self.clock: Clock = clock or SystemClock()
        self._engine: Engine = open_database(self.data_dir)

    @property
    def engine(self) -> Engine:
        return self._engine

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> JournalStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _device(self, what: str) -> DeviceIdentity:
        if self.device is None:
            raise JournalError(f"{what} needs the device key (this store was opened for status only)")
        return self.device

    # -- attempts ---------------------------------------------------------------------------------
    def create_attempt(self, attempt_id: str) -> AttemptJournal:
        """Begin the journal of a new attempt, with a fresh key wrapped for this device."""
        if not ATTEMPT_ID.fullmatch(attempt_id):
            raise JournalError(f"attempt id {attempt_id!r}: letters, digits, '.', '_' and '-' only (at most 80)")
        device = self._device(f"creating attempt {attempt_id}")
        key = aead.new_key()
        keys = AttemptKeys(attempt_id, key)
        genesis = genesis_hash(attempt_id)
        try:
            with self._engine.begin() as conn:
                conn.execute(insert(AttemptRow).values(
                    id=attempt_id, created_at=self.clock.now(), device_key_id=device.key_id,
                    wrapped_key=json.dumps(device.wrap(key, wrap_context(attempt_id)), sort_keys=True),
                    head_seq=0, head_hash=genesis, head_mac=keys.head_mac(0, genesis)))
        except IntegrityError:
            raise JournalError(f"attempt {attempt_id} already exists in {self.path}; an attempt id is used once "
                               "(resume it with open_attempt)") from None
        except SQLAlchemyError as exc:
            raise JournalError(f"cannot create attempt {attempt_id} in {self.path} ({exc})") from exc
        return AttemptJournal(self._engine, attempt_id, keys, self.clock, [])

    def open_attempt(self, attempt_id: str) -> AttemptJournal:
        """Open an attempt to continue it, after verifying its whole journal.

        Raises :class:`BrokenJournalError` (a :class:`~kiosk.errors.JournalIntegrityError`) naming
        the first bad entry when the check fails; the attempt is then quarantined for good.
        """
        row = self._row(attempt_id)
        if row.quarantined_at is not None:
            raise BrokenJournalError(attempt_id, row.quarantine_seq or 0,
                                     f"quarantined since {row.quarantined_at:%Y-%m-%d %H:%M} UTC "
                                     f"({row.quarantine_reason})")
        device = self._device(f"opening attempt {attempt_id}")
        if row.device_key_id != device.key_id:
            raise JournalError(f"attempt {attempt_id} was written by device key {row.device_key_id}, and this "
                               f"kiosk's key is {device.key_id}: it cannot be opened here (nothing was changed)")
        try:
            keys = AttemptKeys(attempt_id, device.unwrap(json.loads(row.wrapped_key), wrap_context(attempt_id)))
        except (UnwrapError, ValueError, TypeError, AttributeError) as exc:
            self._fail(attempt_id, 0, f"the attempt's key does not open ({exc})")
        events, checkpoint = self._verified(row, keys)
        return AttemptJournal(self._engine, attempt_id, keys, self.clock, events, checkpoint)

    def _verified(self, row: Any, keys: AttemptKeys) -> tuple[list[Event], tuple[float, dt.datetime] | None]:
        attempt_id = row.id
        # One read transaction, so one snapshot of the database (WAL): the head, the entries and the
        # checkpoint are read as they were at one instant, even while another process appends.
        try:
            with self._engine.connect() as conn, conn.begin():
                row = conn.execute(select(AttemptRow).where(AttemptRow.id == attempt_id)).one()
                rows = conn.execute(select(EntryRow).where(EntryRow.attempt_id == attempt_id)
                                    .order_by(EntryRow.seq)).all()
                mark = conn.execute(select(CheckpointRow).where(CheckpointRow.attempt_id == attempt_id)).first()
        except SQLAlchemyError as exc:
            raise self._read_error(exc) from None
        entries, unreadable = [], None
        for entry in rows:
            try:
                entries.append(self._plain(entry, keys))
            except (DecryptionError, ValueError) as exc:
                unreadable = (entry.seq, f"entry {entry.seq} ({entry.kind}) cannot be read: {exc}")
                break
        chain = check_chain(attempt_id, entries)  # on the readable prefix: the earliest fault is named
        if not chain.ok:
            self._fail(attempt_id, chain.first_bad_seq or 0, chain.reason)
        if unreadable is not None:
            self._fail(attempt_id, *unreadable)
        if not keys.same(row.head_mac, keys.head_mac(row.head_seq, row.head_hash)):
            self._fail(attempt_id, 0, "the attempt's sealed head was altered (entries were added at the end, "
                                      "removed from it, or rewritten)")
        if row.head_seq != len(entries) or row.head_hash != chain.head:
            self._fail(attempt_id, min(len(entries), row.head_seq) + 1,
                       f"the journal ends at entry {len(entries)} but its sealed head is entry {row.head_seq} "
                       "(entries were removed from or added at the end)")
        checkpoint = None
        if mark is not None:
            if not keys.same(mark.mac, keys.checkpoint_mac(mark.elapsed, mark.wall)):
                self._fail(attempt_id, 0, "the time checkpoint was altered")
            checkpoint = (mark.elapsed, dt.datetime.fromisoformat(mark.wall))
        events = [Event(e.seq, e.kind, e.payload, e.t_mono, dt.datetime.fromisoformat(e.t_wall) if e.t_wall else None,
                        e.hash) for e in entries]
        return events, checkpoint

    @staticmethod
    def _plain(entry: Any, keys: AttemptKeys) -> ChainEntry:
        """An entry as it was hashed; ValueError or DecryptionError when it cannot be read back."""
        if entry.kind in SEALED_KINDS and entry.payload is not None:
            raise ValueError("it should be encrypted but is stored in clear")
        if entry.sealed is not None:
            plain = keys.unseal(entry.seq, entry.kind, entry.sealed)
        elif entry.payload is not None:
            plain = entry.payload.encode("utf-8")
        else:
            raise ValueError("it has no payload")
        payload = json.loads(plain)
        if not isinstance(payload, dict):
            raise ValueError("its payload is not a mapping")
        return ChainEntry(entry.seq, entry.prev_hash, entry.t_mono, entry.t_wall, entry.kind, payload, entry.hash)

    def _fail(self, attempt_id: str, seq: int, reason: str) -> NoReturn:
        """Quarantine the attempt (the first reason is kept) and raise :class:`BrokenJournalError`."""
        log.error("journal of attempt %s fails its check at entry %s: %s; quarantined", attempt_id, seq, reason)
        try:
            with self._engine.begin() as conn:
                conn.execute(update(AttemptRow).where(AttemptRow.id == attempt_id, AttemptRow.quarantined_at.is_(None))
                             .values(quarantined_at=self.clock.now(), quarantine_seq=seq, quarantine_reason=reason))
        except SQLAlchemyError as exc:  # the refusal stands even if the mark cannot be written
            log.error("cannot record the quarantine of attempt %s: %s", attempt_id, exc)
        raise BrokenJournalError(attempt_id, seq, reason)

    # -- listing ----------------------------------------------------------------------------------
    def _row(self, attempt_id: str) -> Any:
        try:
            with self._engine.connect() as conn:
                row = conn.execute(select(AttemptRow).where(AttemptRow.id == attempt_id)).first()
        except SQLAlchemyError as exc:
            raise self._read_error(exc) from None
        if row is None:
            raise JournalError(f"there is no attempt {attempt_id} in {self.path}")
        return row

    def attempt(self, attempt_id: str) -> AttemptRecord:
        return AttemptRecord.of(self._row(attempt_id))

    def _select(self, *conditions: Any) -> list[AttemptRecord]:
        try:
            with self._engine.connect() as conn:
                rows = conn.execute(select(AttemptRow).where(*conditions).order_by(AttemptRow.created_at)).all()
            return [AttemptRecord.of(r) for r in rows]
        except (SQLAlchemyError, ValueError, TypeError) as exc:  # a damaged page, or a row no writer of ours made
            raise self._read_error(exc) from None

    def _read_error(self, exc: Exception) -> JournalError:
        """A read failed after the quick check passed: name the file and keep it."""
        return JournalDamagedError(damaged_message(self.path, str(getattr(exc, "orig", exc))))

    def attempts(self) -> list[AttemptRecord]:
        return self._select()

    def unfinished_attempts(self) -> list[AttemptRecord]:
        """Attempts checked in and not submitted (nor quarantined): the kiosk offers to resume them."""
        return self._select(AttemptRow.checked_in_at.is_not(None), AttemptRow.submitted_at.is_(None),
                            AttemptRow.quarantined_at.is_(None))

    def quarantined(self) -> list[AttemptRecord]:
        """Attempts whose journal failed its check: kept forever as evidence, never continued."""
        return self._select(AttemptRow.quarantined_at.is_not(None))

    # -- status columns (never journal edits) ------------------------------------------------------
    def _set(self, attempt_id: str, **values: Any) -> None:
        try:
            with self._engine.begin() as conn:
                done = conn.execute(update(AttemptRow).where(AttemptRow.id == attempt_id).values(**values)).rowcount
        except SQLAlchemyError as exc:
            raise JournalError(f"attempt {attempt_id}: cannot record its status ({exc})") from exc
        if done != 1:
            raise JournalError(f"there is no attempt {attempt_id} in {self.path}")

    def mark_submitted(self, attempt_id: str, bundle_id: str, receipt_code: str) -> None:
        """The signed bundle is durable in the outbox (it is not sent yet)."""
        self._set(attempt_id, submitted_at=self.clock.now(), bundle_id=bundle_id, receipt_code=receipt_code)

    def mark_exported(self, attempt_id: str, target: str | os.PathLike[str]) -> None:
        """A verified copy of the bundle was written to ``target`` (a USB stick): still not acknowledged."""
        self._set(attempt_id, exported_at=self.clock.now(), exported_to=str(Path(target)))

    def mark_receipt_verified(self, attempt_id: str, receipt_ref: str) -> None:
        """A signed receipt for the bundle was verified: only now may anyone consider it delivered."""
        self._set(attempt_id, receipt_verified_at=self.clock.now(), receipt_ref=receipt_ref)
