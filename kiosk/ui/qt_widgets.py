"""Shared building blocks of the kiosk's screens: text roles, the page column, confirmations.

Every screen retranslates itself on LanguageChange (``retranslateUi``) and re-reads the session
when shown (``refresh``); text sizes come from the theme's roles, so the zoom reflows them.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPen, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

PAGE_WIDTH = 980  # the reading column; wider lines are hard to follow
SPACING = 18
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# Enter does nothing on a page for this long after it appears: the Enter that validated a question
# may come twice, and the second must not acknowledge the focus briefing unread.
ENTER_GRACE_S = 0.4
# A dialog of the kiosk is part of the test, not a window of its own: a title and a close button,
# nothing to minimise or maximise, and the screen behind waits for it.
DIALOG_FLAGS = (Qt.WindowType.Dialog | Qt.WindowType.CustomizeWindowHint | Qt.WindowType.WindowTitleHint
                | Qt.WindowType.WindowCloseButtonHint)


def as_kiosk_dialog(dialog: QDialog) -> None:
    """Modal, with a title and a close button only."""
    dialog.setWindowFlags(DIALOG_FLAGS)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setModal(True)


def label(role: str = "", text: str = "", *, wrap: bool = True, parent: QWidget | None = None) -> QLabel:
    widget = QLabel(text, parent)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return widget


def button(role: str = "", parent: QWidget | None = None) -> QPushButton:
    widget = QPushButton(parent)
    if role:
        widget.setProperty("role", role)
    widget.setAutoDefault(False)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return widget


def name(widget: QWidget, accessible: str, description: str = "") -> None:
    """Give a control its name (and description) for screen readers."""
    widget.setAccessibleName(accessible)
    widget.setAccessibleDescription(description)


def restyle(widget: QWidget, **properties: object) -> None:
    """Set dynamic properties used by the style sheet and re-polish the widget (only if one changed;
    with no properties, re-polish anyway: a parent's property changed)."""
    changed = not properties
    for key, value in properties.items():
        if widget.property(key) != value:
            widget.setProperty(key, value)
            changed = True
    if not changed:
        return
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.updateGeometry()
    widget.update()


def clear_layout(layout: QBoxLayout) -> None:
    """Remove and delete (later) everything in a layout; safe from inside a child's signal.

    The widgets keep their parent until they are deleted: reparenting a tree costs more than
    building it, and a hidden widget is out of sight and out of the Tab order.
    """
    while layout.count():
        entry = layout.takeAt(0)
        widget = entry.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif entry.layout() is not None:
            clear_layout(entry.layout())  # type: ignore[arg-type]
            entry.layout().deleteLater()


def clock_icon(colour: str = "#14181d", size: int = 64) -> QIcon:
    """A small clock drawn in code (no icon theme on a locked kiosk)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(colour), size / 10)
    painter.setPen(pen)
    margin = size / 8
    painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
    centre = QPointF(size / 2, size / 2)
    painter.drawLine(centre, QPointF(size / 2, size * 0.28))
    painter.drawLine(centre, QPointF(size * 0.68, size / 2))
    painter.end()
    return QIcon(pixmap)


class QtPageBody(QWidget):
    """The scrolled body of a page. Its minimum height is left to height-for-width: the default
    (every wrapped label at its narrowest) is far too tall and shows a scroll bar for nothing."""

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), 0)


class QtPage(QWidget):
    """A screen: a centred reading column inside a scroll area, and a footer row for actions."""

    enter_presses_buttons = True  # False: Enter does nothing here (a screen where a stray Enter would cost)
    _shown_at = float("-inf")

    def __init__(self, parent: QWidget | None = None, *, scroll: bool = True):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.body = QtPageBody()
        self.body.setObjectName("pageBody")
        column = QHBoxLayout(self.body)
        column.setContentsMargins(32, 28, 32, 28)
        column.addStretch(1)
        self.content = QWidget()
        self.content.setMaximumWidth(PAGE_WIDTH)
        self.content.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.column = QVBoxLayout(self.content)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(SPACING)
        column.addWidget(self.content, 100)
        column.addStretch(1)
        if scroll:
            self.scroll = QScrollArea()
            self.scroll.setWidgetResizable(True)
            self.scroll.setFrameShape(QFrame.Shape.NoFrame)
            self.scroll.setWidget(self.body)
            self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            outer.addWidget(self.scroll, 1)
        else:
            outer.addWidget(self.body, 1)
        self.footer = QFrame()
        self.footer.setObjectName("footer")
        self.actions = QHBoxLayout(self.footer)
        self.actions.setContentsMargins(32, 12, 32, 18)
        self.actions.setSpacing(14)
        outer.addWidget(self.footer)

    def showEvent(self, event: QShowEvent) -> None:
        self._shown_at = time.monotonic()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
            if self.accessibleName():  # the screen's name (its title) follows the language
                self.setAccessibleName(self.arrival_text())
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        """Set every visible text again in the current language."""

    def refresh(self) -> None:
        """Read the session again (called when the screen is shown)."""
        self.retranslateUi()

    def first_focus(self) -> QWidget | None:
        """The control that gets the keyboard focus when the screen appears."""
        return None

    def arrival_text(self) -> str:
        """What a screen reader says when the screen appears: its title (the first shown)."""
        for widget in self.findChildren(QLabel):
            if widget.property("role") == "title" and widget.isVisibleTo(self) and widget.text().strip():
                return widget.text()
        return ""

    def default_button(self) -> QAbstractButton | None:
        """The button Enter presses when the focus is on no other button (shown and enabled only)."""
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter presses the focused button, else the screen's default one; a text field keeps its own
        Enter (it reaches here when the field did not use it)."""
        if event.key() in ENTER_KEYS and (event.isAutoRepeat() or time.monotonic() - self._shown_at < ENTER_GRACE_S):
            event.accept()  # a held key, or the end of a double press: not a decision
            return
        if event.key() in ENTER_KEYS and self.enter_presses_buttons:
            focused = self.focusWidget()
            if isinstance(focused, (QLineEdit, QPlainTextEdit)):
                super().keyPressEvent(event)
                return
            target = focused_push_button(focused) or self.default_button()
            if target is not None and target.isVisible() and target.isEnabled():
                target.click()
                event.accept()
                return
        super().keyPressEvent(event)


class QtConfirmDialog(QDialog):
    """A yes/no question with explicit button labels; the safe choice has the focus."""

    def __init__(self, parent: QWidget, title: str, message: str, confirm: str, cancel: str,
                 on_confirm: Callable[[], None], *, comment_label: str = "", comment_hint: str = ""):
        super().__init__(parent)
        self.setObjectName("confirmDialog")
        self.setWindowTitle(title)
        as_kiosk_dialog(self)
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(16)
        heading = label("title", title)
        layout.addWidget(heading)
        text = label("lead", message)
        layout.addWidget(text)
        self.comment: QPlainTextEdit | None = None
        if comment_label:
            caption = label("", comment_label)
            self.comment = QPlainTextEdit()
            self.comment.setTabChangesFocus(True)
            self.comment.setMaximumHeight(140)
            self.comment.setPlaceholderText(comment_hint)
            name(self.comment, comment_label, comment_hint)
            caption.setBuddy(self.comment)
            layout.addWidget(caption)
            layout.addWidget(self.comment)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = button("")
        self.cancel_button.setText(cancel)
        self.cancel_button.setAutoDefault(True)
        name(self.cancel_button, cancel, message)
        self.confirm_button = button("primary")
        self.confirm_button.setText(confirm)
        self.confirm_button.setAutoDefault(True)
        name(self.confirm_button, confirm, message)
        row.addWidget(self.cancel_button)
        row.addWidget(self.confirm_button)
        self.cancel_button.setVisible(bool(cancel))  # no cancel label: a message with one button
        layout.addLayout(row)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self.accept)
        self._on_confirm = on_confirm
        self.accepted.connect(self._confirmed)
        self.finished.connect(self.deleteLater)

    def _confirmed(self) -> None:
        self._on_confirm()

    def comment_text(self) -> str:
        return self.comment.toPlainText().strip()[:500] if self.comment else ""

    def showEvent(self, event) -> None:
        super().showEvent(event)
        safe = self.cancel_button if self.cancel_button.isVisibleTo(self) else self.confirm_button
        (self.comment or safe).setFocus(Qt.FocusReason.PopupFocusReason)


def focused_push_button(widget: QWidget | None) -> QAbstractButton | None:
    """The push button that has the focus, if any (Enter then presses it, as people expect)."""
    return widget if isinstance(widget, QPushButton) else None
