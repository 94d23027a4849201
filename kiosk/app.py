"""The kiosk's composition root: wires one configuration and starts the interface.

Practice mode (the main demo)::

    pupitre-kiosk --practice --bank FILE [--profile NAME] [--passphrase-file F] [--trust PUB …]
                  [--data-dir DIR] [--windowed] [--locale fr|en]
    pupitre-kiosk --practice --demo          # builds the demo bank if needed, short profile, windowed

Exam mode at the workstation, authorised by the invigilator's unlock code (see kiosk/exam.py)::

    pupitre-kiosk --exam --bank FILE --trust PUB … (--key CENTER.key | --passphrase-file F) …

Exam mode on an enrolled kiosk, the invigilator console as authority and bank source (kiosk/exam_room.py)::

    pupitre-kiosk --exam [--keeper] [--data-dir DIR] …          # no --bank: the console delivers it

Everything the session needs is created here (and in kiosk/exam.py, kiosk/exam_room.py) and handed
over through its ports.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import os
import sys
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from itembank.errors import AuthoringError, ItemBankError
from itembank.model import Item
from itembank.pbank import OpenBank, open_bank
from kiosk.clock import SystemClock
from kiosk.core.authority import LocalAuthority
from kiosk.core.events import Event
from kiosk.core.ports import Clock, Engine
from kiosk.core.session import AttemptInfo, AttemptMode, ExamSession
from kiosk.errors import KioskError, ReplayMismatchError
from protocol.errors import ProtocolError
from protocol.keys import PublicKeys

if TYPE_CHECKING:
    from kiosk.device import DeviceIdentity

log = logging.getLogger("pupitre.kiosk")

DEMO_PROFILE = "practice-short"
PASSPHRASE_ENV = "PUPITRE_BANK_PASSPHRASE"
WINDOW_SIZE = (1366, 768)
_Attempt = TypeVar("_Attempt")


class KioskStartError(Exception):
    """The kiosk cannot start with these options; the message says what to change."""


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("pupitre", appauthor=False)) / "kiosk"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    from kiosk.cli import commands_epilog

    parser = argparse.ArgumentParser(prog="pupitre-kiosk", description="The Pupitre candidate kiosk.",
                                     usage="%(prog)s --practice|--exam [options]\n       %(prog)s COMMAND …",
                                     epilog=commands_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--practice", action="store_true", help="practice mode: no invigilator, results at the end")
    parser.add_argument("--exam", action="store_true",
                        help="exam mode: the invigilator allows the start at this workstation with their unlock code "
                             "(pupitre-kiosk set-unlock-code), or from the console on an enrolled kiosk, which then "
                             "needs no --bank (the console delivers it); the workstation guard is on")
    parser.add_argument("--demo", action="store_true",
                        help="use the demonstration bank (built into the data directory if missing)")
    parser.add_argument("--bank", type=Path, help="the .pbank file (an enrolled kiosk's exam: none, the console "
                                                 "delivers it)")
    parser.add_argument("--profile", help="exam profile of the bank (default: the bank's, or practice-short)")
    parser.add_argument("--passphrase-file", type=Path, help=f"file holding the bank passphrase (or ${PASSPHRASE_ENV})")
    parser.add_argument("--trust", type=Path, action="append", default=[], metavar="PUB",
                        help="a trusted publisher public key (repeat for several)")
    parser.add_argument("--key", type=Path, metavar="CENTER.key", help="exam: open the bank with this center key")
    parser.add_argument("--key-passphrase-file", type=Path, metavar="F",
                        help="file holding the passphrase of --key (or $PUPITRE_KEY_PASSPHRASE)")
    parser.add_argument("--data-dir", type=Path, help="journal, device key and outbox (default: the user data dir)")
    parser.add_argument("--keeper", action="store_true",
                        help="exam: the journal and the device key are held by 'pupitre-kiosk keeper', which started "
                             "this kiosk (docs/kiosk.md, key custody); without it they are in --data-dir, readable "
                             "by this account")
    parser.add_argument("--windowed", action="store_true", help="a 1366×768 window instead of full screen")
    parser.add_argument("--locale", choices=("fr", "en"), default="fr", help="interface language at start")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.practice == args.exam:
        parser.error("choose --practice or --exam")
    if args.exam and args.demo:
        parser.error("--demo is for practice; an exam needs --bank FILE, or an enrolled kiosk's console")
    if args.practice and args.key is not None:
        parser.error("--key is for an exam; a practice bank opens with its passphrase")
    if args.practice and args.keeper:
        parser.error("--keeper is for an exam; practice keeps its journal in this account's data directory")
    if args.practice and not args.demo and args.bank is None:
        parser.error("give --bank FILE, or --demo")
    if args.exam and args.bank is None and (args.key is not None or args.passphrase_file is not None):
        parser.error("--key and --passphrase-file open a local --bank; without --bank the console delivers the bank")
    return args


# -- the bank --------------------------------------------------------------------------------------
def _stale(bank: Path, source: Path) -> bool:
    if not bank.exists():
        return True
    built = bank.stat().st_mtime
    return any(p.stat().st_mtime > built for p in source.rglob("*") if p.is_file())


def demo_bank(data_dir: Path) -> tuple[Path, str, list[PublicKeys]]:
    """The demo practice bank (rebuilt when its source changed), its passphrase and publisher key."""
    from itembank.demo import DEMO_BANK_PASSPHRASE, DEMO_KEYS, DEMO_SOURCE, build_demo_banks

    out = data_dir / "banks"
    path = out / "demo-crcn.pbank"
    if _stale(path, DEMO_SOURCE):
        log.info("building the demo banks into %s", out)
        path = build_demo_banks(out).practice
    return path, DEMO_BANK_PASSPHRASE, [PublicKeys.load(DEMO_KEYS / "demo-publisher.pub")]


def open_practice_bank(args: argparse.Namespace, data_dir: Path) -> OpenBank:
    if args.demo:
        path, passphrase, trusted = demo_bank(data_dir)
    else:
        path = args.bank
        if not Path(path).is_file():
            raise KioskStartError(f"bank {path}: no such file (give the .pbank file with --bank)")
        if args.passphrase_file is not None:
            try:
                passphrase = args.passphrase_file.read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise KioskStartError(f"cannot read the passphrase file {args.passphrase_file}: "
                                      f"{exc.strerror or exc}") from None
        else:
            passphrase = os.environ.get(PASSPHRASE_ENV, "")
        if not passphrase:
            raise KioskStartError(f"bank {path}: give its passphrase with --passphrase-file or ${PASSPHRASE_ENV}")
        if not args.trust:
            raise KioskStartError("give the publisher's public key with --trust PUB (the bank's signature is "
                                  "checked against it)")
        trusted = [PublicKeys.load(p) for p in args.trust]
    return open_bank(path, trusted, passphrase=passphrase)


# -- one practice attempt ----------------------------------------------------------------------------
@dataclass
class PracticeAttempt:
    session: ExamSession
    authority: LocalAuthority
    restored: bool


class CurrentItems:
    """The bank as the session sees it, keeping the last items decrypted (the one on screen and
    the one before) so that showing a question decrypts it once, not at every step.

    ``loaded`` hears of each item as it is decrypted, which is while the session command that
    will show it runs, before the journal's commit: the interface prepares its illustrations
    meanwhile (:class:`kiosk.ui.qt_figures.QtFigureCache`). A failing listener is logged, never
    allowed to stop the session."""

    KEEP = 2

    def __init__(self, bank: OpenBank, loaded: Callable[[Item], None] | None = None):
        self._bank = bank
        self._kept: dict[str, Item] = {}
        self._loaded = loaded

    @property
    def metas(self) -> Any:
        return self._bank.metas  # read when asked: a room exam's bank arrives with the authorisation

    def item(self, item_id: str) -> Item:
        found = self._kept.get(item_id)
        if found is None:
            found = self._bank.item(item_id)
            self._kept[item_id] = found
            while len(self._kept) > self.KEEP:
                del self._kept[next(iter(self._kept))]
            if self._loaded is not None:
                try:
                    self._loaded(found)
                except Exception:
                    log.exception("preparing item %s for display failed; it will be prepared when shown", item_id)
        return found


def restore_latest(store: Any, mode: AttemptMode, manifest_sha256: str,
                   restore: Callable[[Any, list[Event]], _Attempt]) -> _Attempt | None:
    """The latest unfinished attempt of ``mode`` on this bank, restored by ``restore(journal, events)``.

    Attempts of another bank or mode are left as they are (never continued with a different
    bank). One whose journal fails its check (quarantined) or that this software cannot replay
    (a journal written by another version of the engine) is reported and left as evidence, its
    answers kept: the kiosk starts, and the candidate begins a new attempt.
    """
    for record in reversed(store.unfinished_attempts()):
        try:
            journal = store.open_attempt(record.attempt_id)
        except KioskError as exc:
            log.warning("attempt %s cannot be resumed: %s", record.attempt_id, exc)
            continue
        events = journal.events()
        first = events[0].payload if events else {}
        if first.get("mode") != mode.value or (first.get("bank") or {}).get("manifest_sha256") != manifest_sha256:
            continue
        try:
            return restore(journal, events)
        except ReplayMismatchError as exc:
            log.error("attempt %s cannot be resumed by this version of the kiosk (%s); its journal is kept as it is",
                      record.attempt_id, exc)
    return None


class PracticeKiosk:
    """Practice mode: the bank, the journal store and the device key, and one attempt at a time.

    In-process, in this account's ``data_dir`` (single-account custody), unless ``custody`` (a
    :class:`kiosk.keeper.client.Custody`) gives the keeper's device, store and sink: then this
    process never holds the device key nor opens the journal (docs/adr/0012).
    """

    def __init__(self, bank: OpenBank, profile_name: str, data_dir: Path, clock: Clock | None = None,
                 device: DeviceIdentity | None = None, custody: Any = None):
        self.bank = bank
        self.profile = bank.profile(profile_name)
        self.data_dir = data_dir
        self.clock = clock or SystemClock()
        if custody is not None:
            self.device, self.store, self.sink = custody.device, custody.store, custody.sink
        else:
            from kiosk.device import load_or_create_device  # the journal's modules load here (SQLAlchemy):
            from kiosk.journal import JournalStore  # main() builds the kiosk while Qt starts
            from kiosk.outbox import BundleWriter

            self.device = device or load_or_create_device(data_dir)
            self.store = JournalStore(data_dir, self.device, self.clock)
            self.sink = BundleWriter(data_dir, self.device, self.store, self.clock)
        self._pool = None
        self._pool_lock = threading.Lock()
        self.item_loaded: Callable[[Item], None] | None = None  # the interface's, set when it starts

    def prepare_engine(self) -> None:
        """Load the adaptive engine and index the bank for it. Start-up leaves this for later (numpy
        and the item pool are not needed to show the check-in screen); the app runs it in the
        background while the candidate checks in, and the first question waits for it if needed."""
        with self._pool_lock:
            if self._pool is None:
                from itembank.cat import AdaptiveTest, ItemPool
                from itembank.model import Outcome

                self._pool = ItemPool.build(self.bank.metas, self.bank.framework)
                rehearsal = AdaptiveTest(self._pool, self.bank.framework, self.profile, 0)
                first = rehearsal.next_item()  # a throwaway test loads what the first answer would
                if first is not None:
                    rehearsal.record(first, Outcome.OK)
                    rehearsal.next_item()

    def engine(self, seed: int, *, screen_reader: bool = False, exposure: Mapping[str, Any] | None = None) -> Engine:
        """The attempt's adaptive test; ``exposure`` is the center's exposure record the console sent
        with the authorisation to start (the r_max cap then acts across the room, ADR 0020)."""
        from itembank.cat import AdaptiveTest, ExposureRecord

        self.prepare_engine()
        record = ExposureRecord.from_dict(exposure, "the authorisation's exposure record") if exposure else None
        return AdaptiveTest(self._pool, self.bank.framework, self.profile, seed, screen_reader=screen_reader,
                            exposure=record)

    def announce_item(self, item: Item) -> None:
        """An item was decrypted for the session (see :class:`CurrentItems`)."""
        if self.item_loaded is not None:
            self.item_loaded(item)

    def _ports(self, journal, authority: LocalAuthority) -> dict:
        return dict(bank=CurrentItems(self.bank, self.announce_item), engine_factory=self.engine, journal=journal,
                    clock=self.clock, authority=authority, results=self.sink)

    def resume_or_start(self) -> PracticeAttempt:
        """Restore the latest unfinished attempt on this bank, or begin a new one."""

        def restore(journal: Any, events: list[Event]) -> PracticeAttempt:
            authority = LocalAuthority()
            session = ExamSession.restore(events, journal.checkpoint_value(), **self._ports(journal, authority))
            authority.attach(session)
            return PracticeAttempt(session, authority, restored=True)

        restored = restore_latest(self.store, AttemptMode.PRACTICE, self.bank.manifest_sha256, restore)
        return restored or self.new_attempt()

    def new_attempt(self, seed: int | None = None) -> PracticeAttempt:
        """A new attempt; its seed comes from the system's random source unless given (screenshots)."""
        attempt_id = str(uuid.uuid4())
        seed = int.from_bytes(os.urandom(4), "big") if seed is None else seed
        info = AttemptInfo(attempt_id, AttemptMode.PRACTICE, seed,
                           {"id": self.bank.id, "version": self.bank.meta.version,
                            "manifest_sha256": self.bank.manifest_sha256},
                           self.profile, self.device.name)
        authority = LocalAuthority()
        session = ExamSession(attempt=info, **self._ports(self.store.create_attempt(attempt_id), authority))
        authority.attach(session)
        return PracticeAttempt(session, authority, restored=False)

    def close(self) -> None:
        self.store.close()
        self.bank.close()


# -- the interface --------------------------------------------------------------------------------
class QtStart:
    """The Qt application with its theme and language: what every window needs, made first."""

    def __init__(self, locale: str = "fr", app=None):
        from PySide6.QtWidgets import QApplication

        from kiosk.ui.qt_i18n import QtLanguage
        from kiosk.ui.qt_refcount import QtRefcountKeeper
        from kiosk.ui.qt_theme import QtTheme

        self.app = app or QApplication.instance() or QApplication(sys.argv[:1])
        self.app.setApplicationName("Pupitre")
        QtRefcountKeeper.install(self.app)  # PySide6 6.12.0 on Python 3.11 (see qt_refcount.py)
        self.theme = QtTheme(self.app)
        self.language = QtLanguage(self.app, locale)


class PracticeApp:
    """The Qt side of practice mode: one window per attempt, a new attempt on demand."""

    def __init__(self, kiosk: PracticeKiosk, *, locale: str = "fr", windowed: bool = True, app=None,
                 watch_focus: bool = True, qt: QtStart | None = None):
        qt = qt or QtStart(locale, app)
        self.app, self.theme, self.language = qt.app, qt.theme, qt.language
        self.kiosk = kiosk
        self.windowed = windowed
        self.window = None
        self.bridge = None
        self.focus = None
        self.watch_focus = watch_focus
        self.attempt: PracticeAttempt | None = None
        from kiosk.ui.qt_figures import QtFigureCache

        self.figures = QtFigureCache(kiosk.bank.attachment)
        kiosk.item_loaded = self.figures.prepare

    def start(self, attempt: PracticeAttempt | None = None) -> None:
        from PySide6.QtCore import QSize

        from kiosk.ui.qt_services import QtKioskServices
        from kiosk.ui.qt_session import QtSessionBridge
        from kiosk.ui.qt_window import QtKioskWindow, show_windowed

        attempt = attempt or self.kiosk.resume_or_start()
        if attempt.restored:
            self.language.set_locale(attempt.session.locale)
        bank, authority = self.kiosk.bank, attempt.authority
        services = QtKioskServices(
            theme=self.theme, language=self.language, attachment=bank.attachment, item=bank.item,
            figure=self.figures.image,
            competence_name=lambda code, locale: bank.framework.competence(code).name.get(locale),
            domains={d.code: {"fr": d.name.fr, "en": d.name.en} for d in bank.framework.domains},
            practice=True, confirm_resume=authority.confirm_resume,
            awaiting_confirmation=lambda: authority.waiting_for_confirmation,
            today=lambda: self.kiosk.clock.now().date(), new_attempt=self.new_attempt, quit=self.quit,
            # Practice runs no environment check and no lockdown: kiosk.guard's Guard is for exams.
        )
        previous = self.window
        self.attempt = attempt
        self.bridge = QtSessionBridge(attempt.session)
        self.window = QtKioskWindow(self.bridge, services)
        if self.windowed:
            show_windowed(self.window, QSize(*WINDOW_SIZE))
        else:
            self.window.showFullScreen()
        self.bridge.start()
        self._watch_focus(attempt.session)
        threading.Thread(target=self.kiosk.prepare_engine, name="pupitre-engine", daemon=True).start()
        gc.freeze()  # what start-up made lives until the end: the collector need not look at it again
        if previous is not None:
            previous.close()
            previous.deleteLater()

    def _watch_focus(self, session: ExamSession) -> None:
        """Focus questions count in practice too: the guard's focus watcher, without its lockdown."""
        if self.focus is not None:
            self.focus.revert()
            self.focus = None
        if not self.watch_focus:
            return
        from kiosk.guard.policy import GuardPolicy
        from kiosk.guard.qt_focus import FocusWatcher, QtOnlyProbe

        policy = GuardPolicy.from_profile(session.profile)
        self.focus = FocusWatcher(QtOnlyProbe(), debounce_ms=policy.debounce_ms, poll_ms=policy.poll_ms,
                                  granted=lambda: (), on_lost=lambda loss: session.focus_lost(loss.window.describe()),
                                  on_regained=lambda back: session.focus_regained(), clock=self.kiosk.clock.monotonic)
        self.focus.apply()

    def new_attempt(self) -> None:
        if self.bridge is not None:
            self.bridge.stop()
        self.start(self.kiosk.new_attempt())

    def quit(self) -> None:
        if self.window is not None:
            self.window.close()
        self.app.quit()

    def close(self) -> None:
        """Tear everything down (tests, and the end of main)."""
        if self.focus is not None:
            self.focus.revert()
            self.focus = None
        if self.bridge is not None:
            self.bridge.stop()
        from PySide6.QtCore import QCoreApplication, QEvent
        from shiboken6 import isValid

        if self.window is not None and isValid(self.window):
            self.window.close()
            self.window.deleteLater()
            self.window = None
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.window = None
        self.kiosk.item_loaded = None
        self.figures.close()
        self.language.close()
        self.kiosk.close()


XCB_PACKAGES = ("libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xinerama0 "
                "libxcb-shape0 libxcb-randr0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3")


def display_problem(environ: Mapping[str, str] | None = None, platform: str = sys.platform,
                    find_library: Callable[[str], str | None] | None = None) -> str | None:
    """Why Qt could not open a window on this Linux machine, said before Qt tries: Qt aborts the
    whole process (no exception to catch) when it finds no display or its X11 plugin cannot load.
    None when nothing is known to be wrong, or on other systems."""
    environ = os.environ if environ is None else environ
    if not platform.startswith("linux"):
        return None
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen and not chosen.startswith(("xcb", "wayland")):
        return None  # offscreen, vnc, eglfs…: chosen on purpose
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return ("no display: DISPLAY and WAYLAND_DISPLAY are unset, and the kiosk needs a graphical session. "
                "To try it without one, set QT_QPA_PLATFORM=offscreen (nothing is shown), or run './run demo', "
                "which then describes the demo bank instead.")
    if chosen.startswith("wayland") or (not chosen and environ.get("WAYLAND_DISPLAY")):
        return None
    if find_library is None:
        import ctypes.util

        find_library = ctypes.util.find_library
    # Only when the lookup works at all (it finds libxcb itself) is a missing libxcb-cursor news.
    if find_library("xcb") is not None and find_library("xcb-cursor") is None:
        return ("Qt's X11 plugin cannot start: libxcb-cursor is missing. On Debian or Ubuntu: "
                f"sudo apt-get install {XCB_PACKAGES}")
    return None


def report_start_error(message: str) -> None:
    """Say why the kiosk cannot start: on the terminal, and in a dialog when there is a screen."""
    print(f"pupitre-kiosk: {message}", file=sys.stderr)
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen" or display_problem() is not None:
        return
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox

        app = QApplication.instance() or QApplication(sys.argv[:1])
        QMessageBox.critical(None, "Pupitre", message)
        del app
    except Exception:  # no display: the terminal message is enough
        pass


def import_shared_modules() -> None:
    """Import, in this thread, the standard modules that the start-up threads would otherwise
    import at the same time (SQLAlchemy's asyncio and importlib.metadata). Two threads importing
    one module tree at once can meet CPython's import-deadlock guard, which hands one of them a
    half-initialised module ("cannot import name … from partially initialized module 'asyncio'"):
    about one start in a hundred failed so in the crash trial. The same with cryptography's OpenSSL
    backend, which its X25519 and Ed25519 keys import on first use: the device key and the center key
    are unsealed on two threads at once, and one start failed with "No module named
    'cryptography.hazmat.backends.openssl.backend'" while another test loaded the machine."""
    importlib.import_module("asyncio")
    importlib.import_module("importlib.metadata")
    importlib.import_module("cryptography.hazmat.backends.openssl.backend")


def _load_journal_modules() -> None:
    """SQLAlchemy and the journal: the longest import of the kiosk."""
    importlib.import_module("kiosk.journal")
    importlib.import_module("kiosk.outbox")


def build_practice(args: argparse.Namespace) -> PracticeKiosk:
    """Open the bank, the device key and the journal. The two keys are behind scrypt, which lets
    other threads run, so the journal's modules load meanwhile."""
    from kiosk.device import load_or_create_device

    data_dir = args.data_dir or default_data_dir()
    with ThreadPoolExecutor(max_workers=2) as pool:
        modules = pool.submit(_load_journal_modules)
        device = pool.submit(load_or_create_device, data_dir)
        bank = open_practice_bank(args, data_dir)
        try:
            modules.result()
            profile = args.profile or (DEMO_PROFILE if DEMO_PROFILE in bank.profiles else bank.default_profile)
            return PracticeKiosk(bank, profile, data_dir, device=device.result())
        except BaseException:
            bank.close()
            raise


def launch(args: argparse.Namespace) -> PracticeApp:
    """Build practice mode and show its window. The bank, the device key and the journal (scrypt,
    SQLAlchemy) load in a worker thread while Qt starts in this one."""
    import_shared_modules()
    with ThreadPoolExecutor(max_workers=1) as pool:
        building = pool.submit(build_practice, args)
        qt = QtStart(args.locale)
        kiosk = building.result()
    try:
        ui = PracticeApp(kiosk, qt=qt, windowed=args.windowed or args.demo)
        ui.start()
    except BaseException:
        kiosk.close()
        raise
    return ui


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = parse_args(argv)
    problem = display_problem()
    if problem is not None:
        report_start_error(problem)
        return 2
    from kiosk.guard.data_lock import DataFolderLock
    from kiosk.guard.errors import DataFolderInUseError

    folder_lock = DataFolderLock(args.data_dir or default_data_dir())
    try:  # before anything in the folder is read or written: one kiosk per data folder
        folder_lock.acquire()
    except DataFolderInUseError as exc:
        # on the terminal only: a dialog would wait, unseen, under the running kiosk's full-screen window
        print(f"pupitre-kiosk: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        report_start_error(f"cannot use the data folder {folder_lock.data_dir}: {exc.strerror or exc}")
        return 2
    if args.exam:
        from kiosk.exam import run_exam

        return run_exam(args)
    try:
        ui = launch(args)
    except AuthoringError as exc:
        report_start_error("the demo bank source has problems:\n" + "\n".join(exc.problems[:20]))
        return 2
    except (ItemBankError, KioskError, KioskStartError, ProtocolError, OSError) as exc:
        report_start_error(str(exc))
        return 2
    try:
        return ui.app.exec()
    finally:
        ui.close()


if __name__ == "__main__":
    sys.exit(main())
