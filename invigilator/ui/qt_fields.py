"""Form pieces the console's pages share: a captioned field whose error is shown beside it and told to
screen readers, and the small helpers the pages use (captions, buttons, live retranslation).

An invalid field gets the dynamic property ``invalid="true"`` (the window's style sheet draws it;
a default is given here for pages shown alone), its error text below it, and the same text as its
accessible description, so a screen reader reads the error when the field gets focus.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

# a default look for pages shown without the window's style sheet; text (a leading sign) says it too
PAGE_STYLE = """
*[invalid="true"] { border: 2px solid #b00020; }
QLabel[role="error"] { color: #b00020; font-weight: bold; }
"""


SCALE = {"title": 1.5, "board": 2.6}  # of the application's font, so the window's text zoom scales them too


def label(role: str = "", text: str = "", *, wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    if role:
        widget.setProperty("role", role)
    if role in SCALE:
        font = QFont(widget.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * SCALE[role])
        else:  # the window sets its font in pixels (its text zoom); its style sheet sizes these roles too
            font.setPixelSize(round(font.pixelSize() * SCALE[role]))
        font.setBold(True)
        if role == "board":
            font.setFamily("monospace")
            font.setStyleHint(QFont.StyleHint.Monospace)
            font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 115)
        widget.setFont(font)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return widget


def button(object_name: str, on_click: Callable[[], object] | None = None, *, default: bool = False) -> QPushButton:
    widget = QPushButton()
    widget.setObjectName(object_name)
    widget.setAutoDefault(default)
    widget.setDefault(default)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    if on_click is not None:
        widget.clicked.connect(lambda _checked=False: on_click())
    return widget


def restyle(widget: QWidget, **properties: object) -> None:
    changed = False
    for key, value in properties.items():
        if widget.property(key) != value:
            widget.setProperty(key, value)
            changed = True
    if changed:
        widget.style().unpolish(widget)
        widget.style().polish(widget)
        widget.update()


class Field(QWidget):
    """A caption, an editor and the editor's error, for one value of a form."""

    def __init__(self, key: str, editor: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.key, self.editor = key, editor
        editor.setObjectName(key)
        self.caption = label("", wrap=True)
        self.caption.setBuddy(editor)
        self.problem = label("error")
        self.problem.setObjectName(f"{key}-error")
        self.problem.setVisible(False)
        self.hint = ""
        self.error = ""
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.caption)
        box.addWidget(editor)
        box.addWidget(self.problem)
        restyle(editor, invalid="false")

    def set_caption(self, text: str, hint: str = "") -> None:
        self.caption.setText(text)
        self.hint = hint
        self.editor.setAccessibleName(text.replace("&", ""))
        self._describe()

    def set_error(self, text: str) -> None:
        """Show ``text`` as the field's error ('' clears it); the editor says it to screen readers."""
        self.error = text
        self.problem.setText(f"⚠ {text}" if text else "")
        self.problem.setVisible(bool(text))
        restyle(self.editor, invalid="true" if text else "false")
        self._describe()

    def _describe(self) -> None:
        self.editor.setAccessibleDescription(f"{self.error} {self.hint}".strip() if self.error else self.hint)

    @property
    def invalid(self) -> bool:
        return bool(self.error)


class Retranslated(QWidget):
    """A widget whose texts are set in :meth:`retranslateUi`, called again when the language changes."""

    def retranslateUi(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
