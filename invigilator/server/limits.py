"""Request bodies capped before they are read, and slow bodies cut off (ADR 0017).

An ASGI middleware in front of the application: a declared ``Content-Length`` above the path's
cap is answered 413 without reading a byte; a body that arrives in chunks is counted as it comes
and cut off at the cap; a body that trickles (a chunk slower than ``chunk_timeout``) is answered
408, so a slow client holds at most its own connection, never a worker thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from protocol.canonical import canonical_bytes

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

KIB = 1024
ENROL_LIMIT = 16 * KIB
SYNC_LIMIT = 1024 * KIB
RESULTS_LIMIT = 16 * 1024 * KIB
DEFAULT_LIMIT = 16 * KIB
LIMITS = {"/v1/enrol": ENROL_LIMIT, "/v1/sync": SYNC_LIMIT, "/v1/results": RESULTS_LIMIT}


class BodyTooLarge(Exception):
    pass


class BodyTooSlow(Exception):
    pass


async def refuse(send: Send, status: int, message: str) -> None:
    body = canonical_bytes({"error": message})
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Caps each request body by path (``limits``; other paths get ``default``) and times out slow bodies."""

    def __init__(self, app: ASGIApp, limits: dict[str, int] | None = None, default: int = DEFAULT_LIMIT,
                 chunk_timeout: float = 10.0):
        self.app, self.limits, self.default, self.chunk_timeout = app, dict(limits or LIMITS), default, chunk_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.get(scope.get("path", ""), self.default)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                await refuse(send, 400, "Content-Length is not a number")
                return
            if length > limit:
                await refuse(send, 413, f"request body of {length} bytes is over the {limit} bytes {scope['path']} "
                                        "accepts")
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
                await refuse(send, 413, f"request body is over the {limit} bytes {scope['path']} accepts")
        except BodyTooSlow:
            if not started:
                await refuse(send, 408, f"request body did not arrive within {self.chunk_timeout:g} s")
