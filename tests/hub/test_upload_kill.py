"""The hub killed mid-upload (``kill -9`` of a real ``pupitre-hub serve`` and its worker): the console's sender,
running on its thread, backs off, and once the hub is served again the upload resumes from the hub's offset
and completes once — one package and its results stored, one receipt, no byte acknowledged twice."""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from invigilator.errors import HubError
from invigilator.hub_config import fetch_certificate
from invigilator.hub_outbox import HubOutbox, State
from invigilator.hub_sender import Backoff, ChunkSizer, HubSender
from itembank.pbank import open_bank
from protocol.keys import KeyPair
from tests.hub.upload_sessions import (
    CENTER_ID,
    HUB_PASSPHRASE,
    ExamRoom,
    HubUnderTest,
    console_for,
    queue,
    session_package,
)
from tests.netproxy import NetProxy

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return int(sock.getsockname()[1])


def wait_for(condition, what: str, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


class HubProcess:
    """``python -m hub serve`` in its own process group (the parent and the worker it forks)."""

    def __init__(self, hub: HubUnderTest, port: int, passphrase_file: Path):
        self.hub, self.port = hub, port
        self.log = open(hub.root / f"serve-{time.monotonic_ns()}.log", "wb")  # noqa: SIM115 - closed in kill()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hub", "--dir", str(hub.home.root), "serve", "--listen", f"127.0.0.1:{port}",
             "--workers", "1", "--passphrase-file", str(passphrase_file)],
            cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)})

    def ready(self) -> None:
        def answers() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"pupitre-hub serve exited with {self.process.returncode}: "
                                     f"{Path(self.log.name).read_text(errors='replace')[-2000:]}")
            try:
                fetch_certificate(f"https://127.0.0.1:{self.port}", self.hub.pin, timeout=1)
            except HubError:
                return False
            return True
        wait_for(answers, "the hub to serve", timeout=60)

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)  # the parent and its worker, at once, without warning
        self.process.wait(10)
        self.log.close()


@pytest.mark.slow
def test_the_hub_killed_mid_upload_then_the_upload_resumes_and_completes_once(tmp_path):
    center, publisher = KeyPair.generate("center"), KeyPair.generate("publisher")
    hub = HubUnderTest(tmp_path, center, publisher)
    passphrase = tmp_path / "passphrase"
    passphrase.write_text(HUB_PASSPHRASE + "\n")
    with open_bank(hub.bank_path, [publisher.public], recipient=center) as bank:
        data = session_package(ExamRoom(bank), center, CENTER_ID, "2611220099", 6, seed=99)
    port = free_port()
    served = HubProcess(hub, port, passphrase)
    served.ready()
    # a slowish link, so that the kill lands in the middle of the upload
    with NetProxy(("127.0.0.1", port), rate=60_000) as proxy:
        data_dir = console_for(tmp_path / "console", hub, proxy.address)
        package = queue(data_dir, data)
        sender = HubSender(data_dir, CENTER_ID, center, rng=random.Random(9),
                           backoff=Backoff(random.Random(9), base=0.2, cap=1.0))
        sender.sizer = ChunkSizer(first=16 * 1024, low=16 * 1024, high=16 * 1024)
        sender.start()
        try:
            wait_for(lambda: sender.status.bytes_sent >= len(data) // 3, "a third of the package at the hub")
            served.kill()
            at_kill = sender.status.bytes_sent
            assert at_kill < len(data)
            wait_for(lambda: sender.status.last_error, "the sender to see the hub gone")
            time.sleep(1.0)
            assert HubOutbox(data_dir).pending() == [package]
            served = HubProcess(hub, port, passphrase)
            served.ready()
            wait_for(lambda: not HubOutbox(data_dir).pending(), "the upload to complete", timeout=60)
        finally:
            sender.stop()
            served.kill()
    entry = HubOutbox(data_dir).entry(package, hub.keys.public)
    assert entry.state is State.SENT and entry.receipt.candidates == 6
    status = sender.status
    assert status.sent == 1
    assert status.bytes_sent == len(data)  # the hub's offset only grew: each byte acknowledged once
    from hub.store.database import open_database
    from hub.store.schema import PackageRow, ResultRow, UploadRow

    db = open_database(hub.db_url)
    try:
        with db.transaction() as s:
            assert s.scalar(select(func.count()).select_from(PackageRow)) == 1
            assert s.scalar(select(func.count()).select_from(ResultRow)) == 6
            upload = s.get(UploadRow, package)
            assert upload.state == "stored" and upload.received == len(data)
    finally:
        db.close()
