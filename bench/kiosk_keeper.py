"""Key custody's cost on the hot path: a session command journalled through the keeper vs in-process.

A session command ("Validate") is one transaction: the sealed answer and the next question,
one commit, one fsync. Through the keeper it is three round trips on a Unix socket pair
(append with begin, append, commit) to another process that does the same SQLite work. The
two are measured alternately, one command each in turn, on the same disk.

On a shared machine the fsync's spread (tens of milliseconds at p99) swamps any comparison of
two separate runs of commands, so the target is on what custody itself adds to each command:
the interface's time for the command minus the keeper's time handling its three requests
(measured in the keeper), i.e. framing, canonical JSON both ways, the socket and waking the
other process. Target: ≤ 2 ms at p99. The commands' own times, both ways, and a bare round
trip (``ping``) are reported beside it. Run on the kiosk's own disk (default: build/ in the
project; ``--dir`` to choose).

The keeper here runs without accounts (the same protocol and processes; switching accounts
costs nothing per request).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _table import Row, report

from kiosk.core import events as ev

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = 400
ROUND_TRIPS = 2000


def command(journal, n: int) -> float:
    """One "Validate": the answer (sealed) and the next question, one transaction; seconds taken."""
    start = time.perf_counter()
    with journal.transaction():
        journal.append(ev.ANSWERED, {"number": n, "item_id": f"1.1-s{n:05d}", "response": {"f1": "réponse " * 4},
                                     "outcome": "ok", "duration_s": 31.5, "focus_out_s": 0.0})
        journal.append(ev.QUESTION_SHOWN, {"number": n + 1, "item_id": f"1.1-s{n + 1:05d}",
                                           "order": ["A", "B", "C", "D"]})
    return time.perf_counter() - start


def client(local_dir: Path, out: Path) -> int:
    """The interface's side (started by the keeper): measures both paths, writes them to ``out``."""
    from kiosk.device import DeviceIdentity
    from kiosk.journal import JournalStore
    from kiosk.keeper.client import connect_keeper
    from protocol.keys import KeyPair

    custody = connect_keeper()
    remote = custody.store.create_attempt("bench-keeper")
    remote.append(ev.ATTEMPT_CREATED, {"attempt_id": "bench-keeper"})
    results: dict[str, list[float]] = {"local": [], "keeper": [], "round_trip": []}
    with JournalStore(local_dir, DeviceIdentity(KeyPair.generate("bench-local"))) as store:
        local = store.create_attempt("bench-local")
        local.append(ev.ATTEMPT_CREATED, {"attempt_id": "bench-local"})
        for n in range(1, COMMANDS + 1):
            results["keeper"].append(command(remote, n))
            results["local"].append(command(local, n))
    for _ in range(ROUND_TRIPS):
        start = time.perf_counter()
        custody.client.call("ping")
        results["round_trip"].append(time.perf_counter() - start)
    custody.store.close()
    out.write_text(json.dumps(results), encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=ROOT / "build", help="where to put the journals (a real disk)")
    parser.add_argument("--client", nargs=2, metavar=("LOCAL_DIR", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.client:
        return client(Path(args.client[0]), Path(args.client[1]))
    import logging

    from kiosk.keeper.process import run_keeper

    logging.basicConfig(level=logging.ERROR)  # the keeper's single-account warning is expected here
    args.dir.mkdir(parents=True, exist_ok=True)
    handled: list[tuple[str, float]] = []  # (operation, seconds) of every request, in order
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="bench-keeper-") as tmp:
        out = Path(tmp) / "results.json"
        status = run_keeper(Path(tmp) / "keeper", [sys.executable, __file__, "--client", str(Path(tmp) / "local"),
                                                   str(out)],
                            observe=lambda request, seconds: handled.append((request.get("op"), seconds)))
        if status != 0:
            print(f"the bench's interface process failed (exit {status})", file=sys.stderr)
            return 2
        results = json.loads(out.read_text(encoding="utf-8"))

    # hello, create, append (attempt-created), then three requests per command, then the pings.
    work = [seconds for op, seconds in handled[3:3 + 3 * COMMANDS]]
    assert [op for op, _ in handled[3:3 + 3 * COMMANDS]] == ["append", "append", "commit"] * COMMANDS
    results["custody"] = [total - sum(work[3 * i:3 * i + 3]) for i, total in enumerate(results["keeper"])]

    def ms(name: str, q: float) -> float:
        return float(np.percentile(np.array(results[name]) * 1e3, q))

    rows = [
        Row("command in-process (2 appends + commit + fsync), p50", ms("local", 50), None, "ms"),
        Row("command in-process, p99", ms("local", 99), None, "ms"),
        Row("command through the keeper, p50", ms("keeper", 50), None, "ms"),
        Row("command through the keeper, p99", ms("keeper", 99), None, "ms"),
        Row("added by custody per command (3 round trips), p50", ms("custody", 50), None, "ms"),
        Row("added by custody per command (3 round trips), p99", ms("custody", 99), 2, "ms"),
        Row("bare round trip to the keeper (no fsync), p50", ms("round_trip", 50), None, "ms"),
        Row("bare round trip to the keeper, p99", ms("round_trip", 99), None, "ms"),
    ]
    title = (f"bench/kiosk_keeper.py — {COMMANDS} commands each way, alternated, in {args.dir} "
             f"({dt.datetime.now(dt.UTC):%Y-%m-%d})")
    return report(title, rows)


if __name__ == "__main__":
    sys.exit(main())
