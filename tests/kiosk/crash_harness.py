"""Crash resume, end to end: the real kiosk killed with SIGKILL at random moments, and restarted.

A *chain* is one kiosk data directory living through many lives. Each life is a fresh process
(``tests/kiosk/crash_child.py``: the real practice kiosk with a robot candidate) killed at a
moment drawn at random (seeded): at a random time, or just after a chosen screen or click, so
that kills land in every phase (start-up, check-in, instructions, focus warning, a question on
screen, an answer being written, inside a journal write, the end and the submission, the
results, the resume screen). After each kill, the next start is checked against what the
journal calls for (``crash_checks.py``); a start killed before it got there is checked by the
one after.

The time from a restart to the question on screen is measured by the child: from the parent's
clock just before it spawns the process to the paint of the "Resume" button, plus from the
robot's click on it to the paint of the question (or of the focus warning before it); the
robot's own pause on the resume screen is left out.
"""

from __future__ import annotations

import functools
import os
import random
import selectors
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: the chains' starts may overlap
    fcntl = None

from tests.kiosk.crash_checks import CLOCK_SLACK_S, Chain, Expectation, KillRecord, Life, check_compensation, judge

ROOT = Path(__file__).resolve().parents[2]
CHILD = "tests.kiosk.crash_child"
RESTART_TARGET_S = 3.0
VERDICT_WITHIN_S = 8.0  # a start that has not reached its screen by then is stuck
FINAL_DEADLINE_S = 20.0
SPAWN_DEADLINE_S = 30.0  # a kiosk that never reports it is up is killed all the same
LENGTH = 12  # the demo bank's practice-short profile


@dataclass(frozen=True)
class BankFiles:
    path: Path
    passphrase_file: Path
    trust: Path


def prepare_bank(folder: Path) -> BankFiles:
    """The demo practice bank (built once), its passphrase in a file, the publisher's public key."""
    from itembank.demo import DEMO_KEYS
    from kiosk.app import demo_bank

    path, passphrase, _trusted = demo_bank(folder)
    secret = folder / "passphrase.txt"
    secret.write_text(passphrase, encoding="utf-8")
    return BankFiles(path, secret, DEMO_KEYS / "demo-publisher.pub")


# -- the kill plan ------------------------------------------------------------------------------
@dataclass(frozen=True)
class KillPlan:
    """Kill ``delay`` s after the ``nth`` line matching ``pattern``, or ``deadline`` s after the
    kiosk reported that it is up (``START``), whichever comes first; with no pattern, ``deadline``
    s after the process was spawned (a kill during the start-up)."""

    aim: str
    pattern: tuple[str, ...] | None
    nth: int
    delay: float
    deadline: float

    def matches(self, fields: list[str]) -> bool:
        if self.pattern is None:
            return False
        kind, *alternatives = self.pattern
        if fields[0] != kind:
            return False
        if kind == "CLICK" and self.aim == "end and submit":  # the last question's validation
            return fields[1] in alternatives and fields[3] == str(LENGTH)
        return not alternatives or fields[1] in alternatives


def draw_plan(rng: random.Random) -> KillPlan:
    deadline = rng.uniform(0.3, 4.0)
    aims = [  # (weight, aim, pattern, nth, delay)
        (8, "start-up", None, 0, rng.uniform(0.05, 1.8)),
        (10, "resume screen", ("SCREEN", "awaiting-authorisation"), 1, rng.uniform(0.0, 0.3)),
        (7, "check-in", ("SCREEN", "check-in"), 1, rng.uniform(0.0, 0.5)),
        (5, "instructions", ("SCREEN", "instructions"), 1, rng.uniform(0.0, 0.2)),
        (10, "focus warning", ("WARNING",), rng.randint(1, 2), rng.uniform(0.0, 0.15)),
        (17, "question on screen", ("SHOWN",), rng.randint(1, 4), rng.uniform(0.0, 0.2)),
        (20, "answer being written", ("CLICK", "validate", "confirm-skip"), rng.randint(1, 4),
         rng.uniform(0.0, 0.012)),
        (12, "end and submit", ("CLICK", "validate", "confirm-skip"), 1, rng.uniform(0.0, 0.3)),
        (6, "results", ("DONE",), 1, rng.uniform(0.0, 0.15)),
        (10, "inside a journal write", ("WRITE", "begin"), rng.randint(1, 8), rng.uniform(0.0, 0.002)),
    ]
    _weight, aim, pattern, nth, delay = rng.choices(aims, weights=[a[0] for a in aims])[0]
    if pattern is None:
        deadline = delay
    return KillPlan(aim, pattern, nth, delay, deadline)


FINAL_PLAN = KillPlan("after the check", ("-",), 0, 0.0, FINAL_DEADLINE_S)  # killed once checked (``done``)


# -- one life -----------------------------------------------------------------------------------
class StartLock:
    """One kiosk start at a time across the chains run side by side: a kiosk PC starts one kiosk,
    so a restart is timed without another kiosk's start competing for the same cores. The lock
    is held from the spawn until the start has reached its screen (or was killed); the chains'
    robots still play side by side."""

    def __init__(self, path: Path | None):
        self._handle = open(path, "a") if path is not None and fcntl is not None else None  # noqa: SIM115
        self.held = False

    def acquire(self) -> None:
        if self._handle is not None and not self.held:
            fcntl.flock(self._handle, fcntl.LOCK_EX)
            self.held = True

    def release(self) -> None:
        if self._handle is not None and self.held:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self.held = False


def run_life(data_dir: Path, bank: BankFiles, seed: int, plan: KillPlan, done=None, up=None,
             lock: StartLock | None = None, think_ms: tuple[float, float] = (10.0, 200.0)) -> Life:
    """Start the kiosk and kill it as ``plan`` says (or when ``done(lines)`` first holds, plus 50 ms);
    ``lock`` is held until ``up(lines)`` holds (the start reached its screen)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
           "QT_QPA_PLATFORM": "offscreen"}
    lock = lock or StartLock(None)
    lock.acquire()
    with tempfile.TemporaryFile() as errors:
        t0 = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "-m", CHILD, "--data-dir", str(data_dir), "--bank", str(bank.path),
             "--passphrase-file", str(bank.passphrase_file), "--trust", str(bank.trust), "--seed", str(seed),
             "--t0", repr(t0), "--think-ms", str(think_ms[0]), str(think_ms[1])],
            stdout=subprocess.PIPE, stderr=errors, cwd=ROOT, env=env)
        lines: list[list[str]] = []
        buffer = b""
        kill_at = t0 + (plan.deadline if plan.pattern is None else SPAWN_DEADLINE_S)
        seen = 0
        selector = selectors.DefaultSelector()
        selector.register(child.stdout, selectors.EVENT_READ)
        t_kill = None
        try:
            while True:
                now = time.monotonic()
                if now >= kill_at:
                    t_kill = time.monotonic()
                    child.send_signal(signal.SIGKILL)
                    break
                if not selector.select(timeout=min(0.05, max(0.0, kill_at - now))):
                    if child.poll() is not None:
                        break
                    continue
                chunk = os.read(child.stdout.fileno(), 65536)
                if not chunk:
                    child.wait(timeout=10)
                    break
                buffer += chunk
                *complete, buffer = buffer.split(b"\n")
                for raw in complete:
                    fields = raw.decode("utf-8", "replace").split()
                    if not fields:
                        continue
                    lines.append(fields)
                    if fields[0] == "START" and plan.pattern is not None:
                        kill_at = min(kill_at, time.monotonic() + plan.deadline)
                    if plan.matches(fields):
                        seen += 1
                        if seen == plan.nth:
                            kill_at = min(kill_at, time.monotonic() + plan.delay)
                    if done is not None and done(lines):
                        kill_at = min(kill_at, time.monotonic() + 0.05)
                    if lock.held and up is not None and up(lines):
                        lock.release()
        finally:
            if child.poll() is None:
                child.send_signal(signal.SIGKILL)
            lock.release()
            rest, _ = child.communicate(timeout=30)
            selector.close()
        for raw in (buffer + (rest or b"")).split(b"\n"):  # written before the kill, read after it
            fields = raw.decode("utf-8", "replace").split()
            if fields:
                lines.append(fields)
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    returncode = None if child.returncode == -signal.SIGKILL and t_kill is not None else child.returncode
    return Life(t0, lines, t_kill, returncode, stderr)


def phase_at_kill(lines: list[list[str]]) -> str:
    """Where the kiosk was when it died, from the last thing it reported."""
    for fields in reversed(lines):
        kind = fields[0]
        if kind in ("START", "TREATED", "CLOCK", "ERROR") or fields[:2] == ["WRITE", "end"]:
            continue
        if kind == "WRITE":
            return "inside a journal write"
        what = fields[1] if len(fields) > 1 else ""
        if kind == "SCREEN":
            return {"check-in": "check-in", "instructions": "instructions", "focus-warning": "focus warning",
                    "question": "question on screen", "awaiting-authorisation": "resume screen",
                    "submitted": "results"}.get(what, what)
        if kind == "SHOWN":
            return "question on screen"
        if kind == "RESUMED":
            return {"question": "question on screen", "focus-warning": "focus warning"}.get(fields[2], fields[2])
        if kind == "WARNING":
            return "focus warning"
        if kind == "ACK":
            return "end and submit" if fields[2] == str(LENGTH) else "question on screen"
        if kind == "CLICK":
            if what in ("validate", "confirm-skip"):
                return "end and submit" if fields[3] == str(LENGTH) else "answer being written"
            return {"check-in": "check-in", "start": "instructions", "acknowledge": "focus warning",
                    "resume": "resume screen", "new-attempt": "results"}.get(what, what)
        if kind == "DONE":
            return "results"
    return "start-up"


@dataclass
class ChainResult:
    kills: list[KillRecord]
    failures: list[str]  # found outside any one kill (the final check)
    acked: int  # answers acknowledged by the kiosk across the chain
    lost: int  # acknowledged answers missing from the journal (or changed)
    in_flight: int  # answers in the journal never acknowledged (cut off by a kill)
    bundles: int  # submitted attempts whose bundle was verified
    lives: int
    seconds: float


def look(chain: Chain, everything: bool = False) -> tuple[Expectation, list[str]]:
    """The chain's inspection; a data directory the checks cannot read is a failure, not the end of the run."""
    try:
        return chain.inspect(everything=everything)
    except Exception as exc:
        return Expectation("new"), [f"cannot read the kiosk's data directory: {exc.__class__.__name__}: {exc}"]


def run_chain(data_dir: str, bank: BankFiles, kills: int, seed: int, lock_path: str | None = None) -> ChainResult:
    """``kills`` lives killed at random, then one more start to check the last kill."""
    began = time.monotonic()
    lock = StartLock(Path(lock_path) if lock_path else None)
    chain = Chain(Path(data_dir))
    rng = random.Random(seed)
    records: list[KillRecord] = []
    pending: list[KillRecord] = []  # kills whose restart has not yet reached its screen
    general: list[str] = []
    lives = 0
    expected, found = look(chain)
    general += found
    while True:
        final = len(records) >= kills
        plan = FINAL_PLAN if final else draw_plan(rng)
        reached_screen = functools.partial(Chain.verdict_reached, expected)
        life = run_life(chain.data_dir, bank, rng.randrange(2**31), plan, done=reached_screen if final else None,
                        up=reached_screen, lock=lock)
        lives += 1
        reached, failures, measures = judge(expected, life)
        lasted = (life.t_kill or time.monotonic()) - life.t0
        if pending and not reached and (final or lasted >= VERDICT_WITHIN_S):
            failures.append(f"the start after the kill did not reach the {expected.kind} screen within {lasted:.1f} s")
            reached = True
        for record in pending:
            record.failures += failures
        if not pending:
            general += failures
        verified_now: list[KillRecord] = []
        if reached and pending:
            verified_now = pending
            for record in pending:
                record.verified = True
                if expected.kind == "test" and "restart_s" in measures:
                    if record is pending[-1]:
                        record.restart_s = measures["restart_s"]
                        record.to_resume_screen_s = measures["to_resume_screen_s"]
                        record.after_click_s = measures["after_click_s"]
                    if record.remaining_at_kill is not None:
                        record.time_error_s = measures["restored_remaining"] - record.remaining_at_kill
            pending = []
        taken_up = expected.attempt if expected.kind in ("test", "instructions") else None
        chain.learn(life)
        expected, found = look(chain, everything=final)
        if verified_now and taken_up is not None:
            check_compensation(verified_now, life, chain.recoveries.get(taken_up, []))
        if final:
            general += found
            break
        record = KillRecord(len(records), phase_at_kill(life.lines), plan.aim, expected=expected.kind,
                            t_kill=life.t_kill or time.monotonic())
        if expected.kind in ("test", "instructions"):  # the attempt the next start must take up
            record.remaining_at_kill = chain.remaining_at(expected.attempt, life.t_kill or time.monotonic())
            record.attempt = expected.attempt
            record.recoveries_before = len(chain.recoveries.get(expected.attempt, []))
        for earlier in pending:
            earlier.failures += found
        record.failures += found
        records.append(record)
        pending.append(record)
    return ChainResult(records, general, chain.acked_total, chain.lost, chain.in_flight,
                       len(chain.bundles_checked), lives, time.monotonic() - began)


def run_kills(bank: BankFiles, folder: Path, kills: int, workers: int = 2, seed: int = 2026) -> list[ChainResult]:
    """``kills`` kills over ``workers`` chains run side by side (one process each, one kiosk start at a time)."""
    shares = [kills // workers + (1 if i < kills % workers else 0) for i in range(workers)]
    dirs = [str(folder / f"kiosk-{i}") for i in range(workers)]
    if workers == 1:
        return [run_chain(dirs[0], bank, shares[0], seed)]
    lock = str(folder / "start.lock")
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(run_chain, d, bank, n, seed + i, lock)
                   for i, (d, n) in enumerate(zip(dirs, shares, strict=True))]
        return [f.result() for f in futures]


# -- the figures ------------------------------------------------------------------------------------
@dataclass
class Summary:
    kills: int
    right: int  # kills after which the next start did what the journal called for
    resumed_in_test: int
    restart_s: list[float]
    time_errors: list[float]
    compensation_excess: list[float]  # recorded downtime − outage, for kills the next start resumed
    outages_not_recorded: int  # earlier kills of a double interruption missing from the recorded downtime
    acked: int
    lost: int
    in_flight: int
    bundles: int
    phases: Counter
    expectations: Counter
    failures: list[str]
    seconds: float


def summarise(results: list[ChainResult]) -> Summary:
    kills = [k for r in results for k in r.kills]
    failures = [f for r in results for f in r.failures]
    failures += [f"kill {k.index} ({k.phase}): {f}" for k in kills for f in k.failures]
    failures += [f"kill {k.index} ({k.phase}): never checked" for k in kills if not k.verified]
    return Summary(
        kills=len(kills), right=sum(k.ok for k in kills),
        resumed_in_test=sum(k.expected == "test" for k in kills),
        restart_s=[k.restart_s for k in kills if k.restart_s is not None],
        time_errors=[k.time_error_s for k in kills if k.time_error_s is not None],
        compensation_excess=[k.compensation_s - k.outage_s for k in kills
                             if k.resumed_next and k.compensation_s is not None and k.outage_s is not None],
        outages_not_recorded=sum(1 for k in kills if not k.resumed_next and k.compensation_s is not None
                                 and k.outage_s is not None and k.compensation_s < k.outage_s - CLOCK_SLACK_S),
        acked=sum(r.acked for r in results), lost=sum(r.lost for r in results),
        in_flight=sum(r.in_flight for r in results), bundles=sum(r.bundles for r in results),
        phases=Counter(k.phase for k in kills), expectations=Counter(k.expected for k in kills),
        failures=failures, seconds=max((r.seconds for r in results), default=0.0))


def quantile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]
