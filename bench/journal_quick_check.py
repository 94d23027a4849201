"""The journal's start-up check: SQLite's ``PRAGMA quick_check`` on a journal that has run for a year.

Every kiosk start (and ``pupitre-kiosk outbox`` / ``export``) runs the quick check before anything
is written, so a damaged page or index is found at once instead of by a query that misses rows.
It reads every page: its cost grows with the file. Target: ≤ 250 ms on a journal of 300 attempts
of 150 entries (a kiosk used for a year of weekly sessions), so the start-up budget holds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _table import Row, report

from kiosk.core import events as ev
from kiosk.device import DeviceIdentity
from kiosk.journal import JournalStore
from kiosk.journal.schema import DB_FILE, _quick_check, open_database
from protocol.keys import KeyPair

ROOT = Path(__file__).resolve().parents[1]
ATTEMPTS, ENTRIES = 300, 150
TARGET_MS = 250.0


def fill(store: JournalStore) -> None:
    for index in range(ATTEMPTS):
        journal = store.create_attempt(f"att-{index:04d}")
        with journal.transaction():
            journal.append(ev.ATTEMPT_CREATED, {"attempt_id": journal.attempt_id, "seed": index})
            for n in range(1, ENTRIES // 2):
                journal.append(ev.QUESTION_SHOWN, {"number": n, "item_id": f"1.1-s{n:05d}"})
                journal.append(ev.ANSWERED, {"number": n, "item_id": f"1.1-s{n:05d}", "response": {"f1": "réponse"},
                                             "outcome": "ok", "duration_s": 31.5, "focus_out_s": 0.0})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=ROOT / "build", help="where to put the journal (a real disk)")
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    device = DeviceIdentity(KeyPair.generate("bench-kiosk"))
    checks, opens = [], []
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="bench-quick-check-") as tmp:
        with JournalStore(tmp, device) as store:
            fill(store)
        size_mb = (Path(tmp) / DB_FILE).stat().st_size / 1e6
        for _ in range(5):
            engine = open_database(Path(tmp))
            try:
                with engine.connect() as conn:
                    start = time.perf_counter()
                    _quick_check(conn, Path(tmp) / DB_FILE)
                    checks.append(time.perf_counter() - start)
            finally:
                engine.dispose()
            start = time.perf_counter()
            JournalStore(tmp, None).close()
            opens.append(time.perf_counter() - start)
    rows = [
        Row(f"quick check of {ATTEMPTS}×{ENTRIES} entries ({size_mb:.1f} MB), median of 5",
            statistics.median(checks) * 1e3, TARGET_MS, "ms"),
        Row("open the journal, check included, median of 5", statistics.median(opens) * 1e3, None, "ms"),
    ]
    return report(f"bench/journal_quick_check.py — in {args.dir} ({dt.datetime.now(dt.UTC):%Y-%m-%d})", rows)


if __name__ == "__main__":
    sys.exit(main())
