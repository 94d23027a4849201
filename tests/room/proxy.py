"""A loopback TCP proxy the fault tests control: a network between a kiosk and the console that can fail.

The kiosk is enrolled through the proxy's address, so every byte it exchanges with the console
crosses it. TLS goes through untouched (the proxy relays bytes; the pin still checks). Modes:

- ``pass``: bytes are relayed both ways as they come.
- ``drop``: every open connection is reset, and each new one is reset as soon as it is accepted
  (a cable pulled, a switch rebooting).
- ``stall``: connections stay open and nothing is relayed; what arrives is *held* (a congested
  or half-dead link). ``stall(answers_only=True)`` relays the kiosk's requests to the console but
  holds the console's answers (the console stored a sync the kiosk never hears about).
- ``heal()`` returns to ``pass`` and delivers everything held, late, in order (including the
  requests of connections the kiosk gave up on meanwhile: late duplicates the console must
  take calmly).

One thread runs a selector over every socket; the counters say what happened, so a test can
check that a fault it meant to cause was indeed caused.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import struct
import threading
from dataclasses import dataclass, field

CHUNK = 65536


@dataclass
class _Pair:
    client: socket.socket
    upstream: socket.socket | None = None
    to_upstream: bytearray = field(default_factory=bytearray)  # held kiosk → console
    to_client: bytearray = field(default_factory=bytearray)  # held console → kiosk
    client_eof: bool = False
    upstream_eof: bool = False
    closed: bool = False


@dataclass
class ProxyCounters:
    accepted: int = 0
    reset: int = 0  # connections reset by ``drop``
    held_up: int = 0  # bytes held on their way to the console
    held_down: int = 0  # bytes held on their way to the kiosk
    delivered_late: int = 0  # held bytes delivered to the console by ``heal``


def _reset(sock: socket.socket) -> None:
    """Close with RST, not FIN: the peer sees 'connection reset', as when a link drops."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


class PartitionProxy:
    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self.mode = "pass"
        self.answers_only = False
        self.counters = ProxyCounters()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.setblocking(False)
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._listener, selectors.EVENT_READ, None)
        self._pairs: list[_Pair] = []
        self._lock = threading.Lock()
        self._wake_r, self._wake_w = socket.socketpair()
        self._selector.register(self._wake_r, selectors.EVENT_READ, "wake")
        self._orders: list[str] = []
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="partition-proxy", daemon=True)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self._listener.getsockname()[1]}"

    def start(self) -> PartitionProxy:
        self._thread.start()
        return self

    # -- what the test does ----------------------------------------------------------------------------
    def _order(self, order: str) -> None:
        done = threading.Event()
        with self._lock:
            self._orders.append(order)
            self._done = done
        self._wake_w.send(b"x")
        if not done.wait(10):
            raise AssertionError(f"the proxy did not carry out {order!r}")

    def drop(self) -> None:
        self._order("drop")

    def stall(self, answers_only: bool = False) -> None:
        self._order("stall-answers" if answers_only else "stall")

    def heal(self) -> None:
        self._order("heal")

    def stop(self) -> None:
        self._stopping = True
        self._order("stop")
        self._thread.join(10)

    # -- the relay ---------------------------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            for key, _ in self._selector.select(0.5):
                if key.data == "wake":
                    self._wake_r.recv(64)
                    with self._lock:
                        orders, self._orders = self._orders, []
                        done = self._done
                    for order in orders:
                        self._apply(order)
                    done.set()
                    if self._stopping:
                        self._close_all()
                        return
                elif key.data is None:
                    self._accept()
                else:
                    pair, side = key.data
                    self._readable(pair, side)

    def _apply(self, order: str) -> None:
        if order == "drop":
            self.mode = "drop"
            for pair in list(self._pairs):
                self.counters.reset += 1
                self._close(pair, reset=True)
        elif order in ("stall", "stall-answers"):
            self.mode, self.answers_only = "stall", order == "stall-answers"
        elif order == "heal":
            self.mode, self.answers_only = "pass", False
            for pair in list(self._pairs):
                self._release(pair)

    def _accept(self) -> None:
        try:
            client, _ = self._listener.accept()
        except BlockingIOError:
            return
        self.counters.accepted += 1
        if self.mode == "drop":
            self.counters.reset += 1
            _reset(client)
            return
        pair = _Pair(client)
        self._pairs.append(pair)
        self._selector.register(client, selectors.EVENT_READ, (pair, "client"))
        if self.mode == "pass" or self.answers_only:
            self._connect(pair)

    def _connect(self, pair: _Pair) -> bool:
        try:
            pair.upstream = socket.create_connection(self.upstream, timeout=5)
        except OSError:
            self._close(pair)
            return False
        self._selector.register(pair.upstream, selectors.EVENT_READ, (pair, "upstream"))
        return True

    def _readable(self, pair: _Pair, side: str) -> None:
        if pair.closed:
            return
        sock = pair.client if side == "client" else pair.upstream
        assert sock is not None
        try:
            data = sock.recv(CHUNK)
        except OSError:
            data = b""
        if side == "client":
            if not data:
                pair.client_eof = True
                self._selector.unregister(pair.client)
            if self.mode == "stall" and not self.answers_only:
                pair.to_upstream += data
                self.counters.held_up += len(data)
            else:
                self._forward(pair, "upstream", data)
        else:
            if not data:
                pair.upstream_eof = True
                assert pair.upstream is not None
                self._selector.unregister(pair.upstream)
            if self.mode == "stall":
                pair.to_client += data
                self.counters.held_down += len(data)
            else:
                self._forward(pair, "client", data)
        if pair.client_eof and pair.upstream_eof and self.mode != "stall":
            self._close(pair)

    def _forward(self, pair: _Pair, to: str, data: bytes) -> None:
        sock = pair.upstream if to == "upstream" else pair.client
        if sock is None:
            return
        try:
            if data:
                sock.sendall(data)
            else:
                sock.shutdown(socket.SHUT_WR)
        except OSError:
            self._close(pair)

    def _release(self, pair: _Pair) -> None:
        """Deliver what was held, late, and go on relaying."""
        if pair.closed:
            return
        if pair.upstream is None and not self._connect(pair):
            return
        if pair.to_upstream:
            self.counters.delivered_late += len(pair.to_upstream)
            held, pair.to_upstream = bytes(pair.to_upstream), bytearray()
            self._forward(pair, "upstream", held)
        if pair.client_eof:
            self._forward(pair, "upstream", b"")
        if pair.to_client and not pair.closed:
            held, pair.to_client = bytes(pair.to_client), bytearray()
            self._forward(pair, "client", held)
        if pair.upstream_eof and not pair.closed:
            self._forward(pair, "client", b"")

    def _close(self, pair: _Pair, reset: bool = False) -> None:
        if pair.closed:
            return
        pair.closed = True
        for sock in (pair.client, pair.upstream):
            if sock is None:
                continue
            with contextlib.suppress(KeyError, ValueError):
                self._selector.unregister(sock)
            if reset:
                _reset(sock)
            else:
                sock.close()
        if pair in self._pairs:
            self._pairs.remove(pair)

    def _close_all(self) -> None:
        for pair in list(self._pairs):
            self._close(pair)
        self._selector.close()
        self._listener.close()
        self._wake_r.close()
        self._wake_w.close()

    def __enter__(self) -> PartitionProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
