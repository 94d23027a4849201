"""The PDFs a center prints at the end of a session: the session report and the attestations.

Targets (issue 11): the session report of 300 candidates in ≤ 5 s; 300 attestations (one PDF, one
page each, every QR signed by the center key) in ≤ 10 s. Each is timed cold in a fresh process
(font loading included, as the console pays it the first time) and then warm, best of three.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _table import Row, report

ROOT = Path(__file__).resolve().parents[1]
CANDIDATES = 300
REPORT_TARGET_S, ATTESTATIONS_TARGET_S = 5.0, 10.0


def measure(kind: str) -> tuple[float, float, int]:
    """Wall and CPU seconds to render ``kind`` for 300 candidates in this process, and the PDF's size in bytes.

    The CPU time tells what the work costs when other processes share the machine's two cores."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from invigilator.reports import render_attestations, render_session_report
    from invigilator.reports.specimen import specimen_attestations, specimen_session

    if kind == "report":
        data = specimen_session(CANDIDATES)
        start, cpu = time.perf_counter(), time.process_time()
        pdf = render_session_report(data, "fr")
    else:
        items = specimen_attestations(CANDIDATES * 2)[:CANDIDATES]
        assert len(items) == CANDIDATES
        key = Ed25519PrivateKey.generate()
        start, cpu = time.perf_counter(), time.process_time()
        pdf = render_attestations(items, key, "fr")
    return time.perf_counter() - start, time.process_time() - cpu, len(pdf)


def cold(kind: str) -> float:
    out = subprocess.run([sys.executable, __file__, "--once", kind], check=True, capture_output=True, text=True,
                         cwd=ROOT).stdout
    return float(out.split()[0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--once", choices=["report", "attestations"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.once:
        seconds, _, size = measure(args.once)
        print(f"{seconds:.4f} {size}")
        return 0
    rows = []
    for kind, label, target in (("report", f"session report, {CANDIDATES} candidates", REPORT_TARGET_S),
                                ("attestations", f"{CANDIDATES} attestations with signed QR", ATTESTATIONS_TARGET_S)):
        first = cold(kind)
        warm = [measure(kind) for _ in range(3)]
        rows.append(Row(f"{label}, cold (fresh process)", first, target, "s"))
        rows.append(Row(f"{label}, warm, best of 3", min(s for s, _, _ in warm), target, "s"))
        rows.append(Row(f"{label}, warm, CPU time, best of 3", min(c for _, c, _ in warm), None, "s"))
        rows.append(Row(f"{label}, PDF size", warm[0][2] / 1e6, None, "MB"))
    return report("Console PDFs (bench/console_pdf.py)", rows)


if __name__ == "__main__":
    sys.exit(main())
