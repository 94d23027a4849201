"""The console's first start: the center, its keys sealed by a passphrase, the trusted publishers and the
first banks — through the same calls as ``pupitre-invigilator init``, ``publishers add`` and ``bank import``.

Each step is kept as soon as it is done and never half-done: the center and its sealed keys are
written together at the passphrase step, a publisher when its key file is read, a bank when it
verified. Cancelling keeps what was done (the dialog says what) and the next start resumes at the
first step still missing, asking for the passphrase to unlock the keys instead of making new ones.
"""

from __future__ import annotations

import math
import re
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from invigilator.core.center import Bank
from invigilator.errors import InvigilatorError
from invigilator.ui.qt_fields import PAGE_STYLE, Field, Retranslated, button, label
from itembank.errors import ItemBankError
from protocol.errors import ProtocolError
from protocol.keys import KeyPair

MIN_PASSPHRASE = 12
MAX_ID = 120
TEMP_COPY = re.compile(r"\S*\.import-[^/\s:]*\.pbank: ?")
MAX_WIDTH = 900  # a reading column: lines longer than this are hard to follow


def passphrase_strength(text: str) -> int:
    """0 (too short) … 4 (strong): a rough estimate of guessing work, from length, character kinds and repeats."""
    if len(text) < MIN_PASSPHRASE:
        return 0
    pool = 0
    pool += 26 if any(c.islower() for c in text) else 0
    pool += 26 if any(c.isupper() for c in text) else 0
    pool += 10 if any(c.isdigit() for c in text) else 0
    pool += 33 if any(not c.isalnum() and c.isascii() for c in text) else 0
    pool += 100 if any(not c.isascii() for c in text) else 0
    bits = len(set(text)) / len(text) * len(text) * math.log2(max(pool, 2))
    return 1 if bits < 50 else 2 if bits < 70 else 3 if bits < 90 else 4


class _Relay(QObject):
    """Carries a worker thread's outcome back to the interface's thread."""

    done = Signal(object, object)  # (result, error message or None)


class SetupWizard(Retranslated):
    """The first-start wizard; ``finished(keys)`` when done, ``cancelled()`` when left."""

    finished = Signal(object)
    cancelled = Signal()

    CENTER, PASSPHRASE, PUBLISHERS, BANKS = range(4)

    def __init__(self, console: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.console = console
        self.keys: KeyPair | None = None
        self._passphrase = ""  # kept in memory for the bank imports of this wizard only
        self.unlocking = console.initialised  # a second start: the keys exist, the passphrase unlocks them
        self.importing = False
        self.imported: list[Bank] = []
        self._relay = _Relay(self)
        self._relay.done.connect(self._import_done)
        self.setStyleSheet(PAGE_STYLE)

        self.title = label("title")
        self.title.setObjectName("wizard-title")
        self.step = label("")
        self.step.setObjectName("wizard-step")
        self.stack = QStackedWidget()
        self.message = label("error")
        self.message.setObjectName("wizard-message")
        self.message.setVisible(False)
        self.center_intro, self.passphrase_intro, self.publishers_intro, self.banks_intro = (
            label(""), label(""), label(""), label(""))

        # 1. the center
        self.center_id = Field("center_id", QLineEdit())
        self.center_name = Field("center_name", QLineEdit())
        for f in (self.center_id, self.center_name):
            f.editor.setMaxLength(MAX_ID)
            f.editor.returnPressed.connect(self.next)  # Enter moves on, as the default button would
        self.center_page = self._page(self.center_intro, self.center_id, self.center_name)
        # 2. the passphrase (made twice, or typed once to unlock)
        self.passphrase = Field("passphrase", QLineEdit())
        self.passphrase_again = Field("passphrase_again", QLineEdit())
        for f in (self.passphrase, self.passphrase_again):
            f.editor.setEchoMode(QLineEdit.EchoMode.Password)
            f.editor.returnPressed.connect(self.next)
        self.strength = QProgressBar()
        self.strength.setObjectName("strength")
        self.strength.setRange(0, 4)
        self.strength.setTextVisible(True)
        self.strength_text = label("")
        self.strength_text.setObjectName("strength-text")
        self.passphrase.editor.textChanged.connect(self._show_strength)
        self.passphrase_page = self._page(self.passphrase_intro, self.passphrase, self.strength,
                                          self.strength_text, self.passphrase_again)
        # 3. publishers
        self.publishers = QListWidget()
        self.publishers.setObjectName("publishers")
        self.add_publisher_button = button("add-publisher", self.choose_publisher)
        self.publishers_page = self._page(self.publishers_intro, self.publishers,
                                          self.add_publisher_button)
        # 4. banks
        self.banks = QListWidget()
        self.banks.setObjectName("banks")
        self.import_button = button("import-bank", self.choose_bank)
        self.progress = QProgressBar()
        self.progress.setObjectName("import-progress")
        self.progress.setRange(0, 0)  # busy: verification has no useful percentage to show
        self.progress.setVisible(False)
        self.banks_page = self._page(self.banks_intro, self.banks, self.import_button, self.progress)
        for page in (self.center_page, self.passphrase_page, self.publishers_page, self.banks_page):
            self.stack.addWidget(page)

        self.back_button = button("back", self.back)
        self.next_button = button("next", self.next, default=True)
        self.cancel_button = button("cancel", self.cancel)
        actions = QHBoxLayout()
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)
        actions.addWidget(self.back_button)
        actions.addWidget(self.next_button)
        body = QWidget()
        body.setMaximumWidth(MAX_WIDTH)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(body, 100)
        outer.addStretch(1)
        column = QVBoxLayout(body)
        column.setContentsMargins(24, 32, 24, 24)
        column.addWidget(self.title)
        column.addWidget(self.step)
        column.addWidget(self.stack, 1)
        column.addWidget(self.message)
        column.addLayout(actions)
        self.retranslateUi()
        self.go(self._first_missing())

    @staticmethod
    def _page(*widgets: QWidget) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 12, 0, 12)
        box.setSpacing(12)
        for widget in widgets:
            box.addWidget(widget)
        box.addStretch(1)
        return page

    def _first_missing(self) -> int:
        if not self.console.initialised:
            return self.CENTER
        return self.PASSPHRASE  # unlock first; then the publishers and banks pages show what is there

    # -- texts ---------------------------------------------------------------------------------------------
    def retranslateUi(self) -> None:
        self.title.setText(self.tr("Setting up this console"))
        self.center_intro.setText(self.tr("The certification center this console belongs to. Its id is the one "
                                          "your certifying body gave the center; both appear on every report "
                                          "and attestation."))
        self.center_id.set_caption(self.tr("Center &id"), self.tr("For example 0750001A."))
        self.center_name.set_caption(self.tr("Center &name"), self.tr("For example Lycée Voltaire, Paris."))
        if self.unlocking:
            self.passphrase_intro.setText(self.tr("This console's center keys already exist. Type their "
                                                  "passphrase to unlock them."))
            self.passphrase.set_caption(self.tr("&Passphrase"))
        else:
            self.passphrase_intro.setText(self.tr(
                "The center's keys sign what leaves the room and open the banks. They are sealed by a "
                "passphrase: choose a long one (several words), keep it safe, share it only with who runs the "
                "console. It cannot be recovered."))
            self.passphrase.set_caption(self.tr("&Passphrase"),
                                        self.tr("At least %n characters.", "", MIN_PASSPHRASE))
            self.passphrase_again.set_caption(self.tr("Passphrase &again"), self.tr("Type it a second time."))
        self.passphrase_again.setVisible(not self.unlocking)
        self.strength.setVisible(not self.unlocking)
        self.strength_text.setVisible(not self.unlocking)
        self._show_strength()
        self.publishers_intro.setText(self.tr(
            "The publishers whose banks this center accepts: add the public key file (.pub) each publisher "
            "sent you. A bank signed by anyone else is refused."))
        self.publishers.setAccessibleName(self.tr("Trusted publishers"))
        self.add_publisher_button.setText(self.tr("Add a publisher's &key file…"))
        self.banks_intro.setText(self.tr(
            "Import the banks your sessions use (.pbank). Each is checked against its publisher's signature "
            "and opened with the center's key before it is kept. You can import more later."))
        self.banks.setAccessibleName(self.tr("Imported banks"))
        self.import_button.setText(self.tr("&Import a bank…"))
        self.progress.setFormat(self.tr("Verifying the bank…"))
        self.progress.setAccessibleName(self.tr("Verifying the bank…"))
        self.back_button.setText(self.tr("&Back"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._refresh_lists()
        self._show_step()

    def _show_step(self) -> None:
        index = self.stack.currentIndex()
        names = [self.tr("Step 1 of 4: the center"), self.tr("Step 2 of 4: the center's keys"),
                 self.tr("Step 3 of 4: trusted publishers"), self.tr("Step 4 of 4: banks")]
        self.step.setText(names[index] if 0 <= index < 4 else "")
        self.next_button.setText(self.tr("&Finish") if index == self.BANKS else self.tr("&Next"))
        self.back_button.setEnabled(index > (self.PASSPHRASE if self.console.initialised else self.CENTER)
                                    and not self.importing)
        self.next_button.setEnabled(not self.importing)
        self.cancel_button.setEnabled(not self.importing)

    def _show_strength(self) -> None:
        score = passphrase_strength(self.passphrase.editor.text())
        words = [self.tr("too short"), self.tr("weak"), self.tr("fair"), self.tr("good"), self.tr("strong")]
        self.strength.setValue(score)
        self.strength.setFormat(words[score])
        self.strength_text.setText(self.tr("Strength: %1").replace("%1", words[score]))
        self.strength.setAccessibleName(self.strength_text.text())

    def _say(self, text: str) -> None:
        self.message.setText(f"⚠ {text}" if text else "")
        self.message.setVisible(bool(text))

    # -- moving ------------------------------------------------------------------------------------------------
    def go(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self._say("")
        self._show_step()
        first = {self.CENTER: self.center_id.editor, self.PASSPHRASE: self.passphrase.editor,
                 self.PUBLISHERS: self.add_publisher_button, self.BANKS: self.import_button}[index]
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def back(self) -> None:
        index = self.stack.currentIndex()
        if index > (self.PASSPHRASE if self.console.initialised else self.CENTER):
            self.go(index - 1)

    def next(self) -> None:
        index = self.stack.currentIndex()
        if index == self.CENTER and self._center_ok():
            self.go(self.PASSPHRASE)
        elif index == self.PASSPHRASE and self._keys_ok():
            self.go(self.PUBLISHERS)
        elif index == self.PUBLISHERS:
            if not self.console.store.sessions.publishers():
                self._say(self.tr("Add at least one publisher: without one, no bank can be imported."))
            else:
                self.go(self.BANKS)
        elif index == self.BANKS:
            assert self.keys is not None
            self._passphrase = ""
            self.finished.emit(self.keys)

    def _center_ok(self) -> bool:
        ok = True
        for f in (self.center_id, self.center_name):
            text = " ".join(f.editor.text().split())
            f.set_error("" if text else self.tr("Required."))
            ok = ok and bool(text)
        if not ok:
            next(f for f in (self.center_id, self.center_name) if f.invalid).editor.setFocus()
        return ok

    def _keys_ok(self) -> bool:
        text = self.passphrase.editor.text()
        self.passphrase.set_error("")
        self.passphrase_again.set_error("")
        if self.keys is not None:
            return True
        if self.unlocking:
            try:
                self.keys = self.console.center_keys(text)
            except (InvigilatorError, ProtocolError):
                self.passphrase.set_error(self.tr("This is not the passphrase of these keys."))
                self.passphrase.editor.selectAll()
                self.passphrase.editor.setFocus()
                return False
            self._passphrase = text
            return True
        if passphrase_strength(text) < 2:
            self.passphrase.set_error(self.tr("Too easy to guess: use at least %n characters, several words or "
                                              "a mix of letters, digits and signs.", "", MIN_PASSPHRASE))
            self.passphrase.editor.setFocus()
            return False
        if self.passphrase_again.editor.text() != text:
            self.passphrase_again.set_error(self.tr("The two passphrases differ."))
            self.passphrase_again.editor.setFocus()
            return False
        try:
            _, self.keys = self.console.init_center(self.center_id.editor.text(), self.center_name.editor.text(),
                                                    text)
        except InvigilatorError as exc:
            self._say(str(exc))
            return False
        self._passphrase = text
        self.passphrase_again.editor.clear()
        return True

    # -- publishers -----------------------------------------------------------------------------------------
    def choose_publisher(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("A publisher's public key"), "",
                                              self.tr("Public keys (*.pub)") + ";;" + self.tr("All files (*)"))
        if path:
            self.add_publisher(Path(path))

    def add_publisher(self, path: Path) -> bool:
        try:
            publisher = self.console.trust_publisher(path)
        except (InvigilatorError, ProtocolError, OSError) as exc:
            self._say(self.tr("%1 was not added: %2").replace("%1", path.name).replace("%2", str(exc)))
            return False
        self._say("")
        self._refresh_lists()
        self.publishers.setCurrentRow(next(i for i in range(self.publishers.count())
                                           if publisher.key_id in self.publishers.item(i).text()))
        return True

    def _refresh_lists(self) -> None:
        if not self.console.initialised:
            return
        self.publishers.clear()
        for p in self.console.store.sessions.publishers():
            self.publishers.addItem(f"{p.name}  —  {p.key_id}")
        self.banks.clear()
        for b in self.console.store.sessions.banks():
            self.banks.addItem(f"{b.title}  —  {b.id}")

    # -- banks --------------------------------------------------------------------------------------------------
    def choose_bank(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("A bank to import"), "",
                                              self.tr("Banks (*.pbank)") + ";;" + self.tr("All files (*)"))
        if path:
            self.import_bank(Path(path))

    def import_bank(self, path: Path) -> None:
        """Verify and import a bank off the interface's thread; the page shows progress, then the outcome."""
        if self.importing:
            return
        self.importing = True
        self.progress.setVisible(True)
        self._say("")
        self._show_step()
        passphrase, relay = self._passphrase, self._relay

        def work() -> None:
            try:
                relay.done.emit(self.console.import_bank(path, passphrase), None)
            except (InvigilatorError, ProtocolError, ItemBankError, OSError) as exc:
                # the copy being verified is an internal file: name the one that was chosen
                relay.done.emit(path, TEMP_COPY.sub("", str(exc)))
            except Exception as exc:  # the interface must come back whatever the bank held
                relay.done.emit(path, f"{type(exc).__name__}: {exc}")

        threading.Thread(target=work, name="pupitre-bank-import", daemon=True).start()

    def _import_done(self, result: object, error: object) -> None:
        self.importing = False
        self.progress.setVisible(False)
        if error is not None:
            name = result.name if isinstance(result, Path) else str(result)
            self._say(self.tr("%1 was refused and not imported: %2").replace("%1", name).replace("%2", str(error)))
        else:
            assert isinstance(result, Bank)
            self.imported.append(result)
            self._refresh_lists()
        self._show_step()

    # -- leaving ----------------------------------------------------------------------------------------------------
    def kept_summary(self) -> str:
        """What stays if the wizard is left now (the cancel dialog shows it)."""
        if not self.console.initialised:
            return self.tr("Nothing was saved yet.")
        publishers = len(self.console.store.sessions.publishers())
        banks = len(self.console.store.sessions.banks())
        return (self.tr("The center and its keys (sealed by the passphrase) are kept.") + " "
                + self.tr("%n trusted publisher(s) kept.", "", publishers) + " "
                + self.tr("%n bank(s) kept.", "", banks) + " "
                + self.tr("The next start continues from here."))

    def cancel(self) -> None:
        if self.importing:
            return
        answer = QMessageBox.question(self, self.tr("Leave the setup?"), self.kept_summary(),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self._passphrase = ""
            self.cancelled.emit()
