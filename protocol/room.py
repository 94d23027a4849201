"""The messages between a kiosk and the invigilator console (ADR 0017).

Every kiosk request is a :class:`~protocol.envelope.SignedEnvelope` signed by the kiosk's device
key whose ``signed`` part is a :class:`RoomRequest` (``_type: pupitre/room-request``): the kiosk
id, the console pin it is meant for, the path called, a counter that only grows, the kiosk's
wall time and the body. Enrolment is the exception — the kiosk has no counter yet — and sends an
:class:`EnrolmentRequest` signed by the key it enrols. Answers are canonical JSON over the pinned
TLS connection; what the kiosk keeps as evidence (commands, receipts, the certificate statement)
is signed by the center key.

Every reader is strict and names the bad field (:class:`~protocol.errors.RoomMessageError`);
unknown fields are kept in ``extra`` and written back, so a newer peer's additions survive.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from protocol.canonical import b64decode, canonical_bytes, parse_canonical
from protocol.envelope import Signature, SignedEnvelope, verify
from protocol.errors import CanonicalEncodingError, EnvelopeFormatError, RoomMessageError
from protocol.journal_chain import ChainEntry
from protocol.keys import PUBLIC_FORMAT, KeyPair, PublicKeys
from protocol.room_fields import MAX_TEXT, FieldReader

PROTOCOL_VERSION = 1
REQUEST_TYPE = "pupitre/room-request"
ENROLMENT_TYPE = "pupitre/room-enrolment"
RECEIPT_TYPE = "pupitre/result-receipt"
CONSOLE_CERTIFICATE_TYPE = "pupitre/console-certificate"

PATH_HELLO = "/v1/hello"
PATH_ENROL = "/v1/enrol"
PATH_SYNC = "/v1/sync"
PATH_RESULTS = "/v1/results"
BANK_PATH_PREFIX = "/v1/banks/"
REQUEST_HEADER = "pupitre-request"  # a GET (bank download) carries its signed request here, base64

KEY_ID = re.compile(r"^[0-9a-f]{32}$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
ATTEMPT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
COMMAND_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{7,63}$")
BANK_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
PATH = re.compile(r"^/v1/[a-z]+(/[A-Za-z0-9._-]{1,80})?$")
MAX_COUNTER = 2**63 - 1
MAX_ATTEMPTS = 64
MAX_ENTRIES = 5000
MAX_ACKNOWLEDGED = 1000
MAX_COMMANDS = 1000
MAX_NAME = 40
MAX_CHECK_IN_NAME = 80
MAX_CHECK_IN_CODE = 20


def bank_path(bank_id: str) -> str:
    return f"{BANK_PATH_PREFIX}{bank_id}"


def bank_key_context(bank_id: str, command_id: str) -> bytes:
    """The context a bank content key is wrapped under for one kiosk (``protocol.keywrap.wrap_for_recipient``).

    An authorisation the console delivers (``authorise-start``, ``authorise-resume``) adds to the
    center-signed command document ``bank`` (a :class:`BankDescriptor`) and ``wrapped_key``, the
    bank's content key wrapped for the kiosk's X25519 key under this context; binding the command
    id means a wrapped key lifted from one authorisation opens nothing under another.
    """
    return f"pupitre/room-bank-key/v1|{bank_id}|{command_id}".encode()


def _time_text(value: dt.datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("room messages carry timezone-aware times")
    return value.isoformat()


def _entry(raw: Any, what: str) -> ChainEntry:
    if isinstance(raw, dict):
        t_mono = raw.get("t_mono")
        finite = False
        if isinstance(t_mono, (int, float)) and not isinstance(t_mono, bool):
            try:
                finite = math.isfinite(float(t_mono))
            except OverflowError:  # an integer too large for a float
                finite = False
        if not finite:
            raise RoomMessageError(f"{what}: 't_mono' must be a finite number")
    try:
        return ChainEntry.from_dict(raw, what)
    except (ValueError, TypeError) as exc:
        raise RoomMessageError(str(exc)) from None


# -- the signed request every kiosk call carries --------------------------------------------------------
@dataclass(frozen=True)
class RoomRequest:
    """The ``signed`` part of a kiosk's request (ADR 0017)."""

    kiosk: str
    console: str
    path: str
    counter: int
    sent_at: dt.datetime
    body: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)

    _FIELDS = ("kiosk", "console", "path", "counter", "sent_at", "body", "version")

    def to_dict(self) -> dict[str, Any]:
        return {**self.extra, "_type": REQUEST_TYPE, "version": PROTOCOL_VERSION, "kiosk": self.kiosk,
                "console": self.console, "path": self.path, "counter": self.counter,
                "sent_at": _time_text(self.sent_at), "body": self.body}

    @classmethod
    def from_dict(cls, data: Any, what: str = "request") -> RoomRequest:
        f = FieldReader(data, what, cls._FIELDS)
        if data.get("_type") != REQUEST_TYPE:
            raise f.fail("_type", repr(REQUEST_TYPE))
        f.integer("version", PROTOCOL_VERSION, PROTOCOL_VERSION)
        return cls(f.text("kiosk", KEY_ID, wanted="a key id (32 hex digits)"),
                   f.text("console", HEX64, wanted="the console's pin (64 hex digits)"),
                   f.text("path", PATH, max_len=120, wanted="a path such as /v1/sync"),
                   f.integer("counter", 1, MAX_COUNTER), f.time("sent_at"), f.mapping("body"), f.extra())

    def sign(self, signer: KeyPair | Callable[[bytes], bytes], signer_id: str | None = None) -> SignedEnvelope:
        """The request as an envelope signed by the device key (a key pair, or a ``sign(bytes)`` function)."""
        return sign_document(self.to_dict(), signer, signer_id)


def sign_document(signed: dict[str, Any], signer: KeyPair | Callable[[bytes], bytes],
                  signer_id: str | None = None) -> SignedEnvelope:
    """An envelope over ``signed``; ``signer`` may be a ``sign(bytes)`` function (a key kept by another process)."""
    if isinstance(signer, KeyPair):
        return SignedEnvelope.create(signed, signer)
    if signer_id is None:
        raise ValueError("a signing function needs the signer's key id")
    envelope = SignedEnvelope(dict(signed))
    envelope.signatures = [Signature(signer_id, signer(envelope.signed_bytes()))]
    return envelope


def read_envelope(data: bytes, what: str) -> SignedEnvelope:
    """Canonical bytes to an envelope; :class:`RoomMessageError` when they are not one."""
    try:
        return SignedEnvelope.from_bytes(data, what)
    except (EnvelopeFormatError, RecursionError) as exc:
        raise RoomMessageError(str(exc) if not isinstance(exc, RecursionError) else f"{what}: nested too deeply") \
            from None


def read_request(data: bytes, what: str = "request") -> tuple[SignedEnvelope, RoomRequest]:
    """Parse a kiosk request (nothing verified yet: the signature needs the kiosk's pinned key)."""
    envelope = read_envelope(data, what)
    if len(envelope.signatures) != 1:
        raise RoomMessageError(f"{what}: a kiosk request carries exactly one signature")
    # whose key signed it is the signature check's business (against the named kiosk's pinned key)
    return envelope, RoomRequest.from_dict(envelope.signed, what)


# -- sync -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AttemptEntries:
    """The journal entries of one attempt the console has not acknowledged, in number order."""

    attempt_id: str
    entries: tuple[ChainEntry, ...]
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {**self.extra, "attempt_id": self.attempt_id, "entries": [e.to_dict() for e in self.entries]}

    @classmethod
    def from_dict(cls, data: Any, what: str) -> AttemptEntries:
        f = FieldReader(data, what, ("attempt_id", "entries"))
        attempt = f.text("attempt_id", ATTEMPT_ID, max_len=80, wanted="an attempt id")
        raw = f.listing("entries", MAX_ENTRIES)
        return cls(attempt, tuple(_entry(e, f"{what}.entries[{i}]") for i, e in enumerate(raw)), f.extra())


@dataclass(frozen=True)
class CheckInClaim:
    """What the candidate typed at the kiosk's check-in, sent with each sync until the console authorises.

    Optional in a sync (a console that does not know it keeps it in ``extra``); the console
    answers with a :class:`CheckInAnswer`.
    """

    attempt_id: str
    session_number: str
    access_code: str
    last_name: str
    first_name: str
    birth_date: dt.date
    extra: dict[str, Any] = field(default_factory=dict)

    _FIELDS = ("attempt_id", "session_number", "access_code", "last_name", "first_name", "birth_date")

    def to_dict(self) -> dict[str, Any]:
        return {**self.extra, "attempt_id": self.attempt_id, "session_number": self.session_number,
                "access_code": self.access_code, "last_name": self.last_name, "first_name": self.first_name,
                "birth_date": self.birth_date.isoformat()}

    @classmethod
    def from_dict(cls, data: Any, what: str = "check_in") -> CheckInClaim:
        f = FieldReader(data, what, cls._FIELDS)
        raw = data.get("birth_date")
        try:
            birth = dt.date.fromisoformat(raw) if isinstance(raw, str) and len(raw) == 10 else None
        except ValueError:
            birth = None
        if birth is None:
            raise f.fail("birth_date", "a date (YYYY-MM-DD)")
        return cls(f.text("attempt_id", ATTEMPT_ID, max_len=80, wanted="an attempt id"),
                   f.text("session_number", max_len=MAX_CHECK_IN_CODE),
                   f.text("access_code", max_len=MAX_CHECK_IN_CODE),
                   f.text("last_name", max_len=MAX_CHECK_IN_NAME), f.text("first_name", max_len=MAX_CHECK_IN_NAME),
                   birth, f.extra())


CHECK_IN_STATES = re.compile(r"^(refused|waiting|confirmed|authorised)$")


@dataclass(frozen=True)
class CheckInAnswer:
    """The console's word on a kiosk's check-in: ``refused`` (``reason``: ``wrong-code``,
    ``session-not-open``, ``session-closed``; the kiosk shows its own text for it), ``waiting`` for
    the invigilator, ``confirmed`` or ``authorised``. ``message`` is the console's English text."""

    attempt_id: str
    state: str
    reason: str | None = None
    message: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {**self.extra, "attempt_id": self.attempt_id, "state": self.state, "reason": self.reason,
                "message": self.message}

    @classmethod
    def from_dict(cls, data: Any, what: str = "check_in answer") -> CheckInAnswer:
        f = FieldReader(data, what, ("attempt_id", "state", "reason", "message"))
        message = data.get("message", "")
        if not isinstance(message, str) or len(message) > MAX_TEXT:
            raise f.fail("message", f"text of at most {MAX_TEXT} characters")
        return cls(f.text("attempt_id", ATTEMPT_ID, max_len=80, wanted="an attempt id"),
                   f.text("state", CHECK_IN_STATES, wanted="refused, waiting, confirmed or authorised"),
                   f.text("reason", re.compile(r"^[a-z][a-z-]{0,39}$"), wanted="a reason code or null", optional=True),
                   message, f.extra())


@dataclass(frozen=True)
class SyncRequest:
    """The body of ``POST /v1/sync``: the kiosk's status, its unacknowledged entries, the commands it applied.

    ``status`` is read by the console (``invigilator.core.kiosks.KioskStatus``): state, candidate
    and attempt ids, question n / total, seconds left, focus.
    """

    status: dict[str, Any]
    attempts: tuple[AttemptEntries, ...] = ()
    acknowledged: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    check_in: CheckInClaim | None = None  # while the kiosk waits for its authorisation

    def to_dict(self) -> dict[str, Any]:
        data = {**self.extra, "status": self.status, "attempts": [a.to_dict() for a in self.attempts],
                "acknowledged": list(self.acknowledged)}
        if self.check_in is not None:  # absent otherwise: a sync without one is the same bytes as before
            data["check_in"] = self.check_in.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: Any, what: str = "sync") -> SyncRequest:
        f = FieldReader(data, what, ("status", "attempts", "acknowledged", "check_in"))
        raw_check_in = f.mapping("check_in", optional=True)
        check_in = None if raw_check_in is None else CheckInClaim.from_dict(raw_check_in, f"{what}.check_in")
        status = f.mapping("status")
        attempts = tuple(AttemptEntries.from_dict(a, f"{what}.attempts[{i}]")
                         for i, a in enumerate(f.listing("attempts", MAX_ATTEMPTS)))
        if len({a.attempt_id for a in attempts}) != len(attempts):
            raise RoomMessageError(f"{what}: 'attempts' names an attempt twice")
        acked = f.listing("acknowledged", MAX_ACKNOWLEDGED)
        for index, command_id in enumerate(acked):
            if not isinstance(command_id, str) or not COMMAND_ID.match(command_id):
                raise RoomMessageError(f"{what}: 'acknowledged[{index}]' is not a command id")
        return cls(status, attempts, tuple(dict.fromkeys(acked)), f.extra(), check_in)


@dataclass(frozen=True)
class AttemptHead:
    """Where the console's replica of an attempt now ends: the kiosk stops resending up to ``seq``.

    ``problem`` is ``chain-break`` (an entry does not continue the chain: an alert was raised,
    nothing from it on was merged) or ``gap`` (the batch started past the head: resend from
    ``seq + 1``), else None.
    """

    attempt_id: str
    seq: int
    hash: str
    problem: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {**self.extra, "attempt_id": self.attempt_id, "seq": self.seq, "hash": self.hash,
                "problem": self.problem}

    @classmethod
    def from_dict(cls, data: Any, what: str) -> AttemptHead:
        f = FieldReader(data, what, ("attempt_id", "seq", "hash", "problem"))
        problem = f.text("problem", re.compile(r"^(chain-break|gap)$"), wanted="'chain-break', 'gap' or null",
                         optional=True)
        return cls(f.text("attempt_id", ATTEMPT_ID, max_len=80, wanted="an attempt id"),
                   f.integer("seq", 0, MAX_COUNTER), f.text("hash", HEX64, wanted="64 hex digits"), problem,
                   f.extra())


@dataclass(frozen=True)
class SyncResponse:
    """The console's answer to a sync: its time (for the kiosk's clock offset), heads, pending commands.

    Each command is an envelope signed by the center key (``_type: pupitre/room-command``);
    the kiosk verifies it against the center key it pinned at enrolment.
    """

    console_time: dt.datetime
    heads: tuple[AttemptHead, ...]
    commands: tuple[SignedEnvelope, ...]
    acknowledged: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    check_in: CheckInAnswer | None = None  # the answer to the sync's check-in, when it carried one

    def to_dict(self) -> dict[str, Any]:
        data = {**self.extra, "console_time": _time_text(self.console_time), "heads": [h.to_dict() for h in self.heads],
                "commands": [c.to_dict() for c in self.commands], "acknowledged": list(self.acknowledged)}
        if self.check_in is not None:
            data["check_in"] = self.check_in.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: Any, what: str = "sync answer") -> SyncResponse:
        f = FieldReader(data, what, ("console_time", "heads", "commands", "acknowledged", "check_in"))
        raw_check_in = f.mapping("check_in", optional=True)
        check_in = None if raw_check_in is None else CheckInAnswer.from_dict(raw_check_in, f"{what}.check_in")
        heads = tuple(AttemptHead.from_dict(h, f"{what}.heads[{i}]")
                      for i, h in enumerate(f.listing("heads", MAX_ATTEMPTS)))
        commands = []
        for index, raw in enumerate(f.listing("commands", MAX_COMMANDS)):
            try:
                commands.append(SignedEnvelope.from_dict(raw, f"{what}.commands[{index}]"))
            except EnvelopeFormatError as exc:
                raise RoomMessageError(str(exc)) from None
        acked = f.listing("acknowledged", MAX_ACKNOWLEDGED)
        if not all(isinstance(c, str) and COMMAND_ID.match(c) for c in acked):
            raise f.fail("acknowledged", "a list of command ids")
        return cls(f.time("console_time"), heads, tuple(commands), tuple(acked), f.extra(), check_in)


# -- enrolment --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EnrolmentRequest:
    """What a kiosk sends to enrol, signed by the device key it enrols (proof it holds the private key).

    ``public`` is ``PublicKeys.public_dict()`` (base64 ``ed25519`` and ``x25519``); ``console_pin``
    the pin the kiosk saw on this connection; ``proof`` :func:`protocol.enrolment.enrolment_proof`
    with role ``kiosk``.
    """

    public: dict[str, str]
    name: str
    console_pin: str
    proof: str
    sent_at: dt.datetime
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {**self.extra, "_type": ENROLMENT_TYPE, "version": PROTOCOL_VERSION, "public": dict(self.public),
                "name": self.name, "console_pin": self.console_pin, "proof": self.proof,
                "sent_at": _time_text(self.sent_at)}

    @classmethod
    def from_dict(cls, data: Any, what: str = "enrolment") -> EnrolmentRequest:
        f = FieldReader(data, what, ("public", "name", "console_pin", "proof", "sent_at", "version"))
        if data.get("_type") != ENROLMENT_TYPE:
            raise f.fail("_type", repr(ENROLMENT_TYPE))
        f.integer("version", PROTOCOL_VERSION, PROTOCOL_VERSION)
        public = f.mapping("public")
        request = cls({"ed25519": public.get("ed25519"), "x25519": public.get("x25519")},
                      f.text("name", max_len=MAX_NAME), f.text("console_pin", HEX64, wanted="64 hex digits"),
                      f.text("proof", HEX64, wanted="64 hex digits"), f.time("sent_at"), f.extra())
        request.keys(what)  # the keys must be keys
        return request

    def keys(self, what: str = "enrolment") -> PublicKeys:
        """The kiosk's public keys; :class:`RoomMessageError` naming the field when one is not a key."""
        try:
            signing = Ed25519PublicKey.from_public_bytes(b64decode(self.public.get("ed25519"),
                                                                   f"{what}: public.ed25519"))
            wrapping = X25519PublicKey.from_public_bytes(b64decode(self.public.get("x25519"),
                                                                   f"{what}: public.x25519"))
        except CanonicalEncodingError as exc:
            raise RoomMessageError(str(exc)) from None
        except ValueError:
            raise RoomMessageError(f"{what}: 'public' does not hold two 32-byte public keys") from None
        return PublicKeys(self.name, signing, wrapping)

    def sign(self, signer: KeyPair | Callable[[bytes], bytes], signer_id: str | None = None) -> SignedEnvelope:
        return sign_document(self.to_dict(), signer, signer_id)


def read_enrolment(data: bytes, what: str = "enrolment") -> tuple[SignedEnvelope, EnrolmentRequest]:
    """Parse an enrolment request and check it is signed by the key it enrols."""
    envelope = read_envelope(data, what)
    request = EnrolmentRequest.from_dict(envelope.signed, what)
    if not verify(envelope, [request.keys(what)], ENROLMENT_TYPE):
        raise RoomMessageError(f"{what}: not signed by the device key it presents")
    return envelope, request


@dataclass(frozen=True)
class ConsoleCertificateStatement:
    """The center's word that a console certificate (by pin) is its console's, until ``not_after``."""

    center: str
    spki_sha256: str
    not_after: dt.datetime
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {**self.extra, "_type": CONSOLE_CERTIFICATE_TYPE, "center": self.center,
                "spki_sha256": self.spki_sha256, "not_after": _time_text(self.not_after)}

    @classmethod
    def from_dict(cls, data: Any, what: str = "console certificate statement") -> ConsoleCertificateStatement:
        f = FieldReader(data, what, ("center", "spki_sha256", "not_after"))
        if data.get("_type") != CONSOLE_CERTIFICATE_TYPE:
            raise f.fail("_type", repr(CONSOLE_CERTIFICATE_TYPE))
        return cls(f.text("center", max_len=80), f.text("spki_sha256", HEX64, wanted="64 hex digits"),
                   f.time("not_after"), f.extra())


@dataclass(frozen=True)
class EnrolmentResponse:
    """The console's answer to an enrolment; the kiosk checks ``console_proof`` before pinning anything."""

    kiosk_id: str
    kiosk_name: str
    center_id: str
    center_name: str
    center_public: dict[str, str]
    certificate_pem: str
    certificate_statement: SignedEnvelope
    console_proof: str
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {**self.extra, "kiosk_id": self.kiosk_id, "kiosk_name": self.kiosk_name, "center_id": self.center_id,
                "center_name": self.center_name, "center_public": dict(self.center_public),
                "certificate_pem": self.certificate_pem,
                "certificate_statement": self.certificate_statement.to_dict(), "console_proof": self.console_proof}

    @classmethod
    def from_dict(cls, data: Any, what: str = "enrolment answer") -> EnrolmentResponse:
        f = FieldReader(data, what, ("kiosk_id", "kiosk_name", "center_id", "center_name", "center_public",
                                 "certificate_pem", "certificate_statement", "console_proof"))
        public = f.mapping("center_public")
        if not all(isinstance(public.get(k), str) for k in ("ed25519", "x25519")):
            raise f.fail("center_public", "the center's public keys (ed25519 and x25519, base64)")
        try:
            statement = SignedEnvelope.from_dict(f.mapping("certificate_statement"), f"{what}.certificate_statement")
        except EnvelopeFormatError as exc:
            raise RoomMessageError(str(exc)) from None
        return cls(f.text("kiosk_id", KEY_ID, wanted="a key id"), f.text("kiosk_name", max_len=MAX_NAME),
                   f.text("center_id", max_len=80), f.text("center_name", max_len=200),
                   {"ed25519": public["ed25519"], "x25519": public["x25519"]},
                   _pem(f),
                   statement, f.text("console_proof", HEX64, wanted="64 hex digits"), f.extra())

    def center_keys(self) -> PublicKeys:
        return _public_keys(self.center_public, self.center_name, "enrolment answer: center_public")


def _pem(f: FieldReader) -> str:
    value = f.data.get("certificate_pem")
    if not isinstance(value, str) or len(value) > 8000 or not value.startswith("-----BEGIN CERTIFICATE-----"):
        raise f.fail("certificate_pem", "a PEM certificate")
    return value


def _public_keys(public: dict[str, str], name: str, what: str) -> PublicKeys:
    try:
        return PublicKeys.from_dict({"format": PUBLIC_FORMAT, "public": public, "name": name}, what)
    except Exception as exc:  # KeyFileError, named for files; here it is a message field
        raise RoomMessageError(f"{what}: not valid public keys ({exc})") from None


# -- banks and results ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BankDescriptor:
    """Where and what a session's ``.pbank`` is: the kiosk downloads it (resumable) and checks size and hash.

    The console adds it to the authorisation it delivers, signed with the command; the kiosk
    then still verifies the bank against its trusted publisher before use.
    """

    bank_id: str
    sha256: str
    size: int
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return bank_path(self.bank_id)

    def to_dict(self) -> dict[str, Any]:
        return {**self.extra, "bank_id": self.bank_id, "sha256": self.sha256, "size": self.size, "path": self.path}

    @classmethod
    def from_dict(cls, data: Any, what: str = "bank") -> BankDescriptor:
        f = FieldReader(data, what, ("bank_id", "sha256", "size", "path"))
        bank = cls(f.text("bank_id", BANK_ID, max_len=80, wanted="a bank id"),
                   f.text("sha256", HEX64, wanted="64 hex digits"), f.integer("size", 0, 2**40), f.extra())
        if data.get("path", bank.path) != bank.path:
            raise f.fail("path", repr(bank.path))
        return bank


@dataclass(frozen=True)
class ResultUpload:
    """The body of ``POST /v1/results``: the kiosk's signed result bundle (an envelope, as exported)."""

    bundle: SignedEnvelope
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {**self.extra, "bundle": self.bundle.to_dict()}

    @classmethod
    def from_dict(cls, data: Any, what: str = "results") -> ResultUpload:
        f = FieldReader(data, what, ("bundle",))
        try:
            bundle = SignedEnvelope.from_dict(f.mapping("bundle"), f"{what}.bundle")
        except EnvelopeFormatError as exc:
            raise RoomMessageError(str(exc)) from None
        return cls(bundle, f.extra())


@dataclass(frozen=True)
class ResultReceipt:
    """The console's signed word that it holds and verified a result bundle (``_type: pupitre/result-receipt``).

    A kiosk deletes nothing of an attempt before it holds a receipt that verifies against the
    center key it pinned and names the SHA-256 of the bundle it sent (``protocol.bundle.bundle_id``).
    """

    center: str
    kiosk: str
    attempt_id: str
    bundle_sha256: str
    receipt_code: str
    received_at: dt.datetime
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {**self.extra, "_type": RECEIPT_TYPE, "center": self.center, "kiosk": self.kiosk,
                "attempt_id": self.attempt_id, "bundle_sha256": self.bundle_sha256,
                "receipt_code": self.receipt_code, "received_at": _time_text(self.received_at)}

    @classmethod
    def from_dict(cls, data: Any, what: str = "receipt") -> ResultReceipt:
        f = FieldReader(data, what, ("center", "kiosk", "attempt_id", "bundle_sha256", "receipt_code", "received_at"))
        if data.get("_type") != RECEIPT_TYPE:
            raise f.fail("_type", repr(RECEIPT_TYPE))
        return cls(f.text("center", max_len=80), f.text("kiosk", KEY_ID, wanted="a key id"),
                   f.text("attempt_id", ATTEMPT_ID, max_len=80, wanted="an attempt id"),
                   f.text("bundle_sha256", HEX64, wanted="64 hex digits"), f.text("receipt_code", max_len=20),
                   f.time("received_at"), f.extra())


def verify_receipt(envelope: SignedEnvelope, center: PublicKeys, bundle_sha256: str) -> ResultReceipt:
    """The receipt, if the pinned center key signed it for this very bundle; else :class:`RoomMessageError`."""
    result = verify(envelope, [center], RECEIPT_TYPE)
    if not result:
        raise RoomMessageError(f"receipt: {result.reason}")
    receipt = ResultReceipt.from_dict(envelope.signed)
    if receipt.bundle_sha256 != bundle_sha256:
        raise RoomMessageError(f"receipt: it names bundle {receipt.bundle_sha256[:12]}…, not the bundle sent "
                               f"({bundle_sha256[:12]}…)")
    return receipt


# -- errors -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ErrorAnswer:
    """The body of every 4xx: one line saying what is wrong; ``last_counter`` with a 409."""

    error: str
    last_counter: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"error": self.error}
        if self.last_counter is not None:
            data["last_counter"] = self.last_counter
        return data

    @classmethod
    def from_dict(cls, data: Any, what: str = "error answer") -> ErrorAnswer:
        f = FieldReader(data, what, ("error", "last_counter"))
        last = data.get("last_counter")
        return cls(str(data.get("error", ""))[:MAX_TEXT],
                   f.integer("last_counter", 0, MAX_COUNTER) if last is not None else None)


def encode(message: Any) -> bytes:
    """Canonical bytes of a message (anything with ``to_dict``, an envelope, or a plain mapping)."""
    return canonical_bytes(message.to_dict() if hasattr(message, "to_dict") else message)


def decode(data: bytes, what: str) -> Any:
    """Canonical bytes to a plain value; :class:`RoomMessageError` when they are not canonical JSON."""
    try:
        return parse_canonical(data, what)
    except CanonicalEncodingError as exc:
        raise RoomMessageError(str(exc)) from None
    except RecursionError:
        raise RoomMessageError(f"{what}: nested too deeply") from None
