"""Test doubles for the guard's OS layers. They live in tests/ only."""

from __future__ import annotations

import os
from typing import Any

from kiosk.guard.focus import WindowInfo
from kiosk.guard.processes import ProcInfo

OWN = WindowInfo(1, os.getpid(), "python", ("pupitre", "Pupitre"), "Pupitre")
XTERM = WindowInfo(2, 999_999, "xterm", ("xterm", "XTerm"), "bash")
ONBOARD = WindowInfo(3, 999_998, "onboard", ("onboard", "Onboard"), "Onboard")


class FakeProbe:
    """A focus probe the test moves by hand."""

    def __init__(self, window: WindowInfo | None = OWN):
        self.window = window
        self.callback: Any = None
        self.stopped = False

    def active(self) -> WindowInfo | None:
        return self.window

    def start(self, on_change) -> None:
        self.callback = on_change

    def stop(self) -> None:
        self.stopped = True

    def switch(self, window: WindowInfo | None) -> None:
        self.window = window
        if self.callback is not None:
            self.callback()


class FakeProcesses:
    """A process table the test edits; signals are recorded, and obeyed unless told otherwise."""

    def __init__(self, procs: list[ProcInfo] | None = None):
        self.procs = list(procs or [])
        self.signals: list[tuple[str, int]] = []
        self.ignore_term: set[int] = set()
        self.unkillable: set[int] = set()
        self.denied: set[int] = set()

    def snapshot(self) -> list[ProcInfo]:
        return list(self.procs)

    def _signal(self, how: str, proc: ProcInfo) -> None:
        self.signals.append((how, proc.pid))
        if proc.pid in self.denied:
            raise PermissionError("access denied (the process belongs to root)")
        if how == "terminate" and proc.pid in self.ignore_term:
            return
        if how == "kill" and proc.pid in self.unkillable:
            return
        self.procs = [p for p in self.procs if p.key != proc.key]

    def terminate(self, proc: ProcInfo) -> None:
        self._signal("terminate", proc)

    def kill(self, proc: ProcInfo) -> None:
        self._signal("kill", proc)


class FakeWin32Api:
    """The Windows API layer as the measures see it, with the state they change."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.hooks: dict[int, Any] = {}
        self.event_hooks: dict[int, Any] = {}
        self.keys_down: set[int] = set()
        self.affinity: dict[int, int] = {}
        self.refuse_exclude = False
        self.refuse_all = False
        self.registry: dict[tuple[str, str, str], Any] = {}
        self.foreground = 0
        self.windows: dict[int, tuple[int, str, str]] = {}  # hwnd → (pid, class, title)
        self.remote = False
        self.bios: dict[str, str] = {}
        self._next = 100

    def _handle(self) -> int:
        self._next += 1
        return self._next

    def install_keyboard_hook(self, decide) -> int:
        handle = self._handle()
        self.hooks[handle] = decide
        self.calls.append(("hook", handle))
        return handle

    def remove_hook(self, handle: int) -> bool:
        self.calls.append(("unhook", handle))
        return self.hooks.pop(handle, None) is not None

    def key_down(self, vk: int) -> bool:
        return vk in self.keys_down

    def install_foreground_hook(self, on_change) -> int:
        handle = self._handle()
        self.event_hooks[handle] = on_change
        return handle

    def remove_win_event_hook(self, handle: int) -> bool:
        return self.event_hooks.pop(handle, None) is not None

    def foreground_window(self) -> int:
        return self.foreground

    def window_pid(self, hwnd: int) -> int:
        return self.windows.get(hwnd, (0, "", ""))[0]

    def window_class(self, hwnd: int) -> str:
        return self.windows.get(hwnd, (0, "", ""))[1]

    def window_title(self, hwnd: int) -> str:
        return self.windows.get(hwnd, (0, "", ""))[2]

    def get_display_affinity(self, hwnd: int) -> int | None:
        return self.affinity.get(hwnd, 0)

    def set_display_affinity(self, hwnd: int, affinity: int) -> bool:
        if self.refuse_all or (self.refuse_exclude and affinity == 0x11):
            return False
        self.affinity[hwnd] = affinity
        return True

    def is_remote_session(self) -> bool:
        return self.remote

    def bios_strings(self) -> dict[str, str]:
        return dict(self.bios)

    def reg_get(self, root: str, key: str, name: str) -> tuple[bool, Any]:
        value = self.registry.get((root, key, name))
        return (value is not None, value)

    def reg_set_dword(self, root: str, key: str, name: str, value: int) -> None:
        self.calls.append(("reg_set", key, name, value))
        self.registry[(root, key, name)] = value

    def reg_delete(self, root: str, key: str, name: str) -> None:
        self.calls.append(("reg_delete", key, name))
        self.registry.pop((root, key, name), None)
