"""One pinned HTTPS connection to the console (ADR 0017): httpx, keep-alive, explicit timeouts, no proxies.

The TLS context trusts the certificate pinned at enrolment and nothing else; after each answer
the peer's key is compared with the pin again. Every request is signed by the device key with a
fresh counter; a 409 (a counter not above the last one the console accepted, e.g. after the
counter file was restored from a backup) moves the counter past the console's and tries once
more. Network failures, timeouts and 5xx are :class:`ConsoleUnreachableError` (retry later);
4xx and answers that are not canonical JSON are :class:`ConsoleRefusedError`.
"""

from __future__ import annotations

import ssl
from base64 import b64encode
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import httpx

from kiosk.link.errors import ConsoleIdentityError, ConsoleRefusedError, ConsoleUnreachableError
from kiosk.link.pairing import Pairing
from kiosk.link.signer import RequestSigner
from protocol.errors import PinError, RoomMessageError
from protocol.pinning import pinned_client_context, spki_sha256
from protocol.room import REQUEST_HEADER, ErrorAnswer, decode

TIMEOUT = httpx.Timeout(connect=3.0, read=5.0, write=5.0, pool=2.0)
MAX_ANSWER = 4 * 1024 * 1024  # a sync answer is small; a bank is streamed, not read here


def error_line(response: httpx.Response) -> ErrorAnswer:
    try:
        return ErrorAnswer.from_dict(decode(response.content[:65536], "error answer"))
    except RoomMessageError:
        return ErrorAnswer(response.reason_phrase or f"HTTP {response.status_code}")


class ConsoleConnection:
    def __init__(self, pairing: Pairing, signer: RequestSigner, *, timeout: httpx.Timeout = TIMEOUT,
                 context: ssl.SSLContext | None = None):
        self.pairing = pairing
        self.signer = signer
        self._client = httpx.Client(
            base_url=pairing.base_url, verify=context or pinned_client_context(pairing.certificate_pem),
            trust_env=False, timeout=timeout, follow_redirects=False,
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1, keepalive_expiry=30.0))

    def close(self) -> None:
        self._client.close()

    def _check_pin(self, response: httpx.Response) -> None:
        stream = response.extensions.get("network_stream")
        ssl_object = stream.get_extra_info("ssl_object") if stream is not None else None
        if ssl_object is None:
            raise ConsoleIdentityError("the console's connection shows no TLS session to check the pin against")
        try:
            # httpx's synchronous stream exposes the C-level _SSLSocket, whose getpeercert takes
            # its argument by position only (protocol.pinning.peer_pin passes it by name).
            der = ssl_object.getpeercert(True)
            seen = spki_sha256(der) if der else None
        except PinError as exc:
            raise ConsoleIdentityError(str(exc)) from None
        if seen != self.pairing.pin:
            raise ConsoleIdentityError(f"the machine at {self.pairing.console} shows a certificate that is not the "
                                       "pinned console's (another machine answers in its place, or the console was "
                                       "replaced: enrol again)")

    def _send(self, method: str, path: str, body: Mapping[str, Any], headers: dict[str, str] | None = None,
              stream: bool = False, signed_by: Callable[[], bytes] | None = None) -> httpx.Response:
        """Sign and send; a 409 moves the counter on and signs again, once. ``signed_by`` makes the
        signed request instead of the signer (a bundle upload the keeper builds from its own outbox)."""
        for _ in range(2):
            signed = signed_by() if signed_by is not None else self.signer.sign(self.pairing.pin, path, body)
            try:
                if method == "POST":
                    request = self._client.build_request("POST", path, content=signed,
                                                         headers={"content-type": "application/json"})
                else:
                    request = self._client.build_request(
                        "GET", path, headers={REQUEST_HEADER: b64encode(signed).decode(), **(headers or {})})
                response = self._client.send(request, stream=stream)
            except httpx.TransportError as exc:
                raise ConsoleUnreachableError(f"the console at {self.pairing.console} does not answer "
                                              f"({exc.__class__.__name__}: {exc})") from None
            try:
                self._check_pin(response)
                if response.status_code == 409:
                    if stream:
                        response.read()
                    answer = error_line(response)
                    if answer.last_counter is None:
                        raise ConsoleRefusedError(f"the console refused the request: {answer.error}", 409)
                    self.signer.continue_from(answer.last_counter)
                    continue
                if response.status_code >= 500:  # its one line says why (a disk full: the kiosk's log tells it)
                    if stream:
                        response.read()
                    raise ConsoleUnreachableError(f"the console failed to answer (HTTP {response.status_code}: "
                                                  f"{error_line(response).error})")
                if response.status_code >= 400:
                    if stream:
                        response.read()
                    raise ConsoleRefusedError(f"the console refused {path}: {error_line(response).error}",
                                              response.status_code)
            except BaseException:
                response.close()
                raise
            return response
        raise ConsoleRefusedError(f"the console refused the request counter twice on {path}", 409)

    def post(self, path: str, body: Mapping[str, Any], what: str, signed_by: Callable[[], bytes] | None = None) -> Any:
        """POST a signed request and return the answer as plain data."""
        response = self._send("POST", path, body, signed_by=signed_by)
        content = response.content
        if len(content) > MAX_ANSWER:
            raise ConsoleRefusedError(f"{what}: the console's answer is {len(content)} bytes, more than expected")
        try:
            return decode(content, what)
        except RoomMessageError as exc:
            raise ConsoleRefusedError(f"the console's answer is not valid: {exc}", response.status_code) from None

    @contextmanager
    def download(self, path: str, start: int = 0) -> Iterator[httpx.Response]:
        """GET ``path`` from byte ``start`` (Range), as a stream; the request is signed in a header."""
        headers = {"range": f"bytes={start}-"} if start else {}
        response = self._send("GET", path, {}, headers=headers, stream=True)
        try:
            yield response
        finally:
            response.close()
