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


def test_the_removal_is_journalled_once_the_test_has_an_attempt(practice, tmp_path, monkeypatch):
    import tempfile

    from kiosk.core import events as ev

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    dead = scratch / f"{EXPORT_PREFIX}{_dead_pid()}-abc"
    dead.mkdir(mode=0o700)
    (dead / "grades.ods").write_bytes(b"PK decrypted answers")
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    driver = practice()
    driver.check_in()
    driver.start()
    driver.to_question()
    guard = [e.payload for e in driver.session.events if e.kind == ev.GUARD]
    removed = [p for p in guard if p.get("type") == "attachments-left-removed"]
    assert len(removed) == 1 and removed[0]["folders"] == [dead.name] and not dead.exists()
    assert "supprimés\u00a0: " + dead.name in removed[0]["text"]["fr"]
    driver.answer_current()  # the next question says nothing more
    guard = [e.payload for e in driver.session.events if e.kind == ev.GUARD]
    assert len([p for p in guard if p.get("type") == "attachments-left-removed"]) == 1
