"""The invigilator's part of a screen in an exam at the workstation: their unlock code, masked,
and what it allows there (let the test start or resume, replace or keep a reported question,
close the kiosk).

Every action checks the code first; the answer comes back as a ``CodeAnswer`` (accepted, wrong,
too many tries, unreadable) and is said here in the interface's language. Keyboard only: the
field takes the focus when the screen appears; Enter runs the action when there is one, or moves
to the first of several.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.qt_widgets import ENTER_KEYS, button, label, name

if TYPE_CHECKING:
    from kiosk.workstation_authority import CodeAnswer


class QtInvigilatorCode(QFrame):
    """A card: who it is for, what the code does here, the masked field, the actions, the feedback."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("invigilatorCode")
        self.setProperty("role", "card")
        box = QVBoxLayout(self)
        box.setContentsMargins(24, 18, 24, 18)
        box.setSpacing(10)
        self.caption = label("lead")
        self.explanation = label("hint")
        self.field_caption = label("")
        self.code = QLineEdit()
        self.code.setObjectName("invigilator-code")
        self.code.setEchoMode(QLineEdit.EchoMode.Password)
        self.code.setMaxLength(128)
        self.code.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.code.returnPressed.connect(self._enter)
        self.field_caption.setBuddy(self.code)
        self.feedback = label("error")
        self.feedback.setObjectName("invigilator-feedback")
        self.feedback.setVisible(False)
        self.row = QHBoxLayout()
        self.row.setSpacing(14)
        self.row.addStretch(1)
        for widget in (self.caption, self.explanation, self.field_caption, self.code, self.feedback):
            box.addWidget(widget)
        box.addLayout(self.row)
        self.buttons: list[QPushButton] = []
        self._problem = ""  # "", "wrong", "waiting", "empty", "unreadable"
        self._enter_used = False
        self._wait_until = 0.0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._show_feedback)
        self.retranslateUi()

    def add_action(self, object_name: str, on_code: Callable[[str], CodeAnswer | None],
                   primary: bool = False) -> QPushButton:
        """A button that hands the typed code to ``on_code`` (None back: the command failed, the
        kiosk shows its technical-problem screen)."""
        action = button("primary" if primary else "")
        action.setObjectName(object_name)
        action.clicked.connect(lambda: self._run(on_code))
        self.row.addWidget(action)
        self.buttons.append(action)
        return action

    def set_explanation(self, text: str) -> None:
        self.explanation.setText(text)
        name(self.explanation, text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.caption.setText(self.tr("For the invigilator"))
        name(self.caption, self.caption.text())
        self.field_caption.setText(self.tr("Invigilator's unlock code"))
        self.code.setPlaceholderText(self.tr("The characters typed stay hidden."))
        self._show_feedback()

    def reset(self) -> None:
        """The screen is shown again: an empty field, and no message but a running wait."""
        self.code.clear()
        if self._problem != "waiting":
            self._problem = ""
        self._show_feedback()

    # -- using the code -------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        """The Enter that the code field used (it moved the focus or ran the action) stops here: the
        page must not take it again for the button that now has the focus."""
        if self._enter_used and event.key() in ENTER_KEYS:
            self._enter_used = False
            event.accept()
            return
        super().keyPressEvent(event)

    def _enter(self) -> None:
        self._enter_used = True
        if len(self.buttons) == 1:
            self.buttons[0].click()
        elif self.buttons:
            self.buttons[0].setFocus(Qt.FocusReason.TabFocusReason)

    def _run(self, on_code: Callable[[str], Any]) -> None:
        code = self.code.text()
        self.code.clear()
        if not code.strip():
            self._problem = "empty"
        else:
            answer = on_code(code)
            if answer is None:
                return
            if answer.accepted:
                self._problem = ""
            elif answer.wait_s > 0:
                self._problem = "waiting"
                self._wait_until = time.monotonic() + answer.wait_s
            elif answer.unreadable:
                self._problem = "unreadable"
            elif answer.empty:
                self._problem = "empty"
            else:
                self._problem = "wrong"
        self._show_feedback()
        if self._problem and self.isVisible():
            self.code.setFocus(Qt.FocusReason.OtherFocusReason)

    def _message(self) -> str:
        if self._problem == "waiting":
            left = round(self._wait_until - time.monotonic())
            if left <= 0:
                self._problem = ""
                return ""
            return self.tr("⚠ Too many wrong codes: try again in %1 s.").replace("%1", str(left))
        return {
            "wrong": self.tr("⚠ Wrong code."),
            "empty": self.tr("⚠ Type the code first."),
            "unreadable": self.tr("⚠ The unlock code of this kiosk cannot be read: set it again with "
                                  "“pupitre-kiosk set-unlock-code”."),
        }.get(self._problem, "")

    def _show_feedback(self) -> None:
        text = self._message()
        if self._problem == "waiting":
            if not self._countdown.isActive():
                self._countdown.start()
        else:
            self._countdown.stop()
        self.feedback.setText(text)
        self.feedback.setVisible(bool(text))
        name(self.feedback, text)
        hint = self.tr("Typed by the invigilator only.")
        name(self.code, self.tr("Invigilator's unlock code"), f"{text} {hint}".strip())
