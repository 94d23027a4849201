"""``pupitre-kiosk --self-check`` from the source tree: one line, and the failing check named."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def self_check(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", "--self-check", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=180, env={**os.environ, **(env or {})}, check=False)


def one_line(done: subprocess.CompletedProcess[str]) -> str:
    lines = (done.stdout + done.stderr).strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.fixture(scope="module")
def kiosk_dir(tmp_path_factory) -> Path:
    """A data directory as a kiosk leaves it: device key made, one attempt journalled."""
    from kiosk.device import load_or_create_device
    from kiosk.journal import JournalStore

    data_dir = tmp_path_factory.mktemp("kiosk")
    with JournalStore(data_dir, load_or_create_device(data_dir)) as store:
        store.create_attempt("a-1").append("started", {})
    return data_dir


def test_every_check_passes_in_a_temporary_data_dir():
    done = self_check(env={"QT_QPA_PLATFORM": "", "DISPLAY": "", "WAYLAND_DISPLAY": ""})
    line = one_line(done)
    assert done.returncode == 0, line
    assert "self-check passed" in line
    for part in ("demo bank demo-crcn", "Qt offscreen", "journal written and verified"):
        assert part in line


def test_the_kiosks_own_data_dir_is_opened_read_only(kiosk_dir):
    before = sorted((p.relative_to(kiosk_dir), p.stat().st_size) for p in kiosk_dir.rglob("*") if p.is_file()
                    and not p.name.endswith(("-wal", "-shm")))
    done = self_check("--data-dir", str(kiosk_dir))
    assert done.returncode == 0, one_line(done)
    assert "journal of 1 attempt(s) opened" in one_line(done)
    after = sorted((p.relative_to(kiosk_dir), p.stat().st_size) for p in kiosk_dir.rglob("*") if p.is_file()
                   and not p.name.endswith(("-wal", "-shm")))
    assert after == before


def test_a_missing_data_dir_is_named(tmp_path):
    done = self_check("--data-dir", str(tmp_path / "nowhere"))
    assert done.returncode == 1
    assert one_line(done) == f"pupitre-kiosk: self-check failed: there is no kiosk data directory at {tmp_path}/nowhere"


def test_a_data_dir_without_device_key_is_named_and_left_without_one(tmp_path):
    done = self_check("--data-dir", str(tmp_path))
    assert done.returncode == 1
    assert "device key: none in" in one_line(done)
    assert list(tmp_path.iterdir()) == []


def test_a_device_key_that_does_not_open_is_named(kiosk_dir, tmp_path):
    import shutil

    copy = tmp_path / "kiosk"
    shutil.copytree(kiosk_dir, copy)
    key = copy / "device" / "device.key"
    key.write_bytes(key.read_bytes()[:40])
    done = self_check("--data-dir", str(copy))
    assert done.returncode == 1
    assert one_line(done).startswith("pupitre-kiosk: self-check failed: device key and journal: ")


def test_a_damaged_journal_is_named(kiosk_dir, tmp_path):
    import shutil

    copy = tmp_path / "kiosk"
    shutil.copytree(kiosk_dir, copy)
    for leftover in copy.glob("journal.sqlite-*"):
        leftover.unlink()
    journal = copy / "journal.sqlite"
    data = bytearray(journal.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    journal.write_bytes(bytes(data))
    done = self_check("--data-dir", str(copy))
    assert done.returncode == 1
    assert one_line(done).startswith("pupitre-kiosk: self-check failed: device key and journal: ")


def test_a_platform_plugin_that_cannot_load_is_named():
    done = self_check(env={"QT_QPA_PLATFORM": "no-such-plugin"})
    assert done.returncode == 1
    assert one_line(done).startswith("pupitre-kiosk: self-check failed: Qt: Qt's platform plugin did not start")


def test_an_x_display_that_is_not_there_is_named():
    done = self_check(env={"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":9999"})
    assert done.returncode == 1
    assert "Qt: " in one_line(done)



def test_a_folder_this_account_may_not_read_says_which_account_to_use(tmp_path, monkeypatch, capsys):
    """As another account than the keeper's (the folder is 0700): one line saying whose to use."""
    from kiosk import self_check

    def unreadable(data_dir, fresh):
        raise PermissionError(13, "Permission denied", str(data_dir / "device" / "device.key"))

    monkeypatch.setattr(self_check, "check_demo_bank", lambda data_dir: "demo bank")
    monkeypatch.setattr(self_check, "check_qt", lambda: "Qt")
    monkeypatch.setattr(self_check, "check_device_and_journal", unreadable)
    assert self_check.main(["--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (f"pupitre-kiosk: self-check failed: device key and journal: this account may not read "
                   f"{tmp_path}/device/device.key (run the self-check as the account that owns the kiosk's "
                   "folder, e.g. sudo -u pupitre-keeper …)")
