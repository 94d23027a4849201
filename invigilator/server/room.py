"""What the console's server does with each kiosk request, without HTTP: authenticate, enrol, sync, banks.

:class:`RoomService` takes the raw body (or header) bytes a request carried and returns a message
or raises :class:`~invigilator.errors.RequestRefusedError` with the HTTP status and one line. The
checks run in ADR 0017's order: the envelope and request parse (400); the kiosk is known (401)
and not revoked (403); the signature verifies against its **pinned** key (401); the request was
made for this console (421) and this path (400); the body reads (400); the counter is above the
last one accepted (409, with that counter). Only then does anything change.

A sync reads its kiosk's pinned keys from memory after the kiosk's first request (they cannot
change: a kiosk's id is its key's id), and its write transaction takes the counter only if the
kiosk is still enrolled and not revoked in the database: a kiosk revoked a moment ago, from this
process or from the command line, is refused (403) at its very next sync and writes nothing. A
revoked kiosk whose request does not verify gets a 401 like any forgery (ADR 0027).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import logging
import os
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from invigilator.core.clock import ClockOffsets
from invigilator.core.commands import Command, CommandKind
from invigilator.core.kiosks import EnrolledKiosk, KioskStatus
from invigilator.errors import (
    EnrolmentError,
    InvigilatorError,
    KioskRevokedError,
    ReplayedRequestError,
    RequestRefusedError,
    StatusFormatError,
    UnknownKioskError,
)
from invigilator.server.checkins import answer_check_in
from invigilator.server.heard import LastHeard
from invigilator.server.results import ResultFiles, receive_bundle
from invigilator.store import KioskKeys, RoomStore
from invigilator.store.sync_writer import SyncWriter
from invigilator.store.syncs import SyncJob, SyncOutcome
from itembank.cat import ExposureRecord
from itembank.pbank import OpenBank
from protocol.bundle import ResultBundle
from protocol.canonical import b64decode
from protocol.envelope import SignedEnvelope, verify
from protocol.errors import CanonicalEncodingError, RoomMessageError
from protocol.keys import KeyPair, PublicKeys
from protocol.keywrap import wrap_for_recipient
from protocol.room import (
    PATH_RESULTS,
    PATH_SYNC,
    REQUEST_TYPE,
    AttemptHead,
    BankDescriptor,
    EnrolmentResponse,
    ResultUpload,
    RoomRequest,
    SyncRequest,
    SyncResponse,
    bank_key_context,
    read_enrolment,
    read_request,
)

log = logging.getLogger("pupitre.console.server")

AUTHORISATIONS = frozenset({CommandKind.AUTHORISE_START, CommandKind.AUTHORISE_RESUME, CommandKind.AUTHORISE_MOVE})


@dataclass(frozen=True)
class CenterIdentity:
    """The center as the server shows it: id, name, public keys, and its key pair when the passphrase unsealed it.

    Without ``signer`` the console still enrols nobody (the certificate statement is signed by
    the center), still syncs and stores, but delivers no command and gives no receipt.
    """

    id: str
    name: str
    public: PublicKeys
    signer: KeyPair | None = None
    certificate_statement: SignedEnvelope | None = None


@dataclass(frozen=True)
class ConsoleIdentity:
    """The console's certificate as kiosks pin it."""

    pin: str
    certificate_pem: str


class NotPinnedYet(Exception):
    """The kiosk's keys are not in memory yet: the caller reads them off the event loop."""


@dataclass(frozen=True)
class PreparedSync:
    """A sync that passed every check but its counter: the kiosk, its request and body, and the job to write."""

    kiosk: EnrolledKiosk
    request: RoomRequest
    body: SyncRequest
    status: KioskStatus
    job: SyncJob


@dataclass
class RoomService:
    """The request handlers' logic, over the room's store; every method is called off the event loop."""

    store: RoomStore
    center: CenterIdentity
    console: ConsoleIdentity
    clock: Callable[[], dt.datetime]
    bank_file: Callable[[str], Path | None] = lambda _bank_id: None
    bank_key: Callable[[str], bytes | None] = lambda _bank_id: None
    open_bank: Callable[[str], OpenBank | None] = lambda _bank_id: None
    exposure: Callable[[ResultBundle], ExposureRecord | None] = lambda _bundle: None
    results: ResultFiles | None = None
    writer: SyncWriter | None = None  # the group-commit writer, while a server runs (else each sync commits alone)
    heard: LastHeard = field(init=False)
    clocks: ClockOffsets = field(init=False, default_factory=ClockOffsets)
    _bank_hashes: dict[tuple[str, int, int], str] = field(init=False, default_factory=dict)
    _pinned: dict[str, tuple[EnrolledKiosk, Ed25519PublicKey]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.heard = LastHeard(self.store)

    # -- the checks every signed request passes --------------------------------------------------------
    def authenticate(self, data: bytes, path: str) -> tuple[EnrolledKiosk, RoomRequest]:
        """The kiosk that signed ``data`` for ``path``, its counter taken; refusals in ADR 0017's order."""
        try:
            envelope, request = read_request(data)
        except RoomMessageError as exc:
            raise RequestRefusedError(400, str(exc)) from None
        try:
            kiosk = self.store.kiosks.authenticate(request.kiosk)
        except UnknownKioskError as exc:
            raise RequestRefusedError(401, str(exc)) from None
        except KioskRevokedError as exc:
            raise RequestRefusedError(403, str(exc)) from None
        if not verify(envelope, [_signing_key(kiosk)], REQUEST_TYPE):
            raise RequestRefusedError(401, f"request: the signature does not verify against the key kiosk "
                                           f"{kiosk.id} enrolled with")
        self._check_addressed(request, path)
        return kiosk, request

    def _check_addressed(self, request: RoomRequest, path: str) -> None:
        if request.console != self.console.pin:
            raise RequestRefusedError(421, "request: it was made for another console (its pin is not this "
                                           "console's)")
        if request.path != path:
            raise RequestRefusedError(400, f"request: it was signed for {request.path}, not for {path}")

    def take_counter(self, kiosk: EnrolledKiosk, request: RoomRequest) -> None:
        try:
            self.store.kiosks.accept_request(kiosk.id, request.counter)
        except ReplayedRequestError as exc:
            raise RequestRefusedError(409, str(exc), last_counter=exc.last) from None
        except KioskRevokedError as exc:  # revoked between the two reads
            raise RequestRefusedError(403, str(exc)) from None

    # -- enrolment ---------------------------------------------------------------------------------------------
    def enrol(self, data: bytes) -> EnrolmentResponse:
        try:
            _, request = read_enrolment(data)
        except RoomMessageError as exc:
            raise RequestRefusedError(400, str(exc)) from None
        if self.center.certificate_statement is None:
            raise RequestRefusedError(503, "enrolment needs the center key: start the console with its passphrase")
        keys = KioskKeys.of(request.keys())
        try:
            # this console's own pin, whatever the kiosk says it saw: a proof made for a certificate in the
            # middle does not verify, and counts as a wrong try
            enrolled = self.store.kiosks.enrol(request.proof, keys, self.console.pin, request.name, self.clock())
        except EnrolmentError as exc:
            log.warning("enrolment refused", extra={"fields": {"kiosk": keys.id, "reason": exc.reason}})
            raise RequestRefusedError(403, f"enrolment refused: {exc}") from None
        except KioskRevokedError as exc:
            raise RequestRefusedError(403, str(exc)) from None
        except InvigilatorError as exc:
            raise RequestRefusedError(400, str(exc)) from None
        log.info("kiosk enrolled", extra={"fields": {"kiosk": enrolled.kiosk.id, "name": enrolled.kiosk.name}})
        return EnrolmentResponse(enrolled.kiosk.id, enrolled.kiosk.name, self.center.id, self.center.name,
                                 self.center.public.public_dict(), self.console.certificate_pem,
                                 self.center.certificate_statement, enrolled.console_proof)

    # -- sync --------------------------------------------------------------------------------------------------
    def pinned(self, kiosk_id: str, *, lookup: bool = True) -> tuple[EnrolledKiosk, Ed25519PublicKey]:
        """The kiosk's pinned keys, from memory after its first request (a database read before: 401, 403).

        A kiosk's id is its signing key's id, so the key kept for an id can never be another: the
        cache holds nothing that can go stale. Whether the kiosk is still enrolled and not revoked
        is not cached: the write transaction checks it in the database at every sync.
        ``lookup=False`` raises :class:`NotPinnedYet` instead of reading the database.
        """
        held = self._pinned.get(kiosk_id)
        if held is not None:
            return held
        if not lookup:
            raise NotPinnedYet(kiosk_id)
        try:
            kiosk = self.store.kiosks.authenticate(kiosk_id)
        except UnknownKioskError as exc:
            raise RequestRefusedError(401, str(exc)) from None
        except KioskRevokedError as exc:
            raise RequestRefusedError(403, str(exc)) from None
        held = (kiosk, _signing_key(kiosk))
        self._pinned[kiosk_id] = held
        return held

    def prepare_sync(self, data: bytes, path: str = PATH_SYNC, received_at: dt.datetime | None = None, *,
                     lookup: bool = True) -> PreparedSync:
        """Every check of a sync that reads nothing but the pinned keys, in ADR 0017's order; no write yet."""
        received_at = received_at or self.clock()
        try:
            envelope, request = read_request(data)
        except RoomMessageError as exc:
            raise RequestRefusedError(400, str(exc)) from None
        kiosk, key = self.pinned(request.kiosk, lookup=lookup)
        if not verify(envelope, [key], REQUEST_TYPE):
            raise RequestRefusedError(401, f"request: the signature does not verify against the key kiosk "
                                           f"{kiosk.id} enrolled with")
        self._check_addressed(request, path)
        try:
            body = SyncRequest.from_dict(request.body, "sync")
            status = KioskStatus.from_dict(body.status, "sync.status")
        except (RoomMessageError, StatusFormatError) as exc:
            raise RequestRefusedError(400, str(exc)) from None
        offset = self.clocks.note(kiosk.id, request.sent_at, received_at)
        job = SyncJob(kiosk.id, request.counter, tuple((a.attempt_id, a.entries) for a in body.attempts),
                      body.acknowledged, self.clock(), offset)
        return PreparedSync(kiosk, request, body, status, job)

    def write(self, prepared: PreparedSync) -> Future[SyncOutcome]:
        """The sync's writes, through the group-commit writer when the server runs one (else at once)."""
        if self.writer is not None:
            return self.writer.submit(prepared.job)
        future: Future[SyncOutcome] = Future()
        try:
            [result] = self.store.syncs.apply_many([prepared.job])
        except Exception as exc:
            future.set_exception(exc)
        else:
            future.set_exception(result) if isinstance(result, BaseException) else future.set_result(result)
        return future

    def finish_sync(self, prepared: PreparedSync, written: Future[SyncOutcome]) -> SyncResponse:
        """The answer to a written sync (or the refusal its write met: 409, 403, 401; a database error raises)."""
        kiosk, request, body = prepared.kiosk, prepared.request, prepared.body
        try:
            outcome = written.result()
        except ReplayedRequestError as exc:
            raise RequestRefusedError(409, str(exc), last_counter=exc.last) from None
        except KioskRevokedError as exc:  # revoked since its keys were pinned: refused at once, asked again next time
            self._pinned.pop(kiosk.id, None)
            raise RequestRefusedError(403, str(exc)) from None
        except UnknownKioskError as exc:
            self._pinned.pop(kiosk.id, None)
            raise RequestRefusedError(401, str(exc)) from None
        self.heard.note(kiosk.id, prepared.job.now, prepared.status, prepared.job.clock_offset)
        check_in = answer_check_in(self.store, kiosk.id, body.check_in, prepared.job.now)
        heads = []
        for attempt_id, result in outcome.appended:
            plan = result.plan
            problem = "chain-break" if plan.chain_break else "gap" if plan.gap_from is not None else None
            heads.append(AttemptHead(attempt_id, result.head.seq, result.head.hash, problem))
            if plan.chain_break:
                log.warning("chain break", extra={"fields": {"kiosk": kiosk.id, "attempt": attempt_id,
                                                             "seq": plan.chain_break.seq,
                                                             "reason": plan.chain_break.reason}})
        for command_id, reason in outcome.refused_acks:  # never again asked for: the kiosk may stop sending it
            log.warning("acknowledgement refused", extra={"fields": {"kiosk": kiosk.id, "command": command_id,
                                                                      "reason": reason}})
        commands = self._deliverable(kiosk, list(outcome.pending))
        if log.isEnabledFor(logging.DEBUG):
            log.debug("sync", extra={"fields": {"kiosk": kiosk.id, "counter": request.counter,
                                                "entries": sum(len(a.entries) for a in body.attempts),
                                                "acks": len(body.acknowledged), "commands": len(commands)}})
        return SyncResponse(self.clock(), tuple(heads), tuple(commands), tuple(body.acknowledged),
                            check_in=check_in)

    def sync(self, data: bytes, path: str = PATH_SYNC, received_at: dt.datetime | None = None) -> SyncResponse:
        """A whole sync, blocking: checks, the write (committed), the answer."""
        prepared = self.prepare_sync(data, path, received_at)
        return self.finish_sync(prepared, self.write(prepared))

    def _deliverable(self, kiosk: EnrolledKiosk, pending: list[Command]) -> list[SignedEnvelope]:
        """Pending commands signed by the center key; an authorisation carries the bank and its key wrapped."""
        signer = self.center.signer
        if signer is None or not pending:
            return []
        delivered = []
        for command in pending:
            document = command.signed_document(self.center.id)
            if command.kind in AUTHORISATIONS:
                extra = self._authorisation(kiosk, command)
                if extra is None:
                    continue  # held back until the bank and its key are on this console
                document.update(extra)
            delivered.append(SignedEnvelope.create(document, signer))
        return delivered

    def _authorisation(self, kiosk: EnrolledKiosk, command: Command) -> dict[str, Any] | None:
        """The bank, its key wrapped for this kiosk and its publisher as the center trusts it: a kiosk
        that holds no bank downloads it and checks its signature against that publisher (ADR 0025)."""
        start = command.args.get("start") if command.kind is CommandKind.AUTHORISE_MOVE else None
        bank_id = ((start or {}).get("bank_id") if isinstance(start, dict) else None) \
            or command.args.get("bank_id") or self._last_bank(kiosk.id)
        bank = self.bank_descriptor(bank_id) if bank_id else None
        key = self.bank_key(bank_id) if bank is not None else None
        if bank is None or key is None:
            log.warning("authorisation held back", extra={"fields": {"kiosk": kiosk.id, "command": command.id,
                                                                     "bank": bank_id}})
            return None
        wrapped = wrap_for_recipient(key, _wrapping_key(kiosk), bank_key_context(bank.bank_id, command.id))
        extra: dict[str, Any] = {"bank": bank.to_dict(), "wrapped_key": wrapped}
        publisher = self._publisher(bank.bank_id)
        if publisher is not None:
            extra["publisher"] = publisher
        return extra

    def _publisher(self, bank_id: str) -> dict[str, str] | None:
        """The bank's publisher among the center's trusted publishers: ``{key_id, name, ed25519}``."""
        bank = next((b for b in self.store.sessions.banks() if b.id == bank_id), None)
        if bank is None:
            return None
        found = next((p for p in self.store.sessions.publishers() if p.key_id == bank.publisher_key_id), None)
        return None if found is None else {"key_id": found.key_id, "name": found.name,
                                           "ed25519": found.signing_public}

    def _last_bank(self, kiosk_id: str) -> str | None:
        starts = [c for c in self.store.commands.commands(kiosk_id) if c.kind is CommandKind.AUTHORISE_START]
        return starts[-1].args.get("bank_id") if starts else None

    # -- results ------------------------------------------------------------------------------------------
    def receive_results(self, data: bytes) -> SignedEnvelope:
        """A kiosk's result bundle verified, replayed and kept; its receipt signed by the center."""
        kiosk, request = self.authenticate(data, PATH_RESULTS)
        try:
            upload = ResultUpload.from_dict(request.body, "results")
        except RoomMessageError as exc:
            raise RequestRefusedError(400, str(exc)) from None
        self.take_counter(kiosk, request)
        if self.results is None:
            raise RequestRefusedError(503, "this console keeps no results (no results folder)")
        now = self.clock()
        self.heard.note(kiosk.id, now, None)
        pinned = PublicKeys(kiosk.name, _signing_key(kiosk), _wrapping_key(kiosk))
        return receive_bundle(self.store, kiosk, pinned, upload.bundle, center_id=self.center.id,
                              signer=self.center.signer, files=self.results, open_bank=self.open_bank,
                              exposure=self.exposure, now=now)

    # -- banks ---------------------------------------------------------------------------------------------
    def bank_descriptor(self, bank_id: str) -> BankDescriptor | None:
        """The bank's file as kiosks download it, if it is imported and its file is the imported one."""
        known = {b.id: b for b in self.store.sessions.banks()}
        bank, path = known.get(bank_id), self.bank_file(bank_id)
        if bank is None or path is None:
            return None
        try:
            info = path.stat()
        except OSError:
            return None
        cache_key = (str(path), info.st_size, info.st_mtime_ns)
        digest = self._bank_hashes.get(cache_key)
        if digest is None:
            with path.open("rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
            self._bank_hashes[cache_key] = digest
        if digest != bank.sha256:
            log.error("bank file changed", extra={"fields": {"bank": bank_id, "path": str(path)}})
            return None
        return BankDescriptor(bank_id, digest, info.st_size)

    def bank_download(self, header: str | None, bank_id: str) -> tuple[Path, BankDescriptor]:
        """Authenticate a bank download (the signed request travels in a header) and find the file."""
        if not header:
            raise RequestRefusedError(401, "bank download: the signed request header is missing")
        try:
            data = base64.b64decode(header.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError, ValueError):
            raise RequestRefusedError(400, "bank download: the request header is not base64") from None
        kiosk, request = self.authenticate(data, f"/v1/banks/{bank_id}")
        self.take_counter(kiosk, request)
        bank = self.bank_descriptor(bank_id)
        path = self.bank_file(bank_id)
        if bank is None or path is None:
            raise RequestRefusedError(404, f"bank {bank_id!r} is not on this console")
        self.heard.note(kiosk.id, self.clock(), None)
        log.info("bank download", extra={"fields": {"kiosk": kiosk.id, "bank": bank_id}})
        return path, bank


def _signing_key(kiosk: EnrolledKiosk) -> Ed25519PublicKey:
    try:
        return Ed25519PublicKey.from_public_bytes(b64decode(kiosk.signing_public, "kiosk key"))
    except (CanonicalEncodingError, ValueError):
        raise RequestRefusedError(401, f"kiosk {kiosk.id}: the pinned key is not a key (damaged record)") from None


def _wrapping_key(kiosk: EnrolledKiosk) -> X25519PublicKey:
    return X25519PublicKey.from_public_bytes(b64decode(kiosk.wrapping_public, "kiosk wrapping key"))


def default_bank_file(data_dir: Path) -> Callable[[str], Path | None]:
    """Banks as the console keeps them: ``<data dir>/banks/<bank id>.pbank``."""

    def find(bank_id: str) -> Path | None:
        path = Path(data_dir) / "banks" / f"{bank_id}.pbank"
        return path if os.path.isfile(path) else None

    return find
