"""The room link under custody: the keeper signs room requests with its own counter, sends its own
bundles and verifies the console's receipts itself; it signs nothing else this way."""

from __future__ import annotations

import datetime as dt
import queue

import pytest

from kiosk.device import DEVICE_DIR, DeviceIdentity
from kiosk.errors import KioskError
from kiosk.keeper.client import KeeperRequestSigner, KeeperResultOutbox, keeper_pairing
from kiosk.link.book import SyncBook
from kiosk.link.errors import NotEnrolledError
from kiosk.link.pairing import Pairing, save_pairing
from kiosk.link.results import deliver
from kiosk.link.transport import ConsoleConnection
from kiosk.link.worker import SyncWorker
from protocol.canonical import b64decode
from protocol.envelope import SignedEnvelope, verify
from protocol.keys import KeyPair
from protocol.room import PATH_SYNC, read_request
from tests.kiosk.keeper_client import run_exam
from tests.kiosk.link_console_double import ConsoleDouble
from tests.kiosk.test_keeper_protocol import Served


@pytest.fixture
def keeper_room(tmp_path):
    device = DeviceIdentity(KeyPair.generate("kiosk-07"))
    center = KeyPair.generate("Centre Jean Moulin")
    (tmp_path / "console").mkdir()
    console = ConsoleDouble(tmp_path / "console", device.public, center).start()
    served = Served(tmp_path / "data", device)
    statement = SignedEnvelope.create({"_type": "pupitre/console-certificate", "center": "center-1",
                                       "spki_sha256": console.pin, "not_after": "2036-01-01T00:00:00+00:00"}, center)
    pairing = Pairing(console.address, console.pin, console.pem, "center-1", "Centre Jean Moulin",
                      center.public.public_dict(), device.key_id, "kiosk-07", statement.to_dict(),
                      "2026-11-22T08:00:00+00:00")
    yield served, console, device, pairing
    served.stop()
    console.stop()


def test_without_a_pairing_the_keeper_says_the_kiosk_is_not_enrolled(keeper_room):
    served, _console, _device, _pairing = keeper_room
    custody = served.custody()
    with pytest.raises(NotEnrolledError, match="not enrolled"):
        keeper_pairing(custody.client)


def test_the_keeper_signs_room_requests_with_a_counter_that_only_grows(keeper_room):
    served, _console, device, pairing = keeper_room
    save_pairing(served.store.data_dir / DEVICE_DIR, pairing)
    custody = served.custody()
    assert keeper_pairing(custody.client) == pairing
    signer = KeeperRequestSigner(custody.client, device.key_id)
    counters = []
    for _ in range(3):
        envelope, request = read_request(signer.sign(pairing.pin, PATH_SYNC, {"status": {}}))
        assert verify(envelope, [device.public], "pupitre/room-request") and request.kiosk == device.key_id
        counters.append(request.counter)
    assert counters == sorted(set(counters))
    signer.continue_from(counters[-1] + 10**12)
    _envelope, request = read_request(signer.sign(pairing.pin, PATH_SYNC, {"status": {}}))
    assert request.counter == counters[-1] + 10**12 + 1


@pytest.mark.parametrize("fields, says", [
    ({"console": "ab" * 32, "path": "/v1/sync", "body": {}}, "pin"),
    ({"path": "/etc/passwd", "body": {}}, "path"),
    ({"path": "/v1/sync", "body": "x"}, "body"),
])
def test_the_keeper_signs_only_room_requests_for_the_pinned_console(keeper_room, fields, says):
    served, _console, _device, pairing = keeper_room
    save_pairing(served.store.data_dir / DEVICE_DIR, pairing)
    custody = served.custody()
    request = {"console": pairing.pin, **fields}
    with pytest.raises(KioskError, match=says):
        custody.client.call("sign-room-request", **request)


def test_a_sync_and_the_results_through_the_keeper(keeper_room):
    served, console, device, pairing = keeper_room
    save_pairing(served.store.data_dir / DEVICE_DIR, pairing)
    custody = served.custody()
    run_exam(custody.store, custody.sink, custody.device.name, "att-1")
    connection = ConsoleConnection(keeper_pairing(custody.client), KeeperRequestSigner(custody.client, device.key_id))
    worker = SyncWorker(connection, SyncBook(), queue.SimpleQueue())
    assert worker.sync_once()
    outbox = KeeperResultOutbox(custody.client)
    console.receipt_mode = "forged"
    with pytest.raises(Exception, match="does not verify"):
        deliver(connection, outbox, "att-1")
    assert served.store.attempt("att-1").receipt_verified_at is None
    console.receipt_mode = "ok"
    receipt = deliver(connection, outbox, "att-1")
    assert receipt.attempt_id == "att-1"
    assert served.store.attempt("att-1").receipt_verified_at is not None
    assert (served.store.data_dir / "outbox" / "att-1.pbundle").exists()
    connection.close()


def test_the_keeper_checks_a_receipt_itself(keeper_room):
    served, _console, device, pairing = keeper_room
    save_pairing(served.store.data_dir / DEVICE_DIR, pairing)
    custody = served.custody()
    run_exam(custody.store, custody.sink, custody.device.name, "att-1")
    lie = SignedEnvelope.create({"_type": "pupitre/result-receipt", "center": "center-1", "kiosk": device.key_id,
                                 "attempt_id": "att-1", "bundle_sha256": "0" * 64, "receipt_code": "X",
                                 "received_at": dt.datetime.now(dt.UTC).isoformat()}, KeyPair.generate("x"))
    with pytest.raises(KioskError, match="does not verify"):
        custody.client.call("room-receipt", attempt="att-1", receipt=lie.to_dict())
    assert served.store.attempt("att-1").receipt_verified_at is None
    with pytest.raises(KioskError, match="no attempt att-2"):
        custody.client.call("room-bundle", attempt="att-2")
    data = b64decode(custody.client.call("room-bundle", attempt="att-1")["bundle"], "bundle")
    assert data == (served.store.data_dir / "outbox" / "att-1.pbundle").read_bytes()
