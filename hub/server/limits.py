"""Body-size caps, slow bodies, and per-center (and per-address) rate limits.

The body cap is an ASGI middleware in front of the application: a declared ``Content-Length`` above
the path's cap is answered 413 without reading a byte; a body that arrives in pieces is counted and
cut at the cap; a piece slower than ``chunk_timeout`` gets 408. The rate limiter is a token bucket per
key (a center id once its request is authenticated, the client address for the public pages).
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from protocol.hub_api import MAX_CHUNK, TOO_LARGE, HubError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SMALL_LIMIT = 16 * 1024


def limit_for(method: str, path: str) -> int:
    return MAX_CHUNK if method == "PATCH" and path.startswith("/v1/packages/") else SMALL_LIMIT


class BodyTooLarge(Exception):
    pass


class BodyTooSlow(Exception):
    pass


async def refuse(send: Send, status: int, code: str, message: str) -> None:
    body = HubError(code, message).to_bytes()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    def __init__(self, app: ASGIApp, chunk_timeout: float = 20.0):
        self.app, self.chunk_timeout = app, chunk_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope.get("method", ""), scope.get("path", ""))
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                await refuse(send, 400, "malformed", "Content-Length is not a number")
                return
            if length > limit:
                await refuse(send, 413, TOO_LARGE, f"a body of {length} bytes is over the {limit} bytes "
                                                   f"{scope['method']} {scope['path'][:60]} accepts")
                return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            try:
                message = await asyncio.wait_for(receive(), self.chunk_timeout)
            except TimeoutError:
                raise BodyTooSlow() from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge()
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:
            if not started:
                await refuse(send, 413, TOO_LARGE, f"the body is over the {limit} bytes this call accepts")
        except BodyTooSlow:
            if not started:
                await refuse(send, 408, "malformed", f"the body did not arrive within {self.chunk_timeout:g} s")


class RateLimiter:
    """A token bucket per key: ``rate`` requests a second on average, bursts of ``burst``.

    Kept in the worker's memory: with N workers a center gets at most N times the rate in all. That
    is a limit on load, not a security property (the counter and the database carry those).
    """

    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic, max_keys: int = 100_000):
        self.rate, self.burst, self.clock, self.max_keys = rate, burst, clock, max_keys
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """0 when the request may go on, else the seconds to wait before the next one."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                if len(self._buckets) >= self.max_keys and key not in self._buckets:
                    self._buckets.clear()  # a flood of addresses: forget them all rather than grow without end
                self._buckets[key] = (tokens - 1.0, now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return max(0.001, (1.0 - tokens) / self.rate)


def retry_after(seconds: float) -> str:
    return str(max(1, math.ceil(seconds)))
