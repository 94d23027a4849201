"""What the guard shows inside the exam window: the focus-out notice and the lock screen.

Both are child widgets laid over the exam window, never separate windows, so showing them can
never move the focus. Texts are French first, then English.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QInputDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.guard import report
from kiosk.guard.errors import UnlockCodeError, UnlockThrottledError
from kiosk.guard.unlock import UnlockGate


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
        self.message = QLabel(report.bilingual(report.FOCUS_OUT).replace("\n", "\n\n"), card)
        self.message.setWordWrap(True)
        self.button = QPushButton(f"{report.FOCUS_OUT_OK['fr']} / {report.FOCUS_OUT_OK['en']}", card)
        self.button.clicked.connect(self.hide)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.addWidget(self.message)
        inner.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignRight)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, alignment=Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        card.setMaximumWidth(720)


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
                           "QLineEdit { font-size: 20px; padding: 6px; }")
        title = QLabel(f"{report.LOCKED_TITLE['fr']} — {report.LOCKED_TITLE['en']}", self)
        title.setStyleSheet("font-size: 30px; font-weight: bold;")
        self.reason = QLabel("", self)
        body = QLabel(report.bilingual(report.LOCKED_BODY), self)
        body.setWordWrap(True)
        self.code = QLineEdit(self)
        self.code.setEchoMode(QLineEdit.EchoMode.Password)
        self.code.setPlaceholderText(f"{report.UNLOCK_PROMPT['fr']} / {report.UNLOCK_PROMPT['en']}")
        self.code.returnPressed.connect(self.try_code)
        self.button = QPushButton(f"{report.UNLOCK_BUTTON['fr']} / {report.UNLOCK_BUTTON['en']}", self)
        self.button.clicked.connect(self.try_code)
        self.feedback = QLabel("", self)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (title, self.reason, body, self.code, self.button, self.feedback):
            layout.addWidget(widget, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.code.setMinimumWidth(320)

    def lock(self, reason: str) -> None:
        text = report.LOCK_REASONS.get(reason, {"fr": reason, "en": reason})
        self.reason.setText(f"{text['fr']} — {text['en']}" if reason else "")
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
            self.feedback.setText(f"{exc.retry_after:.0f} s …")
            return
        except UnlockCodeError as exc:
            self.feedback.setText(str(exc))
            return
        if ok:
            self._on_code()
        else:
            self.feedback.setText(report.bilingual(report.UNLOCK_WRONG).replace("\n", " / "))
            if self._on_wrong is not None:
                self._on_wrong(self._gate.failures)


def ask_exit_code(parent: QWidget) -> str | None:
    """The invigilator's code to leave exam mode (None: cancelled)."""
    text, ok = QInputDialog.getText(parent, f"{report.EXIT_TITLE['fr']} / {report.EXIT_TITLE['en']}",
                                    report.bilingual(report.EXIT_PROMPT), QLineEdit.EchoMode.Password)
    return text if ok else None
