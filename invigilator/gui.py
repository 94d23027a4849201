"""The console's window, wired in one place: language and look, first start, unlock, server, pages.

``pupitre-invigilator`` (or ``pupitre-invigilator window``) calls :func:`run_window`:

1. the interface's language (French by default) and theme;
2. a data folder with no center (or no trusted publisher yet) shows the setup wizard, which unlocks
   the keys it made or found;
3. the center passphrase is asked once (by the wizard, or else by the unlock dialog); the center's
   keys stay in memory while the window is open;
4. the room's HTTPS server (:mod:`invigilator.server`) runs in this process, on threads of its own
   with its own event loop, so the window never waits for it; closing the window stops it cleanly;
5. the pages: sessions (whose "Finalise" opens the finalisation screen), and the room's dashboard,
   whose actions go to the action dispatcher.

:func:`compose` does steps 4 and 5 without running the event loop, for tests and screenshots.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog

from invigilator.app import Console
from invigilator.errors import InvigilatorError
from invigilator.store.dashboard import attempts_of, read_dashboard, read_timeline
from invigilator.ui.qt_actions import ActionDispatcher
from invigilator.ui.qt_dashboard import QtDashboard
from invigilator.ui.qt_i18n import QtConsoleLanguage
from invigilator.ui.qt_refcount import QtRefcountKeeper
from invigilator.ui.qt_sessions import SessionsPage
from invigilator.ui.qt_theme import QtConsoleTheme
from invigilator.ui.qt_timeline import QtTimelineDialog
from invigilator.ui.qt_unlock import QtUnlockDialog
from invigilator.ui.qt_window import QtConsoleWindow
from invigilator.ui.qt_wizard import SetupWizard
from protocol.errors import WrongPassphraseError
from protocol.keys import KeyPair

log = logging.getLogger("pupitre.console.window")
LOW_DISK_BYTES = 200 * 1024 * 1024  # below this the dashboard warns: a full disk stops the store
STORE_FAILURE_SHOWN = 30.0  # seconds a failed database write stays in the dashboard's banner


translate = QCoreApplication.translate


class StoreHealth(logging.Handler):
    """Notes the server's failed database writes (disk full, database gone) for the dashboard's banner."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.last_failure: tuple[float, str] | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage() == "database unavailable":
            fields = getattr(record, "fields", None) or {}
            self.last_failure = (time.monotonic(), str(fields.get("reason", ""))[:200])


@dataclass
class RoomServer:
    """The room's HTTPS server inside the window's process: started and stopped off the interface thread."""

    console: Console
    keys: KeyPair
    listen: str
    server: Any = None
    error: str | None = None
    sender: Any = None  # the outbox's sender to the results hub, when one is configured
    _thread: threading.Thread | None = field(default=None, repr=False)

    def start(self, on_started: Callable[[str, int, str], None], on_failed: Callable[[str], None]) -> None:
        """Start serving on a thread; ``on_started(host, port, pin)`` or ``on_failed(reason)`` is called from it."""

        def run() -> None:
            try:
                from invigilator.server import ConsoleServer, RoomService, parse_listen
                from invigilator.server.results import ResultFiles
                from invigilator.server.room import ConsoleIdentity
                from invigilator.tls import load_console_tls

                host, port = parse_listen(self.listen)
                tls = load_console_tls(self.console.data_dir)
                hooks = self.console.server_hooks(self.keys)
                service = RoomService(
                    self.console.store,
                    hooks.pop("center"),
                    ConsoleIdentity(tls.pin, tls.certificate_pem),
                    self.console.clock,
                    results=ResultFiles(self.console.data_dir / "results"),
                    **hooks,
                )
                self.server = ConsoleServer(service, tls, host, port).start()
                self.sender = self.console.hub_sender(self.keys)
                on_started(host, self.server.port, tls.pin)
            except Exception as exc:  # the window says why; the room's page still shows what the store holds
                self.error = " ".join(str(exc).split())[:300] or type(exc).__name__
                log.exception("the room's server could not start")
                on_failed(self.error)

        self._thread = threading.Thread(target=run, name="room-server-start", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 20.0) -> None:
        """Stop serving: requests in flight finish, last-heard times are written."""
        if self._thread is not None:
            self._thread.join(timeout)
        if self.sender is not None:
            self.sender.stop(timeout=timeout)
            self.sender = None
        if self.server is not None:
            self.server.stop(timeout)
            self.server = None

    @property
    def running(self) -> bool:
        return self.server is not None and self.server.error is None


class _ServerNews(QObject):
    """Carries the server thread's news to the interface thread."""

    started = Signal(str, int, str)
    failed = Signal(str)


@dataclass
class ConsoleApp:
    """The composed window and what it runs."""

    window: QtConsoleWindow
    dashboard: QtDashboard
    server: RoomServer | None
    health: StoreHealth
    timelines: dict[str, QtTimelineDialog] = field(default_factory=dict)
    news: _ServerNews | None = None
    sessions: SessionsPage | None = None
    dispatcher: ActionDispatcher | None = None  # kept here: the dashboard's signal holds no reference to it

    def close(self) -> None:
        """Stop the dashboard's refresh and the server (the window is closing or closed)."""
        self.dashboard.stop()
        logging.getLogger("pupitre.console").removeHandler(self.health)
        if self.server is not None:
            self.server.stop()


def disk_banner(console: Console, health: StoreHealth) -> Callable[[], str]:
    """The dashboard's banner: a database write that failed lately, or a disk nearly full."""

    def banner() -> str:
        failure = health.last_failure
        if failure is not None and time.monotonic() - failure[0] < STORE_FAILURE_SHOWN:
            return translate(
                "QtConsoleWindow",
                "The console cannot write its database (%1). The kiosks keep everything and send it again; "
                "free space on the console's disk now.",
            ).replace("%1", failure[1] or "?")
        try:
            free = shutil.disk_usage(console.data_dir).free
        except OSError:
            return ""
        if free < LOW_DISK_BYTES:
            return translate(
                "QtConsoleWindow",
                "The console's disk is almost full (%1 MB left): free space before the database stops "
                "accepting the kiosks' journals.",
            ).replace("%1", str(free // (1024 * 1024)))
        return ""

    return banner


def compose(
    console: Console,
    keys: KeyPair,
    theme: QtConsoleTheme,
    language: QtConsoleLanguage,
    *,
    listen: str | None = None,
    interval_ms: int = 1000,
) -> ConsoleApp:
    """The window with its pages, the dashboard reading the store, and (given ``listen``) the server started."""
    center = console.require_center()
    app_instance = QApplication.instance()
    if app_instance is not None:
        QtRefcountKeeper.install(app_instance)  # ADR 0009: before the first tile is painted
    window = QtConsoleWindow(center.name, theme, language)
    health = StoreHealth()
    logging.getLogger("pupitre.console").addHandler(health)
    dashboard = QtDashboard(
        lambda: read_dashboard(console.store.db, console.now()),
        theme,
        interval_ms=interval_ms,
        banner=disk_banner(console, health),
    )

    sessions = SessionsPage(console, keys)
    window.add_page("sessions", lambda: translate("QtConsoleWindow", "Sessions"), sessions)
    window.add_page("room", lambda: translate("QtConsoleWindow", "Room"), dashboard)
    dashboard.counts_changed.connect(lambda needing, _shown: window.set_attention(needing))

    app = ConsoleApp(window, dashboard, None, health, sessions=sessions)
    dispatcher = ActionDispatcher(console, keys, window)
    app.dispatcher = dispatcher
    dashboard.action_requested.connect(dispatcher.run)
    dispatcher.performed.connect(lambda *_: dashboard.refresh_now())

    def finalise(session_id: str) -> None:
        try:
            dispatcher.finalise(session_id)
        finally:  # signed or not, the list shows the session as the store now holds it
            sessions.refresh(select=session_id)
            dashboard.refresh_now()

    sessions.finalise_requested.connect(finalise)
    sessions.checkin.changed.connect(dashboard.refresh_now)  # a check-in decided here shows on its tile now

    def open_timeline(kiosk_id: str) -> None:
        held = app.timelines.get(kiosk_id)
        if held is not None and held.isVisible():
            held.reload()
            held.raise_()
            held.activateWindow()
            return
        tile = next((t for t in dashboard.model.tiles() if t.kiosk_id == kiosk_id), None)
        title = (
            f"{tile.name} — {tile.candidate}"
            if tile is not None and tile.candidate
            else (tile.name if tile else kiosk_id)
        )
        dialog = QtTimelineDialog(
            kiosk_id,
            title,
            lambda k: attempts_of(console.store.db, k),
            lambda k, a: read_timeline(console.store.db, k, a),
            window,
        )
        app.timelines[kiosk_id] = dialog
        dialog.show()

    dashboard.timeline_requested.connect(open_timeline)

    if listen is not None:
        server = RoomServer(console, keys, listen)
        app.server = server
        news = _ServerNews(window)
        app.news = news
        window.set_server_status(
            lambda: translate("QtConsoleWindow", "Starting the room's server on %1…").replace("%1", listen)
        )

        def started(host: str, port: int, pin: str) -> None:
            shown = "localhost" if host in ("127.0.0.1", "::1") else host
            window.set_server_status(
                lambda: (
                    translate("QtConsoleWindow", "Room's server listening on %1 — certificate pin %2")
                    .replace("%1", f"{shown}:{port}")
                    .replace("%2", pin[:16] + "…")
                )
            )

        def failed(reason: str) -> None:
            window.set_server_status(
                lambda: translate("QtConsoleWindow", "The room's server is not running: %1").replace("%1", reason),
                ok=False,
            )

        news.started.connect(started)
        news.failed.connect(failed)
        server.start(news.started.emit, news.failed.emit)
    else:
        window.set_server_status(
            lambda: translate("QtConsoleWindow", "The room's server is not started in this window"), ok=False
        )
    window.show_page("room")
    return app


class _CloseAsCancel(QObject):
    """The wizard's window closed by its title bar asks, as its Cancel button does, before leaving."""

    def __init__(self, wizard: SetupWizard):
        super().__init__(wizard)
        self.wizard = wizard
        self.leaving = False
        wizard.cancelled.connect(lambda: setattr(self, "leaving", True))
        wizard.finished.connect(lambda _keys: setattr(self, "leaving", True))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.wizard and event.type() == QEvent.Type.Close and not self.leaving:
            event.ignore()
            self.wizard.cancel()  # "leave the setup?" with what is kept; cancelled() when confirmed
            return True
        return False


def needs_setup(console: Console) -> bool:
    """True while the data folder holds no center, or a center trusting no publisher (a first start left
    half-way: the wizard resumes it, unlocking the keys instead of making new ones)."""
    return not console.initialised or not console.store.sessions.publishers()


def _set_up(console: Console, app: QApplication, wizard_shown: Callable[[SetupWizard], None] = lambda w: None,
            ) -> tuple[bool, KeyPair | None]:
    """The setup wizard, run until it gives the center's keys or is left: ``(True, keys)`` when the
    console is set up (``keys`` None when no set-up was needed), ``(False, None)`` when it was left."""
    if not needs_setup(console):
        return True, None
    wizard = SetupWizard(console)
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def finished(keys: KeyPair) -> None:
        outcome["keys"] = keys
        loop.quit()

    def cancelled() -> None:
        outcome["cancelled"] = True
        loop.quit()

    wizard.finished.connect(finished)
    wizard.cancelled.connect(cancelled)
    wizard.destroyed.connect(loop.quit)
    guard = _CloseAsCancel(wizard)
    wizard.installEventFilter(guard)
    closing = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # the window follows the wizard: closing the wizard is not quitting
    try:
        wizard.setWindowTitle(translate("QtConsoleWindow", "Pupitre console"))
        wizard.resize(1024, 680)
        wizard.show()
        wizard_shown(wizard)
        if "keys" not in outcome and "cancelled" not in outcome:
            loop.exec()
    finally:
        app.setQuitOnLastWindowClosed(closing)
        wizard.close()
        wizard.deleteLater()
    keys = outcome.get("keys")
    if keys is None or not console.initialised:
        return False, None
    return True, keys


def stop_on_signals(app: QApplication, before: Callable[[], None] = lambda: None) -> None:
    """Ctrl+C in the terminal or SIGTERM (a service stopping) close the window as its close button does,
    so the room's server stops cleanly. Python sees a signal only when it runs: a timer wakes it."""
    import signal

    def close(*_: Any) -> None:
        before()  # no "close the console?" question for a signal: nobody is there to answer it
        app.closeAllWindows()
        app.quit()

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, close)
    waker = QTimer(app)
    waker.timeout.connect(lambda: None)
    waker.start(250)


def display_problem(environ: dict[str, str] | None = None, platform: str = sys.platform) -> str | None:
    """Why Qt could not open a window here, said before Qt tries: without a display Qt aborts the whole
    process (no exception to catch). None when nothing is known to be wrong, or on other systems."""
    environ = dict(os.environ) if environ is None else environ
    if not platform.startswith("linux"):
        return None
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen and not chosen.startswith(("xcb", "wayland")):
        return None  # offscreen, vnc…: chosen on purpose
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return ("no display: DISPLAY and WAYLAND_DISPLAY are unset, and the console's window needs a graphical "
                "session; 'pupitre-invigilator serve' runs the room's server without one, and every other command "
                "works headless")
    return None


def _keys_from(console: Console, passphrase: str | None) -> KeyPair | None:
    """The center's keys opened with a passphrase given beforehand (a file or the environment, as for
    every console command), or None: the window then asks for it."""
    if not passphrase:
        return None
    try:
        return console.center_keys(passphrase)
    except WrongPassphraseError:
        log.warning("the center passphrase given to the window is wrong; asking for it")
        return None


def run_window(
    console: Console,
    *,
    listen: str = "0.0.0.0:8443",
    locale: str = "fr",
    high_contrast: bool = False,
    zoom: int = 100,
    passphrase: str | None = None,
    argv: Sequence[str] | None = None,
) -> int:
    """Open the console's window and run it until it is closed (exit status 0), or 1 when set-up or unlock
    is abandoned. ``passphrase``, when given, is tried before the unlock dialog is shown."""
    app = QApplication.instance() or QApplication(list(argv if argv is not None else sys.argv[:1]))
    assert isinstance(app, QApplication)
    app.setApplicationName("Pupitre console")
    QtRefcountKeeper.install(app)
    app.setQuitOnLastWindowClosed(True)
    language = QtConsoleLanguage(app, locale)
    theme = QtConsoleTheme(app, zoom=zoom, high_contrast=high_contrast)
    try:
        done, keys = _set_up(console, app)
        if not done:
            return 1
        set_up_now = keys is not None
        center = console.require_center()
        keys = keys or _keys_from(console, passphrase)
        if keys is None:
            unlock = QtUnlockDialog(center.name, console.center_keys)
            if unlock.exec() != QDialog.DialogCode.Accepted or unlock.keys is None:
                return 1
            keys = unlock.keys
        composed = compose(console, keys, theme, language, listen=listen)
        if set_up_now:  # a console just set up has no session yet: the first thing to do is make one
            composed.window.show_page("sessions")
        composed.window.confirm_close = True
        composed.window.resize(1366, 768)
        composed.window.show()
        composed.dashboard.start()
        composed.dashboard.grid.setFocus()
        stop_on_signals(app, lambda: setattr(composed.window, "confirm_close", False))
        try:
            app.exec()
        finally:
            composed.window.hide()
            composed.close()
        return 0
    except InvigilatorError as exc:
        print(f"pupitre-invigilator: {exc}", file=sys.stderr)
        return 2
    finally:
        language.close()
