"""Decrypted attachments a dead kiosk left for the workstation's applications are removed at the next start."""

import logging
import os
import subprocess
import sys

from kiosk.ui.qt_attachments import EXPORT_PREFIX, QtAttachmentExporter, remove_leftover_exports


def _dead_pid():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_killed_kiosks_files_are_removed_and_logged_at_the_next_start(tmp_path, caplog):
    dead = tmp_path / f"{EXPORT_PREFIX}{_dead_pid()}-abc"
    dead.mkdir(mode=0o700)
    (dead / "grades.ods").write_bytes(b"PK decrypted answers")
    legacy = tmp_path / f"{EXPORT_PREFIX}k3j_x9"  # a folder named before names carried the process
    legacy.mkdir()
    (legacy / "notes.txt").write_text("decrypted")
    running = tmp_path / f"{EXPORT_PREFIX}{os.getppid()}-def"  # another kiosk still running
    running.mkdir()
    unrelated = tmp_path / "something-else"
    unrelated.mkdir()
    with caplog.at_level(logging.WARNING, logger="kiosk.ui.qt_attachments"):
        exporter = QtAttachmentExporter(base=tmp_path)
    assert exporter.leftovers_removed == sorted([dead, legacy])
    assert not dead.exists() and not legacy.exists()
    assert running.exists() and unrelated.exists()
    assert f"removed {dead}: 1 decrypted attachment file(s) left by a kiosk" in caplog.text


def test_this_kiosks_own_folder_is_kept_until_the_test_ends(tmp_path):
    exporter = QtAttachmentExporter(base=tmp_path)
    path = exporter.export("grades.ods", b"PK")
    assert path.parent.name.startswith(f"{EXPORT_PREFIX}{os.getpid()}-")
    assert remove_leftover_exports(tmp_path) == [] and path.exists()
    exporter.cleanup()
    assert not path.parent.exists()


def test_a_link_named_like_an_export_folder_is_not_followed(tmp_path):
    target = tmp_path / "precious"
    target.mkdir()
    (target / "keep.txt").write_text("keep")
    (tmp_path / f"{EXPORT_PREFIX}{_dead_pid()}-lnk").symlink_to(target, target_is_directory=True)
    assert remove_leftover_exports(tmp_path) == []
    assert (target / "keep.txt").exists()
