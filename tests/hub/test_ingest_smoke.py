"""The ingest benchmark, small: real packages of 2 centers uploaded to a real ``pupitre-hub serve`` on a throwaway
PostgreSQL cluster, every result stored, the table printed (no speed asserted: the machine is shared)."""

from __future__ import annotations

import glob
import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "hub_ingest.py"


@pytest.mark.slow
@pytest.mark.skipif(not glob.glob("/usr/lib/postgresql/*/bin/initdb"), reason="needs the PostgreSQL server binaries")
def test_the_ingest_bench_runs_small(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("hub_ingest_bench", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    code = bench.main(["--candidates", "12", "--sessions", "3", "--centers", "2", "--workers", "1", "--clients", "2",
                       "--processes", "1", "--target", "0", "--cache", str(tmp_path / "cache")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "12 candidates, 3 sessions of 2 centers" in out
    for measure in ("candidates/s per worker, 1 worker(s)", "upload p99", "database per candidate"):
        assert measure in out
    # a second run takes the generated packages from the cache
    assert bench.main(["--candidates", "12", "--sessions", "3", "--centers", "2", "--workers", "1", "--clients", "1",
                       "--processes", "1", "--target", "100000", "--cache", str(tmp_path / "cache")]) == 1
    assert "generating" not in capsys.readouterr().out
