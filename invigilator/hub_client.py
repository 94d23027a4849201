"""One pinned HTTPS connection to the results hub, every call signed by the center key (ADR 0032).

httpx, keep-alive, explicit timeouts, no proxies from the environment, no redirects. The TLS
context trusts the hub's certificate alone (learned once under the pin, :mod:`invigilator.hub_config`)
and each answer's peer key is compared with the pin again. Every call carries the
``pupitre-request`` header of :mod:`protocol.hub_api` with a fresh counter from
:class:`HubCounter`; a 409 ``replayed-counter`` moves the counter past the hub's and signs once more.

Failures come out as: :class:`~invigilator.errors.HubUnreachableError` (network, cut, timeout, 5xx:
try later), :class:`~invigilator.errors.HubBusyError` (429, with Retry-After),
:class:`~invigilator.errors.HubIdentityError` (not the pinned hub), and
:class:`~invigilator.errors.HubRefusedError` (any other 4xx, with the hub's code and message).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import ssl
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from invigilator.errors import (
    HubBusyError,
    HubConfigError,
    HubError,
    HubIdentityError,
    HubRefusedError,
    HubUnreachableError,
)
from invigilator.hub_config import HubConfig, fetch_certificate, hub_dir, remember_certificate
from invigilator.hub_outbox import try_lock_file, unlock_file
from protocol.errors import PinError
from protocol.hub_api import (
    MAX_COUNTER,
    PACKAGES_PATH,
    REPLAYED_COUNTER,
    HubMessageError,
    PackageStatus,
    UploadStart,
    package_path,
    read_answer,
    signed_headers,
)
from protocol.keys import KeyPair
from protocol.pinning import pinned_client_context, spki_sha256

COUNTER_FILE = "counter.json"
TIMEOUT = httpx.Timeout(connect=10.0, read=60.0, write=30.0, pool=10.0)
MAX_ANSWER = 64 * 1024  # a status with its receipt is a few hundred bytes
MAX_RETRY_AFTER = 3600.0


class HubCounter:
    """The request counter, durable before a request leaves, shared safely by every process of the console.

    ``next()`` is ``max(last + 1, wall time in µs)`` read and written under an exclusive lock on
    the file, so the console's server and an ``outbox send`` running at once never sign the same
    counter, and a console killed after sending never signs a lower one.
    """

    def __init__(self, data_dir: Path, wall_us: Callable[[], int] = lambda: time.time_ns() // 1000):
        self.path = hub_dir(data_dir) / COUNTER_FILE
        self._wall_us = wall_us
        self._lock = threading.Lock()

    def _update(self, choose: Callable[[int], int]) -> int:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with self._lock:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                while not try_lock_file(fd):
                    time.sleep(0.005)
                try:
                    raw = os.pread(fd, 4096, 0) if hasattr(os, "pread") else os.read(fd, 4096)
                    last = 0
                    if raw.strip():
                        try:
                            last = json.loads(raw).get("last")
                        except (ValueError, AttributeError):
                            last = None
                        if not isinstance(last, int) or isinstance(last, bool) or not 0 <= last <= MAX_COUNTER:
                            raise HubConfigError(f"{self.path}: the hub request counter is damaged; remove it "
                                                 "(the hub tells the next value on the first request)")
                    value = choose(last)
                    if value != last:
                        data = json.dumps({"last": value}).encode() + b"\n"
                        os.ftruncate(fd, 0)
                        os.pwrite(fd, data, 0)
                        os.fsync(fd)
                    return value
                finally:
                    unlock_file(fd)
            finally:
                os.close(fd)

    def next(self) -> int:
        def choose(last: int) -> int:
            value = max(last + 1, int(self._wall_us()))
            if value > MAX_COUNTER:
                raise HubConfigError("the hub request counter is exhausted")
            return value
        return self._update(choose)

    def continue_from(self, last_accepted: int) -> None:
        self._update(lambda last: last_accepted if last < last_accepted < MAX_COUNTER else last)

    @property
    def last(self) -> int:
        return self._update(lambda last: last)


class HubClient:
    """The calls of the upload protocol (:mod:`protocol.hub_api`) for one center."""

    def __init__(self, data_dir: Path, config: HubConfig, center_id: str, center_keys: KeyPair, *,
                 clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
                 timeout: httpx.Timeout = TIMEOUT, counter: HubCounter | None = None):
        self.data_dir = Path(data_dir)
        self.config = config
        self.center_id = center_id
        self._keys = center_keys
        self._clock = clock
        self._timeout = timeout
        self.counter = counter or HubCounter(self.data_dir)
        self._client: httpx.Client | None = None

    # -- the connection --------------------------------------------------------------------------------
    def _connect(self) -> httpx.Client:
        if self._client is None:
            if self.config.certificate_pem is None:
                # learn the certificate under the pin before anything is sent (raises when it does not match)
                self.config = remember_certificate(self.data_dir, self.config,
                                                   fetch_certificate(self.config.url, self.config.pin))
            assert self.config.certificate_pem is not None
            context = pinned_client_context(self.config.certificate_pem)
            self._client = httpx.Client(
                base_url=self.config.base_url, verify=context, trust_env=False, timeout=self._timeout,
                follow_redirects=False,
                limits=httpx.Limits(max_connections=1, max_keepalive_connections=1, keepalive_expiry=30.0))
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _check_pin(self, response: httpx.Response) -> None:
        stream = response.extensions.get("network_stream")
        ssl_object = stream.get_extra_info("ssl_object") if stream is not None else None
        if ssl_object is None:
            raise HubIdentityError("the hub's connection shows no TLS session to check the pin against")
        try:
            der = ssl_object.getpeercert(True)  # by position: httpx exposes the C-level socket
            seen = spki_sha256(der) if der else None
        except PinError as exc:
            raise HubIdentityError(str(exc)) from None
        if seen != self.config.pin:
            raise HubIdentityError(f"the machine at {self.config.url} shows a certificate that is not the pinned "
                                   "hub's (another machine answers in its place)")

    def _relearn_certificate(self) -> None:
        """The pinned certificate was refused at the handshake: the hub may have a new certificate from the same
        key (the pin is of the key); learn it under the pin, or fail as an identity error."""
        self.close()
        certificate = fetch_certificate(self.config.url, self.config.pin)
        if certificate == self.config.certificate_pem:
            raise HubUnreachableError(f"the TLS handshake with the hub at {self.config.url} failed")
        self.config = remember_certificate(self.data_dir, self.config, certificate)

    # -- one call ----------------------------------------------------------------------------------------
    def _call(self, method: str, path: str, body: bytes = b"", offset: int | None = None) -> PackageStatus:
        relearned = False
        for _ in range(3):
            headers = signed_headers(center=self.center_id, hub_pin=self.config.pin, method=method, path=path,
                                     counter=self.counter.next(), body=body, offset=offset, now=self._clock(),
                                     signer=self._keys)
            try:
                response = self._connect().request(method, path, content=body or None, headers=headers)
            except httpx.ConnectError as exc:
                if not relearned and _certificate_refused(exc):
                    relearned = True
                    self._relearn_certificate()
                    continue
                self.close()
                raise HubUnreachableError(f"the hub at {self.config.url} does not answer ({exc})") from None
            except httpx.TransportError as exc:
                self.close()  # a cut leaves the connection unusable; the next call opens another
                raise HubUnreachableError(f"the connection to the hub at {self.config.url} failed "
                                          f"({exc.__class__.__name__}: {exc or 'cut'})") from None
            self._check_pin(response)
            status = response.status_code
            content = response.content[:MAX_ANSWER]
            if status >= 500:
                raise HubUnreachableError(f"the hub failed to answer {method} {path} (HTTP {status}"
                                          f"{self._message(status, content)})")
            if status == 429:
                raise HubBusyError(f"the hub asks to wait (HTTP 429{self._message(status, content)})",
                                   _retry_after(response.headers.get("retry-after")))
            try:
                answer = read_answer(status, content, f"the hub's answer to {method} {path}")
            except HubMessageError as exc:
                if status >= 400:
                    raise HubRefusedError(status, f"the hub refused {method} {path} (HTTP {status})") from None
                raise HubIdentityError(f"the hub's answer cannot be read: {exc}") from None
            if isinstance(answer, PackageStatus):
                return answer
            if status == 409 and answer.error == REPLAYED_COUNTER and answer.last_counter is not None:
                self.counter.continue_from(answer.last_counter)
                continue
            raise HubRefusedError(status, f"the hub refused {method} {path}: {answer.message} ({answer.error})",
                                  answer.error)
        raise HubRefusedError(409, f"the hub refused the request counter repeatedly on {path}", REPLAYED_COUNTER)

    @staticmethod
    def _message(status: int, content: bytes) -> str:
        try:
            answer = read_answer(status, content)
        except HubMessageError:
            return ""
        return "" if isinstance(answer, PackageStatus) else f": {answer.message}"

    def start(self, package: str, size: int) -> PackageStatus:
        """``POST /v1/packages``: start (or find) this package's upload; the hub answers where it stands."""
        status = self._call("POST", PACKAGES_PATH, UploadStart(package, size).to_bytes())
        return self._same(status, package)

    def status(self, package: str) -> PackageStatus:
        return self._same(self._call("GET", package_path(package)), package)

    def send_chunk(self, package: str, offset: int, chunk: bytes) -> PackageStatus:
        """``PATCH``: the bytes at ``offset``; the answer's offset is the hub's, right or wrong (409)."""
        return self._same(self._call("PATCH", package_path(package), chunk, offset), package)

    @staticmethod
    def _same(status: PackageStatus, package: str) -> PackageStatus:
        if status.package != package:
            raise HubIdentityError(f"the hub answered about package {status.package[:16]}…, not {package[:16]}…")
        return status


def _certificate_refused(exc: BaseException) -> bool:
    """Whether a connection failed because the server's certificate is not the one trusted."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            from email.utils import parsedate_to_datetime

            seconds = (parsedate_to_datetime(value) - dt.datetime.now(dt.UTC)).total_seconds()
        except (TypeError, ValueError):
            return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


__all__ = ["HubClient", "HubCounter", "HubError"]
