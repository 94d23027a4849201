"""The keeper's protocol in one process: the kiosk's ports over a socket pair, every bad request refused."""

import os
import socket
import struct
import threading

import pytest

from kiosk.device import DeviceIdentity
from kiosk.errors import JournalError, JournalIntegrityError
from kiosk.journal import JournalStore
from kiosk.keeper.client import connect_keeper, unwrap_bank_key
from kiosk.keeper.errors import KeeperError, KeeperGoneError
from kiosk.keeper.process import serve
from kiosk.keeper.service import KeeperService
from kiosk.keeper.wire import FD_ENV, MAX_REPLY, MAX_REQUEST, recv_frame
from kiosk.outbox import BundleWriter
from protocol.bundle import read_bundle, verify_bundle
from protocol.keys import KeyPair
from protocol.keywrap import wrap_for_recipient
from tests.kiosk.fakes import FakeClock
from tests.kiosk.keeper_client import run_exam


@pytest.fixture(scope="module")
def device():
    return DeviceIdentity(KeyPair.generate("kiosk-07"))


class Served:
    """A keeper service on one end of a socket pair, in a thread; the interface's end is ``theirs``."""

    def __init__(self, data_dir, device, admit=None, gate=None):
        self.store = JournalStore(data_dir, device, FakeClock())
        self.service = KeeperService(self.store, BundleWriter(data_dir, device, self.store), device, admit, gate)
        self.ours, self.theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self.thread = threading.Thread(target=serve, args=(self.ours, self.service), daemon=True)
        self.thread.start()
        self.clients = []

    def custody(self):
        """A client on a copy of the interface's end (as a kiosk inherits it)."""
        custody = connect_keeper({FD_ENV: str(os.dup(self.theirs.fileno()))})
        self.clients.append(custody.client)
        return custody

    def raw(self, data: bytes):
        self.theirs.settimeout(10)  # the clients' timeout made the shared descriptor non-blocking
        self.theirs.sendall(data)
        return recv_frame(self.theirs, MAX_REPLY)

    def stop(self):
        for client in self.clients:
            client.close()
        self.theirs.close()
        self.thread.join(5)
        self.ours.close()
        self.store.close()


@pytest.fixture
def served(tmp_path, device):
    keeper = Served(tmp_path / "data", device)
    yield keeper
    keeper.stop()


def frame(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def test_an_exam_through_the_keeper_is_journalled_and_signed_by_the_device(served, device):
    custody = served.custody()
    assert custody.device.key_id == device.key_id and custody.device.public == device.public
    assert not hasattr(custody.device, "keypair")
    receipt, events = run_exam(custody.store, custody.sink, custody.device.name, "att-1")
    record = served.store.attempt("att-1")
    assert record.submitted_at is not None and record.receipt_code == receipt
    assert record.head_hash == events[-1].hash
    envelope = read_bundle((served.store.data_dir / "outbox" / "att-1.pbundle").read_bytes(), "bundle")
    assert verify_bundle(envelope, [custody.device.public]).ok
    on_disk = served.store.open_attempt("att-1").events()
    assert [e.hash for e in on_disk] == [e.hash for e in events]


def test_a_failed_command_leaves_nothing_on_disk_nor_in_the_interface(served):
    custody = served.custody()
    journal = custody.store.create_attempt("att-2")
    journal.append("attempt-created", {"attempt_id": "att-2"})
    with pytest.raises(RuntimeError), journal.transaction():
        journal.append("guard", {"n": 1})
        with journal.transaction():  # nested: joins the outer one
            journal.append("guard", {"n": 2})
        raise RuntimeError("the engine failed half-way")
    assert len(journal.events()) == 1
    assert journal.durable_state()[0] == served.store.open_attempt("att-2").events()
    with journal.transaction():
        journal.append("guard", {"n": 3})
    assert [e.seq for e in served.store.open_attempt("att-2").events()] == [1, 2]


def test_a_first_write_that_fails_leaves_no_transaction_open_in_the_keeper(served):
    custody = served.custody()
    journal = custody.store.create_attempt("att-5")
    journal.append("attempt-created", {"attempt_id": "att-5"})
    with served.store.engine.begin() as conn:  # another writer moved the head
        conn.exec_driver_sql("UPDATE attempts SET head_seq = 7 WHERE id = 'att-5'")
    with pytest.raises(JournalError, match="changed under this kiosk"), journal.transaction():
        journal.append("guard", {"n": 1})
    assert served.service._transaction is None and len(journal.events()) == 1
    with journal.transaction():  # a block that writes nothing costs no round trip and leaves nothing open
        pass
    assert served.service._transaction is None


def test_durable_state_and_checkpoint_come_back_when_the_attempt_is_reopened(served):
    import datetime as dt

    custody = served.custody()
    journal = custody.store.create_attempt("att-3")
    journal.append("attempt-created", {"attempt_id": "att-3"})
    journal.append("checked-in", {"candidate": {"last_name": "Diallo"}, "locale": "fr"})
    wall = dt.datetime(2026, 11, 22, 9, 5, tzinfo=dt.UTC)
    journal.checkpoint(300.5, wall)
    assert [r.attempt_id for r in custody.store.unfinished_attempts()] == ["att-3"]
    again = custody.store.open_attempt("att-3")
    assert again.events() == journal.events() and again.checkpoint_value() == (300.5, wall)


@pytest.mark.parametrize("name, data, says", [
    ("not JSON", frame(b"nope!"), "not valid UTF-8 JSON"),
    ("not canonical", frame(b'{"op": "hello"}'), "not in canonical form"),
    ("not an object", frame(b"[]"), "a request is a JSON object"),
    ("unknown operation", frame(b'{"op":"drop-table"}'), "unknown operation"),
    ("before hello", frame(b'{"attempt":"a","op":"create"}'), "say hello first"),
    ("oversized", frame(b"x" * (MAX_REQUEST + 1)), "over the limit"),
    ("nested too deeply", frame(b"[" * 100_000 + b"]" * 100_000), "frame"),
])
def test_malformed_requests_are_refused_and_the_keeper_goes_on(served, name, data, says):
    reply = served.raw(data)
    assert reply["ok"] is False and says in reply["message"], name
    assert served.thread.is_alive()
    custody = served.custody()  # the same stream still works
    custody.store.create_attempt("after")


@pytest.mark.parametrize("name, request_, says", [
    ("attempt of another connection", {"op": "append", "attempt": "elsewhere", "kind": "guard", "payload": {}},
     "was not created or opened by this interface"),
    ("bad attempt id", {"op": "create", "attempt": "../../etc"}, "'attempt'"),
    ("bad kind", {"op": "append", "attempt": "mine", "kind": "DROP TABLE", "payload": {}}, "'kind'"),
    ("payload not an object", {"op": "append", "attempt": "mine", "kind": "guard", "payload": [1]}, "'payload'"),
    ("negative elapsed", {"op": "checkpoint", "attempt": "mine", "elapsed": -1, "wall": "2026-01-01T00:00:00+00:00"},
     "'elapsed'"),
    ("naive wall time", {"op": "checkpoint", "attempt": "mine", "elapsed": 1, "wall": "2026-01-01T00:00:00"},
     "timezone"),
    ("commit without begin", {"op": "commit", "attempt": "mine"}, "no transaction"),
    ("submit another attempt's summary", {"op": "submit", "attempt": "mine", "summary": {"attempt_id": "x"},
                                          "head": ""}, "'summary'"),
    ("submit with another head", {"op": "submit", "attempt": "mine", "summary": {"attempt_id": "mine"},
                                  "head": "00" * 32}, "do not end at the journal's head"),
    ("unwrap an attempt key", {"op": "unwrap-bank-key", "context": "pupitre/journal-key|mine", "entry": {}},
     "'context'"),
])
def test_requests_outside_what_the_interface_may_do_are_refused(served, name, request_, says):
    custody = served.custody()
    journal = custody.store.create_attempt("mine")
    journal.append("attempt-created", {"attempt_id": "mine"})
    with pytest.raises(JournalError) as caught:
        custody.client.call(request_.pop("op"), **request_)
    assert says in str(caught.value), name
    assert [e.seq for e in served.store.open_attempt("mine").events()] == [1]


def test_an_integrity_failure_reaches_the_interface_as_one(served):
    custody = served.custody()
    broken = custody.store.create_attempt("broken")
    broken.append("attempt-created", {"attempt_id": "broken"})
    broken.append("checked-in", {"candidate": {}, "locale": "fr"})
    with served.store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS entries_no_update")
        conn.exec_driver_sql("UPDATE entries SET kind = 'guard' WHERE attempt_id = 'broken'")
    with pytest.raises(JournalIntegrityError, match="broken"):
        custody.store.open_attempt("broken")


def test_a_submitted_attempt_is_not_opened_again(served):
    custody = served.custody()
    run_exam(custody.store, custody.sink, custody.device.name, "done")
    with pytest.raises(JournalError, match="not an unfinished attempt"):
        custody.store.open_attempt("done")
    with pytest.raises(JournalError, match="not an unfinished attempt"):
        custody.store.open_attempt("never-made")


def test_the_keeper_opens_bank_keys_wrapped_for_the_device_and_nothing_else(served, device):
    custody = served.custody()
    key = b"k" * 32
    context = b"pupitre/bank-key|demo|3"
    assert unwrap_bank_key(custody.client, wrap_for_recipient(key, device.public.wrapping, context), context) == key
    other = wrap_for_recipient(key, KeyPair.generate("other").public.wrapping, context)
    with pytest.raises(JournalError, match="does not open"):
        unwrap_bank_key(custody.client, other, context)


def test_a_refused_interface_is_never_served(tmp_path, device):
    keeper = Served(tmp_path / "data", device, admit=lambda: "it is being traced by process 4242")
    try:
        with pytest.raises(KeeperError, match="traced by process 4242"):
            keeper.custody()
        reply = keeper.raw(frame(b'{"attempt":"a","op":"create"}'))
        assert reply["ok"] is False and "not served" in reply["message"]
    finally:
        keeper.stop()


def test_a_keeper_that_is_gone_is_a_journal_error_not_a_crash(served):
    custody = served.custody()
    journal = custody.store.create_attempt("att-4")
    served.ours.shutdown(socket.SHUT_RDWR)
    for _ in range(2):
        with pytest.raises(KeeperGoneError, match=r"keeper .* has stopped"):
            journal.append("attempt-created", {"attempt_id": "att-4"})


def test_no_keeper_socket_is_said(tmp_path):
    with pytest.raises(KeeperError, match="pupitre-kiosk keeper"):
        connect_keeper({})
    with open(tmp_path / "f", "w") as handle, pytest.raises(KeeperError, match="not"):
        connect_keeper({FD_ENV: str(handle.fileno())})


def test_the_invigilators_code_is_checked_by_the_keeper_with_its_throttle(tmp_path, device):
    from kiosk.guard import UnlockGate, set_unlock_code
    from kiosk.guard.errors import UnlockThrottledError
    from protocol.keys import ScryptParams

    folder = tmp_path / "keeper"
    set_unlock_code(folder, "code-du-surveillant", ScryptParams(n=2**14))
    clock = [100.0]
    keeper = Served(folder, device, gate=UnlockGate(folder, clock=lambda: clock[0]))
    try:
        gate = keeper.custody().unlock_gate()
        assert gate.is_set and str(folder) in gate.path
        assert gate.check("code-du-surveillant") is True
        assert [gate.check("wrong") for _ in range(3)] == [False] * 3 and gate.failures == 3
        with pytest.raises(UnlockThrottledError) as throttled:
            gate.check("code-du-surveillant")  # not even tried while the wait runs
        assert throttled.value.retry_after > 0
        clock[0] += 60
        assert gate.check("code-du-surveillant") is True and gate.failures == 0
        with pytest.raises(JournalError, match="'code'"):
            keeper.custody().client.call("unlock", code="x" * 1000)
    finally:
        keeper.stop()


def test_a_keeper_without_a_code_says_none_is_set(served):
    from kiosk.app import KioskStartError
    from kiosk.exam import require_unlock_code

    custody = served.custody()
    assert not custody.unlock_gate().is_set
    with pytest.raises(KioskStartError, match=f"set-unlock-code --data-dir {served.store.data_dir}"):
        require_unlock_code(served.store.data_dir / "elsewhere", custody)
