"""The Guard facade with real Qt objects (offscreen), a real session, and fakes of the OS layers."""

import datetime as dt
import os
import signal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from itembank.model import Mode
from kiosk.core.candidate import Candidate
from kiosk.core.session import State
from kiosk.guard import facts
from kiosk.guard.errors import GuardStartError, UnlockThrottledError
from kiosk.guard.measures import STATE_FILE
from kiosk.guard.policy import GuardPolicy
from kiosk.guard.processes import ProcInfo
from tests.guard.exam import UNLOCK, build_session, guard_events
from tests.guard.fakes import ONBOARD, OWN, XTERM, FakeProbe, FakeProcesses, FakeWin32Api


def kinds(session):
    return [e.kind for e in session.events]


def test_start_applies_every_measure_and_stop_reverts_them(kit):
    guard = kit.guard()
    started = guard_events(guard.session, "guard-started")[0]
    assert started["applied"] == ["shell", "clipboard", "focus", "processes", "process-timer", "heartbeat"]
    window = guard.window
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    guard.stop()
    assert not window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert guard_events(guard.session, "guard-stopped")[0]["failures"] == []
    guard.stop()  # twice is harmless
    assert len(guard_events(guard.session, "guard-stopped")) == 1


def test_a_measure_unavailable_here_is_journalled_not_fatal(kit, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    guard = kit.guard(platform="x11")  # the X11 screen saver cannot work without a display
    unavailable = guard_events(guard.session, "measure-unavailable")
    assert [u["measure"] for u in unavailable] == ["x11-screen-saver", "x11-keyboard-grab", "x11-window-keeper"]
    assert guard.active


def test_a_failing_measure_stops_the_start_and_undoes_the_rest(kit, monkeypatch):
    from kiosk.guard import qt_shell

    monkeypatch.setattr(qt_shell.ClipboardGuard, "apply", lambda self: (_ for _ in ()).throw(RuntimeError("boom")))
    guard = kit.guard(started=False)
    with pytest.raises(GuardStartError, match="'clipboard' failed"):
        guard.start()
    assert not guard.active and not guard.window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint


def test_closing_the_exam_window_is_refused(kit):
    guard = kit.guard()
    guard.window.close()
    assert guard.window.isVisible()
    assert guard_events(guard.session, "close-refused")


def test_leaving_during_a_focus_question_counts_and_shows_the_message(kit):
    guard = kit.guard()
    session, probe = guard.session, guard.focus.probe
    probe.switch(XTERM)
    kit.qtbot.waitUntil(lambda: "focus-lost" in kinds(session), timeout=2000)
    lost = next(e for e in session.events if e.kind == "focus-lost")
    assert lost.payload["counted"] is True and lost.payload["detail"].startswith("xterm (pid 999999)")
    assert session.question.focus_out
    kit.qtbot.waitUntil(lambda: guard.notice.isVisible(), timeout=2000)
    probe.switch(OWN)
    assert "focus-regained" in kinds(session)
    back = guard_events(session, "focus-returned")[0]
    assert back["counted"] is True and back["away_s"] >= 0.05


def test_flicker_shorter_than_the_debounce_records_nothing(kit):
    guard = kit.guard(policy=GuardPolicy(debounce_ms=300))
    guard.focus.probe.switch(XTERM)
    guard.focus.probe.switch(OWN)
    kit.qtbot.wait(450)
    assert "focus-lost" not in kinds(guard.session) and guard.focus.tracker.flickers == 1


def test_leaving_during_a_free_question_is_allowed_and_journalled(kit):
    guard = kit.guard(mode=Mode.FREE)
    guard.focus.probe.switch(XTERM)
    kit.qtbot.waitUntil(lambda: "focus-lost" in kinds(guard.session), timeout=2000)
    assert next(e for e in guard.session.events if e.kind == "focus-lost").payload["counted"] is False
    assert not guard.session.question.focus_out and not guard.notice.isVisible()
    guard.focus.probe.switch(OWN)
    assert guard_events(guard.session, "focus-returned")[0]["counted"] is False


def test_a_granted_assistive_tool_is_never_a_focus_loss(kit):
    guard = kit.guard(accommodations=["onboard"])
    guard.focus.probe.switch(ONBOARD)
    kit.qtbot.wait(200)
    assert "focus-lost" not in kinds(guard.session)
    assert guard_events(guard.session, "guard-started")[0]["assistive"] == ["onboard"]


def test_an_assistive_tool_granted_during_the_exam(kit):
    guard = kit.guard()
    guard.grant_assistive(["onboard"], by="invigilator")
    assert guard_events(guard.session, "assistive-granted")[0]["tools"] == ["onboard"]
    guard.focus.probe.switch(ONBOARD)
    kit.qtbot.wait(200)
    assert "focus-lost" not in kinds(guard.session)


def test_a_screen_reader_keeps_its_keyboard_shortcuts(kit, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    guard = kit.guard(platform="x11", accommodations=["orca"])
    assert "x11-keyboard-grab" not in [u["measure"] for u in guard_events(guard.session, "measure-unavailable")]
    assert guard.keyboard is None


def test_where_the_probe_cannot_tell_qt_application_state_decides(kit, monkeypatch):
    guard = kit.guard(probe=FakeProbe(window=None))
    monkeypatch.setattr(QGuiApplication, "applicationState", lambda: Qt.ApplicationState.ApplicationInactive)
    monkeypatch.setattr(QGuiApplication, "focusWindow", lambda: None)
    guard.focus.assess()
    kit.qtbot.waitUntil(lambda: "focus-lost" in kinds(guard.session), timeout=2000)
    monkeypatch.setattr(QGuiApplication, "applicationState", lambda: Qt.ApplicationState.ApplicationActive)
    guard.focus.assess()
    assert kinds(guard.session)[-2:] == ["focus-regained", "guard"]


def test_a_surviving_prohibited_process_locks_the_session(kit):
    table = FakeProcesses([ProcInfo(7001, "anydesk", "/usr/bin/anydesk", 1.0)])
    table.ignore_term.add(7001)
    table.unkillable.add(7001)
    guard = kit.guard(processes=table, policy=GuardPolicy(debounce_ms=50, kill_after_s=0.05, lock_after_s=0.05,
                                                          process_interval_s=0.1))
    kit.qtbot.waitUntil(lambda: guard.session.state is State.LOCKED, timeout=3000)
    assert guard.session.lock_reason == "prohibited-process"
    types = [p["type"] for p in guard_events(guard.session)]
    assert types.index("process-found") < types.index("process-kill") < types.index("process-survived")
    kit.qtbot.waitUntil(lambda: guard.lock_screen.isVisible(), timeout=2000)


def test_the_lock_screen_lifts_with_the_code_only(kit):
    guard = kit.guard()
    guard.session.lock("prohibited-process")
    kit.qtbot.waitUntil(lambda: guard.lock_screen.isVisible(), timeout=2000)
    guard.lock_screen.code.setText("not-the-code")
    guard.lock_screen.try_code()
    assert guard.session.state is State.LOCKED and guard_events(guard.session, "unlock-code-wrong")
    guard.lock_screen.code.setText(UNLOCK)
    guard.lock_screen.try_code()
    assert guard.session.state is State.QUESTION and not guard.lock_screen.isVisible()
    assert guard_events(guard.session, "unlock-code-accepted")[0]["purpose"] == "unlock"


def test_the_invigilator_lifts_the_lock_remotely(kit):
    guard = kit.guard()
    guard.session.lock("environment")
    kit.qtbot.waitUntil(lambda: guard.lock_screen.isVisible(), timeout=2000)
    guard.session.unlock(by="invigilator")
    kit.qtbot.waitUntil(lambda: not guard.lock_screen.isVisible(), timeout=2000)


def test_wrong_unlock_codes_are_throttled(kit):
    guard = kit.guard()
    guard.session.lock("screens")
    for _ in range(3):
        assert guard.unlock_with_code("nope-nope") is False
    with pytest.raises(UnlockThrottledError):
        guard.unlock_with_code(UNLOCK)
    assert guard.session.state is State.LOCKED


def test_exit_needs_the_code_and_reverts_everything(kit):
    exits = []
    guard = kit.guard(on_exit=lambda: exits.append(1))
    assert guard.exit_with_code("wrong-code") is False and guard.active and exits == []
    assert guard.exit_with_code(UNLOCK) is True
    assert not guard.active and exits == [1]
    assert guard_events(guard.session, "unlock-code-accepted")[0]["purpose"] == "exit"


def test_a_lock_before_the_test_is_deferred_not_an_error(kit):
    session = build_session()
    session.open_check_in()
    guard = kit.guard(session, at_question=False)
    guard.lock("prohibited-process")
    assert session.state is State.CHECK_IN
    assert guard_events(session, "lock-requested")[0]["deferred"] is True


def test_events_before_the_attempt_begins_wait_in_a_backlog(kit):
    session = build_session()
    guard = kit.guard(session, at_question=False)
    assert session.events == [] and guard._backlog
    session.open_check_in()
    guard.journal("clipboard-cleared")
    assert next(p["type"] for p in guard_events(session)) == "guard-started"


def test_environment_check_a_vm_on_the_default_policy_only_warns(kit, monkeypatch):
    monkeypatch.setattr(facts, "linux_dmi", lambda: {"sys_vendor": "VMware, Inc."})
    guard = kit.guard()
    findings, blocking = guard.check_environment()
    vm = next(f for f in findings if f["check"] == "virtual-machine")
    assert vm["action"] == "warn" and vm["strong"] and blocking is False


def test_environment_check_refuse_keeps_the_session_locked(kit, monkeypatch):
    monkeypatch.setattr(facts, "linux_dmi", lambda: {"sys_vendor": "QEMU"})
    session = build_session(guard_section={"virtual_machine": "refuse"})
    session.open_check_in()
    session.submit_check_in(Candidate("Martin", "Léa", dt.date(2009, 5, 17), "12345", "PVXB89"), "fr")
    session.authorise(by="invigilator")
    guard = kit.guard(session, at_question=False, policy=GuardPolicy.from_profile(session.profile))
    findings, blocking = guard.check_environment()
    assert blocking
    session.environment_checked(findings, blocking)
    assert session.state is State.LOCKED
    session.unlock(by="invigilator")
    kit.qtbot.waitUntil(lambda: session.state is State.LOCKED, timeout=2000)  # the machine is still refused


@pytest.mark.parametrize("action, locked, relocked", [("warn", False, False), ("lock", True, False),
                                                       ("refuse", True, True)])
def test_a_remote_session_appearing_during_the_exam(kit, monkeypatch, action, locked, relocked):
    guard = kit.guard(policy=GuardPolicy(debounce_ms=50, remote_session=action, environment_every_s=1.0))
    monkeypatch.setattr(facts, "remote_now", lambda **kw: ("XRDP_SESSION is set (remote desktop)",))
    kit.qtbot.waitUntil(lambda: bool(guard_events(guard.session, "environment")), timeout=3000)
    assert guard_events(guard.session, "environment")[0]["action"] == action
    assert (guard.session.state is State.LOCKED) is locked
    if locked:
        guard.session.unlock(by="invigilator")
        kit.qtbot.wait(700)
        assert (guard.session.state is State.LOCKED) is relocked


@pytest.mark.parametrize("policy_value, locked", [("allow", False), ("blank", False), ("refuse", True)])
def test_a_screen_plugged_in_during_the_exam(kit, monkeypatch, policy_value, locked):
    guard = kit.guard(policy=GuardPolicy(debounce_ms=50, screens=policy_value))
    screens = QGuiApplication.screens()
    monkeypatch.setattr(QGuiApplication, "screens", lambda: [*screens, screens[0]])
    kit.qtbot.waitUntil(lambda: bool(guard_events(guard.session, "screens-changed")), timeout=3000)
    changed = guard_events(guard.session, "screens-changed")[0]
    assert (changed["count"], changed["action"]) == (len(screens) + 1, policy_value)
    assert (guard.session.state is State.LOCKED) is locked


@pytest.mark.parametrize("setting, measure", [("shell", "shell"), ("clipboard", "clipboard")])
def test_measures_can_be_turned_off_by_the_profile(kit, setting, measure):
    guard = kit.guard(policy=GuardPolicy(debounce_ms=50).with_(**{setting: False}))
    assert measure not in guard_events(guard.session, "guard-started")[0]["applied"]


@pytest.mark.parametrize("setting, measure", [("keyboard", "windows-keyboard-hook"),
                                              ("capture_exclusion", "windows-capture-exclusion"),
                                              ("system_policies", "windows-policies")])
def test_windows_measures_can_be_turned_off_by_the_profile(kit, setting, measure):
    guard = kit.guard(platform="windows", windows_api=FakeWin32Api(),
                      policy=GuardPolicy(debounce_ms=50).with_(**{setting: False}))
    applied = guard_events(guard.session, "guard-started")[0]["applied"]
    assert measure not in applied and "clipboard" in applied


def test_a_clock_gap_is_journalled(kit, monkeypatch):
    guard = kit.guard()
    base = facts.boot_clock()
    monkeypatch.setattr(facts, "boot_clock", lambda: base + 120.0)  # as if the machine had slept 2 minutes
    kit.qtbot.waitUntil(lambda: bool(guard_events(guard.session, "clock-gap")), timeout=3000)
    gap = guard_events(guard.session, "clock-gap")[0]
    assert gap["kind"] == "suspended" and gap["seconds"] > 100


def test_the_clipboard_is_emptied_during_a_focus_question(kit):
    QGuiApplication.clipboard().setText("la réponse")
    guard = kit.guard()
    kit.qtbot.waitUntil(lambda: not QGuiApplication.clipboard().text(), timeout=2000)
    assert guard_events(guard.session, "clipboard-cleared")
    QGuiApplication.clipboard().setText("collé pendant la question")
    kit.qtbot.waitUntil(lambda: not QGuiApplication.clipboard().text(), timeout=2000)


def test_the_clipboard_is_left_alone_during_a_free_question(kit):
    QGuiApplication.clipboard().setText("notes")
    guard = kit.guard(mode=Mode.FREE)
    kit.qtbot.wait(100)
    assert QGuiApplication.clipboard().text() == "notes" and not guard_events(guard.session, "clipboard-cleared")


def test_the_windows_path_with_a_faked_api(kit):
    api = FakeWin32Api()
    guard = kit.guard(platform="windows", windows_api=api)
    applied = guard_events(guard.session, "guard-started")[0]["applied"]
    assert applied[:5] == ["shell", "windows-policies", "windows-keyboard-hook", "windows-capture-exclusion",
                           "clipboard"]
    assert api.hooks and api.registry and set(api.affinity.values()) == {0x11}
    assert (kit.tmp_path / STATE_FILE).exists()
    guard.stop()
    assert not api.hooks and not api.registry and set(api.affinity.values()) == {0}
    assert not (kit.tmp_path / STATE_FILE).exists()


def test_sigterm_reverts_before_the_process_dies(kit):
    guard = kit.guard()
    assert signal.getsignal(signal.SIGTERM) == guard._terminated
    guard.stop()
    assert signal.getsignal(signal.SIGTERM) != guard._terminated


def test_crash_reports_are_journalled_at_start(kit):
    guard = kit.guard(restored=[{"measure": "x11-screen-saver", "restored": True, "detail": "back"}])
    assert guard_events(guard.session, "crash-restored")[0]["measures"] == ["x11-screen-saver"]


def test_own_windows_are_recognised_by_their_pid(kit):
    guard = kit.guard()
    assert guard.focus.is_own(OWN) and not guard.focus.is_own(XTERM)
    assert OWN.pid == os.getpid()



def test_a_stall_during_a_focus_question_makes_it_uncertain_gives_the_time_back_and_locks(kit):
    session = build_session()
    kit.guard(session, policy=GuardPolicy(debounce_ms=50, focus_stall_s=1.0), clock=session._clock)
    kit.qtbot.wait(700)  # the heartbeat has its first reference
    session._clock.advance(3.0)  # as if SIGSTOP had held the kiosk 3 s between two heartbeats
    kit.qtbot.waitUntil(lambda: session.state is State.LOCKED, timeout=3000)
    stalled = [e.payload for e in session.events if e.kind == "stalled"]
    assert stalled and stalled[0]["uncertain"] is True and stalled[0]["compensated_s"] >= 2.5
    assert session.question.uncertain is True
    assert guard_events(session, "lock-requested")[-1]["reason"] == "stall"
    assert guard_events(session, "clock-gap")  # under clock_gap_s, but a focus question counts


def test_a_short_stall_during_a_free_question_is_nothing(kit):
    session = build_session(Mode.FREE)
    kit.guard(session, policy=GuardPolicy(debounce_ms=50, focus_stall_s=1.0), clock=session._clock)
    kit.qtbot.wait(700)
    session._clock.advance(3.0)
    kit.qtbot.wait(1200)  # two heartbeats go by
    assert not [e for e in session.events if e.kind == "stalled"]
    assert session.state is State.QUESTION


def test_a_lock_says_whether_the_alert_reached_the_invigilator(kit):
    sent = []
    guard = kit.guard(alert=lambda reason, details: sent.append(reason) or True)
    guard.lock("foreign-window", {"window": "x"})
    kit.qtbot.waitUntil(lambda: guard.lock_screen.isVisible(), timeout=2000)
    assert sent == ["foreign-window"] and guard_events(guard.session, "lock-requested")[-1]["alerted"] is True
    assert guard.lock_screen.alerted is True


def test_without_a_link_to_the_invigilator_the_lock_screen_says_to_call_them(kit):
    def broken(reason, details):
        raise OSError("no route to the console")

    guard = kit.guard(alert=broken)
    guard.lock("stall")
    kit.qtbot.waitUntil(lambda: guard.lock_screen.isVisible(), timeout=2000)
    requested = guard_events(guard.session, "lock-requested")[-1]
    assert requested["alerted"] is False and requested["alert_failed"] == "no route to the console"
    assert guard.lock_screen.alerted is False


def test_a_busy_gui_thread_is_not_taken_for_a_stopped_kiosk(kit):
    """The heartbeat comes late because the GUI thread was held up (a long paint, a slow disk): the
    watchdog thread kept time, so nothing is uncertain and nothing locks."""
    import time

    session = build_session()
    kit.guard(session, policy=GuardPolicy(debounce_ms=50, focus_stall_s=1.0))
    kit.qtbot.wait(700)
    time.sleep(2.5)  # the GUI thread busy; the process runs
    kit.qtbot.wait(1200)
    assert not [e for e in session.events if e.kind == "stalled"]
    assert session.state is State.QUESTION and session.question.uncertain is False
