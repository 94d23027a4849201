"""A real console (store, server over TLS 1.3 on 127.0.0.1) and a real kiosk link (enrolment, worker, RoomLink).

No double on either side: the kiosk enrols with :func:`kiosk.link.enrolment.enrol`, syncs with the
:class:`~kiosk.link.worker.SyncWorker` on its own thread, and the console answers from
:class:`~invigilator.server.ConsoleServer` over its store. Tests wait for conditions with a
deadline, never for a fixed time.
"""

from __future__ import annotations

import datetime as dt
import queue
import random
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from invigilator.core.center import Center
from invigilator.server import CenterIdentity, ConsoleIdentity, ConsoleServer, RoomService
from invigilator.server.results import ResultFiles
from invigilator.store import RoomStore
from invigilator.tls import certificate_statement, create_console_tls
from kiosk.core.commands import RoomCommand
from kiosk.guard.unlock import UnlockGate, set_unlock_code
from kiosk.link.book import SyncBook
from kiosk.link.counter import RequestCounter
from kiosk.link.enrolment import enrol
from kiosk.link.pairing import Pairing
from kiosk.link.room_link import RoomLink
from kiosk.link.signer import DeviceSigner
from kiosk.link.transport import ConsoleConnection
from kiosk.link.worker import SyncWorker
from kiosk.workstation_authority import WorkstationAuthority
from protocol.keys import KeyPair, ScryptParams
from tests.kiosk.test_link import ChainedJournal
from tests.kiosk.test_session import Harness

UNLOCK = "4729-1836"


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def wait_for(condition: Callable[[], Any], what: str, timeout: float = 10.0) -> Any:
    """Poll ``condition`` until it is truthy; fail naming ``what`` past ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


class Console:
    """The console's data folder, store, center and server, restartable on the same folder and port."""

    def __init__(self, tmp: Path):
        self.data_dir = tmp / "console"
        self.data_dir.mkdir()
        self.db_url = f"sqlite:///{tmp / 'console.sqlite'}"
        self.tls = create_console_tls(self.data_dir, "C-TEST")
        self.center_keys = KeyPair.generate("center")
        self.center = CenterIdentity("C-TEST", "Centre de test", self.center_keys.public, self.center_keys,
                                     certificate_statement(self.tls, "C-TEST", self.center_keys))
        self.banks: dict[str, Path] = {}
        self.bank_keys: dict[str, bytes] = {}
        self.open_banks: dict[str, Any] = {}
        self.port = 0
        self.store: RoomStore | None = None
        self.server: ConsoleServer | None = None

    def start(self) -> Console:
        self.store = RoomStore.open(self.db_url, self.data_dir)
        if self.store.sessions.center() is None:
            self.store.sessions.set_center(Center("C-TEST", "Centre de test", self.center_keys.public.signing_id))
        service = RoomService(self.store, self.center, ConsoleIdentity(self.tls.pin, self.tls.certificate_pem),
                              now, self.banks.get, self.bank_keys.get, self.open_banks.get,
                              results=ResultFiles(self.data_dir / "results"))
        self.server = ConsoleServer(service, self.tls, port=self.port, flush_every=0.2, sweep_every=0.5, grace=1,
                                    chunk_timeout=1.0)
        self.server.start()
        self.port = self.server.port
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None
        if self.store is not None:
            self.store.close()
            self.store = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def code(self) -> str:
        assert self.store is not None
        text, _ = self.store.kiosks.issue_enrolment_code(now(), random.SystemRandom())
        return text


class Kiosk:
    """A kiosk enrolled with the console: its session (chained journal), RoomLink and sync worker."""

    def __init__(self, tmp: Path, console: Console, name: str = "PC 01", bank: Any = None, outbox: Any = None):
        self.tmp = tmp / name.replace(" ", "-")
        self.tmp.mkdir()
        self.console = console
        self.device = KeyPair.generate(name)
        self.device_dir = self.tmp / "device"
        self.device_dir.mkdir()
        self.pairing: Pairing = enrol(console.address, console.code(), public=self.device.public,
                                      sign=self.device.sign, name=name, device_dir=self.device_dir, now=now)
        self.counter = RequestCounter(self.device_dir, lambda: time.time_ns() // 1000)
        self.signer = DeviceSigner(self.device, self.counter, now)
        self.book = SyncBook()
        self.inbox: queue.SimpleQueue = queue.SimpleQueue()
        self.worker = SyncWorker(ConsoleConnection(self.pairing, self.signer), self.book, self.inbox, interval=0.1,
                                 outbox=outbox)
        set_unlock_code(self.tmp, UNLOCK, ScryptParams(n=2**14))
        self.harness = Harness(bank=bank)
        self.harness.journal = ChainedJournal(self.harness.clock)
        self.fallback = WorkstationAuthority(UnlockGate(self.tmp, clock=self.harness.clock.monotonic))
        self.authorised: list[RoomCommand] = []  # what on_authorised was given (the bank, its wrapped key)
        self.link = RoomLink(self.book, self.inbox, self.fallback, lambda: self.worker.health,
                             self.harness.clock.monotonic, on_authorised=self.authorised.append,
                             deliver_later=self.worker.deliver_later)
        self.harness.authority = self.link
        self.session = self.harness.session = self.harness.build()
        self.link.attach(self.session)

    @property
    def id(self) -> str:
        return self.device.public.signing_id

    @property
    def attempt(self) -> str:
        return self.session.attempt.attempt_id

    def replica_seqs(self) -> list[int]:
        assert self.console.store is not None
        return [e.seq for e in self.console.store.replicas.entries(self.id, self.attempt)]

    def journal_seqs(self) -> list[int]:
        return [e.seq for e in self.session.events]

    def synced(self, timeout: float = 10.0) -> None:
        """Wait until the console's replica holds every journal entry."""
        wait_for(lambda: self.replica_seqs() == self.journal_seqs(), "the replica to catch up", timeout)


@pytest.fixture
def console(tmp_path: Path) -> Iterator[Console]:
    c = Console(tmp_path).start()
    yield c
    c.stop()


@pytest.fixture
def kiosk(tmp_path: Path, console: Console) -> Iterator[Kiosk]:
    k = Kiosk(tmp_path, console)
    k.worker.start()
    yield k
    k.worker.stop()
