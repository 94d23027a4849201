"""The process guard's adapter: escalation through a fake table, and psutil on real processes."""

import os
import subprocess
import sys

import psutil
import pytest

from kiosk.guard.policy import GuardPolicy
from kiosk.guard.process_guard import ProcessGuard, PsutilProcesses, protected_pids
from kiosk.guard.processes import ProcInfo
from tests.guard.fakes import FakeProcesses

ZOOM = ProcInfo(5001, "zoom", "/opt/zoom/zoom", 10.0)
POLICY = GuardPolicy(kill_after_s=0.5, lock_after_s=0.5)


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def make(procs, clock=None):
    journal, locks = [], []
    table = FakeProcesses(procs)
    guard = ProcessGuard(POLICY, lambda kind, payload: journal.append((kind, payload)),
                         lambda reason, payload: locks.append((reason, payload)), processes=table,
                         clock=clock or Clock())
    return guard, table, journal, locks


def kinds(journal):
    return [kind for kind, _ in journal]


def test_a_prohibited_process_is_terminated_at_once_and_its_end_journalled():
    clock = Clock()
    guard, table, journal, locks = make([ZOOM], clock)
    guard.apply()
    assert table.signals == [("terminate", 5001)] and kinds(journal) == ["process-found", "process-terminate"]
    clock.now = 1.0
    guard.scan()
    assert kinds(journal)[-1] == "process-ended" and locks == []


def test_terminate_kill_lock():
    clock = Clock()
    guard, table, journal, locks = make([ZOOM], clock)
    table.ignore_term.add(5001)
    table.unkillable.add(5001)
    guard.apply()
    assert guard.next_delay() == pytest.approx(0.5)
    clock.now = 0.5
    guard.scan()
    assert table.signals[-1] == ("kill", 5001)
    clock.now = 1.0
    guard.scan()
    assert locks == [("prohibited-process", {"process": ZOOM.to_dict(), "category": "chat-and-meetings",
                                             "pattern": "zoom", "reason": "survived a kill"})]
    assert kinds(journal) == ["process-found", "process-terminate", "process-kill", "process-survived"]


def test_access_denied_is_journalled_and_locks():
    guard, table, journal, locks = make([ZOOM])
    table.denied.add(5001)
    guard.apply()
    assert kinds(journal) == ["process-found", "process-terminate", "process-failed", "process-survived"]
    assert journal[2][1]["reason"].startswith("access denied") and locks[0][0] == "prohibited-process"


def test_revert_stops_scanning_and_touches_no_process():
    guard, table, journal, _ = make([])
    guard.apply()
    guard.revert()
    table.procs.append(ZOOM)
    assert guard.scan() == [] and table.signals == [] and journal == []


def test_assistive_tools_granted_later_are_permitted():
    reader = ProcInfo(5002, "cheat-reader", "/usr/bin/cheat-reader", 1.0)
    policy = GuardPolicy.from_dict({"processes": {"prohibited_categories": [], "prohibited": ["cheat-*"]}})
    table = FakeProcesses([])
    guard = ProcessGuard(policy, lambda *a: None, lambda *a: None, processes=table)
    guard.apply()
    from kiosk.guard.policy import ProcessPattern

    guard.set_permitted((ProcessPattern("cheat-reader", "assistive"),))
    table.procs.append(reader)
    assert guard.scan() == []


def test_the_kiosk_and_its_parents_are_protected():
    pids = protected_pids()
    assert os.getpid() in pids and os.getppid() in pids


def test_psutil_snapshot_sees_this_process():
    snapshot = PsutilProcesses().snapshot()
    me = next(p for p in snapshot if p.pid == os.getpid())
    assert me.exe and me.create_time == pytest.approx(psutil.Process().create_time())


def test_psutil_terminates_a_real_child_and_spares_a_reused_pid():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        info = next(p for p in PsutilProcesses().snapshot() if p.pid == child.pid)
        stale = ProcInfo(info.pid, info.name, info.exe, info.create_time - 100)
        PsutilProcesses().terminate(stale)  # another process's pid: left alone
        assert child.poll() is None
        PsutilProcesses().terminate(info)
        assert child.wait(timeout=10) < 0
        PsutilProcesses().kill(info)  # already gone: no error
    finally:
        if child.poll() is None:
            child.kill()
