"""X11: the exam window's place on the screen, seen from the X server (ctypes over libxcb).

A :class:`StackingConnection` listens to the root window's substructure (every top-level window
mapped, unmapped, moved or restacked, override-redirect ones included) and to the exam window's
own structure and properties (unmapped, iconified, its ``_NET_WM_STATE`` changed). The caller
watches :meth:`fileno` and calls :meth:`drain` when it is readable, then :meth:`examine` tells
what is wrong now.

Who owns a window is read from its id, not from what it says about itself: the X server gives
every client a range of resource ids (``resource_id_base`` under ``resource_id_mask``), so two
windows of one connection share the bits above the mask. A window of the kiosk's own connection,
of the window manager (its frames, its menus) or of anyone else is told apart that way, and
``KillClient`` on a foreign window closes the connection of the program that made it, whatever
``_NET_WM_PID`` it claims.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

from kiosk.guard.x11 import _ATOM_CARDINAL, _ATOM_STRING, _ATOM_WM_CLASS, XConnection, _Cookie, _u8, _u16, _u32

_ATOM_ATOM = 4
_MAP_VIEWABLE = 2
_STRUCTURE_NOTIFY = 1 << 17
_SUBSTRUCTURE_NOTIFY = 1 << 19
_PROPERTY_CHANGE = 1 << 22
_CW_EVENT_MASK = 1 << 11
_i16 = ctypes.c_int16


class _AttributesReply(ctypes.Structure):
    _fields_ = [("response_type", _u8), ("backing_store", _u8), ("sequence", _u16), ("length", _u32),
                ("visual", _u32), ("klass", _u16), ("bit_gravity", _u8), ("win_gravity", _u8),
                ("backing_planes", _u32), ("backing_pixel", _u32), ("save_under", _u8), ("map_is_installed", _u8),
                ("map_state", _u8), ("override_redirect", _u8), ("colormap", _u32), ("all_event_masks", _u32),
                ("your_event_mask", _u32), ("do_not_propagate_mask", _u16), ("pad0", _u8 * 2)]


class _GeometryReply(ctypes.Structure):
    _fields_ = [("response_type", _u8), ("depth", _u8), ("sequence", _u16), ("length", _u32), ("root", _u32),
                ("x", _i16), ("y", _i16), ("width", _u16), ("height", _u16), ("border_width", _u16),
                ("pad0", _u8 * 2)]


class _TranslateReply(ctypes.Structure):
    _fields_ = [("response_type", _u8), ("same_screen", _u8), ("sequence", _u16), ("length", _u32),
                ("child", _u32), ("dst_x", _i16), ("dst_y", _i16)]


_bound = False


def _bind(lib: ctypes.CDLL) -> None:
    global _bound
    if _bound:
        return
    P = ctypes.c_void_p
    lib.xcb_get_window_attributes.restype, lib.xcb_get_window_attributes.argtypes = _Cookie, [P, _u32]
    lib.xcb_get_window_attributes_reply.restype = ctypes.POINTER(_AttributesReply)
    lib.xcb_get_window_attributes_reply.argtypes = [P, _Cookie, P]
    lib.xcb_get_geometry.restype, lib.xcb_get_geometry.argtypes = _Cookie, [P, _u32]
    lib.xcb_get_geometry_reply.restype = ctypes.POINTER(_GeometryReply)
    lib.xcb_get_geometry_reply.argtypes = [P, _Cookie, P]
    lib.xcb_translate_coordinates.restype = _Cookie
    lib.xcb_translate_coordinates.argtypes = [P, _u32, _u32, _i16, _i16]
    lib.xcb_translate_coordinates_reply.restype = ctypes.POINTER(_TranslateReply)
    lib.xcb_translate_coordinates_reply.argtypes = [P, _Cookie, P]
    lib.xcb_query_tree_children.restype = ctypes.POINTER(_u32)
    lib.xcb_query_tree_children.argtypes = [P]
    lib.xcb_query_tree_children_length.argtypes = [P]
    lib.xcb_kill_client.restype, lib.xcb_kill_client.argtypes = _Cookie, [P, _u32]
    lib.xcb_send_event.restype = _Cookie
    lib.xcb_send_event.argtypes = [P, _u8, _u32, _u32, ctypes.c_char_p]
    _bound = True


class _ClientMessage(ctypes.Structure):
    _fields_ = [("response_type", _u8), ("format", _u8), ("sequence", _u16), ("window", _u32), ("type", _u32),
                ("data", _u32 * 5)]


@dataclass(frozen=True)
class ForeignWindow:
    """A window of another program shown over the exam window."""

    id: int  # the client window (the program's own, never the window manager's frame)
    owner: int  # the X client's resource base
    override_redirect: bool
    pid: int | None
    wm_instance: str = ""
    wm_class: str = ""
    title: str = ""

    @property
    def classes(self) -> tuple[str, ...]:
        return tuple(p for p in (self.wm_instance, self.wm_class) if p)


@dataclass
class WindowState:
    """What the X server says about the exam window now; ``problems`` lists what is wrong."""

    problems: list[str] = field(default_factory=list)
    above: list[ForeignWindow] = field(default_factory=list)


class StackingConnection(XConnection):
    """A connection that watches the stacking of top-level windows and the exam window's state."""

    def __init__(self, display: str | None = None):
        super().__init__(display)
        _bind(self._lib)
        setup = ctypes.cast(self._lib.xcb_get_setup(self._c), ctypes.POINTER(ctypes.c_uint32 * 5)).contents
        self.id_mask = int(setup[4])  # xcb_setup_t: 12 bytes of header, then base and mask
        self.watched: int | None = None

    def owner(self, window: int) -> int:
        return window & ~self.id_mask

    # -- listening ------------------------------------------------------------------------------
    def _select(self, window: int, mask: int) -> None:
        value = (_u32 * 1)(mask)
        self._lib.xcb_change_window_attributes(self._c, window, _CW_EVENT_MASK, value)

    def watch(self, window: int) -> None:
        """Events from the root's substructure and from ``window`` (the exam window)."""
        self._select(self.root, _SUBSTRUCTURE_NOTIFY)
        self._select(window, _STRUCTURE_NOTIFY | _PROPERTY_CHANGE)
        self.watched = window
        self._lib.xcb_flush(self._c)

    def drain(self) -> int:
        """Read the events received; their number (any of them is a reason to look again)."""
        count = 0
        while True:
            event = self._lib.xcb_poll_for_event(self._c)
            if not event:
                return count
            count += 1
            self._libc.free(event)

    # -- reading --------------------------------------------------------------------------------
    def attributes(self, window: int) -> tuple[int, bool] | None:
        """(map state, override-redirect), or None when the window is gone."""
        reply = self._reply(self._lib.xcb_get_window_attributes_reply,
                            self._lib.xcb_get_window_attributes(self._c, window))
        if reply is None:
            return None
        c = reply.contents  # type: ignore[attr-defined]
        result = int(c.map_state), bool(c.override_redirect)
        self._free(reply)
        return result

    def rectangle(self, window: int) -> tuple[int, int, int, int] | None:
        """(x, y, width, height) of ``window`` on the root, or None when it is gone."""
        reply = self._reply(self._lib.xcb_get_geometry_reply, self._lib.xcb_get_geometry(self._c, window))
        if reply is None:
            return None
        width, height = int(reply.contents.width), int(reply.contents.height)  # type: ignore[attr-defined]
        self._free(reply)
        moved = self._reply(self._lib.xcb_translate_coordinates_reply,
                            self._lib.xcb_translate_coordinates(self._c, window, self.root, 0, 0))
        if moved is None:
            return None
        x, y = int(moved.contents.dst_x), int(moved.contents.dst_y)  # type: ignore[attr-defined]
        self._free(moved)
        return x, y, width, height

    def children(self, window: int) -> list[int]:
        """Children of ``window``, bottom of the stack first."""
        reply = self._reply(self._lib.xcb_query_tree_reply, self._lib.xcb_query_tree(self._c, window))
        if reply is None:
            return []
        try:
            count = int(self._lib.xcb_query_tree_children_length(reply))
            array = self._lib.xcb_query_tree_children(reply)
            return [int(array[i]) for i in range(count)]
        finally:
            self._free(reply)

    def net_wm_state(self, window: int) -> set[str]:
        value = self.property(window, "_NET_WM_STATE", _ATOM_ATOM, 32)
        if value is None or value[0] != 32:
            return set()
        atoms = {int.from_bytes(value[1][i:i + 4], "little") for i in range(0, len(value[1]) - 3, 4)}
        names = {"_NET_WM_STATE_HIDDEN": "hidden", "_NET_WM_STATE_FULLSCREEN": "fullscreen",
                 "_NET_WM_STATE_ABOVE": "above"}
        return {short for name, short in names.items() if self.atom(name) in atoms}

    def iconic(self, window: int) -> bool:
        value = self.property(window, "WM_STATE", self.atom("WM_STATE"), 2)
        return bool(value and len(value[1]) >= 4 and int.from_bytes(value[1][:4], "little") == 3)

    def top_level(self, window: int) -> int | None:
        """The child of the root that holds ``window`` (its window manager frame, or itself)."""
        current = window
        for _ in range(16):
            parent = self.parent(current)
            if parent is None:
                return None
            if parent == self.root:
                return current
            current = parent
        return None

    def _client(self, top: int, depth: int = 3) -> int | None:
        """The window under a top-level window that carries WM_CLASS (the program's own window)."""
        if self.property(top, _ATOM_WM_CLASS, _ATOM_STRING, 1) is not None:
            return top
        if depth == 0:
            return None
        for child in reversed(self.children(top)):
            found = self._client(child, depth - 1)
            if found is not None:
                return found
        return None

    def describe_foreign(self, top: int, override_redirect: bool) -> ForeignWindow:
        client = self._client(top) or top
        wm_class = self.property(client, _ATOM_WM_CLASS, _ATOM_STRING)
        parts = (wm_class[1] if wm_class else b"").split(b"\0")
        pid = self._cardinal(client, "_NET_WM_PID", _ATOM_CARDINAL)
        return ForeignWindow(client, self.owner(client), override_redirect, pid,
                             parts[0].decode("utf-8", "replace") if parts else "",
                             parts[1].decode("utf-8", "replace") if len(parts) > 1 else "", self.title(client))

    def window_manager(self) -> int | None:
        """The resource base of the window manager's connection (from its check window)."""
        check = self._cardinal(self.root, "_NET_SUPPORTING_WM_CHECK", 33)  # type WINDOW
        return self.owner(check) if check else None

    # -- the decision ---------------------------------------------------------------------------
    def examine(self, window: int, screen: tuple[int, int, int, int]) -> WindowState:
        """What is wrong with the exam window ``window`` on ``screen`` (x, y, width, height)."""
        state = WindowState()
        attributes = self.attributes(window)
        if attributes is None:
            state.problems.append("destroyed")
            return state
        if attributes[0] != _MAP_VIEWABLE:
            state.problems.append("unmapped")
        flags = self.net_wm_state(window)
        if "hidden" in flags or self.iconic(window):
            state.problems.append("minimized")
        if "fullscreen" not in flags:
            state.problems.append("not-full-screen")
        if "above" not in flags:
            state.problems.append("not-on-top")
        rectangle = self.rectangle(window)
        if rectangle is not None and attributes[0] == _MAP_VIEWABLE:
            x, y, width, height = rectangle
            if (x, y) != screen[:2]:
                state.problems.append("moved")
            if (width, height) != screen[2:]:
                state.problems.append("resized")
        top = self.top_level(window)
        if top is None or attributes[0] != _MAP_VIEWABLE:
            return state
        stack = self.children(self.root)
        if top not in stack:
            return state
        own, manager = self.owner(window), self.window_manager()
        for other in stack[stack.index(top) + 1:]:
            described = self._over(other, own, manager, screen)
            if described is not None:
                state.above.append(described)
        if state.above and any(not w.override_redirect for w in state.above):
            state.problems.append("lowered")
        return state

    def _over(self, other: int, own: int, manager: int | None, screen: tuple[int, int, int, int]
              ) -> ForeignWindow | None:
        """``other`` (above the exam window) when it is a visible window of another program over the screen."""
        attributes = self.attributes(other)
        if attributes is None or attributes[0] != _MAP_VIEWABLE:
            return None
        owner = self.owner(other)
        if owner == own:
            return None  # the kiosk's own windows: dialogs, popups, the blank screens
        rectangle = self.rectangle(other)
        if rectangle is None or not _overlap(rectangle, screen):
            return None
        if owner == manager:  # a frame: the program inside decides
            client = self._client(other)
            if client is None or self.owner(client) in (own, manager):
                return None
            return self.describe_foreign(other, False)
        return self.describe_foreign(other, attributes[1])

    def ask_window_manager(self, window: int, message: str, *data: int) -> None:
        """An EWMH request about ``window`` (``_NET_WM_STATE``, ``_NET_ACTIVE_WINDOW``…), sent to the root
        as a pager would send it, so the window manager carries it out."""
        event = _ClientMessage(33, 32, 0, window, self.atom(message), (_u32 * 5)(*data, *([0] * (5 - len(data)))))
        mask = (1 << 20) | _SUBSTRUCTURE_NOTIFY  # SubstructureRedirect | SubstructureNotify
        self._lib.xcb_send_event(self._c, 0, self.root, mask, ctypes.string_at(ctypes.addressof(event), 32))
        self._lib.xcb_flush(self._c)

    def set_net_wm_state(self, window: int, add: bool, *names: str) -> None:
        atoms = [self.atom(f"_NET_WM_STATE_{n.upper()}") for n in names[:2]]
        self.ask_window_manager(window, "_NET_WM_STATE", 1 if add else 0, *atoms, *([0] * (2 - len(atoms))), 2)

    def sync(self) -> None:
        """Wait until the server has handled every request sent so far (a round trip)."""
        self.input_focus()

    def kill_client(self, window: int) -> None:
        """Close the X connection of the program that made ``window`` (its windows go with it)."""
        self._lib.xcb_kill_client(self._c, window)
        self._lib.xcb_flush(self._c)


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
