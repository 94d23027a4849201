"""Finalising a session from the window: what blocks, the results, the comments, the signature, the package.

The screen lists first what stands in the way (a test still running, an open alert — each named);
then every candidate with the result the console's replay computed from the verified bundle,
an abort reason to choose for each unfinished test, and a comment per candidate (at most 500
characters, counted as typed); the global comment; and who finalises. "Sign and close" is
enabled only when nothing blocks; the results are on screen before it. After it, the session
package is made, queued in the outbox for the hub, and exported to a USB stick on demand (read
back and checked).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from invigilator.core.alerts import AlertKind
from invigilator.core.finalisation import ABORT_REASONS, MAX_COMMENT, Blocker, CandidateLine, Outcome
from invigilator.errors import FinalisationError, InvigilatorError
from invigilator.finalise import SessionClosing
from invigilator.ui.qt_action_parts import QtErrorLine, QtInvigilatorField, QtNoteEdit, alert_kind_label, make_title

COLUMNS = 5  # candidate, outcome, score, level, abort reason


def short_date(day: Any) -> str:
    """A date as the interface's language writes it (15/06/2026, 6/15/26)."""
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


class QtFinaliseDialog(QDialog):
    """Finalise ``session_id`` of ``console`` with the unlocked center ``keys``."""

    finalised = Signal(str)
    packaged = Signal(str, str)  # package id, where it was exported ("" when only queued)

    def __init__(self, console: Any, keys: Any, session_id: str, invigilators: Iterable[str] = (), current: str = "",
                 parent: QWidget | None = None, open_bank: Callable[[str], Any] | None = None):
        super().__init__(parent)
        self.setModal(True)
        self.console, self.keys, self.session_id = console, keys, session_id
        self.open_bank = open_bank or console.bank_opener(keys)
        self.closing = SessionClosing(console, keys, self.open_bank)
        self.exam = console.store.sessions.session(session_id)
        self.lines: list[CandidateLine] = []
        self.comments: dict[str, str] = {}
        self.package_id = ""
        self._row = -1
        self.blocked = True
        self.title = make_title(QLabel(self.tr("Finalise session {id}").format(id=session_id)))
        self.setWindowTitle(self.title.text())
        self.lead = QLabel(self.tr("{room}, {date}. Check the results the console computed from each verified "
                                   "result, give an abort reason for every unfinished test, add your comments, "
                                   "then sign: the session is closed.").format(room=self.exam.room,
                                                                              date=short_date(self.exam.date)))
        self.lead.setWordWrap(True)
        self.blockers = QLabel()
        self.blockers.setProperty("role", "error")
        self.blockers.setWordWrap(True)
        self.blockers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check_again = QPushButton(self.tr("Check again"))
        self.check_again.setAutoDefault(False)
        self.table = QTableWidget(0, COLUMNS)
        self.table.setHorizontalHeaderLabels([self.tr("Candidate"), self.tr("Result"), self.tr("Score"),
                                              self.tr("Level"), self.tr("Abort reason")])
        self.table.setAccessibleName(self.tr("Candidates and their results"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.comment_label = QLabel()
        self.comment = QtNoteEdit(MAX_COMMENT, lines=2)
        self.comment_label.setBuddy(self.comment.edit)
        self.global_comment = QtNoteEdit(MAX_COMMENT, lines=2)
        self.by = QtInvigilatorField(list(invigilators) or list(self.exam.invigilators), current)
        self.error = QtErrorLine()
        self.status_line = QLabel()
        self.status_line.setWordWrap(True)
        self.status_line.setProperty("role", "success")
        self.status_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAutoDefault(False)
        self.sign = QPushButton(self.tr("Sign and close the session"))
        self.sign.setProperty("role", "primary")
        self.sign.setAutoDefault(False)
        self.package = QPushButton(self.tr("Make the session package"))
        self.package.setAutoDefault(False)
        self.export = QPushButton(self.tr("Export to a USB stick…"))
        self.export.setAutoDefault(False)
        self._layout()
        self.check_again.clicked.connect(self.reload)
        self.table.currentCellChanged.connect(self._cell_changed)
        self.comment.changed.connect(self._keep_comment)
        self.close_button.clicked.connect(self.reject)
        self.sign.clicked.connect(self.finalise)
        self.package.clicked.connect(self._package_clicked)
        self.export.clicked.connect(self._choose_stick)
        self.setMinimumSize(900, 640)
        self.reload()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.blockers, 1)
        top.addStretch(0)
        top.addWidget(self.check_again, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        form = QFormLayout()
        form.addRow(self.comment_label, self.comment)
        form.addRow(self.tr("Global comment"), self.global_comment)
        form.addRow(self.tr("Finalised by"), self.by)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export)
        buttons.addWidget(self.package)
        buttons.addWidget(self.sign)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(self.title)
        layout.addWidget(self.lead)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.status_line)
        layout.addLayout(buttons)

    # -- what is shown ---------------------------------------------------------------------------------
    @property
    def is_finalised(self) -> bool:
        return self.console.store.finalisations.get(self.session_id) is not None

    def reload(self) -> None:
        """Read the session again: results, blockers, or the finalisation already signed."""
        self.error.hide()
        stored = self.console.store.finalisations.get(self.session_id)
        if stored is not None:
            self.lines = list(stored.finalisation.lines)
            self.comments = {line.candidate.id: line.comment for line in self.lines}
            self.global_comment.set_text(stored.finalisation.comment)
            self.blockers.setText("")
            self.blockers.hide()
            self.blocked = False
            self.status_line.setText(self.tr("Finalised by {by} at {at} UTC and signed by the center.").format(
                by=stored.finalisation.by, at=f"{stored.finalisation.finalised_at:%H:%M:%S}")
                + (self.tr(" Package {id} made.").format(id=stored.package_id[:16]) if stored.package_id else ""))
        else:
            try:
                draft = self.closing.preview(self.session_id)
            except InvigilatorError as exc:
                self.error.show_error(str(exc))
                return
            self.lines = list(draft.lines)
            text = "\n".join(f"• {self.blocker_text(b)}" for b in draft.blockers)
            self.blockers.setText(self.tr("Not yet:") + "\n" + text if draft.blockers else "")
            self.blocked = bool(draft.blockers)
            self.blockers.setVisible(self.blocked)
            self.blockers.setAccessibleName(self.blockers.text())
        self._fill()
        done = stored is not None
        for widget in (self.global_comment, self.comment, self.by):
            widget.setEnabled(not done)
        self.sign.setEnabled(not done and not self.blocked)
        self.check_again.setVisible(not done)
        self.package.setEnabled(done)
        self.export.setEnabled(done)

    def blocker_text(self, blocker: Blocker) -> str:
        """What stands in the way, in the interface's language."""
        if blocker.kind == "running":
            states = {"paused": self.tr("paused"), "locked": self.tr("locked"), "question": self.tr("in a question"),
                      "awaiting-authorisation": self.tr("waiting for an authorisation")}
            state = states.get(blocker.state, blocker.state)
            if blocker.candidate:
                return self.tr("the test of {who} is running on {kiosk} ({state}): wait for it to end, or end "
                               "it").format(who=blocker.candidate, kiosk=blocker.kiosk, state=state)
            return self.tr("a test is running on {kiosk} ({state}, attempt {attempt}): wait for it to end, or end "
                           "it").format(kiosk=blocker.kiosk, state=state, attempt=blocker.attempt or "?")
        if blocker.kind == "alert":
            kind = alert_kind_label(AlertKind(blocker.alert_kind)) if blocker.alert_kind in set(AlertKind) else \
                blocker.alert_kind
            return self.tr("open alert on {kiosk} since {since} UTC: {kind} — handle it first").format(
                kiosk=blocker.kiosk, since=f"{blocker.since:%H:%M:%S}" if blocker.since else "?", kind=kind)
        return self.tr("the result of attempt {attempt} cannot be counted: {detail}").format(
            attempt=blocker.attempt, detail=blocker.detail)

    def _level_name(self, line: CandidateLine) -> str:
        if line.level is None:
            return "—"
        bank = self.open_bank(self.exam.bank_id)
        try:
            band = bank.profile(self.exam.profile).scoring.levels[line.level]
        except (AttributeError, IndexError, KeyError):
            return str(line.level)
        english = QLocale().language() == QLocale.Language.English
        return band.title.get("en" if english else "fr")

    def outcome_text(self, line: CandidateLine) -> str:
        words = {Outcome.FINISHED: self.tr("Finished"), Outcome.ABORTED: self.tr("Aborted"),
                 Outcome.ABSENT: self.tr("Absent"), Outcome.RUNNING: self.tr("Running"),
                 Outcome.UNFINISHED: self.tr("Unfinished: give a reason")}
        status = {"scored": self.tr("scored"), "no-certificate": self.tr("no certificate"),
                  "rejected": self.tr("rejected (too few questions)"),
                  "cancelled": self.tr("cancelled (too few questions)")}
        text = words[line.outcome]
        if line.status:
            text += f" — {status.get(line.status, line.status)}"
        return text

    def _fill(self) -> None:
        self.table.setRowCount(len(self.lines))
        done = self.is_finalised
        for row, line in enumerate(self.lines):
            c = line.candidate
            cells = [f"{c.last_name.upper()} {c.first_name} ({c.birth_date:%d/%m/%Y})", self.outcome_text(line),
                     "—" if line.score is None else self.tr("{n} pix").format(n=line.score), self._level_name(line)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
                self.table.setItem(row, column, item)
            if line.outcome is Outcome.UNFINISHED and not done:
                combo = QComboBox()
                combo.setAccessibleName(self.tr("Abort reason of {name}").format(name=c.last_name.upper()))
                combo.addItem(self.tr("— choose —"), None)
                combo.addItem(self.tr("Candidate"), "candidate")
                combo.addItem(self.tr("Technical"), "technical")
                self.table.setCellWidget(row, 4, combo)
            else:
                reason = {"candidate": self.tr("Candidate"), "technical": self.tr("Technical")}.get(
                    line.abort_reason or "", "—")
                self.table.removeCellWidget(row, 4)
                self.table.setItem(row, 4, QTableWidgetItem(reason))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if self.lines:
            self.table.setCurrentCell(max(self._row, 0), 0)
            self._select(max(self._row, 0))

    def _cell_changed(self, row: int, _column: int, _previous_row: int, _previous_column: int) -> None:
        self._select(row)

    def _package_clicked(self) -> None:
        self.make_package(None)

    def _select(self, row: int) -> None:
        if not 0 <= row < len(self.lines):
            return
        self._row = -1  # not saved while the editor is refilled
        c = self.lines[row].candidate
        self.comment_label.setText(self.tr("Comment on {name}").format(name=f"{c.last_name.upper()} {c.first_name}"))
        self.comment.set_text(self.comments.get(c.id, ""))
        self._row = row

    def _keep_comment(self) -> None:
        if 0 <= self._row < len(self.lines):
            self.comments[self.lines[self._row].candidate.id] = self.comment.text()

    # -- what is done ------------------------------------------------------------------------------------
    def abort_reasons(self) -> dict[str, str]:
        reasons = {}
        for row, line in enumerate(self.lines):
            combo = self.table.cellWidget(row, 4)
            if isinstance(combo, QComboBox) and combo.currentData() in ABORT_REASONS:
                reasons[line.candidate.id] = combo.currentData()
        return reasons

    def set_abort_reason(self, candidate_id: str, reason: str) -> None:
        row = next(i for i, line in enumerate(self.lines) if line.candidate.id == candidate_id)
        combo = self.table.cellWidget(row, 4)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(reason))

    def set_comment(self, candidate_id: str, text: str) -> None:
        row = next(i for i, line in enumerate(self.lines) if line.candidate.id == candidate_id)
        self.table.setCurrentCell(row, 0)
        self.comment.set_text(text)

    def finalise(self) -> bool:
        too_long = [cid for cid, text in self.comments.items() if len(text) > MAX_COMMENT]
        if self.global_comment.too_long() or too_long:
            self.error.show_error(self.tr("A comment is longer than {n} characters: shorten it (the count is shown "
                                          "under each comment).").format(n=MAX_COMMENT))
            return False
        missing = [line for row, line in enumerate(self.lines)
                   if isinstance(self.table.cellWidget(row, 4), QComboBox) and line.candidate.id not in
                   self.abort_reasons()]
        if missing:
            names = ", ".join(f"{m.candidate.last_name.upper()} {m.candidate.first_name}" for m in missing)
            self.error.show_error(self.tr("Give the abort reason of every unfinished test: {names}.").format(
                names=names))
            return False
        try:
            done = self.closing.finalise(self.session_id, comment=self.global_comment.text(),
                                         candidate_comments={k: v for k, v in self.comments.items() if v},
                                         abort_reasons=self.abort_reasons(), by=self.by.name())
        except FinalisationError as exc:
            self.error.show_error(self.tr("Not finalised:") + "\n" + "\n".join(f"• {r}" for r in exc.reasons or
                                                                                 [str(exc)]))
            return False
        except InvigilatorError as exc:
            self.error.show_error(str(exc))
            return False
        self.reload()
        self.finalised.emit(done.session_id)
        return True

    def make_package(self, to: Path | None) -> bool:
        from invigilator.package import package_session

        try:
            outcome = package_session(self.console, self.keys, self.session_id, to, self.open_bank)
        except InvigilatorError as exc:
            self.error.show_error(str(exc))
            return False
        self.error.hide()
        self.package_id = outcome.package_id
        text = self.tr("Package {id} signed and queued for the hub ({path}).").format(
            id=outcome.package_id[:16], path=outcome.queued)
        if outcome.exported is not None:
            text += "\n" + self.tr("Exported and read back from the stick: {path}").format(path=outcome.exported)
        self.status_line.setText(text)
        self.packaged.emit(outcome.package_id, str(outcome.exported or ""))
        return True

    def _choose_stick(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("The USB stick's folder"))
        if folder:
            self.make_package(Path(folder))
