"""The journal of one attempt (kiosk.core.ports.Journal): append-only, hash-chained, durable on return."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from typing import Any

from sqlalchemy import Connection, Engine, insert, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError

from kiosk.core import events as ev
from kiosk.core.events import Event
from kiosk.core.ports import Clock
from kiosk.errors import JournalError
from kiosk.journal.schema import AttemptRow, CheckpointRow, EntryRow
from kiosk.journal.sealing import SALT_FIELD, SEALED_KINDS, AttemptKeys
from protocol.canonical import b64encode, canonical_bytes
from protocol.errors import CanonicalEncodingError
from protocol.journal_chain import entry_hash, genesis_hash

# Status columns that an entry of this kind sets, in the same transaction as the entry.
_STATUS_OF_KIND = {ev.CHECKED_IN: "checked_in_at", ev.FINISHED: "finished_at"}


class AttemptJournal:
    """Appends the events of one attempt; obtained from :class:`~kiosk.journal.JournalStore` only.

    The journal keeps the (decrypted) events it has read or written in memory for
    :meth:`events`; nothing decrypted is ever written to disk.
    """

    def __init__(self, engine: Engine, attempt_id: str, keys: AttemptKeys, clock: Clock, events: list[Event],
                 checkpoint: tuple[float, dt.datetime] | None = None):
        self._engine = engine
        self.attempt_id = attempt_id
        self._keys = keys
        self._clock = clock
        self._events = list(events)
        self._checkpoint = checkpoint
        self._conn: Connection | None = None  # the open transaction of the current command, if any

    @property
    def seq(self) -> int:
        """The number of the last entry (0 when empty)."""
        return self._events[-1].seq if self._events else 0

    @property
    def head(self) -> str:
        """The hash of the last entry: what a result bundle signs (the genesis value when empty)."""
        return self._events[-1].hash if self._events else genesis_hash(self.attempt_id)

    def events(self) -> list[Event]:
        """Every event of the attempt, decrypted, in order."""
        return list(self._events)

    def checkpoint_value(self) -> tuple[float, dt.datetime] | None:
        """The last heartbeat (exam time used, wall time), as ``ExamSession.restore`` takes it."""
        return self._checkpoint

    def durable_state(self) -> tuple[list[Event], tuple[float, dt.datetime] | None]:
        """What is committed (outside a transaction, everything this journal holds)."""
        if self._conn is not None:
            raise JournalError(f"attempt {self.attempt_id}: the durable state is read outside a transaction")
        return self.events(), self._checkpoint

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One SQLite transaction for every append of the block: one commit, one fsync of the WAL.

        If the block raises, or the commit fails, the transaction is rolled back and the entries
        appended in it are forgotten here too, so memory never runs ahead of the disk.
        """
        if self._conn is not None:  # a nested block joins the outer one
            yield
            return
        mark, checkpoint = len(self._events), self._checkpoint
        try:
            conn = self._engine.connect()
            conn.begin()
        except SQLAlchemyError as exc:
            raise JournalError(f"attempt {self.attempt_id}: cannot open a journal transaction ({exc})") from exc
        self._conn = conn
        try:
            try:
                yield
            except BaseException:
                self._forget(conn, mark, checkpoint)
                raise
            try:
                conn.commit()
            except SQLAlchemyError as exc:
                self._forget(conn, mark, checkpoint)
                raise JournalError(f"attempt {self.attempt_id}: cannot commit {len(self._events) - mark} "
                                   f"journal entries ({exc}); none was recorded") from exc
        finally:
            self._conn = None
            conn.close()

    def _forget(self, conn: Connection, mark: int, checkpoint: tuple[float, dt.datetime] | None) -> None:
        with suppress(SQLAlchemyError):  # closing the connection rolls back too
            conn.rollback()
        del self._events[mark:]
        self._checkpoint = checkpoint

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """The connection to write with: the open transaction's, or a transaction of its own."""
        if self._conn is not None:
            yield self._conn
        else:
            with self._engine.begin() as conn:
                yield conn

    def append(self, kind: str, payload: Mapping[str, Any]) -> Event:
        """Append an event; when this returns, the entry is committed and on disk (synchronous=FULL),
        or, inside :meth:`transaction`, written in that transaction and durable when it commits."""
        try:
            body = json.loads(canonical_bytes(dict(payload)))
        except CanonicalEncodingError as exc:
            raise JournalError(f"attempt {self.attempt_id}: a '{kind}' event holds data that cannot be "
                               f"journalled ({exc})") from None
        if kind in SEALED_KINDS:
            body[SALT_FIELD] = b64encode(os.urandom(16))
        seq, prev = self.seq + 1, self.head
        t_mono = float(self._clock.monotonic())
        wall = self._clock.now()
        if wall.tzinfo is None:
            raise JournalError("the kiosk clock gave a time without a timezone; journal times must be UTC-aware")
        t_wall = wall.astimezone(dt.UTC).isoformat()
        digest = entry_hash(seq, prev, t_mono, t_wall, kind, body)
        plain = canonical_bytes(body)
        sealed = self._keys.seal(seq, kind, plain) if kind in SEALED_KINDS else None
        status = {_STATUS_OF_KIND[kind]: dt.datetime.fromisoformat(t_wall)} if kind in _STATUS_OF_KIND else {}
        try:
            with self._writing() as conn:
                conn.execute(insert(EntryRow).values(
                    attempt_id=self.attempt_id, seq=seq, prev_hash=prev, t_mono=t_mono, t_wall=t_wall, kind=kind,
                    payload=None if sealed is not None else plain.decode("utf-8"), sealed=sealed, hash=digest))
                moved = conn.execute(
                    update(AttemptRow)
                    .where(AttemptRow.id == self.attempt_id, AttemptRow.head_seq == seq - 1,
                           AttemptRow.quarantined_at.is_(None))
                    .values(head_seq=seq, head_hash=digest, head_mac=self._keys.head_mac(seq, digest), **status))
                if moved.rowcount != 1:
                    raise JournalError(f"attempt {self.attempt_id}: the journal changed under this kiosk (another "
                                       "process is writing it, or it was quarantined); nothing was appended")
        except SQLAlchemyError as exc:
            raise JournalError(f"attempt {self.attempt_id}: cannot write entry {seq} ({kind}) to the journal "
                               f"({exc.__class__.__name__}: {exc.orig if hasattr(exc, 'orig') else exc}); "
                               "the event was not recorded") from exc
        event = Event(seq, kind, body, t_mono, dt.datetime.fromisoformat(t_wall), digest)
        self._events.append(event)
        return event

    def adopt(self, events: list[Event]) -> None:
        """Take over, as they are, the entries of an attempt begun on another kiosk (a move to a spare
        PC, ADR 0025): one transaction, each entry with its own seq, times, hash and predecessor, so
        the chain and its head are the ones the console holds and this kiosk's entries continue it."""
        if self._events:
            raise JournalError(f"attempt {self.attempt_id}: entries are adopted only into an empty journal")
        try:
            with self._engine.begin() as conn:
                for event in events:
                    prev = self._events[-1].hash if self._events else genesis_hash(self.attempt_id)
                    t_wall = event.t_wall.astimezone(dt.UTC).isoformat() if event.t_wall else None
                    body = json.loads(canonical_bytes(dict(event.payload)))
                    if event.seq != len(self._events) + 1 or t_wall is None or \
                            entry_hash(event.seq, prev, float(event.t_mono), t_wall, event.kind, body) != event.hash:
                        raise JournalError(f"attempt {self.attempt_id}: entry {event.seq} does not continue the "
                                           "chain; nothing was adopted")
                    plain = canonical_bytes(body)
                    sealed = self._keys.seal(event.seq, event.kind, plain) if event.kind in SEALED_KINDS else None
                    conn.execute(insert(EntryRow).values(
                        attempt_id=self.attempt_id, seq=event.seq, prev_hash=prev, t_mono=float(event.t_mono),
                        t_wall=t_wall, kind=event.kind, payload=None if sealed is not None else plain.decode("utf-8"),
                        sealed=sealed, hash=event.hash))
                    status = ({_STATUS_OF_KIND[event.kind]: dt.datetime.fromisoformat(t_wall)}
                              if event.kind in _STATUS_OF_KIND else {})
                    conn.execute(update(AttemptRow).where(AttemptRow.id == self.attempt_id).values(
                        head_seq=event.seq, head_hash=event.hash, head_mac=self._keys.head_mac(event.seq, event.hash),
                        **status))
                    self._events.append(Event(event.seq, event.kind, body, float(event.t_mono),
                                              dt.datetime.fromisoformat(t_wall), event.hash))
        except SQLAlchemyError as exc:
            self._events = []
            raise JournalError(f"attempt {self.attempt_id}: cannot write the adopted journal ({exc})") from exc
        except BaseException:
            self._events = []
            raise

    def checkpoint(self, elapsed: float, wall: dt.datetime) -> None:
        """Record the exam time used so far: one row per attempt, replaced each time (durable on return)."""
        if wall.tzinfo is None:
            raise JournalError("a checkpoint's wall time must be timezone-aware")
        wall_text = wall.astimezone(dt.UTC).isoformat()
        elapsed = float(elapsed)
        values = {"elapsed": elapsed, "wall": wall_text, "mac": self._keys.checkpoint_mac(elapsed, wall_text)}
        statement = sqlite_insert(CheckpointRow).values(attempt_id=self.attempt_id, **values)
        statement = statement.on_conflict_do_update(index_elements=[CheckpointRow.attempt_id], set_=values)
        try:
            with self._writing() as conn:
                conn.execute(statement)
        except SQLAlchemyError as exc:
            raise JournalError(f"attempt {self.attempt_id}: cannot record the time checkpoint ({exc})") from exc
        self._checkpoint = (elapsed, dt.datetime.fromisoformat(wall_text))
