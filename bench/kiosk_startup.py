"""Kiosk start-up and memory: a fresh process to the check-in screen, and resident memory during a test.

Targets (issue 5): cold start to the check-in screen shown ≤ 1.5 s; resident memory during a
test ≤ 200 MB. Each start is a new Python process (``--child-start``) on the demo bank already
built into its data directory: the clock runs from just before the process is spawned to the
first paint of the check-in screen (interpreter, imports, bank signature and passphrase, device
key, journal, window). The memory run (``--child-play``) plays a whole 32-question test through
the widgets and samples the process's resident set size after every question.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(ROOT))

START_TARGET_S = 1.5
RSS_TARGET_MB = 200.0
STARTS = 7


def child_start(data_dir: str) -> None:
    """Start the kiosk as ``pupitre-kiosk --practice --demo`` would; print the time of the first paint."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject

    from kiosk.app import launch, parse_args
    from kiosk.core.session import State

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                print(f"painted {time.monotonic():.6f}", flush=True)
                os._exit(0)
            return False

    ui = launch(parse_args(["--practice", "--demo", "--windowed", "--data-dir", data_dir]))  # what main() does
    probe = FirstPaint()
    ui.window.pages[State.CHECK_IN].heading.installEventFilter(probe)
    ui.app.exec()


def child_play(data_dir: str) -> None:
    """Play a whole certification test through the widgets; print the peak resident set size."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import psutil
    from kiosk_latency import fill, wait
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from itembank.pbank import open_bank
    from kiosk.app import PracticeApp, PracticeKiosk, demo_bank
    from kiosk.core.candidate import Candidate
    from kiosk.core.session import State

    process = psutil.Process()
    path, passphrase, trusted = demo_bank(Path(data_dir))
    kiosk = PracticeKiosk(open_bank(path, trusted, passphrase=passphrase), "certification", Path(data_dir))
    ui = PracticeApp(kiosk, windowed=True, watch_focus=False)
    ui.start(kiosk.new_attempt(1))
    app, window, session = ui.app, ui.window, ui.attempt.session
    wait(app, lambda: session.state is State.CHECK_IN)
    session.submit_check_in(Candidate("Martin", "Léa", dt.date(2009, 5, 17)), "fr")
    wait(app, lambda: session.state is State.INSTRUCTIONS)
    session.start_test()
    screen, peak = window.pages[State.QUESTION], process.memory_info().rss
    while session.state in (State.QUESTION, State.FOCUS_WARNING):
        if session.state is State.FOCUS_WARNING:
            session.acknowledge_focus_warning()
        wait(app, lambda: window.current_page() is screen and screen.answer is not None and screen.answer.isVisible())
        fill(screen, session)
        button = screen.validate_button
        QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(button.width() // 2, button.height() // 2))
        for _ in range(5):
            app.processEvents()
        peak = max(peak, process.memory_info().rss)
    wait(app, lambda: session.state is State.SUBMITTED)
    for _ in range(20):
        app.processEvents()
    peak = max(peak, process.memory_info().rss)
    print(f"rss {peak / 2**20:.1f} {len(session.treated)}", flush=True)
    os._exit(0)


def spawn(*args: str) -> tuple[float, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed kiosk has its modules compiled
    began = time.monotonic()
    out = subprocess.run([sys.executable, str(HERE), *args], capture_output=True, text=True, env=env, cwd=ROOT,
                         timeout=300)
    if out.returncode != 0 or not out.stdout.strip():
        raise SystemExit(f"the kiosk process failed:\n{out.stderr[-3000:]}")
    return began, out.stdout.strip().splitlines()[-1]


def main() -> int:
    from _table import Row, report

    from kiosk.app import demo_bank

    rows = []
    with tempfile.TemporaryDirectory(prefix="pupitre-startup-") as tmp:
        data = Path(tmp) / "kiosk"
        demo_bank(data)  # built once, as after the first run of ./run demo
        spawn("--child-start", str(Path(tmp) / "install"))  # compiles the modules, as an installation does
        first_began, first = spawn("--child-start", str(data))  # this one also makes the device key
        starts = []
        for _ in range(STARTS):
            began, line = spawn("--child-start", str(data))
            starts.append(float(line.split()[1]) - began)
        rows += [
            Row("first start (device key made) → check-in painted", float(first.split()[1]) - first_began,
                START_TARGET_S, "s"),
            Row(f"start → check-in painted, median of {STARTS}", statistics.median(starts), None, "s"),
            Row(f"start → check-in painted, slowest of {STARTS}", max(starts), START_TARGET_S, "s"),
        ]
        _, line = spawn("--child-play", str(Path(tmp) / "play"))
        _, rss, treated = line.split()
        rows.append(Row(f"resident memory, peak during a {treated}-question test", float(rss), RSS_TARGET_MB, "MB"))
    return report("Kiosk: cold start to the check-in screen, and memory during a test", rows)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child-start", metavar="DATA_DIR")
    parser.add_argument("--child-play", metavar="DATA_DIR")
    options = parser.parse_args()
    if options.child_start:
        child_start(options.child_start)
    elif options.child_play:
        child_play(options.child_play)
    else:
        sys.exit(main())
