"""The console's main window: a header, a navigation between pages, and the pages.

The pages are given by the composition root (:mod:`invigilator.gui`) through :meth:`add_page`;
the window knows none of them. Everything is reachable from the keyboard: Ctrl+1…9 open a page,
F6 moves between the navigation and the page, Ctrl + / Ctrl − / Ctrl 0 change the text size,
Ctrl+Shift+H switches to high contrast and Ctrl+Shift+L switches the language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
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


class QtSetupNeededPage(QWidget):
    """Shown instead of the room when the data folder holds no center yet."""

    retry = Signal()
    quit = Signal()

    def __init__(self, data_dir: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("setupNeeded")
        self._data_dir = data_dir
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.command = QLabel()
        self.command.setProperty("role", "notice")
        self.command.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.command.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.retry_button = QPushButton()
        self.retry_button.setProperty("role", "primary")
        self.quit_button = QPushButton()
        self.retry_button.clicked.connect(self.retry)
        self.quit_button.clicked.connect(self.quit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.setSpacing(16)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.command)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("This console is not set up yet"))
        self.text.setText(self.tr("The data folder %1 holds no center. Set the center up once, from a terminal on "
                                  "this computer (it asks for the center passphrase twice), then choose "
                                  "“Check again”.").replace("%1", self._data_dir))
        self.command.setText(f"pupitre-invigilator --data-dir \"{self._data_dir}\" init --center-id ID "
                             "--center-name \"NAME\" --trust PUBLISHER.pub")
        self.command.setAccessibleName(self.tr("The command to run"))
        self.retry_button.setText(self.tr("Check again"))
        self.quit_button.setText(self.tr("Quit"))


class QtCommandLinePage(QWidget):
    """A page whose work is done from the command line in this build, saying which commands."""

    def __init__(self, topic: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.topic = topic
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addStretch(1)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Sessions"))
        self.text.setText(self.tr("In this version, sessions and their rosters are prepared from a terminal:\n\n"
                                  "pupitre-invigilator session create --bank BANK --profile PROFILE --date DATE "
                                  "--room ROOM --invigilator NAME\n"
                                  "pupitre-invigilator session roster import SESSION roster.csv\n"
                                  "pupitre-invigilator session open SESSION\n\n"
                                  "The room's page shows every kiosk as soon as it is heard from."))


def explain_action_from_terminal(parent: QWidget, kiosk: str, action: str) -> None:
    """Say which command runs an action, when the window offers no dialog for it in this build."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("QtCommandLinePage", text)

    command = {"add-time": "add-time --minutes N --purpose compensation", "end": "end --reason technical",
               "problem": "problem ALERT_ID validate|dismiss", "move": "move ATTEMPT_ID --to SPARE_PC",
               "incident": None}.get(action, action)
    if command is None:
        text = tr("Incidents are written in the session report at finalisation in this version.")
    else:
        target = "--all" if kiosk == "*" else kiosk
        words = command.split(" ")
        text = tr("In this version, run from a terminal:\n\npupitre-invigilator session %1 %2") \
            .replace("%1", words[0]).replace("%2", " ".join([target, *words[1:]]))
    QMessageBox.information(parent, tr("Action from a terminal"), text)
