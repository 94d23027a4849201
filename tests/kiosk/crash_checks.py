"""Crash resume: what the journal says the next start must do, and whether it did it.

Used by ``crash_harness.py`` (which runs and kills the kiosks). The parent reads the journal
(``JournalStore``) before each restart and derives the expectation; the child's report says what
the start did:

- an attempt in the test (checked in, started, not finished): restored, the candidate is asked
  to resume, and the test comes back at question ``answers + 1`` with the item that was on screen
  (or announced by the focus warning) for that number; the treated questions the kiosk holds are
  the journal's; the remaining time is the one at the kill, within ``TIME_TOLERANCE_S``;
- an attempt checked in but not started: restored, back to the instructions;
- an attempt finished but not submitted: its bundle is written, its results shown, no question;
- nothing unfinished: a new attempt at the check-in.

Every answer the child acknowledged (an ``ACK`` line, printed only after ``session.answer()``
returned, so after the journal's commit) must be in the journal, with the same item and outcome;
at most one answer per kill may be there unacknowledged (the one whose acknowledgement the kill
cut off). Every submitted attempt has a valid signed bundle in the practice folder whose questions are
the journal's answers. A resume records how long the kiosk was down (the ``recovered`` event's
``downtime_s``): at least the time from the kill to the candidate's click on "Resume".
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

TIME_TOLERANCE_S = 2.0
CLOCK_SLACK_S = 0.1  # wall and monotonic clocks, and the moment of the click, read in different processes

Answer = tuple[int, str, str]  # number, item id, outcome


# -- one life, as the parent saw it -----------------------------------------------------------------
@dataclass
class Life:
    t0: float
    lines: list[list[str]]
    t_kill: float | None
    returncode: int | None
    stderr: str


# -- what the journal says the next start must do -------------------------------------------------
@dataclass
class Expectation:
    kind: str  # "new", "test", "instructions", "submit"
    attempt: str | None = None
    number: int | None = None
    item: str | None = None  # the item shown (or announced) for that number, when the journal has it
    answers: list[Answer] = field(default_factory=list)
    known: frozenset[str] = frozenset()


@dataclass
class KillRecord:
    index: int
    phase: str
    aim: str
    expected: str = ""
    verified: bool = False
    failures: list[str] = field(default_factory=list)
    restart_s: float | None = None  # process start → question painted, without the robot's pause
    to_resume_screen_s: float | None = None
    after_click_s: float | None = None
    time_error_s: float | None = None  # remaining after the resume − remaining at the kill
    remaining_at_kill: float | None = None
    t_kill: float = 0.0
    outage_s: float | None = None  # from the kill to the candidate's click on "Resume"
    compensation_s: float | None = None  # the downtime the resumes after this kill recorded in the journal
    attempt: str | None = None  # the attempt the next start must take up
    recoveries_before: int = 0  # its 'recovered' events already in the journal at the kill
    resumed_next: bool = False  # the very next start took the attempt up (no second kill before)

    @property
    def ok(self) -> bool:
        return self.verified and not self.failures


def _answers(events) -> list[Answer]:
    return [(int(e.payload["number"]), e.payload["item_id"], e.payload["outcome"]) for e in events
            if e.kind == "answered"]


class Chain:
    """One data directory, many lives; what must survive, and the checks."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.acked: dict[str, list[Answer]] = {}  # per attempt: the answers known to be durable
        self.clock: dict[str, tuple[float, float, bool]] = {}  # attempt → (t, remaining, running)
        self.shown: dict[str, tuple[int, str]] = {}  # attempt → last (number, item) painted or announced
        self.receipts: dict[str, str] = {}
        self.bundles_checked: set[str] = set()
        self.acked_total = self.lost = self.in_flight = 0
        self.touched: set[str] = set()  # attempts the kiosk reported on since the last inspection
        self.recoveries: dict[str, list[float]] = {}  # attempt → downtime_s of each 'recovered' event
        self.device = None

    # -- reading the data directory -------------------------------------------------------------
    def _store(self):
        from kiosk.device import DEVICE_DIR, KEY_FILE, load_or_create_device
        from kiosk.journal import JournalStore

        if not (self.data_dir / DEVICE_DIR / KEY_FILE).exists() or not (self.data_dir / "journal.sqlite").exists():
            return None
        if self.device is None:
            self.device = load_or_create_device(self.data_dir)
        return JournalStore(self.data_dir, self.device)

    def inspect(self, everything: bool = False) -> tuple[Expectation, list[str]]:
        """What the next start must do, and any answer lost or bundle wrong so far (in the attempts
        the last life touched, or in all of them)."""
        failures: list[str] = []
        store = self._store()
        if store is None:
            return Expectation("new"), failures
        with store:
            records = store.attempts()
            known = frozenset(r.attempt_id for r in records)
            for record in store.quarantined():
                failures.append(f"attempt {record.attempt_id} was quarantined: {record.quarantine_reason}")
            journals: dict[str, list] = {}
            for record in records:  # the attempts that may have changed since the last look
                if record.quarantined_at is None and record.checked_in_at is not None and (
                        everything or record.attempt_id in self.touched or record.submitted_at is None
                        or record.attempt_id not in self.bundles_checked):
                    journals[record.attempt_id] = store.open_attempt(record.attempt_id).events()
            self.touched = set()
            for attempt, events in journals.items():
                failures += self._check_answers(attempt, _answers(events))
                self.recoveries[attempt] = [float(e.payload["downtime_s"]) for e in events if e.kind == "recovered"]
            for record in records:
                if record.submitted_at is not None and record.attempt_id not in self.bundles_checked:
                    failures += self._check_bundle(record.attempt_id, journals.get(record.attempt_id))
            unfinished = store.unfinished_attempts()
            if not unfinished:
                return Expectation("new", known=known), failures
            attempt = unfinished[-1].attempt_id
            events = journals[attempt]
        kinds = [e.kind for e in events]
        answers = _answers(events)
        if "finished" in kinds:
            return Expectation("submit", attempt, answers=answers, known=known), failures
        if "test-started" not in kinds:
            return Expectation("instructions", attempt, answers=answers, known=known), failures
        number = len(answers) + 1
        item = next((e.payload["item_id"] for e in reversed(events)
                     if e.kind in ("question-shown", "focus-warning-shown") and e.payload.get("number") == number),
                    None)
        shown = self.shown.get(attempt)
        if shown is not None and shown[0] == number and item is not None and shown[1] != item:
            failures.append(f"attempt {attempt}: question {number} was {shown[1]} on screen, the journal says {item}")
        return Expectation("test", attempt, number, item, answers, known), failures

    def _check_answers(self, attempt: str, journal: list[Answer]) -> list[str]:
        """The acknowledged answers are a prefix of the journal's; at most one more is there."""
        acked = self.acked.get(attempt, [])
        missing = [a for i, a in enumerate(acked) if i >= len(journal) or journal[i] != a]
        failures = []
        if missing:
            self.lost += len(missing)
            failures.append(f"attempt {attempt}: acknowledged answers missing or changed in the journal: {missing}")
        extra = len(journal) - len(acked)
        if extra > 1:
            failures.append(f"attempt {attempt}: {extra} answers in the journal were never acknowledged (at most one "
                            "per kill may be)")
        if not missing and extra > 0:
            self.in_flight += extra
        self.acked[attempt] = list(journal)
        return failures

    def _check_bundle(self, attempt: str, events) -> list[str]:
        from protocol.bundle import ResultBundle, bundle_id, read_bundle, receipt_code, verify_bundle

        path = self.data_dir / "practice" / f"{attempt}.pbundle"
        if not path.exists():
            return [f"attempt {attempt} is marked submitted but {path.name} is not in the practice folder"]
        data = path.read_bytes()
        envelope = read_bundle(data, str(path))
        verification = verify_bundle(envelope, [self.device.public])
        failures = [] if verification.ok else [f"bundle of {attempt}: {'; '.join(verification.reasons)}"]
        stated = [(q["number"], q["item_id"], q["outcome"]) for q in ResultBundle.from_dict(envelope.signed).questions]
        if events is not None and stated != _answers(events):
            failures.append(f"bundle of {attempt}: its questions are not the journal's answers")
        code = self.receipts.get(attempt)
        if code is not None and code != receipt_code(bundle_id(data)):
            failures.append(f"bundle of {attempt}: the receipt shown ({code}) is not the bundle's")
        self.bundles_checked.add(attempt)
        return failures

    # -- reading a life -------------------------------------------------------------------------
    def learn(self, life: Life) -> None:
        """Take in what the kiosk reported: acknowledged answers, screens, its clock."""
        for fields in life.lines:
            kind = fields[0]
            if kind == "WRITE":
                continue
            if kind not in ("SCREEN", "CLICK") and len(fields) > 1:
                self.touched.add(fields[1])
            elif len(fields) > 2:
                self.touched.add(fields[2])
            try:
                if kind == "ACK":
                    self.acked.setdefault(fields[1], []).append((int(fields[2]), fields[3], fields[4]))
                    self.acked_total += 1
                elif kind == "START":
                    allowed, consumed, t = float(fields[4]), float(fields[5]), float(fields[6])
                    self.clock[fields[1]] = (t, allowed - consumed, False)
                elif kind == "CLOCK":
                    self.clock[fields[1]] = (float(fields[4]), float(fields[3]), fields[2] == "1")
                elif kind in ("SHOWN", "WARNING"):
                    self.shown[fields[1]] = (int(fields[2]), fields[3])
                    self.clock[fields[1]] = (float(fields[5]), float(fields[4]), True)  # a timed screen
                elif kind == "DONE":
                    self.receipts[fields[1]] = fields[2]
            except (IndexError, ValueError):
                pass
        died = life.t_kill or time.monotonic()
        for attempt, (t, remaining, running) in self.clock.items():  # the exam clock stops with the kiosk
            if running:
                self.clock[attempt] = (died, remaining - max(0.0, died - t), False)

    def remaining_at(self, attempt: str | None, t_kill: float) -> float | None:
        if attempt is None or attempt not in self.clock:
            return None
        t, remaining, running = self.clock[attempt]
        return remaining - max(0.0, t_kill - t) if running else remaining

    @staticmethod
    def verdict_reached(expected: Expectation, lines: list[list[str]]) -> bool:
        started = next((f for f in lines if f[0] == "START"), None)
        if started is None:
            return False
        if expected.kind in ("test", "instructions"):
            return any(f[0] == "RESUMED" for f in lines) or started[2] == "0"
        if expected.kind == "submit":
            return any(f[0] == "DONE" and f[1] == started[1] for f in lines) or started[2] == "0"
        return any(f[0] == "SCREEN" and f[1] == "check-in" and f[2] == started[1] for f in lines) or started[2] == "1"


def judge(expected: Expectation, life: Life) -> tuple[bool, list[str], dict[str, float]]:
    """Did this start do what the journal called for? (reached, failures, measures)"""
    failures: list[str] = []
    measures: dict[str, float] = {}
    lines = life.lines
    for fields in lines:
        if fields[0] == "ERROR":
            failures.append(f"the kiosk raised: {' '.join(fields[1:])}")
    if "Traceback" in life.stderr:
        failures.append("the kiosk printed a traceback: " + life.stderr.strip().splitlines()[-1])
    if life.returncode is not None:
        failures.append(f"the kiosk exited by itself (code {life.returncode}): {life.stderr.strip()[-300:]}")
    start = next((f for f in lines if f[0] == "START"), None)
    if start is None:
        return False, failures, measures
    attempt, restored, state = start[1], start[2] == "1", start[3]
    if expected.kind == "new":
        if restored:
            failures.append(f"nothing was in progress, yet attempt {attempt} was restored ({state})")
        elif attempt in expected.known:
            failures.append(f"the new attempt reuses the id {attempt}")
        reached = any(f[0] == "SCREEN" and f[1] == "check-in" and f[2] == attempt for f in lines)
        return reached or bool(failures), failures, measures
    if not restored or attempt != expected.attempt:
        failures.append(f"attempt {expected.attempt} ({expected.kind}) was not resumed: the kiosk started "
                        f"{'restored ' if restored else 'new '}attempt {attempt} in state {state}")
        return True, failures, measures
    treated = next((f for f in lines if f[0] == "TREATED"), None)
    if treated is not None:
        held = [] if treated[2] == "-" else [tuple(x.split(":")) for x in treated[2].split(",")]
        journal = [(str(n), i, o) for n, i, o in expected.answers]
        if held != journal:
            failures.append(f"attempt {attempt}: the restored session holds {held}, the journal {journal}")
    measures["restored_remaining"] = float(start[4]) - float(start[5])
    if expected.kind == "submit":
        if state != "finished":
            failures.append(f"finished attempt {attempt} restored in state {state}")
        if any(f[0] in ("SHOWN", "WARNING", "RESUMED") and f[1] == attempt for f in lines):
            failures.append(f"finished attempt {attempt} showed a question again")
        return any(f[0] == "DONE" and f[1] == attempt for f in lines) or bool(failures), failures, measures
    if state != "recovering":
        failures.append(f"attempt {attempt} restored in state {state}, not recovering")
    resumed = next((f for f in lines if f[0] == "RESUMED" and f[1] == attempt), None)
    if resumed is None:
        return bool(failures), failures, measures
    where, number, item = resumed[2], resumed[3], resumed[4]
    if expected.kind == "instructions":
        if where != "instructions":
            failures.append(f"attempt {attempt} (not started) resumed on {where}, not the instructions")
        return True, failures, measures
    if where not in ("question", "focus-warning"):
        failures.append(f"attempt {attempt} resumed on {where}, not a question")
    if number != str(expected.number):
        failures.append(f"attempt {attempt} resumed at question {number}, expected {expected.number}")
    elif expected.item is not None and item != expected.item:
        failures.append(f"attempt {attempt} resumed question {number} with item {item}, expected {expected.item}")
    after = [f for f in lines[lines.index(resumed) + 1:] if f[0] == "SHOWN" and f[1] == attempt]
    if where == "focus-warning" and after and (after[0][2], after[0][3]) != (number, item):
        failures.append(f"after the focus warning for {number} {item}, question {after[0][2]} {after[0][3]} came")
    measures["to_resume_screen_s"] = float(resumed[6])
    measures["after_click_s"] = float(resumed[7])
    measures["restart_s"] = float(resumed[6]) + float(resumed[7])
    return True, failures, measures


def check_compensation(records: list[KillRecord], life: Life, recovered: list[float]) -> None:
    """The resume records the time the kiosk was down (``recovered.downtime_s``, the compensation):
    at least the outage since the last kill, up to the candidate's click on "Resume".

    ``recovered`` holds every 'recovered' event of the attempt. A kill before a second kill may
    be compensated by more than one of them: a start that recorded its resume and was killed
    before the question was painted leaves its own event, and the next resume covers only the
    outage since that one; such a kill's compensation is the sum of the events after it."""
    click = next((float(f[4]) for f in life.lines if f[0] == "CLICK" and f[1] == "resume"), None)
    if click is None:
        return
    last = records[-1]
    last.resumed_next = True
    if len(recovered) <= last.recoveries_before:
        last.failures.append("the resume recorded no 'recovered' event (no compensation for the time lost)")
        return
    for record in records:
        if record.attempt == last.attempt:
            record.outage_s = click - record.t_kill
            record.compensation_s = sum(recovered[record.recoveries_before:])
    assert last.compensation_s is not None and last.outage_s is not None
    if last.compensation_s < last.outage_s - CLOCK_SLACK_S:
        last.failures.append(f"the resume recorded {last.compensation_s:.3f} s of downtime, but the kiosk was down "
                             f"for {last.outage_s:.3f} s")
