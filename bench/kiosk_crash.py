"""Crash resume: real kiosk processes killed with SIGKILL at random moments, each followed by a restart.

Target (issue "Kiosk", point 3): 200 kills → 200 restarts that take the attempt up at the right
question, 0 treated answers lost, ≤ 3 s from the restart to the question on screen, and the
remaining time at the resume within 2 s of the remaining time at the kill.

Each kiosk is the real practice kiosk (``pupitre-kiosk --practice --bank …``: the demo bank, the
device key, the SQLite journal with synchronous=FULL, the Qt window, offscreen) played by a
robot candidate at a fast random pace (tests/kiosk/crash_child.py). The kills are drawn at
random (seeded): after a random time, or a random moment after a chosen screen or click, so that
they land in every phase, including an answer being written and the submission. Two data
directories live side by side (one worker process each, for 2 cores), 100 kills each.

After each kill the parent reads the journal and checks the next start (tests/kiosk/crash_harness.py):
- *right place*: an attempt in the test comes back, after the candidate confirms, at question
  (answers in the journal + 1) with the item that was on screen or announced for it, holding the
  journal's treated answers; one checked in but not started comes back to the instructions; one
  finished is submitted (its bundle verified) and not shown again; otherwise a new attempt begins;
- *answers lost*: answers the kiosk acknowledged (printed only once ``session.answer()`` had
  returned, so after the journal's commit) missing from the journal or changed in it;
- *restart → question on screen*: from the parent's clock just before it spawns the new process
  to the paint of the "Resume" button, plus from the robot's click on it to the paint of the
  question (or of the focus warning before it); the robot's pause before clicking is left out;
- *remaining time error*: remaining time restored at the restart minus the remaining time at the
  kill (from the kiosk's own reports of its exam clock); positive when the candidate gets time
  back (the time since the last one-second heartbeat), negative when time is lost.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _table import Row, report

from tests.kiosk.crash_checks import TIME_TOLERANCE_S
from tests.kiosk.crash_harness import RESTART_TARGET_S, prepare_bank, quantile, run_kills, summarise

KILLS = 200


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kill the kiosk at random moments and check every restart.")
    parser.add_argument("--kills", type=int, default=KILLS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pupitre-crash-") as tmp:
        folder = Path(tmp)
        bank = prepare_bank(folder / "bank")
        began = time.monotonic()
        results = run_kills(bank, folder, args.kills, workers=args.workers, seed=args.seed)
        wall = time.monotonic() - began
    s = summarise(results)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n{s.kills} kills over {sum(r.lives for r in results)} kiosk processes in {wall / 60:.1f} min "
          f"({args.workers} side by side); load average at the end {load:.2f}")
    print("where the kills landed: " + ", ".join(f"{phase} {n}" for phase, n in s.phases.most_common()))
    print("what the next start had to do: " + ", ".join(f"{kind} {n}" for kind, n in s.expectations.most_common()))
    kinds = Counter(f.split("): ", 1)[-1].splitlines()[0] for f in s.failures)  # the same fault, once
    for failure in s.failures[:10]:
        print(f"  FAILED {failure.splitlines()[0]}", file=sys.stderr)
    if len(s.failures) > 10:
        print(f"  … {len(s.failures)} failures in all; by kind:", file=sys.stderr)
        for text, n in kinds.most_common(10):
            print(f"    {n} × {text}", file=sys.stderr)

    restart, errors = s.restart_s, s.time_errors
    rows = [
        Row(f"restarts that did the right thing ({s.kills} kills)", s.right, s.kills, "", lower_is_better=False),
        Row("  of which a test in progress resumed at its question", s.resumed_in_test, None, ""),
        Row(f"treated answers lost (of {s.acked} acknowledged)", s.lost, 0, ""),
        Row("answers found unacknowledged (the kill cut off the acknowledgement)", s.in_flight, None, ""),
        Row("submitted attempts, bundle verified", s.bundles, None, ""),
        Row(f"restart → question on screen, p50 ({len(restart)} resumes)", quantile(restart, 0.5), None, "s"),
        Row("restart → question on screen, p99", quantile(restart, 0.99), RESTART_TARGET_S, "s"),
        Row("restart → question on screen, max", max(restart, default=float("nan")), RESTART_TARGET_S, "s"),
        Row("  of which start → resume screen painted, p50",
            quantile([k.to_resume_screen_s for r in results for k in r.kills if k.restart_s is not None], 0.5),
            None, "s"),
        Row("  of which resume click → question painted, p50",
            quantile([k.after_click_s for r in results for k in r.kills if k.restart_s is not None], 0.5), None, "s"),
        Row(f"remaining time error, max |resumed − at kill| ({len(errors)} resumes)",
            max((abs(e) for e in errors), default=float("nan")), TIME_TOLERANCE_S, "s"),
        Row("  time given back, max", max((e for e in errors), default=float("nan")), None, "s"),
        Row("  time lost, max", max((max(0.0, -e) for e in errors), default=float("nan")), None, "s"),
        Row("downtime recorded at the resume − time down, min", min(s.compensation_excess, default=float("nan")),
            None, "s"),
        Row("kills before a second kill whose outage the recorded downtime misses", s.outages_not_recorded,
            None, ""),
        Row("other failures (outside any kill)", sum(len(r.failures) for r in results), 0, ""),
    ]
    return report("Kiosk: crash resume after SIGKILL at random moments (real processes, offscreen)", rows)


if __name__ == "__main__":
    sys.exit(main())
