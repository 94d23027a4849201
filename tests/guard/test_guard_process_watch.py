"""The watcher for short-lived processes: new pids of the candidate's account, described once,
judged by the process guard's own rules, and a full scan taken before them never ends their case."""

import os
import subprocess
import sys
import time

import psutil

from kiosk.guard.policy import GuardPolicy
from kiosk.guard.process_guard import ProcessGuard, PsutilProcesses
from kiosk.guard.process_watch import NewProcesses, ProcessWatch
from kiosk.guard.processes import ProcInfo
from tests.guard.fakes import FakeProcesses

ZOOM = ProcInfo(5001, "zoom", "/opt/zoom/zoom", 10.0)
POLICY = GuardPolicy(kill_after_s=0.5, lock_after_s=0.5)


class Listing:
    def __init__(self, *pids):
        self.pids = set(pids)

    def __call__(self, root):
        return set(self.pids)


def make(procs, clock):
    journal, locks = [], []
    table = FakeProcesses(procs)
    guard = ProcessGuard(POLICY, lambda kind, payload: journal.append((kind, payload)),
                         lambda reason, payload: locks.append((reason, payload)), processes=table, clock=clock)
    return guard, table, journal, locks


def test_the_first_listing_is_a_baseline_then_only_new_pids_are_reported():
    listing = Listing(1, 2, 3)
    new = NewProcesses(None, lister=listing)
    assert new.poll() == []
    listing.pids = {1, 3, 7, 5}
    assert new.poll() == [5, 7]
    assert new.poll() == []


def test_only_the_given_accounts_processes_are_reported(tmp_path):
    for pid in (10, 11):
        (tmp_path / str(pid)).mkdir()
    listing = Listing()
    new = NewProcesses(os.getuid() + 1, root=str(tmp_path), lister=listing)
    new.poll()
    listing.pids = {10, 11, 12}  # 12: already gone (no folder)
    assert new.poll() == []
    mine = NewProcesses(os.getuid(), root=str(tmp_path), lister=listing)
    listing.pids = set()
    mine.poll()
    listing.pids = {10, 11, 12}
    assert mine.poll() == [10, 11]


def test_a_real_child_started_after_the_baseline_is_described_with_its_hash():
    described = PsutilProcesses()
    described.hash_since = time.time() - 5
    watch = ProcessWatch(described.describe, os.getuid())
    watch.poll_once()
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        deadline = time.monotonic() + 10
        found = []
        while not found and time.monotonic() < deadline:
            watch.poll_once()
            found = [p for p in watch.take() if p.pid == child.pid]
        assert found and found[0].exe == psutil.Process(child.pid).exe()
        assert len(found[0].sha256) == 64 and found[0].uid == os.getuid()
    finally:
        child.kill()
        child.wait()
    assert described.describe(child.pid) is None  # reaped: gone


def test_a_newcomer_is_judged_by_the_guards_rules_and_ended():
    now = [0.0]
    guard, table, journal, _locks = make([], lambda: now[0])
    guard.apply()
    table.procs = [ZOOM]
    guard.scan_new([ZOOM, ProcInfo(5002, "bash", "/usr/bin/bash", 10.0)])
    assert [k for k, _ in journal] == ["process-found", "process-terminate"]
    assert table.signals == [("terminate", 5001)]
    guard.scan_new([ZOOM])  # seen again before the next scan: one case, one signal
    assert table.signals == [("terminate", 5001)]


def test_a_scan_asked_for_before_the_newcomer_was_found_does_not_close_its_case():
    now = [0.0]
    guard, table, journal, locks = make([], lambda: now[0])
    guard.apply()
    table.ignore_term.add(5001)
    table.procs = [ZOOM]
    now[0] = 1.0
    guard.scan_new([ZOOM])
    now[0] = 1.1
    guard.scan([], taken_at=0.9)  # the snapshot was taken before the program started
    assert "process-ended" not in [k for k, _ in journal]
    now[0] = 1.6
    guard.scan()  # still running after kill_after: killed, counted once
    assert [k for k, _ in journal] == ["process-found", "process-terminate", "process-kill"]
    now[0] = 2.0
    guard.scan()
    assert [k for k, _ in journal][-1] == "process-ended" and locks == []


def test_scan_new_does_nothing_once_reverted():
    now = [0.0]
    guard, _table, journal, _locks = make([], lambda: now[0])
    guard.apply()
    guard.revert()
    assert guard.scan_new([ZOOM]) == [] and journal == []


def test_a_young_process_that_execs_another_program_is_described_again(tmp_path):
    (tmp_path / "40").mkdir()
    os.symlink("/usr/bin/python3", tmp_path / "40" / "exe")
    listing = Listing()
    seen = []
    watch = ProcessWatch(lambda pid: seen.append(pid) or ProcInfo(pid, "x", os.readlink(tmp_path / str(pid) / "exe")),
                         None, root=str(tmp_path))
    watch._new._lister = listing
    watch.poll_once(now=0.0)
    listing.pids = {40}
    assert watch.poll_once(now=0.05) == 1
    assert watch.poll_once(now=0.1) == 0  # the same program: not described again
    os.remove(tmp_path / "40" / "exe")
    os.symlink("/tmp/snap", tmp_path / "40" / "exe")  # it exec'd a capture program
    assert watch.poll_once(now=0.15) == 1
    assert [p.exe for p in watch.take()] == ["/usr/bin/python3", "/tmp/snap"]
    os.remove(tmp_path / "40" / "exe")
    os.symlink("/tmp/other", tmp_path / "40" / "exe")
    assert watch.poll_once(now=5.0) == 0  # no longer young: the full scan follows it
    assert seen == [40, 40]


def test_a_program_started_right_after_the_watch_starts_is_a_newcomer():
    seen = []
    watch = ProcessWatch(lambda pid: seen.append(pid), os.getuid(), interval_s=0.05)
    watch.start()
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        deadline = time.monotonic() + 10
        while child.pid not in seen and time.monotonic() < deadline:
            time.sleep(0.02)
        assert child.pid in seen
    finally:
        watch.stop()
        child.kill()
        child.wait()
