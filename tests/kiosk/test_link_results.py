"""Results over the LAN: delivered only on a receipt signed by the pinned center for the very bytes sent."""

from __future__ import annotations

import pytest

from kiosk.core.session import State
from kiosk.link.errors import ConsoleIdentityError
from kiosk.link.results import LocalResultOutbox, deliver
from protocol.canonical import canonical_bytes
from protocol.envelope import SignedEnvelope
from protocol.keys import KeyPair
from tests.kiosk.test_link import Room, answer_some, to_question


class MemoryOutbox:
    """The outbox port in memory: bundles by attempt, receipts recorded (a test double)."""

    def __init__(self, device: KeyPair):
        self.device = device
        self.bundles: dict[str, bytes] = {}
        self.receipts: dict[str, tuple[SignedEnvelope, str]] = {}

    def add(self, attempt_id: str) -> bytes:
        envelope = SignedEnvelope.create({"_type": "pupitre/result-bundle", "attempt_id": attempt_id}, self.device)
        self.bundles[attempt_id] = envelope.to_bytes()
        return self.bundles[attempt_id]

    def bundle(self, attempt_id: str) -> bytes:
        return self.bundles[attempt_id]

    def signed_upload(self, attempt_id, console_pin):
        return None  # the link's signer signs the upload

    def record_receipt(self, attempt_id, receipt, bundle_sha256):
        self.receipts[attempt_id] = (receipt, bundle_sha256)


@pytest.fixture
def room(tmp_path):
    room = Room(tmp_path)
    room.outbox = MemoryOutbox(room.device)
    room.worker._outbox = room.outbox
    yield room
    room.close()


def finish(room):
    to_question(room)
    answer_some(room, room.session.length)
    assert room.session.state is State.FINISHED
    room.outbox.add(room.attempt)
    room.session.submit()


def test_the_bundle_is_delivered_and_marked_only_with_a_verified_receipt(room):
    finish(room)
    assert room.worker.receipt(room.attempt) is None
    room.round()
    receipt = room.worker.receipt(room.attempt)
    assert receipt is not None and receipt.attempt_id == room.attempt and receipt.kiosk == room.device.public.signing_id
    assert room.attempt in room.outbox.receipts
    sent = room.console.bundles[-1]
    assert sent.to_bytes() == room.outbox.bundles[room.attempt]
    room.round()
    assert len(room.console.bundles) == 1  # delivered once: not sent again


@pytest.mark.parametrize("mode", ["forged", "other-bundle"])
def test_a_receipt_that_does_not_verify_leaves_the_bundle_waiting(room, mode):
    room.console.receipt_mode = mode
    finish(room)
    room.round()
    room.round()
    assert room.worker.receipt(room.attempt) is None and room.outbox.receipts == {}
    assert len(room.console.bundles) == 2  # it keeps trying
    assert "results of" in room.worker.health.last_error
    room.console.receipt_mode = "ok"
    room.round()
    assert room.worker.receipt(room.attempt) is not None


def test_a_console_out_of_reach_leaves_the_bundle_waiting(room):
    finish(room)
    room.console.stop()
    assert not room.round()
    assert room.worker.receipt(room.attempt) is None and room.outbox.receipts == {}


def test_deliver_refuses_a_receipt_for_another_kiosk(room):
    room.outbox.add("att-x")
    room.console.kiosk = room.device.public
    other = KeyPair.generate("kiosk-8")
    pairing = type(room.pairing)(**{**room.pairing.__dict__, "kiosk_id": other.public.signing_id})
    room.connection.pairing = pairing
    with pytest.raises(ConsoleIdentityError, match="not this kiosk"):
        deliver(room.connection, room.outbox, "att-x")
    assert room.outbox.receipts == {}


class RecordingStore:
    def __init__(self):
        self.marked = []

    def mark_receipt_verified(self, attempt_id, receipt_ref):
        self.marked.append((attempt_id, receipt_ref))


def test_the_local_outbox_keeps_the_receipt_beside_the_bundle_and_marks_the_attempt(tmp_path):
    device = KeyPair.generate("kiosk-7")
    (tmp_path / "outbox").mkdir()
    data = SignedEnvelope.create({"_type": "pupitre/result-bundle", "attempt_id": "att-1"}, device).to_bytes()
    (tmp_path / "outbox" / "att-1.pbundle").write_bytes(data)
    store = RecordingStore()
    outbox = LocalResultOutbox(tmp_path, store)
    assert outbox.bundle("att-1") == data
    receipt = SignedEnvelope.create({"_type": "pupitre/result-receipt", "attempt_id": "att-1"}, device)
    outbox.record_receipt("att-1", receipt, "ab" * 32)
    assert (tmp_path / "outbox" / "att-1.receipt").read_bytes() == canonical_bytes(receipt.to_dict())
    assert (tmp_path / "outbox" / "att-1.pbundle").read_bytes() == data  # nothing deleted
    assert store.marked == [("att-1", "console:" + "ab" * 32)]
