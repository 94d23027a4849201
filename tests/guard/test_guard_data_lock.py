"""One kiosk per data folder, with real processes: the holder is another Python process, the
second start is the real ``python -m kiosk``."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.guard.data_lock import LOCK_FILE, DataFolderLock, read_holder
from kiosk.guard.errors import DataFolderInUseError

ROOT = Path(__file__).resolve().parents[2]
HOLD = ("import sys, time\n"
        "from kiosk.guard.data_lock import DataFolderLock\n"
        "lock = DataFolderLock(sys.argv[1]).acquire()\n"
        "print('held', flush=True)\n"
        "time.sleep(120)\n")


@pytest.fixture
def holder(tmp_path):
    """Another process holding the data folder ``tmp_path / 'data'``."""
    data = tmp_path / "data"
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(data)], cwd=ROOT, stdout=subprocess.PIPE,
                               text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "held"
        yield process, data
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def kiosk(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "kiosk", *args, "--data-dir", str(data)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_a_second_kiosk_on_the_folder_names_the_holder_and_exits_2_without_touching_it(holder):
    process, data = holder
    before = sorted(p.name for p in data.iterdir())
    assert before == [LOCK_FILE]
    done = kiosk(data, "--practice", "--demo")
    assert done.returncode == 2
    err = done.stderr.strip().splitlines()
    assert len(err) == 1, done.stderr  # one line, no traceback
    assert f"in use by another kiosk (process {process.pid}, started " in err[0]
    assert sorted(p.name for p in data.iterdir()) == before  # no journal, no device key, no bank
    assert read_holder(data / LOCK_FILE).pid == process.pid  # the holder's record is intact


def test_exam_mode_is_refused_the_same_way_before_the_unlock_code_is_even_read(holder):
    process, data = holder
    done = kiosk(data, "--exam", "--bank", "missing.pbank", "--passphrase-file", "x")
    assert done.returncode == 2
    assert f"process {process.pid}" in done.stderr and "unlock code" not in done.stderr


def test_the_folder_is_free_again_once_the_holder_is_killed(holder):
    process, data = holder
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    lock = DataFolderLock(data).acquire()
    try:
        assert read_holder(data / LOCK_FILE).pid == os.getpid()
    finally:
        lock.release()


def test_in_one_process_a_second_lock_object_is_refused(tmp_path):
    first = DataFolderLock(tmp_path).acquire()
    try:
        with pytest.raises(DataFolderInUseError, match=f"process {os.getpid()}") as caught:
            DataFolderLock(tmp_path).acquire()
        assert caught.value.pid == os.getpid()
    finally:
        first.release()
    DataFolderLock(tmp_path).acquire().release()


@pytest.mark.parametrize("text", ["", "not json", '{"pid": "12"}', "[1, 2]", '{"pid": 5, "started": 3}'])
def test_a_garbled_lock_file_still_gives_a_sentence(tmp_path, text):
    (tmp_path / LOCK_FILE).write_text(text, encoding="utf-8")
    holder = read_holder(tmp_path / LOCK_FILE)
    assert holder.describe()
