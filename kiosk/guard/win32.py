"""The Windows API layer of the guard: every ctypes call in one small class.

The measures in ``win_measures.py`` only talk to an object with these methods, so the tests
exercise them on any system with a fake. This module imports everywhere; building a
:class:`Win32Api` anywhere but Windows raises :class:`GuardUnavailableError`.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from ctypes import wintypes
from typing import Any

from kiosk.guard.errors import GuardUnavailableError

WH_KEYBOARD_LL, HC_ACTION = 13, 0
EVENT_SYSTEM_FOREGROUND, WINEVENT_OUTOFCONTEXT = 0x0003, 0x0000
WDA_NONE, WDA_MONITOR, WDA_EXCLUDEFROMCAPTURE = 0x00, 0x01, 0x11
SM_REMOTESESSION = 0x1000
VK_SHIFT, VK_CONTROL = 0x10, 0x11
ULONG_PTR = ctypes.c_size_t
LRESULT = ctypes.c_ssize_t


class KBDLLHOOKSTRUCT(ctypes.Structure):
    # DWORD is 32 bits on Windows; spelled out so the layout is the same wherever it is tested
    _fields_ = [("vkCode", ctypes.c_uint32), ("scanCode", ctypes.c_uint32), ("flags", ctypes.c_uint32),
                ("time", ctypes.c_uint32), ("dwExtraInfo", ULONG_PTR)]


class Win32Api:
    """The real thing. ``decide`` callbacks must be trivial: Windows drops a slow low-level hook."""

    def __init__(self) -> None:
        windll = getattr(ctypes, "windll", None)
        functype = getattr(ctypes, "WINFUNCTYPE", None)
        if sys.platform != "win32" or windll is None or functype is None:
            raise GuardUnavailableError("the Windows guard measures need Windows")
        self._user32, self._kernel32 = windll.user32, windll.kernel32
        self._hookproc = functype(LRESULT, ctypes.c_int, wintypes.WPARAM, wintypes.LPARAM)
        self._eventproc = functype(None, wintypes.HANDLE, wintypes.DWORD, wintypes.HWND, wintypes.LONG,
                                   wintypes.LONG, wintypes.DWORD, wintypes.DWORD)
        u = self._user32
        u.SetWindowsHookExW.restype, u.SetWindowsHookExW.argtypes = ctypes.c_void_p, [
            ctypes.c_int, self._hookproc, ctypes.c_void_p, wintypes.DWORD]
        u.CallNextHookEx.restype, u.CallNextHookEx.argtypes = LRESULT, [
            ctypes.c_void_p, ctypes.c_int, wintypes.WPARAM, wintypes.LPARAM]
        u.UnhookWindowsHookEx.argtypes = [ctypes.c_void_p]
        u.SetWinEventHook.restype, u.SetWinEventHook.argtypes = ctypes.c_void_p, [
            wintypes.DWORD, wintypes.DWORD, ctypes.c_void_p, self._eventproc, wintypes.DWORD, wintypes.DWORD,
            wintypes.DWORD]
        u.UnhookWinEvent.argtypes = [ctypes.c_void_p]
        u.GetForegroundWindow.restype = wintypes.HWND
        u.GetWindowThreadProcessId.argtypes = [wintypes.HWND, ctypes.POINTER(wintypes.DWORD)]
        u.SetWindowDisplayAffinity.argtypes = [wintypes.HWND, wintypes.DWORD]
        u.GetWindowDisplayAffinity.argtypes = [wintypes.HWND, ctypes.POINTER(wintypes.DWORD)]
        u.GetAsyncKeyState.restype = ctypes.c_short
        self._kernel32.GetModuleHandleW.restype = ctypes.c_void_p
        self._callbacks: dict[int, Any] = {}  # keeps the ctypes callbacks alive while installed

    # -- keyboard hook --------------------------------------------------------------------------
    def install_keyboard_hook(self, decide: Callable[[int, int, int], bool]) -> int:
        """Install a low-level keyboard hook; ``decide(vk, flags, message)`` returns True to swallow the key."""
        user32 = self._user32

        def proc(n_code: int, w_param: int, l_param: int) -> int:
            if n_code == HC_ACTION:
                event = ctypes.cast(l_param, ctypes.POINTER(KBDLLHOOKSTRUCT)).contents
                if decide(event.vkCode, event.flags, w_param):
                    return 1
            return int(user32.CallNextHookEx(None, n_code, w_param, l_param))

        callback = self._hookproc(proc)
        handle = user32.SetWindowsHookExW(WH_KEYBOARD_LL, callback, self._kernel32.GetModuleHandleW(None), 0)
        if not handle:
            raise OSError(ctypes.get_last_error() or "SetWindowsHookExW failed")
        self._callbacks[int(handle)] = callback
        return int(handle)

    def remove_hook(self, handle: int) -> bool:
        ok = bool(self._user32.UnhookWindowsHookEx(ctypes.c_void_p(handle)))
        self._callbacks.pop(handle, None)
        return ok

    def key_down(self, vk: int) -> bool:
        return bool(self._user32.GetAsyncKeyState(vk) & 0x8000)

    # -- foreground window ----------------------------------------------------------------------
    def install_foreground_hook(self, on_change: Callable[[], None]) -> int:
        def proc(hook: Any, event: int, hwnd: Any, id_object: int, id_child: int, thread: int, ms: int) -> None:
            on_change()

        callback = self._eventproc(proc)
        handle = self._user32.SetWinEventHook(EVENT_SYSTEM_FOREGROUND, EVENT_SYSTEM_FOREGROUND, None, callback, 0, 0,
                                              WINEVENT_OUTOFCONTEXT)
        if not handle:
            raise OSError("SetWinEventHook failed")
        self._callbacks[int(handle)] = callback
        return int(handle)

    def remove_win_event_hook(self, handle: int) -> bool:
        ok = bool(self._user32.UnhookWinEvent(ctypes.c_void_p(handle)))
        self._callbacks.pop(handle, None)
        return ok

    def foreground_window(self) -> int:
        return int(self._user32.GetForegroundWindow() or 0)

    def window_pid(self, hwnd: int) -> int:
        pid = wintypes.DWORD(0)
        self._user32.GetWindowThreadProcessId(hwnd, ctypes.byref(pid))
        return int(pid.value)

    def window_class(self, hwnd: int) -> str:
        buffer = ctypes.create_unicode_buffer(256)
        self._user32.GetClassNameW(hwnd, buffer, 256)
        return buffer.value

    def window_title(self, hwnd: int) -> str:
        buffer = ctypes.create_unicode_buffer(256)
        self._user32.GetWindowTextW(hwnd, buffer, 256)
        return buffer.value

    # -- capture --------------------------------------------------------------------------------
    def get_display_affinity(self, hwnd: int) -> int | None:
        value = wintypes.DWORD(0)
        return int(value.value) if self._user32.GetWindowDisplayAffinity(hwnd, ctypes.byref(value)) else None

    def set_display_affinity(self, hwnd: int, affinity: int) -> bool:
        return bool(self._user32.SetWindowDisplayAffinity(hwnd, affinity))

    # -- session and firmware -------------------------------------------------------------------
    def is_remote_session(self) -> bool:
        return bool(self._user32.GetSystemMetrics(SM_REMOTESESSION))

    def bios_strings(self) -> dict[str, str]:
        values = {}
        for name in ("SystemManufacturer", "SystemProductName", "BIOSVendor", "BaseBoardManufacturer"):
            found, value = self.reg_get("HKLM", r"HARDWARE\DESCRIPTION\System\BIOS", name)
            if found and isinstance(value, str):
                values[name] = value
        return values

    # -- registry -------------------------------------------------------------------------------
    @staticmethod
    def _root(root: str) -> Any:
        import winreg

        return {"HKCU": winreg.HKEY_CURRENT_USER, "HKLM": winreg.HKEY_LOCAL_MACHINE}[root]

    def reg_get(self, root: str, key: str, name: str) -> tuple[bool, Any]:
        import winreg

        try:
            with winreg.OpenKey(self._root(root), key) as handle:
                return True, winreg.QueryValueEx(handle, name)[0]
        except FileNotFoundError:
            return False, None

    def reg_set_dword(self, root: str, key: str, name: str, value: int) -> None:
        import winreg

        with winreg.CreateKeyEx(self._root(root), key, 0, winreg.KEY_SET_VALUE) as handle:
            winreg.SetValueEx(handle, name, 0, winreg.REG_DWORD, int(value))

    def reg_delete(self, root: str, key: str, name: str) -> None:
        import winreg

        try:
            with winreg.OpenKey(self._root(root), key, 0, winreg.KEY_SET_VALUE) as handle:
                winreg.DeleteValue(handle, name)
        except FileNotFoundError:
            pass
