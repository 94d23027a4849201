"""The list of sessions: create one (bank, profile, date, room, invigilators), show its number and access
code big enough to copy to the board, open and close it; its roster and check-ins below.

Every change goes through the store calls the CLI makes (``session create/open/close``), so a
session made here and one made with ``pupitre-invigilator session create`` are the same thing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from invigilator.core.center import ExamSession, SessionStatus
from invigilator.errors import InvigilatorError
from invigilator.ui.qt_checkin import CheckInPanel
from invigilator.ui.qt_fields import PAGE_STYLE, Field, Retranslated, button, label
from invigilator.ui.qt_roster import RosterPanel
from itembank.errors import ItemBankError
from protocol.keys import KeyPair

translate = QCoreApplication.translate  # the pages' module-level texts (lupdate reads these calls)


def status_text(widget: QWidget, status: SessionStatus) -> str:
    return {SessionStatus.PLANNED: translate("Sessions", "Planned"),
            SessionStatus.OPEN: translate("Sessions", "Open for check-in"),
            SessionStatus.CLOSED: translate("Sessions", "Closed")}[status]


def short_date(day: dt.date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


class CreateSessionDialog(QDialog):
    """A new session's bank, profile, date, room and invigilators; ``created`` holds it once made."""

    def __init__(self, console: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("create-session")
        self.console = console
        self.created: ExamSession | None = None
        self.setStyleSheet(PAGE_STYLE)
        self.bank = Field("bank", QComboBox())
        self.profile = Field("profile", QComboBox())
        self.date = Field("date", QDateEdit())
        self.room = Field("room", QLineEdit())
        self.invigilators = Field("invigilators", QLineEdit())
        self.date.editor.setCalendarPopup(True)
        today = console.now().date()
        self.date.editor.setDate(QDate(today.year, today.month, today.day))
        self.room.editor.setMaxLength(120)
        for bank in console.store.sessions.banks():
            self.bank.editor.addItem(f"{bank.title} ({bank.id})", bank.id)
        self.bank.editor.currentIndexChanged.connect(self._profiles)
        self.message = label("error")
        self.message.setObjectName("create-message")
        self.message.setVisible(False)
        self.create_button = button("create", self.create, default=True)
        self.cancel_button = button("cancel", self.reject)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.create_button)
        self.setMinimumWidth(560)
        column = QVBoxLayout(self)
        for f in (self.bank, self.profile, self.date, self.room, self.invigilators):
            column.addWidget(f)
        column.addWidget(self.message)
        column.addLayout(actions)
        self._profiles()
        self.retranslateUi()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("New session"))
        self.bank.set_caption(self.tr("&Bank"), self.tr("The bank the candidates' tests are drawn from."))
        self.profile.set_caption(self.tr("&Profile"), self.tr("The test's length and rules, as the bank defines them."))
        self.date.set_caption(self.tr("&Date"))
        self.room.set_caption(self.tr("&Room"), self.tr("For example B12."))
        self.invigilators.set_caption(self.tr("&Invigilators"),
                                      self.tr("Their names, separated by commas; they appear on the session report."))
        self.create_button.setText(self.tr("&Create the session"))
        self.cancel_button.setText(self.tr("Cancel"))

    def _profiles(self) -> None:
        self.profile.editor.clear()
        bank_id = self.bank.editor.currentData()
        if bank_id is None:
            return
        try:
            for profile in self.console.bank_profiles(bank_id):
                self.profile.editor.addItem(profile, profile)
        except (InvigilatorError, ItemBankError, OSError) as exc:
            self.bank.set_error(str(exc))

    def create(self) -> None:
        names = [" ".join(n.split()) for n in self.invigilators.editor.text().split(",") if n.strip()]
        room = " ".join(self.room.editor.text().split())
        self.bank.set_error("" if self.bank.editor.currentData() else
                            self.tr("No bank is imported yet: import one first."))
        self.profile.set_error("" if self.profile.editor.currentData() else self.tr("Required."))
        self.room.set_error("" if room else self.tr("Required."))
        self.invigilators.set_error("" if names else self.tr("Name at least one invigilator."))
        wrong = [f for f in (self.bank, self.profile, self.room, self.invigilators) if f.invalid]
        if wrong:
            wrong[0].editor.setFocus()
            return
        when = self.date.editor.date()
        try:
            self.created = self.console.store.sessions.create_session(
                self.bank.editor.currentData(), self.profile.editor.currentData(),
                dt.date(when.year(), when.month(), when.day()), room, self.console.now(), self.console.rng,
                invigilators=tuple(names))
        except InvigilatorError as exc:
            self.message.setText(f"⚠ {exc}")
            self.message.setVisible(True)
            return
        self.accept()


class SessionsPage(Retranslated):
    """The sessions of this console, the selected one's codes, roster and check-ins."""

    session_changed = Signal(object)  # the selected ExamSession (or None)
    finalise_requested = Signal(str)  # a session id: the window opens its finalisation screen

    def __init__(self, console: Any, keys: KeyPair, parent: QWidget | None = None):
        super().__init__(parent)
        self.console, self.keys = console, keys
        self.sessions: list[ExamSession] = []
        self.dialog: CreateSessionDialog | None = None
        self.setStyleSheet(PAGE_STYLE)
        self.title = label("title")
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("sessions")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)
        self.new_button = button("new-session", self.new_session)
        self.open_button = button("open-session", self.open_session)
        self.close_button = button("close-session", self.close_session)
        self.finalise_button = button("finalise-session", self.finalise_session)
        self.message = label("error")
        self.message.setObjectName("sessions-message")
        self.message.setVisible(False)

        # the board: what the invigilator copies for the candidates
        self.board = QFrame()
        self.board.setObjectName("board")
        self.board.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self.board)
        self.number_caption, self.code_caption = label("", wrap=False), label("", wrap=False)
        self.number, self.code = label("board", wrap=False), label("board", wrap=False)
        self.number.setObjectName("session-number")
        self.code.setObjectName("access-code")
        for value in (self.number, self.code):
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
            value.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.details = label("")
        self.details.setObjectName("session-details")
        self.copy_button = button("copy-codes", self.copy_codes)
        # one under the other: side by side, two big codes would widen the window past a 1366-pixel screen
        grid.addWidget(self.number_caption, 0, 0)
        grid.addWidget(self.number, 1, 0)
        grid.addWidget(self.code_caption, 2, 0)
        grid.addWidget(self.code, 3, 0)
        grid.addWidget(self.details, 4, 0)
        grid.addWidget(self.copy_button, 5, 0, 1, 1, Qt.AlignmentFlag.AlignLeft)
        grid.setRowStretch(6, 1)
        for value in (self.number, self.code):  # at a very large text size: cut, never a window off the screen
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)

        self.roster = RosterPanel(console)
        self.checkin = CheckInPanel(console, keys)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("session-tabs")
        self.tabs.addTab(self.roster, "")
        self.tabs.addTab(self.checkin, "")

        actions = QHBoxLayout()
        for b in (self.new_button, self.open_button, self.close_button, self.finalise_button):
            actions.addWidget(b)
        actions.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.title)
        left.addLayout(actions)
        left.addWidget(self.table, 1)
        left.addWidget(self.message)
        top = QHBoxLayout()
        top.addLayout(left, 3)
        top.addWidget(self.board, 2)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 12, 16, 12)
        column.addLayout(top, 2)
        column.addWidget(self.tabs, 3)
        self.retranslateUi()
        self.refresh()

    # -- texts -------------------------------------------------------------------------------------------
    def retranslateUi(self) -> None:
        self.title.setText(self.tr("Sessions"))
        self.table.setHorizontalHeaderLabels([self.tr("Number"), self.tr("Date"), self.tr("Room"), self.tr("Bank"),
                                              self.tr("Profile"), self.tr("State")])
        self.table.setAccessibleName(self.tr("Sessions"))
        self.new_button.setText(self.tr("&New session…"))
        self.open_button.setText(self.tr("&Open for check-in"))
        self.close_button.setText(self.tr("C&lose the session"))
        self.finalise_button.setText(self.tr("&Finalise the session…"))
        self.finalise_button.setToolTip(self.tr("Check the results, sign the session report with the center key "
                                                "and make the package for the hub. Finalising closes the session."))
        self.number_caption.setText(self.tr("Session number"))
        self.code_caption.setText(self.tr("Access code"))
        self.copy_button.setText(self.tr("Cop&y for the board"))
        self.tabs.setTabText(0, self.tr("&Roster"))
        self.tabs.setTabText(1, self.tr("Check-&in"))
        self.refresh()

    # -- the list ----------------------------------------------------------------------------------------------
    @property
    def current(self) -> ExamSession | None:
        row = self.table.currentRow()
        return self.sessions[row] if 0 <= row < len(self.sessions) else None

    def refresh(self, select: str | None = None) -> None:
        keep = select or (self.current.id if self.current else None)
        self.sessions = self.console.store.sessions.sessions()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.sessions))
        for row, s in enumerate(self.sessions):
            for column, text in enumerate((s.id, short_date(s.date), s.room, s.bank_id, s.profile,
                                           status_text(self, s.status))):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.blockSignals(False)
        index = next((i for i, s in enumerate(self.sessions) if s.id == keep), 0 if self.sessions else -1)
        if index >= 0:
            self.table.selectRow(index)
        self._selected()

    def _selected(self) -> None:
        exam = self.current
        self.open_button.setEnabled(exam is not None and exam.status is SessionStatus.PLANNED)
        self.close_button.setEnabled(exam is not None and exam.status is SessionStatus.OPEN)
        # finalisation closes an open session itself; a finalised one opens on its package
        self.finalise_button.setEnabled(exam is not None and exam.status is not SessionStatus.PLANNED)
        self.board.setVisible(exam is not None)
        self.copy_button.setEnabled(exam is not None)
        if exam is not None:
            self.number.setText(exam.id)
            self.code.setText(exam.access_code)
            self.number.setAccessibleName(f"{self.number_caption.text()} {' '.join(exam.id)}")
            self.code.setAccessibleName(f"{self.code_caption.text()} {' '.join(exam.access_code)}")
            self.details.setText(self.tr("%1, room %2 — %3 — invigilated by %4")
                                 .replace("%1", short_date(exam.date)).replace("%2", exam.room)
                                 .replace("%3", status_text(self, exam.status))
                                 .replace("%4", ", ".join(exam.invigilators) or "—"))
        self.roster.set_session(exam)
        self.checkin.set_session(exam)
        self.session_changed.emit(exam)

    def _say(self, text: str) -> None:
        self.message.setText(f"⚠ {text}" if text else "")
        self.message.setVisible(bool(text))

    # -- actions ------------------------------------------------------------------------------------------------
    def new_session(self) -> CreateSessionDialog:
        """Open the new-session dialog (not blocking); the list shows the session once it is made."""
        self.dialog = CreateSessionDialog(self.console, self)
        self.dialog.accepted.connect(self._created)
        self.dialog.open()
        return self.dialog

    def _created(self) -> None:
        if self.dialog is not None and self.dialog.created is not None:
            self._say("")
            self.refresh(select=self.dialog.created.id)
            self.code.setFocus()

    def open_session(self) -> None:
        exam = self.current
        if exam is None:
            return
        try:
            self.console.store.sessions.set_status(exam.id, SessionStatus.OPEN, self.console.now())
        except InvigilatorError as exc:
            self._say(str(exc))
            return
        self._say("")
        self.refresh(select=exam.id)

    def close_session(self) -> None:
        exam = self.current
        if exam is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Close the session?"),
            self.tr("Session %1 will be closed: no candidate can check in any more and its roster no longer "
                    "changes. This cannot be undone.").replace("%1", exam.id),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.console.store.sessions.set_status(exam.id, SessionStatus.CLOSED, self.console.now())
        self.refresh(select=exam.id)

    def finalise_session(self) -> None:
        """Ask the window for the finalisation screen of the selected session (it refreshes the list after)."""
        exam = self.current
        if exam is not None and exam.status is not SessionStatus.PLANNED:
            self.finalise_requested.emit(exam.id)

    def copy_codes(self) -> str:
        exam = self.current
        if exam is None:
            return ""
        text = (self.tr("Session number: %1").replace("%1", exam.id) + "\n"
                + self.tr("Access code: %1").replace("%1", exam.access_code))
        QGuiApplication.clipboard().setText(text)
        return text
