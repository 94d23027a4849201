"""The guard's facade: one object the app builds, starts when exam mode begins and stops at the end.

``Guard(session, window, policy, clock, data_dir=…)``; ``start()`` applies every measure in order
(undoing those applied if one fails), ``stop()`` reverts them in reverse. Findings and actions go
to the journal through ``session.record_guard``; focus changes through ``session.focus_lost`` /
``focus_regained``; violations through ``session.lock``. See docs/adr/0008-guard.md.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from itembank.model import Mode
from kiosk.core import events as ev
from kiosk.core.events import Event
from kiosk.core.session import IN_TEST, ExamSession, State
from kiosk.guard import report
from kiosk.guard.defence import ExamWindowDefence
from kiosk.guard.errors import GuardUnavailableError, UnlockCodeError
from kiosk.guard.focus import FocusLost, FocusRegained
from kiosk.guard.measures import CrashRecord, MeasureSequence
from kiosk.guard.policy import AssistiveTool, GuardPolicy
from kiosk.guard.process_guard import ProcessGuard, PsutilProcesses
from kiosk.guard.qt_focus import FocusProbe, FocusWatcher, QtOnlyProbe
from kiosk.guard.qt_monitor import EnvironmentMonitor, ProcessTimer
from kiosk.guard.qt_overlays import FocusNotice, LockScreen, ask_exit_code, show_exit_refused
from kiosk.guard.qt_shell import ClipboardGuard, ExamShell, KeyboardGrab
from kiosk.guard.unlock import UnlockGate

LOCKABLE = IN_TEST | {State.PAUSED, State.ENVIRONMENT_CHECK, State.AWAITING_AUTHORISATION}


def detect_platform() -> str:
    name = QGuiApplication.platformName()
    return {"xcb": "x11", "windows": "windows"}.get(name, "other")


class Guard:
    """The workstation guard of one attempt.

    ``clock`` is the kiosk's Clock port (only its ``monotonic()`` is used); ``data_dir`` holds the
    crash record and the unlock code; ``accommodations`` are the ids of the assistive
    technologies granted to this candidate; ``restored`` is what :func:`restore_after_crash`
    returned at start (journalled once the guard starts); ``alert`` sends a lock's alert to the
    invigilator and says whether it went out (none yet at the workstation: the lock screen then
    tells the candidate to call the invigilator). ``platform`` ("x11", "windows",
    "other"), ``probe``, ``processes`` and ``windows_api`` replace the real OS layers in tests.
    """

    def __init__(self, session: ExamSession, window: QWidget, policy: GuardPolicy | None = None, clock: Any = None,
                 *, data_dir: str | os.PathLike[str], accommodations: Iterable[str] = (),
                 platform: str | None = None, unlock: UnlockGate | None = None, overlays: bool = True,
                 on_exit: Callable[[], None] | None = None, restored: list[dict[str, Any]] | None = None,
                 probe: FocusProbe | None = None, processes: PsutilProcesses | None = None,
                 windows_api: Any = None, alert: Callable[[str, dict[str, Any]], bool] | None = None):
        self.session = session
        self.window = window
        self.policy = policy or GuardPolicy.from_profile(session.profile)
        self._mono: Callable[[], float] = clock.monotonic if clock is not None else time.monotonic
        self.data_dir = Path(data_dir)
        self.record = CrashRecord(self.data_dir)
        self.granted: tuple[AssistiveTool, ...] = self.policy.granted(accommodations)
        self.platform = platform or detect_platform()
        self.gate = unlock or UnlockGate(self.data_dir)
        self._overlays = overlays
        self._on_exit = on_exit
        self._restored = list(restored or [])
        self._probe = probe
        self._process_source = processes
        self._windows_api = windows_api
        self._alert = alert  # sends a lock's alert to the invigilator; True once delivered
        self.alerted = False  # the current lock's alert went out
        self._backlog: list[dict[str, Any]] = []
        self.sequence: MeasureSequence | None = None
        self.active = False
        self.keyboard: Any = None
        self.clipboard: ClipboardGuard | None = None
        self.focus: FocusWatcher | None = None
        self.processes: ProcessGuard | None = None
        self.shell: ExamShell | None = None
        self.keeper: Any = None
        self.notice: FocusNotice | None = None
        self.lock_screen: LockScreen | None = None
        self.monitor = EnvironmentMonitor(self.policy, platform=self.platform, windows_api=windows_api,
                                          journal=self.journal, lock=self.lock,
                                          lockable=lambda: self.session.state in LOCKABLE,
                                          refresh=self._refresh, clock=self._mono,
                                          focus_question=self._focus_question, stalled=self._stalled)
        self._reported = False  # the current focus loss reached the journal
        self._counted = False  # …and counted against a focus question
        self._signals: dict[int, Any] = {}
        session.subscribe(self._on_event)

    # -- journal --------------------------------------------------------------------------------
    def journal(self, event_type: str, /, **details: Any) -> None:
        """Journal one guard event (kept until the attempt has begun, if it has not)."""
        self._backlog.append(report.guard_event(event_type, **details))
        if self.session.state is State.IDLE:
            return
        backlog, self._backlog = self._backlog, []
        for payload in backlog:
            self.session.record_guard(payload)

    def lock(self, reason: str, details: dict[str, Any] | None = None) -> None:
        """Lock the session for a violation (if its state allows; journalled either way)."""
        state = self.session.state
        if state is State.LOCKED:
            return
        deferred = state not in LOCKABLE
        extra = dict(details or {})
        if "reason" in extra:  # the measure's own reason ("survived a kill") next to the lock's
            extra["cause"] = extra.pop("reason")
        extra.pop("deferred", None)
        alerted = False
        if not deferred and self._alert is not None:
            try:
                alerted = bool(self._alert(reason, dict(extra)))
            except Exception as exc:  # no link to the invigilator: the lock screen says to call them
                extra["alert_failed"] = str(exc)
        self.alerted = alerted
        self.journal("lock-requested", reason=reason, deferred=deferred, alerted=alerted, **extra)
        if not deferred:
            self.session.lock(reason)

    # -- lifecycle ------------------------------------------------------------------------------
    def _build(self) -> list[Any]:
        p, measures = self.policy, []
        if p.shell:
            self.shell = ExamShell(self.window, screens=p.screens, exit_shortcut=p.exit_shortcut,
                                   on_exit_request=self.request_exit,
                                   on_close_refused=lambda: self.journal("close-refused"))
            measures.append(self.shell)
        api = self._windows_api
        if self.platform == "windows" and api is None:
            try:
                from kiosk.guard.win32 import Win32Api

                api = self._windows_api = Win32Api()
            except GuardUnavailableError as exc:
                self.journal("measure-unavailable", measure="windows", reason=str(exc))
            self.monitor.windows_api = api
        if self.platform == "x11" and p.screen_saver_off:
            from kiosk.guard.x11_measures import ScreenSaverOff

            measures.append(ScreenSaverOff(self.record))
        if self.platform == "windows" and api is not None and p.system_policies:
            from kiosk.guard.win_measures import SystemPolicies

            measures.append(SystemPolicies(api, self.record))
        if p.keyboard and not self._screen_reader():
            self.keyboard = self._keyboard_measure(api)
            if self.keyboard is not None:
                measures.append(self.keyboard)
        if self.platform == "windows" and api is not None and p.capture_exclusion:
            from kiosk.guard.win_measures import CaptureExclusion

            measures.append(CaptureExclusion(api, self._own_handles))
        if self.platform == "x11" and p.shell:
            from kiosk.guard.qt_keeper import WindowKeeper
            from kiosk.guard.x11_measures import process_name

            defence = ExamWindowDefence(
                self.session, journal=self.journal, lock=self.lock, clock=self._mono,
                away=lambda: self.focus is not None and self.focus.tracker.away,
                regrab=lambda: self.keyboard.refresh() if hasattr(self.keyboard, "refresh") else None,
                program=process_name, allowed_tool=lambda name, classes: any(t.matches(name, classes)
                                                                              for t in self.granted))
            self.keeper = WindowKeeper(self.window, tampered=defence.tampered, restored=defence.restored,
                                       failed=defence.failed, foreign=defence.foreign, allowed=defence.allowed,
                                       clock=self._mono)
            measures.append(self.keeper)
        if p.clipboard:
            self.clipboard = ClipboardGuard(lambda: self.journal("clipboard-cleared"))
            measures.append(self.clipboard)
        self.focus = FocusWatcher(self._make_probe(api), debounce_ms=p.debounce_ms, poll_ms=p.poll_ms,
                                  window=self.window, granted=lambda: self.granted, on_lost=self._focus_lost,
                                  on_regained=self._focus_regained, clock=self._mono)
        measures.append(self.focus)
        self.processes = ProcessGuard(p, lambda kind, payload: self.journal(kind, **payload), self.lock,
                                      processes=self._process_source, extra_permitted=self._assistive_patterns(),
                                      clock=self._mono)
        measures += [self.processes, ProcessTimer(self.processes), self.monitor]
        return measures

    def _keyboard_measure(self, api: Any) -> Any:
        if self.platform == "x11":
            return KeyboardGrab(self.window, self.record, lambda state: self.journal("keyboard-grab", state=state))
        if self.platform == "windows" and api is not None:
            from kiosk.guard.win_measures import KeyboardHook

            return KeyboardHook(api, self.record, self._mono)
        return None

    def _make_probe(self, api: Any) -> FocusProbe:
        if self._probe is not None:
            return self._probe
        try:
            if self.platform == "x11":
                from kiosk.guard.x11_measures import X11FocusProbe

                return X11FocusProbe()
            if self.platform == "windows" and api is not None:
                from kiosk.guard.win_measures import WindowsFocusProbe

                return WindowsFocusProbe(api)
        except GuardUnavailableError as exc:
            self.journal("measure-unavailable", measure="focus-probe", reason=str(exc))
        return QtOnlyProbe()

    def start(self) -> None:
        """Apply every measure. Raises GuardStartError (with everything undone) if one fails."""
        if self.active:
            return
        if self._restored:
            self.journal("crash-restored", measures=[r["measure"] for r in self._restored], reports=self._restored)
            self._restored = []
        if self._overlays:
            self.notice = FocusNotice(self.window)
            self.lock_screen = LockScreen(self.window, self.gate, self._unlocked_by_code,
                                          lambda n: self.journal("unlock-code-wrong", failures=n, purpose="unlock"))
        self.sequence = MeasureSequence(self._build())
        self.sequence.apply_all()
        self.active = True
        for name, reason in self.sequence.skipped:
            self.journal("measure-unavailable", measure=name, reason=reason)
        self.journal("guard-started", applied=[m.name for m in self.sequence.applied], platform=self.platform,
                     assistive=[t.id for t in self.granted])
        self._install_exit_paths()
        self._sync_with_session()

    def stop(self) -> None:
        """Revert every measure, newest first. Safe to call twice, and at exit."""
        if not self.active or self.sequence is None:
            return
        self.active = False
        failures = self.sequence.revert_all()
        self._remove_exit_paths()
        for widget in (self.notice, self.lock_screen):
            if widget is not None:
                widget.hide()
        with contextlib.suppress(Exception):  # at interpreter exit the journal may already be closed
            self.journal("guard-stopped", failures=[f"{n}: {r}" for n, r in failures])

    def _install_exit_paths(self) -> None:
        atexit.register(self.stop)
        if threading.current_thread() is not threading.main_thread():
            return
        for number in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if number is not None:
                self._signals[number] = signal.signal(number, self._terminated)

    def _remove_exit_paths(self) -> None:
        atexit.unregister(self.stop)
        for number, previous in self._signals.items():
            signal.signal(number, previous)
        self._signals.clear()

    def _terminated(self, number: int, frame: Any) -> None:
        """SIGTERM (shutdown, a service manager): revert, then die of the same signal."""
        self.stop()
        signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)

    # -- environment ----------------------------------------------------------------------------
    def check_environment(self) -> tuple[list[dict[str, Any]], bool]:
        """Findings and whether they block, for ``session.environment_checked(findings, blocking)``."""
        return self.monitor.check()

    def _refresh(self) -> None:
        if self.active and self.sequence is not None:
            self.sequence.refresh_all()

    # -- focus ----------------------------------------------------------------------------------
    def _focus_lost(self, lost: FocusLost) -> None:
        before = len(self.session.events)
        self.session.focus_lost(lost.window.describe())
        self._reported = len(self.session.events) > before
        self._counted = bool(self._reported and self.session.events[-1].payload.get("counted"))

    def _focus_regained(self, back: FocusRegained) -> None:
        self.session.focus_regained()
        if self._reported:
            self.journal("focus-returned", away_s=round(back.seconds, 3), window=back.window.describe(),
                         counted=self._counted)
        self._reported = False

    # -- a stall ----------------------------------------------------------------------------------
    def _focus_question(self) -> bool:
        question = self.session.question
        return self.session.state is State.QUESTION and question is not None and question.item.mode is Mode.FOCUS

    def _stalled(self, gap: Any, focus: bool) -> None:
        """The kiosk did not run (SIGSTOP, a frozen machine): the session gives the time back; during
        a focus question nobody watched the candidate, so the question is uncertain and the
        invigilator is called (the lock)."""
        self.session.stalled(gap.seconds, gap.kind)
        if focus:
            self.lock("stall", {"seconds": gap.seconds, "kind": gap.kind})

    # -- assistive technologies -----------------------------------------------------------------
    def _screen_reader(self) -> bool:
        return any(t.kind == "screen-reader" for t in self.granted)

    def _assistive_patterns(self) -> tuple:
        return tuple(p for t in self.granted for p in t.patterns())

    def grant_assistive(self, tool_ids: Iterable[str], by: str) -> None:
        """An accommodation granted during the exam (by the invigilator): these tools stop counting as focus loss."""
        tools = self.policy.granted(tool_ids)
        self.granted = tuple(dict.fromkeys(self.granted + tools))
        self.journal("assistive-granted", tools=[t.id for t in tools], by=by)
        if self.processes is not None:
            self.processes.set_permitted(self._assistive_patterns())
        keyboard, sequence = self.keyboard, self.sequence
        if self._screen_reader() and sequence is not None and keyboard is not None and keyboard in sequence.applied:
            sequence.applied.remove(keyboard)  # a screen reader needs its own shortcuts
            keyboard.revert()
            self.journal("keyboard-grab", state="released-for-screen-reader")

    # -- unlock code and exit -------------------------------------------------------------------
    def _unlocked_by_code(self) -> None:
        self.alerted = False
        self.journal("unlock-code-accepted", purpose="unlock")
        if self.session.state is State.LOCKED:
            self.session.unlock(by="unlock-code")
        if self.lock_screen is not None:
            self.lock_screen.unlock()

    def unlock_with_code(self, code: str) -> bool:
        """The lock screen's check, for callers without the overlay (raises UnlockThrottledError while waiting)."""
        if not self.gate.check(code):
            self.journal("unlock-code-wrong", failures=self.gate.failures, purpose="unlock")
            return False
        self._unlocked_by_code()
        return True

    def exit_with_code(self, code: str) -> bool:
        """Leave exam mode: with the right code, every measure is reverted and ``on_exit`` runs."""
        try:
            ok = self.gate.check(code)
        except UnlockCodeError:
            self.journal("unlock-code-wrong", failures=self.gate.failures, purpose="exit")
            raise
        if not ok:
            self.journal("unlock-code-wrong", failures=self.gate.failures, purpose="exit")
            return False
        self.journal("unlock-code-accepted", purpose="exit")
        self.stop()
        if self._on_exit is not None:
            self._on_exit()
        else:
            app = QApplication.instance()
            if app is not None:
                app.quit()
        return True

    def request_exit(self) -> None:
        """The exit shortcut: ask for the invigilator's code."""
        code = ask_exit_code(self.window)
        if code is None:
            return
        try:
            left = self.exit_with_code(code)
        except UnlockCodeError as exc:  # throttled, or no code can be checked
            show_exit_refused(self.window, exc)
            return
        if not left:
            show_exit_refused(self.window, None)

    # -- following the session ------------------------------------------------------------------
    def _own_handles(self) -> list[int]:
        return [int(w.winId()) for w in QGuiApplication.allWindows() if w.isVisible()]

    def _sync_with_session(self) -> None:
        session = self.session
        question = session.question
        focus_question = (session.state is State.QUESTION and question is not None
                          and question.item.mode is Mode.FOCUS)
        if self.clipboard is not None and self.active:
            self.clipboard.focus_question(focus_question)
        if self.lock_screen is not None:
            if session.state is State.LOCKED and self.active:
                self.lock_screen.lock(session.lock_reason, alerted=self.alerted)
            elif self.lock_screen.isVisible():
                self.lock_screen.unlock()

    def _on_event(self, event: Event) -> None:
        if not self.active:
            return
        if event.kind == ev.FOCUS_LOST and event.payload.get("counted") and self.notice is not None:
            QTimer.singleShot(0, self.notice.appear)
        elif event.kind in (ev.QUESTION_SHOWN, ev.FINISHED) and self.notice is not None:
            self.notice.hide()
        if event.kind != ev.GUARD:
            QTimer.singleShot(0, self._sync_with_session)  # after the session's other listeners
