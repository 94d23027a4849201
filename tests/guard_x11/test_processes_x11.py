"""Programs judged by what they are, with real processes: a renamed copy of a prohibited program
is recognised by its content, and one started again and again locks the workstation.

Every program prohibited here is a throwaway made by the test (a copy of ``sleep`` with random
bytes after its code, so its content is its own): nothing else on the machine can match."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess

import pytest

from tests.guard_x11.harness import _wait

pytestmark = pytest.mark.slow


def throwaway_program(folder, name):
    """A working program whose content no other file on the machine has."""
    path = folder / name
    shutil.copy(shutil.which("sleep"), path)
    with open(path, "ab") as handle:
        handle.write(os.urandom(64))  # after the ELF's sections: never loaded, but part of the content
    path.chmod(0o755)
    return path


def guard_events(kiosk, kind):
    return [e["payload"] for e in kiosk.events() if e["kind"] == "guard" and e["payload"]["type"] == kind]


def test_a_prohibited_program_copied_under_another_name_is_recognised_by_its_content(kiosk_factory, tmp_path):
    original = throwaway_program(tmp_path, "pupitre-tool")
    kiosk = kiosk_factory(policy={"processes": {"prohibited_categories": [], "prohibited": [str(original)]}})
    renamed = tmp_path / "fx"
    shutil.copy(original, renamed)  # as a candidate would copy firefox to fx
    child = subprocess.Popen([str(renamed), "600"])
    try:
        assert child.wait(timeout=15) == -signal.SIGTERM
    finally:
        if child.poll() is None:
            child.kill()
    found = kiosk.wait_for(lambda ev: guard_events(kiosk, "process-found"), what="process-found")
    assert found and guard_events(kiosk, "process-found")[0]["process"]["pid"] == child.pid
    assert guard_events(kiosk, "process-found")[0]["process"]["exe"] == str(renamed)
    assert guard_events(kiosk, "process-found")[0]["pattern"].startswith("sha256:")
    unrelated = subprocess.Popen([shutil.which("sleep"), "600"])  # the real sleep: another content
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            unrelated.wait(timeout=2.5)  # bounded: two scans go by and it is left alone
    finally:
        unrelated.kill()
        unrelated.wait()


def test_a_prohibited_program_started_again_and_again_locks_the_workstation(kiosk_factory, tmp_path):
    program = throwaway_program(tmp_path, "pupitre-loop")
    kiosk = kiosk_factory(policy={"processes": {"prohibited_categories": [], "prohibited": [str(program)]}})
    pids = []
    for _ in range(3):
        child = subprocess.Popen([str(program), "600"])
        pids.append(child.pid)
        try:
            assert child.wait(timeout=15) in (-signal.SIGTERM, -signal.SIGKILL)
        finally:
            if child.poll() is None:
                child.kill()
    _wait(lambda: kiosk.command("state")["state"] == "locked", 10, "the lock")
    relaunched = guard_events(kiosk, "process-relaunched")
    assert len(relaunched) == 1 and relaunched[0]["times"] == 3 and relaunched[0]["process"]["pid"] == pids[-1]
    assert guard_events(kiosk, "lock-requested")[-1]["reason"] == "prohibited-process"
    assert json.dumps(relaunched)
