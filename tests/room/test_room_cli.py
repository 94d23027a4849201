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

from kiosk.device import load_or_create_device
from kiosk.link.book import SyncBook
from kiosk.link.counter import RequestCounter
from kiosk.link.pairing import load_pairing
from kiosk.link.signer import DeviceSigner
from kiosk.link.transport import ConsoleConnection
from kiosk.link.worker import SyncWorker
from tests.room.conftest import wait_for

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
