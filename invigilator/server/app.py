"""The console's Starlette application: enrolment, sync, bank downloads, hello (ADR 0017).

Endpoints read the body (capped and timed by :class:`~invigilator.server.limits.BodyLimit`) on the
event loop and hand it to :class:`~invigilator.server.room.RoomService` in Starlette's thread
pool: the stores hold no lock of their own, the database's transactions are the concurrency
control. The sync, 300 times a second, is the exception (ADR 0027): once its kiosk's keys are
in memory its checks are pure CPU and run on the event loop, its writes go to the group-commit
writer, and the loop awaits the commit — no worker thread is held while the disk syncs.

Every refusal is a 4xx with a one-line canonical JSON body (``protocol.room.ErrorAnswer``);
an error nobody foresaw is logged with its traceback and answered 500 with one line, never a
traceback to the client.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.exc import DBAPIError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from invigilator.console_health import ConsoleHealth
from invigilator.errors import KioskRevokedError, RequestRefusedError, StoreError, UnknownKioskError
from invigilator.server.limits import BodyLimit, BodyTooLarge, BodyTooSlow
from invigilator.server.room import NotPinnedYet, RoomService
from protocol.room import (
    BANK_ID,
    PATH_ENROL,
    PATH_HELLO,
    PATH_RESULTS,
    PATH_SYNC,
    PROTOCOL_VERSION,
    REQUEST_HEADER,
    ErrorAnswer,
    encode,
)

log = logging.getLogger("pupitre.console.server")
JSON = "application/json"
INLINE_BODY = 64 * 1024  # a sync body up to this is checked on the event loop (a few hundred microseconds)


def _answer(message: Any, status: int = 200) -> Response:
    return Response(encode(message), status_code=status, media_type=JSON)


def _refusal(exc: RequestRefusedError) -> Response:
    line = " ".join(str(exc).split())[:500]
    return _answer(ErrorAnswer(line, exc.last_counter), exc.status)


NO_ROOM = (errno.ENOSPC, errno.EDQUOT)
WRITING = frozenset({PATH_SYNC, PATH_RESULTS})  # a success on these paths wrote to the database


def _guarded(handler: Callable[[Request], Awaitable[Response]],
             health: ConsoleHealth | None = None) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        try:
            response = await handler(request)
        except (BodyTooLarge, BodyTooSlow):
            raise  # answered by the limit itself
        except (StoreError, DBAPIError, OSError) as exc:
            if isinstance(exc, OSError) and exc.errno not in NO_ROOM:
                log.exception("request failed", extra={"fields": {"path": request.url.path}})
                return _answer(ErrorAnswer("the console could not handle this request; see its log"), 500)
            # disk full, database gone: the kiosk keeps its queue and sends it again; nothing half-written
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[:1] or [type(exc).__name__]
            # logged once per outage (300 kiosks retrying would fill the log, on a disk that may be the full one)
            first = health is None or health.alert is None
            (log.error if first else log.debug)("database unavailable",
                                                extra={"fields": {"path": request.url.path, "reason": reason[0]}})
            if health is not None:
                health.failed(reason[0])  # the console's own alert: the invigilator sees why the room went quiet
            return _answer(ErrorAnswer(f"the console cannot write its database now ({reason[0][:200]}); "
                                       "send again later"), 503)
        except UnknownKioskError as exc:  # removed or revoked between two reads of one request
            return _refusal(RequestRefusedError(401, str(exc)))
        except KioskRevokedError as exc:
            return _refusal(RequestRefusedError(403, str(exc)))
        except RequestRefusedError as exc:
            log.info("refused", extra={"fields": {"path": request.url.path, "status": exc.status,
                                                  "client": request.client.host if request.client else None,
                                                  "reason": str(exc)[:200]}})
            return _refusal(exc)
        except Exception:
            log.exception("request failed", extra={"fields": {"path": request.url.path}})
            return _answer(ErrorAnswer("the console could not handle this request; see its log"), 500)
        if health is not None and request.url.path in WRITING:
            health.written()
        return response

    return endpoint


def build_app(service: RoomService, *, chunk_timeout: float = 10.0, health: ConsoleHealth | None = None) -> Starlette:
    """The ASGI application for ``service``, body limits included (a body chunk slower than ``chunk_timeout``: 408);
    ``health`` raises the console's alert when the database cannot be written, and clears it."""

    async def hello(request: Request) -> Response:
        return _answer({"service": "pupitre-console", "version": PROTOCOL_VERSION, "center": service.center.id})

    async def enrol(request: Request) -> Response:
        body = await request.body()
        return _answer(await run_in_threadpool(service.enrol, body))

    async def sync(request: Request) -> Response:
        received = service.clock()  # before the body is read: the kiosk's clock offset is measured from here
        body = await request.body()
        prepared = None
        if len(body) <= INLINE_BODY:  # the checks are pure CPU once the kiosk's keys are pinned in memory
            with contextlib.suppress(NotPinnedYet):
                prepared = service.prepare_sync(body, PATH_SYNC, received, lookup=False)
        if prepared is None:  # its first sync (a database read) or a large body: off the event loop
            prepared = await run_in_threadpool(service.prepare_sync, body, PATH_SYNC, received)
        if service.writer is not None:
            written = service.write(prepared)
            with contextlib.suppress(Exception):  # the outcome, or the error, is read by finish_sync
                await asyncio.wrap_future(written)
        else:
            written = await run_in_threadpool(service.write, prepared)
        # commands to sign, maybe a bank to look up, or a check-in to match against the roster: off the event loop
        if written.exception() is None and (written.result().pending or prepared.body.check_in is not None):
            return _answer(await run_in_threadpool(service.finish_sync, prepared, written))
        return _answer(service.finish_sync(prepared, written))

    async def results(request: Request) -> Response:
        body = await request.body()
        return _answer(await run_in_threadpool(service.receive_results, body))

    async def bank(request: Request) -> Response:
        bank_id = request.path_params["bank_id"]
        if not re.match(BANK_ID, bank_id):
            raise RequestRefusedError(400, "bank download: not a bank id")
        path, descriptor = await run_in_threadpool(service.bank_download, request.headers.get(REQUEST_HEADER),
                                                   bank_id)
        return FileResponse(path, media_type="application/octet-stream",
                            headers={"x-pupitre-sha256": descriptor.sha256})

    routes = [
        Route(PATH_HELLO, _guarded(hello, health), methods=["GET"]),
        Route(PATH_ENROL, _guarded(enrol, health), methods=["POST"]),
        Route(PATH_SYNC, _guarded(sync, health), methods=["POST"]),
        Route(PATH_RESULTS, _guarded(results, health), methods=["POST"]),
        Route("/v1/banks/{bank_id}", _guarded(bank, health), methods=["GET"]),
    ]
    app = Starlette(routes=routes)
    app.add_middleware(BodyLimit, chunk_timeout=chunk_timeout)
    return app
