"""The hub's Starlette application: the upload API, the verification pages, the OpenAPI schema.

Endpoints are ``async`` only to read bodies; everything that touches the database or the CPU runs in
Starlette's thread pool. The order for a center's call: body capped (``BodyLimit``), request
authenticated (``HubService.authenticate``: header, center, signature, pin, method, path, body hash,
counter), center's rate, then the call itself. A database that cannot be reached is a 503 with
``Retry-After``: the console keeps its package and sends again.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from hub.jury import lookup
from hub.qr import verify_qr
from hub.server.limits import (
    ASGIApp,
    BodyLimit,
    BodyTooLarge,
    BodyTooSlow,
    RateLimiter,
    Receive,
    Scope,
    Send,
    limit_for,
    retry_after,
)
from hub.server.logs import LOGGER, log_event
from hub.server.openapi import schema
from hub.server.pages import not_found_page, result_page
from hub.service import ApiRefusal, HubService
from hub.store.centers import Center
from hub.store.uploads import UploadError, WriteOutcome
from protocol import hub_api
from protocol.canonical import canonical_bytes
from protocol.hub_api import PackageStatus

JSON = "application/json"
UPLOAD_ERROR_STATUS = {"not-found": 404, "other-center": 403, "beyond-size": 400, "size-mismatch": 400,
                       "unavailable": 503}


def _json(status: int, data: Any, headers: dict[str, str] | None = None) -> Response:
    body = data.to_bytes() if hasattr(data, "to_bytes") else canonical_bytes(data)
    return Response(body, status_code=status, media_type=JSON, headers=headers)


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None,
           last_counter: int | None = None) -> Response:
    return _json(status, hub_api.HubError(code, message, last_counter), headers)


class RequestLog:
    """One JSON log line per request; a 500 in JSON (never a traceback to the client) for what nobody foresaw."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started_at = time.perf_counter()
        request_id = uuid.uuid4().hex[:16]
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        status = 0

        async def send_logged(message: Any) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_logged)
        except Exception:
            logging.getLogger(LOGGER).exception("unexpected error", extra={"fields": {
                "request_id": request_id, "path": str(scope.get("path", ""))[:200]}})
            if status == 0:
                status = 500
                body = hub_api.HubError("internal", f"an error nobody foresaw (request {request_id}); it is "
                                                    "logged").to_bytes()
                await send({"type": "http.response.start", "status": 500,
                            "headers": [(b"content-type", b"application/json"),
                                        (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
        finally:
            log_event("request", request_id=request_id, center=state.get("center"), method=scope.get("method"),
                      path=str(scope.get("path", ""))[:200], status=status,
                      duration_ms=round((time.perf_counter() - started_at) * 1000, 2))


def build_app(service: HubService, *, center_rate: float = 20.0, center_burst: int = 200,
              public_rate: float = 5.0, public_burst: int = 30, chunk_timeout: float = 20.0) -> ASGIApp:
    centers = RateLimiter(center_rate, center_burst)
    public = RateLimiter(public_rate, public_burst)

    async def center_call(request: Request, body: bytes, action: Callable[[Center, hub_api.HubRequest], Any]) \
            -> Response:
        try:
            center, signed = await run_in_threadpool(service.authenticate, request.headers.get(hub_api.REQUEST_HEADER),
                                                     request.method, request.url.path, body)
            request.state.center = center.id
            wait = centers.take(center.id)
            if wait:
                return _error(429, hub_api.RATE_LIMITED, f"too many requests from center {center.id}; wait "
                                                          f"{wait:.1f} s", {"Retry-After": retry_after(wait)})
            result = await run_in_threadpool(action, center, signed)
        except ApiRefusal as refusal:
            return _json(refusal.status, refusal.answer())
        except UploadError as exc:
            status = UPLOAD_ERROR_STATUS.get(exc.code, 400)
            return _error(status, exc.code, str(exc), {"Retry-After": "5"} if status == 503 else None)
        except (OperationalError, DBAPIError) as exc:
            log_event("database unavailable", logging.WARNING, request_id=request.state.request_id,
                      reason=str(getattr(exc, "orig", exc)).splitlines()[0][:200] if str(exc) else "")
            return _error(503, hub_api.UNAVAILABLE, "the hub's database cannot be reached; send the request again "
                                                    "later", {"Retry-After": "5"})
        if isinstance(result, WriteOutcome):
            return _json(409 if result.conflict else 200, result.status)
        assert isinstance(result, PackageStatus)
        return _json(200, result)

    async def read_body(request: Request) -> bytes | Response:
        """The body, or the 413/408 answer: the cap's exception must not reach Starlette's 500 handler."""
        try:
            return await request.body()
        except BodyTooLarge:
            limit = limit_for(request.method, request.url.path)
            return _error(413, hub_api.TOO_LARGE, f"the body is over the {limit} bytes this call accepts")
        except BodyTooSlow:
            return _error(408, hub_api.MALFORMED, "the body did not arrive in time")

    def _package(request: Request) -> str | None:
        package = request.path_params["sha256"]
        return package if hub_api.SHA256.match(package) else None

    async def post_packages(request: Request) -> Response:
        body = await read_body(request)
        if isinstance(body, Response):
            return body
        return await center_call(request, body, lambda center, signed: service.start(center, body))

    async def get_package(request: Request) -> Response:
        package = _package(request)
        if package is None:
            return _error(400, hub_api.MALFORMED, "the path names no package (a SHA-256 in lowercase hex)")
        return await center_call(request, b"", lambda center, signed: service.status(center, package))

    async def patch_package(request: Request) -> Response:
        package = _package(request)
        if package is None:
            return _error(400, hub_api.MALFORMED, "the path names no package (a SHA-256 in lowercase hex)")
        body = await read_body(request)
        if isinstance(body, Response):
            return body
        return await center_call(request, body,
                                 lambda center, signed: service.write(center, package, signed.offset or 0, body))

    def _public_wait(request: Request) -> Response | None:
        wait = public.take(request.client.host if request.client else "?")
        if wait:
            return _error(429, hub_api.RATE_LIMITED, f"too many requests; wait {wait:.1f} s",
                          {"Retry-After": retry_after(wait)})
        return None

    async def verify_json(request: Request) -> Response:
        refused = _public_wait(request)
        if refused is not None:
            return refused
        code = request.path_params["code"]
        found = await run_in_threadpool(lookup, service.db, code)
        if found is None:
            return _error(404, hub_api.NOT_FOUND, "no published result has this code")
        return _json(200, found.to_dict())

    async def verify_html(request: Request) -> Response:
        refused = _public_wait(request)
        if refused is not None:
            return refused
        code = request.path_params["code"]
        found = await run_in_threadpool(lookup, service.db, code)
        if found is None:
            return HTMLResponse(not_found_page(code), status_code=404)
        return HTMLResponse(result_page(found))

    async def verify_qr_endpoint(request: Request) -> Response:
        refused = _public_wait(request)
        if refused is not None:
            return refused
        body = await read_body(request)
        if isinstance(body, Response):
            return body
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return _error(400, hub_api.MALFORMED, "the body is not JSON ({\"payload\": \"PUP1:…\"})")
        if not isinstance(data, dict) or not isinstance(data.get("payload"), str):
            return _error(400, hub_api.MALFORMED, "the body needs a 'payload' text ({\"payload\": \"PUP1:…\"})")
        return _json(200, await run_in_threadpool(verify_qr, service.db, data["payload"]))

    async def openapi(request: Request) -> Response:
        return JSONResponse(schema())

    routes = [
        Route("/v1/packages", post_packages, methods=["POST"]),
        Route("/v1/packages/{sha256}", get_package, methods=["GET"]),
        Route("/v1/packages/{sha256}", patch_package, methods=["PATCH"]),
        Route("/v1/verify/{code}", verify_json, methods=["GET"]),
        Route("/verify/{code}", verify_html, methods=["GET"]),
        Route("/v1/verify-qr", verify_qr_endpoint, methods=["POST"]),
        Route("/openapi.json", openapi, methods=["GET"]),
    ]
    app = Starlette(routes=routes)
    return RequestLog(BodyLimit(app, chunk_timeout=chunk_timeout))
