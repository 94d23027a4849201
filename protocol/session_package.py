"""The session package: everything a center sends about one finished session, signed by the center.

The console builds it at finalisation and sends it to the results hub (or carries it on a USB
stick); the hub verifies it before storing anything. It is one signed envelope
(``_type: pupitre/session-package``) whose ``signed`` part holds::

    {"_type": "pupitre/session-package", "format": 1, "created_at": "…Z",
     "center": {"id": "0750001A", "name": "…"},
     "session": {"id": "…", "date": "YYYY-MM-DD", "room": "…", "invigilators": ["…"],
                 "bank": {"id": "…", "sha256": "…"}, "profile": "…", "finalised_by": "…"},
     "comment": "…",                                     # the session's global comment
     "results": [{"attempt": "…", "bundle": SHA256 | null, "outcome": "finished" | "aborted" | "absent",
                  "candidate": {"external_id": "…", "last_name": "…", "first_name": "…",
                                "birth_date": "YYYY-MM-DD"},
                  "score": int | null, "level": str | null, "abort_reason": str | null,
                  "comment": "…"}],
     "bundles": [RESULT-BUNDLE ENVELOPE, …],            # as the kiosks signed them
     "registry": DEVICE-REGISTRY ENVELOPE,              # signed by the same center key
     "incidents": [{"at": "…Z", "category": "…", "reason": "…", "kiosk": "…" | null,
                    "attempt": "…" | null, "note": "…", "by": "…"}],
     "report": {"sha256": "…", "pdf": BASE64} | null}   # the session report as printed

The package id is the SHA-256 of the envelope's canonical bytes: an upload is idempotent by it.
Reading checks the shape strictly and names the field at fault; it never trusts the content:
who signed the bundles, whether their journals hold and whether the scores replay is for the
verifier (the hub, with the bank), not for this module. :func:`read_package` checks the
center's signature when given the center's key.

The hub answers a stored package with a **receipt** (``_type: pupitre/hub-receipt``) signed by
the hub's key, which the console verifies before it lets the package go from its outbox.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from protocol.bundle import bundle_id
from protocol.canonical import (
    b64decode,
    b64encode,
    canonical_bytes,
    canonical_list,
    canonical_mapping,
    encode_parsed,
    fast_load,
)
from protocol.envelope import SignedEnvelope, verify
from protocol.errors import CanonicalEncodingError, EnvelopeFormatError, ProtocolError
from protocol.keys import KeyPair, PublicKeys

PACKAGE_TYPE = "pupitre/session-package"
RECEIPT_TYPE = "pupitre/hub-receipt"
PACKAGE_FORMAT = 1
PACKAGE_SUFFIX = ".ppkg"
MAX_PACKAGE_BYTES = 512 * 1024 * 1024
"""A package for 300 candidates with its report is a few tens of MB; anything this large is refused
unread."""
MAX_RESULTS = 2_000
MAX_INCIDENTS = 10_000
MAX_COMMENT = 5_000
OUTCOMES = ("finished", "aborted", "absent")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class PackageError(ProtocolError):
    """A session package (or a hub receipt) cannot be made, read or trusted; the message says why."""


def package_id(data: bytes) -> str:
    """SHA-256 (hex) of the package's bytes: the same package always has the same id."""
    return hashlib.sha256(data).hexdigest()


def _utc(value: dt.datetime) -> str:
    if value.tzinfo is None:
        raise PackageError("a time without a time zone cannot go into a package")
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _parse_time(value: Any, what: str) -> dt.datetime:
    if not isinstance(value, str):
        raise PackageError(f"{what}: expected a time, found {type(value).__name__}")
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise PackageError(f"{what}: {value[:40]!r} is not a time") from None
    if parsed.tzinfo is None:
        raise PackageError(f"{what}: the time has no time zone")
    return parsed


def _text(data: Mapping[str, Any], key: str, what: str, *, optional: bool = False, limit: int = 200) -> str | None:
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or (not value and not optional):
        raise PackageError(f"{what}.{key}: expected {'a' if optional else 'a non-empty'} text")
    if len(value) > limit:
        raise PackageError(f"{what}.{key}: longer than {limit} characters")
    return value


def _mapping(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise PackageError(f"{what}: expected a mapping, found {type(value).__name__}")
    return value


def _list(value: Any, what: str, limit: int) -> list[Any]:
    if not isinstance(value, list):
        raise PackageError(f"{what}: expected a list, found {type(value).__name__}")
    if len(value) > limit:
        raise PackageError(f"{what}: more than {limit} entries")
    return value


@dataclass(frozen=True)
class PackageResult:
    attempt: str
    bundle: str | None
    outcome: str
    candidate: Mapping[str, str]
    score: int | None
    level: str | None
    abort_reason: str | None
    comment: str

    @classmethod
    def from_dict(cls, raw: Any, what: str) -> PackageResult:
        data = _mapping(raw, what)
        attempt = _text(data, "attempt", what)
        bundle = _text(data, "bundle", what, optional=True)
        if bundle is not None and not _SHA256.match(bundle):
            raise PackageError(f"{what}.bundle: not a SHA-256 in hex")
        outcome = data.get("outcome")
        if outcome not in OUTCOMES:
            raise PackageError(f"{what}.outcome: {outcome!r} is not one of {', '.join(OUTCOMES)}")
        candidate = _mapping(data.get("candidate"), f"{what}.candidate")
        for key in ("external_id", "last_name", "first_name"):
            _text(candidate, key, f"{what}.candidate")
        birth = _text(candidate, "birth_date", f"{what}.candidate")
        if birth is None or not _DATE.match(birth):
            raise PackageError(f"{what}.candidate.birth_date: expected YYYY-MM-DD")
        score = data.get("score")
        if score is not None and (not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= 1024):
            raise PackageError(f"{what}.score: expected a whole number from 0 to 1024 (pix) or null")
        if outcome == "finished" and bundle is None:
            raise PackageError(f"{what}: a finished attempt needs its result bundle")
        abort_reason = _text(data, "abort_reason", what, optional=True, limit=500)
        if outcome == "aborted" and not abort_reason:
            raise PackageError(f"{what}: an aborted attempt needs its abort reason")
        return cls(attempt or "", bundle, outcome, {k: str(v) for k, v in candidate.items()},
                   score, _text(data, "level", what, optional=True), abort_reason,
                   _text(data, "comment", what, optional=True, limit=500) or "")


@dataclass(frozen=True)
class SessionPackage:
    """A package read and checked for shape (not yet for trust in its bundles)."""

    envelope: SignedEnvelope
    id: str
    created_at: dt.datetime
    center_id: str
    center_name: str
    session: Mapping[str, Any]
    comment: str
    results: tuple[PackageResult, ...]
    bundles: tuple[SignedEnvelope, ...]
    registry: SignedEnvelope
    incidents: tuple[Mapping[str, Any], ...]
    report_pdf: bytes | None

    @property
    def session_id(self) -> str:
        return str(self.session["id"])

    bundle_ids: tuple[str, ...] = field(default=(), repr=False, compare=False)
    """The SHA-256 of each bundle, in the order of :attr:`bundles` (computed once, when the package is read)."""
    signed_bytes: bytes | None = field(default=None, repr=False, compare=False)
    """The canonical bytes of the package's ``signed`` part (what the center signed), kept from reading."""
    bundle_signed_bytes: tuple[bytes, ...] = field(default=(), repr=False, compare=False)
    """The canonical bytes of each bundle's ``signed`` part (what its kiosk signed), in the order of
    :attr:`bundles`, kept from reading: a verifier checks the signatures on them without encoding again."""

    def bundle(self, bundle_hash: str) -> SignedEnvelope | None:
        ids = self.bundle_ids
        if len(ids) != len(self.bundles):
            ids = tuple(bundle_id(b) for b in self.bundles)
        try:
            return self.bundles[ids.index(bundle_hash)]
        except ValueError:
            return None


def build_package(*, center_keys: KeyPair, center_id: str, center_name: str, session: Mapping[str, Any],
                  results: Sequence[Mapping[str, Any]], bundles: Iterable[SignedEnvelope | bytes],
                  registry: SignedEnvelope, incidents: Sequence[Mapping[str, Any]] = (), comment: str = "",
                  report_pdf: bytes | None = None, created_at: dt.datetime) -> bytes:
    """The package's bytes, signed by the center; checked by :func:`read_package` before it is returned."""
    envelopes = [b if isinstance(b, SignedEnvelope) else SignedEnvelope.from_bytes(b, "result bundle")
                 for b in bundles]
    signed: dict[str, Any] = {
        "_type": PACKAGE_TYPE, "format": PACKAGE_FORMAT, "created_at": _utc(created_at),
        "center": {"id": center_id, "name": center_name}, "session": dict(session), "comment": comment,
        "results": [dict(r) for r in results], "bundles": [e.to_dict() for e in envelopes],
        "registry": registry.to_dict(), "incidents": [dict(i) for i in incidents],
        "report": None if report_pdf is None else {"sha256": hashlib.sha256(report_pdf).hexdigest(),
                                                   "pdf": b64encode(report_pdf)},
    }
    data = SignedEnvelope.create(signed, center_keys).to_bytes()
    read_package(data, center_key=center_keys.public)
    return data


_Encoded = tuple[bytes, bytes, list[tuple[bytes, bytes]]]


def _encode_parts(raw: Any) -> _Encoded | None:
    """The canonical bytes of a parsed package, of its ``signed`` part, and of each bundle and its ``signed``
    part, every bundle encoded once; None when it is not shaped as a package (the generic reader then
    names what is wrong)."""
    if type(raw) is not dict or set(raw) != {"signed", "signatures"}:
        return None
    signed = raw["signed"]
    if type(signed) is not dict or type(signed.get("bundles")) is not list:
        return None
    bundles = []
    for entry in signed["bundles"]:
        if type(entry) is not dict or set(entry) != {"signed", "signatures"}:
            return None
        bundles.append(SignedEnvelope.encode_raw(entry, depth=3))
    members = {k: canonical_list([b[0] for b in bundles], depth=2) if k == "bundles"
               else canonical_bytes(v, depth=2) for k, v in signed.items()}
    signed_bytes = canonical_mapping(members, depth=1)
    whole = canonical_mapping({"signed": signed_bytes, "signatures": canonical_bytes(raw["signatures"], depth=1)})
    return whole, signed_bytes, bundles


def _parts_of_loaded(raw: Any, data: bytes) -> _Encoded | None:
    """:func:`_encode_parts` of a package :func:`~protocol.canonical.fast_load` read, or None: its parts are
    written by orjson (as the reference writes them: ``data`` holds no form that could differ, and they
    are parts of it), each bundle once, and the package is assembled from them as the reference
    assembles it. ``data`` is canonical exactly when the assembly is ``data``: no second encoding of
    the whole is needed to know it."""
    if type(raw) is not dict or set(raw) != {"signed", "signatures"}:
        return None
    signed = raw["signed"]
    if type(signed) is not dict or type(signed.get("bundles")) is not list:
        return None
    bundles = []
    try:
        for entry in signed["bundles"]:
            if type(entry) is not dict or set(entry) != {"signed", "signatures"}:
                return None
            inner = encode_parsed(entry["signed"])
            bundles.append((b'{"signatures":' + encode_parsed(entry["signatures"]) + b',"signed":' + inner + b"}",
                            inner))
        members = {k: canonical_list([b[0] for b in bundles], depth=2) if k == "bundles" else encode_parsed(v)
                   for k, v in signed.items()}
        signed_bytes = canonical_mapping(members, depth=1)
        whole = b'{"signatures":' + encode_parsed(raw["signatures"]) + b',"signed":' + signed_bytes + b"}"
    except (TypeError, ValueError, CanonicalEncodingError):  # orjson's JSONEncodeError is a TypeError
        return None
    return (data, signed_bytes, bundles) if whole == data else None


def _parse(data: bytes, what: str) -> tuple[SignedEnvelope, _Encoded | None]:
    """The package's envelope, its bytes checked to be canonical (``SignedEnvelope.from_bytes``) while
    keeping the encoded bytes of its parts."""
    loaded = fast_load(data)
    if loaded is not None:
        encoded = _parts_of_loaded(loaded, data)
        if encoded is not None:
            return SignedEnvelope.from_dict(loaded, what), encoded
    try:
        raw = json.loads(data.decode("utf-8"))
        encoded = _encode_parts(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, CanonicalEncodingError):
        encoded = None
    if encoded is None or encoded[0] != data:
        return SignedEnvelope.from_bytes(data, what), None  # raises, naming what is wrong
    return SignedEnvelope.from_dict(raw, what), encoded


def _bundles(raw: Any, encoded: list[tuple[bytes, bytes]] | None
             ) -> tuple[tuple[SignedEnvelope, ...], tuple[str, ...]]:
    envelopes = []
    seen: dict[str, None] = {}
    for index, entry in enumerate(_list(raw, "bundles", MAX_RESULTS)):
        try:
            envelope = SignedEnvelope.from_dict(entry, f"bundles[{index}]")
        except EnvelopeFormatError as exc:
            raise PackageError(str(exc)) from None
        if envelope.type != "pupitre/result-bundle":
            raise PackageError(f"bundles[{index}]: not a result bundle ({envelope.type!r})")
        digest = bundle_id(envelope if encoded is None else encoded[index][0])
        if digest in seen:
            raise PackageError(f"bundles[{index}]: the same bundle is in the package twice")
        seen[digest] = None
        envelopes.append(envelope)
    return tuple(envelopes), tuple(seen)


def _session(raw: Any) -> Mapping[str, Any]:
    session = _mapping(raw, "session")
    for key in ("id", "room", "profile"):
        _text(session, key, "session")
    date = _text(session, "date", "session")
    if date is None or not _DATE.match(date):
        raise PackageError("session.date: expected YYYY-MM-DD")
    invigilators = _list(session.get("invigilators"), "session.invigilators", 50)
    if not invigilators or not all(isinstance(i, str) and i for i in invigilators):
        raise PackageError("session.invigilators: expected at least one name")
    bank = _mapping(session.get("bank"), "session.bank")
    _text(bank, "id", "session.bank")
    if not isinstance(bank.get("sha256"), str) or not _SHA256.match(bank["sha256"]):
        raise PackageError("session.bank.sha256: not a SHA-256 in hex")
    return session


def _report(raw: Any) -> bytes | None:
    if raw is None:
        return None
    report = _mapping(raw, "report")
    try:
        pdf = b64decode(report.get("pdf"), "report.pdf")
    except ProtocolError as exc:
        raise PackageError(str(exc)) from None
    if hashlib.sha256(pdf).hexdigest() != report.get("sha256"):
        raise PackageError("report: the PDF does not match its SHA-256")
    if not pdf.startswith(b"%PDF-"):
        raise PackageError("report: not a PDF")
    return pdf


def _incidents(raw: Any) -> tuple[Mapping[str, Any], ...]:
    incidents = []
    for index, entry in enumerate(_list(raw, "incidents", MAX_INCIDENTS)):
        what = f"incidents[{index}]"
        incident = _mapping(entry, what)
        _parse_time(incident.get("at"), f"{what}.at")
        _text(incident, "category", what)
        _text(incident, "reason", what, optional=True)
        _text(incident, "note", what, optional=True, limit=MAX_COMMENT)
        _text(incident, "by", what)
        incidents.append(incident)
    return tuple(incidents)


def read_package(data: bytes, *, center_key: PublicKeys | Ed25519PublicKey | None = None,
                 what: str = "session package") -> SessionPackage:
    """Parse and check a package's shape; with ``center_key``, check that the center signed it.

    Raises :class:`PackageError` naming the field at fault.
    """
    if len(data) > MAX_PACKAGE_BYTES:
        raise PackageError(f"{what}: {len(data)} bytes, more than the {MAX_PACKAGE_BYTES} a package may have")
    try:
        envelope, encoded = _parse(data, what)
    except EnvelopeFormatError as exc:
        raise PackageError(str(exc)) from None
    signed = envelope.signed
    signed_bytes = None if encoded is None else encoded[1]
    if envelope.type != PACKAGE_TYPE:
        raise PackageError(f"{what}: not a session package ({envelope.type!r})")
    if signed.get("format") != PACKAGE_FORMAT:
        raise PackageError(f"{what}: package format {signed.get('format')!r} is not supported (this reader knows "
                           f"{PACKAGE_FORMAT}); update Pupitre")
    if center_key is not None:
        result = verify(envelope, [center_key], PACKAGE_TYPE, signed_bytes=signed_bytes)
        if not result.ok:
            raise PackageError(f"{what}: not signed by the center's key: {result.reason}")
    try:
        center = _mapping(signed.get("center"), "center")
        center_id = _text(center, "id", "center") or ""
        center_name = _text(center, "name", "center") or ""
        session = _session(signed.get("session"))
        comment = signed.get("comment")
        if not isinstance(comment, str) or len(comment) > MAX_COMMENT:
            raise PackageError(f"comment: expected a text of at most {MAX_COMMENT} characters")
        results = tuple(PackageResult.from_dict(r, f"results[{i}]")
                        for i, r in enumerate(_list(signed.get("results"), "results", MAX_RESULTS)))
        attempts = [r.attempt for r in results]
        if len(set(attempts)) != len(attempts):
            raise PackageError("results: an attempt is listed twice")
        bundles, ids = _bundles(signed.get("bundles"), None if encoded is None else encoded[2])
        try:
            registry = SignedEnvelope.from_dict(signed.get("registry"), "registry")
        except EnvelopeFormatError as exc:
            raise PackageError(str(exc)) from None
        if registry.type != "pupitre/device-registry":
            raise PackageError(f"registry: not a device registry ({registry.type!r})")
        package = SessionPackage(envelope, package_id(data), _parse_time(signed.get("created_at"), "created_at"),
                                 center_id, center_name, session, comment, results, bundles, registry,
                                 _incidents(signed.get("incidents")), _report(signed.get("report")), ids,
                                 signed_bytes, () if encoded is None else tuple(b[1] for b in encoded[2]))
    except PackageError as exc:
        raise PackageError(f"{what}: {exc}") from None
    named = {r.bundle for r in results if r.bundle is not None}
    held = set(ids)
    if named - held:
        raise PackageError(f"{what}: results name bundle(s) the package does not hold: "
                           f"{', '.join(sorted(named - held))[:200]}")
    if held - named:
        raise PackageError(f"{what}: the package holds bundle(s) no result names: "
                           f"{', '.join(sorted(held - named))[:200]}")
    return package


# -- the hub's receipt -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HubReceipt:
    package: str
    center: str
    session: str
    candidates: int
    stored_at: dt.datetime
    hub: str


def make_receipt(*, package: str, center: str, session: str, candidates: int, stored_at: dt.datetime,
                 hub_name: str, hub_keys: KeyPair) -> bytes:
    """The hub's signed receipt for a stored package."""
    signed = {"_type": RECEIPT_TYPE, "format": PACKAGE_FORMAT, "package": package, "center": center,
              "session": session, "candidates": candidates, "stored_at": _utc(stored_at), "hub": hub_name}
    return SignedEnvelope.create(signed, hub_keys).to_bytes()


def verify_receipt(data: bytes, *, hub_key: PublicKeys | Ed25519PublicKey, package: str,
                   what: str = "hub receipt") -> HubReceipt:
    """Check that the hub signed a receipt for exactly ``package``; raise :class:`PackageError` otherwise."""
    try:
        envelope = SignedEnvelope.from_bytes(data, what)
    except EnvelopeFormatError as exc:
        raise PackageError(str(exc)) from None
    result = verify(envelope, [hub_key], RECEIPT_TYPE)
    if not result.ok:
        raise PackageError(f"{what}: not signed by the hub's key: {result.reason}")
    signed = envelope.signed
    if signed.get("package") != package:
        raise PackageError(f"{what}: it is the receipt of another package ({str(signed.get('package'))[:16]}…)")
    candidates = signed.get("candidates")
    if not isinstance(candidates, int) or isinstance(candidates, bool) or candidates < 0:
        raise PackageError(f"{what}: 'candidates' is not a count")
    try:
        return HubReceipt(package, _text(signed, "center", what) or "", _text(signed, "session", what) or "",
                          candidates, _parse_time(signed.get("stored_at"), f"{what}.stored_at"),
                          _text(signed, "hub", what) or "")
    except PackageError as exc:
        raise PackageError(str(exc)) from None
