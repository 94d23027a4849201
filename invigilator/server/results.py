"""Result bundles pushed by kiosks: verified against the pinned key and the replica, replayed, kept, receipted.

``POST /v1/results`` carries the kiosk's signed result bundle. The console checks, in order:
the bundle is signed by the device key it **pinned** at enrolment (a bundle carrying a fresh key
of its own proves nothing); its journal continues the console's replica of that attempt and ends
at the head the bundle signs (:meth:`ReplicaStore.append`: a journal that differs raises a
chain-break alert and is refused); and the audit (``itembank.audit``: the bank, the profile,
every response re-scored, the engine re-run) matches. Only then is the bundle kept, by its
SHA-256, and a receipt signed by the center key returned. The same bundle sent again gets the same
receipt; a kiosk deletes nothing of an attempt before it holds one (``protocol.room.verify_receipt``).

Bundles and receipts are files in the console's data folder (``results/<sha256>.bundle`` and
``.receipt``, written atomically, bundle first): the outbox that sends session packages to the
hub reads them there.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from invigilator.core.kiosks import EnrolledKiosk
from invigilator.errors import RequestRefusedError, SessionError, StoreError
from invigilator.store import RoomStore
from itembank.audit import BundleAuditError, audit_bundle
from itembank.cat import ExposureRecord
from itembank.pbank import OpenBank
from protocol.bundle import BundleError, ResultBundle, bundle_id, receipt_code
from protocol.envelope import SignedEnvelope
from protocol.keys import KeyPair, PublicKeys, write_private_file
from protocol.room import ResultReceipt

log = logging.getLogger("pupitre.console.server")


class ResultFiles:
    """Verified bundles and their receipts, by the bundle's SHA-256."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def receipt(self, digest: str) -> SignedEnvelope | None:
        path = self.folder / f"{digest}.receipt"
        try:
            return SignedEnvelope.from_bytes(path.read_bytes(), str(path))
        except FileNotFoundError:
            return None

    def bundle(self, digest: str) -> bytes | None:
        try:
            return (self.folder / f"{digest}.bundle").read_bytes()
        except FileNotFoundError:
            return None

    def keep(self, digest: str, bundle: SignedEnvelope, receipt: SignedEnvelope) -> None:
        write_private_file(self.folder / f"{digest}.bundle", bundle.to_bytes(), mode=0o600)
        write_private_file(self.folder / f"{digest}.receipt", receipt.to_bytes(), mode=0o600)


def receive_bundle(store: RoomStore, kiosk: EnrolledKiosk, pinned: PublicKeys, envelope: SignedEnvelope, *,
                   center_id: str, signer: KeyPair | None, files: ResultFiles,
                   open_bank: Callable[[str], OpenBank | None],
                   exposure: Callable[[ResultBundle], ExposureRecord | None], now: dt.datetime) -> SignedEnvelope:
    """Verify, replay and keep one bundle; return its receipt (see the module docstring)."""
    digest = bundle_id(envelope)
    held = files.receipt(digest)
    if held is not None:
        if held.signed.get("kiosk") != kiosk.id:
            raise RequestRefusedError(409, f"result bundle {digest[:12]}… was received from another kiosk")
        return held
    if signer is None:
        raise RequestRefusedError(503, "the console cannot sign receipts until its center key is unlocked; "
                                       "keep the bundle and send it again")
    try:
        bundle = ResultBundle.from_dict(envelope.signed)
    except BundleError as exc:
        raise RequestRefusedError(400, f"result bundle: {exc}") from None
    if bundle.device_key_id != kiosk.id:
        raise RequestRefusedError(403, f"result bundle: signed by device {bundle.device_key_id}, not by kiosk "
                                       f"{kiosk.id} which sent it")
    if not bundle.events:
        raise RequestRefusedError(400, "result bundle: it holds no journal")
    try:
        appended = store.replicas.append(kiosk.id, bundle.attempt_id, bundle.events, now)
    except (DBAPIError, StoreError):
        raise  # the database cannot be written (a full disk): 503, send again — the bundle is not at fault
    except Exception as exc:  # an attempt id the replica refuses
        raise RequestRefusedError(400, f"result bundle: {exc}") from None
    if appended.plan.chain_break is not None or appended.plan.gap_from is not None:
        raise RequestRefusedError(409, f"result bundle: its journal does not continue the console's copy of attempt "
                                       f"{bundle.attempt_id} (an alert was raised); the bundle was not accepted")
    last = bundle.events[-1].seq
    held_entry = store.replicas.entries(kiosk.id, bundle.attempt_id, after=last - 1)[:1]
    if not held_entry or held_entry[0].hash != bundle.journal_head:
        raise RequestRefusedError(409, f"result bundle: its journal head is not the console's entry {last} of "
                                       f"attempt {bundle.attempt_id}")
    bank = open_bank(str(bundle.bank.get("id")))
    if bank is None:
        raise RequestRefusedError(503, f"result bundle: bank {bundle.bank.get('id')!r} is not open on this console "
                                       "to replay the test; keep the bundle and send it again")
    try:
        report = audit_bundle(envelope, bank, [pinned], exposure=exposure(bundle), what="result bundle")
    except BundleAuditError as exc:
        raise RequestRefusedError(422, f"result bundle: {exc}") from None
    if not report.ok:
        failed = [c for c in report.checks if not c.ok]
        reason = f"{failed[0].name}: {failed[0].detail}" if failed else f"{len(report.differences)} difference(s)"
        log.error("result bundle diverges", extra={"fields": {"kiosk": kiosk.id, "attempt": bundle.attempt_id,
                                                              "bundle": digest, "report": report.lines()}})
        raise RequestRefusedError(422, f"result bundle: the audit does not match ({reason})")
    shown = [str(q.get("item_id")) for q in bundle.questions if isinstance(q, dict) and q.get("item_id")]
    try:  # ADR 0020: the room's record counts every verified attempt once, by its id
        store.exposure.count_attempt(str(bundle.bank.get("id")), bundle.attempt_id, shown, now)
    except SessionError as exc:
        log.error("exposure not counted", extra={"fields": {"kiosk": kiosk.id, "attempt": bundle.attempt_id,
                                                            "reason": str(exc)}})
    receipt = ResultReceipt(center_id, kiosk.id, bundle.attempt_id, digest, receipt_code(digest), now)
    signed = SignedEnvelope.create(receipt.to_dict(), signer)
    files.keep(digest, envelope, signed)
    log.info("result received", extra={"fields": {"kiosk": kiosk.id, "attempt": bundle.attempt_id, "bundle": digest}})
    return signed
