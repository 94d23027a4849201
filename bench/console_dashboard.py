"""The room's dashboard with 300 kiosks refreshed at 1 Hz from live syncs (issue 11, "Numbers").

A real console store (SQLite, WAL, synchronous=FULL, in a temporary data folder) holds 300
enrolled kiosks, each in a test. A writer applies their syncs with the store's own functions —
``SyncStore.apply`` (the counter taken, the new journal entries appended, alerts raised) for 300
kiosks a second, spread evenly, and the server's ``LastHeard`` notes flushed every 2 seconds, as
the console's server does — in another process (``--writer process``, the default) or on a
thread of the window's own process (``--writer thread``, where it competes for the interpreter
with the interface as the in-process server does). Each kiosk's journal grows as in a 32-question
test, with a counted focus loss now and then (an alert: the tiles' order changes).

The window is the real :class:`QtDashboard` at 1920×1080 (offscreen): every second its worker
thread reads the room and makes the tiles' texts; the interface thread then applies them and
the grid is painted. Measured on the interface thread: apply + paint (the frame), p50 / p99 / max;
also the worker's read, and the resident memory of the console process.
Target: frame p99 ≤ 16 ms.

    python bench/console_dashboard.py [--kiosks 300] [--seconds 90] [--writer process|thread]
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "invigilator" / "ui"))
from _table import Row, report  # noqa: E402

TARGET_FRAME_P99_MS = 16.0
WARM_UP = 3  # frames: the first paints of the window draw every visible tile and load the fonts' glyphs


def _rss_mib(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def fill(data_dir: Path, kiosks: int) -> None:
    """The console, its session and roster, and ``kiosks`` kiosks each in a test (written once, before)."""
    from roomfill import exam_day, make_console

    console, _ = make_console(data_dir, _now)
    room = exam_day(console, _now(), kiosks=kiosks)
    with open(data_dir / "kiosks.txt", "w", encoding="utf-8") as out:
        for kid, journal in room.journals.items():
            out.write(f"{kid} {journal.attempt_id} {journal.seq} {journal.head} {room.candidates.get(kid) or '-'}\n")
    console.close()


def write_syncs(data_dir: str, seconds: float, stop: object | None = None, rate: int = 300) -> None:
    """Apply ``rate`` kiosk syncs a second for ``seconds``, as the console's server would store them."""
    from roomfill import Journal

    from invigilator.core.kiosks import KioskStatus
    from invigilator.server.heard import LastHeard
    from invigilator.store import RoomStore

    store = RoomStore.open(None, Path(data_dir))
    heard = LastHeard(store)
    journals = []
    candidates: dict[str, str | None] = {}
    for line in (Path(data_dir) / "kiosks.txt").read_text(encoding="utf-8").splitlines():
        kid, attempt, seq, head, candidate = line.split()
        journals.append((kid, Journal(attempt, head, int(seq))))
        candidates[kid] = None if candidate == "-" else candidate
    rng = random.Random(11)
    counters = {kid: 1 for kid, _ in journals}
    question = {kid: j.seq // 2 + 1 for kid, j in journals}
    started = time.monotonic()
    last_flush = started
    n = 0
    while time.monotonic() - started < seconds and not (stop is not None and stop.is_set()):  # type: ignore[attr-defined]
        kid, journal = journals[n % len(journals)]
        due = started + n / rate
        pause = due - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        now = _now()
        kinds = []
        if rng.random() < 0.02:  # a question every ~50 s: four times a 32-question test's pace (~200 s)
            number = question[kid]
            kinds = [("answered", {"number": number, "item_id": f"1.1-{number:02d}", "outcome": "ok"}),
                     ("question-shown", {"number": number + 1, "item_id": f"1.2-{number + 1:02d}"})]
            question[kid] = number + 1
            if rng.random() < 0.01:
                kinds.append(("focus-lost", {"number": number + 1, "counted": True, "detail": "bench"}))
        entries = journal.entries(kinds, now) if kinds else []
        store.syncs.apply(kid, counters[kid], [(journal.attempt_id, entries)] if entries else [], [], now)
        counters[kid] += 1
        heard.note(kid, now, KioskStatus("question", candidates[kid], journal.attempt_id, min(question[kid], 32), 32,
                                         max(0.0, 6000 - (now.timestamp() % 6000)), True))
        if time.monotonic() - last_flush >= 2.0:
            heard.flush()
            last_flush = time.monotonic()
        n += 1
    heard.flush()
    store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kiosks", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=90.0)
    parser.add_argument("--writer", choices=("process", "thread"), default="process")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from invigilator.store import RoomStore
    from invigilator.store.dashboard import read_dashboard
    from invigilator.ui.qt_dashboard import QtDashboard
    from invigilator.ui.qt_i18n import QtConsoleLanguage
    from invigilator.ui.qt_refcount import QtRefcountKeeper
    from invigilator.ui.qt_theme import QtConsoleTheme

    with tempfile.TemporaryDirectory(prefix="pupitre-bench-dashboard-") as tmp:
        data_dir = Path(tmp) / "console"
        fill(data_dir, args.kiosks)
        app = QApplication([sys.argv[0]])
        QtRefcountKeeper.install(app)  # ADR 0009
        language = QtConsoleLanguage(app, "fr")
        theme = QtConsoleTheme(app)
        store = RoomStore.open(None, data_dir)
        reads: list[float] = []

        def read():
            t0 = time.perf_counter()
            try:
                return read_dashboard(store.db, _now())
            finally:
                reads.append(time.perf_counter() - t0)

        board = QtDashboard(read, theme)
        board.resize(1920, 1080)
        board.show()
        frames: list[float] = []
        cpu: list[float] = []
        shown: list[int] = []

        def measured_apply(snapshot) -> None:  # what the interface thread does with a read: apply, then paint
            t0, c0 = time.perf_counter(), time.thread_time()
            board.apply(snapshot)
            board.grid.viewport().repaint()
            frames.append(time.perf_counter() - t0)
            cpu.append(time.thread_time() - c0)
            shown.append(board.model.rowCount())

        board._snapshot_ready.disconnect()
        board._snapshot_ready.connect(measured_apply)

        stop = threading.Event()
        if args.writer == "process":
            writer = mp.get_context("spawn").Process(target=write_syncs, args=(str(data_dir), args.seconds + 5))
            writer.start()
        else:
            writer = threading.Thread(target=write_syncs, args=(str(data_dir), args.seconds + 5, stop), daemon=True)
            writer.start()
        time.sleep(2.0)  # the writer is running before the first frame
        board.start()
        loop = QEventLoop()
        QTimer.singleShot(int(args.seconds * 1000), loop.quit)
        loop.exec()
        board.stop()
        rss = _rss_mib()
        writer_rss = _rss_mib(writer.pid) if isinstance(writer, mp.process.BaseProcess) and writer.is_alive() else 0.0
        stop.set()
        writer.join(30)
        needing = board.snapshot.read.view.needing_action if board.snapshot else 0
        store.close()
        language.close()

    if len(frames) < max(5, int(args.seconds * 0.8)):
        print(f"only {len(frames)} frames in {args.seconds:.0f} s: the refresh did not keep 1 Hz", file=sys.stderr)
        return 1
    ms = sorted(f * 1000 for f in frames)
    p99 = ms[min(len(ms) - 1, round(0.99 * (len(ms) - 1)))]
    read_ms = sorted(r * 1000 for r in reads)
    cpu_ms = sorted(c * 1000 for c in cpu)
    steady = sorted(f * 1000 for f in frames[WARM_UP:])  # after the window's first paints (fonts, pictures)
    print(f"{len(frames)} frames of {max(shown)} tiles; {needing} needing action at the end; writer: {args.writer}")
    try:
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
        print(f"load average: {load}")
    except OSError:
        pass
    rows = [
        Row("frame (apply + paint) p50", statistics.median(ms), None, "ms"),
        Row("frame (apply + paint) p99", p99, TARGET_FRAME_P99_MS, "ms"),
        Row("frame (apply + paint) max", ms[-1], None, "ms"),
        Row(f"frame p99 after the first {WARM_UP} (information)",
            steady[min(len(steady) - 1, round(0.99 * (len(steady) - 1)))], None, "ms"),
        Row("frame, interface thread's CPU p50", statistics.median(cpu_ms), None, "ms"),
        Row("frame, interface thread's CPU p99", cpu_ms[min(len(cpu_ms) - 1, round(0.99 * (len(cpu_ms) - 1)))],
            None, "ms"),
        Row("worker read + texts p50", statistics.median(read_ms), None, "ms"),
        Row("worker read + texts p99", read_ms[min(len(read_ms) - 1, round(0.99 * (len(read_ms) - 1)))], None,
            "ms"),
        Row("console resident memory", rss, None, "MiB"),
    ]
    if writer_rss:
        rows.append(Row("writer process memory", writer_rss, None, "MiB"))
    return report(f"Console dashboard: {args.kiosks} kiosks at 1 Hz, {args.seconds:.0f} s of live syncs", rows)


if __name__ == "__main__":
    sys.exit(main())
