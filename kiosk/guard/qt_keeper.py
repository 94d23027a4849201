"""X11: the exam window keeps its place: mapped, full screen, on top, where the shell put it, with
nothing of another program over it.

Another process can do to the exam window what the candidate cannot: minimize it, unmap it, move
or resize it, lower it, strip its full-screen or on-top state (``xdotool``, ``wmctrl``, a few lines
of Xlib), or show its own always-on-top or override-redirect window over it. The keeper learns of
each from the X server as it happens (:class:`~kiosk.guard.x11_stacking.StackingConnection`, read
through a socket notifier in the GUI thread; a poll every ``POLL_MS`` is the safety net), puts
the window back at once and checks again a little later (``VERIFY_MS``); after ``TRIES`` failed
restores the guard locks. A foreign window over the exam has its X client disconnected
(``KillClient``), unless it belongs to a granted assistive technology.

It judges only once the window has been seen right (the window manager applies full screen a
little after ``show()``).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSocketNotifier, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from kiosk.guard.errors import GuardUnavailableError
from kiosk.guard.x11_stacking import ForeignWindow, StackingConnection, WindowState

POLL_MS = 250
# After each restore, the time the window manager has to carry it out before the next try: short
# at first (a restore that raced with the window manager's own work is simply done again), longer
# after; 750 ms in all before the guard locks.
VERIFY_MS = (50, 100, 150, 200, 250)
TRIES = len(VERIFY_MS)
SETTLE_S = 1.0  # problems seen this soon after a restore continue the incident (not a new one)


class WindowKeeper(QObject):
    name = "x11-window-keeper"

    def __init__(self, window: QWidget, *, tampered: Callable[[list[str]], None],
                 restored: Callable[[list[str], float], None], failed: Callable[[list[str]], None],
                 foreign: Callable[[ForeignWindow], None], allowed: Callable[[ForeignWindow], bool],
                 clock: Callable[[], float] = time.monotonic, display: str | None = None):
        super().__init__()
        self.window = window
        self._tampered = tampered
        self._restored = restored
        self._failed = failed
        self._foreign = foreign
        self._allowed = allowed
        self._clock = clock
        self._display = display
        self.connection: StackingConnection | None = None
        self._notifier: QSocketNotifier | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._soon)
        self._verify = QTimer(self)
        self._verify.setSingleShot(True)
        self._verify.setTimerType(Qt.TimerType.PreciseTimer)
        self._verify.timeout.connect(self._verify_due)
        self._pending = False
        self.armed = False  # the window has been seen right once
        self.incident: tuple[list[str], float] | None = None  # problems being repaired, since when
        self._tries = 0  # restores tried in this incident (and in its reopenings)
        self._given_up = False
        self._last: tuple[tuple[list[str], float], float] | None = None  # the last incident closed, and when
        self._removed: set[int] = set()
        self.active = False

    # -- measure --------------------------------------------------------------------------------
    def apply(self) -> None:
        if QGuiApplication.platformName() != "xcb":
            raise GuardUnavailableError(f"no window keeper on the '{QGuiApplication.platformName()}' platform")
        self.connection = StackingConnection(self._display)
        self.connection.watch(self._wid())
        self._notifier = QSocketNotifier(self.connection.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._readable)
        self.window.installEventFilter(self)
        self.active = True
        self._poll.start()

    def revert(self) -> None:
        self.active = False
        self._poll.stop()
        self._verify.stop()
        self.window.removeEventFilter(self)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    # -- waking up ------------------------------------------------------------------------------
    def _readable(self) -> None:
        if self.connection is not None and self.connection.drain():
            self._soon()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.WindowStateChange, QEvent.Type.Hide, QEvent.Type.Move,
                            QEvent.Type.Resize) and self.active:
            self._soon()
        return False

    def _soon(self) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self.check)

    # -- judging --------------------------------------------------------------------------------
    def _screen(self) -> tuple[int, int, int, int]:
        screen = QGuiApplication.primaryScreen()
        ratio = screen.devicePixelRatio()
        g = screen.geometry()
        return (round(g.x() * ratio), round(g.y() * ratio), round(g.width() * ratio), round(g.height() * ratio))

    def _wid(self) -> int:
        handle = self.window.windowHandle()  # Qt makes a new native window when the flags change
        return int(handle.winId()) if handle is not None else int(self.window.winId())

    def examine(self) -> WindowState | None:
        connection = self.connection
        if connection is None or connection.broken:
            return None
        wid = self._wid()
        if wid != connection.watched:
            connection.watch(wid)
        return connection.examine(wid, self._screen())

    def _verify_due(self) -> None:
        self.check(due=True)

    def check(self, due: bool = False) -> None:
        self._pending = False
        if not self.active:
            return
        state = self.examine()
        if state is None:
            return
        self._removed &= {w.id for w in state.above}  # the server reuses the ids of a closed client
        above = [w for w in state.above if not self._allowed(w)]
        problems = [p for p in state.problems if p != "lowered" or above]
        if not self.armed:
            if not problems and not above:
                self.armed = True
            return
        for window in above:
            if window.override_redirect or (self.incident is not None and self._tries >= 1):
                self._remove(window)  # it stays over the exam window even after a raise
        if not problems:
            self._done()
            return
        if self.incident is not None and self._verify.isActive() and not due:
            return  # a restore is under way (its own events wake us): judged when the verify timer fires
        if self.incident is None:
            if self._last is not None and self._clock() - self._last[1] < SETTLE_S:
                self.incident = self._last[0]  # the window manager still settling after a restore: the same incident
            else:
                self.incident, self._tries = (problems, self._clock()), 0
                self._tampered(problems)
        if self._tries >= TRIES and not self._given_up:
            self._given_up = True
            self._failed(problems)  # the guard locks; the keeper goes on trying
        self._tries += 1
        self._restore(problems)
        self._verify.start(VERIFY_MS[self._tries - 1] if self._tries <= TRIES else POLL_MS)

    def _done(self) -> None:
        self._verify.stop()
        if self.incident is not None:
            problems, since = self.incident
            reopened = self._last is not None and self._last[0] is self.incident
            self._last = (self.incident, self._clock())
            self.incident, self._given_up = None, False
            if not reopened:
                self._restored(problems, self._clock() - since)
        elif self._last is not None and self._clock() - self._last[1] >= SETTLE_S:
            self._last, self._tries = None, 0

    def _remove(self, window: ForeignWindow) -> None:
        if window.id in self._removed or self.connection is None:
            return
        self._removed.add(window.id)
        self._foreign(window)
        self.connection.kill_client(window.id)

    def _restore(self, problems: list[str]) -> None:
        """Put the exam window back: mapped, full screen on its screen, on top, active."""
        w, connection = self.window, self.connection
        if "unmapped" in problems and "minimized" not in problems:
            # Qt still believes the window is shown: hide and show it, so it is mapped anew with its flags
            # (a minimized window is only activated: the window manager maps it back, sooner than a hide)
            with contextlib.suppress(RuntimeError):
                w.hide()
        w.setWindowState(Qt.WindowState.WindowFullScreen)
        w.showFullScreen()
        w.raise_()
        w.activateWindow()
        if connection is not None:
            wid = self._wid()
            if "not-full-screen" in problems or "not-on-top" in problems:
                connection.set_net_wm_state(wid, True, "fullscreen", "above")
            connection.ask_window_manager(wid, "_NET_ACTIVE_WINDOW", 2, 0, 0)

    def status(self) -> dict[str, Any]:
        state = self.examine()
        return {"armed": self.armed, "incident": self.incident[0] if self.incident else None,
                "problems": state.problems if state else None,
                "above": [w.wm_class or hex(w.id) for w in state.above] if state else None}
