"""The one atomic write: old content or new, never a mix, never wider permissions in between."""

import os
import stat

import pytest

from protocol import atomicfile
from protocol.atomicfile import write_atomic
from protocol.keys import KeyPair

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_writes_replaces_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "doc.json"
    assert write_atomic(target, b"first") == target
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.json"]


@posix_only
@pytest.mark.parametrize(("mode", "expected"), [(None, 0o600), (0o600, 0o600), (0o644, 0o644)])
def test_mode_is_set(tmp_path, mode, expected):
    target = write_atomic(tmp_path / "f", b"x", mode=mode)
    assert _mode(target) == expected


def test_mode_is_set_before_the_first_byte(tmp_path, monkeypatch):
    """Nobody may read the content with wider permissions: the mode comes before the write."""
    seen = []
    real_fdopen = os.fdopen

    def spy_fdopen(fd, *args, **kwargs):
        seen.append(stat.S_IMODE(os.fstat(fd).st_mode))
        return real_fdopen(fd, *args, **kwargs)

    monkeypatch.setattr(atomicfile.os, "fdopen", spy_fdopen)
    write_atomic(tmp_path / "f", b"secret", mode=0o640)
    if os.name == "posix":
        assert seen == [0o640]


def test_failure_keeps_the_old_content_and_removes_the_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "doc"
    write_atomic(target, b"old")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomicfile.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc"]


@posix_only
def test_the_folder_is_flushed_after_the_rename(tmp_path, monkeypatch):
    flushed = []
    real_fsync = os.fsync

    def spy_fsync(fd):
        flushed.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        real_fsync(fd)

    monkeypatch.setattr(atomicfile.os, "fsync", spy_fsync)
    write_atomic(tmp_path / "f", b"x")
    assert flushed == [False, True]  # the file's data, then the folder's entry


def test_without_fchmod_as_on_windows_python_3_11(tmp_path, monkeypatch):
    """Windows' Python 3.11 has no os.fchmod: the helper (and a device or center key) must still be made."""
    monkeypatch.delattr(os, "fchmod", raising=False)
    target = write_atomic(tmp_path / "f", b"x", mode=0o600)
    assert target.read_bytes() == b"x"
    if os.name == "posix":
        assert _mode(target) == 0o600
    key = KeyPair.generate("kiosk-1").save(tmp_path / "device.key", "pw")
    assert KeyPair.load(key, "pw").name == "kiosk-1"


def test_a_finished_file_moves_into_place_over_the_old_one(tmp_path):
    from protocol.atomicfile import move_into_place

    target = tmp_path / "bank.pbank"
    target.write_bytes(b"old")
    part = tmp_path / "bank.pbank.part"
    part.write_bytes(b"new")
    assert move_into_place(part, target) == target
    assert target.read_bytes() == b"new" and not part.exists()
