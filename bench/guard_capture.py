"""Process guard: a short-lived program (a screen capture lasts about 0.15 s) caught between two
scans by the watcher for new processes, and what the watcher costs.

The guard runs as in the kiosk (Qt timers, the 1 s full scan in a worker thread, the 50 ms
watcher thread) with one prohibited program: a throwaway copy of the Python interpreter that
lives 0.15 s, started 30 times at random moments against the scans. Each time runs from just
before the program is started to its ``process-found`` entry. Then the watcher alone runs for
10 s (a few short programs started meanwhile) and its CPU time is divided by the wall time.

    ./run bench guard_capture
"""

from __future__ import annotations

import os
import random
import shutil
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
from kiosk.guard.process_watch import INTERVAL_S, ProcessWatch
from kiosk.guard.qt_monitor import ProcessTimer
from kiosk.ui.qt_refcount import QtRefcountKeeper

TRIALS = 30
LIFE_S = 0.15
CODE = f"import time; time.sleep({LIFE_S})"


class Trials:
    def __init__(self, app: QCoreApplication, program: Path, found: dict[int, float]):
        self.app, self.program, self.found = app, program, found
        self.latencies: list[float] = []
        self.missed = 0
        self.rng = random.Random(14)
        self.child: subprocess.Popen[bytes] | None = None
        self.start = 0.0
        self.poll = QTimer()
        self.poll.setInterval(5)
        self.poll.timeout.connect(self.check)

    def next(self) -> None:
        if len(self.latencies) + self.missed >= TRIALS:
            self.app.quit()
            return
        self.start = time.monotonic()
        self.child = subprocess.Popen([str(self.program), "-c", CODE])
        self.poll.start()

    def check(self) -> None:
        assert self.child is not None
        pid = self.child.pid
        if pid not in self.found and time.monotonic() - self.start < 3.0:
            self.child.poll()
            return
        self.poll.stop()
        if self.child.poll() is None:
            self.child.kill()
        self.child.wait()
        if pid in self.found:
            self.latencies.append(self.found[pid] - self.start)
        else:
            self.missed += 1
        QTimer.singleShot(200 + self.rng.randrange(1000), self.next)


def watcher_cpu(seconds: float = 10.0) -> tuple[float, int]:
    """The watcher thread alone, in this otherwise idle process: CPU share of one core and how many
    newcomers it described (short programs are started meanwhile, from another thread's children)."""
    source = PsutilProcesses()
    source.hash_since = time.time() - 1
    watch = ProcessWatch(source.describe, os.getuid())
    watch.start()
    cpu, wall = time.process_time(), time.monotonic()
    described = 0
    while time.monotonic() - wall < seconds:
        subprocess.run(["true"], check=False)  # a newcomer to describe (its CPU is the child's)
        time.sleep(0.5)
        described += len(watch.take())
    share = (time.process_time() - cpu) / (time.monotonic() - wall)
    watch.stop()
    return share * 100, described


def main() -> int:
    app = QCoreApplication.instance() or QCoreApplication([])
    QtRefcountKeeper.install(app)  # PySide6 6.12.0 on Python 3.11 (see kiosk/ui/qt_refcount.py)
    found: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        program = Path(tmp) / "pupitre-snap"
        shutil.copy(os.path.realpath(sys.executable), program)
        with open(program, "ab") as handle:
            handle.write(os.urandom(64))  # its own content: nothing else on the machine matches
        policy = GuardPolicy.from_dict({"processes": {"prohibited_categories": [], "prohibited": [str(program)]}})

        def journal(kind: str, payload: dict) -> None:
            if kind == "process-found":
                found.setdefault(int(payload["process"]["pid"]), time.monotonic())

        guard = ProcessGuard(policy, journal, lambda reason, payload: None)
        timer = ProcessTimer(guard)
        guard.apply()
        timer.apply()
        trials = Trials(app, program, found)
        QTimer.singleShot(0, trials.next)
        app.exec()
        timer.revert()
        guard.revert()
    share, described = watcher_cpu()
    lat = trials.latencies or [float("inf")]
    rows = [
        Row(f"programs of {LIFE_S:g} s missed (of {TRIALS})", trials.missed, 0, ""),
        Row("start → journalled, slowest", max(lat), 0.5, "s"),
        Row("start → journalled, median", statistics.median(lat), None, "s"),
        Row(f"watcher CPU, one core (every {INTERVAL_S * 1000:g} ms, {described} newcomers described)",
            share, 2.0, "%"),
    ]
    return report(f"Short-lived programs ({TRIALS} of {LIFE_S:g} s, watcher every {INTERVAL_S * 1000:g} ms)", rows)


if __name__ == "__main__":
    sys.exit(main())
