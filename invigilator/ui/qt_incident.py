"""Record an incident of the session in DOMAIN's categories and sub-reasons (kept in the store, printed in
the session report, sent in the session package)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QComboBox, QWidget

from invigilator.core.center import SessionStatus
from invigilator.core.incidents import LABELS, NOTE_REQUIRED, SUB_REASONS, IncidentCategory
from invigilator.room_actions import Refused, RoomActions
from invigilator.ui.qt_action_dialog import QtActionDialog
from invigilator.ui.qt_action_parts import QtNoteEdit


def label(value: str) -> str:
    """A category's or sub-reason's name in the interface's language (French unless English is chosen)."""
    fr, en = LABELS.get(value, (value, value))
    return en if QLocale().language() == QLocale.Language.English else fr


class QtIncidentDialog(QtActionDialog):
    """One incident: session, category, sub-reason, candidate (optional), note."""

    def __init__(self, actions: RoomActions, kiosk_id: str | None, kiosk_label: str, invigilators: Iterable[str],
                 current: str = "", parent: QWidget | None = None):
        super().__init__(actions, invigilators, current, parent)
        self.kiosk_id = kiosk_id or None
        store = actions.store
        kiosk = actions.kiosk(kiosk_id) if kiosk_id else None
        on_kiosk = kiosk.status.candidate_id if kiosk is not None and kiosk.status is not None else None
        self.sessions = QComboBox()
        self.sessions.setAccessibleName(self.tr("Session"))
        chosen = 0
        for exam in store.sessions.sessions():
            if exam.status is SessionStatus.CLOSED:
                continue
            self.sessions.addItem(f"{exam.id} — {exam.room} — {exam.date.isoformat()}", exam.id)
            if exam.status is SessionStatus.OPEN and chosen == 0:
                chosen = self.sessions.count() - 1
            if on_kiosk and any(c.id == on_kiosk for c in store.sessions.roster(exam.id)):
                chosen = self.sessions.count() - 1
        self.sessions.setCurrentIndex(chosen)
        self.category = QComboBox()
        self.category.setAccessibleName(self.tr("Category"))
        for category in IncidentCategory:
            self.category.addItem(label(category.value), category.value)
        self.sub_reason = QComboBox()
        self.sub_reason.setAccessibleName(self.tr("Sub-reason"))
        self.candidate = QComboBox()
        self.candidate.setAccessibleName(self.tr("Candidate concerned"))
        self.note = QtNoteEdit()
        self.form.addRow(self.tr("Session"), self.sessions)
        self.form.addRow(self.tr("Category"), self.category)
        self.form.addRow(self.tr("Sub-reason"), self.sub_reason)
        self.form.addRow(self.tr("Candidate concerned"), self.candidate)
        self.form.addRow(self.tr("What happened"), self.note)
        where = self.tr(" — {kiosk}").format(kiosk=kiosk_label) if kiosk_label else ""
        self.set_texts(self.tr("Record an incident") + where,
                       self.tr("The incident goes into the session report and the session package."),
                       self.tr("Record the incident"))
        self.category.currentIndexChanged.connect(lambda _i: self._sub_reasons())
        self.sessions.currentIndexChanged.connect(lambda _i: self._candidates(None))
        self._sub_reasons()
        self._candidates(on_kiosk)

    def _sub_reasons(self) -> None:
        self.sub_reason.clear()
        allowed = SUB_REASONS.get(IncidentCategory(self.category.currentData()), ())
        self.sub_reason.addItem(self.tr("(none)"), None)
        for sub in allowed:
            self.sub_reason.addItem(label(sub.value), sub.value)
        self.sub_reason.setEnabled(bool(allowed))

    def _candidates(self, preferred: str | None) -> None:
        self.candidate.clear()
        self.candidate.addItem(self.tr("(the whole session)"), None)
        session_id = self.sessions.currentData()
        if session_id is None:
            return
        for c in self.actions.store.sessions.roster(session_id):
            self.candidate.addItem(f"{c.last_name.upper()} {c.first_name} ({c.birth_date:%d/%m/%Y})", c.id)
            if c.id == preferred:
                self.candidate.setCurrentIndex(self.candidate.count() - 1)

    def select(self, category: str, sub_reason: str | None = None) -> None:
        self.category.setCurrentIndex(self.category.findData(category))
        if sub_reason:
            self.sub_reason.setCurrentIndex(self.sub_reason.findData(sub_reason))

    def perform(self) -> str:
        session_id = self.sessions.currentData()
        if session_id is None:
            raise Refused(self.tr("No session is open on this console to record an incident in."))
        if self.note.too_long():
            raise Refused(self.tr("The note is longer than {n} characters.").format(n=self.note.limit))
        category = self.category.currentData()
        if IncidentCategory(category) in NOTE_REQUIRED and not self.note.text():
            raise Refused(self.tr("Say what happened: this category needs a note."))
        kiosk = self.actions.kiosk(self.kiosk_id) if self.kiosk_id else None
        attempt = kiosk.status.attempt_id if kiosk is not None and kiosk.status is not None else None
        incident = self.actions.record_incident(session_id, category, self.by.name(),
                                                sub_reason=self.sub_reason.currentData(), note=self.note.text(),
                                                kiosk_id=self.kiosk_id, candidate_id=self.candidate.currentData(),
                                                attempt_id=attempt)
        return self.tr("Incident recorded: {what}").format(what=label(str(incident.category)))
