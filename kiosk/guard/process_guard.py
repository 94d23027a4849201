"""The process guard's adapter: psutil snapshots and signals, fed to :class:`ProcessEnforcer`.

``scan()`` is called by the guard's timer (every ``process_interval_s``, sooner while a
terminated process has not yet gone); it never blocks waiting for a process to exit. Reverting
the measure only stops the scans: no process is started or stopped by a revert.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any

import psutil

from kiosk.guard.policy import HASH_PREFIX, GuardPolicy, ProcessPattern
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


MAX_HASHED_BYTES = 512 * 1024 * 1024


def file_digest(path: str) -> str:
    """The sha256 of a file's content ("" when it cannot be read or is too large to be a program)."""
    try:
        with open(path, "rb") as handle:
            if os.fstat(handle.fileno()).st_size > MAX_HASHED_BYTES:
                return ""
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return ""


class ExecutableDigests:
    """sha256 of executables, kept per (path, size, mtime, inode) so each file is read once."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, int, int, int], str] = {}

    def of(self, path: str) -> str:
        try:
            st = os.stat(path)
        except OSError:
            return ""
        key = (path, st.st_size, st.st_mtime_ns, st.st_ino)
        if key not in self._known:
            if len(self._known) > 4096:
                self._known.clear()
            self._known[key] = file_digest(path)
        return self._known[key]


def resolve_digests(patterns: Iterable[ProcessPattern], *, which: Callable[[str], str | None] = shutil.which,
                    digest: Callable[[str], str] = file_digest) -> tuple[ProcessPattern, ...]:
    """Hash patterns for the prohibited programs installed here, so a renamed or moved copy is
    still recognised by its content: a plain name (``firefox*``, ``anydesk``) is looked up on the
    PATH, a plain path is read as it is. A name whose file is a link to a program of another name
    (busybox and other multi-call programs) is skipped, and so is the kiosk's own interpreter."""
    own = {digest(os.path.realpath(sys.executable))}
    found: dict[str, ProcessPattern] = {}
    for pattern in patterns:
        if pattern.on_hash:
            continue
        if pattern.on_path:
            if any(c in pattern.pattern for c in "*?["):
                continue
            path: str | None = pattern.pattern
        else:
            stem = pattern.pattern.rstrip("*")
            if not stem or any(c in stem for c in "*?["):
                continue
            path = which(stem)
        if not path:
            continue
        real = os.path.realpath(path)
        if not pattern.on_path and not pattern.matches(os.path.basename(real), ""):
            continue
        value = digest(real)
        if value and value not in own and value not in found:
            found[value] = ProcessPattern(HASH_PREFIX + value, pattern.category, origin=real)
    return tuple(found.values())


class PsutilProcesses:
    """The process table and the two signals, through psutil. Programs started after
    ``hash_since`` (wall-clock seconds) have their executable's content hashed."""

    def __init__(self) -> None:
        self.hash_since: float | None = None
        self.digests = ExecutableDigests()

    def snapshot(self) -> list[ProcInfo]:
        """Every live process; zombies (dead, waiting for their parent to read their status) are left out."""
        procs = []
        for process in psutil.process_iter(["name", "exe", "create_time", "status", "uids"], ad_value=""):
            info = process.info
            if info.get("status") == psutil.STATUS_ZOMBIE:
                continue
            exe, created = info.get("exe") or "", float(info.get("create_time") or 0.0)
            since = self.hash_since
            sha256 = self.digests.of(exe) if exe and since is not None and created >= since else ""
            uids = info.get("uids")
            procs.append(ProcInfo(process.pid, info.get("name") or "", exe, created, sha256=sha256,
                                  uid=int(uids.real) if uids else None))
        return procs

    def describe(self, pid: int) -> ProcInfo | None:
        """One process, as in :meth:`snapshot` (None when it is gone or a zombie)."""
        try:
            process = psutil.Process(pid)
            with process.oneshot():
                if process.status() == psutil.STATUS_ZOMBIE:
                    return None
                created = process.create_time()
                try:
                    exe = process.exe()
                except psutil.AccessDenied:
                    exe = ""
                name, uid = process.name(), process.uids().real
        except psutil.Error:
            return None
        since = self.hash_since
        sha256 = self.digests.of(exe) if exe and since is not None and created >= since else ""
        return ProcInfo(pid, name, exe, created, sha256=sha256, uid=uid)

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
        self.resolved: tuple[ProcessPattern, ...] = ()  # hashes of the prohibited programs installed here
        self.active = False

    def set_permitted(self, extra: tuple) -> None:
        """More permitted patterns (assistive tools granted during the exam)."""
        self._extra_permitted = tuple(extra)
        if self.enforcer is not None:
            rules = self.enforcer.rules
            self.enforcer.rules = dataclasses.replace(rules, permitted=self._policy.permitted + self._extra_permitted)

    def apply(self) -> None:
        policy, started = self._policy, time.time()
        self.resolved = resolve_digests(policy.prohibited)
        if hasattr(self._processes, "hash_since"):
            self._processes.hash_since = started - 1.0
        rules = ProcessRules(policy.prohibited + self.resolved, policy.permitted + self._extra_permitted,
                             protected_pids(), allowed=policy.allowed,
                             uid=os.getuid() if hasattr(os, "getuid") else None, since=started - 1.0)
        self.enforcer = ProcessEnforcer(rules, policy.kill_after_s, policy.lock_after_s)
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

    def now(self) -> float:
        return self._clock()

    def snapshot(self) -> list[ProcInfo]:
        """The process table (safe to call from a worker thread)."""
        return self._processes.snapshot()

    def describe(self, pid: int) -> ProcInfo | None:
        """One process just seen starting (safe to call from a worker thread)."""
        describe = getattr(self._processes, "describe", None)
        return describe(pid) if describe is not None else None

    def scan(self, snapshot: list[ProcInfo] | None = None, taken_at: float | None = None) -> list[Action]:
        """Act on ``snapshot`` (taken now if not given; asked for at ``taken_at`` on this guard's
        clock); returns the actions taken."""
        if not self.active or self.enforcer is None:
            return []
        if snapshot is None:
            snapshot = self._processes.snapshot()
        now = self._clock()
        actions = self.enforcer.step(now, snapshot, taken_at)
        for action in actions:
            self._execute(now, action)
        return actions

    def scan_new(self, newcomers: list[ProcInfo]) -> list[Action]:
        """Judge processes the watcher saw starting between two scans (same rules, same escalation)."""
        if not self.active or self.enforcer is None:
            return []
        now = self._clock()
        actions = self.enforcer.step_new(now, newcomers)
        for action in actions:
            self._execute(now, action)
        return actions

    def _execute(self, now: float, action: Action) -> None:
        assert self.enforcer is not None
        if action.step in (Step.LOCK, Step.RELAUNCHED):
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
