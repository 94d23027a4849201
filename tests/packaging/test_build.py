"""The one-folder PyInstaller build of ``pupitre-kiosk`` (packaging/pupitre.spec) starts and self-checks.

Built once per test session into a temporary folder (about a minute on two cores). In CI this must
run: PyInstaller is in the dev set. Elsewhere it is skipped, with the reason, only if PyInstaller is
not installed.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.build


@pytest.fixture(scope="session")
def kiosk_build(tmp_path_factory) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("PyInstaller is not installed in this environment (it is in the dev set: ./run test installs it)")
    out = tmp_path_factory.mktemp("build")
    done = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                           "--distpath", str(out / "dist"), "--workpath", str(out / "work"),
                           str(ROOT / "packaging" / "pupitre.spec")],
                          cwd=ROOT, capture_output=True, text=True, timeout=900, env={**os.environ,
                                                                                     "PUPITRE_APP": "kiosk"},
                          check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return out / "dist" / "pupitre-kiosk"


def binary(folder: Path) -> Path:
    return folder / ("pupitre-kiosk.exe" if os.name == "nt" else "pupitre-kiosk")


def run(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # from a neutral folder, without the source tree on the path: only what the build carries
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(binary(folder)), *args], cwd=folder.parent, capture_output=True, text=True,
                          timeout=180, env={**clean, **env}, check=False)


def test_the_built_kiosk_self_checks(kiosk_build):
    done = run(kiosk_build, "--self-check", QT_QPA_PLATFORM="", DISPLAY="", WAYLAND_DISPLAY="")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("pupitre-kiosk: self-check passed"), done.stdout
    assert "Qt offscreen" in done.stdout and "journal written and verified" in done.stdout


def test_the_built_kiosk_names_a_failing_check(kiosk_build):
    done = run(kiosk_build, "--self-check", QT_QPA_PLATFORM="no-such-plugin")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "self-check failed: Qt:" in done.stderr


def test_the_built_kiosks_commands_run(kiosk_build, tmp_path):
    done = run(kiosk_build, "outbox", "--data-dir", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "No result bundle is waiting for delivery." in done.stdout


def test_the_kiosk_build_carries_no_console_simulation_or_test_code(kiosk_build):
    internal = kiosk_build / "_internal"
    archived = ast.literal_eval((kiosk_build.parents[1] / "work" / "pupitre" / "PYZ-00.toc").read_text())[1]
    names = {p.name.split(".")[0].lower() for p in internal.iterdir()} | {m[0].split(".")[0] for m in archived}
    assert {"kiosk", "itembank", "protocol", "PySide6", "sqlalchemy"} <= names
    for absent in ("matplotlib", "reportlab", "catsim", "scipy", "pytest", "alembic", "psycopg", "invigilator"):
        assert absent not in names
    assert (internal / "assets" / "i18n").is_dir()
    assert not list((internal / "assets").rglob("generate"))
