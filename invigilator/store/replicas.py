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

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from invigilator.core.alerts import Alert, AlertKind, alerts_from_entries
from invigilator.core.replica import ATTEMPT_ID, AppendPlan, ReplicaHead, plan_append
from invigilator.errors import InvigilatorError
from invigilator.store.alerts import open_alerts, raise_in
from invigilator.store.database import Database
from invigilator.store.kiosks import active_kiosk_row
from invigilator.store.schema import ReplicaEntryRow, ReplicaRow
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
                     now: dt.datetime, *, kiosk_checked: bool = False) -> AppendResult:
        if not kiosk_checked:
            active_kiosk_row(session, kiosk_id)
        replica = self._locked_replica(session, kiosk_id, attempt_id, now)
        head = ReplicaHead(replica.head_seq, replica.head_hash)
        resent = sorted({e.seq for e in entries if 0 < e.seq <= head.seq})
        stored = dict(session.execute(
            select(ReplicaEntryRow.seq, ReplicaEntryRow.hash)
            .where(ReplicaEntryRow.kiosk_id == kiosk_id, ReplicaEntryRow.attempt_id == attempt_id,
                   ReplicaEntryRow.seq.in_(resent))).all()) if resent else {}
        plan = plan_append(head, entries, stored)
        for entry in plan.accepted:
            session.add(ReplicaEntryRow(kiosk_id=kiosk_id, attempt_id=attempt_id, seq=entry.seq,
                                        prev_hash=entry.prev_hash, t_mono=entry.t_mono, t_wall=entry.t_wall,
                                        kind=entry.kind, payload=canonical_bytes(entry.payload).decode("utf-8"),
                                        hash=entry.hash, received_at=now))
        if plan.accepted:
            replica.head_seq, replica.head_hash, replica.updated_at = plan.head.seq, plan.head.hash, now
        raised = [raise_in(session, self._new_id, kiosk_id, kind, now, attempt_id, detail)
                  for kind, detail in alerts_from_entries(plan.accepted)]
        if plan.chain_break is not None:
            brk = plan.chain_break
            already = any(a.kind is AlertKind.CHAIN_BREAK and a.attempt_id == attempt_id
                          and a.detail.get("seq") == brk.seq and a.detail.get("hash") == brk.hash
                          for a in open_alerts(session, kiosk_id))
            if not already:  # the same bad entry sent again every second raises one alert, not one a second
                raised.append(raise_in(session, self._new_id, kiosk_id, AlertKind.CHAIN_BREAK, now, attempt_id,
                                       {"seq": brk.seq, "hash": brk.hash, "reason": brk.reason,
                                        "head_seq": plan.head.seq}))
        session.flush()
        return AppendResult(plan.head, len(plan.accepted), plan.duplicates, plan, tuple(raised))

    def _locked_replica(self, session: Session, kiosk_id: str, attempt_id: str, now: dt.datetime) -> ReplicaRow:
        values = {"kiosk_id": kiosk_id, "attempt_id": attempt_id, "head_seq": 0,
                  "head_hash": genesis_hash(attempt_id), "updated_at": now}
        insert = postgresql.insert if self._db.dialect == "postgresql" else sqlite.insert
        session.execute(insert(ReplicaRow).values(**values).on_conflict_do_nothing())
        row = session.scalars(select(ReplicaRow).where(ReplicaRow.kiosk_id == kiosk_id,
                                                       ReplicaRow.attempt_id == attempt_id)
                              .with_for_update().execution_options(populate_existing=True)).one()
        return row

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


def is_race(exc: Exception) -> bool:
    """A unique-key clash, a serialisation failure or a deadlock: worth trying again from the new head."""
    if isinstance(exc, IntegrityError):
        return True
    code = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return code in {"40001", "40P01"} or "database is locked" in str(exc)
