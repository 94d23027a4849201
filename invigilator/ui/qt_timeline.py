"""A candidate's timeline: every entry of the kiosk's journal replica, in console time, in words.

The console's copy of the journal is what happened at the workstation (check-in, authorisation,
each question shown and answered, focus lost and regained, problem reports, pauses, time added,
the end); the console adds what only it can see (the kiosk going silent, a journal chain that
does not continue). Each line is the console's hour, what happened, and the details a person
needs; answers' contents and correctness are never shown here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from invigilator.core.timeline import TimelineRow
from invigilator.store.dashboard import AttemptTimeline

translate = QCoreApplication.translate
LIVE_MS = 3000


def _n(value: Any) -> str:
    return "?" if value is None else str(value)


def kind_label(kind: str) -> str:
    labels = {
        "attempt-created": translate("QtTimeline", "Test prepared"),
        "checked-in": translate("QtTimeline", "Checked in"),
        "authorisation-requested": translate("QtTimeline", "Authorisation requested"),
        "authorised": translate("QtTimeline", "Authorised"),
        "environment-checked": translate("QtTimeline", "Workstation checked"),
        "test-started": translate("QtTimeline", "Test started"),
        "focus-warning-shown": translate("QtTimeline", "Focus warning shown"),
        "focus-warning-acknowledged": translate("QtTimeline", "Focus warning read"),
        "question-shown": translate("QtTimeline", "Question shown"),
        "focus-lost": translate("QtTimeline", "Left the exam window"),
        "focus-regained": translate("QtTimeline", "Back in the exam window"),
        "answered": translate("QtTimeline", "Question treated"),
        "problem-reported": translate("QtTimeline", "Problem reported"),
        "problem-resolved": translate("QtTimeline", "Problem decided"),
        "paused": translate("QtTimeline", "Paused"),
        "resumed": translate("QtTimeline", "Resumed"),
        "locked": translate("QtTimeline", "Locked"),
        "unlocked": translate("QtTimeline", "Unlocked"),
        "time-added": translate("QtTimeline", "Time added"),
        "recovered": translate("QtTimeline", "Restarted after an interruption"),
        "stalled": translate("QtTimeline", "Workstation frozen"),
        "finished": translate("QtTimeline", "Test finished"),
        "submitted": translate("QtTimeline", "Results signed"),
        "room-command": translate("QtTimeline", "Console's command received"),
        "room-command-refused": translate("QtTimeline", "Console's command refused"),
        "guard": translate("QtTimeline", "Guard"),
        "alert-offline": translate("QtTimeline", "Console: kiosk silent"),
        "alert-chain-break": translate("QtTimeline", "Console: journal does not continue"),
    }
    return labels.get(kind, kind)


def _minutes(seconds: Any) -> str:
    try:
        return str(round(float(seconds) / 60))
    except (TypeError, ValueError):
        return "?"


def detail(row: TimelineRow) -> str:
    """The details of one line, in words (never an answer's content or whether it was right)."""
    p, kind = row.payload, row.kind
    if kind == "checked-in":
        c = p.get("candidate") or {}
        return f"{str(c.get('last_name', '')).upper()} {c.get('first_name', '')}".strip()
    if kind == "authorisation-requested":
        return translate("QtTimeline", "to resume") if p.get("resume") else translate("QtTimeline", "to start")
    if kind == "authorised":
        text = translate("QtTimeline", "resume") if p.get("resume") else translate("QtTimeline", "start")
        return f"{text} — {p['by']}" if p.get("by") else text
    if kind == "environment-checked":
        return (
            translate("QtTimeline", "a finding blocks the test")
            if p.get("blocking")
            else translate("QtTimeline", "findings: %1").replace("%1", str(len(p.get("findings") or [])))
        )
    if kind == "test-started":
        return (
            translate("QtTimeline", "%1 questions, %2 min")
            .replace("%1", _n(p.get("length")))
            .replace("%2", _minutes(p.get("allowed_s")))
        )
    if kind in ("question-shown", "focus-warning-shown", "focus-warning-acknowledged", "focus-regained"):
        return translate("QtTimeline", "question %1").replace("%1", _n(p.get("number"))) if p.get("number") else ""
    if kind == "focus-lost":
        where = (
            translate("QtTimeline", "question %1").replace("%1", _n(p.get("number")))
            if p.get("number")
            else translate("QtTimeline", "between questions")
        )
        counted = translate("QtTimeline", "focus question: the answer does not count") if p.get("counted") else ""
        return " — ".join(x for x in (where, counted, str(p.get("detail") or "")) if x)
    if kind == "answered":
        outcome = {
            "skipped": translate("QtTimeline", "skipped"),
            "timed-out": translate("QtTimeline", "time up for the question"),
            "focused-out": translate("QtTimeline", "left the window on a focus question"),
        }.get(str(p.get("outcome")), translate("QtTimeline", "answered"))
        return translate("QtTimeline", "question %1").replace("%1", _n(p.get("number"))) + " — " + outcome
    if kind == "problem-reported":
        text = translate("QtTimeline", "question %1").replace("%1", _n(p.get("number")))
        if not p.get("comment"):
            return text
        return translate("QtTimeline", "%1 — “%2”").replace("%1", text).replace("%2", str(p["comment"]))
    if kind == "problem-resolved":
        verdict = (
            translate("QtTimeline", "validated: the question is replaced")
            if p.get("validated")
            else translate("QtTimeline", "dismissed: the candidate answers it")
        )
        return translate("QtTimeline", "question %1").replace("%1", _n(p.get("number"))) + " — " + verdict
    if kind in ("paused", "resumed", "unlocked"):
        return str(p.get("by") or p.get("reason") or "")
    if kind == "locked":
        return {"environment": translate("QtTimeline", "the workstation check found a problem")}.get(
            str(p.get("reason")), str(p.get("reason") or "")
        )
    if kind == "time-added":
        return translate("QtTimeline", "%1 min").replace("%1", _minutes(p.get("seconds"))) + (
            f" — {p.get('purpose') or p.get('by') or ''}" if p.get("purpose") or p.get("by") else ""
        )
    if kind == "recovered":
        return translate("QtTimeline", "down for %1 s").replace("%1", _n(round(float(p.get("downtime_s") or 0))))
    if kind == "stalled":
        return translate("QtTimeline", "%1 s given back").replace("%1", _n(round(float(p.get("compensated_s") or 0))))
    if kind == "finished":
        reasons = {
            "completed": translate("QtTimeline", "all questions treated"),
            "time-up": translate("QtTimeline", "time up"),
            "candidate": translate("QtTimeline", "ended: candidate"),
            "technical": translate("QtTimeline", "ended: technical"),
            "bank-exhausted": translate("QtTimeline", "no question left in the bank"),
        }
        return (
            reasons.get(str(p.get("reason")), str(p.get("reason") or ""))
            + " — "
            + translate("QtTimeline", "%1 treated").replace("%1", _n(p.get("treated")))
        )
    if kind == "submitted":
        return translate("QtTimeline", "receipt %1").replace("%1", _n(p.get("receipt")))
    if kind in ("room-command", "room-command-refused"):
        return " — ".join(str(x) for x in (p.get("kind"), p.get("issued_by"), p.get("reason")) if x)
    if kind == "guard":
        return " — ".join(str(p[k]) for k in ("severity", "finding", "kind", "what", "detail") if p.get(k))[:200]
    if kind == "alert-offline":
        return translate("QtTimeline", "silent for %1 s").replace("%1", _n(int(float(p.get("silent_seconds") or 0))))
    if kind == "alert-chain-break":
        return (
            translate("QtTimeline", "entry %1: %2")
            .replace("%1", _n(p.get("seq")))
            .replace("%2", str(p.get("reason") or ""))
        )
    return ""


def console_hour(at: dt.datetime) -> str:
    """The console's local hour of an instant (what the room's clock on the wall says)."""
    return at.astimezone().strftime("%H:%M:%S")


class QtTimeline(QWidget):
    """The lines of one attempt's timeline, as a table a screen reader reads cell by cell."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.attempt: AttemptTimeline | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("timeline")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setTabKeyNavigation(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.attempt is not None:
                self.show_attempt(self.attempt)
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Console time"), self.tr("Event"), self.tr("Details")])
        self.table.setAccessibleName(self.tr("Timeline"))

    def show_attempt(self, attempt: AttemptTimeline) -> None:
        bar = self.table.verticalScrollBar()
        follow = self.attempt is None or self.attempt.attempt_id != attempt.attempt_id or bar.value() >= bar.maximum()
        self.attempt = attempt
        self.table.setRowCount(len(attempt.rows))
        for row, line in enumerate(attempt.rows):
            cells = (console_hour(line.at), kind_label(line.kind), detail(line))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if line.alert is not None or line.kind in ("focus-lost", "problem-reported", "guard"):
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        if attempt.offset is None:
            clock = self.tr("no entry yet")
        else:
            seconds = attempt.offset.total_seconds()
            clock = (
                self.tr("the kiosk's clock agrees with the console's")
                if abs(seconds) < 2
                else self.tr("the kiosk's clock is %1 s off; hours shown are the console's").replace(
                    "%1", f"{-seconds:+.0f}"
                )
            )
        self.summary.setText(
            self.tr("Attempt %1 — %2 entries — %3")
            .replace("%1", attempt.attempt_id)
            .replace("%2", str(sum(1 for r in attempt.rows if r.seq is not None)))
            .replace("%3", clock)
        )
        if attempt.rows and follow:  # the latest lines matter most, unless the reader scrolled up
            QTimer.singleShot(0, self.table, self.table.scrollToBottom)

    def lines(self) -> list[tuple[str, str, str]]:
        """The table's text, row by row (what is shown)."""
        return [
            tuple(self.table.item(r, c).text() for c in range(3))  # type: ignore[misc]
            for r in range(self.table.rowCount())
        ]


class QtTimelineDialog(QDialog):
    """One kiosk's timeline in its own window (not modal: the room stays in view), read again every
    few seconds while it is open."""

    _loaded = Signal(object)

    def __init__(
        self,
        kiosk_id: str,
        title: str,
        attempts: Callable[[str], list[str]],
        read: Callable[[str, str], AttemptTimeline],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("timelineDialog")
        self.kiosk_id = kiosk_id
        self._title = title
        self._attempts, self._read = attempts, read
        self.heading = QLabel()
        self.heading.setProperty("role", "title")
        self.choice = QComboBox()
        self.choice_label = QLabel()
        self.choice_label.setBuddy(self.choice)
        self.refresh_button = QPushButton()
        self.close_button = QPushButton()
        self.timeline = QtTimeline(self)
        self.empty = QLabel()
        self.empty.setProperty("role", "notice")
        self.empty.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.choice_label)
        row.addWidget(self.choice, 1)
        row.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(row)
        layout.addWidget(self.empty)
        layout.addWidget(self.timeline, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        self.refresh_button.clicked.connect(self.reload)
        self.close_button.clicked.connect(self.close)
        self.choice.currentIndexChanged.connect(lambda _: self._show_choice())
        QShortcut(QKeySequence("F5"), self, self.reload)
        self.loads = 0  # timelines shown so far (tests wait on it)
        self._loading = self._again = False
        self._loaded.connect(self._apply)
        self._live = QTimer(self)  # the journal goes on while the dialog is open
        self._live.setInterval(LIVE_MS)
        self._live.timeout.connect(lambda: self.isVisible() and self.reload())
        self._live.start()
        self.resize(900, 600)
        self.retranslate()
        self.reload()
        self.timeline.table.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Timeline — %1").replace("%1", self._title))
        self.heading.setText(self.tr("Timeline — %1").replace("%1", self._title))
        self.choice_label.setText(self.tr("&Attempt:"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the journal again (F5)"))
        self.close_button.setText(self.tr("Close"))
        self.empty.setText(
            self.tr("This kiosk has sent no journal yet: its timeline starts at the candidate's check-in.")
        )

    def reload(self) -> None:
        """Read the kiosk's attempts and the chosen one's timeline in a worker, then show them (the window
        never waits for the database)."""
        self._load(self.choice.currentText() or None)

    def _show_choice(self) -> None:
        attempt = self.choice.currentText()
        if attempt:
            self._load(attempt)

    def _load(self, wanted: str | None) -> None:
        if self._loading:
            self._again = True
            return
        self._loading = True

        def read() -> None:
            try:
                attempts = self._attempts(self.kiosk_id)
                chosen = wanted if wanted in attempts else (attempts[0] if attempts else None)
                result: object = (attempts, chosen, None if chosen is None else self._read(self.kiosk_id, chosen))
            except Exception as exc:  # said in the dialog; the lines already shown stay
                result = " ".join(str(exc).split())[:300]
            with contextlib.suppress(RuntimeError):  # the dialog was closed meanwhile
                self._loaded.emit(result)

        threading.Thread(target=read, name="timeline-read", daemon=True).start()

    def _apply(self, result: object) -> None:
        self._loading = False
        if isinstance(result, str):
            self.empty.setText(self.tr("The journal could not be read: %1").replace("%1", result))
            self.empty.show()
        else:
            attempts, chosen, timeline = result  # type: ignore[misc]
            self.choice.blockSignals(True)
            self.choice.clear()
            self.choice.addItems(attempts)
            if chosen is not None:
                self.choice.setCurrentText(chosen)
            self.choice.blockSignals(False)
            self.retranslate()
            self.empty.setVisible(not attempts)
            self.timeline.setVisible(bool(attempts))
            self.choice.setEnabled(len(attempts) > 1)
            held = self.timeline.attempt
            if timeline is not None and (held is None or held.attempt_id != timeline.attempt_id
                                         or held.rows != timeline.rows):
                self.timeline.show_attempt(timeline)  # only when something new: a reader keeps their place
        self.loads += 1
        if self._again:
            self._again = False
            self.reload()
