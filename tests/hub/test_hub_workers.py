"""The hub as it runs: ``pupitre-hub serve`` with two workers on one PostgreSQL database, over pinned TLS.

The same package sent at once by two clients is stored once, with one receipt; the hub killed with
SIGKILL mid-upload leaves nothing partial, and the upload resumes from the hub's offset and completes.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import func, select

from hub.store.schema import ChunkRow, ResultRow, SessionRow, UploadRow
from protocol.pinning import check_peer_pin, pinned_client_context
from protocol.session_package import verify_receipt
from tests.hub.conftest import PASSPHRASE, CenterClient, Hub

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Served:
    """``pupitre-hub serve`` in its own process group."""

    def __init__(self, home_dir: Path, db_url: str, workers: int, log: Path):
        self.port = free_port()
        self.home_dir, self.db_url, self.workers, self.log = home_dir, db_url, workers, log
        self.process: subprocess.Popen | None = None

    def start(self) -> Served:
        env = {**os.environ, "PUPITRE_HUB_PASSPHRASE": PASSPHRASE}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hub", "--dir", str(self.home_dir), "serve", "--listen",
             f"127.0.0.1:{self.port}", "--db", self.db_url, "--workers", str(self.workers)],
            env=env, stdout=subprocess.DEVNULL, stderr=open(self.log, "ab"), start_new_session=True)  # noqa: SIM115
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"serve ended: {self.log.read_text()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    pass
                if self.log.read_text().count("worker started") >= self.workers:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError("serve did not start in time")

    def kill(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(40)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)


@pytest.fixture
def pg_hub(hub_folder, world, postgres_cluster, tmp_path):
    home, keys = hub_folder
    url = postgres_cluster.new_database()
    h = Hub(home, keys, url, world, tmp_path)
    h.url = url
    yield h
    h.close()


def pinned_client(hub, port: int) -> httpx.Client:
    context = pinned_client_context(hub.home.certificate().public_bytes(Encoding.PEM).decode())
    return httpx.Client(base_url=f"https://127.0.0.1:{port}", verify=context, trust_env=False, timeout=60)


def test_two_workers_and_two_clients_sending_one_package_at_once_store_it_once(pg_hub, world, tmp_path):
    served = Served(pg_hub.home.root, pg_hub.url, 2, tmp_path / "serve.log").start()
    try:
        data = world.package([world.exam(n) for n in range(1, 7)])
        results, errors = [], []
        barrier = threading.Barrier(2)

        def send() -> None:
            try:
                with pinned_client(pg_hub, served.port) as http:
                    center = CenterClient(http, world.center_id, world.center, pg_hub.home.pin, clock_counter=True)
                    barrier.wait()
                    results.append(center.upload(data, chunk=8 * 1024))
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=send) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(300)
        assert not errors, errors
        assert [r.state for r in results] == ["stored", "stored"]
        assert results[0].receipt == results[1].receipt
        verify_receipt(results[0].receipt, hub_key=pg_hub.keys.public, package=results[0].package)
        with pg_hub.db.transaction() as s:
            assert s.scalar(select(func.count()).select_from(SessionRow)) == 1
            assert s.scalar(select(func.count()).select_from(ResultRow)) == 6
            assert s.scalar(select(func.count()).select_from(ChunkRow)) == 0
        with pinned_client(pg_hub, served.port) as http:
            answer = http.get("/openapi.json")
            check_peer_pin(answer.extensions["network_stream"].get_extra_info("ssl_object"), pg_hub.home.pin)
        log = (tmp_path / "serve.log").read_text()
        assert log.count('"event": "worker started"') == 2
        assert '"event": "request"' not in log or '"status": 500' not in log
        # the workers open the bank from the hub's own folder, shared, not from a temporary one each: a worker
        # killed and replaced leaves nothing behind
        cached = [p.name for p in pg_hub.home.bank_cache_path.iterdir()]
        assert [n for n in cached if n.endswith(".pbank")] and not [n for n in cached if n.endswith(".tmp")]
    finally:
        served.stop()


def test_the_hub_killed_mid_upload_keeps_nothing_partial_and_the_upload_resumes(pg_hub, world, tmp_path):
    data = world.package([world.exam(n) for n in range(1, 5)])
    assert len(data) > 5 * 4 * 1024 + 50 * 1024  # far more than what is sent before the kill
    served = Served(pg_hub.home.root, pg_hub.url, 2, tmp_path / "serve.log").start()
    center = None
    try:
        http = pinned_client(pg_hub, served.port)
        center = CenterClient(http, world.center_id, world.center, pg_hub.home.pin, clock_counter=True)
        status = center.upload(data, chunk=4 * 1024, stop_after=5)
        assert status.state == "receiving" and status.offset == 5 * 4 * 1024

        sent = []

        def keep_sending() -> None:
            try:
                while True:  # one chunk at a time, so the kill below falls between or inside requests
                    center.upload(data, chunk=1024, stop_after=1)
                    sent.append(1)
            except Exception:
                pass  # the hub is killed under it

        sender = threading.Thread(target=keep_sending)
        sender.start()
        deadline = time.monotonic() + 30
        while len(sent) < 3 and time.monotonic() < deadline:
            time.sleep(0.005)
        served.kill()  # SIGKILL to the parent and both workers, whatever they are doing
        sender.join(60)
        http.close()
    finally:
        served.stop()
    with pg_hub.db.transaction() as s:
        row = s.get(UploadRow, status.package)
        assert row.state == "receiving" and row.receipt is None
        chunks = list(s.scalars(select(ChunkRow).where(ChunkRow.package == status.package).order_by(ChunkRow.start)))
        assert sum(len(c.data) for c in chunks) == row.received  # every counted byte written, none twice
        assert [c.start for c in chunks] == [sum(len(c.data) for c in chunks[:i]) for i in range(len(chunks))]
        assert b"".join(c.data for c in chunks) == data[:row.received]
        assert s.scalar(select(func.count()).select_from(SessionRow)) == 0
        received_before = row.received
    served = Served(pg_hub.home.root, pg_hub.url, 2, tmp_path / "serve2.log").start()
    try:
        with pinned_client(pg_hub, served.port) as http:
            center.http = http
            first = center._status(lambda: center.get(status.package))
            assert first.offset == received_before  # resumed where the hub stood, nothing sent again
            done = center.upload(data, chunk=4 * 1024)
        assert done.state == "stored"
        verify_receipt(done.receipt, hub_key=pg_hub.keys.public, package=done.package)
        with pg_hub.db.transaction() as s:
            assert s.scalar(select(func.count()).select_from(ResultRow)) == 4
    finally:
        served.stop()


def test_postgresql_restarted_during_an_upload_costs_503s_and_the_upload_completes(pg_hub, world, tmp_path,
                                                                                    postgres_cluster):
    data = world.package([world.exam(n) for n in range(1, 4)])
    served = Served(pg_hub.home.root, pg_hub.url, 2, tmp_path / "serve.log").start()
    try:
        with pinned_client(pg_hub, served.port) as http:
            center = CenterClient(http, world.center_id, world.center, pg_hub.home.pin, clock_counter=True)
            status = center.upload(data, chunk=4 * 1024, stop_after=3)
            assert status.state == "receiving"
            pg_hub.db.engine.dispose()
            cluster = postgres_cluster
            subprocess.run([*cluster.prefix, str(cluster.bin_dir / "pg_ctl"), "-D", str(cluster.data), "-m",
                            "immediate", "-w", "stop"], check=True, capture_output=True, timeout=60)
            down = center.http.get(f"/v1/packages/{status.package}",
                                   headers=center.headers("GET", f"/v1/packages/{status.package}"))
            assert down.status_code == 503 and down.headers["retry-after"]
            options = f"-k {cluster.sockets} -c listen_addresses='' -c fsync=off -c max_connections=40"
            subprocess.run([*cluster.prefix, str(cluster.bin_dir / "pg_ctl"), "-D", str(cluster.data), "-l",
                            str(cluster.log), "-o", options, "-w", "start"], check=True, capture_output=True,
                           timeout=60)
            done = center.upload(data, chunk=4 * 1024)
        assert done.state == "stored"
        verify_receipt(done.receipt, hub_key=pg_hub.keys.public, package=done.package)
        with pg_hub.db.transaction() as s:
            assert s.scalar(select(func.count()).select_from(ResultRow)) == 3
    finally:
        served.stop()


def test_a_worker_killed_alone_is_replaced_and_the_hub_goes_on(pg_hub, world, tmp_path):
    import psutil

    log = tmp_path / "serve.log"
    served = Served(pg_hub.home.root, pg_hub.url, 2, log).start()
    try:
        workers = psutil.Process(served.process.pid).children()
        assert len(workers) == 2
        os.kill(workers[0].pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while log.read_text().count('"event": "worker started"') < 3 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert '"event": "worker ended; starting another"' in log.read_text()
        assert len(psutil.Process(served.process.pid).children()) == 2
        with pinned_client(pg_hub, served.port) as http:
            center = CenterClient(http, world.center_id, world.center, pg_hub.home.pin, clock_counter=True)
            assert center.upload(world.package([world.exam(1)]), chunk=16 * 1024).state == "stored"
    finally:
        served.stop()
    assert served.process.returncode == 0 and '"event": "hub stopped"' in log.read_text()
