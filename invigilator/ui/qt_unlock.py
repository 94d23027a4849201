"""The center passphrase, asked once when the console opens.

The center's private keys sign every command and receipt the room's server sends and open the
banks it hands out; the window keeps them in memory while it is open. Opening the key file takes
about a second (scrypt), so it runs off the interface thread; a wrong passphrase says so, clears
the field and asks again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from protocol.errors import WrongPassphraseError
from protocol.keys import KeyPair


class QtUnlockDialog(QDialog):
    """Asks the passphrase until the keys open (``keys`` is then set) or the invigilator quits."""

    _opened = Signal(object)

    def __init__(self, center_name: str, open_keys: Callable[[str], KeyPair], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.setModal(True)
        self._center = center_name
        self._open_keys = open_keys
        self.keys: KeyPair | None = None
        self.tries = 0
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.lead = QLabel()
        self.lead.setWordWrap(True)
        self.label = QLabel()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setMinimumWidth(460)
        self.label.setBuddy(self.passphrase)
        self.message = QLabel()
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.unlock = QPushButton()
        self.unlock.setProperty("role", "primary")
        self.unlock.setDefault(True)
        self.quit = QPushButton()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit)
        buttons.addWidget(self.unlock)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # grows with a message, never clips it
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.lead)
        layout.addWidget(self.label)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.unlock.clicked.connect(self.try_unlock)
        self.passphrase.returnPressed.connect(self.try_unlock)
        self.quit.clicked.connect(self.reject)
        self._opened.connect(self._finish)
        self.retranslate()
        self.passphrase.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Pupitre console — unlock"))
        self.title.setText(self.tr("Unlock the console"))
        self.lead.setText(self.tr("The center passphrase of %1 opens the center's keys. The console keeps them "
                                  "in memory until it is closed: the room's kiosks need them to receive "
                                  "authorisations and banks.").replace("%1", self._center))
        self.label.setText(self.tr("Center &passphrase:"))
        self.passphrase.setAccessibleName(self.tr("Center passphrase"))
        self.unlock.setText(self.tr("Unlock"))
        self.quit.setText(self.tr("Quit"))

    def try_unlock(self) -> None:
        secret = self.passphrase.text()
        if not secret:
            self._say(self.tr("Type the center passphrase."))
            return
        self.tries += 1
        self._busy(True)
        self.message.setText(self.tr("Opening the center's keys…"))
        self.message.setProperty("role", "hint")
        self._repolish(self.message)
        self.message.show()
        self.adjustSize()
        threading.Thread(target=self._open, args=(secret,), name="unlock", daemon=True).start()

    def _open(self, secret: str) -> None:
        try:
            result: object = self._open_keys(secret)
        except Exception as exc:  # reported in the dialog
            result = exc
        self._opened.emit(result)

    def _finish(self, result: object) -> None:
        self._busy(False)
        if isinstance(result, KeyPair):
            self.keys = result
            self.accept()
            return
        if isinstance(result, WrongPassphraseError):
            self._say(self.tr("Wrong passphrase (try %1). Check the keyboard layout and Caps Lock, then type "
                              "it again.").replace("%1", str(self.tries)))
        else:
            self._say(self.tr("The center's keys cannot be opened: %1").replace("%1", str(result)))
        self.passphrase.clear()
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setProperty("role", "error")
        self._repolish(self.message)
        self.message.show()
        self.passphrase.setAccessibleDescription(text)
        self.adjustSize()

    def _busy(self, busy: bool) -> None:
        for widget in (self.passphrase, self.unlock):
            widget.setEnabled(not busy)

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)
