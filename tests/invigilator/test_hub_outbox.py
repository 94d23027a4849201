"""The console's outbox to the hub, without the hub: backoff, chunk sizes, the files and their states, the counter,
the hub's configuration and its certificate learned under the pin."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import random
import socket
import ssl
import statistics
import threading
from pathlib import Path

import pytest

from invigilator.errors import HubConfigError, HubIdentityError, HubUnreachableError
from invigilator.hub_client import HubCounter
from invigilator.hub_config import fetch_certificate, load_config, parse_url, save_config
from invigilator.hub_outbox import HubOutbox, State
from invigilator.hub_sender import Backoff, ChunkSizer, Outcome, upload_package
from invigilator.tls import create_console_tls
from protocol.atomicfile import write_atomic
from protocol.bundle import bundle_id, make_bundle
from protocol.keys import KeyPair
from protocol.registry import DeviceEntry, raw_public, sign_registry
from protocol.session_package import PackageError, build_package, make_receipt, package_id
from tests.protocol.test_bundle import NOW, exam

CENTER_ID = "0750001A"


# -- packages made the way the console makes them ---------------------------------------------------------
def make_package(center: KeyPair, kiosk: KeyPair, *, session_id: str = "2026-0615-B12", candidates: int = 2,
                 report_bytes: int = 0) -> bytes:
    """A real session package: real signed bundles, the center's signed registry, a report padded to size."""
    bundles, results = [], []
    for n in range(candidates):
        summary, events = exam(f"{session_id}-att-{n}")
        bundle = make_bundle(summary, events, kiosk, NOW)
        bundles.append(bundle)
        results.append({"attempt": f"{session_id}-att-{n}", "bundle": bundle_id(bundle), "outcome": "finished",
                        "candidate": {"external_id": f"INE-{n}", "last_name": "Martin", "first_name": f"Léa {n}",
                                      "birth_date": "2009-05-17"},
                        "score": 212, "level": "novice-2", "abort_reason": None, "comment": ""})
    device = DeviceEntry(kiosk.public.signing_id, "PC-07", raw_public(kiosk.public.signing), NOW)
    registry = sign_registry(CENTER_ID, [device], NOW, center)
    report = b"%PDF-1.4\n" + random.Random(session_id).randbytes(report_bytes) + b"\n%%EOF\n"
    return build_package(center_keys=center, center_id=CENTER_ID, center_name="Lycée Test",
                         session={"id": session_id, "date": "2026-06-15", "room": "B12", "invigilators": ["Mme Roy"],
                                  "bank": {"id": "demo", "sha256": "ab" * 32}, "profile": "certification",
                                  "finalised_by": "Mme Roy"},
                         results=results, bundles=bundles, registry=registry, report_pdf=report, created_at=NOW)


def queue_package(data_dir: Path, data: bytes) -> str:
    folder = data_dir / "outbox"
    folder.mkdir(parents=True, exist_ok=True)
    package = package_id(data)
    write_atomic(folder / f"{package}.ppkg", data, mode=0o640)
    return package


@pytest.fixture(scope="module")
def keys():
    return {"center": KeyPair.generate("center"), "kiosk": KeyPair.generate("kiosk"),
            "hub": KeyPair.generate("hub"), "other": KeyPair.generate("not the hub")}


def receipt(hub: KeyPair, package: str) -> bytes:
    return make_receipt(package=package, center=CENTER_ID, session="2026-0615-B12", candidates=2, stored_at=NOW,
                        hub_name="hub-test", hub_keys=hub)


# -- backoff ----------------------------------------------------------------------------------------------
def test_backoff_is_full_jitter_under_a_doubling_ceiling_bounded_by_the_cap():
    backoff = Backoff(random.Random(3), base=1.0, cap=60.0)
    ceilings, waits = [], []
    for _ in range(12):
        ceilings.append(backoff.ceiling)
        waits.append(backoff.next())
    assert ceilings == [1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60, 60]
    assert all(0 <= w <= c for w, c in zip(waits, ceilings, strict=True))
    for _ in range(200):  # never beyond the cap, however long the hub is away
        assert backoff.next() <= 60.0


def test_backoff_is_deterministic_with_a_seeded_rng_and_spread_over_the_whole_interval():
    a = [Backoff(random.Random(11), cap=8.0) for _ in range(2)]
    assert [a[0].next() for _ in range(6)] == [a[1].next() for _ in range(6)]
    sample = []
    rng = random.Random(5)
    for _ in range(2000):
        b = Backoff(rng, base=1.0, cap=8.0)
        b.failures = 3  # ceiling 8
        sample.append(b.next())
    assert min(sample) < 0.2 and max(sample) > 7.8  # full jitter: from nothing to the ceiling
    assert 3.6 < statistics.mean(sample) < 4.4


def test_backoff_reset_on_progress_starts_again_from_the_base():
    backoff = Backoff(random.Random(1), base=0.5, cap=30.0)
    for _ in range(10):
        backoff.next()
    assert backoff.ceiling == 30.0
    backoff.reset()
    assert backoff.ceiling == 0.5 and backoff.next() <= 0.5


def test_backoff_refuses_nonsense_bounds():
    with pytest.raises(ValueError):
        Backoff(base=0)
    with pytest.raises(ValueError):
        Backoff(base=10, cap=1)


# -- chunk size -------------------------------------------------------------------------------------------
def test_chunks_follow_the_link_within_bounds():
    sizer = ChunkSizer()
    sizer.sent(64 * 1024, 8.0)  # 8 KB/s: a 64 kbit/s link
    assert sizer.size == 16 * 1024
    for _ in range(10):
        sizer.sent(sizer.size, 0.01)  # a LAN
    assert sizer.size == 1024 * 1024
    before = sizer.size
    sizer.sent(before, 0.001)
    assert sizer.size == before  # never above the hub's 1 MiB
    sizer.failed()
    assert sizer.size == before // 2
    for _ in range(20):
        sizer.failed()
    assert sizer.size == 16 * 1024


def test_one_fast_chunk_grows_the_size_fourfold_at_most():
    sizer = ChunkSizer(first=16 * 1024)
    sizer.sent(16 * 1024, 0.0001)
    assert sizer.size == 64 * 1024


# -- the outbox's files --------------------------------------------------------------------------------
def test_states_pending_sent_refused_and_bytes_at_the_hub(tmp_path, keys):
    a = queue_package(tmp_path, make_package(keys["center"], keys["kiosk"], session_id="S-A"))
    b = queue_package(tmp_path, make_package(keys["center"], keys["kiosk"], session_id="S-B"))
    c = queue_package(tmp_path, make_package(keys["center"], keys["kiosk"], session_id="S-C"))
    outbox = HubOutbox(tmp_path)
    (tmp_path / "outbox" / "notes.txt").write_text("not a package")
    (tmp_path / "outbox" / f".{a}.ppkg.x1.tmp").write_bytes(b"half")
    assert sorted(outbox.ids()) == sorted([a, b, c])
    outbox.record_receipt(a, receipt(keys["hub"], a), keys["hub"].public)
    outbox.record_refusal(b, "replay divergence: attempt S-B-att-1 scores 230, the package says 212", None, NOW)
    outbox.record_progress(c, 4096, outbox.size(c), NOW, error="the hub does not answer")
    entries = {e.id: e for e in outbox.entries(keys["hub"].public)}
    assert entries[a].state is State.SENT and entries[a].receipt.package == a
    assert entries[b].state is State.REFUSED and "replay divergence" in entries[b].reason
    assert entries[c].state is State.PENDING and entries[c].sent_bytes == 4096
    assert entries[c].error == "the hub does not answer"
    assert outbox.pending() == [c]
    assert outbox.clear_refusal(b) and set(outbox.pending()) == {b, c}
    assert not outbox.clear_refusal(b)


@pytest.mark.parametrize("forge", ["other key", "other package", "garbage"])
def test_a_forged_receipt_is_not_kept_and_the_package_stays_pending(tmp_path, keys, forge):
    a = queue_package(tmp_path, make_package(keys["center"], keys["kiosk"], session_id="S-A"))
    outbox = HubOutbox(tmp_path)
    forged = {"other key": receipt(keys["other"], a), "other package": receipt(keys["hub"], "cd" * 32),
              "garbage": b'{"not": "a receipt"}'}[forge]
    with pytest.raises(PackageError):
        outbox.record_receipt(a, forged, keys["hub"].public)
    assert outbox.pending() == [a] and outbox.receipt_bytes(a) is None
    assert (tmp_path / "outbox" / f"{a}.ppkg").is_file()


def test_a_receipt_file_swapped_in_by_hand_does_not_count_as_sent(tmp_path, keys):
    a = queue_package(tmp_path, make_package(keys["center"], keys["kiosk"], session_id="S-A"))
    (tmp_path / "outbox" / f"{a}.receipt").write_bytes(receipt(keys["other"], a))
    entry = HubOutbox(tmp_path).entry(a, keys["hub"].public)
    assert entry.state is State.PENDING and "does not verify" in entry.error


def test_a_damaged_package_is_never_sent_and_is_listed_refused_with_why(tmp_path, keys):
    data = make_package(keys["center"], keys["kiosk"])
    a = queue_package(tmp_path, data)
    path = tmp_path / "outbox" / f"{a}.ppkg"
    path.write_bytes(data[:-10] + b"0123456789")
    outbox = HubOutbox(tmp_path)
    with pytest.raises(PackageError, match="SHA-256 is not its name"):
        outbox.read(a)
    # the client is never reached: nothing of a damaged file leaves the console
    assert upload_package(None, outbox, a, clock=lambda: NOW) is Outcome.REFUSED  # type: ignore[arg-type]
    entry = outbox.entry(a)
    assert entry.state is State.REFUSED and "damaged" in entry.reason


def test_one_sender_at_a_time(tmp_path):
    outbox = HubOutbox(tmp_path)
    with outbox.sending() as first:
        assert first
        ctx = multiprocessing.get_context("fork")
        queue = ctx.Queue()
        process = ctx.Process(target=_try_sending, args=(tmp_path, queue))
        process.start()
        process.join(20)
        assert queue.get(timeout=5) is False
    with outbox.sending() as again:
        assert again


def _try_sending(data_dir: Path, queue) -> None:
    with HubOutbox(data_dir).sending() as held:
        queue.put(held)


# -- the request counter --------------------------------------------------------------------------------
def test_the_counter_grows_survives_a_restart_and_continues_above_the_hub(tmp_path):
    wall = [1000]
    counter = HubCounter(tmp_path, wall_us=lambda: wall[0])
    assert [counter.next() for _ in range(3)] == [1000, 1001, 1002]
    wall[0] = 5  # the clock went back: the counter does not
    again = HubCounter(tmp_path, wall_us=lambda: wall[0])
    assert again.next() == 1003
    again.continue_from(90_000)
    assert again.next() == 90_001
    again.continue_from(10)  # never backwards
    assert again.next() == 90_002


def test_two_processes_never_sign_the_same_counter(tmp_path):
    HubCounter(tmp_path, wall_us=lambda: 1).next()
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    processes = [ctx.Process(target=_draw, args=(tmp_path, queue)) for _ in range(2)]
    for p in processes:
        p.start()
    drawn = [queue.get(timeout=60) for _ in processes]
    for p in processes:
        p.join(30)
    values = drawn[0] + drawn[1]
    assert len(values) == 400 and len(set(values)) == 400


def _draw(data_dir: Path, queue) -> None:
    counter = HubCounter(data_dir, wall_us=lambda: 1)  # a stuck clock: only the file keeps them apart
    queue.put([counter.next() for _ in range(200)])


def test_a_damaged_counter_file_is_named(tmp_path):
    (tmp_path / "hub").mkdir()
    (tmp_path / "hub" / "counter.json").write_text('{"last": "many"}')
    with pytest.raises(HubConfigError, match=r"counter\.json"):
        HubCounter(tmp_path).next()


# -- the hub's configuration ------------------------------------------------------------------------------
@pytest.mark.parametrize("url", ["http://hub:8443", "https://hub:8443/v1", "https://u:p@hub:8443", "https://:8443",
                                 "https://hub:99999", "hub:8443"])
def test_a_wrong_hub_address_is_refused_with_the_reason(url):
    with pytest.raises(HubConfigError, match="hub address"):
        parse_url(url)


def test_the_configuration_round_trip_and_damage(tmp_path, keys):
    keys["hub"].public.save(tmp_path / "hub.pub")
    assert load_config(tmp_path) is None
    with pytest.raises(HubConfigError, match="--pin"):
        save_config(tmp_path, "https://hub.example:8443", "12ab", tmp_path / "hub.pub", None)
    (tmp_path / "x.pub").write_text("{}")
    with pytest.raises(HubConfigError, match="--key"):
        save_config(tmp_path, "https://hub.example:8443", "ab" * 32, tmp_path / "x.pub", None)
    save_config(tmp_path, "https://hub.example:8443/", "AB" * 32, tmp_path / "hub.pub", None)
    config = load_config(tmp_path)
    assert config.url == "https://hub.example:8443" and config.pin == "ab" * 32
    assert config.key.signing_id == keys["hub"].public.signing_id and config.certificate_pem is None
    keys["other"].public.save(tmp_path / "hub" / "hub.pub")  # swapped behind the console's back
    with pytest.raises(HubConfigError, match="not the hub key"):
        load_config(tmp_path)


class TLSServer:
    """A TLS server on loopback that only shakes hands (and counts the bytes it received after)."""

    def __init__(self, folder: Path):
        self.tls = create_console_tls(folder, "hub", dt.datetime.now(dt.UTC))
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(self.tls.cert_path, self.tls.key_path)
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.received = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                raw, _ = self.sock.accept()
            except OSError:
                return
            try:
                with self.context.wrap_socket(raw, server_side=True) as conn:
                    while data := conn.recv(4096):
                        self.received += len(data)
            except (OSError, ssl.SSLError):
                pass


def test_the_certificate_is_learned_only_from_a_machine_with_the_pin(tmp_path):
    server = TLSServer(tmp_path)
    url = f"https://127.0.0.1:{server.port}"
    pem = fetch_certificate(url, server.tls.pin)
    assert "BEGIN CERTIFICATE" in pem
    with pytest.raises(HubIdentityError, match="not the hub's"):
        fetch_certificate(url, "0f" * 32)
    assert server.received == 0  # nothing but the handshake went to it
    closed = socket.create_server(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    with pytest.raises(HubUnreachableError):
        fetch_certificate(f"https://127.0.0.1:{port}", server.tls.pin, timeout=2)
