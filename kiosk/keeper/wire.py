"""The keeper's framing: a 4-byte big-endian length, then that many bytes of canonical JSON.

Requests from the interface are bounded (:data:`MAX_REQUEST`); a frame over the bound is read
and thrown away in small pieces, so a hostile interface cannot make the keeper hold it in
memory, and the stream stays in step for the next request. Replies come from the keeper and
are bounded more loosely (:data:`MAX_REPLY`: an attempt's whole journal).
"""

from __future__ import annotations

import datetime as dt
import socket
import struct
from typing import Any

from kiosk.core.events import Event
from kiosk.keeper.errors import FrameError
from protocol.canonical import canonical_bytes, parse_canonical
from protocol.errors import CanonicalEncodingError

FD_ENV = "PUPITRE_KEEPER_FD"  # the interface's end of the socket pair, inherited at start
MAX_REQUEST = 4 * 1024 * 1024  # a journal entry is a few kilobytes; a move carries a whole attempt's journal
MAX_REPLY = 64 * 1024 * 1024
_HEADER = struct.Struct(">I")
_CHUNK = 64 * 1024


class Closed(Exception):
    """The other end closed the socket between two frames."""


def _read_exactly(sock: socket.socket, size: int, *, at_start: bool = False) -> bytes:
    parts, missing = [], size
    while missing:
        data = sock.recv(min(missing, _CHUNK))
        if not data:
            if at_start and missing == size:
                raise Closed()
            raise FrameError(f"the stream ended inside a frame ({size - missing} of {size} bytes)", fatal=True)
        parts.append(data)
        missing -= len(data)
    return b"".join(parts)


def _discard(sock: socket.socket, size: int) -> None:
    while size:
        data = sock.recv(min(size, _CHUNK))
        if not data:
            raise FrameError("the stream ended inside an oversized frame", fatal=True)
        size -= len(data)


def send_frame(sock: socket.socket, message: Any) -> None:
    data = canonical_bytes(message)
    sock.sendall(_HEADER.pack(len(data)) + data)


def recv_frame(sock: socket.socket, limit: int) -> Any:
    """The next message. :class:`Closed` at a clean end; :class:`FrameError` for a bad frame (the
    stream stays usable unless ``fatal``)."""
    (size,) = _HEADER.unpack(_read_exactly(sock, _HEADER.size, at_start=True))
    if size > limit:
        _discard(sock, size)
        raise FrameError(f"a frame of {size} bytes is over the limit of {limit}")
    data = _read_exactly(sock, size)
    try:
        return parse_canonical(data, "frame")
    except (CanonicalEncodingError, RecursionError) as exc:
        raise FrameError(str(exc) if isinstance(exc, CanonicalEncodingError) else "frame: nested too deeply") from None


def event_to_wire(event: Event) -> dict[str, Any]:
    return event.to_dict()


def event_from_wire(data: Any) -> Event:
    """An event the keeper sent (the keeper is trusted; a malformed one is a FrameError all the same)."""
    try:
        wall = dt.datetime.fromisoformat(data["t_wall"]) if data["t_wall"] is not None else None
        return Event(int(data["seq"]), str(data["kind"]), dict(data["payload"]), float(data["t_mono"]), wall,
                     str(data["hash"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise FrameError(f"the keeper sent a malformed event ({exc})", fatal=True) from None
