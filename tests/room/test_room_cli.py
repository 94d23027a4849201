"""The room through its two command lines: ``pupitre-invigilator init``, ``enrol-code`` and ``serve``,
then ``pupitre-kiosk enrol --console`` with the code; ``kiosks list`` shows the kiosk (issue 10)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

from kiosk.link.pairing import load_pairing
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


def test_init_enrol_code_serve_then_the_kiosk_enrols_and_is_listed(tmp_path: Path) -> None:
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
        again = subprocess.run([str(BIN / "pupitre-kiosk"), "enrol", "--console", f"127.0.0.1:{port}",
                                "--data-dir", str(tmp_path / "other"), code], env=env, capture_output=True,
                               text=True, timeout=60)
        assert again.returncode != 0 and "Traceback" not in again.stderr  # a code serves once
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
