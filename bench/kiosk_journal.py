"""Kiosk journal: append + fsync latency, verified opening, and writing a result bundle.

The hot path is "candidate validates → the journal appends the answer and fsyncs → next
question"; the interface must not feel it. Targets: an append (sealed answer or clear event)
≤ 50 ms p99, a checkpoint ≤ 50 ms p99, opening and verifying a 300-entry attempt ≤ 250 ms,
signing and durably writing its bundle ≤ 250 ms. Run on the kiosk's own disk: by default the
journal goes in build/ under the project, not /tmp (often a RAM disk where fsync costs nothing);
``--dir`` chooses another place (e.g. a USB stick or an SD card to see a slow medium).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _table import Row, report

from kiosk.clock import SystemClock
from kiosk.core import events as ev
from kiosk.device import DeviceIdentity
from kiosk.journal import JournalStore
from kiosk.outbox import BundleWriter
from protocol.keys import KeyPair

ROOT = Path(__file__).resolve().parents[1]
ENTRIES = 300  # a 32-question exam writes about 150 events; twice that with pauses and guard findings


def fill(journal, appends: dict[str, list[float]], checkpoints: list[float]) -> None:
    clock = SystemClock()
    journal.append(ev.ATTEMPT_CREATED, {"attempt_id": journal.attempt_id, "seed": 1, "bank": {"id": "b"}})
    journal.append(ev.CHECKED_IN, {"candidate": {"last_name": "Martin", "first_name": "Léa"}, "locale": "fr"})
    for n in range(1, ENTRIES // 2):
        start = time.perf_counter()
        journal.append(ev.QUESTION_SHOWN, {"number": n, "item_id": f"1.1-s{n:05d}", "order": ["A", "B", "C", "D"]})
        appends["clear"].append(time.perf_counter() - start)
        start = time.perf_counter()
        journal.append(ev.ANSWERED, {"number": n, "item_id": f"1.1-s{n:05d}", "response": {"f1": "réponse " * 4},
                                     "outcome": "ok", "duration_s": 31.5, "focus_out_s": 0.0})
        appends["sealed"].append(time.perf_counter() - start)
        start = time.perf_counter()
        journal.checkpoint(float(n), clock.now())
        checkpoints.append(time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=ROOT / "build", help="where to put the journal (a real disk)")
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    device = DeviceIdentity(KeyPair.generate("bench-kiosk"))
    appends: dict[str, list[float]] = {"clear": [], "sealed": []}
    checkpoints: list[float] = []
    opens: list[float] = []
    bundles: list[float] = []
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="bench-journal-") as tmp:
        with JournalStore(tmp, device) as store:
            for index in range(3):
                journal = store.create_attempt(f"att-{index}")
                fill(journal, appends, checkpoints)
                journal.append(ev.FINISHED, {"reason": "completed", "result": {"score": 300}})
        with JournalStore(tmp, device) as store:
            writer = BundleWriter(tmp, device, store)
            for index in range(3):
                start = time.perf_counter()
                journal = store.open_attempt(f"att-{index}")
                opens.append(time.perf_counter() - start)
                summary = {"attempt_id": journal.attempt_id, "seed": 1, "bank": {"id": "b", "version": 1,
                           "manifest_sha256": "0" * 64}, "profile": {}, "questions": [], "time": {}}
                start = time.perf_counter()
                writer.submit(summary, journal.events())
                bundles.append(time.perf_counter() - start)

    def ms(values: list[float], q: float) -> float:
        return float(np.percentile(np.array(values) * 1e3, q))

    rows = [
        Row("append a sealed answer (AES-GCM + fsync), p99", ms(appends["sealed"], 99), 50, "ms"),
        Row("append a sealed answer, p50", ms(appends["sealed"], 50), None, "ms"),
        Row("append a clear event, p99", ms(appends["clear"], 99), 50, "ms"),
        Row("append a clear event, p50", ms(appends["clear"], 50), None, "ms"),
        Row("checkpoint (upsert + fsync), p99", ms(checkpoints, 99), 50, "ms"),
        Row(f"open + verify a {ENTRIES}-entry attempt, median of 3", statistics.median(opens) * 1e3, 250, "ms"),
        Row("sign + write a bundle durably, median of 3", statistics.median(bundles) * 1e3, 250, "ms"),
    ]
    title = (f"bench/kiosk_journal.py — SQLite WAL, synchronous=FULL, in {args.dir} "
             f"({dt.datetime.now(dt.UTC):%Y-%m-%d})")
    return report(title, rows)


if __name__ == "__main__":
    sys.exit(main())
