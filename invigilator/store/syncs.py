"""A kiosk's sync in one write transaction: its counter taken, its entries appended, its acknowledgements kept.

Before, a sync took its counter, appended each attempt and marked each acknowledgement in
transactions of their own, then read the pending commands in another: on SQLite, where every
transaction began ``BEGIN IMMEDIATE``, that was four or more passes through the write lock and
two or more fsyncs per sync. Here the whole sync is one transaction, so a sync is accepted
entirely or not at all: a replayed counter writes nothing, and entries are never stored under a
counter that was rolled back. A race on a replica (two writers past the lock, see
:mod:`invigilator.store.replicas`) retries the whole transaction, counter included.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError, OperationalError

from invigilator.core.commands import Command
from invigilator.core.kiosks import EnrolledKiosk
from invigilator.core.replica import ATTEMPT_ID
from invigilator.errors import CommandRefusedError, InvigilatorError
from invigilator.store.commands import acknowledge_in, pending_in
from invigilator.store.database import Database
from invigilator.store.kiosks import take_counter
from invigilator.store.replicas import RACE_RETRIES, AppendResult, ReplicaStore, is_race
from protocol.journal_chain import ChainEntry


@dataclass(frozen=True)
class SyncOutcome:
    """What one sync did: the kiosk as taken, each attempt's append, refused acknowledgements, pending commands."""

    kiosk: EnrolledKiosk
    appended: tuple[tuple[str, AppendResult], ...]
    refused_acks: tuple[tuple[str, str], ...]  # (command id, why)
    pending: tuple[Command, ...]


class SyncStore:
    def __init__(self, db: Database, replicas: ReplicaStore, new_id: Callable[[], str]):
        self._db = db
        self._replicas = replicas
        self._new_id = new_id

    def apply(self, kiosk_id: str, counter: int, attempts: Sequence[tuple[str, Sequence[ChainEntry]]],
              acknowledged: Sequence[str], now: dt.datetime) -> SyncOutcome:
        """Take ``counter`` (``ReplayedRequestError`` if it is not above the last), append, acknowledge, read commands.

        Raises ``UnknownKioskError`` / ``KioskRevokedError`` / ``ReplayedRequestError`` with nothing written.
        """
        for attempt_id, _ in attempts:
            if not ATTEMPT_ID.match(attempt_id or ""):
                raise InvigilatorError(f"attempt id {attempt_id!r} is not a valid attempt id")
        for attempt in range(RACE_RETRIES):
            try:
                with self._db.transaction() as session:
                    kiosk = take_counter(session, kiosk_id, counter)
                    appended = tuple((attempt_id, self._replicas.append_in(session, kiosk_id, attempt_id, entries,
                                                                              now, kiosk_checked=True))
                                     for attempt_id, entries in attempts)
                    refused = []
                    for command_id in acknowledged:
                        try:
                            acknowledge_in(session, kiosk_id, command_id, now)
                        except CommandRefusedError as exc:  # raised before the row is touched
                            refused.append((command_id, str(exc)))
                    session.flush()
                    return SyncOutcome(kiosk, appended, tuple(refused), tuple(pending_in(session, kiosk_id)))
            except (IntegrityError, OperationalError) as exc:
                if attempt == RACE_RETRIES - 1 or not is_race(exc):
                    raise
        raise AssertionError("unreachable")
