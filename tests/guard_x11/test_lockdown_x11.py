"""Lockdown against a real X server: the process guard, revert, crash restore, the shell."""

import os
import shutil
import signal
import subprocess
import sys
import time

import psutil
import pytest

from kiosk.guard import restore_after_crash
from kiosk.guard.measures import STATE_FILE
from kiosk.guard.x11 import XConnection
from tests.guard_x11.harness import Kiosk
from tests.guard_x11.kiosk_child import UNLOCK_CODE

pytestmark = pytest.mark.slow

FORBIDDEN = "pupitre-forbid"  # under 15 characters: the kernel's process name is the whole name
PROCESS_POLICY = {"processes": {"prohibited_categories": [], "prohibited": [FORBIDDEN + "*"]}}


def forbidden_program(tmp_path, ignore_term=False):
    """A real program whose process name is prohibited: a copy of the Python interpreter that sleeps."""
    program = tmp_path / (FORBIDDEN + ("-t" if ignore_term else ""))
    shutil.copy(sys.executable, program)
    code = "import signal, time\n"
    if ignore_term:
        code += "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    code += "time.sleep(600)\n"
    return [str(program), "-c", code]


def guard_types(kiosk):
    return [e["payload"]["type"] for e in kiosk.events() if e["kind"] == "guard"]


def test_a_prohibited_process_started_during_the_exam_is_terminated(kiosk_factory, tmp_path):
    kiosk = kiosk_factory(policy=PROCESS_POLICY)
    child = subprocess.Popen(forbidden_program(tmp_path))
    try:
        assert child.wait(timeout=10) == -signal.SIGTERM
    finally:
        if child.poll() is None:
            child.kill()
    kiosk.wait_for(lambda ev: any(e["kind"] == "guard" and e["payload"]["type"] == "process-ended" for e in ev),
                   what="process-ended")
    found = next(e["payload"] for e in kiosk.events() if e["kind"] == "guard"
                 and e["payload"]["type"] == "process-found")
    assert found["process"]["pid"] == child.pid and found["severity"] == "warning"
    assert "process-terminate" in guard_types(kiosk)
    assert kiosk.command("state")["state"] == "question"  # terminated in time: no lock


def test_a_process_that_ignores_terminate_is_killed(kiosk_factory, tmp_path):
    kiosk = kiosk_factory(policy=PROCESS_POLICY)
    # SIGTERM ignored from the very start (inherited through exec): the guard's watcher can find the
    # program before its own code would have run
    child = subprocess.Popen(forbidden_program(tmp_path, ignore_term=True),
                             preexec_fn=lambda: signal.signal(signal.SIGTERM, signal.SIG_IGN))
    try:
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
    kiosk.wait_for(lambda ev: any(e["kind"] == "guard" and e["payload"]["type"] == "process-ended" for e in ev),
                   what="process-ended")
    assert {"process-terminate", "process-kill"} <= set(guard_types(kiosk))


def test_revert_frees_the_keyboard_restores_the_screen_saver_and_leaves_processes_alone(xs, kiosk_factory, tmp_path):
    with XConnection(xs.display) as connection:
        saver_before = connection.screen_saver()
    other, window = xs.xterm("Other")
    sleeper = subprocess.Popen(["sleep", "600"])
    kiosk = kiosk_factory(policy={"processes": {"prohibited_categories": []}})
    try:
        with XConnection(xs.display) as connection:
            assert connection.keyboard_is_grabbed_elsewhere()
            assert connection.screen_saver().timeout == 0
            kiosk_children = {p.pid for p in psutil.Process(kiosk.pid).children(recursive=True)}
            stopped = kiosk.command("stop")
            assert stopped["active"] is False
            kiosk.window = stopped["window"]  # the window is rebuilt with its old flags
            assert not connection.keyboard_is_grabbed_elsewhere()
            assert connection.screen_saver() == saver_before
        assert other.poll() is None and sleeper.poll() is None and kiosk.process.poll() is None
        assert {p.pid for p in psutil.Process(kiosk.pid).children(recursive=True)} == kiosk_children
        assert not (kiosk.dir / STATE_FILE).exists()
        kiosk.focus(xs)
        xs.xdotool("key", "alt+Tab")  # without the grab, the window manager switches windows again
        with XConnection(xs.display) as connection:
            deadline = time.monotonic() + 5
            while (connection.focused_window() or window).pid == kiosk.pid:
                assert time.monotonic() < deadline, "Alt+Tab did not reach the window manager after revert"
                time.sleep(0.05)
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_killed_kiosk_is_restored_at_the_next_start(xs, tmp_path):
    with XConnection(xs.display) as connection:
        saver_before = connection.screen_saver()
    kiosk = Kiosk(xs, tmp_path, name="crashed")
    try:
        with XConnection(xs.display) as connection:
            assert connection.screen_saver().timeout == 0
        os.kill(kiosk.pid, signal.SIGKILL)
        kiosk.process.wait(timeout=10)
        assert (kiosk.dir / STATE_FILE).exists()
        with XConnection(xs.display) as connection:
            assert connection.screen_saver().timeout == 0  # the server kept what the dead kiosk set
    finally:
        kiosk.close()
    again = Kiosk(xs, tmp_path, name="crashed")  # the same data directory: the next start
    try:
        restored = next(e["payload"] for e in again.events() if e["kind"] == "guard"
                        and e["payload"]["type"] == "crash-restored")
        assert set(restored["measures"]) == {"x11-screen-saver", "x11-keyboard-grab"}
        assert all(r["restored"] for r in restored["reports"])
        again.command("stop")
        with XConnection(xs.display) as connection:
            assert connection.screen_saver() == saver_before
            assert not connection.keyboard_is_grabbed_elsewhere()
    finally:
        again.close()


def test_restore_after_crash_alone_puts_the_display_back(xs, tmp_path):
    with XConnection(xs.display) as connection:
        saver_before = connection.screen_saver()
    kiosk = Kiosk(xs, tmp_path, name="alone")
    os.kill(kiosk.pid, signal.SIGKILL)
    kiosk.process.wait(timeout=10)
    kiosk.close()
    reports = restore_after_crash(kiosk.dir)
    assert [r["measure"] for r in reports] == ["x11-keyboard-grab", "x11-screen-saver"]
    assert all(r["restored"] for r in reports), reports
    with XConnection(xs.display) as connection:
        assert connection.screen_saver() == saver_before
        assert not connection.keyboard_is_grabbed_elsewhere()
    assert restore_after_crash(kiosk.dir) == []


def test_close_is_refused_and_the_lock_screen_needs_the_code(kiosk_factory):
    kiosk = kiosk_factory()
    assert kiosk.command("close")["visible"] is True
    assert "close-refused" in guard_types(kiosk)
    assert kiosk.command("lock")["state"] == "locked"
    assert kiosk.command("unlock-code wrong-code")["state"] == "locked"
    assert kiosk.command(f"unlock-code {UNLOCK_CODE}")["state"] == "question"
    assert {"unlock-code-wrong", "unlock-code-accepted"} <= set(guard_types(kiosk))


def test_the_exit_shortcut_asks_for_the_code_typed_through_the_keyboard_grab(xs, kiosk_factory):
    kiosk = kiosk_factory()
    kiosk.focus(xs)
    assert kiosk.command("state")["grab"] is True
    xs.xdotool("key", "ctrl+alt+shift+q")  # reaches the kiosk: it holds the keyboard
    with XConnection(xs.display) as connection:
        deadline = time.monotonic() + 5
        while (connection.focused_window() or None) is None or connection.focused_window().id == kiosk.window:
            assert time.monotonic() < deadline, "the exit dialog did not open"
            time.sleep(0.05)
    xs.xdotool("type", "--delay", "20", UNLOCK_CODE)
    xs.xdotool("key", "Return")
    assert kiosk.process.wait(timeout=10) == 0
    types = guard_types(kiosk)
    assert types[-2:] == ["unlock-code-accepted", "guard-stopped"]
    with XConnection(xs.display) as connection:
        assert not connection.keyboard_is_grabbed_elsewhere()
