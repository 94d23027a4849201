"""A thin ctypes layer over libxcb: who has the focus, keyboard grabs, the screen saver, and a
watcher for ``_NET_ACTIVE_WINDOW``.

Why libxcb and not Xlib: xcb reports errors per request, so a window that vanishes between two
calls is an ordinary ``None`` here, whereas Xlib's default error handler ends the process. Each
:class:`XConnection` is its own client connection, separate from Qt's, so nothing here can
disturb the exam window (the keyboard grab that must belong to the exam window is done through
Qt, see ``qt_shell.py``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.guard.errors import GuardUnavailableError

_u8, _u16, _u32 = ctypes.c_uint8, ctypes.c_uint16, ctypes.c_uint32

GRAB_SUCCESS, ALREADY_GRABBED, GRAB_INVALID_TIME, GRAB_NOT_VIEWABLE, GRAB_FROZEN = range(5)
_PROPERTY_NOTIFY = 28
_CW_EVENT_MASK = 1 << 11
_EVENT_MASK_PROPERTY_CHANGE = 1 << 22
_ATOM_STRING, _ATOM_WINDOW, _ATOM_CARDINAL, _ATOM_WM_NAME, _ATOM_WM_CLASS = 31, 33, 6, 39, 67
_ATOM_WM_TRANSIENT_FOR = 68
_POINTER_ROOT = 1


class _Cookie(ctypes.Structure):
    _fields_ = [("sequence", ctypes.c_uint)]


class _ScreenIterator(ctypes.Structure):
    _fields_ = [("data", ctypes.POINTER(_u32)), ("rem", ctypes.c_int), ("index", ctypes.c_int)]


class _InternAtomReply(ctypes.Structure):
    _fields_ = [("response_type", _u8), ("pad0", _u8), ("sequence", _u16), ("length", _u32), ("atom", _u32)]


class _GetPropertyReply(ctypes.Structure):
    _fields_ = [("response_type", _u8), ("format", _u8), ("sequence", _u16), ("length", _u32), ("type", _u32),
                ("bytes_after", _u32), ("value_len", _u32), ("pad0", _u8 * 12)]


class _InputFocusReply(ctypes.Structure):
    _fields_ = [("response_type", _u8), ("revert_to", _u8), ("sequence", _u16), ("length", _u32), ("focus", _u32)]


class _QueryTreeReply(ctypes.Structure):
    _fields_ = [("response_type", _u8), ("pad0", _u8), ("sequence", _u16), ("length", _u32), ("root", _u32),
                ("parent", _u32), ("children_len", _u16), ("pad1", _u8 * 14)]


class _GrabReply(ctypes.Structure):
    _fields_ = [("response_type", _u8), ("status", _u8), ("sequence", _u16), ("length", _u32)]


class _ScreenSaverReply(ctypes.Structure):
    _fields_ = [("response_type", _u8), ("pad0", _u8), ("sequence", _u16), ("length", _u32), ("timeout", _u16),
                ("interval", _u16), ("prefer_blanking", _u8), ("allow_exposures", _u8), ("pad1", _u8 * 18)]


class _PropertyNotify(ctypes.Structure):
    _fields_ = [("response_type", _u8), ("pad0", _u8), ("sequence", _u16), ("window", _u32), ("atom", _u32),
                ("time", _u32), ("state", _u8)]


_lib: ctypes.CDLL | None = None
_libc: ctypes.CDLL | None = None


def _libs() -> tuple[ctypes.CDLL, ctypes.CDLL]:
    global _lib, _libc
    if _lib is None:
        name = ctypes.util.find_library("xcb") or "libxcb.so.1"
        try:
            lib = ctypes.CDLL(name)
        except OSError as exc:
            raise GuardUnavailableError(f"libxcb is not installed ({exc}); X11 guard measures are unavailable") from exc
        P = ctypes.c_void_p
        lib.xcb_connect.restype, lib.xcb_connect.argtypes = P, [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
        lib.xcb_connection_has_error.argtypes = [P]
        lib.xcb_disconnect.argtypes = [P]
        lib.xcb_flush.argtypes = [P]
        lib.xcb_get_file_descriptor.argtypes = [P]
        lib.xcb_get_setup.restype, lib.xcb_get_setup.argtypes = P, [P]
        lib.xcb_setup_roots_iterator.restype, lib.xcb_setup_roots_iterator.argtypes = _ScreenIterator, [P]
        lib.xcb_screen_next.argtypes = [ctypes.POINTER(_ScreenIterator)]
        lib.xcb_intern_atom.restype = _Cookie
        lib.xcb_intern_atom.argtypes = [P, _u8, _u16, ctypes.c_char_p]
        lib.xcb_intern_atom_reply.restype = ctypes.POINTER(_InternAtomReply)
        lib.xcb_intern_atom_reply.argtypes = [P, _Cookie, P]
        lib.xcb_get_property.restype = _Cookie
        lib.xcb_get_property.argtypes = [P, _u8, _u32, _u32, _u32, _u32, _u32]
        lib.xcb_get_property_reply.restype = ctypes.POINTER(_GetPropertyReply)
        lib.xcb_get_property_reply.argtypes = [P, _Cookie, P]
        lib.xcb_get_property_value.restype = P
        lib.xcb_get_property_value.argtypes = [ctypes.POINTER(_GetPropertyReply)]
        lib.xcb_get_property_value_length.argtypes = [ctypes.POINTER(_GetPropertyReply)]
        lib.xcb_get_input_focus.restype, lib.xcb_get_input_focus.argtypes = _Cookie, [P]
        lib.xcb_get_input_focus_reply.restype = ctypes.POINTER(_InputFocusReply)
        lib.xcb_get_input_focus_reply.argtypes = [P, _Cookie, P]
        lib.xcb_query_tree.restype, lib.xcb_query_tree.argtypes = _Cookie, [P, _u32]
        lib.xcb_query_tree_reply.restype = ctypes.POINTER(_QueryTreeReply)
        lib.xcb_query_tree_reply.argtypes = [P, _Cookie, P]
        lib.xcb_grab_keyboard.restype = _Cookie
        lib.xcb_grab_keyboard.argtypes = [P, _u8, _u32, _u32, _u8, _u8]
        lib.xcb_grab_keyboard_reply.restype = ctypes.POINTER(_GrabReply)
        lib.xcb_grab_keyboard_reply.argtypes = [P, _Cookie, P]
        lib.xcb_ungrab_keyboard.restype, lib.xcb_ungrab_keyboard.argtypes = _Cookie, [P, _u32]
        lib.xcb_get_screen_saver.restype, lib.xcb_get_screen_saver.argtypes = _Cookie, [P]
        lib.xcb_get_screen_saver_reply.restype = ctypes.POINTER(_ScreenSaverReply)
        lib.xcb_get_screen_saver_reply.argtypes = [P, _Cookie, P]
        lib.xcb_set_screen_saver_checked.restype = _Cookie
        lib.xcb_set_screen_saver_checked.argtypes = [P, ctypes.c_int16, ctypes.c_int16, _u8, _u8]
        lib.xcb_request_check.restype, lib.xcb_request_check.argtypes = P, [P, _Cookie]
        lib.xcb_change_window_attributes.restype = _Cookie
        lib.xcb_change_window_attributes.argtypes = [P, _u32, _u32, ctypes.POINTER(_u32)]
        lib.xcb_poll_for_event.restype, lib.xcb_poll_for_event.argtypes = P, [P]
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.free.argtypes = [P]
        _lib, _libc = lib, libc
    assert _libc is not None
    return _lib, _libc


@dataclass(frozen=True)
class XWindow:
    """A top-level window as the X server describes it."""

    id: int
    pid: int | None
    wm_instance: str
    wm_class: str
    title: str


@dataclass(frozen=True)
class ScreenSaver:
    timeout: int
    interval: int
    prefer_blanking: int
    allow_exposures: int


class XConnection:
    """One client connection to an X display (``None``: ``$DISPLAY``)."""

    def __init__(self, display: str | None = None):
        self._lib, self._libc = _libs()
        self.display = display if display is not None else os.environ.get("DISPLAY", "")
        if not self.display:
            raise GuardUnavailableError("no X display (DISPLAY is not set)")
        screen = ctypes.c_int(0)
        self._c = self._lib.xcb_connect(self.display.encode(), ctypes.byref(screen))
        if not self._c or self._lib.xcb_connection_has_error(self._c):
            if self._c:
                self._lib.xcb_disconnect(self._c)
            self._c = None
            raise GuardUnavailableError(f"cannot connect to the X display {self.display!r}")
        iterator = self._lib.xcb_setup_roots_iterator(self._lib.xcb_get_setup(self._c))
        for _ in range(screen.value):
            self._lib.xcb_screen_next(ctypes.byref(iterator))
        self.root = int(iterator.data[0])  # xcb_screen_t begins with its root window
        self._atoms: dict[str, int] = {}

    # -- plumbing -------------------------------------------------------------------------------
    def close(self) -> None:
        if self._c:
            self._lib.xcb_disconnect(self._c)
            self._c = None

    def __enter__(self) -> XConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def broken(self) -> bool:
        return not self._c or bool(self._lib.xcb_connection_has_error(self._c))

    def _reply(self, function: Callable[..., object], cookie: _Cookie) -> object | None:
        error = ctypes.c_void_p(0)
        reply = function(self._c, cookie, ctypes.byref(error))
        if error.value:
            self._libc.free(error)
        return reply if reply else None

    def _free(self, reply: object) -> None:
        self._libc.free(ctypes.cast(reply, ctypes.c_void_p))

    def atom(self, name: str) -> int:
        if name not in self._atoms:
            raw = name.encode()
            reply = self._reply(self._lib.xcb_intern_atom_reply, self._lib.xcb_intern_atom(self._c, 0, len(raw), raw))
            if reply is None:
                raise GuardUnavailableError(f"the X server refused to name atom {name}")
            self._atoms[name] = int(reply.contents.atom)  # type: ignore[attr-defined]
            self._free(reply)
        return self._atoms[name]

    def property(self, window: int, name: str | int, kind: int = 0, length: int = 1024) -> tuple[int, bytes] | None:
        """(format, raw bytes) of a window property, or None when missing or the window is gone."""
        atom = name if isinstance(name, int) else self.atom(name)
        cookie = self._lib.xcb_get_property(self._c, 0, window, atom, kind, 0, length)
        reply = self._reply(self._lib.xcb_get_property_reply, cookie)
        if reply is None:
            return None
        try:
            contents = reply.contents  # type: ignore[attr-defined]
            if contents.type == 0:
                return None
            size = self._lib.xcb_get_property_value_length(reply)
            data = ctypes.string_at(self._lib.xcb_get_property_value(reply), size) if size > 0 else b""
            return int(contents.format), data
        finally:
            self._free(reply)

    def _cardinal(self, window: int, name: str | int, kind: int) -> int | None:
        value = self.property(window, name, kind, 1)
        if value is None or value[0] != 32 or len(value[1]) < 4:
            return None
        return int.from_bytes(value[1][:4], "little")

    # -- windows --------------------------------------------------------------------------------
    def active_window_id(self) -> int | None:
        """``_NET_ACTIVE_WINDOW`` on the root, as the window manager publishes it."""
        window = self._cardinal(self.root, "_NET_ACTIVE_WINDOW", _ATOM_WINDOW)
        return window or None

    def input_focus(self) -> int | None:
        """The window holding the keyboard focus (None: no focus or the pointer root)."""
        reply = self._reply(self._lib.xcb_get_input_focus_reply, self._lib.xcb_get_input_focus(self._c))
        if reply is None:
            return None
        focus = int(reply.contents.focus)  # type: ignore[attr-defined]
        self._free(reply)
        return None if focus in (0, _POINTER_ROOT, self.root) else focus

    def parent(self, window: int) -> int | None:
        reply = self._reply(self._lib.xcb_query_tree_reply, self._lib.xcb_query_tree(self._c, window))
        if reply is None:
            return None
        parent = int(reply.contents.parent)  # type: ignore[attr-defined]
        self._free(reply)
        return parent or None

    def describe(self, window: int) -> XWindow | None:
        """The client window at or above ``window`` that carries WM_CLASS or a pid."""
        current: int | None = window
        for _ in range(8):  # a client sits at most a few levels under the root
            if current is None or current == self.root:
                break
            wm_class = self.property(current, _ATOM_WM_CLASS, _ATOM_STRING)
            pid = self._cardinal(current, "_NET_WM_PID", _ATOM_CARDINAL)
            if wm_class is not None or pid is not None:
                parts = (wm_class[1] if wm_class else b"").split(b"\0")
                instance = parts[0].decode("utf-8", "replace") if parts else ""
                klass = parts[1].decode("utf-8", "replace") if len(parts) > 1 else ""
                return XWindow(current, pid, instance, klass, self.title(current))
            current = self.parent(current)
        return None

    def title(self, window: int) -> str:
        value = self.property(window, "_NET_WM_NAME", self.atom("UTF8_STRING")) or self.property(
            window, _ATOM_WM_NAME, _ATOM_STRING)
        return value[1].decode("utf-8", "replace")[:120] if value else ""

    def focused_window(self) -> XWindow | None:
        """The client window that has the focus, falling back to the window manager's active window."""
        for window in (self.input_focus(), self.active_window_id()):
            if window:
                described = self.describe(window)
                if described is not None:
                    return described
        return None

    # -- keyboard grab --------------------------------------------------------------------------
    def try_grab_keyboard(self, window: int | None = None) -> int:
        """Grab the keyboard for this connection and return the status (GRAB_SUCCESS, ALREADY_GRABBED…)."""
        cookie = self._lib.xcb_grab_keyboard(self._c, 1, window or self.root, 0, 1, 1)
        reply = self._reply(self._lib.xcb_grab_keyboard_reply, cookie)
        if reply is None:
            return -1
        status = int(reply.contents.status)  # type: ignore[attr-defined]
        self._free(reply)
        return status

    def ungrab_keyboard(self) -> None:
        self._lib.xcb_ungrab_keyboard(self._c, 0)
        self._lib.xcb_flush(self._c)

    def keyboard_is_grabbed_elsewhere(self) -> bool:
        """True when another client holds an active keyboard grab (probed by grabbing and releasing)."""
        status = self.try_grab_keyboard()
        if status == GRAB_SUCCESS:
            self.ungrab_keyboard()
        return status in (ALREADY_GRABBED, GRAB_FROZEN)

    # -- screen saver ---------------------------------------------------------------------------
    def screen_saver(self) -> ScreenSaver:
        reply = self._reply(self._lib.xcb_get_screen_saver_reply, self._lib.xcb_get_screen_saver(self._c))
        if reply is None:
            raise GuardUnavailableError("the X server did not report its screen saver settings")
        c = reply.contents  # type: ignore[attr-defined]
        settings = ScreenSaver(int(c.timeout), int(c.interval), int(c.prefer_blanking), int(c.allow_exposures))
        self._free(reply)
        return settings

    def set_screen_saver(self, settings: ScreenSaver) -> None:
        timeout = settings.timeout if settings.timeout < 32768 else -1
        cookie = self._lib.xcb_set_screen_saver_checked(self._c, timeout, settings.interval,
                                                        settings.prefer_blanking, settings.allow_exposures)
        error = self._lib.xcb_request_check(self._c, cookie)
        if error:
            self._libc.free(error)
            raise GuardUnavailableError("the X server refused the screen saver settings")

    # -- events ---------------------------------------------------------------------------------
    def watch_root_properties(self) -> None:
        mask = (_u32 * 1)(_EVENT_MASK_PROPERTY_CHANGE)
        self._lib.xcb_change_window_attributes(self._c, self.root, _CW_EVENT_MASK, mask)
        self._lib.xcb_flush(self._c)

    def fileno(self) -> int:
        return int(self._lib.xcb_get_file_descriptor(self._c))

    def pending_property_changes(self) -> list[int]:
        """Atoms of the root properties changed since the last call (drains the event queue)."""
        atoms = []
        while True:
            event = self._lib.xcb_poll_for_event(self._c)
            if not event:
                return atoms
            notify = ctypes.cast(event, ctypes.POINTER(_PropertyNotify)).contents
            if notify.response_type & 0x7F == _PROPERTY_NOTIFY:
                atoms.append(int(notify.atom))
            self._libc.free(event)


class ActiveWindowWatcher:
    """Tells when the window manager changes the active window, without a thread and without polling.

    It owns a connection that only listens to the root window's property changes; the caller
    watches :meth:`fileno` in its event loop (a ``QSocketNotifier``) and calls :meth:`changed`
    when the socket is readable.
    """

    def __init__(self, display: str | None):
        self._connection = XConnection(display)
        self._atom = self._connection.atom("_NET_ACTIVE_WINDOW")
        self._connection.watch_root_properties()

    def fileno(self) -> int:
        return self._connection.fileno()

    def changed(self) -> bool:
        """Drain the events received; True if the active window changed among them."""
        if self._connection.broken:
            return False
        return self._atom in self._connection.pending_property_changes()

    def close(self) -> None:
        self._connection.close()
