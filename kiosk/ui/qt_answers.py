"""The answer widgets of the five item types.

- qcu: radio buttons, qcm: check boxes, in the display order recorded by the session; each row
  wraps long text and the whole row is a target;
- qroc, qrocm-ind, qrocm-dep: labelled line edits with their unit; number fields accept what
  people type ("3,5", "1 024", "-2").

The widgets are made once and reused from question to question (rows are shown, hidden and
refilled): building and styling new widgets would cost more than the rest of the path from
"Validate" to the next question. ``response()`` returns what :func:`itembank.answers.check`
expects; nothing here judges it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from itembank.model import InputKind, Item, ItemType
from kiosk.ui.qt_widgets import label, name, restyle

RESERVED_CHOICES, RESERVED_FIELDS = 6, 4  # made at start-up; more are made if a question needs them


@contextmanager
def batched(layout: QLayout) -> Iterator[None]:
    """Show and hide many children at the cost of one layout pass: Qt lays a parent out again,
    at once, each time a child is shown, unless its layout is disabled meanwhile."""
    layout.setEnabled(False)
    try:
        yield
    finally:
        layout.setEnabled(True)
        layout.invalidate()


def show(widget: QWidget, visible: bool) -> None:
    """Show or hide, only if that changes something (setVisible costs even when it does not)."""
    if widget.isHidden() == visible:
        widget.setVisible(visible)


class _RowFocus:
    """Shows a choice's focus on its whole row (the style sheet draws the ring)."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)  # type: ignore[misc]
        restyle(self.parentWidget(), focused="true")  # type: ignore[attr-defined]

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)  # type: ignore[misc]
        restyle(self.parentWidget(), focused="false")  # type: ignore[attr-defined]


class QtChoiceRadio(_RowFocus, QRadioButton):
    pass


class QtChoiceCheck(_RowFocus, QCheckBox):
    pass


class QtChoiceText(QLabel):
    """The wrapping text of a proposal; a click on it acts on its button."""

    def __init__(self, button: QAbstractButton):
        super().__init__()
        self.setProperty("role", "choice-text")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._button = button

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._button.setFocus(Qt.FocusReason.MouseFocusReason)
            self._button.click()
        else:
            super().mouseReleaseEvent(event)


class QtChoiceRow(QFrame):
    """One proposal: its button (radio or check box) and its text."""

    def __init__(self, multiple: bool):
        super().__init__()
        self.setProperty("role", "choice")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(14)
        self.button: QAbstractButton = QtChoiceCheck() if multiple else QtChoiceRadio()
        self.button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.text = QtChoiceText(self.button)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)


class QtChoiceAnswer(QWidget):
    """qcu (one choice) or qcm (several): the rows of the current question, out of a reused pool."""

    def __init__(self, multiple: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.multiple = multiple
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(10)
        self.hint = label("hint")
        self._layout.addWidget(self.hint)
        # Radio buttons share a group (one Tab stop, arrows inside); check boxes stay apart so that
        # Tab visits each of them, as people expect of a list of boxes to tick.
        self.group: QButtonGroup | None = None if multiple else QButtonGroup(self)
        self._pool: list[QtChoiceRow] = []
        self.buttons: dict[str, QAbstractButton] = {}
        self.texts: dict[str, QLabel] = {}
        self._rows: dict[str, QtChoiceRow] = {}

    def reserve(self, count: int) -> None:
        """Have at least ``count`` rows ready (made ahead, so no question pays for them)."""
        while len(self._pool) < count:
            row = QtChoiceRow(self.multiple)
            row.button.toggled.connect(self._toggled)
            if self.group is not None:
                self.group.addButton(row.button)
            row.hide()
            self._layout.addWidget(row)
            row.ensurePolished()  # styled now rather than when first shown
            self._pool.append(row)

    def show_item(self, item: Item, order: Sequence[str], locale: str) -> None:
        with batched(self._layout):
            self._fill(item, order, locale)
        self.retranslateUi()

    def _fill(self, item: Item, order: Sequence[str], locale: str) -> None:
        texts = {p.key: p.text.get(locale) for p in item.proposals}
        keys = list(order or item.proposal_keys)
        self.reserve(len(keys))
        if self.group is not None:
            self.group.setExclusive(False)  # an exclusive group cannot be emptied
        self.buttons, self.texts, self._rows = {}, {}, {}
        for index, row in enumerate(self._pool):
            row.button.setChecked(False)
            if index < len(keys):
                key = keys[index]
                row.button.setObjectName(f"choice-{key}")
                row.text.setText(texts[key])
                self.buttons[key], self.texts[key], self._rows[key] = row.button, row.text, row
            used = index < len(keys)
            if row.button.isEnabled() != used:  # a spare row's button must not take the arrows' focus
                row.button.setEnabled(used)
            show(row, used)
        if self.group is not None:
            self.group.setExclusive(True)
        show(self.hint, True)
        self._toggled()

    def clear(self) -> None:
        """Show nothing (another kind of answer is on screen)."""
        with batched(self._layout):
            for row in self._pool:
                show(row, False)
            show(self.hint, False)
        self.buttons, self.texts, self._rows = {}, {}, {}

    def retranslateUi(self) -> None:
        if self.multiple:
            self.hint.setText(self.tr("Several answers may be right: tick every right one."))
        else:
            self.hint.setText(self.tr("One answer is right: choose it."))
        count = len(self.buttons)
        for index, (key, button) in enumerate(self.buttons.items(), 1):
            position = self.tr("Proposal %1 of %2").replace("%1", str(index)).replace("%2", str(count))
            name(button, self.texts[key].text(), position)

    def _toggled(self) -> None:
        for row in self._pool:
            restyle(row, checked="true" if row.button.isChecked() else "false")
            if row.text.property("checked") != row.property("checked"):
                restyle(row.text, checked=row.property("checked"))

    def response(self) -> Any:
        chosen = [key for key, button in self.buttons.items() if button.isChecked()]
        if self.multiple:
            return chosen
        return chosen[0] if chosen else None

    def first_focus(self) -> QWidget:
        return next(iter(self.buttons.values()))

    def focus_chain(self) -> list[QWidget]:
        return list(self.buttons.values())


class QtFieldRow(QWidget):
    """One input: its caption above, the line edit and its unit."""

    def __init__(self) -> None:
        super().__init__()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(6)
        self.caption = label("")
        self.edit = QLineEdit()
        self.edit.setMaxLength(200)
        self.unit = label("lead", wrap=False)
        self.caption.setBuddy(self.edit)
        line = QHBoxLayout()
        line.setSpacing(10)
        line.addWidget(self.edit, 1)
        line.addWidget(self.unit)
        box.addWidget(self.caption)
        box.addLayout(line)


class QtFieldsAnswer(QWidget):
    """qroc and qrocm: one labelled input per field, with its unit, out of a reused pool."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(14)
        self.hint = label("hint")
        self._layout.addWidget(self.hint)
        self._pool: list[QtFieldRow] = []
        self.item: Item | None = None
        self.locale = "fr"
        self.inputs: dict[str, QLineEdit] = {}
        self.captions: dict[str, QLabel] = {}

    def reserve(self, count: int) -> None:
        while len(self._pool) < count:
            row = QtFieldRow()
            row.hide()
            self._layout.addWidget(row)
            row.ensurePolished()
            self._pool.append(row)

    def show_item(self, item: Item, locale: str) -> None:
        with batched(self._layout):
            self._fill(item, locale)
        self.retranslateUi()

    def _fill(self, item: Item, locale: str) -> None:
        self.item, self.locale = item, locale
        self.reserve(len(item.fields))
        self.inputs, self.captions = {}, {}
        for index, row in enumerate(self._pool):
            row.edit.clear()
            if index < len(item.fields):
                field = item.fields[index]
                row.edit.setObjectName(f"field-{field.key}")
                # No validator on numbers: a refused keystroke confuses people, and "3,5 Mo" is accepted.
                row.edit.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly
                                             if field.input is InputKind.NUMBER else Qt.InputMethodHint.ImhNone)
                unit = field.unit.get(locale) if field.unit else ""
                row.unit.setText(unit)
                show(row.unit, bool(unit))
                self.inputs[field.key], self.captions[field.key] = row.edit, row.caption
            show(row, index < len(item.fields))
        show(self.hint, True)

    def clear(self) -> None:
        with batched(self._layout):
            for row in self._pool:
                show(row, False)
            show(self.hint, False)
        self.item, self.inputs, self.captions = None, {}, {}

    def retranslateUi(self) -> None:
        item = self.item
        if item is None:
            return
        fields = item.fields
        if len(fields) == 1:
            self.hint.setText(self.tr("Type your answer in the box."))
        elif item.type is ItemType.QROCM_DEP:
            self.hint.setText(self.tr("Fill in every box; the order of your answers does not matter."))
        else:
            self.hint.setText(self.tr("Fill in every box."))
        for index, field in enumerate(fields, 1):
            if field.label:
                text = field.label.get(self.locale)
            elif len(fields) == 1:
                text = self.tr("Your answer")
            else:
                text = self.tr("Answer %1").replace("%1", str(index))
            self.captions[field.key].setText(text)
            edit = self.inputs[field.key]
            unit = field.unit.get(self.locale) if field.unit else ""
            if field.input is InputKind.NUMBER:
                edit.setPlaceholderText(self.tr("A number, e.g. 3.5"))
                description = self.tr("A number; a comma or a point for decimals.")
            else:
                edit.setPlaceholderText("")
                description = self.tr("Free text.")
            if unit:
                description = f"{description} " + self.tr("Unit: %1").replace("%1", unit)
            name(edit, text, description)

    def response(self) -> dict[str, str]:
        return {key: edit.text() for key, edit in self.inputs.items()}

    def empty_boxes(self) -> list[QLineEdit]:
        """The boxes left empty, when there are several boxes (one empty box alone is a blank answer)."""
        if len(self.inputs) < 2:
            return []
        return [edit for edit in self.inputs.values() if not edit.text().strip()]

    def first_focus(self) -> QWidget:
        return next(iter(self.inputs.values()))

    def focus_chain(self) -> list[QWidget]:
        return list(self.inputs.values())


class QtAnswerArea(QWidget):
    """The three reusable answer widgets; ``show_item`` shows the one the item needs."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.single = QtChoiceAnswer(multiple=False)
        self.several = QtChoiceAnswer(multiple=True)
        self.fields = QtFieldsAnswer()
        for widget in (self.single, self.several, self.fields):
            layout.addWidget(widget)  # the three stay shown (showing a whole tree is slow); unused ones are empty
        self.single.reserve(RESERVED_CHOICES)
        self.several.reserve(RESERVED_CHOICES)
        self.fields.reserve(RESERVED_FIELDS)
        for widget in (self.single, self.several, self.fields):
            widget.clear()
        self.current: QtChoiceAnswer | QtFieldsAnswer | None = None

    def show_item(self, item: Item, order: Sequence[str], locale: str) -> QtChoiceAnswer | QtFieldsAnswer:
        if item.type is ItemType.QCU:
            self.single.show_item(item, order, locale)
            current: QtChoiceAnswer | QtFieldsAnswer = self.single
        elif item.type is ItemType.QCM:
            self.several.show_item(item, order, locale)
            current = self.several
        else:
            self.fields.show_item(item, locale)
            current = self.fields
        for widget in (self.single, self.several, self.fields):
            if widget is not current and widget is self.current:
                widget.clear()
        self.current = current
        return current

    def retranslateUi(self) -> None:
        if self.current is not None:
            self.current.retranslateUi()
