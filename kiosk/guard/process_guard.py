"""The process guard's adapter: psutil snapshots and signals, fed to :class:`ProcessEnforcer`.

``scan()`` is called by the guard's timer (every ``process_interval_s``, sooner while a
terminated process has not yet gone); it never blocks waiting for a process to exit. Reverting
the measure only stops the scans: no process is started or stopped by a revert.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

import psutil

from kiosk.guard.policy import GuardPolicy
from kiosk.guard.processes import Action, ProcessEnforcer, ProcessRules, ProcInfo, Step


def protected_pids(pid: int | None = None) -> frozenset[int]:
    """The kiosk and the processes above it (its session, its launcher): never the guard's targets."""
    pids = set()
    try:
        process: psutil.Process | None = psutil.Process(pid or os.getpid())
        while process is not None:
            pids.add(process.pid)
            process = process.parent()
    except psutil.Error:
        pass
    return frozenset(pids)


class PsutilProcesses:
    """The process table and the two signals, through psutil."""

    def snapshot(self) -> list[ProcInfo]:
        """Every live process; zombies (dead, waiting for their parent to read their status) are left out."""
        procs = []
        for process in psutil.process_iter(["name", "exe", "create_time", "status"], ad_value=""):
            info = process.info
            if info.get("status") == psutil.STATUS_ZOMBIE:
                continue
            procs.append(ProcInfo(process.pid, info.get("name") or "", info.get("exe") or "",
                                  float(info.get("create_time") or 0.0)))
        return procs

    def _same(self, proc: ProcInfo) -> psutil.Process | None:
        try:
            process = psutil.Process(proc.pid)
            if proc.create_time and abs(process.create_time() - proc.create_time) > 0.01:
                return None  # the pid now belongs to another process
            return process
        except psutil.NoSuchProcess:
            return None

    def owner(self, proc: ProcInfo) -> str:
        try:
            return str(psutil.Process(proc.pid).username())
        except psutil.Error:
            return ""

    def terminate(self, proc: ProcInfo) -> None:
        """Raises PermissionError when the process is not ours to stop."""
        self._signal(proc, "terminate")

    def kill(self, proc: ProcInfo) -> None:
        self._signal(proc, "kill")

    def _signal(self, proc: ProcInfo, how: str) -> None:
        process = self._same(proc)
        if process is None:
            return
        try:
            getattr(process, how)()
        except psutil.NoSuchProcess:
            return
        except psutil.AccessDenied as exc:
            raise PermissionError(f"access denied (the process belongs to {self.owner(proc) or 'another user'})") \
                from exc


class ProcessGuard:
    """Prohibited processes are terminated, then killed, then the screen is locked; every step is journalled."""

    name = "processes"

    def __init__(self, policy: GuardPolicy, report: Callable[[str, dict[str, Any]], None],
                 lock: Callable[[str, dict[str, Any]], None], *, processes: PsutilProcesses | None = None,
                 extra_permitted: tuple = (), clock: Callable[[], float] = time.monotonic):
        self._policy = policy
        self._report = report
        self._lock = lock
        self._processes = processes or PsutilProcesses()
        self._extra_permitted = tuple(extra_permitted)
        self._clock = clock
        self.enforcer: ProcessEnforcer | None = None
        self.active = False

    def set_permitted(self, extra: tuple) -> None:
        """More permitted patterns (assistive tools granted during the exam)."""
        self._extra_permitted = tuple(extra)
        if self.enforcer is not None:
            rules = self.enforcer.rules
            self.enforcer.rules = ProcessRules(rules.prohibited, self._policy.permitted + self._extra_permitted,
                                               rules.protected)

    def apply(self) -> None:
        rules = ProcessRules(self._policy.prohibited, self._policy.permitted + self._extra_permitted,
                             protected_pids())
        self.enforcer = ProcessEnforcer(rules, self._policy.kill_after_s, self._policy.lock_after_s)
        self.active = True
        self.scan()

    def revert(self) -> None:
        self.active = False
        self.enforcer = None

    def next_delay(self) -> float:
        """Seconds until the next scan is due."""
        interval = self._policy.process_interval_s
        if self.enforcer is None:
            return interval
        due = self.enforcer.next_due(self._clock())
        return interval if due is None else max(0.02, min(interval, due - self._clock()))

    def snapshot(self) -> list[ProcInfo]:
        """The process table (safe to call from a worker thread)."""
        return self._processes.snapshot()

    def scan(self, snapshot: list[ProcInfo] | None = None) -> list[Action]:
        """Act on ``snapshot`` (taken now if not given); returns the actions taken."""
        if not self.active or self.enforcer is None:
            return []
        if snapshot is None:
            snapshot = self._processes.snapshot()
        now = self._clock()
        actions = self.enforcer.step(now, snapshot)
        for action in actions:
            self._execute(now, action)
        return actions

    def _execute(self, now: float, action: Action) -> None:
        assert self.enforcer is not None
        if action.step is Step.LOCK:
            self._report(action.step.value, action.payload())
            self._lock("prohibited-process", action.payload())
            return
        self._report(action.step.value, action.payload())
        if action.step not in (Step.TERMINATE, Step.KILL):
            return
        try:
            if action.step is Step.TERMINATE:
                self._processes.terminate(action.proc)
            else:
                self._processes.kill(action.proc)
        except (PermissionError, psutil.Error) as exc:
            self._report("process-failed", {**action.payload(), "reason": str(exc)})
            escalation = self.enforcer.failed(now, action, str(exc))
            if escalation is not None:
                self._execute(now, escalation)
