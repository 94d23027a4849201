"""The kiosk's one window: a stack of screens keyed by the session's state, and the tools bar.

The window follows the session: when the state changes it shows that state's screen, and for
the states where the kiosk itself must act next (open the check-in, ask to resume, check the
workstation, submit) it schedules that command with ``bridge.later`` — never inside the event
that announced the state.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMargins, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QFrame, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kiosk.core.session import IN_TEST, State
from kiosk.ui.qt_checkin import QtCheckInScreen
from kiosk.ui.qt_flow import QtFlowLayout, QtFlowSpring
from kiosk.ui.qt_question import QtQuestionScreen
from kiosk.ui.qt_reading import announce, announcement_log
from kiosk.ui.qt_results import QtEndScreen
from kiosk.ui.qt_screens import (
    QtAwaitingScreen,
    QtFocusWarningScreen,
    QtHoldScreen,
    QtInstructionsScreen,
    QtMessagePage,
    QtWaitScreen,
)
from kiosk.ui.qt_services import QtKioskServices
from kiosk.ui.qt_session import QtSessionBridge
from kiosk.ui.qt_widgets import QtConfirmDialog, button, label, name

PREPARE_AFTER_MS = 300  # after the check-in screen is painted
MINIMUM_SIZE = QSize(1024, 640)
# The window manager's frame before it is known (a title bar, thin borders); once the window is
# shown its real frame is measured and the window fitted again.
FRAME_GUESS = QMargins(4, 36, 4, 4)
PREPARED = (State.AWAITING_AUTHORISATION, State.ENVIRONMENT_CHECK, State.INSTRUCTIONS, State.QUESTION,
            State.FOCUS_WARNING, State.PROBLEM_REPORTED, State.PAUSED, State.LOCKED, State.FINISHED)
PRACTICE_TOOLS_STATES = frozenset({State.QUESTION, State.FOCUS_WARNING, State.PROBLEM_REPORTED, State.PAUSED})


def key_sequences(standard: QKeySequence.StandardKey | None, *extra: str) -> list[QKeySequence]:
    """The platform's bindings of a standard action and the ``extra`` ones, each once."""
    found = list(QKeySequence.keyBindings(standard)) if standard is not None else []
    found += [QKeySequence(text) for text in extra]
    unique: dict[str, QKeySequence] = {}
    for sequence in found:
        unique.setdefault(sequence.toString(QKeySequence.SequenceFormat.PortableText), sequence)
    return list(unique.values())


def zoom_shortcuts(services: QtKioskServices) -> list[tuple[list[QKeySequence], Callable[[], None]]]:
    """"Ctrl +" as people type it: Ctrl and the + key, which takes Shift on a US and on an AZERTY
    keyboard alike (Qt then sees Ctrl+Shift++), or the keypad's +; Ctrl+= for those who do not
    reach for Shift."""
    theme = services.theme
    return [
        (key_sequences(QKeySequence.StandardKey.ZoomIn, "Ctrl++", "Ctrl+Shift++", "Ctrl+=", "Ctrl+Shift+="),
         theme.zoom_in),
        (key_sequences(QKeySequence.StandardKey.ZoomOut, "Ctrl+-", "Ctrl+Shift+_"), theme.zoom_out),
        (key_sequences(None, "Ctrl+0"), theme.reset_zoom),
        (key_sequences(None, "Ctrl+Shift+H"), theme.toggle_high_contrast),
    ]


def windowed_geometry(available: QRect, wanted: QSize, frame: QMargins = FRAME_GUESS,
                      minimum: QSize = MINIMUM_SIZE) -> QRect:
    """The window's inner rectangle: ``wanted`` (1366×768) or less, so that the window and its frame
    fit the screen's available area (the panels and the title bar of a 1366×768 screen leave less
    than 768 pixels), centred in it. A screen that cannot hold even the ``minimum`` in one dimension
    keeps the wanted size there: nothing smaller would show the screens whole."""
    room = available.marginsRemoved(frame)

    def fit(wanted_: int, room_: int, minimum_: int) -> int:
        return wanted_ if room_ < minimum_ else min(wanted_, room_)

    size = QSize(fit(wanted.width(), room.width(), minimum.width()),
                 fit(wanted.height(), room.height(), minimum.height()))
    rect = QRect(0, 0, size.width(), size.height())
    rect.moveCenter(room.center())
    rect.moveTop(max(room.top(), rect.top()))
    rect.moveLeft(max(room.left(), rect.left()))
    return rect


def show_windowed(window: QMainWindow, wanted: QSize, available: QRect | None = None) -> None:
    """Show the kiosk as a window that fits the screen's available area, frame included."""
    if available is None:
        screen = window.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry()
    window.setGeometry(windowed_geometry(available, wanted))
    window.show()

    def refit() -> None:  # the real frame, now that the window manager has drawn it
        frame, inner = window.frameGeometry(), window.geometry()
        margins = QMargins(inner.left() - frame.left(), inner.top() - frame.top(),
                           frame.right() - inner.right(), frame.bottom() - inner.bottom())
        if not margins.isNull() and margins != FRAME_GUESS and not window.isFullScreen():
            window.setGeometry(windowed_geometry(available, wanted, margins))

    QTimer.singleShot(0, window, refit)


class QtPages(dict):
    """State → screen, each made on first use: the check-in screen shows sooner, and the rest is
    built while the candidate reads it."""

    def __init__(self, make: Callable[[State], QWidget]):
        super().__init__()
        self._make = make

    def __missing__(self, state: State) -> QWidget:
        return self.build(state)

    def build(self, state: State) -> QWidget:
        page = self[state] = self._make(state)
        return page


class QtFailureScreen(QtMessagePage):
    """A command could not be carried out (a full disk, a failing journal): say so in the candidate's
    language, offer to retry; the technical detail (in English, from the error) is for the
    invigilator, behind a toggle."""

    def __init__(self, bridge: QtSessionBridge, services: QtKioskServices, retry, parent: QWidget | None = None):
        super().__init__(bridge, services, parent)
        self.primary.setObjectName("retry")
        self._retry = retry
        self.message = ""
        self.detail_toggle = button("quiet")
        self.detail_toggle.setObjectName("technical-details")
        self.detail_toggle.setCheckable(True)
        self.detail_toggle.toggled.connect(self._show_detail)
        self.detail = label("hint")
        self.detail.setObjectName("technical-detail")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.detail.setVisible(False)
        index = self.column.indexOf(self.details)
        self.column.insertWidget(index + 1, self.detail_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        self.column.insertWidget(index + 2, self.detail)
        self.retranslateUi()

    def show_message(self, message: str) -> None:
        self.message = message
        self.detail_toggle.setChecked(False)
        self.retranslateUi()

    def _show_detail(self, shown: bool) -> None:
        self.detail.setVisible(shown and bool(self.message))
        self._texts_of_toggle()

    def _texts_of_toggle(self) -> None:
        text = (self.tr("Hide the technical details") if self.detail_toggle.isChecked()
                else self.tr("Technical details (for the invigilator)"))
        self.detail_toggle.setText(text)
        name(self.detail_toggle, text, self.tr("Shows what went wrong, in the words of the program."))

    def retranslateUi(self) -> None:
        lead = (self.tr("The answers you validated are saved. Try again; if the problem persists, close the "
                        "practice test and start it again: it resumes where it stopped.")
                if self.services.practice else
                self.tr("The answers you validated are saved. Please call the invigilator."))
        self.set_texts(self.tr("⚠ A technical problem occurred"), lead, "", self.tr("Try again"),
                       self.tr("Tries the last step again."))
        self.detail.setText(self.message)
        name(self.detail, self.message)
        self.detail_toggle.setVisible(bool(self.message))
        self._texts_of_toggle()

    def act(self) -> None:
        self._retry()


class QtKioskWindow(QMainWindow):
    def __init__(self, bridge: QtSessionBridge, services: QtKioskServices):
        super().__init__()
        self.bridge = bridge
        self.session = bridge.session
        self.services = services
        self.setObjectName("kioskWindow")
        self.setMinimumSize(MINIMUM_SIZE)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._tools_bar())
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.announcements = announcement_log()  # what screen readers were told, latest last
        self.pages = QtPages(self._make_page)  # each screen is built the first time it is needed
        self._prepared = False
        self.failure = QtFailureScreen(bridge, services, self.show_state)
        self.stack.addWidget(self.failure)

        for sequences, slot in zoom_shortcuts(services):  # one shortcut per sequence: a duplicate is ambiguous
            for sequence in sequences:
                shortcut = QShortcut(sequence, self, slot)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        services.theme.changed.connect(self._theme_changed)
        bridge.stateChanged.connect(lambda _state: self.show_state())
        bridge.failed.connect(self.show_failure)
        self.retranslateUi()
        self.show_state()

    def _make_page(self, state: State) -> QWidget:
        bridge, services = self.bridge, self.services
        waits = {State.IDLE: "idle", State.RECOVERING: "recovering", State.ENVIRONMENT_CHECK: "environment",
                 State.FINISHED: "finishing", State.PROBLEM_REPORTED: "problem"}
        holds = {State.PAUSED: "paused", State.LOCKED: "locked"}
        screens = {State.CHECK_IN: QtCheckInScreen, State.AWAITING_AUTHORISATION: QtAwaitingScreen,
                   State.INSTRUCTIONS: QtInstructionsScreen, State.QUESTION: QtQuestionScreen,
                   State.FOCUS_WARNING: QtFocusWarningScreen, State.SUBMITTED: QtEndScreen}
        if state in waits:
            page: QWidget = QtWaitScreen(waits[state], bridge, services)
        elif state in holds:
            page = QtHoldScreen(holds[state], bridge, services)
        else:
            page = screens[state](bridge, services)
        page.setObjectName(f"screen-{state.value}")
        self.stack.addWidget(page)
        return page

    # -- the tools bar --------------------------------------------------------------------------
    def _tools_bar(self) -> QWidget:
        bar = QFrame()
        bar.setObjectName("toolsBar")
        row = QtFlowLayout(bar, spacing=10)
        row.setContentsMargins(32, 6, 32, 6)
        self.brand = label("hint", wrap=False)
        row.addWidget(self.brand)
        row.addWidget(QtFlowSpring())
        self.pause_button = button("quiet")
        self.pause_button.setObjectName("pause")
        self.stop_button = button("quiet")
        self.stop_button.setObjectName("stop")
        self.zoom_out_button = button("quiet")
        self.zoom_out_button.setObjectName("zoom-out")
        self.zoom_label = label("hint", wrap=False)
        self.zoom_in_button = button("quiet")
        self.zoom_in_button.setObjectName("zoom-in")
        self.contrast_button = button("quiet")
        self.contrast_button.setObjectName("contrast")
        self.contrast_button.setCheckable(True)
        for widget in (self.pause_button, self.stop_button, self.zoom_out_button, self.zoom_label,
                       self.zoom_in_button, self.contrast_button):
            row.addWidget(widget)
        self.pause_button.clicked.connect(self.pause)
        self.stop_button.clicked.connect(self.ask_stop)
        self.zoom_out_button.clicked.connect(self.services.theme.zoom_out)
        self.zoom_in_button.clicked.connect(self.services.theme.zoom_in)
        self.contrast_button.clicked.connect(lambda: self.services.theme.set_high_contrast(
            self.contrast_button.isChecked()))
        return bar

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        practice = self.services.practice
        self.setWindowTitle(self.tr("Pupitre — practice test") if practice else self.tr("Pupitre — exam"))
        self.brand.setText(self.tr("Pupitre · practice test") if practice else self.tr("Pupitre · exam"))
        self.pause_button.setText(self.tr("Pause"))
        name(self.pause_button, self.tr("Pause"), self.tr("Stops the time until you resume."))
        self.stop_button.setText(self.tr("Stop the practice test"))
        name(self.stop_button, self.tr("Stop the practice test"), self.tr("Ends the test now and shows the results."))
        self.zoom_out_button.setText(self.tr("A−"))
        name(self.zoom_out_button, self.tr("Smaller text"), self.tr("Shortcut: Ctrl and minus"))
        self.zoom_in_button.setText(self.tr("A+"))
        name(self.zoom_in_button, self.tr("Larger text"), self.tr("Shortcut: Ctrl and plus"))
        self.contrast_button.setText(self.tr("High contrast"))
        name(self.contrast_button, self.tr("High contrast"), self.tr("Shortcut: Ctrl+Shift+H"))
        self._theme_changed()

    def _theme_changed(self) -> None:
        theme = self.services.theme
        self.zoom_label.setText(self.tr("Text %1 %").replace("%1", str(theme.zoom)))
        name(self.zoom_label, self.tr("Text size"), self.zoom_label.text())
        self.contrast_button.setChecked(theme.high_contrast)
        self.zoom_in_button.setEnabled(theme.zoom < 200)
        self.zoom_out_button.setEnabled(theme.zoom > 100)

    # -- following the session ------------------------------------------------------------------
    def current_page(self) -> QWidget:
        return self.stack.currentWidget()

    def show_state(self) -> None:
        state = self.session.state
        page = self.pages[state]
        refresh = getattr(page, "refresh", None)
        if refresh is not None:
            refresh()
        focus = page.first_focus() if hasattr(page, "first_focus") else None
        target = focus or page
        if hasattr(page, "arrival_text"):  # a screen without a control is named by its title
            page.setAccessibleName(page.arrival_text())
        # No focus while the screens change (hiding the focused screen would pass the focus to the
        # next control, the tools bar's, and a screen reader would read it out), then the target.
        if self.stack.currentWidget() is not page and (old := QApplication.focusWidget()) is not None:
            old.clearFocus()
        self.stack.setCurrentWidget(page)
        tools = self.services.practice and state in PRACTICE_TOOLS_STATES
        self.pause_button.setVisible(tools and state is not State.PAUSED)
        self.stop_button.setVisible(tools)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        if state is not State.QUESTION and hasattr(page, "arrival_text"):  # a question announces itself
            announce(page, page.arrival_text(), assertive=state in (State.LOCKED, State.PAUSED))
        if state is State.IDLE:
            self.bridge.later(self.session.open_check_in)
        elif state is State.RECOVERING:
            self.bridge.later(self.session.request_resume)
        elif state is State.ENVIRONMENT_CHECK:
            self.bridge.later(self._check_environment)
        elif state is State.FINISHED:
            self.services.exporter.cleanup()
            self.bridge.later(self.session.submit)
        elif state is State.SUBMITTED:
            self.services.exporter.cleanup()
        elif state is State.AWAITING_AUTHORISATION:
            QTimer.singleShot(0, self, lambda: self._settle(page, True))  # the authority answers after the event
        if state is State.CHECK_IN and not self._prepared:
            self._prepared = True
            QTimer.singleShot(PREPARE_AFTER_MS, self, self._prepare_next)
        if state is not State.QUESTION:  # the question screen sets its own focus when it renders
            QTimer.singleShot(0, self, lambda: self._settle(page, False))  # once the click that led here is over

    def _prepare_next(self) -> None:
        """Build the next screens while the candidate checks in, one per turn of the event loop."""
        for state in PREPARED:
            if state not in self.pages:
                self.pages.build(state)
                QTimer.singleShot(0, self, self._prepare_next)
                return

    def _settle(self, page: QWidget, refresh: bool) -> None:
        """Once the command that changed the state has returned: read the session again (if asked)
        and give the keyboard focus to the screen's first control."""
        if self.stack.currentWidget() is page:
            if refresh:
                page.refresh()
            focus = page.first_focus()
            (focus or page).setFocus(Qt.FocusReason.OtherFocusReason)

    def _check_environment(self) -> None:
        if self.session.state is State.ENVIRONMENT_CHECK:
            findings, blocking = self.services.environment_check()
            self.session.environment_checked(findings, blocking)

    def show_failure(self, message: str) -> None:
        self.failure.show_message(message)
        self.stack.setCurrentWidget(self.failure)
        self.failure.primary.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- practice tools -------------------------------------------------------------------------
    def pause(self) -> None:
        if self.services.practice and self.session.state in IN_TEST:
            self.bridge.run(self.session.pause, by="candidate", reason="")

    def ask_stop(self) -> None:
        if not self.services.practice or self.session.state not in PRACTICE_TOOLS_STATES:
            return
        dialog = QtConfirmDialog(self, self.tr("Stop the practice test?"),
                                 self.tr("The test ends now and the questions not yet treated count as wrong."),
                                 self.tr("Stop and see my results"), self.tr("Continue the test"), self.stop)
        dialog.open()

    def stop(self) -> None:
        if self.session.state in PRACTICE_TOOLS_STATES:
            self.bridge.run(self.session.end, "candidate", by="candidate")

    def ask_close(self) -> None:
        """The window's close button during a practice test: end it, or go on."""
        if any(d.isVisible() for d in self.findChildren(QtConfirmDialog, "closeConfirm")):
            return  # a second click on the close button while the question is open
        dialog = QtConfirmDialog(self, self.tr("Close the practice test?"),
                                 self.tr("Closing the window ends the test now: the questions not yet answered "
                                         "count as wrong."),
                                 self.tr("End the test and close"), self.tr("Continue the test"), self._end_and_close)
        dialog.setObjectName("closeConfirm")
        dialog.open()

    def _end_and_close(self) -> None:
        if self.session.state in IN_TEST | {State.PAUSED, State.LOCKED}:
            self.bridge.run(self.session.end, "candidate", by="candidate")
        if self.session.state not in IN_TEST | {State.PAUSED, State.LOCKED}:
            self.bridge.later(self.close)  # once the results are written (FINISHED → SUBMITTED runs later)

    def closeEvent(self, event: QCloseEvent) -> None:
        """In an exam the window cannot be closed during the test; in practice, closing it during the
        test asks first (it ends the test); the exported files always go."""
        during_test = self.session.state in IN_TEST | {State.PAUSED, State.LOCKED}
        if during_test and not self.services.practice:
            event.ignore()
            return
        # The candidate's close (not the kiosk shutting down), once the test has begun: before the
        # first question, closing loses nothing (the next start comes back to the rules).
        if during_test and self.session.started and self.bridge.running:
            event.ignore()
            self.ask_close()
            return
        self.bridge.stop()
        self.services.exporter.cleanup()
        super().closeEvent(event)
