"""An enrolled kiosk's exam with no bank of its own: the console delivers the bank, and may move an attempt here.

:class:`RoomExam` is the composition of a room exam below the interface: the journal store, the
device key, the bundle writer, the room side (worker, book, link) and a :class:`BankSlot` that
the session reads its items from. A new attempt begins with no bank (``AttemptInfo.bank`` None):
the candidate checks in, the console's authorisation brings the bank, :mod:`kiosk.link.delivery`
downloads, verifies and opens it on the worker's thread, and the session records it
(``bank-delivered``) before the authorisation (ADR 0025).

A move (``authorise-move``, ADR 0020) builds another session: the console's copy of the attempt's
journal is checked (chain from genesis, head, not finished, the bank delivered with it is the
attempt's), adopted into this kiosk's journal as it is, replayed (the same questions, answers,
time used and engine state) and continued from its head; the move stands as the authorisation to
resume. ``on_session`` tells the interface that the session on screen changed.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from itembank.model import Item, ItemMeta
from itembank.pbank import OpenBank
from itembank.profile import ExamProfile
from kiosk.core import events as ev
from kiosk.core.commands import CommandResult, Disposition, RoomCommand
from kiosk.core.events import Event
from kiosk.core.ports import Engine
from kiosk.core.session import AttemptInfo, AttemptMode, ExamSession, State
from kiosk.errors import KioskError, ReplayMismatchError
from kiosk.link.moves import MoveRefusedError, moved_events
from kiosk.link.room_link import RoomLink

log = logging.getLogger(__name__)

class NoBankYetError(KioskError):
    """The session asked for an item before the console delivered its bank (a wiring fault)."""


class BankSlot:
    """The bank a room exam runs, empty until the console delivers it (the session's ItemSource)."""

    def __init__(self) -> None:
        self.bank: OpenBank | None = None
        self._pool: Any = None
        self._pool_of: str | None = None

    def use(self, bank: OpenBank) -> None:
        self.bank = bank

    def _open(self) -> OpenBank:
        if self.bank is None:
            raise NoBankYetError("the exam's bank has not been delivered by the console yet")
        return self.bank

    @property
    def metas(self) -> Sequence[ItemMeta]:
        return self.bank.metas if self.bank is not None else ()

    def item(self, item_id: str) -> Item:
        return self._open().item(item_id)

    def attachment(self, name: str) -> bytes:
        return self._open().attachment(name)

    @property
    def framework(self) -> Any:
        return self._open().framework

    def engine(self, profile: ExamProfile, seed: int, *, screen_reader: bool = False,
               exposure: Mapping[str, Any] | None = None) -> Engine:
        """The adaptive test on the delivered bank (its item pool is built once per bank)."""
        from itembank.cat import AdaptiveTest, ExposureRecord, ItemPool

        bank = self._open()
        if self._pool_of != bank.manifest_sha256:
            self._pool, self._pool_of = ItemPool.build(bank.metas, bank.framework), bank.manifest_sha256
        record = ExposureRecord.from_dict(exposure, "the authorisation's exposure record") if exposure else None
        return AdaptiveTest(self._pool, bank.framework, profile, seed, screen_reader=screen_reader, exposure=record)


class RoomExam:
    """Attempts of an enrolled kiosk whose banks come from the console (no --bank, no center key)."""

    def __init__(self, *, store: Any, device: Any, clock: Any, sink: Any, room: Any, fallback: Any,
                 delivery: Any = None, on_session: Callable[[ExamSession], None] | None = None):
        self.store = store
        self.device = device
        self.clock = clock
        self.sink = sink
        self.room = room  # kiosk.link.room.RoomSide
        self.slot = BankSlot()
        self.delivery = delivery  # kiosk.link.delivery.BankDelivery: reopens a cached bank after a restart
        self.on_session = on_session
        self.item_loaded: Callable[[Item], None] | None = None  # the interface prepares figures meanwhile
        self.link = RoomLink(room.book, room.inbox, fallback, lambda: room.worker.health, clock.monotonic,
                             deliver_later=room.worker.deliver_later, on_bank=self._bank_delivered,
                             on_move=self.apply_move)
        self.session: ExamSession | None = None

    # -- sessions --------------------------------------------------------------------------------
    def _engine(self, seed: int, *, profile: ExamProfile, **options: Any) -> Engine:
        return self.slot.engine(profile, seed, **options)

    def _ports(self, journal: Any) -> dict[str, Any]:
        from kiosk.app import CurrentItems

        return dict(bank=CurrentItems(self.slot, self._loaded), engine_factory=self._engine, journal=journal,
                    clock=self.clock, authority=self.link, results=self.sink)

    def _loaded(self, item: Item) -> None:
        if self.item_loaded is not None:
            self.item_loaded(item)

    def _take(self, session: ExamSession) -> ExamSession:
        self.session = session
        self.link.attach(session)
        if self.on_session is not None:
            self.on_session(session)
        return session

    def new_attempt(self, seed: int | None = None) -> ExamSession:
        """A new attempt waiting for its check-in; its bank and profile come with the authorisation."""
        attempt_id = str(uuid.uuid4())
        seed = int.from_bytes(os.urandom(4), "big") if seed is None else seed
        info = AttemptInfo(attempt_id, AttemptMode.EXAM, seed, None, ExamProfile(), self.device.name)
        session = ExamSession(attempt=info, **self._ports(self.store.create_attempt(attempt_id)))
        return self._take(session)

    def resume_or_start(self) -> tuple[ExamSession, bool]:
        """The latest unfinished exam attempt of this kiosk, rebuilt (its bank reopened from the cache
        with the key kept for this device), or a new one; True when restored. An attempt that cannot
        be rebuilt is left as it is, as evidence, and the kiosk starts a new one."""
        for record in reversed(self.store.unfinished_attempts()):
            try:
                journal = self.store.open_attempt(record.attempt_id)
                events = journal.events()
                if not events or events[0].payload.get("mode") != AttemptMode.EXAM.value:
                    continue
                delivered = next((e for e in events if e.kind == ev.BANK_DELIVERED), None)
                if delivered is not None:
                    if self.delivery is None:
                        continue
                    self.slot.use(self.delivery.reopen(delivered.payload.get("source", {})).bank)
                elif events[0].payload.get("bank"):
                    continue  # begun with a local bank (--bank): that kiosk mode resumes it
                session = ExamSession.restore(events, journal.checkpoint_value(), **self._ports(journal))
            except (KioskError, ReplayMismatchError) as exc:
                log.error("attempt %s cannot be resumed here (%s); its journal is kept as it is", record.attempt_id,
                          exc)
                continue
            return self._take(session), True
        return self.new_attempt(), False

    def _bank_delivered(self, delivered: Any) -> None:
        self.slot.use(delivered.bank)

    def tick(self) -> None:
        """On the interface's thread: obey what came (the session may change: a move)."""
        self.room.on_tick(self.link)

    # -- a move to this kiosk ----------------------------------------------------------------------
    def apply_move(self, command: RoomCommand) -> CommandResult:
        """Continue here the attempt ``command`` moves from another kiosk, or say why not (journalled
        in the current attempt, if it has begun its record). A move delivered again is a duplicate."""
        attempt_id = command.args.get("attempt_id")
        try:
            held = getattr(self.store, "attempts", self.store.unfinished_attempts)()  # the keeper lists unfinished
            if not command.defect and any(r.attempt_id == attempt_id for r in held):
                return self._already_here(command, attempt_id)
        except KioskError as exc:  # the journal store cannot say (damaged, quarantined): nothing is taken over
            return self._refuse(command, f"this kiosk's journal of attempt {attempt_id} cannot be read ({exc})")
        entries, problem = self._moved_journal(command)
        if problem is None and entries is not None:
            try:
                return self._continue(command, entries)
            except (KioskError, ReplayMismatchError) as exc:
                problem = f"the attempt's journal cannot be continued here: {exc}"
        return self._refuse(command, problem or "the move cannot be applied")

    def _moved_journal(self, command: RoomCommand) -> tuple[list[Event] | None, str | None]:
        """The journal a move carries, checked; or why it is refused."""
        if command.defect:
            return None, command.defect
        attempt_id = command.args["attempt_id"]
        current = self.session
        if current is not None and current.started and current.state not in (State.FINISHED, State.SUBMITTED):
            return None, f"this kiosk runs attempt {current.attempt.attempt_id}; a move needs a free PC"
        if command.delivered is None:
            return None, "the move brings no bank this kiosk could open"
        try:
            events = moved_events(command)
        except MoveRefusedError as exc:
            return None, str(exc)
        bank = events[0].payload.get("bank")
        for event in events:
            if event.kind == ev.BANK_DELIVERED:
                bank = event.payload.get("bank")
        manifest = bank.get("manifest_sha256") if isinstance(bank, Mapping) else None
        if manifest != command.delivered.record["manifest_sha256"]:
            return None, (f"the bank delivered with the move ({command.delivered.record['id']}) is not the bank "
                          f"attempt {attempt_id} runs")
        return events, None

    def _continue(self, command: RoomCommand, events: list[Event]) -> CommandResult:
        attempt_id = command.args["attempt_id"]
        adopt = getattr(self.store, "adopt_attempt", None)
        if adopt is not None:  # the keeper checks the move itself before it writes anything (custody)
            journal = adopt(attempt_id, events, command)
        else:
            journal = self.store.create_attempt(attempt_id)
            journal.adopt(events)
        self.slot.use(command.delivered.bank)
        previous = self.session
        session = ExamSession.restore(journal.events(), None, **self._ports(journal))
        self._take(session)
        result = session.obey(command)
        if result.disposition is Disposition.APPLIED and previous is not None and previous.state is State.CHECK_IN:
            log.info("attempt %s left at check-in: attempt %s moved to this kiosk", previous.attempt.attempt_id,
                     attempt_id)
        return result

    def _already_here(self, command: RoomCommand, attempt_id: str) -> CommandResult:
        current = self.session
        if current is not None and current.attempt.attempt_id == attempt_id:
            known = command.id in current.room_commands
        else:
            events = self.store.open_attempt(attempt_id).events()
            known = any(e.kind == ev.ROOM_COMMAND and e.payload.get("id") == command.id for e in events)
        if known:  # delivered again (the acknowledgement was lost): nothing more to do
            return CommandResult(command.id, Disposition.APPLIED, duplicate=True)
        return self._refuse(command, f"this kiosk already holds attempt {attempt_id}; it is not moved here twice")

    def _refuse(self, command: RoomCommand, reason: str) -> CommandResult:
        log.warning("move %s refused: %s", command.id, reason)
        session = self.session
        if session is None:
            return CommandResult(command.id, Disposition.REFUSED, reason)
        return session.obey(dataclasses.replace(command, defect=reason[:500]))

