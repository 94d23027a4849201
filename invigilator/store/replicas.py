"""The console's replica of every kiosk journal: idempotent, concurrent-safe appends.

An append is one transaction. It takes the replica's row lock (``SELECT … FOR UPDATE`` on
PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` already serialises writers), reads the head and the
hashes of any entries it is sent again, lets :func:`invigilator.core.replica.plan_append`
decide, stores what continues the chain and moves the head. The primary key
``(kiosk_id, attempt_id, seq)`` is the last line: if two writers ever raced past the lock, the
second insert fails, the transaction rolls back, and the append is tried again from the new head
(where the entries are now duplicates).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from invigilator.core.alerts import Alert, AlertKind, alerts_from_entries
from invigilator.core.clock import TimedEntry, console_timeline, parse_kiosk_time, to_console_time
from invigilator.core.replica import ATTEMPT_ID, AppendPlan, ReplicaHead, plan_append
from invigilator.errors import InvigilatorError
from invigilator.store.database import Database
from invigilator.store.kiosks import active_kiosk_row
from invigilator.store.schema import AlertRow, KioskRow, ReplicaEntryRow, ReplicaRow
from protocol.canonical import canonical_bytes
from protocol.journal_chain import ChainEntry, genesis_hash

RACE_RETRIES = 5


@dataclass(frozen=True)
class AppendResult:
    """What an append did: the head the console now holds (the acknowledgement), and any alerts."""

    head: ReplicaHead
    stored: int
    duplicates: int
    plan: AppendPlan
    alerts: tuple[Alert, ...]


def _entry(row: ReplicaEntryRow) -> ChainEntry:
    return ChainEntry(row.seq, row.prev_hash, row.t_mono, row.t_wall, row.kind, json.loads(row.payload), row.hash)


class ReplicaStore:
    def __init__(self, db: Database, new_id: Callable[[], str]):
        self._db = db
        self._new_id = new_id

    def append(self, kiosk_id: str, attempt_id: str, entries: Sequence[ChainEntry], now: dt.datetime) -> AppendResult:
        """Merge what continues the replica's chain; raise a chain-break alert for what does not."""
        if not ATTEMPT_ID.match(attempt_id or ""):
            raise InvigilatorError(f"attempt id {attempt_id!r} is not a valid attempt id")
        for attempt in range(RACE_RETRIES):
            try:
                with self._db.transaction() as session:
                    return self.append_in(session, kiosk_id, attempt_id, entries, now)
            except (IntegrityError, OperationalError) as exc:
                if attempt == RACE_RETRIES - 1 or not is_race(exc):
                    raise
        raise AssertionError("unreachable")

    def append_in(self, session: Session, kiosk_id: str, attempt_id: str, entries: Sequence[ChainEntry],
                  now: dt.datetime, *, kiosk_checked: bool = False, clock_offset: float | None = None) -> AppendResult:
        """In ``session``'s transaction: merge what continues the chain (see :func:`append_rows`)."""
        if not kiosk_checked:
            active_kiosk_row(session, kiosk_id)
        return append_rows(session.connection(), self._db.dialect, self._new_id, kiosk_id, attempt_id, entries, now,
                           clock_offset)

    def head(self, kiosk_id: str, attempt_id: str) -> ReplicaHead:
        with self._db.reading() as session:
            row = session.get(ReplicaRow, (kiosk_id, attempt_id))
            return ReplicaHead.empty(attempt_id) if row is None else ReplicaHead(row.head_seq, row.head_hash)

    def entries(self, kiosk_id: str, attempt_id: str, after: int = 0) -> list[ChainEntry]:
        with self._db.reading() as session:
            rows = session.scalars(select(ReplicaEntryRow)
                                   .where(ReplicaEntryRow.kiosk_id == kiosk_id,
                                          ReplicaEntryRow.attempt_id == attempt_id, ReplicaEntryRow.seq > after)
                                   .order_by(ReplicaEntryRow.seq))
            return [_entry(r) for r in rows]

    def timeline(self, kiosk_id: str, attempt_id: str) -> list[TimedEntry]:
        """The attempt's entries with their times in console time (:func:`invigilator.core.clock.console_timeline`)."""
        with self._db.reading() as session:
            rows = session.scalars(select(ReplicaEntryRow)
                                   .where(ReplicaEntryRow.kiosk_id == kiosk_id,
                                          ReplicaEntryRow.attempt_id == attempt_id)
                                   .order_by(ReplicaEntryRow.seq)).all()
            current = session.scalars(select(KioskRow.clock_offset).where(KioskRow.id == kiosk_id)).first()
            return console_timeline([(_entry(r), r.clock_offset) for r in rows], current)

    def attempts(self, kiosk_id: str) -> list[str]:
        with self._db.reading() as session:
            return list(session.scalars(select(ReplicaRow.attempt_id).where(ReplicaRow.kiosk_id == kiosk_id)
                                        .order_by(ReplicaRow.updated_at)))


REPLICAS = ReplicaRow.__table__
ENTRIES = ReplicaEntryRow.__table__
ALERTS = AlertRow.__table__
_HEADS = (select(REPLICAS.c.kiosk_id, REPLICAS.c.attempt_id, REPLICAS.c.head_seq, REPLICAS.c.head_hash)
          .where(REPLICAS.c.kiosk_id.in_(bindparam("kiosks", expanding=True)))
          .order_by(REPLICAS.c.kiosk_id, REPLICAS.c.attempt_id)
          .with_for_update())  # row locks on PostgreSQL, in one order; SQLite's BEGIN IMMEDIATE already serialises
_MOVE_HEAD = (update(REPLICAS).where(REPLICAS.c.kiosk_id == bindparam("k"), REPLICAS.c.attempt_id == bindparam("a"))
              .values(head_seq=bindparam("s"), head_hash=bindparam("h"), updated_at=bindparam("t")))
_RESENT = (select(ENTRIES.c.seq, ENTRIES.c.hash)
           .where(ENTRIES.c.kiosk_id == bindparam("k"), ENTRIES.c.attempt_id == bindparam("a"),
                  ENTRIES.c.seq.in_(bindparam("seqs", expanding=True))))
_OPEN_BREAKS = (select(ALERTS.c.detail)
                .where(ALERTS.c.kiosk_id == bindparam("k"), ALERTS.c.attempt_id == bindparam("a"),
                       ALERTS.c.kind == str(AlertKind.CHAIN_BREAK), ALERTS.c.handled_at.is_(None)))


@dataclass(frozen=True)
class Batch:
    """One attempt's entries as a sync brought them: whose, when they arrived, the kiosk's clock offset then."""

    kiosk_id: str
    attempt_id: str
    entries: Sequence[ChainEntry]
    now: dt.datetime
    clock_offset: float | None = None


def append_rows(conn: Connection, dialect: str, new_id: Callable[[], str], kiosk_id: str, attempt_id: str,
                entries: Sequence[ChainEntry], now: dt.datetime, clock_offset: float | None = None) -> AppendResult:
    """:func:`append_batches` for one attempt."""
    return append_batches(conn, dialect, new_id, [Batch(kiosk_id, attempt_id, entries, now, clock_offset)])[0]


def append_batches(conn: Connection, dialect: str, new_id: Callable[[], str],
                   batches: Sequence[Batch]) -> list[AppendResult]:
    """On ``conn``, in its transaction: merge each batch into its replica, in the order given, raising alerts.

    SQLAlchemy Core, and a handful of statements whatever the number of batches: the replicas'
    rows read (and locked) at once, every entry inserted by one ``executemany``, every head moved
    by another. This runs for the syncs of a whole room every second; a unit of work per sync cost
    more than the rest of the sync together. ``clock_offset`` (the kiosk's, when the entries
    arrived) is kept with each entry, so its time reads in console time later
    (:mod:`invigilator.core.clock`).
    """
    if not batches:
        return []
    kiosks = sorted({b.kiosk_id for b in batches})
    heads = {(r.kiosk_id, r.attempt_id): ReplicaHead(r.head_seq, r.head_hash)
             for r in conn.execute(_HEADS, {"kiosks": kiosks})}
    new = sorted({(b.kiosk_id, b.attempt_id) for b in batches} - set(heads))
    if new:
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        first = {(b.kiosk_id, b.attempt_id): b.now for b in reversed(batches)}
        conn.execute(insert(REPLICAS).on_conflict_do_nothing(),
                     [{"kiosk_id": k, "attempt_id": a, "head_seq": 0, "head_hash": genesis_hash(a),
                       "updated_at": first[(k, a)]} for k, a in new])
        heads.update({(r.kiosk_id, r.attempt_id): ReplicaHead(r.head_seq, r.head_hash)
                      for r in conn.execute(_HEADS, {"kiosks": sorted({k for k, _ in new})})})
    rows: list[dict[str, object]] = []
    moved: dict[tuple[str, str], dict[str, object]] = {}
    alerts: list[Alert] = []
    results = []
    for b in batches:
        key = (b.kiosk_id, b.attempt_id)
        head = heads[key]
        resent = sorted({e.seq for e in b.entries if 0 < e.seq <= head.seq})
        stored = _stored_hashes(conn, b, resent, rows) if resent else {}
        plan = plan_append(head, b.entries, stored)
        rows += [{"kiosk_id": b.kiosk_id, "attempt_id": b.attempt_id, "seq": e.seq, "prev_hash": e.prev_hash,
                  "t_mono": e.t_mono, "t_wall": e.t_wall, "kind": e.kind,
                  "payload": canonical_bytes(e.payload).decode("utf-8"), "hash": e.hash, "received_at": b.now,
                  "clock_offset": b.clock_offset} for e in plan.accepted]
        if plan.accepted:
            heads[key] = plan.head
            moved[key] = {"k": b.kiosk_id, "a": b.attempt_id, "s": plan.head.seq, "h": plan.head.hash, "t": b.now}
        raised = _entry_alerts(new_id, b, plan)
        if plan.chain_break is not None:
            brk = plan.chain_break
            held = [a.detail for a in alerts if a.kiosk_id == b.kiosk_id and a.attempt_id == b.attempt_id
                    and a.kind is AlertKind.CHAIN_BREAK]
            held += list(conn.execute(_OPEN_BREAKS, {"k": b.kiosk_id, "a": b.attempt_id}).scalars())
            if not any(d.get("seq") == brk.seq and d.get("hash") == brk.hash for d in held):
                # the same bad entry sent again every second raises one alert, not one a second
                raised.append(Alert(new_id(), b.kiosk_id, AlertKind.CHAIN_BREAK, b.now, b.attempt_id,
                                    {"seq": brk.seq, "hash": brk.hash, "reason": brk.reason,
                                     "head_seq": plan.head.seq}))
        alerts += raised
        results.append(AppendResult(plan.head, len(plan.accepted), plan.duplicates, plan, tuple(raised)))
    if rows:
        conn.execute(ENTRIES.insert(), rows)
    if moved:
        conn.execute(_MOVE_HEAD, list(moved.values()))
    if alerts:
        conn.execute(ALERTS.insert(), [_alert_row(a) for a in alerts])
    return results


def _stored_hashes(conn: Connection, batch: Batch, resent: list[int], pending: list[dict[str, object]]) -> dict[int,
                                                                                                                 str]:
    """The hashes of entries already held (stored before, or accepted earlier in this same transaction)."""
    stored = dict(conn.execute(_RESENT, {"k": batch.kiosk_id, "a": batch.attempt_id, "seqs": resent}).all())
    wanted = set(resent)
    for row in pending:
        if row["kiosk_id"] == batch.kiosk_id and row["attempt_id"] == batch.attempt_id and row["seq"] in wanted:
            stored[row["seq"]] = row["hash"]  # type: ignore[index]
    return stored


def _entry_alerts(new_id: Callable[[], str], batch: Batch, plan: AppendPlan) -> list[Alert]:
    by_seq = {e.seq: e for e in plan.accepted}
    raised = []
    for kind, detail in alerts_from_entries(plan.accepted):
        entry = by_seq.get(detail.get("seq"))  # type: ignore[arg-type]
        at = to_console_time(parse_kiosk_time(entry.t_wall), batch.clock_offset) if entry is not None else None
        if at is not None:  # when it happened, in console time (the alert itself is raised when it arrived)
            detail = {**detail, "at": at.isoformat()}
        raised.append(Alert(new_id(), batch.kiosk_id, kind, batch.now, batch.attempt_id, detail))
    return raised


def _alert_row(alert: Alert) -> dict[str, object]:
    return {"id": alert.id, "kiosk_id": alert.kiosk_id, "kind": str(alert.kind), "raised_at": alert.raised_at,
            "attempt_id": alert.attempt_id, "detail": alert.detail, "handled_at": None, "handled_by": "",
            "resolution": ""}


def is_race(exc: Exception) -> bool:
    """A unique-key clash, a serialisation failure or a deadlock: worth trying again from the new head."""
    if isinstance(exc, IntegrityError):
        return True
    code = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return code in {"40001", "40P01"} or "database is locked" in str(exc)
