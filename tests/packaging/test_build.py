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


def _build(tmp_path_factory, app: str) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("PyInstaller is not installed in this environment (it is in the dev set: ./run test installs it)")
    out = tmp_path_factory.mktemp(f"build-{app}")
    done = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                           "--distpath", str(out / "dist"), "--workpath", str(out / "work"),
                           str(ROOT / "packaging" / "pupitre.spec")],
                          cwd=ROOT, capture_output=True, text=True, timeout=900, env={**os.environ,
                                                                                     "PUPITRE_APP": app},
                          check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return out / "dist" / f"pupitre-{app}"


@pytest.fixture(scope="session")
def kiosk_build(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, "kiosk")


@pytest.fixture(scope="session")
def console_build(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, "invigilator")


def binary(folder: Path) -> Path:
    return folder / (f"{folder.name}.exe" if os.name == "nt" else folder.name)


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


def test_the_built_console_initialises_migrates_its_store_and_serves(console_build, tmp_path):
    """The console's build carries what it reads as files at run time: its migrations and fonts."""
    import socket
    import time

    data = str(tmp_path / "console")
    env = {"PUPITRE_CENTER_PASSPHRASE": "a center passphrase"}
    done = run(console_build, "--data-dir", data, "init", "--center-id", "C-0042", "--center-name", "Lycée", **env)
    assert done.returncode == 0, done.stderr
    assert "console certificate pin" in done.stdout
    done = run(console_build, "--data-dir", data, "enrol-code", **env)
    assert done.returncode == 0 and "Enrolment code:" in done.stdout, done.stderr
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    server = subprocess.Popen([str(binary(console_build)), "--data-dir", data, "serve", "--listen",
                               f"127.0.0.1:{port}"], cwd=console_build.parent, env={**clean, **env},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline, connected = time.monotonic() + 60, False
        while not connected and time.monotonic() < deadline and server.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                connected = True
            except OSError:
                time.sleep(0.2)
        assert connected, server.poll()
    finally:
        server.terminate()
        assert server.wait(30) == 0
    assert "Traceback" not in server.stdout.read()
    archived = ast.literal_eval((console_build.parents[1] / "work" / "pupitre" / "PYZ-00.toc").read_text())[1]
    assert not {m[0].split(".")[0] for m in archived} & {"kiosk", "matplotlib", "pytest"}
    assert list((console_build / "_internal" / "assets" / "fonts").glob("*.ttf"))
