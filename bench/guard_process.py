"""Process guard: how long a prohibited program started during the exam keeps running.

The guard runs as in the kiosk (Qt timers, snapshots in a worker thread, the default 1 s scan
and 0.5 s escalation steps) with one prohibited name. A real program with that name (a copy of
the Python interpreter that sleeps) is started 30 times, at random moments against the scan;
half of the copies ignore SIGTERM, so they need the kill step. Each time runs from just before
the program is started to the moment the benchmark sees it dead. The same program started again
and again locks the workstation every third time within a minute (by design); the survivor lock
must never fire.

    ./run bench guard_process
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the project
from _table import Row, report

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QCoreApplication, QTimer

from kiosk.guard.policy import GuardPolicy
from kiosk.guard.process_guard import ProcessGuard, PsutilProcesses
from kiosk.guard.qt_monitor import ProcessTimer
from kiosk.ui.qt_refcount import QtRefcountKeeper

NAME = "pupitre-bench"  # under 15 characters
TRIALS = 30
CODE = "import signal, sys, time\nif sys.argv[1] == 'stubborn': signal.signal(signal.SIGTERM, signal.SIG_IGN)\n" \
       "time.sleep(600)\n"


class Trials:
    """Starts the programs one after the other and times them, all from Qt timers inside ``app.exec()``."""

    def __init__(self, app: QCoreApplication, program: Path):
        self.app = app
        self.program = program
        self.polite: list[float] = []
        self.stubborn: list[float] = []
        self.trial = 0
        self.rng = random.Random(8)
        self.child: subprocess.Popen[bytes] | None = None
        self.start = 0.0
        self.poll = QTimer()
        self.poll.setInterval(5)
        self.poll.timeout.connect(self.check)

    def next(self) -> None:
        if self.trial >= TRIALS:
            self.app.quit()
            return
        kind = "stubborn" if self.trial % 2 else "polite"
        self.start = time.monotonic()
        # a stubborn program ignores SIGTERM from its start (inherited through exec), not from its first line:
        # the guard's watcher can find it before that line runs
        ignore = (lambda: signal.signal(signal.SIGTERM, signal.SIG_IGN)) if kind == "stubborn" else None
        self.child = subprocess.Popen([str(self.program), "-c", CODE, kind], preexec_fn=ignore)
        self.poll.start()

    def check(self) -> None:
        assert self.child is not None
        elapsed = time.monotonic() - self.start
        if self.child.poll() is None and elapsed < 10:
            return
        self.poll.stop()
        if self.child.poll() is None:
            self.child.kill()
            self.child.wait()
            elapsed = float("inf")
        (self.stubborn if self.trial % 2 else self.polite).append(elapsed)
        self.trial += 1
        # a random phase against the 1 s scan, after the guard has journalled the end
        QTimer.singleShot(300 + self.rng.randrange(1000), self.next)


def main() -> int:
    app = QCoreApplication.instance() or QCoreApplication([])
    QtRefcountKeeper.install(app)  # PySide6 6.12.0 on Python 3.11 (see kiosk/ui/qt_refcount.py)
    policy = GuardPolicy.from_dict({"processes": {"prohibited_categories": [], "prohibited": [NAME]}})
    journal: list[tuple[float, str]] = []
    locks: list[str] = []
    guard = ProcessGuard(policy, lambda kind, payload: journal.append((time.monotonic(), kind)),
                         lambda reason, payload: locks.append(reason))
    timer = ProcessTimer(guard)
    guard.apply()
    timer.apply()
    with tempfile.TemporaryDirectory() as tmp:
        program = Path(tmp) / NAME
        shutil.copy(sys.executable, program)
        trials = Trials(app, program)
        QTimer.singleShot(0, trials.next)
        app.exec()
    timer.revert()
    guard.revert()
    source = PsutilProcesses()
    costs = []
    for _ in range(30):
        begin = time.perf_counter()
        count = len(source.snapshot())
        costs.append((time.perf_counter() - begin) * 1000)
    polite, stubborn = trials.polite, trials.stubborn
    rows = [
        Row("start → terminated, slowest (SIGTERM obeyed)", max(polite), 2.0, "s"),
        Row("start → terminated, median (SIGTERM obeyed)", statistics.median(polite), None, "s"),
        Row("start → killed, slowest (SIGTERM ignored)", max(stubborn), 2.0, "s"),
        Row("start → killed, median (SIGTERM ignored)", statistics.median(stubborn), None, "s"),
        Row("locks for a survivor (none expected: all were stopped)",
            sum(1 for _, kind in journal if kind == "process-survived"), 0, ""),
        Row("locks for a program started 3 times in a minute (expected)",
            sum(1 for _, kind in journal if kind == "process-relaunched"), None, ""),
        Row(f"one snapshot of {count} processes, median (worker thread)", statistics.median(costs), None, "ms"),
    ]
    return report(f"Process guard ({TRIALS} prohibited programs, scan every {policy.process_interval_s:g} s)", rows)


if __name__ == "__main__":
    sys.exit(main())
