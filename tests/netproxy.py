"""A loopback TCP proxy that makes a link bad on purpose: throttled, cut on a timer or after so many bytes.

It forwards raw bytes (TLS passes through untouched, so both ends still see each other's real
certificate and pin) between a client on ``127.0.0.1:proxy.port`` and ``target``. Each direction
is limited to ``rate`` bytes per second (a token bucket with small bursts); ``cut_every`` seconds
every open connection is closed abruptly (RST), as a center's link drops; ``cut_after_upstream``
closes everything once that many more client→server bytes went through. Counters say how many
bytes each direction carried, for tests that check nothing is sent twice.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections.abc import Callable


class _Bucket:
    """A token bucket shared by one direction of every connection."""

    def __init__(self, rate: float | None, burst: int):
        self.rate, self.burst = rate, burst
        self._tokens = float(burst)
        self._at = time.monotonic()
        self._lock = threading.Lock()

    def take(self, wanted: int, stopped: Callable[[], bool]) -> int:
        """Block until at least one byte may pass; return how many (≤ wanted)."""
        if self.rate is None:
            return wanted
        while not stopped():
            with self._lock:
                now = time.monotonic()
                self._tokens = min(self.burst, self._tokens + (now - self._at) * self.rate)
                self._at = now
                if self._tokens >= 1:
                    n = min(wanted, int(self._tokens))
                    self._tokens -= n
                    return n
                need = (1 - self._tokens) / self.rate
            time.sleep(min(need, 0.05))
        return 0


class NetProxy:
    def __init__(self, target: tuple[str, int], *, rate: float | None = None, cut_every: float | None = None,
                 burst: int = 2048):
        self.target = target
        self.cut_every = cut_every
        self.up = _Bucket(rate, burst)
        self.down = _Bucket(rate, burst)
        self.bytes_up = 0  # client → server, over every connection
        self.bytes_down = 0
        self.connections = 0
        self.cuts = 0
        self._cut_after: int | None = None
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._threads: list[threading.Thread] = []

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> NetProxy:
        for target in (self._accept, self._timer):
            thread = threading.Thread(target=target, daemon=True, name="netproxy")
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() in progress (close alone would not)
        with contextlib.suppress(OSError):
            self._listener.close()
        self.cut()
        for thread in self._threads:
            thread.join(5)

    def __enter__(self) -> NetProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def cut_after_upstream(self, nbytes: int) -> None:
        """Close every connection once ``nbytes`` more client→server bytes have passed (once)."""
        with self._lock:
            self._cut_after = self.bytes_up + nbytes

    def cut(self) -> None:
        """Drop every open connection now, abruptly (RST, as a link that dies)."""
        with self._lock:
            sockets = list(self._open)
            self._open.clear()
            if sockets:
                self.cuts += 1
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)  # wakes the pump blocked in recv (close alone would not)
            with contextlib.suppress(OSError):
                sock.close()

    def _timer(self) -> None:
        if self.cut_every is None:
            return
        while not self._stop.wait(self.cut_every):
            self.cut()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target, timeout=5)
                server.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open.update((client, server))
                self.connections += 1
            for source, sink, bucket, upstream in ((client, server, self.up, True),
                                                   (server, client, self.down, False)):
                threading.Thread(target=self._pump, args=(source, sink, bucket, upstream), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, bucket: _Bucket, upstream: bool) -> None:
        def dead() -> bool:
            with self._lock:
                return self._stop.is_set() or source not in self._open
        try:
            while not dead():
                allowed = bucket.take(16384, dead)
                if not allowed:
                    break
                data = source.recv(allowed)
                if not data:
                    break
                cut = False
                with self._lock:
                    if upstream and self._cut_after is not None and self.bytes_up + len(data) >= self._cut_after:
                        data = data[:max(0, self._cut_after - self.bytes_up)]
                        self._cut_after = None
                        cut = True
                if data:
                    sink.sendall(data)
                    with self._lock:
                        if upstream:
                            self.bytes_up += len(data)
                        else:
                            self.bytes_down += len(data)
                if cut:
                    self.cut()
                    break
        except OSError:
            pass
        finally:
            with self._lock:
                alive = source in self._open
                self._open.discard(source)
                self._open.discard(sink)
            if alive:  # one side ended cleanly: end the other too
                for sock in (source, sink):
                    with contextlib.suppress(OSError):
                        sock.shutdown(socket.SHUT_RDWR)
                    with contextlib.suppress(OSError):
                        sock.close()
