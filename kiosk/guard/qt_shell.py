"""Qt measures on the exam window: the shell (frameless, full screen, on top, every screen
covered, close and quit refused), the X11 keyboard grab, and the clipboard during focus questions.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication, QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.guard.errors import GuardUnavailableError
from kiosk.guard.measures import CrashRecord


class BlankScreen(QWidget):
    """A black, frameless window over a screen the exam does not use."""

    def __init__(self, screen: QScreen):
        super().__init__(None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
                         | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setObjectName("pupitre-blank-screen")
        self.setStyleSheet("background: black;")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.cover(screen)

    def cover(self, screen: QScreen) -> None:
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()

    def closeEvent(self, event: Any) -> None:
        if self.property("pupitre-release"):
            event.accept()
        else:
            event.ignore()


class ExamShell(QObject):
    name = "shell"

    def __init__(self, window: QWidget, *, screens: str = "blank", exit_shortcut: str = "",
                 on_exit_request: Callable[[], None] | None = None,
                 on_close_refused: Callable[[], None] | None = None):
        super().__init__()
        self.window = window
        self.screens_policy = screens
        self._exit_shortcut = exit_shortcut
        self._on_exit_request = on_exit_request
        self._on_close_refused = on_close_refused
        self.blanks: list[BlankScreen] = []
        self._saved: tuple[Any, QRect, Any, bool, bool] | None = None
        self._shortcut: QShortcut | None = None
        self.releasing = False

    def apply(self) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication), "the exam shell needs a QApplication"
        w = self.window
        self._saved = (w.windowFlags(), w.geometry(), w.windowState(), w.isVisible(), app.quitOnLastWindowClosed())
        app.setQuitOnLastWindowClosed(False)
        w.setWindowFlags(w.windowFlags() | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        w.installEventFilter(self)
        app.installEventFilter(self)
        if self._exit_shortcut and self._on_exit_request is not None:
            self._shortcut = QShortcut(QKeySequence(self._exit_shortcut), w)
            self._shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            self._shortcut.activated.connect(self._on_exit_request)
        app.screenAdded.connect(self.layout)
        app.screenRemoved.connect(self.layout)
        app.primaryScreenChanged.connect(self.layout)
        self.layout()

    def layout(self, *args: Any) -> None:
        """Size the exam window to the primary screen and blank every other one (policy permitting)."""
        primary = QGuiApplication.primaryScreen()
        if primary is None:
            return
        w = self.window
        if w.windowHandle() is not None:
            w.windowHandle().setScreen(primary)
        w.setGeometry(primary.geometry())
        w.showFullScreen()
        w.raise_()
        w.activateWindow()
        others = [s for s in QGuiApplication.screens() if s is not primary]
        wanted = others if self.screens_policy in ("blank", "refuse") else []
        while len(self.blanks) > len(wanted):
            self._close_blank(self.blanks.pop())
        for index, screen in enumerate(wanted):
            if index < len(self.blanks):
                self.blanks[index].cover(screen)
            else:
                self.blanks.append(BlankScreen(screen))

    @staticmethod
    def _close_blank(blank: BlankScreen) -> None:
        blank.setProperty("pupitre-release", True)
        blank.close()
        blank.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Close and watched is self.window and not self.releasing:
            event.ignore()
            if self._on_close_refused is not None:
                self._on_close_refused()
            return True
        if kind == QEvent.Type.Quit and not self.releasing:
            event.ignore()
            return True
        return False

    def revert(self) -> None:
        self.releasing = True
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
            for signal in (app.screenAdded, app.screenRemoved, app.primaryScreenChanged):
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(self.layout)
        self.window.removeEventFilter(self)
        if self._shortcut is not None:
            self._shortcut.setEnabled(False)
            self._shortcut.deleteLater()
            self._shortcut = None
        while self.blanks:
            self._close_blank(self.blanks.pop())
        if self._saved is not None:
            flags, geometry, state, visible, quit_on_close = self._saved
            self._saved = None
            w = self.window
            w.setWindowFlags(flags)
            w.setWindowState(state)
            w.setGeometry(geometry)
            if visible:
                w.show()
            if isinstance(app, QApplication):
                app.setQuitOnLastWindowClosed(quit_on_close)
        self.releasing = False


class KeyboardGrab:
    """X11: the exam window holds the keyboard, so the window manager's shortcuts (Alt+Tab…) never fire.

    Re-asserted on every refresh: a Qt popup (a combo box list) releases every grab of the
    application when it closes. Until the window is viewable (the window manager maps it a
    little after ``show()``) the grab is retried every 50 ms. The X server drops the grab if
    the kiosk dies.
    """

    name = "x11-keyboard-grab"

    def __init__(self, window: QWidget, record: CrashRecord, report: Callable[[str], None]):
        self.window = window
        self._record = record
        self._report = report
        self.holding = False
        self._active = False
        self._retry = QTimer()
        self._retry.setInterval(50)
        self._retry.timeout.connect(self.refresh)

    def apply(self) -> None:
        if QGuiApplication.platformName() != "xcb":
            raise GuardUnavailableError(f"no keyboard grab on the '{QGuiApplication.platformName()}' platform")
        self._record.add(self.name, {"display": os.environ.get("DISPLAY", "")})
        self._active = True
        self.refresh()
        if not self.holding:
            self._retry.start()

    def refresh(self) -> None:
        if not self._active or QApplication.activePopupWidget() is not None or not self.window.isVisible():
            return
        handle = self.window.windowHandle()
        grabbed = bool(handle is not None and handle.setKeyboardGrabEnabled(True))
        if grabbed:
            self._retry.stop()
        if grabbed != self.holding:
            self.holding = grabbed
            self._report("held" if grabbed else "not-held")

    def revert(self) -> None:
        self._active = False
        self._retry.stop()
        handle = self.window.windowHandle()
        if handle is not None:
            handle.setKeyboardGrabEnabled(False)
        self.holding = False
        self._record.remove(self.name)


class ClipboardGuard(QObject):
    """The clipboard is kept empty while a focus question is on screen (nothing pasted in or out)."""

    name = "clipboard"

    def __init__(self, report: Callable[[], None]):
        super().__init__()
        self._report = report
        self._focus = False
        self._clearing = False
        self.cleared = 0

    def apply(self) -> None:
        QGuiApplication.clipboard().dataChanged.connect(self._changed)

    def revert(self) -> None:
        with contextlib.suppress(RuntimeError, TypeError):
            QGuiApplication.clipboard().dataChanged.disconnect(self._changed)
        self._focus = False

    def focus_question(self, on: bool) -> None:
        self._focus = on
        if on:
            self._clear()

    def _changed(self) -> None:
        if self._focus and not self._clearing:
            self._clear()

    def _clear(self) -> None:
        clipboard = QGuiApplication.clipboard()
        modes = [QClipboard.Mode.Clipboard]
        if clipboard.supportsSelection():
            modes.append(QClipboard.Mode.Selection)
        had = any((data := clipboard.mimeData(mode)) is not None and data.formats() for mode in modes)
        if not had:
            return
        self._clearing = True
        try:
            for mode in modes:
                clipboard.clear(mode)
        finally:
            self._clearing = False
        self.cleared += 1
        self._report()
