"""Finalising a session and making its package, for a room of candidates who all finished.

Every candidate's attempt is played by the real engine and received as the console receives it
(journal merged, bundle verified, replayed, kept); then the bench times what the invigilator waits
for: the finalisation screen's results (every bundle replayed again against the bank), signing and
closing, and the package (report PDF, registry, bundles) queued and exported to a folder, read back
and checked.

Targets, for 300 candidates (issue 11's room size): the results shown in ≤ 30 s, the package made,
exported and read back in ≤ 20 s. Smaller rooms scale the targets per candidate.

    .venv/bin/python bench/console_finalise.py [--candidates 300]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "invigilator" / "closing"))

from _table import Row, report  # noqa: E402

ROOM = 300
RESULTS_TARGET_S, PACKAGE_TARGET_S = 30.0, 20.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=ROOM)
    args = parser.parse_args(argv)
    from room_fixture import SESSION, ConsoleRoom

    from invigilator.finalise import SessionClosing
    from invigilator.package import package_session
    from protocol.keys import KeyPair

    n = args.candidates
    with tempfile.TemporaryDirectory(prefix="pupitre-bench-finalise-") as tmp:
        room = ConsoleRoom(Path(tmp), KeyPair.generate("publisher"))
        try:
            names = [(f"Nom{chr(65 + i % 26)}{chr(65 + i // 26 % 26)}", f"Prenom{chr(65 + i % 26)}",
                      dt.date(2008, 1 + i % 12, 1 + i % 28)) for i in range(n)]
            people = room.add_candidates(*names)
            kiosks = [room.enrol(f"PC-{i:03d}") for i in range(n)]
            start = time.perf_counter()
            for i, (person, kiosk) in enumerate(zip(people, kiosks, strict=True)):
                room.play(kiosk, person, seed=1000 + i)
            played = time.perf_counter() - start
            for alert in room.store.alerts.alerts(open_only=True):
                room.store.alerts.handle(alert.id, room.clock(), "bench", "seen")
            closing = SessionClosing(room.console, room.keys, room.open_bank)
            start, cpu = time.perf_counter(), time.process_time()
            draft = closing.preview(SESSION)
            results_s, results_cpu = time.perf_counter() - start, time.process_time() - cpu
            assert not draft.blockers and all(line.score is not None for line in draft.lines), draft.blockers
            start = time.perf_counter()
            closing.finalise(SESSION, comment="bench", candidate_comments={}, abort_reasons={}, by="bench")
            sign_s = time.perf_counter() - start
            stick = Path(tmp) / "stick"
            stick.mkdir()
            start, cpu = time.perf_counter(), time.process_time()
            outcome = package_session(room.console, room.keys, SESSION, stick, room.open_bank)
            package_s, package_cpu = time.perf_counter() - start, time.process_time() - cpu
        finally:
            room.close()
    scale = n / ROOM
    rows = [
        Row(f"{n} attempts played and received (setup)", played, None, "s"),
        Row(f"results of {n} candidates (replayed)", results_s, RESULTS_TARGET_S * scale, "s"),
        Row("  of which CPU", results_cpu, None, "s"),
        Row("finalise, sign and close (replays again)", sign_s, RESULTS_TARGET_S * scale, "s"),
        Row("package made, queued, exported, read back", package_s, PACKAGE_TARGET_S * scale, "s"),
        Row("  of which CPU", package_cpu, None, "s"),
        Row("package size", outcome.size / 1e6, None, "MB"),
    ]
    return report(f"Finalisation and session package, {n} candidates", rows)


if __name__ == "__main__":
    sys.exit(main())
