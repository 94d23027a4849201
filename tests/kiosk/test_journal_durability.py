"""An append that returned is in the journal: a writer process killed with SIGKILL at random moments.

The child appends in a loop and writes each entry's number to a pipe only after ``append``
returned. After each kill the parent reopens the journal: every acknowledged entry must be
there, at most the one entry in flight may be there unacknowledged, and the chain must verify.
(SIGKILL leaves the OS page cache intact; the power-loss half of durability is synchronous=FULL,
which test_journal.py checks on every connection.)
"""

import os
import random
import selectors
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kiosk.core import events as ev
from kiosk.device import load_or_create_device
from kiosk.journal import JournalStore

ROOT = Path(__file__).resolve().parents[2]
ATTEMPT = "att-kill"
MACHINE = "test-machine"

CHILD = textwrap.dedent(f"""
    import datetime as dt
    import sys
    from kiosk.device import load_or_create_device
    from kiosk.journal import JournalStore

    device = load_or_create_device(sys.argv[1], machine_secret=lambda: {MACHINE!r})
    journal = JournalStore(sys.argv[1], device).open_attempt({ATTEMPT!r})
    n = journal.seq
    print("ready", flush=True)
    while True:
        n += 1
        kind = "answered" if n % 3 == 0 else "guard"  # sealed and clear entries alike
        event = journal.append(kind, {{"n": n, "response": "x" * (n % 200)}})
        if n % 4 == 0:
            journal.checkpoint(float(n), dt.datetime.now(dt.UTC))
        sys.stdout.write(f"{{event.seq}}\\n")
        sys.stdout.flush()
""")


def run_and_kill(data_dir: Path, after: float) -> tuple[list[int], str]:
    """Start a writer, let it append for ``after`` seconds once ready, SIGKILL it; return the acknowledged seqs."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(data_dir)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, cwd=ROOT, env=env)
    acked: list[int] = []
    selector = selectors.DefaultSelector()
    selector.register(child.stdout, selectors.EVENT_READ)
    buffer, ready_at, deadline = b"", None, time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if ready_at is not None and time.monotonic() - ready_at >= after:
                break
            if not selector.select(timeout=0.5):
                if child.poll() is not None:
                    break
                continue
            chunk = os.read(child.stdout.fileno(), 65536)
            if not chunk:
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                if line == b"ready":
                    ready_at = time.monotonic()
                else:
                    acked.append(int(line))
    finally:
        child.send_signal(signal.SIGKILL)
        rest, stderr = child.communicate(timeout=30)
        selector.close()
    for line in (buffer + rest).split(b"\n"):
        if line.strip() and line != b"ready":
            acked.append(int(line))
    return acked, stderr.decode(errors="replace") if child.returncode != -signal.SIGKILL else ""


@pytest.mark.slow
def test_acknowledged_appends_survive_sigkill(tmp_path):
    device = load_or_create_device(tmp_path, machine_secret=lambda: MACHINE)
    with JournalStore(tmp_path, device) as store:
        store.create_attempt(ATTEMPT).append(ev.ATTEMPT_CREATED, {"attempt_id": ATTEMPT})
    rng = random.Random(20261122)
    total_acked = 0
    for _ in range(6):
        acked, errors = run_and_kill(tmp_path, after=rng.uniform(0.01, 0.4))
        assert not errors, errors
        with JournalStore(tmp_path, device) as store:
            journal = store.open_attempt(ATTEMPT)  # verifies the whole chain, or raises
            seqs = [e.seq for e in journal.events()]
        assert seqs == list(range(1, len(seqs) + 1))
        if acked:
            assert acked == list(range(acked[0], acked[-1] + 1))
            assert acked[-1] <= seqs[-1] <= acked[-1] + 1, "lost an acknowledged append, or more than one in flight"
        total_acked += len(acked)
    assert total_acked > 0, "the writer never got to append"
