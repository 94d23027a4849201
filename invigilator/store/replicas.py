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
from invigilator.core.clock import parse_kiosk_time, to_console_time
from invigilator.core.replica import ATTEMPT_ID, AppendPlan, ReplicaHead, plan_append
from invigilator.errors import InvigilatorError
from invigilator.store.database import Database
from invigilator.store.kiosks import active_kiosk_row
from invigilator.store.schema import AlertRow, ReplicaEntryRow, ReplicaRow
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

    def attempts(self, kiosk_id: str) -> list[str]:
        with self._db.reading() as session:
            return list(session.scalars(select(ReplicaRow.attempt_id).where(ReplicaRow.kiosk_id == kiosk_id)
                                        .order_by(ReplicaRow.updated_at)))


REPLICAS = ReplicaRow.__table__
ENTRIES = ReplicaEntryRow.__table__
ALERTS = AlertRow.__table__
_KEY = (REPLICAS.c.kiosk_id == bindparam("k"), REPLICAS.c.attempt_id == bindparam("a"))
_HEAD = select(REPLICAS.c.head_seq, REPLICAS.c.head_hash).where(*_KEY).with_for_update()  # no-op on SQLite
_MOVE_HEAD = update(REPLICAS).where(*_KEY).values(head_seq=bindparam("s"), head_hash=bindparam("h"),
                                                   updated_at=bindparam("t"))
_RESENT = (select(ENTRIES.c.seq, ENTRIES.c.hash)
           .where(ENTRIES.c.kiosk_id == bindparam("k"), ENTRIES.c.attempt_id == bindparam("a"),
                  ENTRIES.c.seq.in_(bindparam("seqs", expanding=True))))
_OPEN_BREAKS = (select(ALERTS.c.detail)
                .where(ALERTS.c.kiosk_id == bindparam("k"), ALERTS.c.attempt_id == bindparam("a"),
                       ALERTS.c.kind == str(AlertKind.CHAIN_BREAK), ALERTS.c.handled_at.is_(None)))


def append_rows(conn: Connection, dialect: str, new_id: Callable[[], str], kiosk_id: str, attempt_id: str,
                entries: Sequence[ChainEntry], now: dt.datetime, clock_offset: float | None = None) -> AppendResult:
    """On ``conn``, in its transaction: lock the replica's row, merge what continues its chain, raise alerts.

    SQLAlchemy Core, not the ORM: this runs for every sync that carries entries, and a unit of work
    per sync cost more than the rest of the sync together. ``clock_offset`` (the kiosk's, when the
    entries arrived) is kept with each entry, so its time reads in console time later
    (:mod:`invigilator.core.clock`).
    """
    key = {"k": kiosk_id, "a": attempt_id}
    row = conn.execute(_HEAD, key).first()
    if row is None:
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        conn.execute(insert(REPLICAS).values(kiosk_id=kiosk_id, attempt_id=attempt_id, head_seq=0,
                                             head_hash=genesis_hash(attempt_id), updated_at=now)
                     .on_conflict_do_nothing())
        row = conn.execute(_HEAD, key).one()
    head = ReplicaHead(row.head_seq, row.head_hash)
    resent = sorted({e.seq for e in entries if 0 < e.seq <= head.seq})
    stored = dict(conn.execute(_RESENT, {**key, "seqs": resent}).all()) if resent else {}
    plan = plan_append(head, entries, stored)
    if plan.accepted:
        conn.execute(ENTRIES.insert(), [
            {"kiosk_id": kiosk_id, "attempt_id": attempt_id, "seq": e.seq, "prev_hash": e.prev_hash, "t_mono": e.t_mono,
             "t_wall": e.t_wall, "kind": e.kind, "payload": canonical_bytes(e.payload).decode("utf-8"), "hash": e.hash,
             "received_at": now, "clock_offset": clock_offset} for e in plan.accepted])
        conn.execute(_MOVE_HEAD, {**key, "s": plan.head.seq, "h": plan.head.hash, "t": now})
    by_seq = {e.seq: e for e in plan.accepted}
    raised = []
    for kind, detail in alerts_from_entries(plan.accepted):
        entry = by_seq.get(detail.get("seq"))  # type: ignore[arg-type]
        at = to_console_time(parse_kiosk_time(entry.t_wall), clock_offset) if entry is not None else None
        if at is not None:  # when it happened, in console time (the alert itself is raised when it arrived)
            detail = {**detail, "at": at.isoformat()}
        raised.append(_insert_alert(conn, Alert(new_id(), kiosk_id, kind, now, attempt_id, detail)))
    if plan.chain_break is not None:
        brk = plan.chain_break
        already = any(d.get("seq") == brk.seq and d.get("hash") == brk.hash
                      for d in conn.execute(_OPEN_BREAKS, key).scalars())
        if not already:  # the same bad entry sent again every second raises one alert, not one a second
            raised.append(_insert_alert(conn, Alert(new_id(), kiosk_id, AlertKind.CHAIN_BREAK, now, attempt_id,
                                                    {"seq": brk.seq, "hash": brk.hash, "reason": brk.reason,
                                                     "head_seq": plan.head.seq})))
    return AppendResult(plan.head, len(plan.accepted), plan.duplicates, plan, tuple(raised))


def _insert_alert(conn: Connection, alert: Alert) -> Alert:
    conn.execute(ALERTS.insert().values(id=alert.id, kiosk_id=alert.kiosk_id, kind=str(alert.kind),
                                        raised_at=alert.raised_at, attempt_id=alert.attempt_id, detail=alert.detail,
                                        handled_at=None, handled_by="", resolution=""))
    return alert


def is_race(exc: Exception) -> bool:
    """A unique-key clash, a serialisation failure or a deadlock: worth trying again from the new head."""
    if isinstance(exc, IntegrityError):
        return True
    code = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return code in {"40001", "40P01"} or "database is locked" in str(exc)
