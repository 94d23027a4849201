"""The sync worker: about once a second, on its own thread, the kiosk tells the console where it stands.

It sends the kiosk's status, the journal entries the console has not acknowledged and the ids
of the commands the kiosk journalled; it settles the console's heads and verifies each pending
command against the center key pinned at enrolment (and that it is addressed to this kiosk)
before putting it in the inbox the interface's thread drains. It never touches the session: a
slow, absent or lying console costs the candidate nothing. While the console is unreachable it
keeps trying (every second, then every few seconds); the book grows and is sent when it answers.
"""

from __future__ import annotations

import dataclasses
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.core.commands import CommandKind, RoomCommand
from kiosk.errors import CommandFormatError, KioskError
from kiosk.link.banks import BankDownloadError
from kiosk.link.book import SyncBook
from kiosk.link.delivery import BankDelivery, BankProblem
from kiosk.link.errors import ConsoleIdentityError, ConsoleRefusedError, ConsoleUnreachableError
from kiosk.link.results import ResultOutbox, deliver
from kiosk.link.transport import ConsoleConnection
from protocol.envelope import SignedEnvelope, verify
from protocol.errors import RoomMessageError
from protocol.keys import PublicKeys
from protocol.room import PATH_SYNC, ResultReceipt, SyncResponse

log = logging.getLogger(__name__)

INTERVAL = 1.0
MAX_BACKOFF = 5.0
COMMAND_TYPE = "pupitre/room-command"
DELIVERING = frozenset({CommandKind.AUTHORISE_START, CommandKind.AUTHORISE_RESUME, CommandKind.AUTHORISE_MOVE})


@dataclass(frozen=True)
class LinkHealth:
    """How the link stands, for the interface and the fallback decision."""

    reachable: bool
    last_heard: float | None  # monotonic time of the last answer that settled
    last_error: str = ""
    rejected_commands: int = 0


def read_command(envelope: SignedEnvelope, center: PublicKeys, center_id: str, kiosk_id: str) -> RoomCommand:
    """A pending command, if the pinned center key signed it and it is addressed to this kiosk."""
    result = verify(envelope, [center], COMMAND_TYPE)
    if not result:
        raise CommandFormatError(f"a command not signed by this kiosk's center: {result.reason}")
    return RoomCommand.from_document(envelope.signed, kiosk_id=kiosk_id, center_id=center_id)


class SyncWorker:
    def __init__(self, connection: ConsoleConnection, book: SyncBook, inbox: queue.SimpleQueue[RoomCommand], *,
                 monotonic: Callable[[], float] = time.monotonic, interval: float = INTERVAL,
                 on_commands: Callable[[], None] | None = None, outbox: ResultOutbox | None = None,
                 banks: BankDelivery | None = None):
        self.connection = connection
        self.book = book
        self.inbox = inbox
        self._monotonic = monotonic
        self._interval = interval
        self._on_commands = on_commands  # wakes the interface's thread (a Qt signal in the app)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._health = LinkHealth(False, None)
        self._outbox = outbox
        self._banks = banks  # a kiosk that holds no bank of its own: authorisations bring it (ADR 0025)
        self._to_deliver: dict[str, None] = {}  # attempts whose bundle waits for a verified receipt
        self._receipts: dict[str, ResultReceipt] = {}
        self._failures = 0
        pairing = connection.pairing
        self._center, self._center_id = pairing.center_keys, pairing.center_id
        self._kiosk_id = connection.signer.kiosk_id

    @property
    def health(self) -> LinkHealth:
        with self._lock:
            return self._health

    def _set(self, **changes: object) -> None:
        with self._lock:
            self._health = LinkHealth(**{**self._health.__dict__, **changes})

    def sync_once(self) -> bool:
        """One round trip; True when the console answered and its answer settled."""
        sent = self.book.outgoing()
        try:
            raw = self.connection.post(PATH_SYNC, sent.request.to_dict(), "sync answer")
            response = SyncResponse.from_dict(raw)
        except ConsoleUnreachableError as exc:
            self._failed(str(exc), reachable=False)
            return False
        except (ConsoleRefusedError, ConsoleIdentityError, RoomMessageError, KioskError) as exc:
            # a refusal, a console that is not the pinned one, or a keeper that would not sign
            self._failed(str(exc), reachable=False)
            log.warning("sync refused: %s", exc)
            return False
        self.book.settle(sent, response)
        rejected = 0
        delivered = 0
        for envelope in response.commands:
            try:
                command = read_command(envelope, self._center, self._center_id, self._kiosk_id)
            except CommandFormatError as exc:
                rejected += 1
                log.warning("command refused: %s", exc)
                continue
            if command.kind is CommandKind.AUTHORISE_MOVE:
                command = dataclasses.replace(command, envelope=envelope.to_dict())
            if self._banks is not None and command.kind in DELIVERING and command.bank is not None:
                command = self._with_bank(command)
                if command is None:
                    continue  # not acknowledged: the console sends it again, the next round tries again
            self.inbox.put(command)
            delivered += 1
        self._failures = 0
        self._set(reachable=True, last_heard=self._monotonic(), last_error="",
                  rejected_commands=self.health.rejected_commands + rejected)
        if delivered and self._on_commands is not None:
            self._on_commands()
        self._deliver_waiting()
        return True

    def _with_bank(self, command: RoomCommand) -> RoomCommand | None:
        """The authorisation with its bank open, or None after telling the interface why not."""
        assert self._banks is not None
        try:
            delivered = self._banks.prepare(self.connection, command)
        except (BankDownloadError, KioskError) as exc:
            log.warning("bank of %s not delivered: %s", command.id, exc)
            self._set(last_error=str(exc))
            self.inbox.put(BankProblem(command.id, str((command.bank or {}).get("bank_id", "?")), str(exc)))
            return None
        return dataclasses.replace(command, delivered=delivered)

    # -- results ----------------------------------------------------------------------------------
    def deliver_later(self, attempt_id: str) -> None:
        """Send this attempt's bundle at the next rounds until the console's receipt verifies."""
        with self._lock:
            if attempt_id not in self._receipts:
                self._to_deliver[attempt_id] = None

    def receipt(self, attempt_id: str) -> ResultReceipt | None:
        """The verified receipt of an attempt's bundle, or None while it waits."""
        with self._lock:
            return self._receipts.get(attempt_id)

    def _deliver_waiting(self) -> None:
        if self._outbox is None:
            return
        with self._lock:
            waiting = list(self._to_deliver)
        for attempt_id in waiting:
            try:
                receipt = deliver(self.connection, self._outbox, attempt_id)
            except (KioskError, RoomMessageError, OSError) as exc:
                log.warning("results of %s not delivered yet: %s", attempt_id, exc)
                self._set(last_error=f"results of {attempt_id}: {exc}")
                return
            with self._lock:
                self._receipts[attempt_id] = receipt
                self._to_deliver.pop(attempt_id, None)

    def _failed(self, message: str, reachable: bool) -> None:
        self._failures += 1
        self._set(reachable=reachable, last_error=message)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.sync_once()
            except Exception:  # the worker must outlive any surprise; the test goes on regardless
                log.exception("sync failed unexpectedly")
                self._failed("unexpected error (see the log)", reachable=False)
            wait = self._interval if not self._failures else min(MAX_BACKOFF, self._interval * self._failures)
            self._stop.wait(wait)

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="pupitre-room-sync", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self.connection.close()
