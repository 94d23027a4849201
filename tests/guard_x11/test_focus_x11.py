"""The focus watcher against real windows: Xvfb, openbox, an xterm, xdotool."""

import time

import pytest

pytestmark = pytest.mark.slow

KEYBOARD_TOOL = {"test-keyboard": {"kind": "on-screen-keyboard", "wm_classes": ["PupitreTestKeyboard"]}}


def focus_lost(events):
    return [e for e in events if e["kind"] == "focus-lost"]


def settle(kiosk, seconds=1.0):
    """Give the watcher time past the debounce and two polls, then return the journal."""
    time.sleep(seconds)
    return kiosk.events()


def test_switch_during_a_focus_question_records_it_focused_out(xs, kiosk_factory):
    kiosk = kiosk_factory(mode="focus")
    assert kiosk.command("state")["state"] == "question"
    other = xs.spawn(["xterm", "-class", "Other", "-e", "sleep", "600"])
    window = int(xs.xdotool("search", "--sync", "--onlyvisible", "--class", "Other").split()[0])
    kiosk.focus(xs)
    before = len(focus_lost(kiosk.events()))
    xs.activate(window)
    lost = kiosk.wait_for(lambda ev: focus_lost(ev)[before:], what="focus-lost")[0]
    assert lost["payload"]["counted"] is True
    assert "xterm" in lost["payload"]["detail"]
    assert kiosk.command("state")["focus_out"] is True
    xs.activate(kiosk.window)
    back = kiosk.wait_for(lambda ev: [e for e in ev if e["kind"] == "guard"
                                      and e["payload"]["type"] == "focus-returned"], what="focus-returned")[-1]
    assert back["payload"]["counted"] is True
    assert back["payload"]["away_s"] > 0
    assert "focus-regained" in kiosk.kinds()
    other.terminate()


def test_switch_during_a_free_question_is_allowed_and_journalled(xs, kiosk_factory):
    kiosk = kiosk_factory(mode="free")
    _, window = xs.xterm("Other")
    kiosk.focus(xs)
    before = len(focus_lost(kiosk.events()))
    xs.activate(window)
    lost = kiosk.wait_for(lambda ev: focus_lost(ev)[before:], what="focus-lost")[0]
    assert lost["payload"]["counted"] is False
    xs.activate(kiosk.window)
    kiosk.wait_for(lambda ev: any(e["kind"] == "guard" and e["payload"]["type"] == "focus-returned" for e in ev),
                   what="focus-returned")
    assert kiosk.command("state")["focus_out"] is False


def test_an_allow_listed_assistive_window_records_nothing(xs, kiosk_factory):
    kiosk = kiosk_factory(mode="focus", policy={"assistive": KEYBOARD_TOOL}, grant=("test-keyboard",))
    _, window = xs.xterm("PupitreTestKeyboard")  # mapping it already takes the focus once
    xs.activate(kiosk.window)
    for _ in range(3):
        xs.activate(window)
        time.sleep(0.2)
        xs.activate(kiosk.window)
    events = settle(kiosk)
    assert focus_lost(events) == []
    assert kiosk.command("state")["focus_out"] is False
    assert not [e for e in events if e["kind"] == "guard" and e["payload"]["type"].startswith("focus")]


def test_the_same_window_counts_when_the_tool_was_not_granted(xs, kiosk_factory):
    kiosk = kiosk_factory(mode="focus", policy={"assistive": KEYBOARD_TOOL})
    _, window = xs.xterm("PupitreTestKeyboard")
    xs.activate(window)
    kiosk.wait_for(focus_lost, what="focus-lost")
    assert kiosk.command("state")["focus_out"] is True


@pytest.mark.parametrize("dialog", ["dialog", "viewer"])
def test_the_kiosks_own_dialogs_record_nothing(xs, kiosk_factory, dialog):
    kiosk = kiosk_factory(mode="focus")
    settle(kiosk, 0.5)
    baseline = len(kiosk.events())
    opened = kiosk.command(dialog)
    from kiosk.guard.x11 import XConnection

    with XConnection(xs.display) as connection:
        deadline = time.monotonic() + 5
        while connection.focused_window() is None or connection.focused_window().id != opened["window"]:
            assert time.monotonic() < deadline, "the dialog never took the focus"
            time.sleep(0.05)
    kiosk.command("close-dialogs")
    events = settle(kiosk)[baseline:]
    assert focus_lost(events) == []
    assert kiosk.command("state")["focus_out"] is False


def test_the_keyboard_grab_keeps_alt_tab_from_the_window_manager(xs, kiosk_factory):
    kiosk = kiosk_factory(mode="focus")
    xs.xterm("Other")
    xs.activate(kiosk.window)
    settle(kiosk, 0.5)
    baseline = len(focus_lost(kiosk.events()))
    assert kiosk.command("state")["grab"] is True
    xs.xdotool("key", "alt+Tab")
    assert focus_lost(settle(kiosk))[baseline:] == []


def test_the_desktops_shortcuts_never_reach_the_window_manager(xs, kiosk_factory):
    """Attempts that already held before the window keeper: Super, Alt+F4, Ctrl+Q, Alt+Tab and
    Alt+Esc go to the exam window (it holds the keyboard), nothing is closed or switched."""
    from kiosk.guard.x11_stacking import StackingConnection

    kiosk = kiosk_factory(mode="focus")
    xs.xterm("Other")
    kiosk.focus(xs)
    baseline = len(focus_lost(kiosk.events()))
    assert kiosk.command("state")["grab"] is True
    for keys in ("super", "alt+F4", "ctrl+q", "alt+Tab", "alt+Escape", "ctrl+alt+Left"):
        xs.xdotool("key", keys)
    events = settle(kiosk)
    assert focus_lost(events)[baseline:] == []
    state = kiosk.command("state")
    assert state["state"] == "question" and kiosk.process.poll() is None
    with StackingConnection(xs.display) as connection:
        whole = connection.examine(state["window"], (0, 0, 1280, 800))
    assert whole.problems == [] and whole.above == []
