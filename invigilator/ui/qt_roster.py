"""A session's roster: imported from CSV (every bad line listed with its number and reason, nothing
half-imported) or typed by hand, each wrong field shown at the field.

Reading and checking are the core's (:mod:`invigilator.core.roster_csv`,
:func:`invigilator.core.roster.check_candidate`), the same as ``session roster import``; this page
only draws them and translates their reasons.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from invigilator.core.center import ExamSession, SessionStatus
from invigilator.core.roster import ASSISTIVE_PROGRAMS, MAX_EXTRA_TIME_MINUTES, Candidate, FieldProblem, check_candidate
from invigilator.core.roster_csv import MAX_ROSTER_BYTES, RosterProblem, decode_roster, read_roster
from invigilator.errors import InvigilatorError
from invigilator.ui.qt_fields import PAGE_STYLE, Field, Retranslated, button, label, restyle

translate = QCoreApplication.translate  # the pages' module-level texts (lupdate reads these calls)


def field_name(widget: QWidget, key: str) -> str:
    names = {"last_name": translate("Roster", "Last name"), "first_name": translate("Roster", "First name"),
             "birth_date": translate("Roster", "Date of birth"), "external_id": translate("Roster", "External id"),
             "extra_time_minutes": translate("Roster", "Extra time (minutes)"),
             "accommodations": translate("Roster", "Accommodations"),
             "assistive_programs": translate("Roster", "Assistive programs")}
    return names.get(key, key)


def problem_text(widget: QWidget, problem: FieldProblem) -> str:
    """A field's problem in the interface's language."""
    texts = {
        "required": translate("Roster", "Required."),
        "not-a-name": translate("Roster", "Not a name: letters, with spaces, hyphens or apostrophes between parts."),
        "too-long": translate("Roster", "Too long."),
        "not-a-date": translate("Roster", "Not a date: type it as 31/12/2009 or 2009-12-31."),
        "implausible-date": translate("Roster", "Not a plausible date of birth (age 8 to 120)."),
        "not-minutes": translate("Roster", "Whole minutes, for example 30."),
        "too-much-time": translate("Roster", "At most %1 minutes."),
        "unknown-program": translate("Roster", "Unknown program %1 (known: %2)."),
    }
    text = texts.get(problem.code)
    if text is None:
        return problem.english()
    value = str(MAX_EXTRA_TIME_MINUTES) if problem.code == "too-much-time" else problem.value
    return text.replace("%1", value).replace("%2", ", ".join(ASSISTIVE_PROGRAMS))


def roster_problem_text(widget: QWidget, problem: RosterProblem) -> str:
    """One refusal of an imported roster, with its line, in the interface's language."""
    if problem.field is not None:
        text = f"{field_name(widget, problem.field.field)}: {problem_text(widget, problem.field)}"
    else:
        texts = {
            "too-large": translate("Roster", "The file is larger than %1 MiB: it is not a roster."),
            "not-utf8": translate("Roster", "The file is not UTF-8 text: save it as “CSV UTF-8”."),
            "missing-columns": translate("Roster", "The header lacks the column(s) %1."),
            "unknown-columns": translate("Roster", "Unknown column(s) %1."),
            "unreadable": translate("Roster", "Not readable as CSV (%1); nothing after it was read."),
            "field-count": translate("Roster", "%1 fields were expected."),
            "duplicate-external-id": translate("Roster", "This external id is already on line %1."),
            "empty": translate("Roster", "No candidate in the file."),
        }
        detail = str(MAX_ROSTER_BYTES // 1024 // 1024) if problem.code == "too-large" else problem.detail
        text = texts[problem.code].replace("%1", detail) if problem.code in texts else problem.english("")
    if not problem.line:
        return text
    return translate("Roster", "Line %1: %2").replace("%1", str(problem.line)).replace("%2", text)


class CandidateDialog(QDialog):
    """Add or edit one roster line; each wrong field says why beside itself (and to screen readers)."""

    def __init__(self, console: Any, exam: ExamSession, candidate: Candidate | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("candidate")
        self.console, self.exam, self.candidate = console, exam, candidate
        self.saved: Candidate | None = None
        self.setStyleSheet(PAGE_STYLE)
        self.fields = {key: Field(key, QLineEdit()) for key in ("last_name", "first_name", "birth_date",
                                                                "external_id", "accommodations")}
        extra = QSpinBox()
        extra.setRange(0, MAX_EXTRA_TIME_MINUTES)
        extra.setSingleStep(5)
        self.fields["extra_time_minutes"] = Field("extra_time_minutes", extra)
        self.programs = QListWidget()
        for program in ASSISTIVE_PROGRAMS:
            item = QListWidgetItem(program)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.programs.addItem(item)
        # all of them in view at once, in rows: a hidden choice would go unseen
        self.programs.setFlow(QListView.Flow.LeftToRight)
        self.programs.setWrapping(True)
        self.programs.setResizeMode(QListView.ResizeMode.Adjust)
        self.programs.setGridSize(QSize(170, 28))
        self.programs.setMaximumHeight(100)
        self.fields["assistive_programs"] = Field("assistive_programs", self.programs)
        if candidate is not None:
            self.fields["last_name"].editor.setText(candidate.last_name)
            self.fields["first_name"].editor.setText(candidate.first_name)
            self.fields["birth_date"].editor.setText(QDate(candidate.birth_date.year, candidate.birth_date.month,
                                                           candidate.birth_date.day).toString("dd/MM/yyyy"))
            self.fields["external_id"].editor.setText(candidate.external_id)
            self.fields["accommodations"].editor.setText("; ".join(candidate.other_accommodations))
            extra.setValue(candidate.extra_time_minutes)
            for i in range(self.programs.count()):
                if self.programs.item(i).text() in candidate.assistive_programs:
                    self.programs.item(i).setCheckState(Qt.CheckState.Checked)
        self.message = label("error")
        self.message.setObjectName("candidate-message")
        self.message.setVisible(False)
        self.save_button = button("save", self.save, default=True)
        self.cancel_button = button("cancel", self.reject)
        grid = QGridLayout()
        order = ("last_name", "first_name", "birth_date", "external_id", "extra_time_minutes", "accommodations")
        for index, key in enumerate(order):
            grid.addWidget(self.fields[key], index // 2, index % 2, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(24)
        self.setMinimumWidth(760)
        grid.addWidget(self.fields["assistive_programs"], 3, 0, 1, 2, Qt.AlignmentFlag.AlignTop)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.save_button)
        column = QVBoxLayout(self)
        column.addLayout(grid)
        column.addWidget(self.message)
        column.addLayout(actions)
        self.retranslateUi()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Edit a candidate") if self.candidate else self.tr("Add a candidate"))
        hints = {"last_name": self.tr("As on the identity document."),
                 "first_name": self.tr("As on the identity document."),
                 "birth_date": self.tr("For example 31/12/2009."),
                 "external_id": self.tr("The candidate's number with the certifying body (optional)."),
                 "extra_time_minutes": self.tr("Planned extra time (temps majoré)."),
                 "accommodations": self.tr("Separated by semicolons, for example: large print; screen-reader."),
                 "assistive_programs": self.tr("Programs allowed in focus mode (a screen reader, an on-screen "
                                               "keyboard, a magnifier).")}
        for key, f in self.fields.items():
            f.set_caption(field_name(self, key), hints[key])
        self.save_button.setText(self.tr("&Save"))
        self.cancel_button.setText(self.tr("Cancel"))

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {k: f.editor.text() for k, f in self.fields.items() if isinstance(f.editor, QLineEdit)}
        values["extra_time_minutes"] = str(self.fields["extra_time_minutes"].editor.value())
        values["assistive_programs"] = [self.programs.item(i).text() for i in range(self.programs.count())
                                        if self.programs.item(i).checkState() == Qt.CheckState.Checked]
        return values

    def save(self) -> None:
        candidate_id = self.candidate.id if self.candidate else uuid.uuid4().hex
        candidate, problems = check_candidate(self.values(), id=candidate_id, session_id=self.exam.id,
                                              today=self.console.now().date())
        by_field = {p.field: p for p in reversed(problems)}
        for key, f in self.fields.items():
            f.set_error(problem_text(self, by_field[key]) if key in by_field else "")
        self.message.setVisible(False)
        if candidate is None:
            next(f for f in self.fields.values() if f.invalid).editor.setFocus()
            return
        try:
            if self.candidate is None:
                self.console.store.sessions.add_candidates([candidate])
            else:
                self.console.store.sessions.update_candidate(candidate)
        except InvigilatorError as exc:
            self.message.setText(f"⚠ {exc}")
            self.message.setVisible(True)
            return
        self.saved = candidate
        self.accept()


class RosterPanel(Retranslated):
    """The candidates of the selected session."""

    COLUMNS = ("last_name", "first_name", "birth_date", "external_id", "extra_time_minutes", "accommodations",
               "assistive_programs")

    def __init__(self, console: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.console = console
        self.exam: ExamSession | None = None
        self.candidates: list[Candidate] = []
        self.dialog: CandidateDialog | None = None
        self.setStyleSheet(PAGE_STYLE)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("roster")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.edit_candidate())
        self.import_button = button("import-roster", self.choose_file)
        self.add_button = button("add-candidate", self.add_candidate)
        self.edit_button = button("edit-candidate", self.edit_candidate)
        self.count = label("")
        self.count.setObjectName("roster-count")
        self.summary = label("error")
        self.summary.setObjectName("import-summary")
        self.summary.setVisible(False)
        self.problems = QListWidget()
        self.problems.setObjectName("import-problems")
        self.problems.setVisible(False)
        self.problems.setMaximumHeight(140)
        actions = QHBoxLayout()
        for b in (self.import_button, self.add_button, self.edit_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.count)
        column = QVBoxLayout(self)
        column.addLayout(actions)
        column.addWidget(self.summary)
        column.addWidget(self.problems)
        column.addWidget(self.table, 1)
        self.retranslateUi()
        self.set_session(None)

    def retranslateUi(self) -> None:
        self.table.setHorizontalHeaderLabels([field_name(self, key) for key in self.COLUMNS])
        self.table.setAccessibleName(self.tr("Roster"))
        self.problems.setAccessibleName(self.tr("Problems found in the roster file"))
        self.import_button.setText(self.tr("Import a &CSV file…"))
        self.add_button.setText(self.tr("&Add a candidate…"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.refresh()

    def set_session(self, exam: ExamSession | None) -> None:
        if exam is None or self.exam is None or exam.id != self.exam.id:
            self.summary.setVisible(False)
            self.problems.setVisible(False)
        self.exam = exam
        self.refresh()

    @property
    def editable(self) -> bool:
        return self.exam is not None and self.exam.status is not SessionStatus.CLOSED

    def refresh(self) -> None:
        self.candidates = self.console.store.sessions.roster(self.exam.id) if self.exam is not None else []
        self.table.setRowCount(len(self.candidates))
        for row, c in enumerate(self.candidates):
            cells = (c.last_name.upper(), c.first_name, QDate(c.birth_date.year, c.birth_date.month,
                                                              c.birth_date.day).toString("dd/MM/yyyy"),
                     c.external_id, str(c.extra_time_minutes) if c.extra_time_minutes else "",
                     "; ".join(c.other_accommodations), ", ".join(c.assistive_programs))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.count.setText(self.tr("%n candidate(s)", "", len(self.candidates)))
        for b in (self.import_button, self.add_button):
            b.setEnabled(self.editable)
        self.edit_button.setEnabled(self.editable and bool(self.candidates))

    # -- import -------------------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("A roster to import"), "",
                                              self.tr("CSV files (*.csv *.txt)") + ";;" + self.tr("All files (*)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> int:
        """Import every line of ``path`` or none; the problems are listed with their line numbers."""
        if self.exam is None:
            return 0
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_ROSTER_BYTES + 1)
        except OSError as exc:
            return self._refused([], self.tr("%1 cannot be read: %2").replace("%1", path.name)
                                 .replace("%2", exc.strerror or str(exc)))
        text, problems = decode_roster(data)
        candidates: list[Candidate] = []
        if text is not None:
            candidates, problems = read_roster(text, self.exam.id, today=self.console.now().date(),
                                               new_id=lambda: uuid.uuid4().hex)
        if len(problems) == 1 and problems[0].line == 0:  # the file as a whole: not UTF-8, too large, empty
            return self._refused([], self.tr("%1: nothing was imported: %2").replace("%1", path.name)
                                 .replace("%2", roster_problem_text(self, problems[0])))
        if problems:
            return self._refused([roster_problem_text(self, p) for p in problems],
                                 self.tr("%1: %n problem(s) found; nothing was imported. Correct the file and "
                                         "import it again.", "", len(problems)).replace("%1", path.name))
        try:
            self.console.store.sessions.add_candidates(candidates)
        except InvigilatorError as exc:
            return self._refused([], self.tr("%1: nothing was imported: %2").replace("%1", path.name)
                                 .replace("%2", str(exc)))
        restyle(self.summary, role="")
        self.summary.setText(self.tr("%1: %n candidate(s) imported.", "", len(candidates)).replace("%1", path.name))
        self.summary.setVisible(True)
        self.problems.setVisible(False)
        self.refresh()
        return len(candidates)

    def _refused(self, lines: list[str], summary: str) -> int:
        restyle(self.summary, role="error")
        self.summary.setText(f"⚠ {summary}")
        self.summary.setVisible(True)
        self.problems.clear()
        self.problems.addItems(lines)
        self.problems.setVisible(bool(lines))
        if lines:
            self.problems.setCurrentRow(0)
            self.problems.setFocus()
        self.refresh()
        return 0

    # -- by hand ------------------------------------------------------------------------------------------
    def add_candidate(self) -> CandidateDialog | None:
        return self._open(None)

    def edit_candidate(self) -> CandidateDialog | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.candidates):
            return None
        return self._open(self.candidates[row])

    def _open(self, candidate: Candidate | None) -> CandidateDialog | None:
        if not self.editable or self.exam is None:
            return None
        self.dialog = CandidateDialog(self.console, self.exam, candidate, self)
        self.dialog.accepted.connect(self.refresh)
        self.dialog.open()
        return self.dialog
