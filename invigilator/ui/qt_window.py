"""The console's main window: a header, a navigation between pages, and the pages.

The pages are given by the composition root (:mod:`invigilator.gui`) through :meth:`add_page`;
the window knows none of them. Everything is reachable from the keyboard: Ctrl+1…9 open a page,
F6 moves between the navigation and the page, Ctrl + / Ctrl − / Ctrl 0 change the text size,
Ctrl+Shift+H switches to high contrast and Ctrl+Shift+L switches the language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from invigilator.ui.qt_i18n import QtConsoleLanguage
from invigilator.ui.qt_theme import QtConsoleTheme

Title = str | Callable[[], str]


@dataclass
class Page:
    key: str
    title: Title
    widget: QWidget
    item: QListWidgetItem

    def text(self) -> str:
        return self.title() if callable(self.title) else self.title


def key_sequences(standard: QKeySequence.StandardKey | None, *extra: str) -> list[QKeySequence]:
    """The platform's bindings for ``standard`` and ``extra``, each once."""
    found = list(QKeySequence.keyBindings(standard)) if standard is not None else []
    found += [QKeySequence(text) for text in extra]
    unique: dict[str, QKeySequence] = {}
    for sequence in found:
        unique.setdefault(sequence.toString(QKeySequence.SequenceFormat.PortableText), sequence)
    return list(unique.values())


class QtConsoleWindow(QMainWindow):
    """The window an invigilator spends the exam day in."""

    closing = Signal()

    def __init__(self, center_name: str, theme: QtConsoleTheme, language: QtConsoleLanguage,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("consoleWindow")
        self.theme, self.language = theme, language
        self.center_name = center_name
        self.confirm_close = False
        self.pages: dict[str, Page] = {}
        self._server_text: Callable[[], str] = lambda: ""
        self._server_ok = True

        self.header = QFrame()
        self.header.setObjectName("header")
        self.title = QLabel()
        self.title.setProperty("role", "lead")
        self.server = QLabel()
        self.server.setProperty("role", "hint")
        self.server.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (self.title, self.server):  # long texts wrap rather than widen the window
            label.setWordWrap(True)
            label.setMinimumWidth(120)
        self.attention = QLabel()
        self.attention.setProperty("role", "count")
        self.attention.hide()
        self.language_button = QPushButton()
        self.contrast_button = QPushButton()
        self.contrast_button.setCheckable(True)
        self.zoom_out_button = QPushButton("A−")
        self.zoom_in_button = QPushButton("A+")
        self.language_button.clicked.connect(language.toggle)
        self.contrast_button.clicked.connect(theme.toggle_high_contrast)
        self.zoom_out_button.clicked.connect(theme.zoom_out)
        self.zoom_in_button.clicked.connect(theme.zoom_in)
        head = QHBoxLayout(self.header)
        head.setContentsMargins(12, 8, 12, 8)
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.server)
        head.addLayout(titles, 1)
        head.addWidget(self.attention)
        for button in (self.language_button, self.contrast_button, self.zoom_out_button, self.zoom_in_button):
            head.addWidget(button)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.navigation.currentRowChanged.connect(self._page_chosen)
        self.stack = QStackedWidget()
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.navigation)
        body.addWidget(self.stack, 1)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.header)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        shortcuts: list[tuple[list[QKeySequence], Callable[[], None]]] = [
            (key_sequences(QKeySequence.StandardKey.ZoomIn, "Ctrl++", "Ctrl+Shift++", "Ctrl+=", "Ctrl+Shift+="),
             theme.zoom_in),
            (key_sequences(QKeySequence.StandardKey.ZoomOut, "Ctrl+-", "Ctrl+Shift+_"), theme.zoom_out),
            (key_sequences(None, "Ctrl+0"), theme.reset_zoom),
            (key_sequences(None, "Ctrl+Shift+H"), theme.toggle_high_contrast),
            (key_sequences(None, "Ctrl+Shift+L"), language.toggle),
            (key_sequences(None, "F6"), self.switch_focus),
        ]
        for number in range(1, 10):
            shortcuts.append((key_sequences(None, f"Ctrl+{number}"), lambda n=number: self.show_page_at(n - 1)))
        for sequences, slot in shortcuts:
            for sequence in sequences:
                QShortcut(sequence, self, slot).setContext(Qt.ShortcutContext.WindowShortcut)
        theme.changed.connect(self._theme_changed)
        self.retranslate()
        self._theme_changed()

    # -- pages ------------------------------------------------------------------------------------------
    def add_page(self, key: str, title: Title, widget: QWidget) -> QWidget:
        """Add a page under ``key``; ``title`` is a text, or a function giving it in the current language."""
        if key in self.pages:
            raise ValueError(f"a page {key!r} is already in the window")
        item = QListWidgetItem()
        self.navigation.addItem(item)
        self.stack.addWidget(widget)
        page = Page(key, title, widget, item)
        self.pages[key] = page
        self._name_page(page, len(self.pages))
        if len(self.pages) == 1:
            self.navigation.setCurrentRow(0)
        self._fit_navigation()
        return widget

    def _name_page(self, page: Page, number: int) -> None:
        page.item.setText(page.text())
        page.item.setToolTip(self.tr("%1 (Ctrl+%2)").replace("%1", page.text()).replace("%2", str(number)))
        page.widget.setAccessibleName(page.text())

    def show_page(self, key: str) -> None:
        page = self.pages[key]
        self.navigation.setCurrentItem(page.item)

    def show_page_at(self, row: int) -> None:
        if 0 <= row < self.navigation.count():
            self.navigation.setCurrentRow(row)
            self.stack.currentWidget().setFocus(Qt.FocusReason.ShortcutFocusReason)
            focus = self.stack.currentWidget().focusWidget() or self.stack.currentWidget()
            focus.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def current_page(self) -> str | None:
        widget = self.stack.currentWidget()
        return next((p.key for p in self.pages.values() if p.widget is widget), None)

    def _page_chosen(self, row: int) -> None:
        if 0 <= row < self.stack.count():
            self.stack.setCurrentIndex(row)

    def switch_focus(self) -> None:
        """F6: from the navigation to the page, and back."""
        if self.navigation.hasFocus():
            page = self.stack.currentWidget()
            if page is not None:
                page.focusNextChild() if page.focusWidget() is None else page.focusWidget().setFocus()
                if not page.isAncestorOf(self.focusWidget()):
                    page.setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.navigation.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _fit_navigation(self) -> None:
        widths = [self.navigation.fontMetrics().horizontalAdvance(self.navigation.item(i).text())
                  for i in range(self.navigation.count())]
        self.navigation.setFixedWidth(max([160, *widths]) + 48)

    # -- header -------------------------------------------------------------------------------------------
    def set_server_status(self, text: Callable[[], str] | str, ok: bool = True) -> None:
        """What the room's server is doing; ``text`` may be a function giving it in the current language."""
        self._server_text = text if callable(text) else (lambda: text)
        self._server_ok = ok
        self.server.setText(self._server_text())
        self.server.setProperty("role", "hint" if ok else "error")
        self.server.style().unpolish(self.server)
        self.server.style().polish(self.server)

    def set_attention(self, needing: int) -> None:
        """The number of kiosks needing action, shown whatever the page."""
        self._needing = needing
        if needing:
            text = self.tr("Kiosks needing action: %1").replace("%1", str(needing))
            self.attention.setText(text)
            self.attention.setAccessibleName(text)
            self.attention.setProperty("urgent", "true")
            self.attention.style().unpolish(self.attention)
            self.attention.style().polish(self.attention)
        self.attention.setVisible(bool(needing))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Pupitre console — %1").replace("%1", self.center_name))
        self.title.setText(self.tr("Pupitre console — %1").replace("%1", self.center_name))
        self.language_button.setText("English" if self.language.locale == "fr" else "Français")
        self.language_button.setToolTip(self.tr("Switch the language (Ctrl+Shift+L)"))
        self.language_button.setAccessibleName(self.tr("Switch the language"))
        self.contrast_button.setText(self.tr("High contrast"))
        self.contrast_button.setToolTip(self.tr("Shortcut: Ctrl+Shift+H"))
        self.zoom_out_button.setToolTip(self.tr("Smaller text (Ctrl and minus)"))
        self.zoom_out_button.setAccessibleName(self.tr("Smaller text"))
        self.zoom_in_button.setToolTip(self.tr("Larger text (Ctrl and plus)"))
        self.zoom_in_button.setAccessibleName(self.tr("Larger text"))
        self.navigation.setAccessibleName(self.tr("Pages"))
        self.navigation.setToolTip(self.tr("F6 moves between the pages' list and the page"))
        for number, page in enumerate(self.pages.values(), start=1):
            self._name_page(page, number)
        self._fit_navigation()
        self.server.setText(self._server_text())
        self.set_attention(getattr(self, "_needing", 0))

    def _theme_changed(self) -> None:
        self.contrast_button.setChecked(self.theme.high_contrast)
        self._fit_navigation()

    # -- closing ------------------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.confirm_close:
            answer = QMessageBox.question(
                self, self.tr("Close the console?"),
                self.tr("Closing the console stops the room's server. The kiosks carry on with their tests and "
                        "send everything when the console is back, but they cannot be authorised, paused or "
                        "resumed from here meanwhile. Close it?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.closing.emit()
        super().closeEvent(event)
