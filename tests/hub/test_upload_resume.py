"""The console's uploader against the real hub (its service and HTTPS server, SQLite): resumable after a cut at any
chunk, idempotent, done only with a receipt that verifies, refusals recorded with the hub's reason."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from invigilator.hub_config import load_config, save_config
from invigilator.hub_outbox import HubOutbox, State
from invigilator.hub_sender import Backoff, ChunkSizer, HubSender, Outcome
from itembank.pbank import open_bank
from protocol.keys import KeyPair
from protocol.session_package import verify_receipt
from tests.hub.upload_sessions import CENTER_ID, ExamRoom, HubUnderTest, console_for, queue, session_package
from tests.invigilator.test_hub_outbox import make_package
from tests.netproxy import NetProxy

CHUNK = 16 * 1024


@pytest.fixture(scope="module")
def parties():
    return {"center": KeyPair.generate("center"), "publisher": KeyPair.generate("publisher")}


@pytest.fixture(scope="module")
def hub(tmp_path_factory, parties):
    hub = HubUnderTest(tmp_path_factory.mktemp("hub"), parties["center"], parties["publisher"]).serve()
    yield hub
    hub.stop()


@pytest.fixture(scope="module")
def packages(hub, parties):
    """Session packages of 4 candidates each (about 170 kB: ten or so 16 KiB chunks), one per session number."""
    made = {}
    with open_bank(hub.bank_path, [parties["publisher"].public], recipient=parties["center"]) as bank:
        room = ExamRoom(bank)

        def make(number: int) -> bytes:
            if number not in made:
                made[number] = session_package(room, parties["center"], CENTER_ID, f"{2611220000 + number}", 4,
                                               seed=number)
            return made[number]
        yield make


_SENDERS: list[HubSender] = []


def close_senders() -> None:
    """Close the senders' connections: a hub's server waits for its open keep-alive connections before it stops."""
    while _SENDERS:
        _SENDERS.pop().stop()


@pytest.fixture(autouse=True)
def _senders_closed():
    yield
    close_senders()


def sender(data_dir: Path, parties, *, chunk: int | None = CHUNK, seed: int = 1) -> HubSender:
    s = HubSender(data_dir, CENTER_ID, parties["center"], rng=random.Random(seed),
                  backoff=Backoff(random.Random(seed), base=0.05, cap=0.5))
    if chunk is not None:
        s.sizer = ChunkSizer(first=chunk, low=chunk, high=chunk)
    _SENDERS.append(s)
    return s


def test_a_package_is_sent_and_its_verified_receipt_kept(tmp_path, hub, parties, packages):
    data_dir = console_for(tmp_path / "console", hub, f"127.0.0.1:{hub.port}")
    package = queue(data_dir, packages(1))
    s = sender(data_dir, parties, chunk=None)
    assert s.round() is None
    entry = HubOutbox(data_dir).entry(package, hub.keys.public)
    assert entry.state is State.SENT and entry.receipt.candidates == 4 and entry.receipt.center == CENTER_ID
    verify_receipt((data_dir / "outbox" / f"{package}.receipt").read_bytes(), hub_key=hub.keys.public,
                   package=package)
    assert (data_dir / "outbox" / f"{package}.ppkg").is_file()  # kept, with its receipt
    assert load_config(data_dir).certificate_pem is not None  # learned under the pin
    assert s.status.sent == 1 and s.status.bytes_sent == len(packages(1))


@pytest.mark.slow
@pytest.mark.parametrize("where", ["answer lost", "chunk half sent"])
def test_resumable_after_a_cut_at_any_chunk(tmp_path, hub, parties, packages, where):
    """For every chunk k of a package: the link dies at k (after the hub committed it and before its answer came
    back, or in the middle of its body); the next round continues from the hub's offset, and nothing the hub
    had is sent again."""
    chunks = min(-(-len(packages(n)) // CHUNK) for n in range(100, 103)) - 1
    assert chunks >= 7
    for k in range(chunks):
        data = packages(100 + k) if where == "answer lost" else packages(200 + k)
        these = -(-len(data) // CHUNK)
        assert k < these
        data_dir = console_for(tmp_path / f"console-{k}", hub, "127.0.0.1:0")
        with NetProxy(("127.0.0.1", hub.port)) as proxy:
            save_config(data_dir, f"https://{proxy.address}", hub.pin, hub.public_path, None)
            package = queue(data_dir, data)
            hub.writes.clear()
            original = hub.service.write
            calls = []

            def cutting(center, pkg, offset, body, original=original, calls=calls, proxy=proxy, k=k):
                outcome = original(center, pkg, offset, body)
                calls.append(offset)
                if where == "answer lost" and len(calls) == k + 1:
                    proxy.cut()  # committed at the hub; the answer never reaches the console
                if where == "chunk half sent" and len(calls) == k:
                    proxy.cut_after_upstream(2500 + CHUNK // 2)  # the next request's header, then half its body
                return outcome

            hub.service.write = cutting
            try:
                if where == "chunk half sent" and k == 0:
                    proxy.cut_after_upstream(6000)  # the first chunk: the POST and the handshake first
                s = sender(data_dir, parties)
                wait = s.round()  # the cut lands in this round: it ends with the backoff, not an exception
                assert wait is not None and wait <= 0.5 and "failed" in s.status.last_error, s.status.last_error
                assert proxy.cuts == 1
                assert HubOutbox(data_dir).pending() == [package]
                while (wait := s.round()) is not None:
                    assert wait < 1.0
            finally:
                hub.service.write = original
            entry = HubOutbox(data_dir).entry(package, hub.keys.public)
            assert entry.state is State.SENT, f"cut at chunk {k}: {entry}"
            assert hub.accepted() == len(data), f"cut at chunk {k}: bytes written twice or missing"
            assert not [w for w in hub.writes if w.conflict], f"cut at chunk {k}: a chunk re-sent at a stale offset"
            assert len(hub.writes) == these


def test_the_same_package_twice_is_stored_once_with_the_same_receipt(tmp_path, hub, parties, packages):
    data = packages(3)
    receipts = []
    for n in range(2):
        data_dir = console_for(tmp_path / f"console-{n}", hub, f"127.0.0.1:{hub.port}")
        package = queue(data_dir, data)
        assert sender(data_dir, parties).round() is None
        receipts.append((data_dir / "outbox" / f"{package}.receipt").read_bytes())
    assert receipts[0] == receipts[1]


def test_a_receipt_signed_by_another_key_is_refused_and_the_package_kept(tmp_path, hub, parties, packages):
    impostor = KeyPair.generate("not the hub")
    impostor.public.save(tmp_path / "impostor.pub")
    data_dir = console_for(tmp_path / "console", hub, f"127.0.0.1:{hub.port}", key_path=tmp_path / "impostor.pub")
    package = queue(data_dir, packages(4))
    s = sender(data_dir, parties)
    wait = s.round()
    assert wait is not None and wait <= 0.5  # backed off, to ask again
    assert "does not verify" in s.status.last_error
    outbox = HubOutbox(data_dir)
    assert outbox.pending() == [package] and outbox.receipt_bytes(package) is None
    assert "does not verify" in outbox.entry(package).error
    # the center sets the right key: the hub answers "stored" at once (nothing is sent again), the receipt holds
    hub.writes.clear()
    save_config(data_dir, f"https://127.0.0.1:{hub.port}", hub.pin, hub.public_path, None)
    assert s.round() is None
    assert outbox.entry(package, hub.keys.public).state is State.SENT
    assert hub.writes == []


def test_a_receipt_of_another_package_is_refused(tmp_path, hub, parties, packages):
    data_dir = console_for(tmp_path / "console", hub, f"127.0.0.1:{hub.port}")
    other = queue(data_dir, packages(5))
    assert sender(data_dir, parties).round() is None
    other_receipt = HubOutbox(data_dir).receipt_bytes(other)
    package = queue(data_dir, packages(6))
    start, write = hub.service.start, hub.service.write

    def lie(status):  # a hub (or a man in the middle with its key) answering with another package's receipt
        return dataclasses.replace(status, receipt=other_receipt if status.state == "stored" else status.receipt)

    hub.service.start = lambda center, body: lie(start(center, body))
    hub.service.write = lambda *args: dataclasses.replace(outcome := write(*args), status=lie(outcome.status))
    try:
        s = sender(data_dir, parties)
        assert s.round() is not None
        assert "receipt of another package" in s.status.last_error
        assert HubOutbox(data_dir).pending() == [package]
        assert HubOutbox(data_dir).receipt_bytes(package) is None
    finally:
        hub.service.start, hub.service.write = start, write
    assert sender(data_dir, parties).round() is None
    assert HubOutbox(data_dir).entry(package, hub.keys.public).state is State.SENT


def test_a_refused_package_is_listed_with_the_hubs_reason_and_not_sent_again(tmp_path, hub, parties):
    data_dir = console_for(tmp_path / "console", hub, f"127.0.0.1:{hub.port}")
    # bundles from a kiosk the hub cannot replay (a bank it does not hold)
    package = queue(data_dir, make_package(parties["center"], KeyPair.generate("kiosk"), session_id="S-9"))
    s = sender(data_dir, parties)
    assert s.round() is None
    entry = HubOutbox(data_dir).entry(package, hub.keys.public)
    assert entry.state is State.REFUSED and entry.reason
    assert s.status.refused == 1
    hub.writes.clear()
    assert s.round() is None and hub.writes == []  # not retried until the operator acts
    assert HubOutbox(data_dir).clear_refusal(package)
    assert s.round() is None  # sent again: the hub answers with the same refusal, without a byte more
    assert HubOutbox(data_dir).entry(package).state is State.REFUSED and hub.writes == []


def test_a_machine_without_the_pin_gets_nothing(tmp_path, hub, parties, packages):
    data_dir = console_for(tmp_path / "console", hub, f"127.0.0.1:{hub.port}")
    save_config(data_dir, f"https://127.0.0.1:{hub.port}", "0f" * 32, hub.public_path, None)
    package = queue(data_dir, packages(7))
    hub.writes.clear()
    s = sender(data_dir, parties)
    assert s.round() is not None
    assert "not the hub's" in s.status.last_error
    assert hub.writes == [] and HubOutbox(data_dir).pending() == [package]


def test_outcome_of_one_upload_is_reported(tmp_path, hub, parties, packages):
    from invigilator.hub_client import HubClient
    from invigilator.hub_sender import upload_package

    data_dir = console_for(tmp_path / "console", hub, f"127.0.0.1:{hub.port}")
    package = queue(data_dir, packages(8))
    client = HubClient(data_dir, load_config(data_dir), CENTER_ID, parties["center"])
    try:
        progress = []
        assert upload_package(client, HubOutbox(data_dir), package, on_progress=progress.append) is Outcome.SENT
        assert sum(progress) == len(packages(8))
    finally:
        client.close()


def test_a_hub_that_takes_no_bytes_is_left_after_three_tries(tmp_path, hub, parties, packages):
    data_dir = console_for(tmp_path / "console", hub, f"127.0.0.1:{hub.port}")
    package = queue(data_dir, packages(9))
    write, status = hub.service.write, hub.service.status
    # answers 200 with its offset unchanged, as a hub whose disk is full but says nothing would
    hub.service.write = lambda center, pkg, offset, body: type(write(center, pkg, offset, b""))(
        status(center, pkg), False)
    try:
        s = sender(data_dir, parties)
        assert s.round() is not None
        assert "takes no bytes" in s.status.last_error
        assert HubOutbox(data_dir).pending() == [package]
    finally:
        hub.service.write = write
    assert sender(data_dir, parties).round() is None


def test_429_is_honoured_with_its_retry_after(tmp_path, parties, packages):
    busy = HubUnderTest(tmp_path / "busy", parties["center"], parties["publisher"]).serve(center_rate=0.2,
                                                                                          center_burst=2)
    try:
        data_dir = console_for(tmp_path / "console", busy, f"127.0.0.1:{busy.port}")
        queue(data_dir, packages(10))
        s = sender(data_dir, parties)
        wait = s.round()
        assert wait is not None and wait >= 1.0  # the hub's Retry-After, above this backoff's 0.5 s cap
        assert "429" in s.status.last_error
    finally:
        close_senders()
        busy.stop()


def test_a_certificate_renewed_on_the_same_key_is_learned_again_another_key_is_refused(tmp_path, parties):
    import datetime as dt

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from hub.home import make_certificate
    from protocol.pinning import spki_sha256

    renewed = HubUnderTest(tmp_path / "hub", parties["center"], parties["publisher"])
    with open_bank(renewed.bank_path, [parties["publisher"].public], recipient=parties["center"]) as bank:
        room = ExamRoom(bank)
        made = [session_package(room, parties["center"], CENTER_ID, f"{2611229000 + n}", 2, seed=n) for n in range(3)]
    renewed.serve()
    port = renewed.port
    data_dir = console_for(tmp_path / "console", renewed, f"127.0.0.1:{port}")
    first = queue(data_dir, made[0])
    assert sender(data_dir, parties).round() is None
    old_pem = load_config(data_dir).certificate_pem
    close_senders()
    renewed.stop()

    key = serialization.load_pem_private_key(renewed.home.tls_key_path.read_bytes(), None)
    renewed.home.tls_cert_path.write_bytes(make_certificate(key, "hub-test", dt.datetime.now(dt.UTC)).public_bytes(
        serialization.Encoding.PEM))
    renewed.serve(port=port)
    second = queue(data_dir, made[1])
    assert sender(data_dir, parties).round() is None
    config = load_config(data_dir)
    assert config.certificate_pem != old_pem and spki_sha256(config.certificate_pem) == renewed.pin
    close_senders()
    renewed.stop()

    other = ec.generate_private_key(ec.SECP256R1())  # another machine, or a hub whose key was replaced
    renewed.home.tls_key_path.write_bytes(other.private_bytes(serialization.Encoding.PEM,
                                                              serialization.PrivateFormat.PKCS8,
                                                              serialization.NoEncryption()))
    renewed.home.tls_cert_path.write_bytes(make_certificate(other, "hub-test", dt.datetime.now(dt.UTC)).public_bytes(
        serialization.Encoding.PEM))
    renewed.serve(port=port)
    writes = len(renewed.writes)
    try:
        third = queue(data_dir, made[2])
        s = sender(data_dir, parties)
        assert s.round() is not None and "not the hub's" in s.status.last_error
        assert len(renewed.writes) == writes and HubOutbox(data_dir).pending() == [third]  # nothing reached it
        assert {first, second} <= {e.id for e in HubOutbox(data_dir).entries() if e.state is State.SENT}
    finally:
        close_senders()
        renewed.stop()
