"""Kiosk syncs written to the store: each one all or nothing, several in one transaction (ADR 0017, ADR 0027).

A sync takes its counter (and so checks the kiosk is enrolled and not revoked, in the database),
appends each attempt's entries, marks its acknowledgements and reads its pending commands. A
replayed counter writes nothing, and entries are never stored under a counter that was rolled
back.

:meth:`SyncStore.apply_many` writes the syncs that arrived together in **one** transaction, so
one commit — one fsync on SQLite, one WAL flush on PostgreSQL — serves them all (group commit,
:class:`~invigilator.store.sync_writer.SyncWriter`). A sync refused for what it is (unknown
kiosk, revoked, replayed counter) is refused before it writes anything, and the others go on. If
the transaction fails (a race with another process, the disk full, an error nobody foresaw) it
is rolled back whole and each sync is tried again alone, so one sync's failure is its own.
Nothing is answered before the commit that made it durable returns.

Jobs are applied in kiosk id order (a stable sort: one kiosk's syncs keep their order), so two
console processes on one PostgreSQL database lock rows in one order and cannot deadlock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from invigilator.core.commands import Command
from invigilator.core.replica import ATTEMPT_ID
from invigilator.errors import CommandRefusedError, InvigilatorError
from invigilator.store.commands import _command, acknowledge_in
from invigilator.store.database import Database
from invigilator.store.kiosks import take_counters
from invigilator.store.replicas import RACE_RETRIES, AppendResult, Batch, ReplicaStore, append_batches, is_race
from invigilator.store.schema import CommandRow
from protocol.journal_chain import ChainEntry

COMMANDS = CommandRow.__table__
_PENDING = (select(COMMANDS).where(COMMANDS.c.kiosk_id.in_(bindparam("kiosks", expanding=True)),
                                   COMMANDS.c.acknowledged_at.is_(None))
            .order_by(COMMANDS.c.issued_at, COMMANDS.c.id))


@dataclass(frozen=True)
class SyncJob:
    """One sync as the store writes it: who, its counter, its entries per attempt, the commands it applied.

    ``clock_offset`` is the kiosk's clock offset when the sync arrived (seconds, kiosk minus
    console), kept with every entry it brings.
    """

    kiosk_id: str
    counter: int
    attempts: tuple[tuple[str, tuple[ChainEntry, ...]], ...]
    acknowledged: tuple[str, ...]
    now: dt.datetime
    clock_offset: float | None = None


@dataclass(frozen=True)
class SyncOutcome:
    """What one sync did: each attempt's append, refused acknowledgements, the kiosk's pending commands."""

    appended: tuple[tuple[str, AppendResult], ...]
    refused_acks: tuple[tuple[str, str], ...]  # (command id, why)
    pending: tuple[Command, ...]


class SyncStore:
    def __init__(self, db: Database, replicas: ReplicaStore, new_id: Callable[[], str]):
        self._db = db
        self._replicas = replicas
        self._new_id = new_id

    def apply(self, kiosk_id: str, counter: int, attempts: Sequence[tuple[str, Sequence[ChainEntry]]],
              acknowledged: Sequence[str], now: dt.datetime, clock_offset: float | None = None) -> SyncOutcome:
        """One sync in its own transaction; raises ``UnknownKioskError`` / ``KioskRevokedError`` /
        ``ReplayedRequestError`` with nothing written."""
        job = SyncJob(kiosk_id, counter, tuple((a, tuple(e)) for a, e in attempts), tuple(acknowledged), now,
                      clock_offset)
        [result] = self.apply_many([job])
        if isinstance(result, BaseException):
            raise result
        return result

    def apply_many(self, jobs: Sequence[SyncJob]) -> list[SyncOutcome | Exception]:
        """Each job's outcome, or the error that refused it, in the order given; committed before it returns."""
        results: list[SyncOutcome | Exception | None] = [None] * len(jobs)
        valid = []
        for index, job in enumerate(jobs):
            bad = next((a for a, _ in job.attempts if not ATTEMPT_ID.match(a or "")), None)
            if bad is not None:
                results[index] = InvigilatorError(f"attempt id {bad!r} is not a valid attempt id")
            else:
                valid.append(index)
        if len(valid) > 1:
            try:
                for index, result in zip(valid, self._in_one_transaction([jobs[i] for i in valid]), strict=True):
                    results[index] = result
                valid = []
            except Exception:  # rolled back whole: each sync again, alone, so that a failure is only its own
                pass
        for index in valid:
            results[index] = self._alone(jobs[index])
        return [r for r in results if r is not None]

    def _alone(self, job: SyncJob) -> SyncOutcome | Exception:
        for attempt in range(RACE_RETRIES):
            try:
                return self._in_one_transaction([job])[0]
            except (IntegrityError, OperationalError) as exc:
                if attempt == RACE_RETRIES - 1 or not is_race(exc):
                    return exc
            except Exception as exc:
                return exc
        raise AssertionError("unreachable")

    def _in_one_transaction(self, jobs: Sequence[SyncJob]) -> list[SyncOutcome | Exception]:
        """The jobs in one transaction and a handful of statements: counters, heads, entries, heads moved, pending."""
        order = sorted(range(len(jobs)), key=lambda i: jobs[i].kiosk_id)  # stable: one kiosk's syncs keep their order
        with self._db.transaction() as session:
            conn = session.connection()
            refused = dict(zip(order, take_counters(conn, [(jobs[i].kiosk_id, jobs[i].counter) for i in order]),
                               strict=True))
            taken = [i for i in order if refused[i] is None]
            batches = [(i, Batch(jobs[i].kiosk_id, attempt_id, entries, jobs[i].now, jobs[i].clock_offset))
                       for i in taken for attempt_id, entries in jobs[i].attempts]
            appended = append_batches(conn, self._db.dialect, self._new_id, [b for _, b in batches])
            per_job: dict[int, list[tuple[str, AppendResult]]] = {}
            for (i, batch), result in zip(batches, appended, strict=True):
                per_job.setdefault(i, []).append((batch.attempt_id, result))
            acks = {i: _acknowledge(session, jobs[i]) for i in taken if jobs[i].acknowledged}
            pending: dict[str, list[Command]] = {}
            if taken:
                session.flush()  # acknowledgements first: an acknowledged command is no longer pending
                for row in conn.execute(_PENDING, {"kiosks": sorted({jobs[i].kiosk_id for i in taken})}):
                    pending.setdefault(row.kiosk_id, []).append(_command(row))
        results: list[SyncOutcome | Exception] = []
        for index, job in enumerate(jobs):
            error = refused[index]
            if error is not None:  # refused before it wrote anything
                results.append(error)
            else:
                results.append(SyncOutcome(tuple(per_job.get(index, ())), acks.get(index, ()),
                                           tuple(pending.get(job.kiosk_id, ()))))
        return results


def _acknowledge(session: Session, job: SyncJob) -> tuple[tuple[str, str], ...]:
    refused = []
    for command_id in job.acknowledged:
        try:
            acknowledge_in(session, job.kiosk_id, command_id, job.now)
        except CommandRefusedError as exc:  # raised before the row is touched
            refused.append((command_id, str(exc)))
    return tuple(refused)
