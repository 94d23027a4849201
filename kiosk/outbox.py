"""The outbox: signed result bundles written durably, kept until a receipt is verified, exported to USB.

``<data_dir>/outbox/<attempt>.pbundle`` holds the canonical bytes of each exam bundle. Nothing here
deletes a bundle or marks one as delivered: *submitted* means the file is durable on this
kiosk, *exported* means a verified copy was written somewhere, and only a verified receipt
(recorded by whoever checks it) takes a bundle out of :func:`pending`.

Practice results are not exam results: their bundles go to ``<data_dir>/practice/``, which is
never listed as waiting for delivery nor exported. Every bundle is verified (signature, chain,
contents) before it is listed; one that fails is listed as damaged, never as pending. The
journal only adds status (exported, receipt verified): when it is damaged the bundles are still
listed and exported, and the damage is said.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import stat
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.core.events import Event
from kiosk.core.ports import Clock
from kiosk.device import DEVICE_DIR, PUBLIC_FILE, DeviceIdentity, ensure_private_dir
from kiosk.errors import JournalError, KioskError
from kiosk.journal import AttemptRecord, JournalStore
from kiosk.journal.store import ATTEMPT_ID
from protocol.atomicfile import write_atomic
from protocol.bundle import (
    BundleError,
    ResultBundle,
    bundle_id,
    make_bundle,
    read_bundle,
    receipt_code,
    verify_bundle,
)
from protocol.errors import EnvelopeFormatError, KeyFileError, ProtocolError
from protocol.keys import PublicKeys

log = logging.getLogger(__name__)

OUTBOX_DIR = "outbox"
PRACTICE_DIR = "practice"
SUFFIX = ".pbundle"
PRACTICE = "practice"
MAX_BUNDLE_BYTES = 64_000_000  # a 32-question bundle is about 100 kB; a journal of a very long test, a few MB


class OutboxError(KioskError):
    """A bundle cannot be written, read or exported; the message says where and what to do."""


@dataclass(frozen=True)
class PendingBundle:
    """A bundle no receipt has acknowledged yet."""

    attempt_id: str
    path: Path
    bundle_id: str
    receipt_code: str
    exported_at: dt.datetime | None = None  # when a verified copy was last exported


def outbox_dir(data_dir: str | os.PathLike[str]) -> Path:
    return Path(data_dir) / OUTBOX_DIR


def practice_dir(data_dir: str | os.PathLike[str]) -> Path:
    """Where practice results are kept: never listed as waiting for delivery, never exported."""
    return Path(data_dir) / PRACTICE_DIR


class BundleWriter:
    """Writes the signed result bundle of a finished attempt (kiosk.core.ports.ResultSink)."""

    def __init__(self, data_dir: str | os.PathLike[str], device: DeviceIdentity, store: JournalStore,
                 clock: Clock | None = None):
        self.data_dir = Path(data_dir)
        self.device = device
        self.store = store
        self.clock = clock or store.clock

    def path_of(self, attempt_id: str, mode: str = "exam") -> Path:
        folder = practice_dir(self.data_dir) if mode == PRACTICE else outbox_dir(self.data_dir)
        return folder / f"{attempt_id}{SUFFIX}"

    def submit(self, summary: Mapping[str, Any], events: Sequence[Event]) -> str:
        """Sign the bundle, make it durable, then mark the attempt submitted; return the receipt code.

        Submitting the same journal again (after a crash between the file and the journal's
        "submitted" event) returns the receipt of the bundle already written.
        """
        attempt_id = str(summary.get("attempt_id", ""))
        if not ATTEMPT_ID.fullmatch(attempt_id):
            raise OutboxError(f"cannot write a result bundle for attempt id {attempt_id!r}")
        record = self.store.attempt(attempt_id)
        if record.quarantined_at is not None:
            raise OutboxError(f"attempt {attempt_id} is quarantined ({record.quarantine_reason}); no result bundle "
                              "is signed for it")
        if not events or events[-1].hash != record.head_hash:
            raise OutboxError(f"attempt {attempt_id}: the events given do not end at the journal's head "
                              f"({record.head_hash[:12]}…); the bundle must carry this kiosk's journal as recorded")
        target = self.path_of(attempt_id, str(summary.get("mode", "")))
        existing = self._existing(target, {e.hash for e in events})
        if existing is not None:
            ident = existing
        else:
            try:
                envelope = make_bundle(summary, events, self.device.keypair, self.clock.now())
            except BundleError as exc:
                raise OutboxError(f"attempt {attempt_id}: {exc}") from exc
            data = envelope.to_bytes()
            try:
                write_atomic(ensure_private_dir(target.parent) / target.name, data, mode=0o600)
            except OSError as exc:
                raise OutboxError(f"cannot write the result bundle {target} ({exc.strerror or exc}); the answers "
                                  "stay in the journal: free some space or call the invigilator") from exc
            ident = bundle_id(data)
        code = receipt_code(ident)
        if record.submitted_at is None or record.bundle_id != ident:
            self.store.mark_submitted(attempt_id, ident, code)
        log.info("%s bundle of %s written: %s (receipt %s)",
                 "practice" if target.parent.name == PRACTICE_DIR else "result", attempt_id, target, code)
        return code

    def _existing(self, path: Path, hashes: set[str]) -> str | None:
        """The id of a bundle already in the outbox for this journal, if there is one.

        A bundle whose head is an entry of this journal is the attempt's bundle: only records
        (guard findings) can follow the end of a test, so it is kept rather than replaced by a
        second bundle with another id (it may already have been exported).
        """
        if not path.exists() and not path.is_symlink():
            return None
        data, problem = _read_regular(path)
        if data is None:
            raise OutboxError(f"{path} is in the outbox but is {problem}; it was left in place as evidence: call "
                              "the support")
        try:
            written = ResultBundle.from_dict(read_bundle(data, str(path)).signed)
        except (EnvelopeFormatError, BundleError) as exc:
            raise OutboxError(f"{path} is in the outbox but is not a valid result bundle ({exc}); it was left in "
                              "place as evidence: call the support") from exc
        if written.journal_head not in hashes:
            raise OutboxError(f"{path} already holds a bundle that is not of this journal (head "
                              f"{written.journal_head[:12]}…); it was left in place: call the support")
        return bundle_id(data)

    def pending(self) -> list[PendingBundle]:
        return pending(self.data_dir, self.store)


def pending(data_dir: str | os.PathLike[str], store: JournalStore | None = None) -> list[PendingBundle]:
    """Every verified exam bundle in the outbox whose receipt has not been verified (exported ones included)."""
    return survey_outbox(data_dir, store).pending


@dataclass(frozen=True)
class DamagedBundle:
    """A file of the outbox that is not an intact result bundle of this kiosk: kept, never exported."""

    path: Path
    reason: str


@dataclass(frozen=True)
class OutboxSurvey:
    """What the outbox holds, every bundle verified; ``journal_problem`` says why status is missing."""

    pending: list[PendingBundle]
    damaged: list[DamagedBundle]
    practice_in_outbox: list[Path]  # practice bundles an older kiosk put here: not exam results, never exported
    attempts: list[AttemptRecord] | None  # None when the journal cannot be read
    journal_problem: str | None


def _attempts(data_dir: Path, store: JournalStore | None) -> tuple[list[AttemptRecord] | None, str | None]:
    try:
        if store is not None:
            return store.attempts(), None
        with JournalStore(data_dir, None) as own:
            return own.attempts(), None
    except JournalError as exc:
        return None, str(exc)


def _own_key(data_dir: Path) -> PublicKeys | None:
    """This kiosk's public device key, when its file is there to check the outbox against."""
    path = data_dir / DEVICE_DIR / PUBLIC_FILE
    try:
        return PublicKeys.load(path) if path.is_file() else None
    except KeyFileError as exc:
        log.warning("cannot read %s (%s): bundles are checked against the key they carry", path, exc)
        return None


def _check(path: Path, data: bytes, own_key: PublicKeys | None) -> tuple[ResultBundle | None, str]:
    """The bundle in ``data`` when it is intact (signature, chain, contents), else why it is not."""
    try:
        envelope = read_bundle(data, path.name)
        bundle = ResultBundle.from_dict(envelope.signed)
        key = own_key if own_key is not None else bundle.embedded_signing_key()
    except (ProtocolError, RecursionError) as exc:
        return None, f"not a result bundle ({exc})"
    if key is None:
        return None, "it carries no signing key and this kiosk's public key is not at hand: it cannot be checked"
    result = verify_bundle(envelope, [key])
    if not result.ok:
        return None, "; ".join(result.reasons)
    if f"{bundle.attempt_id}{SUFFIX}" != path.name:
        return None, f"it holds attempt {bundle.attempt_id}, not the one its name says"
    return bundle, ""


def _read_regular(path: Path) -> tuple[bytes | None, str]:
    """The bytes of a bundle file, or why not: a link, a pipe or a device is never opened as one
    (reading ``/dev/zero`` or a FIFO would never end), nor a file larger than any bundle."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        if path.is_symlink():
            return None, f"a symbolic link (to {os.readlink(path)}), not a bundle file"
        fd = os.open(path, flags)
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror or exc})"
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return None, "not a regular file (a pipe, a socket or a device), not a bundle file"
        if info.st_size > MAX_BUNDLE_BYTES:
            return None, f"{info.st_size:,} bytes, larger than any result bundle ({MAX_BUNDLE_BYTES:,} at most)"
        try:
            return handle.read(MAX_BUNDLE_BYTES + 1), ""
        except OSError as exc:
            return None, f"cannot be read ({exc.strerror or exc})"


def survey_outbox(data_dir: str | os.PathLike[str], store: JournalStore | None = None) -> OutboxSurvey:
    """List the outbox, verifying every bundle; a damaged journal or bundle is said, never fatal."""
    data_dir = Path(data_dir)
    directory = outbox_dir(data_dir)
    attempts, problem = _attempts(data_dir, store) if data_dir.is_dir() else ([], None)
    records = {r.attempt_id: r for r in attempts or []}
    waiting, damaged, practice = [], [], []
    own_key = _own_key(data_dir)
    for path in sorted(directory.glob(f"*{SUFFIX}")) if directory.is_dir() else []:
        attempt_id = path.name[: -len(SUFFIX)]
        record = records.get(attempt_id)
        if record is not None and record.receipt_verified_at is not None:
            continue
        data, problem_with_file = _read_regular(path)
        if data is None:
            damaged.append(DamagedBundle(path, problem_with_file))
            continue
        ident = hashlib.sha256(data).hexdigest()
        if record is not None and record.bundle_id and record.bundle_id != ident:
            damaged.append(DamagedBundle(path, "it does not match the bundle recorded when it was written "
                                               "(altered or damaged)"))
            continue
        bundle, reason = _check(path, data, own_key)
        if bundle is None:
            damaged.append(DamagedBundle(path, reason))
        elif bundle.mode == PRACTICE:
            practice.append(path)
        else:
            waiting.append(PendingBundle(attempt_id, path, ident, receipt_code(ident),
                                         record.exported_at if record else None))
    return OutboxSurvey(waiting, damaged, practice, attempts, problem)


def _check_target(target: Path) -> None:
    if not target.exists():
        raise OutboxError(f"export target {target} does not exist: plug in and mount the USB stick, or create "
                          "the folder")
    if not target.is_dir():
        raise OutboxError(f"export target {target} is not a folder")
    try:
        fd, probe = tempfile.mkstemp(prefix=".pupitre-probe.", dir=target)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutboxError(f"export target {target} is not writable ({exc.strerror or exc}): check that the "
                          "stick is not locked or full") from exc


@dataclass(frozen=True)
class ExportReport:
    """What an export did: the checked copies, the bundles left out as damaged, the journal's state."""

    copies: list[tuple[PendingBundle, Path]]
    damaged: list[DamagedBundle]
    journal_problem: str | None


def _copy(bundle: PendingBundle, target: Path) -> Path:
    """Copy one bundle and read it back; OSError when the target fails or goes away."""
    data = bundle.path.read_bytes()
    if hashlib.sha256(data).hexdigest() != bundle.bundle_id:
        raise OutboxError(f"{bundle.path} changed while it was being exported; it was not exported")
    copy = target / bundle.path.name
    if copy.exists():
        if hashlib.sha256(copy.read_bytes()).hexdigest() != bundle.bundle_id:
            raise OutboxError(f"{copy} already exists with other content; it was not overwritten (use "
                              "another folder or stick)")
    else:
        write_atomic(copy, data, mode=0o644)
    if hashlib.sha256(copy.read_bytes()).hexdigest() != bundle.bundle_id:
        raise OutboxError(f"the copy {copy} does not read back as written (faulty stick?); use another one")
    return copy


def export_outbox(data_dir: str | os.PathLike[str], target_dir: str | os.PathLike[str]) -> ExportReport:
    """Copy every pending exam bundle to ``target_dir`` and check each copy by reading it back.

    Marks each attempt *exported* (never *delivered*) when the journal can be written; deletes
    nothing. A copy already on the target with the same bytes is kept as it is; one with other
    bytes is never overwritten. Damaged bundles and practice results are never copied.
    """
    if not Path(data_dir).is_dir():
        raise OutboxError(f"there is no kiosk data directory at {data_dir} (check --data-dir); nothing was exported")
    target = Path(target_dir)
    _check_target(target)
    try:
        store: JournalStore | None = JournalStore(data_dir, None)
    except JournalError:
        store = None
    try:
        found = survey_outbox(data_dir, store)
        problem = found.journal_problem
        copies: list[tuple[PendingBundle, Path]] = []
        for bundle in found.pending:
            try:
                copy = _copy(bundle, target)
            except OSError as exc:
                raise OutboxError(f"the export to {target} stopped at {bundle.path.name} ({exc.strerror or exc}): "
                                  f"was the stick removed? {len(copies)} of {len(found.pending)} bundle(s) were copied "
                                  "and checked; plug it back in and export again") from None
            if store is not None and problem is None:
                try:
                    store.mark_exported(bundle.attempt_id, target)
                except JournalError as exc:
                    problem = str(exc)
            copies.append((bundle, copy))
            log.info("exported %s to %s", bundle.path.name, copy)
    finally:
        if store is not None:
            store.close()
    return ExportReport(copies, found.damaged, problem)


def export_pending(data_dir: str | os.PathLike[str], target_dir: str | os.PathLike[str]) -> list[Path]:
    """Like :func:`export_outbox`, returning the copies; raise :class:`OutboxError` after copying
    the intact bundles when a damaged one was left out."""
    report = export_outbox(data_dir, target_dir)
    if report.damaged:
        first = report.damaged[0]
        raise OutboxError(f"{first.path}: {first.reason}; it was not exported ({len(report.copies)} intact "
                          "bundle(s) were)")
    return [copy for _, copy in report.copies]
