"""The guard's clocks: the heartbeat that watches the environment during the exam, and the timer
that runs the process guard.

The heartbeat (every 0.5 s) re-asserts the measures that the system may undo (keyboard grab,
capture exclusion, the Windows hook), notices gaps in the monotonic clock (a stall: the session
gives the time back and marks a focus question on screen uncertain), re-checks remote
sessions every few seconds and the number of screens, and keeps a "refuse" condition locked
for as long as it holds.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from kiosk.guard import environment, facts
from kiosk.guard.policy import GuardPolicy
from kiosk.guard.process_guard import ProcessGuard
from kiosk.guard.process_watch import INTERVAL_S as WATCH_INTERVAL_S
from kiosk.guard.process_watch import ProcessWatch

HEARTBEAT_S = 0.5


class ProcessTimer:
    """Runs the process guard on time. The snapshot (tens of ms on a busy desktop) is taken in a
    worker thread so the exam window and the focus watcher never wait for it; the result comes
    back through a queue read by a GUI-thread timer, so the worker never touches a Qt object."""

    name = "process-timer"
    COLLECT_MS = 20

    def __init__(self, processes: ProcessGuard, watch: ProcessWatch | None = None):
        self._processes = processes
        self._watch = watch or ProcessWatch(processes.describe, os.getuid() if hasattr(os, "getuid") else None)
        self._drain = QTimer()
        self._drain.setInterval(int(WATCH_INTERVAL_S * 1000))
        self._drain.timeout.connect(self._newcomers)
        self._asked = 0.0
        self._results: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._take)
        self._collect = QTimer()
        self._collect.setInterval(self.COLLECT_MS)
        self._collect.timeout.connect(self._act)

    def _newcomers(self) -> None:
        newcomers = self._watch.take()
        if newcomers:
            self._processes.scan_new(newcomers)

    def _take(self) -> None:
        self._asked = self._processes.now()
        threading.Thread(target=self._snapshot, name="pupitre-processes", daemon=True).start()
        self._collect.start()

    def _snapshot(self) -> None:
        try:
            self._results.put(self._processes.snapshot())
        except Exception:  # a failed snapshot is retried at the next tick
            self._results.put(None)

    def _act(self) -> None:
        try:
            snapshot = self._results.get_nowait()
        except queue.Empty:
            return
        self._collect.stop()
        if snapshot is not None:
            self._processes.scan(snapshot, taken_at=self._asked)
        if self._processes.active:
            self._timer.start(int(self._processes.next_delay() * 1000))

    def apply(self) -> None:
        self._timer.start(int(self._processes.next_delay() * 1000))
        self._watch.start()
        self._drain.start()

    def revert(self) -> None:
        self._timer.stop()
        self._collect.stop()
        self._drain.stop()
        self._watch.stop()


class StallWatchdog:
    """A thread that only keeps time: when the whole process stopped (SIGSTOP, a frozen machine) it
    is late too; when only the GUI thread was busy (a long paint, a slow disk), it was not. The
    heartbeat asks it which of the two a late beat was, so a busy kiosk is never taken for a
    stopped one."""

    STEP_S = 0.1

    def __init__(self, clock: Callable[[], float]):
        self._clock = clock
        self._late = 0.0
        self._guard = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="pupitre-stall-watchdog", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread = None

    def _run(self) -> None:
        last = self._clock()
        while not self._stop.wait(self.STEP_S):
            now = self._clock()
            late = now - last - self.STEP_S
            last = now
            if late > 0:
                with self._guard:
                    self._late = max(self._late, late)

    def take(self) -> float:
        """The longest this thread was held up since the last call, in seconds."""
        with self._guard:
            late, self._late = self._late, 0.0
        return late


class EnvironmentMonitor:
    """The environment checks at start (:meth:`check`) and on change (the heartbeat)."""

    name = "heartbeat"

    def __init__(self, policy: GuardPolicy, *, platform: str, windows_api: Any,
                 journal: Callable[..., None], lock: Callable[[str, dict[str, Any]], None],
                 lockable: Callable[[], bool], refresh: Callable[[], None], clock: Callable[[], float],
                 focus_question: Callable[[], bool] = lambda: False,
                 stalled: Callable[[environment.ClockGap, bool], None] | None = None):
        self.policy = policy
        self.platform = platform
        self.windows_api = windows_api
        self._journal = journal
        self._lock = lock
        self._lockable = lockable
        self._refresh = refresh
        self._clock = clock
        self._focus_question = focus_question
        self._stalled = stalled
        # a focus question cannot be watched while the kiosk does not run: shorter gaps count there
        self.gaps = environment.ClockGapDetector(HEARTBEAT_S, min(policy.clock_gap_s, policy.focus_stall_s))
        self.watchdog = StallWatchdog(clock)
        self.remote: tuple[str, ...] = ()
        self.refusing: dict[str, str] = {}  # check → lock reason, while a "refuse" condition holds
        self._x_server: str | None = None  # the display's server process, found once
        self._screens: int | None = None
        self._beats = 0
        self._timer = QTimer()
        self._timer.setInterval(int(HEARTBEAT_S * 1000))
        self._timer.timeout.connect(self.beat)

    def apply(self) -> None:
        self.gaps.observe(self._clock(), facts.boot_clock())  # the first reference points
        self._screens = len(QGuiApplication.screens())
        self._timer.start()
        self.watchdog.start()

    def revert(self) -> None:
        self._timer.stop()
        self.watchdog.stop()

    def _server(self) -> str:
        if self._x_server is None:
            self._x_server = facts.x_server_name(os.environ.get("DISPLAY", "")) if self.platform == "x11" else ""
        return self._x_server

    def check(self) -> tuple[list[dict[str, Any]], bool]:
        """Findings and whether they block, for ``session.environment_checked(findings, blocking)``."""
        gathered = facts.gather(len(QGuiApplication.screens()), self.windows_api, x_server=self._server())
        findings = environment.evaluate(gathered, self.policy)
        self.remote = gathered.remote
        self.refusing = {f.check: f.check for f in findings if f.action == "refuse"}
        return [f.to_dict() for f in findings], environment.blocking(findings)

    def beat(self) -> None:
        self._beats += 1
        self._refresh()
        gap = self.gaps.observe(self._clock(), facts.boot_clock())
        watchdog_late = self.watchdog.take()
        if gap is not None and gap.kind == "stalled" and watchdog_late < gap.seconds / 2:
            gap = environment.ClockGap("busy", gap.seconds)  # the process ran: only the GUI thread was held up
        if gap is not None and gap.kind == "busy":
            if gap.seconds >= self.policy.clock_gap_s:
                self._journal("clock-gap", kind=gap.kind, seconds=gap.seconds)
        elif gap is not None:
            focus = self._focus_question()
            if gap.seconds >= self.policy.clock_gap_s or focus:
                self._journal("clock-gap", kind=gap.kind, seconds=gap.seconds)
                if self._stalled is not None:
                    self._stalled(gap, focus)
        if self._beats % max(1, round(self.policy.environment_every_s / HEARTBEAT_S)) == 0:
            self._recheck_remote()
        self._recheck_screens()
        if self.refusing and self._lockable():
            self._lock(next(iter(self.refusing.values())), {"still": True})

    def _recheck_remote(self) -> None:
        signs = facts.remote_now(windows_api=self.windows_api, x_server=self._server())
        if signs == self.remote:
            return
        self.remote = signs
        if not signs:
            self.refusing.pop("remote-session", None)
            return
        action = self.policy.remote_session
        self._journal("environment", check="remote-session", action=action, signs=list(signs))
        if action == "refuse":
            self.refusing["remote-session"] = "remote-session"
        if action in ("lock", "refuse"):
            self._lock("remote-session", {"signs": list(signs)})

    def _recheck_screens(self) -> None:
        count = len(QGuiApplication.screens())
        if count == self._screens:
            return
        self._screens = count
        action = self.policy.screens if count > 1 else "ok"
        self._journal("screens-changed", count=count, action=action)
        if action == "refuse":
            self.refusing["screens"] = "screens"
            self._lock("screens", {"count": count})
        else:
            self.refusing.pop("screens", None)
