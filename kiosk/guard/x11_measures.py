"""X11 pieces of the guard: the focus probe, the screen saver, crash restore (only the probe's
event hook touches Qt, for a socket notifier on the main loop)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from kiosk.guard.errors import GuardUnavailableError
from kiosk.guard.focus import NO_WINDOW, WindowInfo
from kiosk.guard.measures import CrashRecord
from kiosk.guard.x11 import ActiveWindowWatcher, ScreenSaver, XConnection


def process_name(pid: int | None) -> str:
    if not pid:
        return ""
    try:
        import psutil

        return str(psutil.Process(pid).name())
    except Exception:  # gone or not ours to read: the window class still names it
        return ""


class X11FocusProbe:
    """Who has the focus, straight from the X server (Qt learns of a focus-out only ~400 ms later)."""

    def __init__(self, display: str | None = None):
        self.display = display if display is not None else os.environ.get("DISPLAY", "")
        self._connection = XConnection(self.display)
        self._watcher: ActiveWindowWatcher | None = None
        self._notifier: Any = None
        self._names: dict[int, str] = {}

    def start(self, on_change: Callable[[], None]) -> None:
        """Call ``on_change`` (in the GUI thread) whenever the window manager changes the active window."""
        from PySide6.QtCore import QSocketNotifier

        watcher = self._watcher = ActiveWindowWatcher(self.display)

        def readable() -> None:
            if watcher.changed():
                on_change()

        self._notifier = QSocketNotifier(watcher.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(readable)

    def stop(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
        self._connection.close()

    def active(self) -> WindowInfo | None:
        if self._connection.broken:
            return None
        window = self._connection.focused_window()
        if window is None:
            return NO_WINDOW
        name = self._names.get(window.pid or 0)
        if name is None and window.pid:
            if len(self._names) > 256:
                self._names.clear()
            name = self._names[window.pid] = process_name(window.pid)
        classes = tuple(p for p in (window.wm_instance, window.wm_class) if p)
        return WindowInfo(window.id, window.pid, name or "", classes, window.title)


class ScreenSaverOff:
    """The X server's screen saver off during the exam (a blank or locked screen strands a candidate).

    The server keeps this setting after the kiosk dies, so the old one goes to the crash record first.
    """

    name = "x11-screen-saver"

    def __init__(self, record: CrashRecord, display: str | None = None):
        self._record = record
        self._display = display if display is not None else os.environ.get("DISPLAY", "")
        self._saved: ScreenSaver | None = None

    def apply(self) -> None:
        with XConnection(self._display) as connection:
            saved = connection.screen_saver()
            self._record.add(self.name, {"display": self._display, **saved.__dict__})
            connection.set_screen_saver(ScreenSaver(0, saved.interval, saved.prefer_blanking, saved.allow_exposures))
        self._saved = saved

    def revert(self) -> None:
        if self._saved is not None:
            with XConnection(self._display) as connection:
                connection.set_screen_saver(self._saved)
            self._saved = None
        self._record.remove(self.name)


def restore_screen_saver(data: dict[str, Any]) -> str:
    """Crash restore: put back the screen saver settings a dead kiosk had turned off."""
    settings = ScreenSaver(int(data["timeout"]), int(data["interval"]), int(data["prefer_blanking"]),
                           int(data["allow_exposures"]))
    try:
        connection = XConnection(str(data.get("display", "")) or None)
    except GuardUnavailableError as exc:
        return f"display {data.get('display')} is gone ({exc}); its settings went with it"
    with connection:
        connection.set_screen_saver(settings)
    return f"screen saver timeout {settings.timeout} s restored on {data.get('display')}"


def check_keyboard_released(data: dict[str, Any]) -> str:
    """Crash restore: the X server drops a dead client's grab; check that the keyboard is free."""
    try:
        connection = XConnection(str(data.get("display", "")) or None)
    except GuardUnavailableError as exc:
        return f"display {data.get('display')} is gone ({exc})"
    with connection:
        if connection.keyboard_is_grabbed_elsewhere():
            raise GuardUnavailableError(f"the keyboard of {data.get('display')} is still grabbed by another client")
    return f"keyboard of {data.get('display')} is free"
