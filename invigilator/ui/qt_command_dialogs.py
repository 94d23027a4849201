"""Pause, lock and unlock, add time, end: the dialogs of the commands that need no alert read first."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtWidgets import QButtonGroup, QRadioButton, QSpinBox, QVBoxLayout, QWidget

from invigilator.core.commands import MAX_ADD_MINUTES
from invigilator.room_actions import Refused, RoomActions
from invigilator.ui.qt_action_dialog import QtActionDialog
from invigilator.ui.qt_action_parts import QtNoteEdit


def _radios(parent: QWidget, choices: Sequence[tuple[str, str]]
            ) -> tuple[QWidget, QButtonGroup, dict[str, QRadioButton]]:
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    group = QButtonGroup(box)
    buttons = {}
    for value, label in choices:
        button = QRadioButton(label)
        button.setAccessibleName(label)
        group.addButton(button)
        layout.addWidget(button)
        buttons[value] = button
    return box, group, buttons


def _chosen(buttons: dict[str, QRadioButton]) -> str | None:
    return next((value for value, button in buttons.items() if button.isChecked()), None)


class QtPauseDialog(QtActionDialog):
    """Pause one kiosk, or every kiosk in a test (``kiosk_ids`` None)."""

    def __init__(self, actions: RoomActions, kiosk_ids: list[str] | None, kiosk_label: str, invigilators: Iterable[str],
                 current: str = "", parent: QWidget | None = None):
        super().__init__(actions, invigilators, current, parent)
        self.kiosk_ids = kiosk_ids
        self.note = QtNoteEdit()
        self.form.addRow(self.tr("Note (optional)"), self.note)
        if kiosk_ids is None:
            self.set_texts(self.tr("Pause every kiosk"), self.tr("Every kiosk running a test is paused; the time "
                                                                  "stops for each candidate until it is resumed."),
                           self.tr("Pause all"))
        else:
            self.set_texts(self.tr("Pause {kiosk}").format(kiosk=kiosk_label),
                           self.tr("The candidate's time stops until the test is resumed."), self.tr("Pause"))

    def perform(self) -> str:
        if self.note.too_long():
            raise Refused(self.tr("The note is longer than {n} characters.").format(n=self.note.limit))
        issued = self.actions.pause(self.kiosk_ids, self.by.name(), self.note.text())
        return self.tr("Pause sent to {n} kiosk(s)").format(n=len(issued))


class QtLockDialog(QtActionDialog):
    """Lock or unlock one kiosk's screen."""

    def __init__(self, actions: RoomActions, kiosk_id: str, kiosk_label: str, unlock: bool,
                 invigilators: Iterable[str], current: str = "", parent: QWidget | None = None):
        super().__init__(actions, invigilators, current, parent)
        self.kiosk_id, self.unlock = kiosk_id, unlock
        self.note = QtNoteEdit()
        self.form.addRow(self.tr("Note (optional)"), self.note)
        if unlock:
            self.set_texts(self.tr("Unlock {kiosk}").format(kiosk=kiosk_label),
                           self.tr("The kiosk's screen is unlocked; the candidate can go on."), self.tr("Unlock"))
        else:
            self.set_texts(self.tr("Lock {kiosk}").format(kiosk=kiosk_label),
                           self.tr("The kiosk's screen is locked until you unlock it; the candidate's time stops."),
                           self.tr("Lock"))

    def perform(self) -> str:
        if self.note.too_long():
            raise Refused(self.tr("The note is longer than {n} characters.").format(n=self.note.limit))
        do = self.actions.unlock if self.unlock else self.actions.lock
        issued = do(self.kiosk_id, self.by.name(), self.note.text())
        return self.tr("{kind} sent (command {id})").format(kind=issued.command.kind, id=issued.command.id)


class QtAddTimeDialog(QtActionDialog):
    """Give a candidate more time: a planned accommodation, or compensation for time lost to an incident."""

    def __init__(self, actions: RoomActions, kiosk_id: str, kiosk_label: str, invigilators: Iterable[str],
                 current: str = "", parent: QWidget | None = None):
        super().__init__(actions, invigilators, current, parent)
        self.kiosk_id = kiosk_id
        box, self.purpose_group, self.purposes = _radios(self, [
            ("accommodation", self.tr("Planned accommodation (extra time granted)")),
            ("compensation", self.tr("Compensation for time lost to an incident"))])
        self.minutes = QSpinBox()
        self.minutes.setRange(1, MAX_ADD_MINUTES)
        self.minutes.setValue(5)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setAccessibleName(self.tr("Minutes to add"))
        self.note = QtNoteEdit()
        self.form.addRow(self.tr("Purpose"), box)
        self.form.addRow(self.tr("Minutes"), self.minutes)
        self.form.addRow(self.tr("Note (what the time was lost to)"), self.note)
        self.set_texts(self.tr("Add time — {kiosk}").format(kiosk=kiosk_label),
                       self.tr("The minutes are added to the candidate's remaining time and recorded in the journal."),
                       self.tr("Add the time"))

    def perform(self) -> str:
        purpose = _chosen(self.purposes)
        if purpose is None:
            raise Refused(self.tr("Choose the purpose: planned accommodation or compensation."))
        if self.note.too_long():
            raise Refused(self.tr("The note is longer than {n} characters.").format(n=self.note.limit))
        issued = self.actions.add_time(self.kiosk_id, self.minutes.value(), purpose, self.by.name(), self.note.text())
        return self.tr("{n} minute(s) added (command {id})").format(n=self.minutes.value(), id=issued.command.id)


class QtEndDialog(QtActionDialog):
    """End a candidate's test with a reason; cannot be undone, so Enter cancels."""

    action_is_default = False

    def __init__(self, actions: RoomActions, kiosk_id: str, kiosk_label: str, invigilators: Iterable[str],
                 current: str = "", parent: QWidget | None = None):
        super().__init__(actions, invigilators, current, parent)
        self.kiosk_id = kiosk_id
        box, self.reason_group, self.reasons = _radios(self, [
            ("technical", self.tr("Technical: the workstation or the room failed")),
            ("candidate", self.tr("Candidate: the candidate leaves or stops")),
            ("fraud", self.tr("Fraud seen: the certification will be invalidated"))])
        self.note = QtNoteEdit()
        self.form.addRow(self.tr("Reason"), box)
        self.form.addRow(self.tr("Note"), self.note)
        self.act.setProperty("role", "danger")
        self.set_texts(self.tr("End the test — {kiosk}").format(kiosk=kiosk_label),
                       self.tr("The test ends now and cannot be taken up again. Fewer than 20 questions treated "
                               "give no score."), self.tr("End the test"))

    def perform(self) -> str:
        reason = _chosen(self.reasons)
        if reason is None:
            raise Refused(self.tr("Choose the reason: technical, candidate or fraud."))
        if self.note.too_long():
            raise Refused(self.tr("The note is longer than {n} characters.").format(n=self.note.limit))
        issued = self.actions.end(self.kiosk_id, reason, self.by.name(), self.note.text())
        return self.tr("End sent (command {id})").format(id=issued.command.id)
