"""The robot candidate of ``crash_child.py``: it plays the real kiosk through its widgets and reports.

Imported once the kiosk is up (Qt is loaded by then), so that the start is the kiosk's own.
See ``crash_child.py`` for the lines it prints.
"""

from __future__ import annotations

import contextlib
import random
import sys
import time
import traceback
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QDialog, QWidget
from shiboken6 import isValid

from itembank.answers import reference_responses
from itembank.model import ItemType
from kiosk.app import PracticeApp
from kiosk.core.session import ExamSession, State

POLL_MS = 5
REPAINT_AFTER_S = 0.5  # a screen armed too late (its paint already happened) is repainted
STUCK_AFTER_S = 1.0
ANSWER_STATES = (State.QUESTION, State.FOCUS_WARNING, State.INSTRUCTIONS)


def say(*fields: object) -> None:
    sys.stdout.write(" ".join(str(f) for f in fields) + "\n")
    sys.stdout.flush()


def stamp() -> str:
    return f"{time.monotonic():.6f}"


class FirstPaint(QObject):
    """Notes the first Paint event of one widget after :meth:`arm`."""

    def __init__(self) -> None:
        super().__init__()
        self.widget: QWidget | None = None
        self.painted_at: float | None = None
        self.armed_at = 0.0
        self.reported = False

    def arm(self, widget: QWidget | None) -> None:
        if self.widget is not None and isValid(self.widget):
            self.widget.removeEventFilter(self)
        self.widget, self.painted_at, self.armed_at = widget, None, time.monotonic()
        self.reported = False
        if widget is not None:
            widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self.painted_at is None and obj is self.widget and event.type() == QEvent.Type.Paint:
            self.painted_at = time.monotonic()
        return False


class Robot(QObject):
    """A candidate at the keyboard, fast and a little random."""

    def __init__(self, ui: PracticeApp, rng: random.Random, t0: float, think: tuple[float, float],
                 wrong_share: float = 0.25, skip_share: float = 0.1):
        super().__init__()
        self.ui = ui
        self.rng = rng
        self.t0 = t0
        self.think = think
        self.wrong_share, self.skip_share = wrong_share, skip_share
        self.probe = FirstPaint()
        self.bridge = None
        self.key: tuple | None = None
        self.ready_at: float | None = None  # when the robot acts on the painted screen
        self.step = 0  # sub-steps on one screen (check-in fields, a skip and its confirmation)
        self.acked: dict[str, int] = {}
        self.clock: dict[str, bool] = {}
        self.resuming = ui.attempt.restored and ui.attempt.session.recoverable
        self.resume_painted: float | None = None
        self.resume_clicked: float | None = None
        self.resumed = False
        self.done: set[str] = set()
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)

    # -- what is on screen ------------------------------------------------------------------------
    @property
    def session(self) -> ExamSession:
        return self.ui.attempt.session

    @property
    def attempt_id(self) -> str:
        return self.session.attempt.attempt_id

    def start(self) -> None:
        session = self.session
        self.acked[self.attempt_id] = len(session.treated)
        say("START", self.attempt_id, int(self.ui.attempt.restored), session.state.value,
            f"{session.timer.allowed:.3f}", f"{session.timer.consumed:.3f}", stamp())
        if self.ui.attempt.restored:
            say("TREATED", self.attempt_id, ",".join(f"{t.number}:{t.item_id}:{t.outcome.value if t.outcome else '-'}"
                                                     for t in session.treated) or "-")
        self.clock[self.attempt_id] = False
        self.follow()
        self.timer.start()

    def follow(self) -> None:
        """Listen to the current bridge (a new one comes with each new attempt)."""
        if self.ui.bridge is not self.bridge:
            self.bridge = self.ui.bridge
            self.bridge.stateChanged.connect(lambda _s: self.observe(acks=False))
            self.bridge.eventRecorded.connect(lambda _e: self.observe(acks=False))
            self.acked.setdefault(self.attempt_id, len(self.session.treated))

    def screen_key(self) -> tuple:
        session = self.session
        pending = session._pending_item if session.state is State.FOCUS_WARNING else None
        question = session.question if session.state is State.QUESTION else None
        return (id(self.ui.window), self.attempt_id, session.state,
                (question.number, question.item.id) if question else pending)

    def key_widget(self, state: State) -> QWidget | None:
        page = self.ui.window.pages.get(state)
        if page is None:
            return None
        return {State.CHECK_IN: lambda: page.submit_button, State.AWAITING_AUTHORISATION: lambda: page.primary,
                State.INSTRUCTIONS: lambda: page.primary, State.FOCUS_WARNING: lambda: page.primary,
                State.QUESTION: lambda: page.statement, State.SUBMITTED: lambda: page.new_button,
                }.get(state, lambda: page.heading)()

    def observe(self, acks: bool = True) -> None:
        """Print what changed: answers made durable, the timer, a new screen to watch."""
        self.follow()
        session, attempt = self.session, self.attempt_id
        if acks:  # only at the top of the event loop: every command has returned, so it is on disk
            for treated in session.treated[self.acked.get(attempt, 0):]:
                say("ACK", attempt, treated.number, treated.item_id,
                    treated.outcome.value if treated.outcome else "-", stamp())
            self.acked[attempt] = len(session.treated)
        running = session.timer.running
        if self.clock.get(attempt) is not running:
            self.clock[attempt] = running
            say("CLOCK", attempt, int(running), f"{session.remaining():.3f}", stamp())
        key = self.screen_key()
        if key != self.key:
            widget = self.key_widget(session.state)
            if widget is not None:  # else the window has not made that screen yet: next time
                self.key, self.step, self.ready_at = key, 0, None
                self.probe.arm(widget)

    # -- the loop ---------------------------------------------------------------------------------
    def poll(self) -> None:
        try:
            self.observe()
            self.painted()
            if self.ready_at is not None and time.monotonic() >= self.ready_at:
                self.ready_at = None
                self.act()
                self.observe()
        except Exception:  # the parent counts these: the kiosk must never raise
            say("ERROR", traceback.format_exc().strip().splitlines()[-1].replace(" ", "_"))
            traceback.print_exc()

    def painted(self) -> None:
        probe = self.probe
        if probe.widget is None or probe.reported:
            return
        if probe.painted_at is None:
            if time.monotonic() - probe.armed_at > REPAINT_AFTER_S and isValid(probe.widget):
                probe.widget.update()  # armed after its paint: ask for another one
                probe.armed_at = time.monotonic()
            return
        at = probe.painted_at
        probe.reported = True
        session, attempt, state = self.session, self.attempt_id, self.session.state
        say("SCREEN", state.value, attempt, f"{at:.6f}")
        if state is State.QUESTION and session.question is not None:
            say("SHOWN", attempt, session.question.number, session.question.item.id, f"{session.remaining():.3f}",
                f"{at:.6f}")
        elif state is State.FOCUS_WARNING and session._pending_item is not None:
            say("WARNING", attempt, *session._pending_item, f"{session.remaining():.3f}", f"{at:.6f}")
        elif state is State.AWAITING_AUTHORISATION and self.resuming and self.resume_painted is None:
            self.resume_painted = at
        if (state in ANSWER_STATES and self.resume_clicked is not None and not self.resumed):
            self.resumed = True
            number, item = "-", "-"
            if state is State.QUESTION and session.question is not None:
                number, item = session.question.number, session.question.item.id
            elif state is State.FOCUS_WARNING and session._pending_item is not None:
                number, item = session._pending_item
            to_screen = (self.resume_painted or at) - self.t0
            say("RESUMED", attempt, state.value, number, item, f"{session.remaining():.3f}", f"{to_screen:.6f}",
                f"{at - self.resume_clicked:.6f}", f"{at:.6f}")
        if state is State.SUBMITTED and attempt not in self.done:
            self.done.add(attempt)
            say("DONE", attempt, session.receipt, f"{at:.6f}")
        self.ready_at = time.monotonic() + self.pause(state)

    def pause(self, state: State) -> float:
        low, high = self.think
        if state is State.AWAITING_AUTHORISATION:
            low, high = low * 2, high * 2
        return self.rng.uniform(low, high)

    # -- acting -----------------------------------------------------------------------------------
    def click(self, what: str, widget: QAbstractButton) -> None:
        session = self.session
        say("CLICK", what, self.attempt_id, session.number, stamp())
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(widget.width() // 2, widget.height() // 2))

    def again(self) -> None:
        """Act again on the same screen after another moment (the next field, a dialog)."""
        self.step += 1
        self.ready_at = time.monotonic() + self.pause(self.session.state)

    def act(self) -> None:
        session, window = self.session, self.ui.window
        state = session.state
        page = window.current_page()
        if page is not window.pages.get(state):
            self.ready_at = time.monotonic() + 0.01  # the window has not switched yet
            return
        handler: Callable[[QWidget], None] | None = {
            State.CHECK_IN: self.check_in, State.AWAITING_AUTHORISATION: self.confirm_resume,
            State.INSTRUCTIONS: lambda p: self.click("start", p.primary),
            State.FOCUS_WARNING: lambda p: self.click("acknowledge", p.primary),
            State.QUESTION: self.answer, State.SUBMITTED: lambda p: self.click("new-attempt", p.new_button),
        }.get(state)
        if handler is not None:
            handler(page)

    def check_in(self, page) -> None:
        fields = (("last_name", "Martin"), ("first_name", "Lea"), ("birth_date", "17/05/2009"))
        if self.step < len(fields):
            key, text = fields[self.step]
            page.inputs[key].clear()
            QTest.keyClicks(page.inputs[key], text)
            self.again()
        else:
            self.click("check-in", page.submit_button)

    def confirm_resume(self, page) -> None:
        if not page.primary.isVisible():  # waiting for an invigilator: not in practice
            self.again()
            return
        self.resume_clicked = time.monotonic()
        self.click("resume", page.primary)

    def answer(self, screen) -> None:
        if self.session.question is None:
            self.stop_test()
            return
        answer = screen.answer
        if answer is None or not answer.isVisible() or not all(
                w.isVisible() and w.height() > 0 for w in answer.focus_chain()):
            self.ready_at = time.monotonic() + 0.01  # not laid out yet
            return
        if self.step == 0:
            draw = self.rng.random()
            if draw >= self.skip_share:
                self.fill(screen, right=draw >= self.skip_share + self.wrong_share)
            self.click("validate", screen.validate_button)
            if screen.dialog is not None:  # blank: the kiosk asks whether to skip
                self.again()
        elif screen.dialog is not None and screen.dialog.isVisible():
            self.click("confirm-skip", screen.dialog.confirm_button)
        else:
            self.again()

    def stop_test(self) -> None:
        """A question screen without a question (a resume gone wrong): after a moment, do what a
        candidate could, and stop the practice test (the parent has already seen the failure)."""
        window = self.ui.window
        dialog = window.findChild(QDialog, "confirmDialog")
        if self.step == 0:
            self.step = 1
            self.ready_at = time.monotonic() + STUCK_AFTER_S
        elif dialog is not None and dialog.isVisible():
            self.click("confirm-stop", dialog.confirm_button)
        elif self.step == 1 and window.stop_button.isVisible():
            self.click("stop", window.stop_button)
            self.again()
        else:
            self.again()

    def fill(self, screen, right: bool) -> None:
        item, answer = self.session.question.item, screen.answer
        if item.type in (ItemType.QCU, ItemType.QCM):
            keys = [item.solution[0]] if item.type is ItemType.QCU else list(item.solution)
            if not right:
                keys = [k for k in item.proposal_keys if k not in item.solution][:1]
            for key in keys:
                button = answer.buttons[key]
                QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(12, button.height() // 2))
                if not button.isChecked():
                    button.setChecked(True)
        else:
            values = reference_responses(item, self.session.locale)[0]
            for key, edit in answer.inputs.items():
                text = (values[key] if isinstance(values, dict) else values) if right else "0"
                edit.setFocus()
                edit.insert(text)


def report_exception(kind, value, tb) -> None:
    """``sys.excepthook``: an exception in a Qt slot is reported (the parent counts these)."""
    say("ERROR", f"{kind.__name__}:_{value}".replace(" ", "_"))
    traceback.print_exception(kind, value, tb)


def report_journal_writes() -> None:
    """Mark each command's journal writes on stdout: ``WRITE begin`` before its first append or
    checkpoint, ``WRITE end`` once its transaction is over (committed), so that the parent can tell
    which kills landed inside a write. Observation only: the journal's methods run unchanged."""
    from kiosk.journal.attempt import AttemptJournal

    depth, wrote = [0], [False]
    append, checkpoint = AttemptJournal.append, AttemptJournal.checkpoint
    transaction = getattr(AttemptJournal, "transaction", None)

    def writing(method):
        def write(self, *args, **kwargs):
            if not wrote[0]:
                wrote[0] = True
                say("WRITE", "begin", stamp())
            try:
                return method(self, *args, **kwargs)
            finally:
                if depth[0] == 0:
                    wrote[0] = False
                    say("WRITE", "end", stamp())
        return write

    @contextlib.contextmanager
    def watched(self):
        depth[0] += 1
        try:
            with transaction(self):
                yield
        finally:
            depth[0] -= 1
            if depth[0] == 0 and wrote[0]:
                wrote[0] = False
                say("WRITE", "end", stamp())

    AttemptJournal.append, AttemptJournal.checkpoint = writing(append), writing(checkpoint)
    if transaction is not None:
        AttemptJournal.transaction = watched
