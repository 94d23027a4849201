"""The messages between a center's console and the results hub (ADR 0031).

The console uploads session packages (:mod:`protocol.session_package`) to the hub over HTTPS; the
hub's self-signed certificate is pinned by the console (:mod:`protocol.pinning`). Every request
carries the header ``pupitre-request: BASE64(canonical envelope bytes)``: a
:class:`~protocol.envelope.SignedEnvelope` signed by the center's Ed25519 key whose ``signed`` part
is a :class:`HubRequest`::

    {"_type": "pupitre/hub-request", "center": CENTER_ID, "hub": HUB_PIN,
     "method": "POST" | "PATCH" | "GET", "path": "/v1/packages…", "counter": N,
     "time": "…Z", "body_sha256": HEX, "offset": k}          # offset: PATCH only

``counter`` grows strictly per center (the hub keeps the last one in its database); the client
uses ``max(last sent + 1, wall time in microseconds)`` and, on a 409 ``replayed-counter``,
continues above the ``last_counter`` the hub names. ``body_sha256`` is the SHA-256 of the body
bytes (of ``b""`` when there is none), so the header signs the body without carrying it.

The upload, resumable and idempotent by the package's SHA-256:

- ``POST /v1/packages``, body canonical ``{"package": SHA256, "size": N}`` → 200 :class:`PackageStatus`
- ``PATCH /v1/packages/{sha256}``, raw body of at most :data:`MAX_CHUNK` bytes written at the
  signed offset → 200 status; 409 + status when the offset is not the hub's (continue from the
  status's ``offset``)
- ``GET /v1/packages/{sha256}`` → status

A status's ``state`` is ``receiving``, ``verifying``, ``stored`` (with ``receipt``, the hub's
signed receipt, :func:`protocol.session_package.verify_receipt`) or ``refused`` (with ``reason``).
Every other 4xx carries an :class:`HubError` ``{"error": CODE, "message": TEXT}`` (``last_counter``
too for ``replayed-counter``); 429 comes with ``Retry-After``. :func:`read_answer` tells the two
apart.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from protocol.canonical import b64decode, b64encode, canonical_bytes, parse_canonical
from protocol.envelope import Signature, SignedEnvelope, verify
from protocol.errors import CanonicalEncodingError, EnvelopeFormatError, ProtocolError
from protocol.keys import KeyPair, PublicKeys

REQUEST_TYPE = "pupitre/hub-request"
REQUEST_HEADER = "pupitre-request"
PACKAGES_PATH = "/v1/packages"
MAX_CHUNK = 1024 * 1024
"""The largest PATCH body the hub takes (a larger one is answered 413 unread)."""
MAX_HEADER = 8 * 1024
"""The largest ``pupitre-request`` header value the hub reads."""
MAX_COUNTER = 2**63 - 1
METHODS = ("POST", "PATCH", "GET")
STATES = ("receiving", "verifying", "stored", "refused")

# error codes of the 4xx answers
MALFORMED = "malformed"                  # 400: header, body or path not as this module says
WRONG_HUB = "wrong-hub"                  # 400: signed for another hub's pin
WRONG_REQUEST = "wrong-request"          # 400: signed for another method or path
BODY_MISMATCH = "body-mismatch"          # 400: the body is not the one signed
BEYOND_SIZE = "beyond-size"              # 400: bytes past the package's declared size
SIZE_MISMATCH = "size-mismatch"          # 400: the package is known with another size
BAD_SIGNATURE = "bad-signature"          # 401: not signed by the named center's enrolled key
UNKNOWN_CENTER = "unknown-center"        # 403: no center enrolled with this id
REVOKED_CENTER = "revoked-center"        # 403: the center was revoked
OTHER_CENTER = "other-center"            # 403: another center uploads this package
NOT_FOUND = "not-found"                  # 404: no upload of this package was started
REPLAYED_COUNTER = "replayed-counter"    # 409: counter not above the last one (``last_counter``)
TOO_LARGE = "too-large"                  # 413: body (or declared package size) over the limit
RATE_LIMITED = "rate-limited"            # 429: too many requests from this center (``Retry-After``)
UNAVAILABLE = "unavailable"              # 503: the database cannot be reached; send again later
ERROR_CODES = (MALFORMED, WRONG_HUB, WRONG_REQUEST, BODY_MISMATCH, BEYOND_SIZE, SIZE_MISMATCH, BAD_SIGNATURE,
               UNKNOWN_CENTER, REVOKED_CENTER, OTHER_CENTER, NOT_FOUND, REPLAYED_COUNTER, TOO_LARGE,
               RATE_LIMITED, UNAVAILABLE)

SHA256 = re.compile(r"^[0-9a-f]{64}$")
HUB_PIN = SHA256
CENTER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_PATH = re.compile(r"^/v1/packages(/[0-9a-f]{64})?$")
_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$")
MAX_PACKAGE_SIZE = 512 * 1024 * 1024  # the same bound as protocol.session_package.MAX_PACKAGE_BYTES
MAX_TEXT = 2000


class HubMessageError(ProtocolError):
    """A message between a console and the hub is malformed or not trusted; the message names the field."""


def package_path(package: str) -> str:
    """The path of one package's upload: ``/v1/packages/{sha256}``."""
    if not SHA256.match(package):
        raise HubMessageError(f"package id {package[:70]!r} is not a SHA-256 in lowercase hex")
    return f"{PACKAGES_PATH}/{package}"


def body_sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def utc_text(value: dt.datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("hub messages carry timezone-aware times")
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _fail(what: str, name: str, wanted: str, value: Any) -> HubMessageError:
    shown = repr(value)
    shown = shown if len(shown) <= 40 else shown[:40] + "…"
    return HubMessageError(f"{what}: '{name}' must be {wanted}, not {shown}")


def _text(data: dict[str, Any], name: str, pattern: re.Pattern[str], wanted: str, what: str) -> str:
    value = data.get(name, "<missing>")
    if not isinstance(value, str) or not pattern.match(value):
        raise _fail(what, name, wanted, value)
    return value


def _integer(data: dict[str, Any], name: str, low: int, high: int, what: str) -> int:
    value = data.get(name, "<missing>")
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise _fail(what, name, f"a whole number from {low} to {high}", value)
    return value


def _mapping(data: Any, what: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise HubMessageError(f"{what}: expected a mapping, found {type(data).__name__}")
    return data


# -- the signed request -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class HubRequest:
    """The ``signed`` part of a center's request to the hub."""

    center: str
    hub: str
    method: str
    path: str
    counter: int
    time: dt.datetime
    body_sha256: str
    offset: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"_type": REQUEST_TYPE, "center": self.center, "hub": self.hub,
                                "method": self.method, "path": self.path, "counter": self.counter,
                                "time": utc_text(self.time), "body_sha256": self.body_sha256}
        if self.offset is not None:
            data["offset"] = self.offset
        return data

    @classmethod
    def from_dict(cls, raw: Any, what: str = "hub request") -> HubRequest:
        data = _mapping(raw, what)
        if data.get("_type") != REQUEST_TYPE:
            raise _fail(what, "_type", repr(REQUEST_TYPE), data.get("_type", "<missing>"))
        method = data.get("method")
        if method not in METHODS:
            raise _fail(what, "method", " or ".join(METHODS), method)
        time_text = _text(data, "time", _TIME, "a UTC time such as 2026-12-06T08:00:00.000000Z", what)
        try:
            time = dt.datetime.fromisoformat(time_text.replace("Z", "+00:00"))
        except ValueError:
            raise _fail(what, "time", "a real date and time", time_text) from None
        offset = None
        if method == "PATCH":
            offset = _integer(data, "offset", 0, MAX_PACKAGE_SIZE, what)
        elif "offset" in data:
            raise HubMessageError(f"{what}: 'offset' belongs to PATCH requests only")
        return cls(_text(data, "center", CENTER_ID, "a center id (letters, digits, . _ -)", what),
                   _text(data, "hub", HUB_PIN, "the hub's pin (64 hex digits)", what), method,
                   _text(data, "path", _PATH, "/v1/packages or /v1/packages/{sha256}", what),
                   _integer(data, "counter", 1, MAX_COUNTER, what), time,
                   _text(data, "body_sha256", SHA256, "a SHA-256 in lowercase hex", what), offset)


def make_request(*, center: str, hub_pin: str, method: str, path: str, counter: int, body: bytes = b"",
                 offset: int | None = None, now: dt.datetime) -> HubRequest:
    """The request a center signs for one call; ``offset`` for a PATCH, ``None`` otherwise."""
    request = HubRequest(center, hub_pin, method, path, counter, now, body_sha256(body), offset)
    return HubRequest.from_dict(request.to_dict())  # the same checks the hub applies


def sign_request(request: HubRequest, signer: KeyPair | Callable[[bytes], bytes], signer_id: str | None = None) -> str:
    """The ``pupitre-request`` header value: base64 of the canonical envelope signed by the center key.

    ``signer`` is the center's key pair, or a ``sign(bytes)`` function with ``signer_id`` (the key's
    signing id) when the key is kept by another process.
    """
    if isinstance(signer, KeyPair):
        envelope = SignedEnvelope.create(request.to_dict(), signer)
    else:
        if signer_id is None:
            raise ValueError("a signing function needs the signer's key id")
        envelope = SignedEnvelope(request.to_dict())
        envelope.signatures = [Signature(signer_id, signer(envelope.signed_bytes()))]
    return b64encode(envelope.to_bytes())


def signed_headers(*, center: str, hub_pin: str, method: str, path: str, counter: int, body: bytes = b"",
                   offset: int | None = None, now: dt.datetime, signer: KeyPair | Callable[[bytes], bytes],
                   signer_id: str | None = None) -> dict[str, str]:
    """The headers of one call (the signed request, and the content type of the body)."""
    request = make_request(center=center, hub_pin=hub_pin, method=method, path=path, counter=counter, body=body,
                           offset=offset, now=now)
    headers = {REQUEST_HEADER: sign_request(request, signer, signer_id)}
    if method == "POST":
        headers["content-type"] = "application/json"
    elif method == "PATCH":
        headers["content-type"] = "application/octet-stream"
    return headers


def read_request_header(value: str | None, what: str = "pupitre-request header") -> tuple[SignedEnvelope, HubRequest]:
    """Decode a ``pupitre-request`` header (nothing verified yet: the signature needs the center's key)."""
    if not value:
        raise HubMessageError(f"{what}: missing (every call to the hub is signed by the center)")
    if len(value) > MAX_HEADER:
        raise HubMessageError(f"{what}: longer than {MAX_HEADER} characters")
    try:
        data = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise HubMessageError(f"{what}: not base64") from None
    try:
        envelope = SignedEnvelope.from_bytes(data, what)
    except (EnvelopeFormatError, RecursionError) as exc:
        raise HubMessageError(str(exc) if isinstance(exc, EnvelopeFormatError) else f"{what}: nested too deeply") \
            from None
    if len(envelope.signatures) != 1:
        raise HubMessageError(f"{what}: a hub request carries exactly one signature")
    return envelope, HubRequest.from_dict(envelope.signed, what)


def request_signed_by(envelope: SignedEnvelope, center_key: PublicKeys | Ed25519PublicKey) -> bool:
    """Whether the center's key signed this request."""
    return verify(envelope, [center_key], REQUEST_TYPE).ok


# -- bodies and answers -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class UploadStart:
    """The body of ``POST /v1/packages``: which package, and how many bytes it has."""

    package: str
    size: int

    def to_dict(self) -> dict[str, Any]:
        return {"package": self.package, "size": self.size}

    def to_bytes(self) -> bytes:
        return canonical_bytes(self.to_dict())

    @classmethod
    def from_bytes(cls, data: bytes, what: str = "upload start") -> UploadStart:
        raw = decode(data, what)
        mapping = _mapping(raw, what)
        unknown = set(mapping) - {"package", "size"}
        if unknown:
            raise HubMessageError(f"{what}: unknown field(s) {', '.join(sorted(unknown))[:80]}")
        return cls(_text(mapping, "package", SHA256, "a SHA-256 in lowercase hex", what),
                   _integer(mapping, "size", 1, MAX_PACKAGE_SIZE, what))


@dataclass(frozen=True)
class PackageStatus:
    """Where one package's upload stands on the hub."""

    package: str
    state: str
    offset: int
    size: int
    reason: str | None = None
    receipt: bytes | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"package": self.package, "state": self.state, "offset": self.offset, "size": self.size,
                "reason": self.reason, "receipt": None if self.receipt is None else b64encode(self.receipt)}

    def to_bytes(self) -> bytes:
        return canonical_bytes(self.to_dict())

    @classmethod
    def from_dict(cls, raw: Any, what: str = "package status") -> PackageStatus:
        data = _mapping(raw, what)
        state = data.get("state")
        if state not in STATES:
            raise _fail(what, "state", " or ".join(STATES), state)
        size = _integer(data, "size", 1, MAX_PACKAGE_SIZE, what)
        offset = _integer(data, "offset", 0, size, what)
        reason = data.get("reason")
        if reason is not None and not isinstance(reason, str):
            raise _fail(what, "reason", "a text or null", reason)
        receipt = None
        if data.get("receipt") is not None:
            try:
                receipt = b64decode(data["receipt"], f"{what}.receipt")
            except CanonicalEncodingError as exc:
                raise HubMessageError(str(exc)) from None
        if state == "stored" and receipt is None:
            raise HubMessageError(f"{what}: a stored package comes with its receipt")
        if state == "refused" and not reason:
            raise HubMessageError(f"{what}: a refused package comes with its reason")
        return cls(_text(data, "package", SHA256, "a SHA-256 in lowercase hex", what), state, offset, size,
                   reason, receipt)


@dataclass(frozen=True)
class HubError:
    """The body of a 4xx or 503 that is not a status: a code from :data:`ERROR_CODES` and one line."""

    error: str
    message: str
    last_counter: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"error": self.error, "message": self.message}
        if self.last_counter is not None:
            data["last_counter"] = self.last_counter
        return data

    def to_bytes(self) -> bytes:
        return canonical_bytes(self.to_dict())

    @classmethod
    def from_dict(cls, raw: Any, what: str = "hub error") -> HubError:
        data = _mapping(raw, what)
        error, message = data.get("error"), data.get("message")
        if not isinstance(error, str) or not isinstance(message, str):
            raise HubMessageError(f"{what}: expected 'error' and 'message' texts")
        last = data.get("last_counter")
        return cls(error[:80], message[:MAX_TEXT],
                   None if last is None else _integer(data, "last_counter", 0, MAX_COUNTER, what))


def decode(data: bytes, what: str) -> Any:
    """Canonical JSON bytes to a plain value; :class:`HubMessageError` when they are not."""
    try:
        return parse_canonical(data, what)
    except CanonicalEncodingError as exc:
        raise HubMessageError(str(exc)) from None
    except RecursionError:
        raise HubMessageError(f"{what}: nested too deeply") from None


def read_answer(status_code: int, body: bytes, what: str = "hub answer") -> PackageStatus | HubError:
    """An answer of the package endpoints: a :class:`PackageStatus` (200, or 409 for a wrong offset) or a
    :class:`HubError` (any other 4xx, 503, or a 409 for a replayed counter)."""
    try:
        raw = parse_canonical(body, what)
    except (CanonicalEncodingError, RecursionError):
        try:
            raw = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise HubMessageError(f"{what}: HTTP {status_code} with a body that is not JSON") from None
    if isinstance(raw, dict) and "state" in raw and status_code in (200, 409):
        return PackageStatus.from_dict(raw, what)
    if status_code == 200:
        raise HubMessageError(f"{what}: a 200 without a package status")
    return HubError.from_dict(raw, what)
