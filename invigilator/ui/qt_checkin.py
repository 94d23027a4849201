"""Check-in: who checked in at which kiosk, the roster line proposed beside what was typed, the
invigilator's confirmation, and the authorisation of one candidate or of every confirmed one.

Nothing is accepted on the console's own: an exact match is proposed, a near match is proposed
as near (and why), and only the invigilator confirms, after comparing the two side by side.
Authorising goes through :meth:`invigilator.store.checkins.CheckInStore.authorise` — the same
authorise-start command as ``session authorise KIOSK --candidate ID``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from invigilator.core.center import ExamSession
from invigilator.core.checkin import CheckIn, CheckInState, Proposal, Refusal
from invigilator.core.roster import Candidate, name_key
from invigilator.errors import InvigilatorError
from invigilator.ui.qt_fields import PAGE_STYLE, Field, Retranslated, button, label, restyle
from protocol.keys import KeyPair

REFRESH_MS = 1000


def _date(day: Any) -> str:
    return QDate(day.year, day.month, day.day).toString("dd/MM/yyyy")


class CheckInPanel(Retranslated):
    """The check-ins of the selected session and what the invigilator decides about them;
    ``changed()`` once a decision is stored (the room's tiles follow it)."""

    changed = Signal()

    def __init__(self, console: Any, keys: KeyPair, parent: QWidget | None = None):
        super().__init__(parent)
        self.console, self.keys = console, keys
        self.exam: ExamSession | None = None
        self.checkins: list[CheckIn] = []
        self.roster: dict[str, Candidate] = {}
        self.kiosk_names: dict[str, str] = {}
        self.setStyleSheet(PAGE_STYLE)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

        self.invigilator = Field("invigilator", QComboBox())
        self.invigilator.editor.setEditable(True)
        self.invigilator.setMinimumWidth(260)
        self.waiting = label("", wrap=False)
        self.waiting.setObjectName("checkins-waiting")
        self.authorise_all_button = button("authorise-all", self.authorise_all)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("checkins")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._show_selected)

        # the comparison: typed at the kiosk | the roster line chosen
        self.detail = QFrame()
        self.detail.setObjectName("checkin-detail")
        self.detail.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self.detail)
        grid.setHorizontalSpacing(16)
        self.typed_caption, self.roster_caption = label("lead", wrap=False), label("lead", wrap=False)
        self.row_captions = [label("", wrap=False) for _ in range(3)]
        self.typed_values = [label("", wrap=False) for _ in range(3)]
        self.roster_values = [label("", wrap=False) for _ in range(3)]
        for i, name in enumerate(("last", "first", "born")):
            self.typed_values[i].setObjectName(f"typed-{name}")
            self.roster_values[i].setObjectName(f"roster-{name}")
        grid.addWidget(self.typed_caption, 0, 1)
        grid.addWidget(self.roster_caption, 0, 2)
        for i in range(3):
            grid.addWidget(self.row_captions[i], i + 1, 0)
            grid.addWidget(self.typed_values[i], i + 1, 1)
            grid.addWidget(self.roster_values[i], i + 1, 2)
        self.choice = Field("roster-line", QComboBox())
        self.choice.editor.currentIndexChanged.connect(self._show_choice)
        self.why = label("")
        self.why.setObjectName("checkin-why")
        grid.addWidget(self.choice, 4, 0, 1, 3)
        grid.addWidget(self.why, 5, 0, 1, 3)
        self.confirm_button = button("confirm", self.confirm)
        self.unconfirm_button = button("unconfirm", self.unconfirm)
        self.authorise_button = button("authorise", self.authorise)
        row = QHBoxLayout()
        for b in (self.confirm_button, self.unconfirm_button, self.authorise_button):
            row.addWidget(b)
        row.addStretch(1)
        grid.addLayout(row, 6, 0, 1, 3)
        self.message = label("")
        self.message.setObjectName("checkin-message")
        self.message.setVisible(False)

        top = QHBoxLayout()
        top.addWidget(self.invigilator)
        top.addStretch(1)
        top.addWidget(self.waiting)
        top.addWidget(self.authorise_all_button)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addWidget(self.detail, 2)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addLayout(body, 1)
        column.addWidget(self.message)
        self.retranslateUi()

    # -- texts ------------------------------------------------------------------------------------------------
    def retranslateUi(self) -> None:
        self.invigilator.set_caption(self.tr("In&vigilator deciding"),
                                     self.tr("Named in the record of every confirmation and authorisation."))
        self.table.setHorizontalHeaderLabels([self.tr("Kiosk"), self.tr("Typed at the kiosk"), self.tr("Born"),
                                              self.tr("State"), self.tr("Roster line")])
        self.table.setAccessibleName(self.tr("Check-ins"))
        self.typed_caption.setText(self.tr("Typed at the kiosk"))
        self.roster_caption.setText(self.tr("Roster line"))
        for caption, text in zip(self.row_captions, (self.tr("Last name"), self.tr("First name"),
                                                     self.tr("Date of birth")), strict=True):
            caption.setText(text)
        self.choice.set_caption(self.tr("&Roster line to compare"),
                                self.tr("Proposed lines first; any other line of the roster after them."))
        self.confirm_button.setText(self.tr("&Confirm the identity"))
        self.unconfirm_button.setText(self.tr("&Set back"))
        self.authorise_button.setText(self.tr("&Authorise this candidate"))
        self.refresh()

    def state_text(self, c: CheckIn) -> str:
        if c.state is CheckInState.REFUSED:
            return {Refusal.WRONG_CODE: self.tr("Refused: wrong session number or access code"),
                    Refusal.NOT_OPEN: self.tr("Refused: session not open yet"),
                    Refusal.CLOSED: self.tr("Refused: session closed")}[c.refusal or Refusal.WRONG_CODE]
        return {CheckInState.UNKNOWN: self.tr("No roster line fits"),
                CheckInState.PROPOSED: self.tr("Identity to check"),
                CheckInState.CONFIRMED: self.tr("Identity confirmed"),
                CheckInState.AUTHORISED: self.tr("Authorised")}[c.state]

    def proposal_text(self, p: Proposal) -> str:
        if p.exact:
            return self.tr("exact match")
        return {"name-typo": self.tr("near match: a name differs slightly"),
                "names-swapped": self.tr("near match: last and first names swapped"),
                "date-swapped": self.tr("near match: day and month of birth swapped")}.get(p.why, self.tr("near match"))

    # -- data ------------------------------------------------------------------------------------------------------
    def set_session(self, exam: ExamSession | None) -> None:
        self.exam = exam
        self.invigilator.editor.clear()
        if exam is not None:
            self.invigilator.editor.addItems(list(exam.invigilators))
        self._say("")
        self.refresh()

    @property
    def current(self) -> CheckIn | None:
        row = self.table.currentRow()
        return self.checkins[row] if 0 <= row < len(self.checkins) else None

    def refresh(self) -> None:
        keep = (self.current.kiosk_id, self.current.attempt_id) if self.current else None
        if self.exam is None:
            self.checkins, self.roster = [], {}
        else:
            self.checkins = self.console.store.checkins.checkins(self.exam.id)
            self.roster = {c.id: c for c in self.console.store.sessions.roster(self.exam.id)}
            self.kiosk_names = {k.id: k.name for k in self.console.store.kiosks.kiosks()}
        # those that need the invigilator first, then the rest, each in arrival order
        order = {CheckInState.PROPOSED: 0, CheckInState.UNKNOWN: 1, CheckInState.CONFIRMED: 2,
                 CheckInState.REFUSED: 3, CheckInState.AUTHORISED: 4}
        self.checkins.sort(key=lambda c: (order[c.state], c.received_at))
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.checkins))
        for row, c in enumerate(self.checkins):
            line = self.roster.get(c.candidate_id or (c.proposals[0].candidate_id if c.proposals else ""))
            cells = (self.kiosk_names.get(c.kiosk_id, c.kiosk_id[:8]), c.typed.display_name, _date(c.typed.birth_date),
                     self.state_text(c), line.display_name if line is not None else "—")
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.blockSignals(False)
        index = next((i for i, c in enumerate(self.checkins) if (c.kiosk_id, c.attempt_id) == keep),
                     0 if self.checkins else -1)
        if index >= 0 and index != self.table.currentRow():
            self.table.selectRow(index)
        confirmed = sum(1 for c in self.checkins if c.state is CheckInState.CONFIRMED)
        waiting = sum(1 for c in self.checkins if c.state in (CheckInState.PROPOSED, CheckInState.UNKNOWN))
        self.waiting.setText(self.tr("%n waiting for an identity check", "", waiting))
        self.authorise_all_button.setText(self.tr("Authorise &every confirmed candidate (%1)")
                                          .replace("%1", str(confirmed)))
        self.authorise_all_button.setEnabled(confirmed > 0)
        self._show_selected(keep_choice=True)

    def _show_selected(self, keep_choice: bool = False) -> None:
        c = self.current
        self.detail.setVisible(c is not None)
        if c is None:
            return
        held = self.choice.editor.currentData() if keep_choice else None
        self.choice.editor.blockSignals(True)
        self.choice.editor.clear()
        if c.candidate_id is not None:
            line = self.roster.get(c.candidate_id)
            self.choice.editor.addItem(line.display_name if line else c.candidate_id, c.candidate_id)
        else:
            proposed = {p.candidate_id for p in c.proposals}
            if not c.proposals:  # nothing proposed: no line is offered until one is chosen deliberately
                self.choice.editor.addItem(self.tr("— choose the roster line after checking the identity —"), None)
            for p in c.proposals:
                line = self.roster.get(p.candidate_id)
                if line is not None:
                    self.choice.editor.addItem(f"{line.display_name} — {self.proposal_text(p)}", p.candidate_id)
            other = self.tr("other roster line")
            for line in self.roster.values():
                if line.id not in proposed:
                    self.choice.editor.addItem(f"{line.display_name} — {other}", line.id)
        index = self.choice.editor.findData(held) if held is not None else 0
        self.choice.editor.setCurrentIndex(max(index, 0))
        self.choice.editor.blockSignals(False)
        self.choice.editor.setEnabled(c.state in (CheckInState.PROPOSED, CheckInState.UNKNOWN))
        typed = (c.typed.last_name, c.typed.first_name, _date(c.typed.birth_date))
        for value, text in zip(self.typed_values, typed, strict=True):
            value.setText(text)
        self._show_choice()

    def _show_choice(self) -> None:
        c = self.current
        if c is None:
            return
        line = self.roster.get(self.choice.editor.currentData() or "")
        shown = (line.last_name, line.first_name, _date(line.birth_date)) if line else ("—", "—", "—")
        typed = (c.typed.last_name, c.typed.first_name, _date(c.typed.birth_date))
        differs = self.tr("differs")
        for i, value in enumerate(self.roster_values):
            same = line is not None and (name_key(shown[i]).replace(" ", "") == name_key(typed[i]).replace(" ", "")
                                         if i < 2 else shown[i] == typed[i])
            value.setText(shown[i] if same or line is None else f"{shown[i]}  ⚠ {differs}")
            restyle(value, role="" if same or line is None else "error")
        proposal = next((p for p in c.proposals if line is not None and p.candidate_id == line.id), None)
        if c.state is CheckInState.REFUSED:
            self.why.setText(self.tr("The kiosk was told why; the candidate checks in again with the right codes."))
        elif c.state in (CheckInState.CONFIRMED, CheckInState.AUTHORISED):
            self.why.setText(self.tr("Confirmed by %1.").replace("%1", c.confirmed_by))
        elif proposal is not None:
            self.why.setText(self.proposal_text(proposal) + " — " + self.tr("check the identity document."))
        else:
            self.why.setText(self.tr("Not proposed: confirm only after checking the identity document."))
        self.confirm_button.setEnabled(line is not None and c.state in (CheckInState.PROPOSED, CheckInState.UNKNOWN))
        self.unconfirm_button.setEnabled(c.state is CheckInState.CONFIRMED)
        self.authorise_button.setEnabled(c.state is CheckInState.CONFIRMED)

    # -- decisions ---------------------------------------------------------------------------------------------------
    def _by(self) -> str | None:
        by = " ".join(self.invigilator.editor.currentText().split())
        self.invigilator.set_error("" if by else self.tr("Say who decides."))
        if not by:
            self.invigilator.editor.setFocus()
        return by or None

    def _say(self, text: str, error: bool = False) -> None:
        restyle(self.message, role="error" if error else "")
        self.message.setText(f"⚠ {text}" if error and text else text)
        self.message.setVisible(bool(text))

    def confirm(self) -> None:
        c, by = self.current, self._by()
        candidate_id = self.choice.editor.currentData()
        if c is None or by is None or candidate_id is None:
            return
        try:
            self.console.store.checkins.confirm(c.kiosk_id, c.attempt_id, candidate_id, by, self.console.now())
        except InvigilatorError as exc:
            self._say(str(exc), error=True)
            return
        self._say(self.tr("Identity confirmed at kiosk %1.").replace("%1", self.kiosk_names.get(c.kiosk_id, "")))
        self.changed.emit()
        self.refresh()

    def unconfirm(self) -> None:
        c = self.current
        if c is None:
            return
        try:
            self.console.store.checkins.unconfirm(c.kiosk_id, c.attempt_id)
        except InvigilatorError as exc:
            self._say(str(exc), error=True)
            return
        self._say("")
        self.changed.emit()
        self.refresh()

    def authorise(self) -> None:
        c, by = self.current, self._by()
        if c is None or by is None:
            return
        try:
            self.console.store.checkins.authorise(c.kiosk_id, c.attempt_id, self.console.now(), by)
        except InvigilatorError as exc:
            self._say(str(exc), error=True)
            return
        self._say(self.tr("Authorised: kiosk %1 starts at its next sync.")
                  .replace("%1", self.kiosk_names.get(c.kiosk_id, "")))
        self.changed.emit()
        self.refresh()

    def authorise_all(self) -> None:
        by = self._by()
        if self.exam is None or by is None:
            return
        done, refused = self.console.store.checkins.authorise_confirmed(self.exam.id, self.console.now(), by)
        text = self.tr("%n candidate(s) authorised.", "", len(done))
        if refused:
            reasons = "; ".join(f"{self.kiosk_names.get(c.kiosk_id, c.kiosk_id[:8])}: {why}" for c, why in refused)
            text += " " + self.tr("Not authorised: %1").replace("%1", reasons)
        self._say(text, error=bool(refused))
        self.changed.emit()
        self.refresh()

    # -- live while shown -----------------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        self.timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)
