"""The frame every action dialog shares: a title, why, the form, who acts, the refusal if any, two buttons.

A dialog decides nothing: :meth:`QtActionDialog.perform` calls :class:`invigilator.room_actions.RoomActions`,
and a refusal from the room is shown in the dialog, which stays open so the invigilator can act
on it. The action button is never the default of a dialog whose action cannot be undone
(resume, end, a problem's verdict, a move): Enter then cancels.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from invigilator.errors import InvigilatorError
from invigilator.room_actions import RoomActions
from invigilator.ui.qt_action_parts import QtErrorLine, QtInvigilatorField, make_title


class QtActionDialog(QDialog):
    """Subclasses fill :attr:`form`, set the texts, and implement :meth:`perform` (returning what was done)."""

    action_is_default = True

    def __init__(self, actions: RoomActions, invigilators: Iterable[str], current: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setModal(True)
        self.actions = actions
        self.done_text = ""
        self.title = make_title(QLabel())
        self.lead = QLabel()
        self.lead.setWordWrap(True)
        self.lead.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # long labels (French, zoom) wrap
        self.by = QtInvigilatorField(invigilators, current)
        self.by_label = QLabel(QCoreApplication.translate("QtActionDialog", "Given by"))
        self.by_label.setBuddy(self.by)
        self.error = QtErrorLine()
        self.cancel = QPushButton(QCoreApplication.translate("QtActionDialog", "Cancel"))
        self.act = QPushButton()
        self.act.setProperty("role", "primary")
        self.act.setDefault(self.action_is_default)
        self.act.setAutoDefault(self.action_is_default)
        self.cancel.setDefault(not self.action_is_default)
        self.cancel.setAutoDefault(not self.action_is_default)
        self.buttons = buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.act)
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.lead)
        layout.addLayout(self.body)
        layout.addLayout(self.form)
        who = QFormLayout()
        who.addRow(self.by_label, self.by)
        layout.addLayout(who)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.cancel.clicked.connect(self.reject)
        self.act.clicked.connect(self._act)
        self.setMinimumWidth(560)

    def set_texts(self, title: str, lead: str, action: str) -> None:
        self.setWindowTitle(title)
        self.title.setText(title)
        self.lead.setText(lead)
        self.act.setText(action)
        self.act.setAccessibleName(action)

    def perform(self) -> str:
        raise NotImplementedError

    def refused(self, exc: InvigilatorError) -> None:
        """A refusal from the room: shown; subclasses may refresh what they show."""
        self.error.show_error(str(exc))

    def _act(self) -> None:
        try:
            self.done_text = self.perform()
        except InvigilatorError as exc:
            self.refused(exc)
            return
        self.accept()
