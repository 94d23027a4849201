"""The outbox: signed result bundles written durably, kept until a receipt is verified, exported to USB.

``<data_dir>/outbox/<attempt>.pbundle`` holds the canonical bytes of each bundle. Nothing here
deletes a bundle or marks one as delivered: *submitted* means the file is durable on this
kiosk, *exported* means a verified copy was written somewhere, and only a verified receipt
(recorded by whoever checks it) takes a bundle out of :func:`pending`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.core.events import Event
from kiosk.core.ports import Clock
from kiosk.device import DeviceIdentity, ensure_private_dir
from kiosk.errors import KioskError
from kiosk.journal import JournalStore
from kiosk.journal.store import ATTEMPT_ID
from protocol.atomicfile import write_atomic
from protocol.bundle import BundleError, ResultBundle, bundle_id, make_bundle, read_bundle, receipt_code
from protocol.errors import EnvelopeFormatError

log = logging.getLogger(__name__)

OUTBOX_DIR = "outbox"
SUFFIX = ".pbundle"


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


class BundleWriter:
    """Writes the signed result bundle of a finished attempt (kiosk.core.ports.ResultSink)."""

    def __init__(self, data_dir: str | os.PathLike[str], device: DeviceIdentity, store: JournalStore,
                 clock: Clock | None = None):
        self.data_dir = Path(data_dir)
        self.device = device
        self.store = store
        self.clock = clock or store.clock

    def path_of(self, attempt_id: str) -> Path:
        return outbox_dir(self.data_dir) / f"{attempt_id}{SUFFIX}"

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
        target = self.path_of(attempt_id)
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
        log.info("result bundle of %s written: %s (receipt %s)", attempt_id, target, code)
        return code

    def _existing(self, path: Path, hashes: set[str]) -> str | None:
        """The id of a bundle already in the outbox for this journal, if there is one.

        A bundle whose head is an entry of this journal is the attempt's bundle: only records
        (guard findings) can follow the end of a test, so it is kept rather than replaced by a
        second bundle with another id (it may already have been exported).
        """
        if not path.exists():
            return None
        data = path.read_bytes()
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
    """Every bundle in the outbox whose receipt has not been verified (exported ones included)."""
    directory = outbox_dir(data_dir)
    if not directory.is_dir():
        return []
    own = store is None
    store = store or JournalStore(data_dir, None)
    try:
        records = {r.attempt_id: r for r in store.attempts()}
    finally:
        if own:
            store.close()
    result = []
    for path in sorted(directory.glob(f"*{SUFFIX}")):
        attempt_id = path.name[: -len(SUFFIX)]
        record = records.get(attempt_id)
        if record is not None and record.receipt_verified_at is not None:
            continue
        ident = hashlib.sha256(path.read_bytes()).hexdigest()
        result.append(PendingBundle(attempt_id, path, ident, receipt_code(ident),
                                    record.exported_at if record else None))
    return result


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


def export_pending(data_dir: str | os.PathLike[str], target_dir: str | os.PathLike[str]) -> list[Path]:
    """Copy every pending bundle to ``target_dir`` and check each copy by reading it back.

    Returns the copies' paths. Marks each attempt *exported* (never *delivered*); deletes nothing.
    A copy already on the target with the same bytes is kept as it is; one with other bytes is
    never overwritten.
    """
    if not Path(data_dir).is_dir():
        raise OutboxError(f"there is no kiosk data directory at {data_dir} (check --data-dir); nothing was exported")
    target = Path(target_dir)
    _check_target(target)
    copies = []
    with JournalStore(data_dir, None) as store:
        records = {r.attempt_id: r for r in store.attempts()}
        for bundle in pending(data_dir, store):
            data = bundle.path.read_bytes()
            record = records.get(bundle.attempt_id)
            if record is not None and record.bundle_id and record.bundle_id != bundle.bundle_id:
                raise OutboxError(f"{bundle.path} does not match the bundle recorded when it was written "
                                  "(altered or damaged); it was not exported")
            copy = target / bundle.path.name
            if copy.exists():
                if hashlib.sha256(copy.read_bytes()).hexdigest() != bundle.bundle_id:
                    raise OutboxError(f"{copy} already exists with other content; it was not overwritten (use "
                                      "another folder or stick)")
            else:
                try:
                    write_atomic(copy, data, mode=0o644)
                except OSError as exc:
                    raise OutboxError(f"cannot copy {bundle.path.name} to {target} ({exc.strerror or exc})") from exc
            if hashlib.sha256(copy.read_bytes()).hexdigest() != bundle.bundle_id:
                raise OutboxError(f"the copy {copy} does not read back as written (faulty stick?); use another one")
            if record is not None:
                store.mark_exported(bundle.attempt_id, target)
            copies.append(copy)
            log.info("exported %s to %s", bundle.path.name, copy)
    return copies
