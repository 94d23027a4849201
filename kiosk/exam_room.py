"""Exam mode on an enrolled kiosk with no bank of its own: the composition root of a room exam.

::

    pupitre-kiosk --exam [--keeper] [--data-dir DIR] [--windowed] [--locale fr|en]      # no --bank, no --key

The console delivers the session's bank with the authorisation to start (or to resume, or with a
move from a failed PC): :class:`kiosk.link.room_exam.RoomExam` holds the attempts, the sync worker
downloads and verifies the bank (:mod:`kiosk.link.delivery`), and :class:`RoomBankKiosk` gives the
exam window (:class:`kiosk.exam.ExamApp`) what it reads of a kiosk. The unlock code stays the
fallback to resume an attempt whose bank this kiosk already received; a first start needs the
console (or the local ``--bank``/``--key`` exam, docs/room.md).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.app import KioskStartError
from kiosk.core.session import ExamSession
from kiosk.guard import UnlockGate
from kiosk.workstation_authority import WorkstationAuthority


class RoomBankKiosk:
    """What the exam window reads of a kiosk (``ExamKiosk``'s shape), over a :class:`RoomExam`."""

    def __init__(self, exam: Any, gate: UnlockGate, data_dir: Path, closing: Callable[[], None]):
        self.exam = exam
        self.gate = gate
        self.data_dir = data_dir
        self.room = exam.room
        self.clock = exam.clock
        self.device = exam.device
        self.store = exam.store
        self.bank = exam.slot
        self.parts = self  # the window sets parts.item_loaded and runs parts.prepare_engine
        self._closing = closing

    @property
    def item_loaded(self) -> Any:
        return self.exam.item_loaded

    @item_loaded.setter
    def item_loaded(self, listener: Any) -> None:
        self.exam.item_loaded = listener

    def prepare_engine(self) -> None:
        """Nothing to prepare before the bank arrives: its item pool is built when the test starts."""

    def on_session(self, listener: Callable[[ExamSession], None] | None) -> None:
        """``listener(session)`` when a move puts another attempt on this kiosk."""
        self.exam.on_session = listener

    def resume_or_start(self) -> Any:
        from kiosk.exam import ExamAttempt

        session, restored = self.exam.resume_or_start()
        return ExamAttempt(session, self.exam.link, restored=restored)

    def new_attempt(self, seed: int | None = None) -> Any:
        from kiosk.exam import ExamAttempt

        return ExamAttempt(self.exam.new_attempt(seed), self.exam.link, restored=False)

    def close(self) -> None:
        self.room.stop()
        self._closing()


def build_room_exam(data_dir: Path, gate: UnlockGate, custody: Any = None) -> RoomBankKiosk:
    """The device key, the journal and the room link (with bank delivery) of an enrolled kiosk."""
    from kiosk.clock import SystemClock
    from kiosk.link.delivery import BankDelivery
    from kiosk.link.room import open_room
    from kiosk.link.room_exam import RoomExam

    clock = SystemClock()
    if custody is not None:
        from kiosk.keeper.client import unwrap_bank_key

        device, store, sink = custody.device, custody.store, custody.sink

        def unwrap(entry: Any, context: bytes) -> bytes:
            return unwrap_bank_key(custody.client, entry, context)
    else:
        from kiosk.device import load_or_create_device
        from kiosk.journal import JournalStore
        from kiosk.outbox import BundleWriter

        device = load_or_create_device(data_dir)
        store = JournalStore(data_dir, device, clock)
        sink = BundleWriter(data_dir, device, store, clock)
        unwrap = device.unwrap
    delivery = BankDelivery(data_dir, unwrap)

    def closing() -> None:
        delivery.close()
        store.close()

    try:
        room = open_room(data_dir, device=device, store=store, custody=custody, banks=delivery)
        if room is None:
            raise KioskStartError("no --bank was given and this kiosk is not enrolled with a console: enrol it "
                                  "('pupitre-kiosk enrol'), or give the exam's bank with --bank and --key")
        exam = RoomExam(store=store, device=device, clock=clock, sink=sink, room=room,
                        fallback=WorkstationAuthority(gate), delivery=delivery)
    except BaseException:
        closing()
        raise
    return RoomBankKiosk(exam, gate, data_dir, closing)
