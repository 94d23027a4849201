"""The hub's ingest: session packages uploaded by consoles, verified with replay, stored (issue 12, "Numbers").

Data: ``--candidates`` (10,000) candidates in ``--sessions`` (300) sessions from ``--centers`` (12) centers.
Every candidate sits a real exam through the kiosk's session and adaptive engine on a synthetic bank
the hub holds, signed by the kiosk's device key; every session is a real package signed by its
center, with the center's signed device registry (``tests/hub/upload_sessions.py``). Generation
takes a few minutes and is cached under ``--cache`` (default ``.cache/hub_ingest``), keyed by the
generator's source and the sizes.

The hub is a real ``pupitre-hub serve --workers N`` (N = 1, then 2) on a fresh database of a
throwaway PostgreSQL cluster (fsync on). The consoles are the real uploader
(``invigilator.hub_sender.upload_package``: pinned TLS, signed requests, resumable chunks, receipt
verified against the hub's key), ``--clients`` of them at once, each sending its centers' packages
one after the other. The hub verifies each package in the request that completes it (every
signature, every journal chain, the replay of every test with re-scoring), so a package's upload
time includes its verification.

Measured, for each N: candidates ingested per second per worker (all candidates / wall time from the
first request to the last verified receipt / N), the CPU time the hub's processes spent per
candidate (their own user + system time: what a worker costs on a core of its own, whatever else
the machine runs), the upload time of a package (first request to receipt verified; p50, p99), and
the database size per candidate (PostgreSQL's size after the run minus before, over the
candidates). The CPU time PostgreSQL and the uploading consoles spent per candidate is reported too:
with the hub's, it is what one candidate costs the machine, and bounds what any number of workers can
ingest on it. Target: ≥ 200 candidates per second per worker.

    python bench/hub_ingest.py [--candidates 10000] [--sessions 300] [--centers 12] [--workers 1,2]
                               [--clients 4] [--target 200] [--cache DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import hashlib
import json
import multiprocessing as mp
import os
import pwd
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _table import Row, pace, report  # noqa: E402

PASSPHRASE = "hub ingest bench passphrase"


# -- PostgreSQL, a throwaway cluster (as tests/invigilator/store/conftest.py makes one) -----------------------
class Cluster:
    def __init__(self) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
        if not found:
            raise SystemExit("hub_ingest: needs the PostgreSQL server binaries (/usr/lib/postgresql/*/bin; Debian: "
                             "apt-get install postgresql)")
        self.bin = Path(found[-1]).parent
        self.root = Path(tempfile.mkdtemp(prefix="pupitre-bench-pg-"))
        self.data, self.sockets = self.root / "data", self.root / "run"
        self.sockets.mkdir()
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            for path in (self.root, self.sockets):
                os.chown(path, account.pw_uid, account.pw_gid)
            self.prefix = ["runuser", "-u", "postgres", "--"]

    def start(self) -> None:
        subprocess.run([*self.prefix, str(self.bin / "initdb"), "-D", str(self.data), "-U", "pupitre", "-A", "trust",
                        "--no-sync", "-E", "UTF8", "--no-locale"], check=True, capture_output=True, timeout=120)
        options = f"-k {self.sockets} -c listen_addresses='' -c max_connections=100"
        subprocess.run([*self.prefix, str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "log"),
                        "-o", options, "-w", "start"], check=True, capture_output=True, timeout=120)

    def new_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(host=str(self.sockets), user="pupitre", dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://pupitre@/{name}?host={self.sockets}"

    def size(self, name: str) -> int:
        import psycopg

        with psycopg.connect(host=str(self.sockets), user="pupitre", dbname=name, autocommit=True) as conn:
            conn.execute("CHECKPOINT")
            row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
            return int(row[0]) if row else 0

    def pid(self) -> int:
        """The postmaster's process id (its backends are its children)."""
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def stop(self) -> None:
        subprocess.run([*self.prefix, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w",
                        "stop"], capture_output=True, timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)


# -- the data: generated once, cached ----------------------------------------------------------------------
def _split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


GENERATION = 1  # bump when prepare() changes what it makes


def _fingerprint(args: argparse.Namespace) -> str:
    source = (ROOT / "tests" / "hub" / "upload_sessions.py").read_bytes()
    sizes = f"{GENERATION}/{args.candidates}/{args.sessions}/{args.centers}".encode()
    return hashlib.sha256(source + sizes).hexdigest()[:16]


def _generate_sessions(job: tuple[str, list[tuple[int, str, int]], str]) -> list[dict[str, Any]]:
    """In a worker process: the sessions of one center (number, session number, candidates) → package files."""
    from itembank.pbank import open_bank
    from protocol.keys import KeyPair, PublicKeys
    from tests.hub.upload_sessions import ExamRoom, session_package

    folder, sessions, center_id = Path(job[0]), job[1], job[2]
    center = KeyPair.load(folder / "centers" / f"{center_id}.key", PASSPHRASE)
    publisher = PublicKeys.load(folder / "publisher.pub")
    made = []
    with open_bank(folder / "bank" / "synth.pbank", [publisher], recipient=center) as bank:
        room = ExamRoom(bank, seed=int(center_id[-3:]))
        for number, session_id, candidates in sessions:
            data = session_package(room, center, center_id, session_id, candidates, seed=number)
            path = folder / "packages" / f"{session_id}.ppkg"
            path.write_bytes(data)
            made.append({"center": center_id, "session": session_id, "candidates": candidates, "file": path.name,
                         "size": len(data)})
    return made


def prepare(args: argparse.Namespace) -> tuple[Path, list[dict[str, Any]]]:
    folder = Path(args.cache) / _fingerprint(args)
    manifest = folder / "manifest.json"
    if manifest.is_file():
        return folder, json.loads(manifest.read_text())["packages"]
    from hub.home import init_home
    from protocol.keys import KeyPair

    shutil.rmtree(folder, ignore_errors=True)
    (folder / "centers").mkdir(parents=True)
    (folder / "packages").mkdir()
    home = init_home(folder / "hub", "hub-bench", PASSPHRASE)
    hub_keys = home.unseal(PASSPHRASE)
    publisher = KeyPair.generate("Éditions Bench")
    publisher.public.save(folder / "publisher.pub")
    centers = [f"BENCH{n:03d}" for n in range(1, args.centers + 1)]
    keys = {c: KeyPair.generate(c) for c in centers}
    for c, k in keys.items():
        k.save(folder / "centers" / f"{c}.key", PASSPHRASE)
        k.public.save(folder / "centers" / f"{c}.pub")
    # one bank, wrapped for the hub and for every center (each center's console opens it)
    from itembank.pbank import build_bank
    from itembank.synth import synthetic_bank

    (folder / "bank").mkdir()
    build_bank(synthetic_bank(320, seed=12), folder / "bank" / "synth.pbank", publisher,
               recipients=[hub_keys.public, *(k.public for k in keys.values())])
    per_session = _split(args.candidates, args.sessions)
    jobs: dict[str, list[tuple[int, str, int]]] = {c: [] for c in centers}
    for number, candidates in enumerate(per_session):
        jobs[centers[number % len(centers)]].append((number + 1, f"{2612010000 + number + 1}", candidates))
    began = time.monotonic()
    print(f"generating {args.candidates} candidates in {args.sessions} sessions of {len(centers)} centers "
          f"into {folder} …", flush=True)
    work = [(str(folder), jobs[c], c) for c in centers]
    processes = max(1, min(args.processes, len(centers)))
    if processes == 1:
        parts = [_generate_sessions(job) for job in work]
    else:
        with mp.get_context("fork").Pool(processes) as pool:
            parts = pool.map(_generate_sessions, work)
    made = [p for part in parts for p in part]
    manifest.write_text(json.dumps({"packages": made}, indent=1))
    print(f"generated in {time.monotonic() - began:.0f} s", flush=True)
    return folder, made


# -- one run: a hub with N workers, the consoles uploading -----------------------------------------------
def _free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return int(sock.getsockname()[1])


def _serve(folder: Path, db_url: str, port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    passphrase = folder / "passphrase"
    passphrase.write_text(PASSPHRASE + "\n")
    with open(log, "wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "hub", "--dir", str(folder / "hub"), "serve", "--listen", f"127.0.0.1:{port}",
             "--db", db_url, "--workers", str(workers), "--passphrase-file", str(passphrase),
             "--center-rate", "10000", "--center-burst", "100000"],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)})


def _wait_ready(process: subprocess.Popen[bytes], url: str, pin: str, log: Path) -> None:
    from invigilator.errors import HubError
    from invigilator.hub_config import fetch_certificate

    deadline = time.monotonic() + 120
    while True:
        if process.poll() is not None:
            raise SystemExit(f"pupitre-hub serve exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            fetch_certificate(url, pin, timeout=1)
            return
        except HubError:
            if time.monotonic() > deadline:
                raise SystemExit("pupitre-hub serve did not answer in 2 minutes") from None
            time.sleep(0.2)


def run(folder: Path, packages: list[dict[str, Any]], cluster: Cluster, workers: int, clients: int,
        work: Path) -> dict[str, float]:
    from hub.banks import add_bank
    from hub.home import HubHome
    from hub.store.centers import CenterStore
    from hub.store.database import open_database
    from invigilator.hub_client import HubClient
    from invigilator.hub_config import load_config, save_config
    from invigilator.hub_outbox import HubOutbox
    from invigilator.hub_sender import Outcome, upload_package
    from protocol.atomicfile import write_atomic
    from protocol.keys import KeyPair, PublicKeys

    home = HubHome(folder / "hub").require()
    name = f"hub_w{workers}_{os.getpid()}"
    db_url = cluster.new_database(name)
    db = open_database(db_url)
    centers = sorted({p["center"] for p in packages})
    try:
        add_bank(db, folder / "bank" / "synth.pbank", PublicKeys.load(folder / "publisher.pub"),
                 home.unseal(PASSPHRASE), dt.datetime.now(dt.UTC))
        for c in centers:
            CenterStore(db).add(c, f"Centre {c}", PublicKeys.load(folder / "centers" / f"{c}.pub"),
                                dt.datetime.now(dt.UTC))
    finally:
        db.close()
    empty = cluster.size(name)
    port = _free_port()
    url = f"https://127.0.0.1:{port}"
    log = work / f"serve-{workers}.log"
    process = _serve(folder, db_url, port, workers, log)
    times: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    try:
        _wait_ready(process, url, home.pin, log)
        # one console data folder per center, its packages in its outbox
        consoles = {}
        for c in centers:
            data_dir = work / f"console-{workers}-{c}"
            (data_dir / "outbox").mkdir(parents=True)
            save_config(data_dir, url, home.pin, home.public_path, None)
            mine = [p for p in packages if p["center"] == c]
            for p in mine:
                data = (folder / "packages" / p["file"]).read_bytes()
                write_atomic(data_dir / "outbox" / f"{hashlib.sha256(data).hexdigest()}.ppkg", data)
            consoles[c] = (data_dir, KeyPair.load(folder / "centers" / f"{c}.key", PASSPHRASE))
        waiting = list(centers)

        def client() -> None:
            while True:
                with lock:
                    if not waiting:
                        return
                    c = waiting.pop(0)
                data_dir, keys = consoles[c]
                outbox = HubOutbox(data_dir)
                hub = HubClient(data_dir, load_config(data_dir), c, keys)
                try:
                    for package in outbox.pending():
                        t0 = time.perf_counter()
                        outcome = upload_package(hub, outbox, package)
                        took = time.perf_counter() - t0
                        with lock:
                            if outcome is Outcome.SENT:
                                times.append(took)
                            else:
                                failures.append(f"{c} {package[:12]}: {outcome.value} "
                                                f"{outbox.entry(package).reason}")
                except Exception as exc:  # reported: the run fails
                    with lock:
                        failures.append(f"{c}: {exc}")
                finally:
                    hub.close()

        cpu_before, pg_before, consoles_before = _cpu(process.pid), _cpu(cluster.pid()), _own_cpu()
        began = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - began
        cpu_after, pg_after, consoles_cpu = _cpu(process.pid), _cpu(cluster.pid()), _own_cpu() - consoles_before
        hub_user, hub_system = (a - b for a, b in zip(cpu_after, cpu_before, strict=True))
        pg_cpu = sum(pg_after) - sum(pg_before)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
    if failures:
        raise SystemExit(f"hub_ingest: {len(failures)} package(s) not stored:\n  " + "\n  ".join(failures[:10]))
    candidates = sum(p["candidates"] for p in packages)
    stored = _stored_results(db_url)
    if stored != candidates:
        raise SystemExit(f"hub_ingest: the hub holds {stored} results, not the {candidates} candidates sent")
    size = cluster.size(name) - empty
    ordered = sorted(times)
    return {"wall": wall, "per_worker": candidates / wall / workers, "total": candidates / wall,
            "cpu_ms": (hub_user + hub_system) / candidates * 1000, "system_ms": hub_system / candidates * 1000,
            "pg_ms": pg_cpu / candidates * 1000, "consoles_ms": consoles_cpu / candidates * 1000,
            "p50": statistics.median(ordered), "p99": ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))],
            "bytes_per_candidate": size / candidates, "packages": len(ordered),
            "package_bytes": sum(p["size"] for p in packages) / len(packages)}


def _cpu(pid: int) -> tuple[float, float]:
    """(user, system) CPU seconds used so far by process ``pid`` and its descendants, living or ended (those
    ended are counted by the process that waited for them: a PostgreSQL backend that has exited)."""
    import psutil

    user = system = 0.0
    try:
        parent = psutil.Process(pid)
        for proc in (parent, *parent.children(recursive=True)):
            try:
                times = proc.cpu_times()
                user += times.user + times.children_user
                system += times.system + times.children_system
            except psutil.NoSuchProcess:
                continue
    except psutil.NoSuchProcess:
        pass
    return user, system


def _own_cpu() -> float:
    """CPU seconds this process (the uploading consoles' threads) has used so far."""
    times = os.times()
    return times.user + times.system


def _stored_results(db_url: str) -> int:
    from sqlalchemy import func, select

    from hub.store.database import open_database
    from hub.store.schema import ResultRow

    db = open_database(db_url)
    try:
        with db.transaction() as s:
            return int(s.scalar(select(func.count()).select_from(ResultRow)) or 0)
    finally:
        db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--sessions", type=int, default=300)
    parser.add_argument("--centers", type=int, default=12)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts to measure")
    parser.add_argument("--clients", type=int, default=4, help="consoles uploading at once")
    parser.add_argument("--processes", type=int, default=2, help="processes generating the data")
    parser.add_argument("--target", type=float, default=200.0, help="candidates per second per worker (0: none)")
    parser.add_argument("--cache", default=str(ROOT / ".cache" / "hub_ingest"))
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= args.candidates or args.centers < 1:
        parser.error("need 1 ≤ sessions ≤ candidates and at least one center")
    folder, packages = prepare(args)
    load, pace_before = os.getloadavg(), pace()
    cluster = Cluster()
    cluster.start()
    results = {}
    try:
        with tempfile.TemporaryDirectory(prefix="pupitre-ingest-") as tmp:
            for workers in [int(w) for w in args.workers.split(",")]:
                print(f"ingesting with {workers} worker(s) …", flush=True)
                results[workers] = run(folder, packages, cluster, workers, args.clients, Path(tmp))
    finally:
        cluster.stop()
    after, pace_after = os.getloadavg(), pace()
    candidates = sum(p["candidates"] for p in packages)
    print(f"\n{candidates} candidates, {len(packages)} sessions of {args.centers} centers, packages of "
          f"{next(iter(results.values()))['package_bytes'] / 1e6:.2f} MB on average; {args.clients} consoles at once; "
          f"load average before {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, after {after[0]:.2f} {after[1]:.2f} "
          f"{after[2]:.2f}; pace before {pace_before:.2f} s, after {pace_after:.2f} s (10 M Python additions)")
    rows = []
    target = args.target or None
    for workers, r in results.items():
        machine = r["cpu_ms"] + r["pg_ms"] + r["consoles_ms"]
        print(f"  {workers} worker(s): {r['wall']:.1f} s, {r['total']:.1f} candidates/s in all; CPU per candidate: "
              f"hub {r['cpu_ms']:.2f} ms (system {r['system_ms']:.2f}), PostgreSQL {r['pg_ms']:.2f} ms, consoles "
              f"{r['consoles_ms']:.2f} ms: {machine:.2f} ms of this machine's {os.cpu_count()} cores, which then "
              f"ingest at most {1000 * (os.cpu_count() or 1) / machine:.0f} candidates/s whatever the hub's workers")
        rows.append(Row(f"candidates/s per worker, {workers} worker(s)", r["per_worker"], target, "/s",
                        lower_is_better=False))
        rows.append(Row(f"hub CPU per candidate (workers' own time), {workers} worker(s)", r["cpu_ms"], None, "ms"))
        rows.append(Row(f"PostgreSQL CPU per candidate, {workers} worker(s)", r["pg_ms"], None, "ms"))
        rows.append(Row(f"consoles' CPU per candidate (uploading), {workers} worker(s)", r["consoles_ms"], None, "ms"))
        rows.append(Row(f"upload p50 (package, verified), {workers} worker(s)", r["p50"], None, "s"))
        rows.append(Row(f"upload p99 (package, verified), {workers} worker(s)", r["p99"], None, "s"))
        rows.append(Row(f"database per candidate, {workers} worker(s)", r["bytes_per_candidate"] / 1024, None, "KiB"))
    return report("Hub ingest: session packages uploaded, verified with replay, stored (PostgreSQL)", rows)


if __name__ == "__main__":
    sys.exit(main())
