"""What the kiosk owes the console and what the console has confirmed, shared by two threads.

The interface's thread records every journal entry and the kiosk's status as they happen; the
sync worker takes a snapshot of what the console has not acknowledged, sends it, and settles
the answer. Nothing is dropped until the console's head covers it with the *same* hash, so a
console that lost its database, a partition or a kill -9 on either side ends in a resend from
where the console stands: no gap, no duplicate (the console's append is idempotent by seq and
checks the chain). The lock is held for list operations only, never during I/O.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.core.events import Event
from protocol.journal_chain import ChainEntry, genesis_hash
from protocol.room import MAX_ACKNOWLEDGED, AttemptEntries, CheckInAnswer, CheckInClaim, SyncRequest, SyncResponse

BATCH = 100  # entries per attempt in one sync: a long outage is caught up in seconds, in order; a sync
# stays far below the keeper's request bound (256 KiB) and the console's sync limit (1 MiB)


def chain_entry(event: Event, prev_hash: str) -> ChainEntry:
    """A journal event as the console's replica receives it (plain, with its link)."""
    wall = event.t_wall.isoformat() if event.t_wall is not None else None
    return ChainEntry(event.seq, prev_hash, float(event.t_mono), wall, event.kind, dict(event.payload), event.hash)


@dataclass
class _Attempt:
    entries: list[ChainEntry] = field(default_factory=list)
    acknowledged: int = 0  # entries up to this seq are in the console's replica (same hashes)
    problem: str | None = None  # 'chain-break' as the console last said, for the record


@dataclass(frozen=True)
class Outgoing:
    """One sync's content, and what it carried (to settle the answer against)."""

    request: SyncRequest
    acknowledgements: tuple[str, ...]


class SyncBook:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._attempts: dict[str, _Attempt] = {}
        self._status: dict[str, Any] = {}
        self._acks: dict[str, None] = {}  # command ids to acknowledge, in order
        self._check_in: CheckInClaim | None = None  # sent with every sync until the console authorises
        self._check_in_answer: CheckInAnswer | None = None

    # -- the interface's thread -----------------------------------------------------------------
    def track(self, attempt_id: str, events: Iterable[Event]) -> None:
        """Start following an attempt with the events it already holds (after a restart, all of them)."""
        with self._lock:
            attempt = self._attempts.setdefault(attempt_id, _Attempt())
            for event in events:
                self._add(attempt_id, attempt, event)

    def record(self, attempt_id: str, event: Event) -> None:
        with self._lock:
            self._add(attempt_id, self._attempts.setdefault(attempt_id, _Attempt()), event)

    def _add(self, attempt_id: str, attempt: _Attempt, event: Event) -> None:
        if attempt.entries and event.seq <= attempt.entries[-1].seq:
            return  # already held (an event announced after a restart's track)
        prev = attempt.entries[-1].hash if attempt.entries else genesis_hash(attempt_id)
        attempt.entries.append(chain_entry(event, prev))

    def set_status(self, status: Mapping[str, Any]) -> None:
        with self._lock:
            self._status = dict(status)

    def acknowledge(self, command_id: str) -> None:
        with self._lock:
            self._acks[command_id] = None

    def set_check_in(self, claim: CheckInClaim | None) -> None:
        """What the candidate typed (None once authorised: the console no longer needs it)."""
        with self._lock:
            if claim != self._check_in:
                self._check_in_answer = None
            self._check_in = claim

    @property
    def check_in_answer(self) -> CheckInAnswer | None:
        """The console's last word on the check-in being sent (refused with a reason, waiting, …)."""
        with self._lock:
            return self._check_in_answer

    # -- the worker's thread --------------------------------------------------------------------
    def outgoing(self) -> Outgoing:
        with self._lock:
            attempts = []
            for attempt_id, attempt in self._attempts.items():
                start = attempt.acknowledged  # entries[i] has seq i + 1
                batch = tuple(attempt.entries[start:start + BATCH])
                if batch:
                    attempts.append(AttemptEntries(attempt_id, batch))
            acks = tuple(list(self._acks)[:MAX_ACKNOWLEDGED])
            return Outgoing(SyncRequest(dict(self._status), tuple(attempts), acks, check_in=self._check_in), acks)

    def settle(self, sent: Outgoing, response: SyncResponse) -> None:
        """The console answered ``sent`` (status 200): its heads say how far each replica goes."""
        with self._lock:
            claim = sent.request.check_in
            if claim is not None and claim == self._check_in and response.check_in is not None \
                    and response.check_in.attempt_id == claim.attempt_id:
                self._check_in_answer = response.check_in
            for command_id in sent.acknowledgements:
                self._acks.pop(command_id, None)
            for head in response.heads:
                attempt = self._attempts.get(head.attempt_id)
                if attempt is None:
                    continue
                attempt.problem = head.problem if head.problem == "chain-break" else None
                if head.seq == 0:
                    attempt.acknowledged = 0
                elif head.seq <= len(attempt.entries) and attempt.entries[head.seq - 1].hash == head.hash:
                    attempt.acknowledged = head.seq
                else:
                    # The console's replica ends on an entry this kiosk does not hold: it raised an
                    # alert (chain-break); the kiosk keeps everything and sends from the start.
                    attempt.acknowledged = 0
                    attempt.problem = "chain-break"

    # -- for the interface and tests --------------------------------------------------------------
    def unacknowledged(self, attempt_id: str) -> int:
        with self._lock:
            attempt = self._attempts.get(attempt_id)
            return len(attempt.entries) - attempt.acknowledged if attempt else 0

    def acknowledged_seq(self, attempt_id: str) -> int:
        with self._lock:
            attempt = self._attempts.get(attempt_id)
            return attempt.acknowledged if attempt else 0

    def problem(self, attempt_id: str) -> str | None:
        with self._lock:
            attempt = self._attempts.get(attempt_id)
            return attempt.problem if attempt else None

    @property
    def pending_acknowledgements(self) -> tuple[str, ...]:
        with self._lock:
            return tuple(self._acks)
