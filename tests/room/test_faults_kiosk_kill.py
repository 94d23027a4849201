"""A real kiosk process killed with SIGKILL during a sync, started again: it resyncs without gap or duplicate.

The kiosk (``tests/room/kiosk_child.py``: exam mode without its window, its SQLite journal, its
room link) is enrolled through the test's proxy, which decides where the sync in flight is when
the kill lands: its request held before the console (the console never saw it), or its answer
held after the console stored it (the console holds entries the kiosk never heard it took).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from itembank.pbank import build_bank
from itembank.synth import synthetic_bank
from kiosk.clock import SystemClock
from kiosk.device import DEVICE_DIR, load_or_create_device
from kiosk.guard.unlock import set_unlock_code
from kiosk.journal import JournalStore
from kiosk.link.enrolment import enrol
from protocol.keys import KeyPair, ScryptParams
from tests.room.conftest import UNLOCK, Console, now, wait_for
from tests.room.proxy import PartitionProxy

ROOT = Path(__file__).resolve().parents[2]


class KioskProcess:
    """``tests.room.kiosk_child`` on a data folder, its lines read as they come."""

    def __init__(self, data_dir: Path, bank: Path, trust: Path):
        self.argv = [sys.executable, "-m", "tests.room.kiosk_child", "--data-dir", str(data_dir), "--bank", str(bank),
                     "--passphrase", "pw", "--trust", str(trust), "--unlock", UNLOCK, "--skip-every", "1.0"]
        self.process: subprocess.Popen[str] | None = None
        self.lines: list[list[str]] = []

    def start(self) -> list[str]:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        self.lines = []
        self.process = subprocess.Popen(self.argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True)
        threading.Thread(target=self._read, args=(self.process,), daemon=True).start()
        return wait_for(lambda: next((f for f in self.lines if f[0] == "START"), None) or self._died(),
                        "the kiosk to start", timeout=60)

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.split():
                self.lines.append(line.split())

    def _died(self) -> None:
        if self.process is not None and self.process.poll() is not None:
            raise AssertionError(f"the kiosk stopped: {self.process.stderr.read() if self.process.stderr else ''}")

    def last(self) -> tuple[int, int]:
        """(journal's last seq, acknowledged seq) as the kiosk last said."""
        self._died()
        seqs = [f for f in self.lines if f[0] == "SEQ"]
        return (int(seqs[-1][1]), int(seqs[-1][2])) if seqs else (0, 0)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        assert self.process.returncode == -signal.SIGKILL
        self.process = None


@pytest.fixture
def enrolled(tmp_path: Path, console: Console):
    publisher = KeyPair.generate("publisher")
    bank = build_bank(synthetic_bank(64, seed=5), tmp_path / "bank.pbank", publisher, passphrase="pw",
                      scrypt=ScryptParams(n=2**14))
    trust = publisher.public.save(tmp_path / "publisher.pub")
    data = tmp_path / "kiosk"
    device = load_or_create_device(data)
    set_unlock_code(data, UNLOCK, ScryptParams(n=2**14))
    proxy = PartitionProxy(("127.0.0.1", console.port)).start()
    enrol(proxy.address, console.code(), public=device.public, sign=device.keypair.sign, name="PC 07",
          device_dir=data / DEVICE_DIR, now=now)
    kiosk = KioskProcess(data, bank, trust)
    yield kiosk, proxy, data, device
    if kiosk.process is not None:
        kiosk.kill()
    proxy.stop()


def replica(console: Console, kiosk_id: str, attempt: str) -> list[str]:
    assert console.store is not None
    return [e.hash for e in console.store.replicas.entries(kiosk_id, attempt)]


@pytest.mark.slow
@pytest.mark.parametrize("held", ["request", "answer"])
def test_a_kiosk_killed_9_during_a_sync_resyncs_without_gap_or_duplicate(console: Console, enrolled, held: str) -> None:
    kiosk, proxy, data, device = enrolled
    _, attempt, how, _state, _seq = kiosk.start()
    assert how == "new"
    wait_for(lambda: (last := kiosk.last())[1] >= 10 and last, "a first syncs' acknowledgements", timeout=30)
    # a sync in flight, frozen where the test wants it, then the kill
    stored_before = len(replica(console, device.key_id, attempt))
    proxy.stall(answers_only=held == "answer")
    if held == "request":
        wait_for(lambda: proxy.counters.held_up > 0, "a sync request held before the console")
    else:
        wait_for(lambda: proxy.counters.held_down > 0 and len(replica(console, device.key_id, attempt)) > stored_before,
                 "a sync stored by the console, its answer held")
    written, acknowledged = kiosk.last()
    kiosk.kill()
    stored = replica(console, device.key_id, attempt)
    if held == "answer":  # the console took entries the kiosk never heard it take
        assert len(stored) > acknowledged
    else:
        assert len(stored) == stored_before
    proxy.heal()
    # started again: the same attempt from its journal, every entry it had said it wrote still there
    _, again, how, _state, seq = kiosk.start()
    assert (again, how) == (attempt, "restored") and int(seq) >= written
    wait_for(lambda: (last := kiosk.last())[1] > int(seq) and last, "the resync past the kill", timeout=30)
    kiosk.kill()
    with JournalStore(data, device, SystemClock()) as store:
        journal = [e.hash for e in store.open_attempt(attempt).events()]
    stored = replica(console, device.key_id, attempt)
    assert len(stored) > int(seq) and stored == journal[:len(stored)]  # the chain, in order, once: no gap, no double
    assert console.store is not None
    seqs = [e.seq for e in console.store.replicas.entries(device.key_id, attempt)]
    assert seqs == list(range(1, len(seqs) + 1))
    assert not [a for a in console.store.alerts.alerts(kiosk_id=device.key_id) if a.kind == "chain-break"]
