"""Shared printing for the benchmarks: one table, one verdict per target, a non-zero exit on a miss."""

from __future__ import annotations

import platform
import subprocess
import sys
from dataclasses import dataclass


@dataclass
class Row:
    name: str
    measured: float
    target: float | None
    unit: str
    lower_is_better: bool = True

    @property
    def met(self) -> bool:
        if self.target is None:
            return True
        return self.measured <= self.target if self.lower_is_better else self.measured >= self.target


def machine() -> str:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, timeout=5).stdout
        model = next((line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("Model name")),
                     platform.processor())
    except (OSError, subprocess.SubprocessError):
        model = platform.processor()
    import os

    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def pace() -> float:
    """CPU seconds of ten million additions in a Python loop: how fast this machine runs Python right now.

    Shared machines change speed from hour to hour (the same one has taken 0.8 s and 1.9 s): figures are
    comparable between runs only at a similar pace."""
    import time

    began, total = time.process_time(), 0
    for i in range(10_000_000):
        total += i
    return time.process_time() - began


def report(title: str, rows: list[Row]) -> int:
    print(f"\n{title}\nmachine: {machine()}; pace {pace():.2f} s (10 M Python additions)\n")
    width = max(len(r.name) for r in rows)
    print(f"{'measure':<{width}}  {'measured':>12}  {'target':>12}  result")
    for r in rows:
        target = "—" if r.target is None else f"{'≤' if r.lower_is_better else '≥'} {r.target:g} {r.unit}"
        verdict = "" if r.target is None else ("ok" if r.met else "MISSED")
        print(f"{r.name:<{width}}  {r.measured:>9.3f} {r.unit:<2}  {target:>12}  {verdict}")
    missed = [r.name for r in rows if not r.met]
    if missed:
        print(f"\nmissed: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0
