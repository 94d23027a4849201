"""The invigilator's actions from the window: one dispatcher, one dialog per action.

The dashboard emits ``action_requested(kiosk_id, action)``; the composition root connects it to
:meth:`ActionDispatcher.run`, which opens the action's dialog (modal, keyboard alone). The rules
are :class:`invigilator.room_actions.RoomActions`', shared with the command line; the dialogs
show what the room says and send what the invigilator decides.

Actions: ``pause``, ``resume`` (``kiosk_id`` ``"*"`` for every kiosk in a test), ``add-time``,
``end``, ``lock``, ``unlock``, ``problem``, ``move``, ``incident``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from invigilator.core.center import SessionStatus
from invigilator.core.room_actions import ACTIONS, ALL_KIOSKS
from invigilator.errors import InvigilatorError
from invigilator.room_actions import RoomActions
from invigilator.ui.qt_action_dialog import QtActionDialog
from invigilator.ui.qt_command_dialogs import QtAddTimeDialog, QtEndDialog, QtLockDialog, QtPauseDialog
from invigilator.ui.qt_finalise import QtFinaliseDialog
from invigilator.ui.qt_incident import QtIncidentDialog
from invigilator.ui.qt_problem import QtProblemDialog
from invigilator.ui.qt_resume import QtMoveDialog, QtResumeDialog
from protocol.keys import KeyPair

ROOM_WIDE = frozenset({"pause", "resume", "incident"})  # the actions that make sense without one kiosk


class ActionDispatcher(QObject):
    """Opens the dialog of an action on a kiosk; ``performed(kiosk_id, action, what)`` once it is done."""

    performed = Signal(str, str, str)
    failed = Signal(str, str, str)  # kiosk id, action, why it could not even be opened

    def __init__(self, console: Any, keys: KeyPair | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.console, self.keys, self.parent_widget = console, keys, parent
        self.actions = RoomActions(console)
        self.invigilator = ""  # the last name given: offered first next time
        self._opener: Any = None

    def open_bank(self, bank_id: str) -> Any:
        """A bank opened with the center keys (kept open), or None when the keys are not unlocked."""
        if self.keys is None:
            return None
        if self._opener is None:
            self._opener = self.console.bank_opener(self.keys)
        return self._opener(bank_id)

    def invigilators(self) -> list[str]:
        names = [self.invigilator] if self.invigilator else []
        for exam in self.console.store.sessions.sessions():
            if exam.status is not SessionStatus.CLOSED:
                names += list(exam.invigilators)
        return list(dict.fromkeys(n for n in names if n))

    def dialog_for(self, kiosk_id: str, action: str) -> QtActionDialog:
        """The dialog of ``action`` on ``kiosk_id`` (``"*"``: every kiosk), built but not shown."""
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r} (one of {', '.join(ACTIONS)})")
        every = kiosk_id == ALL_KIOSKS
        if every and action not in ROOM_WIDE:
            raise ValueError(f"action {action!r} is given to one kiosk, not to every kiosk")
        label = "" if every else self.actions.kiosk(kiosk_id).name
        common = (self.invigilators(), self.invigilator, self.parent_widget)
        a = self.actions
        if action == "pause":
            return QtPauseDialog(a, None if every else [kiosk_id], label, *common)
        if action == "resume":
            return QtResumeDialog(a, None if every else [kiosk_id], label, *common)
        if action == "add-time":
            return QtAddTimeDialog(a, kiosk_id, label, *common)
        if action == "end":
            return QtEndDialog(a, kiosk_id, label, *common)
        if action in ("lock", "unlock"):
            return QtLockDialog(a, kiosk_id, label, action == "unlock", *common)
        if action == "problem":
            return QtProblemDialog(a, kiosk_id, label, self.open_bank, *common)
        if action == "move":
            return QtMoveDialog(a, kiosk_id, label, *common)
        return QtIncidentDialog(a, None if every else kiosk_id, label, *common)

    def finalisation_dialog(self, session_id: str) -> QtFinaliseDialog:
        if self.keys is None:
            raise ValueError("finalisation signs with the center keys: unlock them first")
        return QtFinaliseDialog(self.console, self.keys, session_id, self.invigilators(), self.invigilator,
                                self.parent_widget, self.open_bank)

    def finalise(self, session_id: str) -> None:
        """Open the finalisation screen of ``session_id`` (it stays open for the package after signing)."""
        dialog = self.finalisation_dialog(session_id)
        dialog.finalised.connect(lambda sid: self.performed.emit("", "finalise", sid))
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def finished(self, kiosk_id: str, action: str, dialog: QtActionDialog) -> None:
        """What follows an accepted dialog: remember who acted, tell the window."""
        self.invigilator = dialog.by.name()
        self.performed.emit(kiosk_id, action, dialog.done_text)

    def run(self, kiosk_id: str, action: str) -> bool:
        """Open the action's dialog and wait; True when the action was sent.

        A kiosk the room no longer knows (revoked, or gone from the store since the dashboard drew
        it) is said in a message, never as an exception out of the dashboard's signal.
        """
        try:
            dialog = self.dialog_for(kiosk_id, action)
        except InvigilatorError as exc:
            self.failed.emit(kiosk_id, action, str(exc))
            if self.parent_widget is not None:
                QMessageBox.warning(self.parent_widget, self.tr("Action not possible"), str(exc))
            return False
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            self.finished(kiosk_id, action, dialog)
            return True
        finally:
            dialog.deleteLater()
