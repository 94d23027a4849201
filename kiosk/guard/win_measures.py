"""Windows measures: the low-level keyboard hook, capture exclusion, the Ctrl+Alt+Del policies and
the focus probe. They only call the API object they are given (``win32.Win32Api`` in the kiosk,
a fake in the tests).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from kiosk.guard import catalogue
from kiosk.guard.errors import GuardUnavailableError
from kiosk.guard.focus import NO_WINDOW, WindowInfo
from kiosk.guard.keys import VK_CONTROL, VK_SHIFT, blocked, stroke_from_hook
from kiosk.guard.measures import CrashRecord
from kiosk.guard.win32 import WDA_EXCLUDEFROMCAPTURE, WDA_MONITOR, WDA_NONE
from kiosk.guard.x11_measures import process_name

REHOOK_EVERY = 30.0  # Windows silently drops a hook that once answered too slowly: install it afresh


class WindowsApi(Protocol):
    def install_keyboard_hook(self, decide: Callable[[int, int, int], bool]) -> int: ...
    def remove_hook(self, handle: int) -> bool: ...
    def key_down(self, vk: int) -> bool: ...
    def install_foreground_hook(self, on_change: Callable[[], None]) -> int: ...
    def remove_win_event_hook(self, handle: int) -> bool: ...
    def foreground_window(self) -> int: ...
    def window_pid(self, hwnd: int) -> int: ...
    def window_class(self, hwnd: int) -> str: ...
    def window_title(self, hwnd: int) -> str: ...
    def get_display_affinity(self, hwnd: int) -> int | None: ...
    def set_display_affinity(self, hwnd: int, affinity: int) -> bool: ...
    def reg_get(self, root: str, key: str, name: str) -> tuple[bool, Any]: ...
    def reg_set_dword(self, root: str, key: str, name: str, value: int) -> None: ...
    def reg_delete(self, root: str, key: str, name: str) -> None: ...


class KeyboardHook:
    """Swallows Alt+Tab, the Windows keys, Alt+F4, Ctrl+Esc and friends (see ``keys.py``)."""

    name = "windows-keyboard-hook"

    def __init__(self, api: WindowsApi, record: CrashRecord, clock: Callable[[], float] = time.monotonic):
        self._api = api
        self._record = record
        self._clock = clock
        self._handle: int | None = None
        self._installed_at = 0.0
        self.swallowed: Counter[str] = Counter()

    def decide(self, vk: int, flags: int, message: int) -> bool:
        """The hook's whole callback: two key-state reads and a set lookup."""
        stroke = stroke_from_hook(vk, flags, self._api.key_down(VK_CONTROL), self._api.key_down(VK_SHIFT))
        if blocked(stroke):
            self.swallowed[stroke.describe()] += 1
            return True
        return False

    def apply(self) -> None:
        self._record.add(self.name, {})
        self._handle = self._api.install_keyboard_hook(self.decide)
        self._installed_at = self._clock()

    def refresh(self) -> None:
        if self._handle is not None and self._clock() - self._installed_at >= REHOOK_EVERY:
            fresh = self._api.install_keyboard_hook(self.decide)  # the new one first: no gap
            self._api.remove_hook(self._handle)
            self._handle, self._installed_at = fresh, self._clock()

    def revert(self) -> None:
        if self._handle is not None:
            self._api.remove_hook(self._handle)
            self._handle = None
        self._record.remove(self.name)


def hook_ended(data: dict[str, Any]) -> str:
    """Crash restore: a low-level hook dies with the process that installed it."""
    return "the keyboard hook ended with its process"


class CaptureExclusion:
    """Exam windows excluded from screen capture (WDA_EXCLUDEFROMCAPTURE, or WDA_MONITOR before Windows 10 2004)."""

    name = "windows-capture-exclusion"

    def __init__(self, api: WindowsApi, windows: Callable[[], Iterable[int]]):
        self._api = api
        self._windows = windows
        self._saved: dict[int, int] = {}

    def _cover(self) -> None:
        for hwnd in self._windows():
            if hwnd in self._saved:
                continue
            old = self._api.get_display_affinity(hwnd)
            if self._api.set_display_affinity(hwnd, WDA_EXCLUDEFROMCAPTURE) or self._api.set_display_affinity(
                    hwnd, WDA_MONITOR):
                self._saved[hwnd] = old if old is not None else WDA_NONE

    def apply(self) -> None:
        self._cover()
        if not self._saved:
            raise GuardUnavailableError("Windows refused to exclude the exam windows from capture")

    def refresh(self) -> None:
        self._cover()  # dialogs opened since

    def revert(self) -> None:
        for hwnd, old in self._saved.items():
            self._api.set_display_affinity(hwnd, old)
        self._saved.clear()


def _restore_values(api: WindowsApi, values: Iterable[dict[str, Any]]) -> int:
    count = 0
    for entry in values:
        if entry["existed"]:
            api.reg_set_dword("HKCU", entry["key"], entry["name"], int(entry["value"]))
        else:
            api.reg_delete("HKCU", entry["key"], entry["name"])
        count += 1
    return count


class SystemPolicies:
    """Per-user policies that close the exits of the Ctrl+Alt+Del screen (Task Manager, lock, log off…).

    Registry values outlive the process, so the previous ones are in the crash record before any is set.
    """

    name = "windows-policies"

    def __init__(self, api: WindowsApi, record: CrashRecord,
                 values: Iterable[tuple[str, str, int]] = catalogue.WINDOWS_POLICIES):
        self._api = api
        self._record = record
        self._values = list(values)
        self._saved: list[dict[str, Any]] | None = None

    def apply(self) -> None:
        saved = []
        for key, name, _ in self._values:
            existed, value = self._api.reg_get("HKCU", key, name)
            saved.append({"key": key, "name": name, "existed": existed, "value": value})
        self._record.add(self.name, {"values": saved})
        self._saved = saved
        for key, name, value in self._values:
            self._api.reg_set_dword("HKCU", key, name, value)

    def revert(self) -> None:
        if self._saved is not None:
            _restore_values(self._api, self._saved)
            self._saved = None
        self._record.remove(self.name)


def restore_policies(data: dict[str, Any], api: WindowsApi | None = None) -> str:
    """Crash restore: put back the registry values a dead kiosk had changed."""
    if api is None:
        from kiosk.guard.win32 import Win32Api

        api = Win32Api()
    count = _restore_values(api, data.get("values", []))
    return f"{count} Windows policy value(s) restored"


class WindowsFocusProbe:
    """The foreground window and its process; ``start`` hooks EVENT_SYSTEM_FOREGROUND (no polling needed)."""

    def __init__(self, api: WindowsApi, name_of: Callable[[int], str] = process_name):
        self._api = api
        self._name_of = name_of
        self._hook: int | None = None

    def start(self, on_change: Callable[[], None]) -> None:
        self._hook = self._api.install_foreground_hook(on_change)

    def stop(self) -> None:
        if self._hook is not None:
            self._api.remove_win_event_hook(self._hook)
            self._hook = None

    def active(self) -> WindowInfo | None:
        hwnd = self._api.foreground_window()
        if not hwnd:
            return NO_WINDOW
        pid = self._api.window_pid(hwnd) or None
        klass = self._api.window_class(hwnd)
        return WindowInfo(hwnd, pid, self._name_of(pid) if pid else "", (klass,) if klass else (),
                          self._api.window_title(hwnd))
