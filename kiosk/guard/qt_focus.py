"""The focus watcher: event-driven, with a polling safety net, deciding through ``focus.FocusTracker``.

Events that wake it: Qt's application state, focus window and window activation; on X11 the
window manager's ``_NET_ACTIVE_WINDOW`` changes, read from a second X connection watched by a
socket notifier (Qt itself waits ~400 ms before it reports a focus-out there); on Windows the
EVENT_SYSTEM_FOREGROUND hook. All of them run in the GUI thread (no thread, no cross-thread
signal). Each wake-up asks
the platform probe which window has the focus *now*; a probe that cannot tell (Wayland,
offscreen) falls back on Qt's application state. The poll runs every ``poll_ms`` in case an
event was missed.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from kiosk.guard.focus import NO_WINDOW, FocusLost, FocusRegained, FocusTracker, Verdict, WindowInfo, classify
from kiosk.guard.policy import AssistiveTool


class FocusProbe(Protocol):
    def active(self) -> WindowInfo | None:
        """The window with the focus now; None when this platform cannot tell."""

    def start(self, on_change: Callable[[], None]) -> None: ...

    def stop(self) -> None: ...


class QtOnlyProbe:
    """For platforms without a global view of the focus: Qt's application state is all there is."""

    def active(self) -> WindowInfo | None:
        return None

    def start(self, on_change: Callable[[], None]) -> None:
        pass

    def stop(self) -> None:
        pass


def own_window_ids() -> set[int]:
    ids = set()
    for window in QGuiApplication.allWindows():
        if window.isVisible():
            ids.add(int(window.winId()))
    return ids


class FocusWatcher(QObject):
    name = "focus"

    def __init__(self, probe: FocusProbe, *, debounce_ms: int, poll_ms: int, window: QObject | None = None,
                 granted: Callable[[], Iterable[AssistiveTool]],
                 on_lost: Callable[[FocusLost], None], on_regained: Callable[[FocusRegained], None],
                 clock: Callable[[], float] = time.monotonic):
        super().__init__()
        self.probe = probe
        self.window = window  # the exam window: its activation changes wake the watcher
        self.tracker = FocusTracker(debounce_ms / 1000.0)
        self._granted = granted
        self._on_lost = on_lost
        self._on_regained = on_regained
        self._clock = clock
        self._pid = os.getpid()
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.assess)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setTimerType(Qt.TimerType.PreciseTimer)
        self._debounce.timeout.connect(self._debounce_due)
        self._active = False
        self.last_window: WindowInfo | None = None
        self.wakeups = 0

    # -- measure --------------------------------------------------------------------------------
    def apply(self) -> None:
        app = QGuiApplication.instance()
        assert app is not None, "the focus watcher needs a running Qt application"
        self._active = True
        app.applicationStateChanged.connect(self._qt_event)
        app.focusWindowChanged.connect(self._qt_event)
        if self.window is not None:
            self.window.installEventFilter(self)
        self.probe.start(self.assess)  # probes call back in the GUI thread (socket notifier, WinEvent hook)
        self._poll.start()
        self.assess()

    def revert(self) -> None:
        self._active = False
        app = QGuiApplication.instance()
        if app is not None:
            for signal in (app.applicationStateChanged, app.focusWindowChanged):
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(self._qt_event)
        if self.window is not None:
            self.window.removeEventFilter(self)
        self._poll.stop()
        self._debounce.stop()
        self.probe.stop()
        self.tracker.reset()

    # -- events ---------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.WindowActivate, QEvent.Type.WindowDeactivate,
                            QEvent.Type.ActivationChange) and self._active:
            QTimer.singleShot(0, self.assess)
        return False

    def _qt_event(self, *args: Any) -> None:
        if self._active:
            self.assess()

    def is_own(self, window: WindowInfo) -> bool:
        return window.pid == self._pid or (window.id != 0 and window.id in own_window_ids())

    def _observe_now(self) -> tuple[Verdict, WindowInfo]:
        window = self.probe.active()
        if window is None:  # the probe cannot tell: trust Qt
            state = QGuiApplication.applicationState()
            own = state == Qt.ApplicationState.ApplicationActive or QGuiApplication.focusWindow() is not None
            return (Verdict.OWN, NO_WINDOW) if own else (Verdict.FOREIGN, NO_WINDOW)
        return classify(window, self.is_own, list(self._granted())), window

    def assess(self) -> None:
        """Look at the focus now and act on what the tracker decides."""
        if not self._active:
            return
        self.wakeups += 1
        verdict, window = self._observe_now()
        self.last_window = window
        self._handle(self.tracker.observe(self._clock(), verdict, window))

    def _debounce_due(self) -> None:
        if self._active:
            self.assess()  # look again: the tracker promotes the pending loss only if it still holds

    def _handle(self, decision: FocusLost | FocusRegained | None) -> None:
        if isinstance(decision, FocusLost):
            self._on_lost(decision)
        elif isinstance(decision, FocusRegained):
            self._on_regained(decision)
        deadline = self.tracker.deadline
        if deadline is not None:
            self._debounce.start(max(0, int((deadline - self._clock()) * 1000) + 1))
        else:
            self._debounce.stop()
