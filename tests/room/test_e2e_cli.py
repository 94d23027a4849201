"""The room through its two command lines: ``pupitre-invigilator init``, ``enrol-code`` and ``serve``,
then ``pupitre-kiosk enrol --console`` with the code; ``kiosks list`` and ``status`` show the kiosk,
``kiosks revoke`` shuts it out at its next sync (issue 10)."""

from __future__ import annotations

import datetime as dt
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from invigilator.store import RoomStore
from kiosk.core.session import State
from kiosk.device import load_or_create_device
from kiosk.link.book import SyncBook
from kiosk.link.counter import RequestCounter
from kiosk.link.pairing import load_pairing
from kiosk.link.signer import DeviceSigner
from kiosk.link.transport import ConsoleConnection
from kiosk.link.worker import SyncWorker
from tests.room.conftest import Kiosk, wait_for
from tests.room.test_e2e_sync import to_question

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return True
    except OSError:
        return False


def test_init_enrol_code_serve_then_the_kiosk_enrols_is_listed_syncs_and_is_revoked(tmp_path: Path) -> None:
    env = {**os.environ, "PUPITRE_CENTER_PASSPHRASE": "center secret phrase"}
    console = [str(BIN / "pupitre-invigilator"), "--data-dir", str(tmp_path / "console")]

    def run(*argv: str) -> str:
        done = subprocess.run([*console, *argv], env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    run("init", "--center-id", "0750001A", "--center-name", "Lycée Test")
    code = re.search(r"Enrolment code: (\S+)", run("enrol-code")).group(1)
    port = free_port()
    server = subprocess.Popen([*console, "serve", "--listen", f"127.0.0.1:{port}"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: listening(port) or server.poll() is not None, "the console to listen", timeout=20)
        assert server.poll() is None, server.stderr.read() if server.stderr else ""
        kiosk_dir = tmp_path / "kiosk"
        enrolled = subprocess.run([str(BIN / "pupitre-kiosk"), "enrol", "--console", f"127.0.0.1:{port}",
                                   "--name", "PC 01", "--data-dir", str(kiosk_dir), code],
                                  env=env, capture_output=True, text=True, timeout=60)
        assert enrolled.returncode == 0, enrolled.stderr
        assert "Enrolled as PC 01" in enrolled.stdout
        listed = run("kiosks", "list")
        pairing = load_pairing(kiosk_dir / "device")
        assert "PC 01" in listed and pairing.kiosk_id[:10] in listed
        assert pairing.center_id == "0750001A"
        # the kiosk syncs once (its link, from the pairing and device key the command line saved)
        device = load_or_create_device(kiosk_dir)
        signer = DeviceSigner(device.keypair, RequestCounter(kiosk_dir / "device", lambda: time.time_ns() // 1000),
                              lambda: dt.datetime.now(dt.UTC))
        book = SyncBook()
        book.set_status({"state": "check-in", "candidate_id": None, "attempt_id": "att-1", "question": None,
                         "total": 6, "seconds_left": None, "focused": True})
        worker = SyncWorker(ConsoleConnection(pairing, signer), book, queue.SimpleQueue())
        try:
            assert worker.sync_once(), worker.health.last_error
            assert "PC 01" in run("status")
            run("kiosks", "revoke", "PC 01")
            assert worker.sync_once() is False and "revoked" in worker.health.last_error
        finally:
            worker.stop()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)


class ServedConsole:
    """``pupitre-invigilator serve`` in a process of its own, on a fixed port, that a test may kill -9."""

    def __init__(self, tmp_path: Path):
        self.env = {**os.environ, "PUPITRE_CENTER_PASSPHRASE": "center secret phrase"}
        self.data_dir = tmp_path / "console"
        self.argv = [str(BIN / "pupitre-invigilator"), "--data-dir", str(self.data_dir)]
        self.port = free_port()
        self.process: subprocess.Popen[str] | None = None

    def run(self, *argv: str) -> str:
        done = subprocess.run([*self.argv, *argv], env=self.env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def code(self) -> str:
        return re.search(r"Enrolment code: (\S+)", self.run("enrol-code")).group(1)

    def start(self) -> None:
        self.process = subprocess.Popen([*self.argv, "serve", "--listen", self.address], env=self.env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(lambda: listening(self.port) or self.process.poll() is not None, "the console to listen", 20)
        assert self.process.poll() is None

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()  # SIGKILL: no clean stop, no last flush
        self.process.wait(timeout=10)
        self.process = None

    def replica(self, kiosk_id: str, attempt_id: str) -> list[str]:
        store = RoomStore.open(None, self.data_dir)
        try:
            return [e.hash for e in store.replicas.entries(kiosk_id, attempt_id)]
        finally:
            store.close()


def test_the_console_killed_9_mid_exam_and_restarted_loses_and_doubles_nothing(tmp_path: Path) -> None:
    console = ServedConsole(tmp_path)
    console.run("init", "--center-id", "0750001A", "--center-name", "Lycée Test")
    console.start()
    kiosk = Kiosk(tmp_path, console)  # type: ignore[arg-type]  # enrols over the network like any kiosk
    kiosk.worker.start()
    try:
        to_question(kiosk)
        s = kiosk.session
        wait_for(lambda: console.replica(kiosk.id, kiosk.attempt) == [e.hash for e in s.events], "a first sync")
        console.kill()
        for _ in range(3):
            kiosk.harness.clock.advance(10)
            s.answer(kiosk.harness.right())
        wait_for(lambda: not kiosk.worker.health.reachable, "the kiosk to notice the console is gone")
        assert s.state is State.QUESTION  # the candidate goes on
        console.start()
        wait_for(lambda: console.replica(kiosk.id, kiosk.attempt) == [e.hash for e in s.events],
                 "the replica to catch up after the restart", timeout=15)
    finally:
        kiosk.worker.stop()
        if console.process is not None:
            console.process.send_signal(signal.SIGTERM)
            console.process.wait(timeout=20)
