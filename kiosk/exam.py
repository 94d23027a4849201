"""Exam mode at the workstation: the composition root of an exam the invigilator authorises at the kiosk.

::

    pupitre-kiosk --exam --bank FILE --trust PUB … (--key CENTER.key [--key-passphrase-file F]
                  | --passphrase-file F) [--profile NAME] [--data-dir DIR] [--windowed] [--locale fr|en]

Until the kiosk talks to the invigilator console, the invigilator is the authority in person:
their unlock code (``pupitre-kiosk set-unlock-code``) lets a test start or resume and settles a
reported problem (:class:`~kiosk.workstation_authority.WorkstationAuthority`); exam mode refuses
to start without it. At every start, :func:`~kiosk.guard.restore_after_crash` first puts back
what a kiosk that died left applied; the guard journals it when it starts. The bank, journal,
device key and result bundles are practice mode's (:class:`~kiosk.app.PracticeKiosk`); the
attempt is an exam. The workstation guard is built with the exam window and started as soon as
the window shows: its shell makes the window full screen (a normal window with ``--windowed``,
for testing), its environment check is the session's ENVIRONMENT_CHECK, and it is stopped on
every normal exit (the invigilator's code, the end of ``main``, ``atexit``, SIGTERM). An
unfinished exam attempt on the same bank is resumed, once the invigilator's code allows it.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itembank.errors import ItemBankError
from itembank.pbank import OpenBank, open_bank
from kiosk.app import (
    WINDOW_SIZE,
    CurrentItems,
    KioskStartError,
    PracticeKiosk,
    QtStart,
    _load_journal_modules,
    default_data_dir,
    import_shared_modules,
    open_practice_bank,
    report_start_error,
    restore_latest,
)
from kiosk.core.session import AttemptInfo, AttemptMode, ExamSession, State
from kiosk.errors import KioskError
from kiosk.guard import UnlockGate, restore_after_crash
from kiosk.workstation_authority import CodeAnswer, Waiting, WorkstationAuthority
from protocol.errors import ProtocolError
from protocol.keys import KeyPair, PublicKeys

log = logging.getLogger("pupitre.kiosk")

KEY_PASSPHRASE_ENV = "PUPITRE_KEY_PASSPHRASE"
BANK_PASSPHRASE_ENV = "PUPITRE_BANK_PASSPHRASE"


# -- before anything else --------------------------------------------------------------------------
def require_unlock_code(data_dir: Path, custody: Any = None) -> UnlockGate:
    """The invigilator's code of this kiosk: an exam at the workstation cannot start without it.
    Under custody the keeper holds and checks it (docs/adr/0012)."""
    gate = UnlockGate(data_dir) if custody is None else custody.unlock_gate()
    if not gate.is_set:
        where = data_dir if custody is None else custody.folder
        raise KioskStartError(
            f"no unlock code is set for this kiosk ({gate.path}): an exam is started and resumed with the "
            f"invigilator's code; set it first with 'pupitre-kiosk set-unlock-code --data-dir {where}'"
            + ("" if custody is None else " (as root, then restart the keeper)"))
    return gate


def _read_secret(file: Path | None, env: str) -> str:
    if file is not None:
        try:
            return file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise KioskStartError(f"cannot read the passphrase file {file}: {exc.strerror or exc}") from None
    return os.environ.get(env, "")


def open_exam_bank(args: argparse.Namespace, data_dir: Path) -> OpenBank:
    """The exam bank, opened with the center's private key (--key) or the bank's passphrase."""
    if args.bank is None or not Path(args.bank).is_file():
        raise KioskStartError(f"bank {args.bank}: no such file (give the exam's .pbank file with --bank)")
    if args.key is None:
        if args.passphrase_file is None and not os.environ.get(BANK_PASSPHRASE_ENV):
            raise KioskStartError(f"bank {args.bank}: give the center's key with --key CENTER.key, or the bank's "
                                  f"passphrase with --passphrase-file or ${BANK_PASSPHRASE_ENV}")
        return open_practice_bank(args, data_dir)
    if not args.trust:
        raise KioskStartError("give the publisher's public key with --trust PUB (the bank's signature is "
                              "checked against it)")
    passphrase = _read_secret(args.key_passphrase_file, KEY_PASSPHRASE_ENV)
    if not passphrase:
        raise KioskStartError(f"center key {args.key}: give its passphrase with --key-passphrase-file or "
                              f"${KEY_PASSPHRASE_ENV}")
    center = KeyPair.load(args.key, passphrase)
    trusted = [PublicKeys.load(p) for p in args.trust]
    return open_bank(args.bank, trusted, recipient=center)


# -- the attempt -----------------------------------------------------------------------------------
@dataclass
class ExamAttempt:
    session: ExamSession
    authority: Any  # WorkstationAuthority, or the RoomLink of an enrolled kiosk (with it as fallback)
    restored: bool

    @property
    def workstation(self) -> WorkstationAuthority:
        """The invigilator's code at the kiosk: the authority itself, or the room link's fallback."""
        return getattr(self.authority, "fallback", self.authority)


class ExamKiosk:
    """Exam attempts over practice mode's parts (bank, journal store, device key, engine, bundle writer)."""

    def __init__(self, parts: PracticeKiosk, gate: UnlockGate, room: Any = None):
        self.parts = parts
        self.gate = gate
        self.room = room  # kiosk.link.room.RoomSide of an enrolled kiosk, else None
        self.bank = parts.bank
        self.profile = parts.profile
        self.data_dir = parts.data_dir
        self.clock = parts.clock
        self.device = parts.device
        self.store = parts.store

    def _authority(self) -> Any:
        fallback = WorkstationAuthority(self.gate)
        return fallback if self.room is None else self.room.link(fallback, self.clock.monotonic)

    def _ports(self, journal: Any, authority: Any) -> dict[str, Any]:
        return dict(bank=CurrentItems(self.bank, self.parts.announce_item), engine_factory=self.parts.engine,
                    journal=journal, clock=self.clock, authority=authority, results=self.parts.sink)

    def _bank_record(self) -> dict[str, Any]:
        return {"id": self.bank.id, "version": self.bank.meta.version, "manifest_sha256": self.bank.manifest_sha256}

    def resume_or_start(self) -> ExamAttempt:
        """The latest unfinished exam attempt on this bank (the invigilator's code will let it
        resume), or a new one. Attempts of another bank or mode are left as they are."""

        def restore(journal, events) -> ExamAttempt:
            authority = self._authority()
            session = ExamSession.restore(events, journal.checkpoint_value(), **self._ports(journal, authority))
            authority.attach(session)
            return ExamAttempt(session, authority, restored=True)

        return restore_latest(self.store, AttemptMode.EXAM, self.bank.manifest_sha256, restore) or self.new_attempt()

    def new_attempt(self, seed: int | None = None) -> ExamAttempt:
        attempt_id = str(uuid.uuid4())
        seed = int.from_bytes(os.urandom(4), "big") if seed is None else seed
        info = AttemptInfo(attempt_id, AttemptMode.EXAM, seed, self._bank_record(), self.profile, self.device.name)
        authority = self._authority()
        session = ExamSession(attempt=info, **self._ports(self.store.create_attempt(attempt_id), authority))
        authority.attach(session)
        return ExamAttempt(session, authority, restored=False)

    def close(self) -> None:
        if self.room is not None:
            self.room.stop()
        self.parts.close()


# -- the interface and the guard -------------------------------------------------------------------
class ExamApp:
    """The exam window, its session and the workstation guard around it.

    ``restored`` is what :func:`restore_after_crash` returned at start (journalled by the guard);
    ``policy`` replaces the profile's guard policy, ``guard_options`` the guard's OS layers
    (``platform``, ``probe``, ``processes``: tests), ``on_exit`` what runs once the invigilator
    has closed the kiosk with their code (by default the application's event loop ends).
    """

    def __init__(self, kiosk: ExamKiosk, *, locale: str = "fr", windowed: bool = False, app: Any = None,
                 qt: QtStart | None = None, restored: list[dict[str, Any]] | None = None, policy: Any = None,
                 guard_options: dict[str, Any] | None = None, on_exit: Callable[[], None] | None = None):
        qt = qt or QtStart(locale, app)
        self.app, self.theme, self.language = qt.app, qt.theme, qt.language
        self.kiosk = kiosk
        self.windowed = windowed
        self.restored = list(restored or [])
        self.policy = policy
        self.guard_options = dict(guard_options or {})
        self._on_exit = on_exit
        self.attempt: ExamAttempt | None = None
        self.window: Any = None
        self.bridge: Any = None
        self.guard: Any = None
        self._closed = False
        from kiosk.ui.qt_figures import QtFigureCache

        self.figures = QtFigureCache(kiosk.bank.attachment)
        kiosk.parts.item_loaded = self.figures.prepare

    def start(self, attempt: ExamAttempt | None = None) -> None:
        from PySide6.QtCore import QSize

        from kiosk.guard.guard import Guard
        from kiosk.guard.policy import GuardPolicy
        from kiosk.ui.qt_services import QtKioskServices
        from kiosk.ui.qt_session import QtSessionBridge
        from kiosk.ui.qt_window import QtKioskWindow, show_windowed

        attempt = attempt or self.kiosk.resume_or_start()
        session, authority, bank = attempt.session, attempt.workstation, self.kiosk.bank
        room, link = self.kiosk.room, attempt.authority
        if attempt.restored:
            self.language.set_locale(session.locale)
        elif session.state is State.IDLE:
            session.open_check_in()  # the attempt's record begins before the guard writes to it
        policy = self.policy or GuardPolicy.from_profile(session.profile)
        if self.windowed:
            policy = policy.with_(shell=False)
        services = QtKioskServices(
            theme=self.theme, language=self.language, attachment=bank.attachment, item=bank.item,
            figure=self.figures.image,
            competence_name=lambda code, locale: bank.framework.competence(code).name.get(locale),
            practice=False, environment_check=self.check_environment,
            awaiting_confirmation=lambda: authority.waiting is Waiting.RESUME,
            today=lambda: self.kiosk.clock.now().date(),
            authorise_with_code=authority.authorise if room is None else link.authorise_with_code,
            resolve_with_code=authority.resolve_problem if room is None else link.resolve_with_code,
            close_with_code=self.close_with_code,
            results_received=None if room is None else
            (lambda: room.worker.receipt(session.attempt.attempt_id) is not None),
            bank_refused=None if room is None else (lambda: getattr(link, "bank_problem", None) is not None),
            check_in_answer=None if room is None else (lambda: getattr(link, "check_in_answer", None)),
        )
        self.attempt = attempt
        if hasattr(self.kiosk, "on_session"):  # a room exam: a move may put another attempt on this kiosk
            self.kiosk.on_session(self._moved)
        self.bridge = QtSessionBridge(session)
        self.window = QtKioskWindow(self.bridge, services)
        self.guard = Guard(session, self.window, policy, self.kiosk.clock, data_dir=self.kiosk.data_dir,
                           unlock=self.kiosk.gate, restored=self.restored, on_exit=self._exit, **self.guard_options)
        self.restored = []
        self.bridge.eventRecorded.connect(self._grant_accommodations)
        if self.windowed:
            show_windowed(self.window, QSize(*WINDOW_SIZE))
        else:
            self.window.show()
        self.guard.start()  # the shell makes the window full screen (unless windowed)
        self.bridge.start()
        if room is not None:  # commands are obeyed on this thread, at the session's tick; the sync has its own
            self.bridge.ticked.connect(lambda: room.on_tick(link))
            room.start()
        threading.Thread(target=self.kiosk.parts.prepare_engine, name="pupitre-engine", daemon=True).start()
        gc.freeze()

    def _moved(self, session: ExamSession) -> None:
        """An attempt moved here from a failed PC: once the command that brought it has returned, the
        window, the bridge and the guard follow the new session (the spare ran no test meanwhile)."""
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: self._switch(session))

    def _switch(self, session: ExamSession) -> None:
        if self._closed or self.attempt is None or self.attempt.session is session:
            return
        link = self.attempt.authority
        if self.guard is not None:
            self.guard.stop()
            self.guard = None
        if self.bridge is not None:
            self.bridge.stop()
        previous = self.window
        self.window = None
        self.start(ExamAttempt(session, link, restored=True))
        if previous is not None:
            previous.hide()
            previous.deleteLater()

    def _grant_accommodations(self, event) -> None:
        """A candidate whose profile says screen reader: Orca / NVDA are granted from check-in."""
        candidate = self.attempt.session.candidate if self.attempt is not None else None
        if event.kind != "checked-in" or self.guard is None or candidate is None or not candidate.accommodations:
            return
        tools = [t for t in self.guard.policy.tools_for(candidate.accommodations)
                 if t not in {g.id for g in self.guard.granted}]
        if tools:
            self.guard.grant_assistive(tools, by="candidate-profile")

    def check_environment(self) -> tuple[list[dict[str, Any]], bool]:
        """The session's ENVIRONMENT_CHECK: what the guard finds on this workstation."""
        if self.guard is None:
            return [], False
        return self.guard.check_environment()

    def close_with_code(self, code: str) -> CodeAnswer:
        """The invigilator closes the kiosk: with their code, the guard is stopped and the kiosk ends."""
        guard = self.guard
        if guard is None or not code.strip():
            return CodeAnswer(False, empty=not code.strip())
        return CodeAnswer.of(lambda: guard.exit_with_code(code))

    def _exit(self) -> None:
        """After the guard has given the workstation back at the invigilator's request."""
        if self._on_exit is not None:
            self._on_exit()
            return
        if self.window is not None:
            self.window.hide()
        self.app.exit(0)

    def close(self) -> None:
        """Give the workstation back and tear everything down (the end of main, and tests). Once."""
        if self._closed:
            return
        self._closed = True
        if self.guard is not None:
            self.guard.stop()
        if self.bridge is not None:
            self.bridge.stop()
        from PySide6.QtCore import QCoreApplication, QEvent
        from shiboken6 import isValid

        if self.window is not None and isValid(self.window):
            self.window.hide()
            self.window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.window = None
        self.kiosk.parts.item_loaded = None
        self.figures.close()
        self.language.close()
        self.kiosk.close()


# -- start-up --------------------------------------------------------------------------------------
def _room(parts: PracticeKiosk, data_dir: Path, custody: Any) -> Any:
    """The room link of an enrolled kiosk (the console authorises), or None (the unlock code does)."""
    from kiosk.link.room import open_room

    return open_room(data_dir, device=parts.device, store=parts.store, custody=custody)


def build_exam(args: argparse.Namespace, data_dir: Path, gate: UnlockGate, custody: Any = None) -> Any:
    """Open the bank, the device key and the journal (the scrypt derivations run side by side), or,
    with ``--keeper``, the bank here and the keeper's journal and device (``custody``). Without
    ``--bank``, an enrolled kiosk's room exam: the console delivers the bank (kiosk.exam_room)."""
    from kiosk.device import load_or_create_device

    if args.bank is None:
        from kiosk.exam_room import build_room_exam

        if getattr(args, "keeper", False):
            from kiosk.keeper.client import connect_keeper

            custody = custody or connect_keeper()
        return build_room_exam(data_dir, gate, custody)

    if getattr(args, "keeper", False):  # the keeper holds the device key and the journal (docs/adr/0012)
        from kiosk.keeper.client import connect_keeper

        custody = custody or connect_keeper()
        try:
            bank = open_exam_bank(args, data_dir)
        except BaseException:
            custody.store.close()
            raise
        try:
            parts = PracticeKiosk(bank, args.profile or bank.default_profile, data_dir, custody=custody)
            return ExamKiosk(parts, gate, _room(parts, data_dir, custody))
        except BaseException:
            bank.close()
            custody.store.close()
            raise
    log.warning("exam in single-account custody: the device key and the journal in %s are readable and writable "
                "by this account (start the exam through 'pupitre-kiosk keeper' to keep them out of reach)", data_dir)
    with ThreadPoolExecutor(max_workers=2) as pool:
        modules = pool.submit(_load_journal_modules)
        device = pool.submit(load_or_create_device, data_dir)
        bank = open_exam_bank(args, data_dir)
        try:
            modules.result()
            parts = PracticeKiosk(bank, args.profile or bank.default_profile, data_dir, device=device.result())
            return ExamKiosk(parts, gate, _room(parts, data_dir, None))
        except BaseException:
            bank.close()
            raise


def launch_exam(args: argparse.Namespace) -> ExamApp:
    """Put the workstation back if a kiosk died on it, check that the invigilator's code is set,
    then build the exam while Qt starts and show its window with the guard on."""
    data_dir = args.data_dir or default_data_dir()
    restored = restore_after_crash(data_dir)
    for report in restored:
        log.warning("after a crash: %s %s (%s)", report["measure"], "restored" if report["restored"] else
                    "NOT restored", report["detail"])
    custody = None
    if getattr(args, "keeper", False):
        from kiosk.keeper.client import connect_keeper

        custody = connect_keeper()
    try:
        gate = require_unlock_code(data_dir, custody)
        import_shared_modules()
        with ThreadPoolExecutor(max_workers=1) as pool:
            building = pool.submit(build_exam, args, data_dir, gate, custody)
            qt = QtStart(args.locale)
            kiosk = building.result()
    except BaseException:
        if custody is not None:
            custody.store.close()
        raise
    ui = ExamApp(kiosk, qt=qt, windowed=args.windowed, restored=restored)
    try:
        ui.start()
    except BaseException:
        ui.close()
        raise
    return ui


def run_exam(args: argparse.Namespace) -> int:
    """``pupitre-kiosk --exam``: start-up errors are one sentence (exit code 2), never a traceback."""
    try:
        ui = launch_exam(args)
    except (ItemBankError, KioskError, KioskStartError, ProtocolError, OSError) as exc:
        report_start_error(str(exc))
        return 2
    try:
        return ui.app.exec()
    finally:
        ui.close()
