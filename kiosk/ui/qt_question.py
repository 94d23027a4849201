"""The question screen: progress, mode, countdown, the statement, its files, the answer, the actions.

Validate asks before passing a blank answer, Skip says the question will not come back, and
"Report a problem" sends a comment to whoever decides (the invigilator, or practice mode). The
screen renders ``session.question`` when the session shows one, and calls the session's commands.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import QFrame, QLabel, QProgressBar, QVBoxLayout, QWidget

from itembank.answers import is_blank
from itembank.model import Item, Mode
from kiosk.core import events as ev
from kiosk.core.events import Event
from kiosk.core.session import State
from kiosk.guard.report import guard_event
from kiosk.ui.qt_answers import QtAnswerArea, QtChoiceAnswer, QtFieldsAnswer, batched, show
from kiosk.ui.qt_attachments import QtAttachmentViewer
from kiosk.ui.qt_figures import display_image
from kiosk.ui.qt_file_row import QtFileRow
from kiosk.ui.qt_flow import QtFlowLayout, QtFlowSpring
from kiosk.ui.qt_reading import QtReadableText, announce
from kiosk.ui.qt_services import QtKioskServices
from kiosk.ui.qt_session import QtSessionBridge
from kiosk.ui.qt_timer import QtTimerBadge
from kiosk.ui.qt_widgets import (
    QtConfirmDialog,
    QtPage,
    button,
    clear_layout,
    focused_push_button,
    label,
    name,
    restyle,
)


class QtQuestionScreen(QtPage):
    def __init__(self, bridge: QtSessionBridge, services: QtKioskServices, parent: QWidget | None = None):
        super().__init__(parent)
        self.bridge = bridge
        self.session = bridge.session
        self.services = services
        self.item: Item | None = None
        self.number = 0
        self.answer: QtChoiceAnswer | QtFieldsAnswer | None = None
        self.dialog: QtConfirmDialog | None = None
        self._notice = ""  # "replaced", "dismissed", "focus-out"
        self._attachment_buttons: list[QWidget] = []
        self._announced: tuple[int, str] | None = None

        self.header = QFrame()
        self.header.setObjectName("header")
        top = QtFlowLayout(self.header, spacing=16)
        top.setContentsMargins(32, 10, 32, 10)
        self.progress = label("progress", wrap=False)
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("progressBar")
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedWidth(120)
        self.progress_bar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.badge = label("badge", wrap=False)
        self.competence = label("hint", wrap=False)
        self.timer = QtTimerBadge()
        for widget in (self.progress, self.progress_bar, self.badge, self.competence, QtFlowSpring(), self.timer):
            top.addWidget(widget)
        self.layout().insertWidget(0, self.header)

        self.notice = label("notice")
        self.notice.setVisible(False)
        self.statement = QtReadableText()
        self.statement.setObjectName("statement")
        self.statement.setProperty("role", "statement")
        self.figures = QVBoxLayout()
        self.figures.setSpacing(12)
        self.files = QVBoxLayout()
        self.files.setSpacing(10)
        self.files_heading = label("lead")
        self.files_heading.setProperty("files-heading", True)
        self.files_heading.setVisible(False)
        self.files.addWidget(self.files_heading)
        self.file_rows: list[QtFileRow] = []
        self.answers = QtAnswerArea()
        for widget in (self.notice, self.statement):
            self.column.addWidget(widget)
        self.column.addLayout(self.figures)
        self.column.addLayout(self.files)
        self.column.addWidget(self.answers)
        self.shortcuts_hint = label("hint")
        self.column.addWidget(self.shortcuts_hint)
        self.column.addStretch(1)

        self.report_button = button("")
        self.report_button.setObjectName("report")
        self.skip_button = button("")
        self.skip_button.setObjectName("skip")
        self.validate_button = button("primary")
        self.validate_button.setObjectName("validate")
        self.actions.addWidget(self.report_button)
        self.actions.addStretch(1)
        self.actions.addWidget(self.skip_button)
        self.actions.addWidget(self.validate_button)
        self.report_button.clicked.connect(self.ask_report)
        self.skip_button.clicked.connect(self.ask_skip)
        self.validate_button.clicked.connect(self.validate)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self, self._enter)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setAutoRepeat(False)

        bridge.eventRecorded.connect(self._on_event)
        bridge.ticked.connect(self._update_timer)
        self.retranslateUi()

    # -- reading the session ------------------------------------------------------------------
    def _on_event(self, event: Event) -> None:
        if event.kind == ev.QUESTION_SHOWN:
            self.render()
        elif event.kind == ev.PROBLEM_RESOLVED:
            self._notice = "replaced" if event.payload.get("validated") else "dismissed"
            self._show_notice()
            announce(self.notice, self.notice.text(), assertive=True)
        elif event.kind == ev.FOCUS_LOST and event.payload.get("counted"):
            self._notice = "focus-out"
            self._show_notice()
            announce(self.notice, self.notice.text(), assertive=True)
        elif event.kind == ev.TIME_ADDED:
            self._update_timer()

    def refresh(self) -> None:
        question = self.session.question
        shown = (self.number, self.item.id if self.item else None)
        if question is not None and (question.number, question.item.id) != shown:
            self.render()
        self.retranslateUi()

    def render(self) -> None:
        """Build the current question's widgets (old ones are deleted once the event loop is free)."""
        question = self.session.question
        if question is None:
            return
        locale = self.session.locale
        if self.dialog is not None:
            self.dialog.reject()
        if self.number != question.number:
            self._notice = ""
        self.number, self.item = question.number, question.item
        if question.focus_out and question.item.mode is Mode.FOCUS:
            self._notice = "focus-out"
        item = question.item
        # The statement takes the focus before the old answer goes: the focus must not wander to
        # whatever follows the deleted widgets (a screen reader would read it out).
        self.statement.setFocus(Qt.FocusReason.OtherFocusReason)
        self.statement.set_markdown(item.statement.get(locale))
        clear_layout(self.figures)
        for illustration in item.illustrations:
            self.figures.addWidget(self._figure(illustration.file, illustration.alt.get(locale)))
        self._show_files(item, locale)
        self.answer = self.answers.show_item(item, question.order, locale)
        self._chain_focus()
        self.scroll.verticalScrollBar().setValue(0)
        self.retranslateUi()
        self._update_timer()
        self.statement.setFocus(Qt.FocusReason.OtherFocusReason)
        leftovers = self.services.exporter.leftovers_removed
        if leftovers:  # removed at start, before any attempt was open: journalled once one is (ADR 0011)
            self.bridge.run(self.session.record_guard,
                            guard_event("attachments-left-removed", folders=[path.name for path in leftovers]))
            leftovers.clear()
        if self._announced != (question.number, item.id):  # once per question (a re-render says nothing)
            self._announced = (question.number, item.id)
            announce(self.statement, self.arrival_text())

    def arrival_text(self) -> str:
        return self.statement.accessibleName()

    def _figure(self, file_name: str, alt: str) -> QWidget:
        figure = QLabel()
        figure.setAlignment(Qt.AlignmentFlag.AlignLeft)
        figures = self.services.figure
        image = figures(file_name) if figures is not None else display_image(self.services.attachment(file_name))
        if image.isNull():
            figure.setText(alt)
        else:
            figure.setPixmap(QPixmap.fromImage(image))
        figure.setProperty("alt", alt)
        figure.setToolTip(alt)
        name(figure, self.tr("Illustration"), alt)
        return figure

    def _show_files(self, item: Item, locale: str) -> None:
        """The item's documents, in rows made once and refilled from question to question: new
        widgets would cost more (style sheet, layout) than the rest of the way to the next question."""
        free = item.mode is Mode.FREE
        with batched(self.files):
            show(self.files_heading, bool(item.attachments))
            while len(self.file_rows) < len(item.attachments):
                row = QtFileRow(self.open_viewer, self.open_external)
                self.files.addWidget(row)
                self.file_rows.append(row)
                self._retranslate_file_row(row)
            for index, row in enumerate(self.file_rows):
                ref = item.attachments[index] if index < len(item.attachments) else None
                if ref is not None:
                    row.fill(ref.file, ref.title.get(locale) if ref.title else ref.file, free)
                    self._retranslate_file_row(row)
                show(row, ref is not None)
        self._attachment_buttons = [b for row in self.file_rows if not row.isHidden() for b in row.buttons()]

    def _chain_focus(self) -> None:
        chain: list[QWidget] = [self.statement, *self._attachment_buttons]
        if self.answer is not None:
            chain += self.answer.focus_chain()
        chain += [self.report_button, self.skip_button, self.validate_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _update_timer(self) -> None:
        if self.session.state in (State.QUESTION, State.FOCUS_WARNING):
            self.timer.show_time(self.session.remaining(), self.session.timer.extra_seconds)

    # -- texts ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.answers.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        total = self.session.length
        self.progress.setText(self.tr("Question %1 / %2").replace("%1", str(self.number)).replace("%2", str(total)))
        name(self.progress, self.progress.text())
        # The bar shows the questions done (the current one is not yet): "Question 1 / 32" starts empty.
        self.progress_bar.setRange(0, max(1, total))
        self.progress_bar.setValue(max(0, min(total, self.number - 1)))
        name(self.progress_bar, self.tr("Progress"), self.tr("%1 questions done out of %2").replace(
            "%1", str(self.progress_bar.value())).replace("%2", str(total)))
        item = self.item
        if item is not None:
            focus = item.mode is Mode.FOCUS
            if focus:
                self.badge.setText(self.tr("◉ Focus question: stay in this window"))
                description = self.tr("Answer from your own knowledge. Leaving this window cancels your answer.")
            else:
                self.badge.setText(self.tr("○ Free question: you may use the workstation's tools"))
                description = self.tr("You may use the workstation's applications to answer.")
            restyle(self.badge, mode=item.mode.value)
            name(self.badge, self.badge.text(), description)
            self.competence.setText(self.services.competence_name(item.competence, self.session.locale)
                                    if self.services.practice else "")
            # The name says where the candidate is and how to answer; the text itself is the Text interface's.
            mode = self.tr("focus question") if focus else self.tr("free question")
            name(self.statement, self.tr("Question %1 of %2, %3").replace("%1", str(self.number)).replace(
                "%2", str(total)).replace("%3", mode))
        self.report_button.setText(self.tr("Report a problem"))
        name(self.report_button, self.tr("Report a problem with this question"),
             self.tr("Tell the invigilator that this question has a problem (a missing image, a mistake…)."))
        self.skip_button.setText(self.tr("Skip"))
        name(self.skip_button, self.tr("Skip this question"),
             self.tr("A skipped question counts as wrong and will not come back."))
        self.validate_button.setText(self.tr("Validate ⏎"))
        name(self.validate_button, self.tr("Validate my answer"),
             self.tr("Records your answer and shows the next question. Shortcut: Enter."))
        self.shortcuts_hint.setText(self.tr("Enter: validate · Ctrl + / Ctrl −: text size · Ctrl+Shift+H: contrast"))
        self.files_heading.setText(self.tr("Documents for this question"))
        for row in self.file_rows:
            self._retranslate_file_row(row)
        self._show_notice()
        self.timer.retranslateUi()

    def _retranslate_file_row(self, row: QtFileRow) -> None:
        title = row.title
        row.view.setText(self.tr("Open"))
        name(row.view, self.tr("Open %1").replace("%1", title), self.tr("Shows the document inside the test."))
        row.external.setText(self.tr("Open with the workstation's application"))
        name(row.external, self.tr("Open %1 with the workstation's application").replace("%1", title),
             self.tr("Opens a copy in the workstation's usual application; it is deleted at the end of the test."))
        row.note.setText(self.tr("Cannot be shown during a focus question"))

    def _show_notice(self) -> None:
        texts = {
            "replaced": self.tr("Your report was accepted: the question was withdrawn and replaced by another one."),
            "dismissed": self.tr("Your report was examined: please answer this question."),
            "focus-out": self.tr("⚠ You left the test window during a focus question: your answer to this question "
                                 "will not count."),
        }
        text = texts.get(self._notice, "")
        self.notice.setText(text)
        show(self.notice, bool(text))
        restyle(self.notice, role="warning" if self._notice == "focus-out" else "notice")
        name(self.notice, text)

    # -- actions --------------------------------------------------------------------------------
    def first_focus(self) -> QWidget:
        return self.statement

    def _enter(self) -> None:
        pressed = focused_push_button(self.focusWidget())
        if pressed is not None and pressed is not self.validate_button:
            pressed.click()
        else:
            self.validate()

    def validate(self) -> None:
        if self.session.state is not State.QUESTION or self.answer is None or self.item is None:
            return
        response = self.answer.response()
        if is_blank(self.item, response):
            self._confirm(self.tr("Skip this question?"),
                          self.tr("You have not answered. If you go on, this question is skipped: it counts as "
                                  "wrong and you cannot come back to it."),
                          self.tr("Skip the question"), self.tr("Back to the question"), self.skip)
            return
        empty = self.answer.empty_boxes() if isinstance(self.answer, QtFieldsAnswer) else []
        if empty:  # a box left empty is most often forgotten, and the answer would be judged wrong
            message = (self.tr("One of the %2 boxes is empty.") if len(empty) == 1 else
                       self.tr("%1 of the %2 boxes are empty.")).replace("%1", str(len(empty))).replace(
                "%2", str(len(response)))
            message += " " + self.tr("An incomplete answer counts as wrong, and you cannot come back to this "
                                     "question.")
            self._confirm(self.tr("Validate with an empty box?"), message, self.tr("Validate anyway"),
                          self.tr("Back to the question"), lambda: self._answer(response), focus_after=empty[0])
            return
        self._answer(response)

    def _answer(self, response) -> None:
        if self.session.state is State.QUESTION:
            self.bridge.run(self.session.answer, response)

    def ask_skip(self) -> None:
        if self.session.state is not State.QUESTION:
            return
        self._confirm(self.tr("Skip this question?"),
                      self.tr("A skipped question counts as wrong, and you cannot come back to it."),
                      self.tr("Skip the question"), self.tr("Back to the question"), self.skip)

    def skip(self) -> None:
        if self.session.state is State.QUESTION:
            self.bridge.run(self.session.skip)

    def ask_report(self) -> None:
        if self.session.state is not State.QUESTION:
            return
        dialog = self._confirm(
            self.tr("Report a problem with this question"),
            self.tr("Describe the problem if you wish (a missing image, a file that does not open, a mistake in the "
                    "question). The time stops while it is examined."),
            self.tr("Send the report"), self.tr("Cancel"), lambda: self._report(dialog.comment_text()),
            comment_label=self.tr("What is wrong? (optional)"),
            comment_hint=self.tr("For example: the picture does not show."))

    def _report(self, comment: str) -> None:
        if self.session.state is State.QUESTION:
            self.bridge.run(self.session.report_problem, comment)

    def _confirm(self, title: str, message: str, confirm: str, cancel: str, action: Callable[[], None],
                 focus_after: QWidget | None = None, **comment: str) -> QtConfirmDialog:
        self.dialog = QtConfirmDialog(self, title, message, confirm, cancel, action, **comment)
        self.dialog.finished.connect(lambda _result: self._dialog_closed(focus_after))
        self.dialog.open()
        return self.dialog

    def _dialog_closed(self, focus_after: QWidget | None = None) -> None:
        self.dialog = None
        if self.session.state is State.QUESTION and self.isVisible() and self.answer is not None:
            (focus_after or self.answer.first_focus()).setFocus(Qt.FocusReason.OtherFocusReason)

    def open_viewer(self, file_name: str, title: str) -> None:
        viewer = QtAttachmentViewer(self, file_name, title, self.services.attachment(file_name))
        viewer.open()

    def open_external(self, file_name: str) -> None:
        """Free questions only: a copy for the workstation's application, journalled."""
        if self.item is None or self.item.mode is not Mode.FREE or self.session.state is not State.QUESTION:
            return
        exporter = self.services.exporter
        path = exporter.export(file_name, self.services.attachment(file_name))
        opened = exporter.open_with_workstation(path)
        self.bridge.run(self.session.record_guard, {"action": "attachment-exported", "file": file_name,
                                                    "number": self.number, "item_id": self.item.id,
                                                    "opened": bool(opened)})
        if not opened:
            # Only "not started" is known here (no default application, or it failed to start): the
            # message says that, and where the copy is, so the candidate can open it from an application.
            where = exporter.folder or path.parent
            message = (self.tr("The workstation did not open this file by itself. A copy is in the folder %1: open "
                               "it from the File menu of the application you want to use.")
                       if self.services.practice else
                       self.tr("The workstation did not open this file by itself. A copy is in the folder %1: open "
                               "it from the File menu of an application, or ask the invigilator."))
            self._confirm(self.tr("The file did not open"), message.replace("%1", str(where)), self.tr("OK"), "",
                          lambda: None)
