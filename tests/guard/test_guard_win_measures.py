"""The Windows code path, through a fake of the API layer (it runs on every system)."""

import ctypes

import pytest

from kiosk.guard.errors import GuardUnavailableError
from kiosk.guard.focus import NO_WINDOW
from kiosk.guard.keys import LLKHF_ALTDOWN, VK_CONTROL, VK_ESCAPE, VK_LWIN, VK_TAB, WM_KEYDOWN, WM_SYSKEYDOWN
from kiosk.guard.measures import STATE_FILE, CrashRecord
from kiosk.guard.win32 import KBDLLHOOKSTRUCT, WDA_EXCLUDEFROMCAPTURE, WDA_MONITOR, Win32Api
from kiosk.guard.win_measures import (
    REHOOK_EVERY,
    CaptureExclusion,
    KeyboardHook,
    SystemPolicies,
    WindowsFocusProbe,
    restore_policies,
)
from tests.guard.fakes import FakeWin32Api

POLICY_KEY = r"Software\Microsoft\Windows\CurrentVersion\Policies\System"


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_the_api_layer_imports_everywhere_and_refuses_to_run_off_windows():
    assert KBDLLHOOKSTRUCT.dwExtraInfo.offset == 16 and ctypes.sizeof(KBDLLHOOKSTRUCT) == 24  # as on 64-bit Windows
    with pytest.raises(GuardUnavailableError, match="need Windows"):
        Win32Api()


def test_the_hook_swallows_alt_tab_win_and_ctrl_esc_and_lets_typing_through(tmp_path):
    api = FakeWin32Api()
    hook = KeyboardHook(api, CrashRecord(tmp_path))
    hook.apply()
    (decide,) = api.hooks.values()
    assert decide(VK_TAB, LLKHF_ALTDOWN, WM_SYSKEYDOWN) is True
    assert decide(VK_LWIN, 0, WM_KEYDOWN) is True
    assert decide(VK_TAB, 0, WM_KEYDOWN) is False
    assert decide(ord("A"), 0, WM_KEYDOWN) is False
    api.keys_down.add(VK_CONTROL)
    assert decide(VK_ESCAPE, 0, WM_KEYDOWN) is True
    assert hook.swallowed == {"Alt+Tab": 1, "Win": 1, "Ctrl+Esc": 1}


def test_the_hook_is_in_the_crash_record_while_installed_and_removed_on_revert(tmp_path):
    api = FakeWin32Api()
    hook = KeyboardHook(api, CrashRecord(tmp_path))
    hook.apply()
    assert "windows-keyboard-hook" in (tmp_path / STATE_FILE).read_text()
    hook.revert()
    assert api.hooks == {} and not (tmp_path / STATE_FILE).exists()


def test_the_hook_is_installed_afresh_before_the_old_one_goes(tmp_path):
    api, clock = FakeWin32Api(), Clock()
    hook = KeyboardHook(api, CrashRecord(tmp_path), clock)
    hook.apply()
    hook.refresh()
    assert len(api.calls) == 1  # too soon
    clock.now = REHOOK_EVERY
    hook.refresh()
    assert [c[0] for c in api.calls] == ["hook", "hook", "unhook"] and len(api.hooks) == 1


def test_capture_exclusion_covers_every_exam_window_and_restores_it(tmp_path):
    api = FakeWin32Api()
    windows = [11, 12]
    measure = CaptureExclusion(api, lambda: windows)
    measure.apply()
    assert api.affinity == {11: WDA_EXCLUDEFROMCAPTURE, 12: WDA_EXCLUDEFROMCAPTURE}
    windows.append(13)  # a dialog opened later
    measure.refresh()
    assert api.affinity[13] == WDA_EXCLUDEFROMCAPTURE
    measure.revert()
    assert api.affinity == {11: 0, 12: 0, 13: 0}


def test_capture_exclusion_falls_back_to_monitor_on_older_windows():
    api = FakeWin32Api()
    api.refuse_exclude = True
    CaptureExclusion(api, lambda: [11]).apply()
    assert api.affinity == {11: WDA_MONITOR}


def test_capture_exclusion_refused_everywhere_is_unavailable():
    api = FakeWin32Api()
    api.refuse_all = True
    with pytest.raises(GuardUnavailableError, match="refused"):
        CaptureExclusion(api, lambda: [11]).apply()


def test_policies_are_recorded_before_they_are_set_and_restored_exactly(tmp_path):
    api = FakeWin32Api()
    api.registry[("HKCU", POLICY_KEY, "DisableTaskMgr")] = 0  # the center had set it to 0
    record = CrashRecord(tmp_path)
    written = []
    original_add = record.add
    record.add = lambda name, data: (written.append(list(api.calls)), original_add(name, data))
    measure = SystemPolicies(api, record)
    measure.apply()
    assert written == [[]]  # nothing changed before the record was on disk
    assert api.registry[("HKCU", POLICY_KEY, "DisableTaskMgr")] == 1
    assert api.registry[("HKCU", POLICY_KEY, "DisableLockWorkstation")] == 1
    measure.revert()
    assert api.registry == {("HKCU", POLICY_KEY, "DisableTaskMgr"): 0}
    assert not (tmp_path / STATE_FILE).exists()


def test_policies_left_by_a_dead_kiosk_are_restored_from_the_record(tmp_path):
    api = FakeWin32Api()
    record = CrashRecord(tmp_path)
    SystemPolicies(api, record).apply()
    import json

    data = json.loads((tmp_path / STATE_FILE).read_text())["measures"][0]["data"]
    assert restore_policies(data, api) == "5 Windows policy value(s) restored"
    assert api.registry == {}


def test_the_focus_probe_names_the_foreground_window_and_hooks_foreground_changes():
    api = FakeWin32Api()
    api.windows[500] = (4321, "Chrome_WidgetWin_1", "Search")
    api.foreground = 500
    probe = WindowsFocusProbe(api, name_of=lambda pid: "chrome.exe")
    window = probe.active()
    assert (window.id, window.pid, window.process, window.wm_class, window.title) == (
        500, 4321, "chrome.exe", ("Chrome_WidgetWin_1",), "Search")
    calls = []
    probe.start(lambda: calls.append(1))
    (callback,) = api.event_hooks.values()
    callback()
    assert calls == [1]
    probe.stop()
    assert api.event_hooks == {}
    api.foreground = 0
    assert probe.active() is NO_WINDOW
