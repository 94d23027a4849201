"""Another process against the exam window (issue: "a second process got further"): minimize,
unmap, strip full screen and on-top, move, and windows of its own over the exam. Each attempt is
prevented, or detected, journalled and undone; a repeated one locks the workstation."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from kiosk.guard.x11_stacking import StackingConnection
from tests.guard_x11.harness import ROOT, _wait

pytestmark = pytest.mark.slow

SCREEN = (0, 0, 1280, 800)
ASSISTIVE = {"test-magnifier": {"kind": "magnifier", "wm_classes": ["PupitreTestMagnifier"]}}


def guard_events(kiosk, kind):
    return [e["payload"] for e in kiosk.events() if e["kind"] == "guard" and e["payload"]["type"] == kind]


def armed(kiosk):
    """The kiosk, once its keeper has seen its window right; returns the window id."""
    _wait(lambda: kiosk.command("state")["keeper"]["armed"], 20, "the window keeper", step=0.1)
    return kiosk.command("state")["window"]


def restored(kiosk, count=1):
    return kiosk.wait_for(lambda ev: len([e for e in ev if e["kind"] == "guard"
                                          and e["payload"]["type"] == "window-restored"]) >= count,
                          timeout=10, what="window-restored")


def whole(xs, window):
    """The exam window as the X server sees it: mapped, full screen, on top, nothing over it."""
    with StackingConnection(xs.display) as connection:
        state = connection.examine(window, SCREEN)
    return not state.problems and not state.above


def strip(xs, window):
    """Another process asks the window manager to take full screen and on-top off the exam window."""
    connection = StackingConnection(xs.display)
    connection.set_net_wm_state(window, False, "fullscreen", "above")
    connection.sync()
    return connection


def foreign_window(xs, kind, klass="PupitreOverlay"):
    """Another program's window over the exam (tests/guard_x11/foreign_window.py); (process, window)."""
    process = subprocess.Popen([sys.executable, "-m", "tests.guard_x11.foreign_window", "--kind", kind,
                                "--class", klass], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, env={**xs.env, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)})
    xs._processes.append(process)  # stopped with the display if the test fails
    assert process.stdout is not None
    line = process.stdout.readline().split()
    assert line and line[0] == "shown", "the foreign window did not show"
    return process, int(line[1])


def test_minimized_by_another_process_it_comes_back_whole_with_the_keyboard(xs, kiosk_factory):
    kiosk = kiosk_factory(mode="focus")
    window = armed(kiosk)
    xs.xdotool("windowminimize", str(window))
    restored(kiosk)
    tampered = guard_events(kiosk, "window-tampered")[0]
    assert "minimized" in tampered["problems"] and tampered["severity"] == "violation"
    lost = [e["payload"] for e in kiosk.events() if e["kind"] == "focus-lost"]
    assert lost and lost[-1]["counted"] is True and "minimized" in lost[-1]["detail"]
    state = kiosk.command("state")
    assert state["focus_out"] is True and state["state"] == "question"
    _wait(lambda: whole(xs, kiosk.command("state")["window"]), 5, "the exam window whole again")
    _wait(lambda: kiosk.command("state")["grab"], 5, "the keyboard grab back")


def test_unmapped_then_mapped_it_is_full_screen_on_top_and_cannot_be_moved(xs, kiosk_factory):
    kiosk = kiosk_factory(mode="focus")
    window = armed(kiosk)
    xs.xdotool("windowunmap", str(window))
    restored(kiosk)
    assert "unmapped" in guard_events(kiosk, "window-tampered")[0]["problems"]
    window = kiosk.command("state")["window"]
    xs.xdotool("windowmap", str(window))
    _wait(lambda: whole(xs, window), 5, "the exam window whole again")
    xs.xdotool("windowmove", str(window), "200", "150")  # the window manager keeps a full-screen window in place
    xs.xdotool("windowsize", str(window), "400", "300")
    _wait(lambda: whole(xs, kiosk.command("state")["window"]), 5, "the exam window whole after move and resize")
    assert kiosk.command("state")["state"] == "question"


def test_lowered_by_another_process_it_stays_on_top(xs, kiosk_factory):
    """_NET_RESTACK_WINDOW (below), as a pager would ask: the full-screen exam window stays over the
    other window (the window manager refuses, or the keeper raises it again)."""
    kiosk = kiosk_factory(mode="focus")
    xs.xterm("Other")
    window = armed(kiosk)
    with StackingConnection(xs.display) as connection:
        connection.ask_window_manager(window, "_NET_RESTACK_WINDOW", 2, 0, 1)  # source pager, no sibling, Below
        connection.sync()
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:  # bounded: watched for a second, it must never stay covered
            if not whole(xs, window):
                _wait(lambda: whole(xs, kiosk.command("state")["window"]), 5, "the exam window on top again")
            time.sleep(0.05)
    assert kiosk.command("state")["state"] == "question"


def test_stripped_of_full_screen_and_on_top_it_takes_them_back(xs, kiosk_factory):
    kiosk = kiosk_factory(mode="free")
    window = armed(kiosk)
    with strip(xs, window):
        restored(kiosk)
    problems = guard_events(kiosk, "window-tampered")[0]["problems"]
    assert {"not-full-screen", "not-on-top"} & set(problems)
    _wait(lambda: whole(xs, window), 5, "the exam window whole again")
    assert kiosk.command("state")["focus_out"] is False  # a free question: journalled, not counted


def test_an_always_on_top_window_that_never_takes_the_focus_stays_under_the_exam(xs, kiosk_factory):
    kiosk = kiosk_factory(mode="focus")
    window = armed(kiosk)
    process, _ = foreign_window(xs, "above")
    _wait(lambda: whole(xs, window), 5, "the exam window over the other one")
    with strip(xs, window):  # even stripped of its state, the exam comes back on top
        restored(kiosk)
    _wait(lambda: whole(xs, kiosk.command("state")["window"]), 5, "the exam window over the other one again")
    process.kill()


def test_an_override_redirect_window_over_the_exam_is_closed_then_locks_when_it_comes_back(xs, kiosk_factory):
    kiosk = kiosk_factory(mode="focus")
    armed(kiosk)
    first, _ = foreign_window(xs, "popup")
    assert first.wait(timeout=10) != 0  # its X connection was closed: the program ended
    found = kiosk.wait_for(lambda ev: [e for e in ev if e["kind"] == "guard"
                                       and e["payload"]["type"] == "foreign-window"], what="foreign-window")[0]
    assert found["payload"]["wm_class"] == "PupitreOverlay" and found["payload"]["override_redirect"] is True
    assert found["payload"]["pid"] == first.pid
    assert kiosk.command("state")["focus_out"] is True  # shown over a focus question
    assert kiosk.command("state")["state"] == "question"
    second, _ = foreign_window(xs, "popup")
    assert second.wait(timeout=10) != 0
    _wait(lambda: kiosk.command("state")["state"] == "locked", 10, "the lock")
    assert guard_events(kiosk, "lock-requested")[-1]["reason"] == "foreign-window"


def test_a_granted_assistive_window_over_the_exam_is_left_alone(xs, kiosk_factory):
    kiosk = kiosk_factory(mode="focus", policy={"assistive": ASSISTIVE}, grant=("test-magnifier",))
    armed(kiosk)
    process, _ = foreign_window(xs, "popup", klass="PupitreTestMagnifier")
    with pytest.raises(subprocess.TimeoutExpired):
        process.wait(timeout=1.5)  # bounded wait for something that must not happen
    assert guard_events(kiosk, "foreign-window") == []
    assert kiosk.command("state")["focus_out"] is False
    process.kill()


def test_a_program_fighting_the_exam_window_locks_the_workstation(xs, kiosk_factory):
    """Three changes in a minute lock; so do changes that come back faster than the window settles."""
    kiosk = kiosk_factory(mode="focus")
    armed(kiosk)
    for _ in range(10):
        state = kiosk.command("state")
        if state["state"] == "locked":
            break
        xs.xdotool("windowminimize", str(state["window"]))
        _wait(lambda: kiosk.command("state")["state"] == "locked" or whole(xs, kiosk.command("state")["window"]),
              10, "the exam window back, or the lock", step=0.05)
    assert kiosk.command("state")["state"] == "locked"
    assert guard_events(kiosk, "lock-requested")[-1]["reason"] == "window-tampered"
    assert len(guard_events(kiosk, "window-tampered")) <= 3


def test_a_stall_during_a_focus_question_marks_it_uncertain_and_locks(xs, kiosk_factory):
    """kill -STOP the kiosk, look at another window, come back, kill -CONT: the guard saw nothing,
    so the question is uncertain, the time is given back and the invigilator is called."""
    kiosk = kiosk_factory(mode="focus")
    _, other = xs.xterm("Other")
    armed(kiosk)
    kiosk.focus(xs)
    stopped_at = time.monotonic()
    os.kill(kiosk.pid, signal.SIGSTOP)
    try:
        xs.activate(other)  # the candidate reads the other window
        time.sleep(max(0.0, 3.0 - (time.monotonic() - stopped_at)))  # the stall itself: longer than focus_stall_s
        xs.xdotool("windowactivate", str(kiosk.window))
    finally:
        os.kill(kiosk.pid, signal.SIGCONT)
    _wait(lambda: kiosk.command("state")["state"] == "locked", 10, "the lock")
    stalled = [e["payload"] for e in kiosk.events() if e["kind"] == "stalled"]
    assert stalled and stalled[0]["uncertain"] is True and stalled[0]["number"] == 1
    assert stalled[0]["compensated_s"] >= 2.0
    assert guard_events(kiosk, "lock-requested")[-1]["reason"] == "stall"
