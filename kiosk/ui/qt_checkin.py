"""Check-in: the candidate's name and birth date (and, in an exam, the session number and access
code), and the choice of language, which switches the whole interface at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.candidate import SCREEN_READER, check_in
from kiosk.core.session import AttemptMode, State
from kiosk.errors import CheckInError
from kiosk.ui.qt_reading import announce
from kiosk.ui.qt_services import QtKioskServices
from kiosk.ui.qt_session import QtSessionBridge
from kiosk.ui.qt_widgets import QtPage, button, label, name, restyle

LANGUAGES = (("fr", "Français"), ("en", "English"))  # each language named in itself, never translated


class QtCheckInScreen(QtPage):
    FIELDS = ("last_name", "first_name", "birth_date", "session_number", "access_code")

    def __init__(self, bridge: QtSessionBridge, services: QtKioskServices, parent: QWidget | None = None):
        super().__init__(parent)
        self.bridge = bridge
        self.session = bridge.session
        self.services = services
        self.exam = self.session.mode is AttemptMode.EXAM
        self.errors: dict[str, str] = {}

        self.heading = label("title")
        self.lead = label("lead")
        self.column.addWidget(self.heading)
        self.column.addWidget(self.lead)

        # A radio group: one Tab stop (the chosen language), the arrows move inside it, and a screen
        # reader says "Language, grouping" then "Français, radio button, checked, 1 of 2".
        self.language_box = QWidget()
        self.language_box.setObjectName("languages")
        languages = QHBoxLayout(self.language_box)
        languages.setContentsMargins(0, 0, 0, 0)
        languages.setSpacing(16)
        self.language_caption = label("", wrap=False)
        languages.addWidget(self.language_caption)
        self.language_group = QButtonGroup(self)
        self.language_group.setExclusive(True)
        self.language_buttons: dict[str, QRadioButton] = {}
        for code, title in LANGUAGES:
            choice = QRadioButton(title)
            choice.setObjectName(f"language-{code}")
            choice.setChecked(code == services.language.locale)
            choice.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            choice.toggled.connect(lambda checked, c=code: checked and self.choose_language(c))
            self.language_group.addButton(choice)
            self.language_buttons[code] = choice
            languages.addWidget(choice)
        languages.addStretch(1)
        self.language_caption.setBuddy(self.language_buttons[services.language.locale])
        self._one_tab_stop()
        self.column.addWidget(self.language_box)

        self.inputs: dict[str, QLineEdit] = {}
        self.captions: dict[str, QLabel] = {}
        self.problems: dict[str, QLabel] = {}
        fields = self.FIELDS if self.exam else self.FIELDS[:3]
        for key in fields:
            box = QVBoxLayout()
            box.setSpacing(4)
            caption = label("")
            edit = QLineEdit()
            edit.setObjectName(key)
            edit.setMaxLength(80)
            edit.returnPressed.connect(self.submit)
            caption.setBuddy(edit)
            problem = label("error")
            problem.setVisible(False)
            box.addWidget(caption)
            box.addWidget(edit)
            box.addWidget(problem)
            self.column.addLayout(box)
            self.inputs[key], self.captions[key], self.problems[key] = edit, caption, problem
        if "access_code" in self.inputs:
            self.inputs["access_code"].setMaxLength(6)
        # In an exam the accommodation comes from the roster (it gives more time): the candidate
        # cannot grant it to themselves. A practice test lets anyone try the test as they will take it.
        self.screen_reader: QCheckBox | None = None
        if not self.exam:
            self.screen_reader = QCheckBox()
            self.screen_reader.setObjectName("screen-reader")
            self.column.addWidget(self.screen_reader)
        self.column.addStretch(1)

        self.actions.addStretch(1)
        self.submit_button = button("primary")
        self.submit_button.setObjectName("check-in")
        self.submit_button.clicked.connect(self.submit)
        self.actions.addWidget(self.submit_button)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        practice = not self.exam
        self.heading.setText(self.tr("Welcome") if practice else self.tr("Check-in"))
        self.lead.setText(self.tr("Practice test: enter your name to begin. Nothing is sent anywhere.")
                          if practice else
                          self.tr("Enter your details and the codes written on the board by the invigilator."))
        name(self.heading, self.heading.text())
        name(self.lead, self.lead.text())
        self.language_caption.setText(self.tr("Language:"))
        name(self.language_box, self.tr("Interface language"))
        for choice in self.language_buttons.values():
            name(choice, choice.text(), self.tr("Interface language"))
        captions = {
            "last_name": (self.tr("Last name"), self.tr("As written on your identity document.")),
            "first_name": (self.tr("First name"), self.tr("As written on your identity document.")),
            "birth_date": (self.tr("Date of birth (dd/mm/yyyy)"), self.tr("For example 31/12/2009.")),
            "session_number": (self.tr("Session number"), self.tr("Given by the invigilator.")),
            "access_code": (self.tr("Access code"), self.tr("4 letters and 2 digits, as written on the board.")),
        }
        for key, edit in self.inputs.items():
            text, hint = captions[key]
            self.captions[key].setText(text)
            edit.setPlaceholderText(hint)
            name(edit, text, hint)
        if self.screen_reader is not None:
            self.screen_reader.setText(self.tr("I use a screen reader"))
            name(self.screen_reader, self.screen_reader.text(),
                 self.tr("Only questions a screen reader can read out are asked."))
        self.submit_button.setText(self.tr("Continue ⏎"))
        name(self.submit_button, self.tr("Continue"), self.tr("Checks what you typed and goes on."))
        self._show_errors()

    def choose_language(self, locale: str) -> None:
        """Switch the interface language at once (Qt retranslates every screen)."""
        if self.session.state is State.CHECK_IN and locale != self.services.language.locale:
            self.services.language.set_locale(locale)
        chosen = self.language_buttons.get(self.services.language.locale)
        if chosen is not None and not chosen.isChecked():
            chosen.setChecked(True)
        self._one_tab_stop()

    def _one_tab_stop(self) -> None:
        """Tab reaches the group once, on the chosen language; the arrows move inside it."""
        for choice in self.language_buttons.values():
            choice.setFocusPolicy(Qt.FocusPolicy.StrongFocus if choice.isChecked() else Qt.FocusPolicy.ClickFocus)

    def _message(self, key: str, problem: str) -> str:
        if problem == "required":
            return self.tr("⚠ Required.")
        if key in ("last_name", "first_name"):
            return self.tr("⚠ Letters, spaces, hyphens and apostrophes only.")
        if key == "birth_date":
            if "plausible" in problem:
                return self.tr("⚠ This date of birth does not seem right.")
            return self.tr("⚠ Expected a date such as 31/12/2009.")
        if key == "session_number":
            return self.tr("⚠ The session number is the number given by the invigilator.")
        return self.tr("⚠ 4 letters and 2 digits, as written on the board (for example PVXB89).")

    def _show_errors(self) -> None:
        for key, problem_label in self.problems.items():
            problem = self.errors.get(key)
            text = self._message(key, problem) if problem else ""
            problem_label.setText(text)
            problem_label.setVisible(bool(text))
            edit = self.inputs[key]
            if (edit.property("invalid") == "true") != bool(problem):
                restyle(edit, invalid="true" if problem else "false")
            hint = edit.placeholderText()
            edit.setAccessibleDescription(f"{text} {hint}".strip() if text else hint)

    def submit(self) -> None:
        if self.session.state is not State.CHECK_IN:
            return
        values = {key: edit.text() for key, edit in self.inputs.items()}
        try:
            candidate = check_in(
                last_name=values["last_name"], first_name=values["first_name"], birth_date=values["birth_date"],
                session_number=values.get("session_number", ""), access_code=values.get("access_code", ""),
                today=self.services.today(), exam=self.exam, accommodations=self.accommodations())
        except CheckInError as exc:
            self.errors = dict(exc.fields)
            self._show_errors()
            first = next(key for key in self.inputs if key in self.errors)
            self.inputs[first].setFocus(Qt.FocusReason.OtherFocusReason)
            announce(self.problems[first], self.tr("%1: %2").replace("%1", self.captions[first].text()).replace(
                "%2", self.problems[first].text().removeprefix("⚠ ")), assertive=True)
            return
        self.errors = {}
        self._show_errors()
        self.bridge.run(self.session.submit_check_in, candidate, self.services.language.locale)

    def accommodations(self) -> tuple[str, ...]:
        return (SCREEN_READER,) if self.screen_reader is not None and self.screen_reader.isChecked() else ()

    def first_focus(self) -> QWidget:
        return self.inputs["last_name"]
