"""Kiosk latency: from the click on "Validate" to the next screen painted, over full 32-question tests.

Target (issue 5): ≤ 16 ms p99, offscreen, with the real journal (SQLite, synchronous=FULL: every
answer is fsynced before the next question appears), the real adaptive engine and the real
widgets. The clock starts just before the click is delivered and stops at the first paint of
the new question's widgets (or of the focus warning that comes before a run of focus questions),
caught by an event filter after the event loop has laid them out.

Two banks: the demo bank (real texts and attachments) and a synthetic bank of 2,000 items.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _table import Row, report
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid
from sqlalchemy import Connection

from itembank.answers import reference_responses
from itembank.model import ItemType
from itembank.pbank import build_bank, open_bank
from itembank.synth import synthetic_bank
from kiosk.app import PracticeApp, PracticeKiosk, demo_bank
from kiosk.core.candidate import Candidate
from kiosk.core.events import Event
from kiosk.core.session import State
from kiosk.journal.attempt import AttemptJournal
from protocol.keys import KeyPair, ScryptParams

TARGET_MS = 16.0
SLOWEST: list[tuple[float, str, str]] = []  # (ms, the screen that came, what it holds): printed at the end
TESTS_PER_BANK = 3


class FirstPaint(QObject):
    """Notes the time of the first Paint event of the widgets it watches."""

    def __init__(self) -> None:
        super().__init__()
        self.painted_at: float | None = None
        self._watched: list[QWidget] = []

    def watch(self, widgets: list[QWidget]) -> None:
        for widget in self._watched:
            if isValid(widget):
                widget.removeEventFilter(self)
        self.painted_at = None
        self._watched = list(widgets)
        for widget in self._watched:
            widget.installEventFilter(self)

    def also(self, widgets: list[QWidget]) -> None:
        """Watch these too, keeping a paint already noted."""
        for widget in widgets:
            widget.installEventFilter(self)
        self._watched += widgets

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self.painted_at is None and event.type() == QEvent.Type.Paint:
            self.painted_at = time.perf_counter()
        return False


def wait(app: QApplication, condition, timeout: float = 5.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise RuntimeError("the kiosk did not reach the expected screen")
        app.processEvents()
        time.sleep(0.0005)  # a busy loop would only measure itself


def fill(screen, session) -> None:
    item, answer = session.question.item, screen.answer
    right = session.number % 3 != 0
    if item.type in (ItemType.QCU, ItemType.QCM):
        keys = [item.solution[0]] if item.type is ItemType.QCU else list(item.solution)
        if not right:
            keys = [k for k in item.proposal_keys if k not in item.solution][:1]
        for key in keys:
            answer.buttons[key].setChecked(True)
    else:
        values = reference_responses(item, session.locale)[0]
        for key, edit in answer.inputs.items():
            edit.setText(values[key] if right else "0")


def play(app: QApplication, ui: PracticeApp, probe: FirstPaint, journal_timer=None) -> list[float]:
    """One whole test; returns the milliseconds from each Validate click to the next screen painted."""
    window, session = ui.window, ui.attempt.session
    wait(app, lambda: session.state is State.CHECK_IN)
    session.submit_check_in(Candidate("Martin", "Léa", dt.date(2009, 5, 17)), "fr")
    wait(app, lambda: session.state is State.INSTRUCTIONS)
    session.start_test()
    samples = []
    screen = window.pages[State.QUESTION]
    while session.state in (State.QUESTION, State.FOCUS_WARNING):
        if session.state is State.FOCUS_WARNING:
            session.acknowledge_focus_warning()
        wait(app, lambda: window.current_page() is screen and screen.answer is not None and screen.answer.isVisible())
        fill(screen, session)
        for _ in range(3):
            app.processEvents()
        number = session.number
        button = screen.validate_button
        # The question's number is watched from the click on: the new question may be painted before
        # the click returns (the statement takes the focus, and its view repaints at once); the
        # number does not repaint for the press itself (the statement does: it loses the focus).
        probe.watch([screen.progress])
        if journal_timer is not None:
            journal_timer.current = 0.0
        start = time.perf_counter()
        QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(button.width() // 2, button.height() // 2))
        if session.state is State.QUESTION and session.number != number:
            probe.also([screen.statement.viewport(), *screen.answer.focus_chain()])  # the new statement, answers
        elif session.state is State.FOCUS_WARNING:
            page = window.pages[State.FOCUS_WARNING]
            probe.watch([page.heading, page.primary])
        else:
            continue  # the end of the test: not a question
        wait(app, lambda: probe.painted_at is not None)
        samples.append((probe.painted_at - start) * 1000)
        shown = session.question.item if session.state is State.QUESTION and session.question else None
        SLOWEST.append((samples[-1], shown.id if shown else "(focus warning)",
                        f"{shown.type.value}, {len(shown.proposals)} proposals, {len(shown.attachments)} files"
                        if shown else ""))
        if journal_timer is not None:
            journal_timer.per_click.append(journal_timer.current)
    wait(app, lambda: session.state is State.SUBMITTED)
    return samples


def synthetic_file(folder: Path) -> tuple[Path, str, list]:
    publisher = KeyPair.generate("bench-publisher")
    path = build_bank(synthetic_bank(2000, seed=3), folder / "synth.pbank", publisher, passphrase="bench",
                      scrypt=ScryptParams(n=2**14))
    return path, "bench", [publisher.public]


class MemoryJournal:
    """The journal port without a disk, to show the interface's own share of the time."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def append(self, kind: str, payload) -> Event:
        event = Event(len(self.events) + 1, kind, dict(payload), time.monotonic(), dt.datetime.now(dt.UTC))
        self.events.append(event)
        return event

    def checkpoint(self, elapsed: float, wall: dt.datetime) -> None:
        pass

    @contextlib.contextmanager
    def transaction(self):
        yield

    def durable_state(self):
        return list(self.events), None


class MemorySink:
    def submit(self, summary, events) -> str:
        return "MEMORY-0000"


class JournalTimer:
    """Time spent in the real journal per Validate click: its appends and its commit (the fsync)."""

    def __init__(self) -> None:
        self.current = 0.0
        self.per_click: list[float] = []
        self._append = AttemptJournal.append
        self._commit = Connection.commit
        self.patch_journal()

    def _timed(self, original):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.current += (time.perf_counter() - start) * 1000

        return timed

    def patch_journal(self) -> None:
        AttemptJournal.append = self._timed(self._append)  # type: ignore[method-assign]
        Connection.commit = self._timed(self._commit)  # type: ignore[method-assign]

    def restore(self) -> None:
        AttemptJournal.append = self._append  # type: ignore[method-assign]
        Connection.commit = self._commit  # type: ignore[method-assign]


def measure(app: QApplication, bank_file: tuple[Path, str, list], profile: str, data: Path,
            in_memory: bool = False, journal_timer: JournalTimer | None = None) -> list[float]:
    path, passphrase, trusted = bank_file
    kiosk = PracticeKiosk(open_bank(path, trusted, passphrase=passphrase), profile, data)
    if in_memory:
        kiosk.store.create_attempt = lambda attempt_id: MemoryJournal()  # type: ignore[method-assign]
        kiosk.sink = MemorySink()  # type: ignore[assignment]
    ui = PracticeApp(kiosk, locale="fr", windowed=True, app=app, watch_focus=False)
    probe = FirstPaint()
    samples = []
    try:
        for seed in range(1, TESTS_PER_BANK + 1):  # fixed seeds: the same questions at every run
            ui.start(kiosk.new_attempt(seed))
            samples += play(app, ui, probe, journal_timer)
    finally:
        probe.watch([])
        ui.close()
    return samples


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[98]


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    rows = []
    with tempfile.TemporaryDirectory(prefix="pupitre-latency-") as tmp:
        folder = Path(tmp)
        banks = {"demo bank": demo_bank(folder / "demo"), "synthetic 2,000 items": synthetic_file(folder)}
        for name, bank_file in banks.items():
            timer = JournalTimer()
            try:
                samples = measure(app, bank_file, "certification", folder / name.split()[0], journal_timer=timer)
            finally:
                timer.restore()
            interface = measure(app, bank_file, "certification", folder / (name.split()[0] + "-memory"),
                                in_memory=True)
            rows += [
                Row(f"{name}: validate → next screen painted, p50", statistics.median(samples), None, "ms"),
                Row(f"{name}: validate → next screen painted, p99 ({len(samples)} clicks)", p99(samples),
                    TARGET_MS, "ms"),
                Row(f"{name}:   of which the journal (appends, commit), p50", statistics.median(timer.per_click),
                    None, "ms"),
                Row(f"{name}:   of which the journal (appends, commit), p99", p99(timer.per_click), None, "ms"),
                Row(f"{name}: the same without a disk (interface + engine), p99", p99(interface), None, "ms"),
            ]
    status = report("Kiosk: Validate → next question painted (offscreen, real journal, fsync included)", rows)
    print("\nslowest clicks (all runs):")
    for ms, screen, what in sorted(SLOWEST, reverse=True)[:8]:
        print(f"  {ms:6.1f} ms  {screen}  {what}")
    return status


if __name__ == "__main__":
    sys.exit(main())
