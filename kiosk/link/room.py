"""The room link of an enrolled kiosk, assembled: pairing, signer, connection, book, worker.

Single-account: the pairing, the counter and the outbox are in this process's data folder.
Under custody: the keeper holds them and answers the link's requests (kiosk.keeper.room). A
kiosk that was never enrolled has no room: the exam stays authorised at the workstation.
"""

from __future__ import annotations

import datetime as dt
import queue
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.device import DEVICE_DIR
from kiosk.link.book import SyncBook
from kiosk.link.counter import RequestCounter
from kiosk.link.errors import LinkError, NotEnrolledError
from kiosk.link.pairing import Pairing, load_pairing
from kiosk.link.results import LocalResultOutbox
from kiosk.link.room_link import RoomLink
from kiosk.link.signer import DeviceSigner
from kiosk.link.transport import ConsoleConnection
from kiosk.link.worker import SyncWorker
from kiosk.workstation_authority import WorkstationAuthority

STATUS_EVERY = 1.0  # seconds between two status snapshots (time left changes without events)


def _wall_us() -> int:
    return int(dt.datetime.now(dt.UTC).timestamp() * 1_000_000)


@dataclass
class RoomSide:
    pairing: Pairing
    worker: SyncWorker
    book: SyncBook = field(default_factory=SyncBook)
    inbox: queue.SimpleQueue[Any] = field(default_factory=queue.SimpleQueue)
    _last_status: float = float("-inf")

    def link(self, fallback: WorkstationAuthority, monotonic: Callable[[], float] = time.monotonic) -> RoomLink:
        return RoomLink(self.book, self.inbox, fallback, lambda: self.worker.health, monotonic,
                        deliver_later=self.worker.deliver_later)

    def on_tick(self, link: RoomLink) -> None:
        """On the interface's thread, a few times a second: obey what came, publish the status."""
        link.drain()
        now = time.monotonic()
        if now - self._last_status >= STATUS_EVERY:
            self._last_status = now
            link.publish_status()

    def start(self) -> None:
        self.worker.start()

    def stop(self) -> None:
        self.worker.stop()


def open_room(data_dir: Path, *, device: Any, store: Any, custody: Any = None, banks: Any = None) -> RoomSide | None:
    """The room side of this kiosk, or None when it is not enrolled. ``banks`` (a
    :class:`~kiosk.link.delivery.BankDelivery`): the kiosk holds no bank, authorisations bring it."""
    book, inbox = SyncBook(), queue.SimpleQueue()
    try:
        if custody is None:
            pairing = load_pairing(Path(data_dir) / DEVICE_DIR)
            signer: Any = DeviceSigner(device.keypair, RequestCounter(Path(data_dir) / DEVICE_DIR, _wall_us),
                                       lambda: dt.datetime.now(dt.UTC))
            outbox: Any = LocalResultOutbox(data_dir, store)
        else:
            from kiosk.keeper.client import KeeperRequestSigner, KeeperResultOutbox, keeper_pairing

            pairing = keeper_pairing(custody.client)
            signer = KeeperRequestSigner(custody.client, custody.device.key_id)
            outbox = KeeperResultOutbox(custody.client)
    except NotEnrolledError as exc:
        if "does not exist" in str(exc):
            return None
        raise
    if pairing.kiosk_id != signer.kiosk_id:
        raise LinkError(f"the room pairing is for kiosk {pairing.kiosk_id}, this device is {signer.kiosk_id}: "
                        "enrol this kiosk again")
    worker = SyncWorker(ConsoleConnection(pairing, signer), book, inbox, outbox=outbox, banks=banks)
    if custody is None:  # bundles of earlier attempts still without a receipt go too (USB export stays)
        from kiosk.outbox import pending

        for waiting in pending(data_dir, store):
            worker.deliver_later(waiting.attempt_id)
    return RoomSide(pairing, worker, book, inbox)
