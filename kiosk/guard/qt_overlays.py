"""What the guard shows inside the exam window: the focus-out notice and the lock screen.

Both are child widgets laid over the exam window, never separate windows, so showing them can
never move the focus. Their texts go through Qt's translation (contexts ``FocusNotice``,
``LockScreen``, ``ExitCodeDialog`` in ``assets/i18n``), in the language the candidate chose,
and follow a switch like every other view.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.guard.errors import UnlockCodeError, UnlockThrottledError
from kiosk.guard.unlock import UnlockGate

COLUMN_WIDTH = 720  # the most an overlay's text spreads over
BUTTON_STYLE = ("QPushButton { font-size: 18px; padding: 8px 20px; border-radius: 6px; background: #1d4ed8;"
                " color: white; border: 2px solid #1d4ed8; }"
                " QPushButton:focus { border: 3px solid #f59e0b; }")


def centred(overlay: QWidget, content: QWidget) -> None:
    """Lay ``content`` out in the middle of ``overlay``, at most COLUMN_WIDTH wide.

    Stretches, not alignment flags: Qt sizes the height of an aligned item for the whole width
    and then gives it only its preferred width, so wrapped text would be cut off."""
    content.setMaximumWidth(COLUMN_WIDTH)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(content, 100)
    row.addStretch(1)
    outer = QVBoxLayout(overlay)
    outer.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(1)


class _Overlay(QFrame):
    """A child widget that follows its parent's size."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        parent.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())

    def appear(self) -> None:
        self._place()
        self.show()
        self.raise_()
        spoken = self.spoken().strip()
        if spoken:  # said by a screen reader at once, wherever the focus is
            event = QAccessibleAnnouncementEvent(self, spoken)
            event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
            QAccessible.updateAccessibility(event)

    def spoken(self) -> str:
        """What a screen reader announces when the overlay appears."""
        return ""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        """Set the texts in the interface's language (again after a switch)."""


class FocusNotice(_Overlay):
    """The plain message a candidate sees after leaving the window during a focus question."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("pupitre-focus-notice")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet("#pupitre-focus-notice { background: rgba(0, 0, 0, 110); }"
                           "#pupitre-focus-card { background: white; border: 3px solid #b45309; border-radius: 8px; }"
                           "QLabel { font-size: 18px; color: #111; }")
        card = QFrame(self)
        card.setObjectName("pupitre-focus-card")
        self.message = QLabel("", card)
        self.message.setWordWrap(True)
        self.button = QPushButton("", card)
        self.button.setProperty("role", "primary")  # drawn by the kiosk's theme, like every other main button
        self.button.clicked.connect(self.hide)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.addWidget(self.message)
        inner.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignRight)
        centred(self, card)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.message.setText(self.tr("You left the exam window during a focus question. You can still answer, "
                                     "but this question will count as wrong."))
        self.message.setAccessibleName(self.message.text())
        self.button.setText(self.tr("I understand"))

    def spoken(self) -> str:
        return self.message.text()


class LockScreen(_Overlay):
    """Covers the exam while the session is locked; only the invigilator (remotely) or their code lifts it."""

    def __init__(self, parent: QWidget, gate: UnlockGate, on_code: Callable[[], None],
                 on_wrong: Callable[[int], None] | None = None):
        super().__init__(parent)
        self._gate = gate
        self._on_code = on_code
        self._on_wrong = on_wrong
        self.setObjectName("pupitre-lock-screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet("#pupitre-lock-screen { background: #1f2937; } QLabel { color: white; font-size: 20px; }"
                           "QLineEdit { font-size: 20px; padding: 6px; }" + BUTTON_STYLE)
        self.title = QLabel("", self)
        self.title.setStyleSheet("font-size: 30px; font-weight: bold;")
        self.reason = QLabel("", self)
        self.body = QLabel("", self)
        self.body.setWordWrap(True)
        self.code = QLineEdit(self)
        self.code.setEchoMode(QLineEdit.EchoMode.Password)
        self.code.returnPressed.connect(self.try_code)
        self.button = QPushButton("", self)
        self.button.clicked.connect(self.try_code)
        self.feedback = QLabel("", self)
        self._reason = ""
        self.alerted = False
        column = QWidget(self)
        layout = QVBoxLayout(column)
        layout.setSpacing(14)
        for widget in (self.title, self.reason, self.body, self.feedback):
            widget.setWordWrap(True)
            widget.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        for widget in (self.title, self.reason, self.body):
            layout.addWidget(widget)
        layout.addWidget(self.code, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.feedback)
        self.code.setMinimumWidth(320)
        centred(self, column)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.title.setText(self.tr("Workstation locked"))
        if self.alerted:
            self.body.setText(self.tr("The invigilator has been alerted. Please stay seated: they will come and "
                                      "unlock the workstation."))
        else:
            self.body.setText(self.tr("Please stay seated and raise your hand to call the invigilator: they will "
                                      "unlock the workstation with their code."))
        self.code.setPlaceholderText(self.tr("Invigilator's code"))
        self.code.setAccessibleName(self.tr("Invigilator's code"))
        self.button.setText(self.tr("Unlock"))
        self.reason.setText(self.reason_text(self._reason))

    def reason_text(self, reason: str) -> str:
        """Why the workstation is locked, in the interface's language (unknown reasons as they are)."""
        reasons = {
            "environment": self.tr("Reason: environment check"),
            "prohibited-process": self.tr("Reason: prohibited software"),
            "remote-session": self.tr("Reason: remote session"),
            "virtual-machine": self.tr("Reason: virtual machine"),
            "screens": self.tr("Reason: screens"),
            "window-tampered": self.tr("Reason: the exam window was changed by another program"),
            "foreign-window": self.tr("Reason: a window of another program over the exam"),
            "stall": self.tr("Reason: the kiosk was stopped during a focus question"),
        }
        if not reason:
            return ""
        return reasons.get(reason, self.tr("Reason: %1").replace("%1", reason))

    def spoken(self) -> str:
        return " ".join(t for t in (self.title.text(), self.reason.text(), self.body.text()) if t)

    def lock(self, reason: str, alerted: bool = False) -> None:
        """Show the lock; ``alerted``: an alert really reached the invigilator (else: call them)."""
        self._reason = reason
        self.alerted = alerted
        self.retranslateUi()
        self.feedback.setText("")
        self.code.clear()
        self.appear()
        self.code.setFocus()

    def unlock(self) -> None:
        self.code.clear()
        self.hide()

    def try_code(self) -> None:
        code = self.code.text()
        self.code.clear()
        try:
            ok = self._gate.check(code)
        except UnlockThrottledError as exc:
            self.feedback.setText(self.tr("Too many wrong codes: try again in %1 s.")
                                  .replace("%1", f"{max(1, round(exc.retry_after))}"))
            return
        except UnlockCodeError as exc:
            self.feedback.setText(self.tr("No unlock code can be checked on this workstation (%1).")
                                  .replace("%1", str(exc)))
            return
        if ok:
            self.feedback.setText("")
            self._on_code()
        else:
            self.feedback.setText(self.tr("Wrong code."))
            if self._on_wrong is not None:
                self._on_wrong(self._gate.failures)


def exit_title() -> str:
    return QCoreApplication.translate("ExitCodeDialog", "Leave exam mode")


def ask_exit_code(parent: QWidget) -> str | None:
    """The invigilator's code to leave exam mode (None: cancelled). The buttons are ours, translated:
    Qt's own OK and Cancel would stay in English without Qt's translations."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(exit_title())
    dialog.setLabelText(QCoreApplication.translate("ExitCodeDialog", "Invigilator's unlock code:"))
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setOkButtonText(QCoreApplication.translate("ExitCodeDialog", "Leave exam mode"))
    dialog.setCancelButtonText(QCoreApplication.translate("ExitCodeDialog", "Cancel"))
    ok = dialog.exec() == QInputDialog.DialogCode.Accepted
    text = dialog.textValue()
    dialog.deleteLater()
    return text if ok else None


def show_exit_refused(parent: QWidget, exc: UnlockCodeError | None) -> None:
    """Say why leaving exam mode was refused, with a translated button."""
    box = QMessageBox(QMessageBox.Icon.Warning, exit_title(), exit_refused(exc), QMessageBox.StandardButton.NoButton,
                      parent)
    box.addButton(QCoreApplication.translate("ExitCodeDialog", "Back to the exam"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    box.deleteLater()


def exit_refused(exc: UnlockCodeError | None) -> str:
    """Why leaving exam mode was refused, for the invigilator (None: a wrong code)."""
    if exc is None:
        return QCoreApplication.translate("ExitCodeDialog", "Wrong code.")
    if isinstance(exc, UnlockThrottledError):
        return QCoreApplication.translate("ExitCodeDialog", "Too many wrong codes: try again in %1 s.").replace(
            "%1", f"{max(1, round(exc.retry_after))}")
    return QCoreApplication.translate("ExitCodeDialog", "The code was not accepted (%1).").replace("%1", str(exc))
