"""Results over the LAN: the signed bundle goes to the console, and only its verified receipt marks it delivered.

The receipt must be signed by the center key pinned at enrolment, name this kiosk, this attempt
and the SHA-256 of the very bytes sent (``protocol.room.verify_receipt``); anything else leaves
the bundle waiting, untouched, and USB export still works. Nothing is deleted here at all: the
receipt is recorded beside the bundle (``outbox/<attempt>.receipt``) and in the journal store,
which takes the bundle out of the outbox's pending list.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from kiosk.link.errors import ConsoleIdentityError, ConsoleRefusedError
from kiosk.link.pairing import Pairing
from kiosk.outbox import outbox_dir
from protocol.atomicfile import write_atomic
from protocol.bundle import bundle_id, read_bundle
from protocol.canonical import canonical_bytes
from protocol.envelope import SignedEnvelope
from protocol.errors import EnvelopeFormatError, RoomMessageError
from protocol.room import PATH_RESULTS, ResultReceipt, ResultUpload, verify_receipt

if TYPE_CHECKING:  # the keeper uses this module's checks without the network client
    from kiosk.link.transport import ConsoleConnection

RECEIPT_SUFFIX = ".receipt"


def read_console_receipt(answer: Any, pairing: Pairing, attempt_id: str, bundle_sha256: str) -> ResultReceipt:
    """The console's answer to an upload, if it is a receipt this kiosk can trust for this bundle."""
    raw = answer.get("receipt", answer) if isinstance(answer, dict) else answer
    try:
        envelope = SignedEnvelope.from_dict(raw, "receipt")
        receipt = verify_receipt(envelope, pairing.center_keys, bundle_sha256)
    except (EnvelopeFormatError, RoomMessageError) as exc:
        raise ConsoleIdentityError(f"the console's receipt for attempt {attempt_id} does not verify: {exc}") from None
    if receipt.center != pairing.center_id or receipt.kiosk != pairing.kiosk_id or receipt.attempt_id != attempt_id:
        raise ConsoleIdentityError(f"the console's receipt names center {receipt.center}, kiosk {receipt.kiosk}, "
                                   f"attempt {receipt.attempt_id}: not this kiosk's attempt {attempt_id}")
    return receipt


class ResultOutbox(Protocol):
    """Where the bundles are and where a verified receipt is recorded (this process, or the keeper)."""

    def bundle(self, attempt_id: str) -> bytes: ...

    def signed_upload(self, attempt_id: str, console_pin: str) -> Callable[[], bytes] | None:
        """What signs the upload request, when not the link's signer (the keeper builds it from its outbox)."""

    def record_receipt(self, attempt_id: str, receipt: SignedEnvelope, bundle_sha256: str) -> None: ...


class LocalResultOutbox:
    """The outbox and journal store of a single-account kiosk."""

    def __init__(self, data_dir: str | os.PathLike[str], store: Any):
        self.data_dir = Path(data_dir)
        self.store = store

    def bundle(self, attempt_id: str) -> bytes:
        return (outbox_dir(self.data_dir) / f"{attempt_id}.pbundle").read_bytes()

    def signed_upload(self, attempt_id: str, console_pin: str) -> Callable[[], bytes] | None:
        return None

    def record_receipt(self, attempt_id: str, receipt: SignedEnvelope, bundle_sha256: str) -> None:
        write_atomic(outbox_dir(self.data_dir) / f"{attempt_id}{RECEIPT_SUFFIX}", canonical_bytes(receipt.to_dict()))
        self.store.mark_receipt_verified(attempt_id, f"console:{bundle_sha256}")


def deliver(connection: ConsoleConnection, outbox: ResultOutbox, attempt_id: str) -> ResultReceipt:
    """Send one attempt's bundle and record the console's receipt once it verifies; raises otherwise
    (the bundle stays pending: the caller tries again later)."""
    data = outbox.bundle(attempt_id)
    try:
        envelope = read_bundle(data)
    except EnvelopeFormatError as exc:
        raise ConsoleRefusedError(f"the bundle of attempt {attempt_id} cannot be read ({exc})") from None
    sha = bundle_id(data)
    answer = connection.post(PATH_RESULTS, ResultUpload(envelope).to_dict(), "results answer",
                             signed_by=outbox.signed_upload(attempt_id, connection.pairing.pin))
    receipt = read_console_receipt(answer, connection.pairing, attempt_id, sha)
    raw = answer.get("receipt", answer) if isinstance(answer, dict) else answer
    outbox.record_receipt(attempt_id, SignedEnvelope.from_dict(raw, "receipt"), sha)
    return receipt
