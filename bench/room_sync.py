"""The room at 1 Hz: N simulated kiosks syncing with one console process over TLS 1.3 (issue 10, "Numbers").

Each kiosk is a real TLS client (httpx over the pinned context of ``protocol.pinning``, its own
connection and its own Ed25519 device key) whose journal grows as in a 32-question test —
``attempt-created``, then ``question-shown`` / ``answered`` for each question, spread over the run,
and a ``focus-lost`` / ``focus-regained`` pair now and then — linked with
``protocol.journal_chain`` like a kiosk's. Every second it signs a sync (a fresh counter) carrying
its status and every entry the console has not acknowledged. A focus loss is sent at once
(``--focus-sync now``, the default) or waits for the next tick (``--focus-sync tick``).

The console is a real ``invigilator.server.serve`` in a process of its own, on SQLite (WAL,
synchronous=FULL) or on a throwaway PostgreSQL cluster (``--db postgresql``, fsync on). The kiosks
are enrolled directly in the store (a kiosk row with its public keys, as enrolment leaves it):
enrolment's scrypt-hardened code proof costs ~0.1 s a kiosk and is not what is measured here.

Measured: the sync round trip (client side, p50/p99), a focus-loss entry from its creation on the
kiosk to the moment the bench reads it in the console's store (polled every 50 ms, which the
figure includes), entries lost and duplicated (every kiosk's journal against the store's replica
at the end, after each kiosk sent what it still held), the console's resident memory and CPU.
Targets: round trip p99 ≤ 50 ms, focus entry p99 ≤ 1 s, 0 lost, 0 duplicated.

    python bench/room_sync.py [--kiosks 300] [--seconds 180] [--db sqlite|postgresql] [--workers 2]
                              [--client h11|httpx]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import glob
import json
import multiprocessing as mp
import os
import pwd
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _table import Row, report

TARGET_RTT_P99_MS = 50.0
TARGET_FOCUS_P99_S = 1.0
QUESTIONS = 32
POLL_EVERY = 0.05
CENTER_ID = "C-BENCH"


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


# -- the console, in its own process -------------------------------------------------------------------------
def serve_console(data_dir: str, url: str, port_file: str) -> None:
    from invigilator.core.center import Center
    from invigilator.server import CenterIdentity
    from invigilator.server.runner import serve
    from invigilator.store import RoomStore
    from invigilator.tls import certificate_statement, load_console_tls
    from protocol.keys import KeyPair

    keys = KeyPair.generate("center")
    store = RoomStore.open(url, Path(data_dir))
    store.sessions.set_center(Center(CENTER_ID, "Centre d'essai", keys.public.signing_id))
    store.close()
    tls = load_console_tls(Path(data_dir))
    center = CenterIdentity(CENTER_ID, "Centre d'essai", keys.public, keys,
                            certificate_statement(tls, CENTER_ID, keys))

    def ready(server: Any) -> None:
        Path(port_file + ".tmp").write_text(str(server.port))
        os.replace(port_file + ".tmp", port_file)

    serve(Path(data_dir), "127.0.0.1:0", url, center, on_ready=ready)


# -- PostgreSQL, a throwaway cluster (as tests/invigilator/store/conftest.py makes one) -----------------------
class Cluster:
    def __init__(self) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
        if not found:
            raise SystemExit("room_sync: --db postgresql needs the PostgreSQL server binaries "
                             "(/usr/lib/postgresql/*/bin; Debian: apt-get install postgresql)")
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

    def start(self) -> str:
        subprocess.run([*self.prefix, str(self.bin / "initdb"), "-D", str(self.data), "-U", "pupitre", "-A", "trust",
                        "--no-sync", "-E", "UTF8", "--no-locale"], check=True, capture_output=True, timeout=120)
        options = f"-k {self.sockets} -c listen_addresses='' -c max_connections=100"
        subprocess.run([*self.prefix, str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "log"),
                        "-o", options, "-w", "start"], check=True, capture_output=True, timeout=120)
        import psycopg

        with psycopg.connect(host=str(self.sockets), user="pupitre", dbname="postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE room")
        return f"postgresql+psycopg://pupitre@/room?host={self.sockets}"

    def stop(self) -> None:
        subprocess.run([*self.prefix, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w",
                        "stop"], capture_output=True, timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)


# -- the kiosks, in worker processes ------------------------------------------------------------------------
class SimKiosk:
    """One kiosk: its keys, counter, journal, what the console acknowledged, and its own TLS connection."""

    def __init__(self, number: int, seconds: float, rng: random.Random):
        from protocol.journal_chain import genesis_hash
        from protocol.keys import KeyPair

        self.number = number
        self.keys = KeyPair.generate(f"PC {number:03d}")
        self.attempt = f"att-{number:03d}-{rng.randrange(16**8):08x}"
        self.counter = 0
        self.entries: list[Any] = []
        self.prev = genesis_hash(self.attempt)
        self.acked = 0
        self.started = time.monotonic()
        self.focused = True
        self.focus_made: list[tuple[int, float]] = []  # (seq, wall time it was made)
        # the test's script: (second after start, kind, payload), 32 questions spread over the run
        per_question = seconds / QUESTIONS
        plan: list[tuple[float, str, dict[str, Any]]] = [(0.0, "attempt-created", {"questions": QUESTIONS})]
        for q in range(1, QUESTIONS + 1):
            shown = (q - 1) * per_question + rng.uniform(0, 0.2)
            plan.append((shown, "question-shown", {"number": q, "item_id": f"1.{q % 5 + 1}-{q:02d}"}))
            plan.append((shown + per_question * rng.uniform(0.4, 0.9), "answered",
                         {"number": q, "response": {"choice": rng.randrange(4)}, "elapsed": round(per_question, 1)}))
        lost = rng.uniform(2, 25)
        while lost < seconds - 3:
            back = lost + rng.uniform(0.5, 3)
            plan.append((lost, "focus-lost", {"counted": True, "question": int(lost // per_question) + 1}))
            plan.append((back, "focus-regained", {"away_seconds": round(back - lost, 2)}))
            lost = back + rng.uniform(15, 40)
        self.plan = sorted(plan, key=lambda p: p[0])

    @property
    def id(self) -> str:
        return self.keys.public.signing_id

    def next_focus_loss(self) -> float | None:
        """The monotonic time of the next focus loss in the script, if any."""
        return next((self.started + at for at, kind, _ in self.plan if kind == "focus-lost"), None)

    def write_due(self, now_mono: float) -> bool:
        """Write the entries whose time has come; True if one of them is a focus loss."""
        from protocol.journal_chain import ChainEntry, entry_hash

        focus = False
        while self.plan and self.plan[0][0] <= now_mono - self.started:
            _, kind, payload = self.plan.pop(0)
            seq, t_mono, t_wall = len(self.entries) + 1, time.monotonic(), dt.datetime.now(dt.UTC).isoformat()
            h = entry_hash(seq, self.prev, t_mono, t_wall, kind, payload)
            self.entries.append(ChainEntry(seq, self.prev, t_mono, t_wall, kind, payload, h))
            self.prev = h
            if kind == "focus-lost":
                self.focus_made.append((seq, time.time()))
                self.focused, focus = False, True
            elif kind == "focus-regained":
                self.focused = True
        return focus

    def sync_bytes(self, pin: str) -> bytes:
        from protocol.room import PATH_SYNC, AttemptEntries, RoomRequest, SyncRequest

        question = sum(1 for e in self.entries if e.kind == "question-shown")
        status = {"state": "question", "candidate_id": f"cand-{self.number:03d}", "attempt_id": self.attempt,
                  "question": max(question, 1), "total": QUESTIONS, "seconds_left": 1500.0, "focused": self.focused}
        unacked = tuple(self.entries[self.acked:])
        body = SyncRequest(status, (AttemptEntries(self.attempt, unacked),) if unacked else (), ()).to_dict()
        self.counter += 1
        request = RoomRequest(self.id, pin, PATH_SYNC, self.counter, dt.datetime.now(dt.UTC), body)
        return request.sign(self.keys).to_bytes()


class H11Client:
    """One kiosk's keep-alive HTTPS connection, HTTP/1.1 by h11 over asyncio's TLS with the pinned context.

    The same TLS 1.3 handshake and records, the same requests and answers as httpx's, at about a
    third of the CPU: a real kiosk has a PC of its own, the simulated ones share two cores with the
    console they measure. ``--client httpx`` runs the kiosk link's own HTTP client instead.
    """

    def __init__(self, url: str, context: Any):
        host, port = url.removeprefix("https://").rsplit(":", 1)
        self.host, self.port, self.context = host, int(port), context
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.conn: Any = None

    async def _open(self) -> None:
        import h11

        self.reader, self.writer = await asyncio.open_connection(self.host, self.port, ssl=self.context)
        self.conn = h11.Connection(h11.CLIENT)

    async def request(self, method: str, path: str, body: bytes = b"") -> tuple[int, bytes]:
        import h11

        if self.conn is None or self.conn.our_state is not h11.IDLE:
            await self.aclose()
            await self._open()
        assert self.reader is not None and self.writer is not None
        headers = [("host", self.host), ("content-length", str(len(body)))]
        if body:
            headers.append(("content-type", "application/json"))
        self.writer.write(self.conn.send(h11.Request(method=method, target=path, headers=headers))
                          + (self.conn.send(h11.Data(data=body)) if body else b"")
                          + self.conn.send(h11.EndOfMessage()))
        status, chunks = 0, []
        try:
            while True:
                event = self.conn.next_event()
                if event is h11.NEED_DATA:
                    data = await self.reader.read(65536)
                    if not data:
                        raise ConnectionError("the console closed the connection")
                    self.conn.receive_data(data)
                elif isinstance(event, h11.Response):
                    status = event.status_code
                elif isinstance(event, h11.Data):
                    chunks.append(bytes(event.data))
                elif isinstance(event, h11.EndOfMessage):
                    break
            self.conn.start_next_cycle()
        except Exception:
            self.conn = None  # a new connection next time
            raise
        return status, b"".join(chunks)

    async def post(self, path: str, content: bytes) -> Any:
        return _Answer(*await self.request("POST", path, content))

    async def get(self, path: str) -> Any:
        return _Answer(*await self.request("GET", path))

    async def aclose(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(Exception):
                await self.writer.wait_closed()
        self.reader = self.writer = self.conn = None


class _Answer:
    def __init__(self, status_code: int, content: bytes):
        self.status_code, self.content = status_code, content

    def json(self) -> Any:
        return json.loads(self.content)


async def run_kiosk(kiosk: SimKiosk, client: Any, pin: str, start_wall: float, seconds: float, focus_now: bool,
                    out: dict[str, Any]) -> None:
    from protocol.room import PATH_SYNC, SyncResponse

    async def sync_once() -> None:
        data = kiosk.sync_bytes(pin)
        began = time.perf_counter()
        try:
            answer = await client.post(PATH_SYNC, content=data)
        except Exception as exc:  # a refused or dropped connection: the kiosk keeps its queue and tries again
            out["errors"][type(exc).__name__] = out["errors"].get(type(exc).__name__, 0) + 1
            return
        out["rtt"].append(time.perf_counter() - began)
        out["at"].append(time.time())
        if answer.status_code != 200:
            out["errors"][str(answer.status_code)] = out["errors"].get(str(answer.status_code), 0) + 1
            return
        for head in SyncResponse.from_dict(answer.json()).heads:
            if head.attempt_id == kiosk.attempt and head.problem is None:
                kiosk.acked = max(kiosk.acked, head.seq)

    await asyncio.sleep(max(0.0, start_wall - time.time()))
    offset = random.random()
    kiosk.started = time.monotonic()
    lock = asyncio.Lock()  # one request at a time on the kiosk's one connection
    end = kiosk.started + seconds
    tick = kiosk.started + offset
    while tick < end:
        # between two ticks, wake for each focus loss when it happens (the kiosk's guard writes it at once)
        while focus_now and (upcoming := kiosk.next_focus_loss()) is not None and upcoming < tick:
            await asyncio.sleep(max(0.0, upcoming - time.monotonic()))
            if kiosk.write_due(time.monotonic()):
                async with lock:
                    await sync_once()
        await asyncio.sleep(max(0.0, tick - time.monotonic()))
        kiosk.write_due(time.monotonic())
        async with lock:
            await sync_once()
        tick += 1.0
        if tick < time.monotonic():  # fell behind: no burst to catch up, the next tick as planned
            tick += int(time.monotonic() - tick) + 1
    for _ in range(30):  # what is still unacknowledged goes now
        kiosk.write_due(float("inf"))
        if kiosk.acked >= len(kiosk.entries):
            break
        await sync_once()
        await asyncio.sleep(0.2)


def worker(numbers: list[int], seconds: float, focus_now: bool, keys_out: Any, go: Any, results: Any,
           client_kind: str = "h11") -> None:
    rng = random.Random(numbers[0] if numbers else 0)
    kiosks = [SimKiosk(n, seconds, rng) for n in numbers]
    keys_out.put([(k.number, k.keys.public.to_dict()) for k in kiosks])
    url, certificate_pem, pin, start_wall = go.get()

    async def main() -> dict[str, Any]:
        import httpx

        from protocol.pinning import pinned_client_context

        context = pinned_client_context(certificate_pem)
        if client_kind == "httpx":
            clients: list[Any] = [httpx.AsyncClient(base_url=url, verify=context, trust_env=False, timeout=30,
                                                    limits=httpx.Limits(max_connections=1)) for _ in kiosks]
        else:
            clients = [H11Client(url, context) for _ in kiosks]
        for client in clients:  # each kiosk's TLS connection made before the clock starts
            await client.get("/v1/hello")
        out: dict[str, Any] = {"rtt": [], "at": [], "errors": {}}
        await asyncio.gather(*(run_kiosk(k, c, pin, start_wall, seconds, focus_now, out)
                               for k, c in zip(kiosks, clients, strict=True)))
        for client in clients:
            await client.aclose()
        return out

    out = asyncio.run(main())
    results.put({"rtt": out["rtt"], "at": out["at"], "errors": out["errors"],
                 "journals": {k.id: (k.attempt, [(e.seq, e.hash) for e in k.entries]) for k in kiosks},
                 "focus": [(k.id, k.attempt, seq, made) for k in kiosks for seq, made in k.focus_made]})


# -- the bench ------------------------------------------------------------------------------------------------
class StorePoller(threading.Thread):
    """Reads the console's store every 50 ms and notes when each focus-loss entry is first there."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        from invigilator.store import RoomStore

        self.store = RoomStore.open(url)
        self.seen: dict[tuple[str, str, int], float] = {}
        self.stop = threading.Event()

    def poll(self) -> None:
        from sqlalchemy import select

        from invigilator.store.schema import ReplicaEntryRow

        with self.store.db.reading() as session:
            rows = session.execute(select(ReplicaEntryRow.kiosk_id, ReplicaEntryRow.attempt_id, ReplicaEntryRow.seq)
                                   .where(ReplicaEntryRow.kind == "focus-lost")).all()
        now = time.time()
        for row in rows:
            self.seen.setdefault((row[0], row[1], row[2]), now)

    def run(self) -> None:
        while not self.stop.wait(POLL_EVERY):
            self.poll()


def enrol_directly(url: str, data_dir: Path, public: list[tuple[int, dict[str, Any]]]) -> None:
    from invigilator.store import KioskKeys, RoomStore
    from invigilator.store.schema import KioskRow
    from invigilator.tls import create_console_tls
    from protocol.keys import PublicKeys

    create_console_tls(data_dir, CENTER_ID)
    store = RoomStore.open(url, data_dir)
    now = dt.datetime.now(dt.UTC)
    with store.db.transaction() as session:
        for number, keys in public:
            k = KioskKeys.of(PublicKeys.from_dict(keys, "kiosk keys"))
            session.add(KioskRow(id=k.id, name=f"PC {number:03d}", signing_public=k.signing_public,
                                 wrapping_public=k.wrapping_public, enrolled_at=now, last_counter=0))
    store.close()


def compare(url: str, journals: dict[str, tuple[str, list[tuple[int, str]]]]) -> tuple[int, int]:
    """Entries lost (in a kiosk's journal, not in the replica) and duplicated (in the replica more than once or
    not the kiosk's)."""
    from sqlalchemy import select

    from invigilator.store import RoomStore
    from invigilator.store.schema import ReplicaEntryRow

    store = RoomStore.open(url)
    stored: dict[tuple[str, str], list[tuple[int, str]]] = {}
    with store.db.reading() as session:
        for kiosk_id, attempt_id, seq, h in session.execute(select(ReplicaEntryRow.kiosk_id, ReplicaEntryRow.attempt_id,
                                                                   ReplicaEntryRow.seq, ReplicaEntryRow.hash)):
            stored.setdefault((kiosk_id, attempt_id), []).append((seq, h))
    store.close()
    lost = duplicated = 0
    for kiosk_id, (attempt_id, entries) in journals.items():
        there = stored.pop((kiosk_id, attempt_id), [])
        lost += len(set(entries) - set(there))
        duplicated += len(there) - len(set(there) & set(entries))
    duplicated += sum(len(v) for v in stored.values())  # rows no kiosk wrote
    return lost, duplicated


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kiosks", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=180.0)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--workers", type=int, default=2, help="client processes (asyncio in each)")
    parser.add_argument("--focus-sync", choices=("now", "tick"), default="now",
                        help="a focus loss is sent at once (now) or at the next 1 Hz tick")
    parser.add_argument("--client", choices=("h11", "httpx"), default="h11",
                        help="the kiosks' HTTP client: h11 over asyncio's TLS (light) or httpx (the kiosk link's)")
    parser.add_argument("--serve", nargs=3, metavar=("DATA", "URL", "PORTFILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve_console(*args.serve)
        return 0
    if args.kiosks < 1 or args.seconds < 5 or args.workers < 1:
        parser.error("--kiosks ≥ 1, --seconds ≥ 5 and --workers ≥ 1")
    import psutil

    tmp = Path(tempfile.mkdtemp(prefix="pupitre-room-bench-"))
    cluster = Cluster() if args.db == "postgresql" else None
    server: subprocess.Popen[bytes] | None = None
    procs: list[Any] = []
    try:
        url = cluster.start() if cluster else f"sqlite:///{tmp / 'console' / 'console.sqlite'}"
        data_dir = tmp / "console"
        data_dir.mkdir()
        ctx = mp.get_context("spawn")
        keys_q, results_q = ctx.Queue(), ctx.Queue()
        go_qs = [ctx.Queue() for _ in range(args.workers)]
        shares = [list(range(1 + w, args.kiosks + 1, args.workers)) for w in range(args.workers)]
        procs = [ctx.Process(target=worker, args=(share, args.seconds, args.focus_sync == "now", keys_q, go, results_q,
                                                  args.client), daemon=True)
                 for share, go in zip(shares, go_qs, strict=True)]
        for p in procs:
            p.start()
        public = [item for _ in procs for item in keys_q.get(timeout=300)]
        enrol_directly(url, data_dir, public)
        port_file = tmp / "port"
        log = (tmp / "console.log").open("wb")
        server = subprocess.Popen([sys.executable, __file__, "--serve", str(data_dir), url, str(port_file)],
                                  stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while not port_file.exists():
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"room_sync: the console did not start; its log: {tmp / 'console.log'}")
            time.sleep(0.1)
        from invigilator.tls import load_console_tls

        tls = load_console_tls(data_dir)
        start_wall = time.time() + 8 + args.kiosks / 60  # time for every kiosk's TLS handshake first
        for go in go_qs:
            go.put((f"https://127.0.0.1:{port_file.read_text()}", tls.certificate_pem, tls.pin, start_wall))
        poller = StorePoller(url)
        console = psutil.Process(server.pid)
        while time.time() < start_wall:
            time.sleep(0.05)
        poller.start()
        console.cpu_percent(None)
        clients = [psutil.Process(p.pid) for p in procs]
        for c in clients:
            c.cpu_percent(None)
        cpu, rss, load, client_cpu = [], [], [], []

        def cpu_seconds(processes: list[Any]) -> float:
            return sum(sum(p.cpu_times()[:2]) for p in processes if p.is_running())

        def waited_for_cpu(pid: int) -> float:
            """Seconds the process's threads spent runnable but not running (Linux schedstat), 0 elsewhere."""
            total = 0
            for stat in glob.glob(f"/proc/{pid}/task/*/schedstat"):
                with contextlib.suppress(OSError, ValueError, IndexError):
                    total += int(Path(stat).read_text().split()[1])
            return total / 1e9

        window_end = start_wall + args.seconds
        cpu_start = (cpu_seconds([console]), cpu_seconds(clients), waited_for_cpu(server.pid))
        cpu_end: tuple[float, float, float] | None = None
        results = []
        while len(results) < len(procs):
            try:
                results.append(results_q.get(timeout=1.0))
            except Exception:
                if cpu_end is None and time.time() >= window_end:
                    cpu_end = (cpu_seconds([console]), cpu_seconds(clients), waited_for_cpu(server.pid))
                if time.time() - start_wall <= args.seconds:
                    cpu.append(console.cpu_percent(None))
                    rss.append(console.memory_info().rss)
                    load.append(os.getloadavg()[0])
                    client_cpu.append(sum(c.cpu_percent(None) for c in clients if c.is_running()))
                if time.time() - start_wall > args.seconds + 120:
                    raise SystemExit("room_sync: the kiosks did not finish within two minutes of the end") from None
        poller.stop.set()
        poller.join()
        poller.poll()
        poller.store.close()
        if cpu_end is None:
            cpu_end = (cpu_seconds([console]), cpu_seconds(clients), waited_for_cpu(server.pid))
        rtt = [r for res in results for r in res["rtt"]]
        in_window = sum(1 for res in results for at in res["at"] if start_wall <= at <= window_end) or 1
        errors: dict[str, int] = {}
        for res in results:
            for k, v in res["errors"].items():
                errors[k] = errors.get(k, 0) + v
        focus = [(poller.seen[(k, a, s)] - made) for res in results for k, a, s, made in res["focus"]
                 if (k, a, s) in poller.seen]
        unseen = sum(1 for res in results for k, a, s, _ in res["focus"] if (k, a, s) not in poller.seen)
        journals = {k: v for res in results for k, v in res["journals"].items()}
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        lost, duplicated = compare(url, journals)
        entries = sum(len(v[1]) for v in journals.values())
        cores = os.cpu_count() or 1
        rows = [
            Row("sync round trip p50", percentile(rtt, 50) * 1000, None, "ms"),
            Row("sync round trip p99", percentile(rtt, 99) * 1000, TARGET_RTT_P99_MS, "ms"),
            Row("focus-loss entry to store p50", percentile(focus, 50), None, "s"),
            Row("focus-loss entry to store p99", percentile(focus, 99) if focus else float("inf"),
                TARGET_FOCUS_P99_S, "s"),
            Row("entries lost", lost, 0, "entries"),
            Row("entries duplicated", duplicated, 0, "entries"),
            Row("focus losses never seen in the store", unseen, 0, "entries"),
            Row("syncs answered other than 200", sum(errors.values()), None, "syncs"),
            Row("console resident memory (peak)", max(rss, default=0) / 2**20, None, "MiB"),
            Row("console CPU (mean, % of one core)", statistics.fmean(cpu) if cpu else 0.0, None, "%"),
            Row(f"console CPU (mean, % of the {cores}-core machine)", (statistics.fmean(cpu) if cpu else 0.0) / cores,
                None, "%"),
            Row("kiosk processes' CPU (mean, % of one core, all)", statistics.fmean(client_cpu) if client_cpu else 0.0,
                None, "%"),
            Row("console CPU per sync (process time / syncs answered)", (cpu_end[0] - cpu_start[0]) / in_window * 1000,
                None, "ms"),
            Row("kiosk processes' CPU per sync", (cpu_end[1] - cpu_start[1]) / in_window * 1000, None, "ms"),
            # on a machine shared with other work, the part of the round trip that is the machine's, not the console's
            Row("console threads runnable but waiting for a core (per s)", (cpu_end[2] - cpu_start[2]) / args.seconds
                * 1000, None, "ms"),
        ]
        rate = len(rtt) / args.seconds
        title = (f"Room sync — {args.kiosks} kiosks at 1 Hz for {args.seconds:g} s on {args.db}, {args.workers} client "
                 f"processes ({args.client}), focus sync {args.focus_sync}: {len(rtt)} syncs ({rate:.0f}/s), "
                 f"{entries} entries, "
                 f"{len(focus) + unseen} focus losses; load average during the run "
                 f"{statistics.fmean(load) if load else 0:.2f} (max {max(load, default=0):.2f})"
                 + (f"; errors {errors}" if errors else ""))
        return report(title, rows)
    finally:
        for p in procs:
            if p.is_alive():
                p.terminate()
        if server is not None and server.poll() is None:
            server.kill()
            server.wait()
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
