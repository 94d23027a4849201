"""A screen capture from another process (``import -window root``) while a focus question is on
screen in exam mode: it runs for about 0.15 s, between two scans of the process table, so the
guard's watcher for new processes must see it. Target: journalled within 0.5 s of its start.

X11 lets any client read the root window: the capture is detected, journalled and ended if it is
still running, not prevented; whether its file got written is recorded, not asserted.

The only program prohibited here is a throwaway copy of ImageMagick's ``import`` with random bytes
after its code (its content is its own), run under another name: nothing else can match."""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest

from tests.guard_x11.harness import _wait

pytestmark = pytest.mark.slow

TARGET_S = 0.5


def throwaway_import(folder, name):
    source = shutil.which("import")
    if source is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the capture test but ImageMagick's import is missing (see .ci/run)")
        pytest.skip("the capture test needs ImageMagick's import (apt-get install imagemagick)")
    path = folder / name
    shutil.copy(os.path.realpath(source), path)
    with open(path, "ab") as handle:
        handle.write(os.urandom(64))  # after the ELF's sections: never loaded, but part of the content
    path.chmod(0o755)
    return path


def found_for(kiosk, pid):
    return [e for e in kiosk.events() if e["kind"] == "guard" and e["payload"]["type"] == "process-found"
            and e["payload"]["process"]["pid"] == pid]


def test_a_screen_capture_from_another_process_is_journalled_within_its_target(xs, kiosk_factory, tmp_path):
    original = throwaway_import(tmp_path, "pupitre-capture")
    kiosk = kiosk_factory(policy={"processes": {"prohibited_categories": [], "prohibited": [str(original)]}})
    kiosk.focus(xs)
    assert kiosk.command("state")["state"] != "locked"
    snap = tmp_path / "snap"
    shutil.copy(original, snap)  # renamed: recognised by its content
    written = []
    for attempt in range(3):
        out = tmp_path / f"out{attempt}.png"
        started = time.monotonic()
        child = subprocess.Popen([str(snap), "-window", "root", str(out)], env=xs.env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            child.wait(timeout=20)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        event = kiosk.wait_for(lambda ev, pid=child.pid: found_for(kiosk, pid), timeout=10,
                               what=f"the capture {attempt + 1} journalled")[0]
        assert event["payload"]["process"]["exe"] == str(snap)
        assert event["payload"]["pattern"].startswith("sha256:")
        assert event["t_mono"] - started <= TARGET_S, f"journalled {event['t_mono'] - started:.3f} s after its start"
        _wait(lambda pid=child.pid: [e for e in kiosk.events() if e["kind"] == "guard"
                                     and e["payload"]["type"] == "process-ended"
                                     and e["payload"]["process"]["pid"] == pid], 10, "the capture's end journalled")
        written.append(out.exists() and out.stat().st_size > 0)
    # the same capture three times within a minute: the invigilator is called
    _wait(lambda: kiosk.command("state")["state"] == "locked", 10, "the lock")
    assert [e for e in kiosk.events() if e["kind"] == "guard" and e["payload"]["type"] == "process-relaunched"]
    print(f"capture files written despite detection: {sum(written)} of {len(written)}")
