"""Without PostgreSQL binaries the PostgreSQL half is skipped with one line — and fails under CI."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TARGET = "tests/invigilator/store/test_store_migrations.py::test_an_empty_database_is_migrated_to_the_models"


def run_without_binaries(tmp_path, ci: bool) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PUPITRE_POSTGRES_BIN"] = str(tmp_path / "no-postgres-here")
    if ci:
        env["CI"] = "true"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-ra", "-p", "no:cacheprovider", TARGET],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_missing_binaries_skip_with_one_clear_line(tmp_path):
    result = run_without_binaries(tmp_path, ci=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed, 1 skipped" in result.stdout
    assert "PostgreSQL store tests need the PostgreSQL server binaries" in result.stdout


@pytest.mark.slow
def test_missing_binaries_fail_under_ci(tmp_path):
    result = run_without_binaries(tmp_path, ci=True)
    assert result.returncode != 0, result.stdout
    assert "CI is set, so this is a failure, not a skip" in result.stdout
    assert "skipped" not in result.stdout
