"""The kiosk's interface under test: a real bank file, the real journal, the real widgets, offscreen.

The bank is made here so that every question shows everything at once: the five item types
(one per competence, in turn), focus and free questions alternating, an illustration, and
attachments of each kind (image, PDF, CSV, text, and a spreadsheet only the workstation opens).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPushButton, QRadioButton

from itembank.answers import reference_responses
from itembank.model import AttachmentRef, Illustration, ItemType, LocalText, Mode
from itembank.pbank import build_bank, open_bank
from itembank.profile import ExamProfile
from itembank.synth import TYPE_WEIGHTS, synthetic_bank
from kiosk.app import PracticeApp, PracticeKiosk
from kiosk.core.session import State
from kiosk.ui.qt_refcount import QtRefcountKeeper
from protocol.keys import KeyPair, ScryptParams

PASSPHRASE = "gui-test-passphrase"
TYPES = list(TYPE_WEIGHTS)


def png_bytes(width: int = 480, height: int = 240) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#dbe7f3"))
    painter = QPainter(image)
    painter.fillRect(20, 60, 80, 160, QColor("#1d5fa8"))
    painter.fillRect(140, 120, 80, 100, QColor("#2c6e49"))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def pdf_bytes() -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    painter = QPainter(writer)
    painter.drawText(200, 400, "Rapport annuel — Annual report")
    painter.end()
    buffer.close()
    return bytes(data)


ATTACHMENTS = {
    "figure.png": None,  # made once a QApplication exists
    "report.pdf": None,
    "sales.csv": b"month;sales\njanuary;120\nfebruary;95\nmarch;143\n",
    "notes.txt": b"Meeting notes\n- backup every Friday\n- passwords: never shared\n",
    "grades.ods": b"PK\x03\x04 not a real spreadsheet, only the workstation opens it",
}


def gui_source():
    """16 competences × 3 items; the type follows the competence, the mode alternates."""
    source = synthetic_bank(48, seed=5, bank_id="gui-bank")
    donors = {}
    for other in synthetic_bank(400, seed=6).items:
        donors.setdefault(other.type, other)
    items = []
    for item in source.items:
        competence = source.framework.codes.index(item.competence)
        wanted = TYPES[competence % len(TYPES)]
        if item.type is not wanted:
            donor = donors[wanted]
            item = dataclasses.replace(item, type=wanted, proposals=donor.proposals, solution=donor.solution,
                                       fields=donor.fields, solution_groups=donor.solution_groups,
                                       normalise=donor.normalise)
        mode = Mode.FOCUS if competence % 2 else Mode.FREE
        statement = LocalText(
            f"**Question {item.id}** — lisez le document puis répondez.\n\nUne phrase avec `du code`.",
            f"**Question {item.id}** — read the document, then answer.\n\nA sentence with `some code`.")
        items.append(dataclasses.replace(
            item, mode=mode, statement=statement, shuffle=False,
            illustrations=(Illustration("figure.png", LocalText("Un diagramme en barres", "A bar chart")),),
            attachments=tuple(AttachmentRef(name, LocalText(f"Fichier {name}", f"File {name}"))
                              for name in ("report.pdf", "sales.csv", "notes.txt", "grades.ods")),
        ))
    source.items = items
    attachments = dict(ATTACHMENTS)
    attachments["figure.png"] = png_bytes()
    attachments["report.pdf"] = pdf_bytes()
    source.attachments = attachments
    source.profiles["gui"] = ExamProfile(name="gui", title=LocalText("Essai", "Trial"), length=16,
                                         duration_minutes=30, min_treated=8, per_competence=1)
    return source


@pytest.fixture(scope="session", autouse=True)
def refcount_keeper(qapp):
    """pytest-qt and the tests call Qt from Python too: the whole run needs the guard."""
    return QtRefcountKeeper.install(qapp)


@pytest.fixture(scope="session")
def gui_bank(tmp_path_factory, qapp):
    """(path, trusted publisher keys) of a practice bank that opens with PASSPHRASE."""
    folder = tmp_path_factory.mktemp("bank")
    publisher = KeyPair.generate("gui-publisher")
    path = build_bank(gui_source(), folder / "gui.pbank", publisher, passphrase=PASSPHRASE,
                      scrypt=ScryptParams(n=2**14), now=dt.datetime(2026, 1, 5, tzinfo=dt.UTC))
    return path, [publisher.public]


class Driver:
    """Plays the kiosk through its widgets, as a candidate with a keyboard and a mouse would."""

    def __init__(self, qtbot, ui: PracticeApp):
        self.qtbot = qtbot
        self.ui = ui

    @property
    def window(self):
        return self.ui.window

    @property
    def session(self):
        return self.ui.attempt.session

    def page(self, state: State):
        return self.window.pages[state]

    def wait_state(self, *states: State, timeout: int = 5000) -> None:
        self.qtbot.waitUntil(lambda: self.session.state in states and self.window.current_page() is self.page(
            self.session.state), timeout=timeout)

    def click(self, widget) -> None:
        self.qtbot.waitUntil(lambda: widget.height() > 0 and widget.isVisible())  # laid out, as on screen
        assert widget.isVisible() and widget.isEnabled(), f"{widget.objectName()} is not clickable"
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(widget.width() // 2,
                                                                               widget.height() // 2))

    def type(self, edit, text: str) -> None:
        """Type ``text`` (QTest types ASCII only; other characters are inserted as an input method would)."""
        if text.isascii():
            self.qtbot.keyClicks(edit, text)
        else:
            edit.setFocus()
            edit.insert(text)

    def check_in(self, last="Martin", first="Léa", born="17/05/2009", locale=None) -> None:
        self.wait_state(State.CHECK_IN)
        screen = self.page(State.CHECK_IN)
        if locale:
            self.click(screen.language_buttons[locale])
        for key, value in (("last_name", last), ("first_name", first), ("birth_date", born)):
            screen.inputs[key].clear()
            self.type(screen.inputs[key], value)
        self.click(screen.submit_button)

    def start(self) -> None:
        self.wait_state(State.INSTRUCTIONS)
        self.click(self.page(State.INSTRUCTIONS).primary)
        self.wait_state(State.QUESTION, State.FOCUS_WARNING)

    def to_question(self) -> None:
        if self.session.state is State.FOCUS_WARNING:
            self.click(self.page(State.FOCUS_WARNING).primary)
        self.wait_state(State.QUESTION)
        screen = self.question()  # new widgets are shown by a queued call: wait as a person would
        self.qtbot.waitUntil(lambda: screen.answer is not None and screen.answer.isVisible()
                             and all(w.isVisible() and w.height() > 0 for w in screen.answer.focus_chain()))
        self.qtbot.wait(1)  # and laid out

    def question(self):
        return self.page(State.QUESTION)

    def fill(self, right: bool = True) -> None:
        """Give the right (or a wrong) answer through the answer widgets."""
        screen = self.question()
        item = self.session.question.item
        answer = screen.answer
        if item.type is ItemType.QCU:
            key = item.solution[0] if right else next(k for k in item.proposal_keys if k != item.solution[0])
            self.click(answer.buttons[key])
            assert isinstance(answer.buttons[key], QRadioButton) and answer.buttons[key].isChecked()
        elif item.type is ItemType.QCM:
            keys = item.solution if right else [k for k in item.proposal_keys if k not in item.solution][:1]
            for key in keys:
                self.click(answer.buttons[key])
                assert isinstance(answer.buttons[key], QCheckBox)
        else:
            values = reference_responses(item, self.session.locale)[0]
            for key, edit in answer.inputs.items():
                assert isinstance(edit, QLineEdit)
                text = values[key] if isinstance(values, dict) else values
                self.type(edit, text if right else "zzz-wrong")

    def validate(self) -> None:
        button = self.question().validate_button
        assert isinstance(button, QPushButton)
        self.click(button)

    def confirm_dialog(self, accept: bool = True):
        screen = self.question()
        self.qtbot.waitUntil(lambda: screen.dialog is not None and screen.dialog.isVisible())
        dialog = screen.dialog
        self.click(dialog.confirm_button if accept else dialog.cancel_button)
        return dialog

    def answer_current(self, right: bool = True) -> None:
        self.to_question()
        number = self.session.question.number
        self.fill(right)
        self.validate()
        self.qtbot.waitUntil(lambda: self.session.state is not State.QUESTION or self.session.question is None
                             or self.session.question.number != number)

    def play_to_end(self, right=lambda n: True) -> None:
        while self.session.state in (State.QUESTION, State.FOCUS_WARNING):
            self.answer_current(right(self.session.number))
        self.wait_state(State.SUBMITTED)


@pytest.fixture
def practice(qtbot, qapp, gui_bank, tmp_path):
    """Start a practice kiosk on the GUI bank; returns a factory (locale, data_dir) → Driver."""
    started: list[PracticeApp] = []

    def start(locale: str = "fr", data_dir: Path | None = None, profile: str = "gui") -> Driver:
        path, trusted = gui_bank
        bank = open_bank(path, trusted, passphrase=PASSPHRASE)
        kiosk = PracticeKiosk(bank, profile, data_dir or tmp_path / "data")
        ui = PracticeApp(kiosk, locale=locale, windowed=True, app=qapp)
        ui.start()
        started.append(ui)
        return Driver(qtbot, ui)

    yield start
    for ui in started:
        ui.close()
