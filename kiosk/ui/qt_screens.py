"""The short screens around the questions: waiting, authorisation, instructions, focus warning,
pause and lock. Each reads the session and, where the candidate acts, calls one session command.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.core import events as ev
from kiosk.core.session import AttemptMode, State
from kiosk.ui.qt_invigilator import QtInvigilatorCode
from kiosk.ui.qt_services import QtKioskServices
from kiosk.ui.qt_session import QtSessionBridge
from kiosk.ui.qt_timer import QtTimerBadge, calm_duration
from kiosk.ui.qt_widgets import QtPage, button, label, name


class QtMessagePage(QtPage):
    """A title, a lead paragraph, optional details and at most one primary action."""

    def __init__(self, bridge: QtSessionBridge, services: QtKioskServices, parent: QWidget | None = None):
        super().__init__(parent)
        self.bridge = bridge
        self.session = bridge.session
        self.services = services
        self.column.addSpacing(40)
        self.heading = label("title")
        self.lead = label("lead")
        self.details = label("")
        self.details.setVisible(False)
        for widget in (self.heading, self.lead, self.details):
            self.column.addWidget(widget)
        self.column.addStretch(1)
        self.actions.addStretch(1)
        self.primary = button("primary")
        self.primary.setVisible(False)
        self.primary.clicked.connect(self.act)
        self.actions.addWidget(self.primary)
        self.invigilator: QtInvigilatorCode | None = None  # the code card, where the invigilator decides here

    def set_texts(self, title: str, lead: str, details: str = "", action: str = "", description: str = "") -> None:
        self.heading.setText(title)
        name(self.heading, title)
        self.lead.setText(lead)
        name(self.lead, lead)
        self.details.setText(details)
        self.details.setVisible(bool(details))
        self.primary.setText(action)
        self.primary.setVisible(bool(action))
        if action:
            name(self.primary, action, description or lead)

    def refresh(self) -> None:
        if self.invigilator is not None:
            self.invigilator.reset()
        super().refresh()

    def first_focus(self) -> QWidget | None:
        if self.invigilator is not None:
            return self.invigilator.code
        return self.primary if self.primary.isVisibleTo(self) else None

    def default_button(self) -> QPushButton:
        return self.primary

    def act(self) -> None:
        """The primary action (screens that have one override this)."""

    def candidate_line(self) -> str:
        candidate = self.session.candidate
        return candidate.display_name if candidate else ""


def invigilator_panel(page: QtMessagePage) -> QtInvigilatorCode:
    """The invigilator's code card, under the page's texts."""
    panel = QtInvigilatorCode()
    page.column.insertWidget(page.column.indexOf(page.details) + 1, panel)
    return panel


class QtWaitScreen(QtMessagePage):
    """Moments where the kiosk works and the candidate waits: preparing, checking, saving, a report.

    In an exam at the workstation, a reported problem waits for the invigilator's code and choice.
    """

    def __init__(self, kind: str, bridge: QtSessionBridge, services: QtKioskServices, parent: QWidget | None = None):
        self.kind = kind
        super().__init__(bridge, services, parent)
        self.invigilator: QtInvigilatorCode | None = None
        if kind == "problem" and services.resolve_with_code is not None:
            self.invigilator = invigilator_panel(self)
            self.replace_button = self.invigilator.add_action(
                "replace-question", lambda code: self._resolve(code, True), primary=True)
            self.keep_button = self.invigilator.add_action("keep-question", lambda code: self._resolve(code, False))
        self.retranslateUi()

    def _resolve(self, code: str, validated: bool):
        if self.session.state is not State.PROBLEM_REPORTED or self.services.resolve_with_code is None:
            return None
        return self.bridge.run(self.services.resolve_with_code, code, validated)

    def _comment(self) -> str:
        report = next((e for e in reversed(self.session.events) if e.kind == ev.PROBLEM_REPORTED), None)
        comment = str(report.payload.get("comment", "")).strip() if report is not None else ""
        return self.tr("The candidate's comment: “%1”").replace("%1", comment) if comment else ""

    def retranslateUi(self) -> None:
        if self.kind == "idle":
            self.set_texts(self.tr("Preparing the workstation…"), self.tr("The test will be ready in a moment."))
        elif self.kind == "recovering":
            self.set_texts(self.tr("Getting your test back…"),
                           self.tr("Your answers were saved. The test continues where it stopped."))
        elif self.kind == "environment":
            self.set_texts(self.tr("Checking the workstation…"),
                           self.tr("This takes a few seconds. Nothing to do."))
        elif self.kind == "finishing":
            self.set_texts(self.tr("Saving your answers…"), self.tr("Please wait, do not turn off the computer."))
        elif self.kind == "problem":
            if self.invigilator is None:
                self.set_texts(self.tr("Problem reported"),
                               self.tr("Your report has been sent to the invigilator, who will come and see you. "
                                       "The time is stopped."),
                               self.candidate_line())
                return
            self.set_texts(self.tr("Problem reported"),
                           self.tr("Please call the invigilator, who will come and see you. The time is stopped."),
                           "\n".join(t for t in (self.candidate_line(), self._comment()) if t))
            self.invigilator.set_explanation(self.tr(
                "Type your code, then replace the question (the report is accepted: another question comes "
                "under the same number) or keep it (the candidate answers it)."))
            self.replace_button.setText(self.tr("Replace the question"))
            name(self.replace_button, self.tr("Replace the question"),
                 self.tr("Accepts the report: the question is replaced by another under the same number."))
            self.keep_button.setText(self.tr("Keep the question"))
            name(self.keep_button, self.tr("Keep the question"),
                 self.tr("Dismisses the report: the candidate answers this question."))


class QtAwaitingScreen(QtMessagePage):
    """Waiting for the authorisation to start, or to resume after an interruption."""

    def __init__(self, bridge: QtSessionBridge, services: QtKioskServices, parent: QWidget | None = None):
        super().__init__(bridge, services, parent)
        self.primary.setObjectName("resume")
        self.invigilator: QtInvigilatorCode | None = None
        if services.authorise_with_code is not None:  # an exam authorised at the workstation
            self.invigilator = invigilator_panel(self)
            self.allow_button = self.invigilator.add_action("allow", self._authorise, primary=True)
        if services.bank_refused is not None:  # said as soon as the kiosk journals it
            bridge.eventRecorded.connect(self._heard)
        self._answer: tuple[str, str | None] | None = None  # the console's answer to the check-in, as shown
        if services.check_in_answer is not None:  # it comes with a sync: looked at on each heartbeat
            bridge.ticked.connect(self._answered)
        self.retranslateUi()

    def _heard(self, event) -> None:
        if event.kind == "guard" and event.payload.get("type") == "room-bank-refused":
            self.retranslateUi()

    def _check_in_answer(self):
        """The console's answer to this attempt's check-in (one about another attempt is not this candidate's)."""
        answer = self.services.check_in_answer() if self.services.check_in_answer is not None else None
        return answer if answer is not None and answer.attempt_id == self.session.attempt.attempt_id else None

    def _answered(self) -> None:
        answer = self._check_in_answer()
        if (None if answer is None else (answer.state, answer.reason)) != self._answer:
            self.retranslateUi()

    def _answer_text(self) -> tuple[str, str]:
        """(title, line) for the console's answer to the check-in; ("", "") while none came."""
        answer = self._check_in_answer()
        self._answer = None if answer is None else (answer.state, answer.reason)
        if answer is None:
            return "", ""
        if answer.state == "refused":
            title = self.tr("Check-in refused")
            if answer.reason == "wrong-code":
                return title, self.tr("The session number or the access code is wrong. Please call the "
                                      "invigilator.")
            if answer.reason == "session-not-open":
                return title, self.tr("The session is not open yet. Your check-in is sent again as soon as the "
                                      "invigilator opens it: please stay at your place.")
            if answer.reason == "session-closed":
                return title, self.tr("This session is closed. Please call the invigilator.")
            message = " ".join(str(answer.message or "").split())
            return title, self.tr("The invigilator's console refused the check-in: %1").replace(
                "%1", message or str(answer.reason or "?"))
        if answer.state == "waiting":
            return "", self.tr("Your check-in has reached the invigilator, who will now check your identity.")
        if answer.state == "confirmed":
            return "", self.tr("The invigilator has checked your identity. The test will start shortly.")
        if answer.state == "authorised":
            return "", self.tr("The invigilator has allowed the test to start. It is being received from the "
                               "console…")
        return "", ""

    def _authorise(self, code: str):
        if self.session.state is not State.AWAITING_AUTHORISATION or self.services.authorise_with_code is None:
            return None
        return self.bridge.run(self.services.authorise_with_code, code)

    def _resuming(self) -> bool:
        return self.session.started or self.services.awaiting_confirmation()

    def retranslateUi(self) -> None:
        practice = self.session.mode is AttemptMode.PRACTICE
        can_confirm = self.services.confirm_resume is not None and self.services.awaiting_confirmation()
        if self._resuming():
            if practice:
                lead = self.tr("Your practice test was interrupted. Your answers are saved and the time lost does "
                               "not count. Resume when you are ready.")
            else:
                lead = self.tr("Your test was interrupted. Your answers are saved and the time lost does not count. "
                               "The invigilator must allow you to resume: please stay at your place.")
            self.set_texts(self.tr("Test interrupted"), lead, self.candidate_line(),
                           self.tr("Resume") if can_confirm else "",
                           self.tr("Resume the test where it stopped."))
        else:
            refused, said = self._answer_text()
            details = self.candidate_line() if refused else "\n".join(filter(None, (self.candidate_line(), said)))
            if self.services.bank_refused is not None and self.services.bank_refused():
                details = "\n".join(filter(None, (details, self.tr(
                    "The test could not be received from the invigilator's console yet; this workstation tries "
                    "again. The invigilator has been told."))))
            if refused:  # what the console said replaces the promise of a start
                self.set_texts(refused, said, details)
            else:
                self.set_texts(self.tr("Waiting for the invigilator"),
                               self.tr("The invigilator will allow your test to start. Please stay at your place."),
                               details)
        if self.invigilator is not None:
            if self._resuming():
                explanation = self.tr("Check that this is the candidate's own test, then type your code to let it "
                                      "resume.")
                action, description = self.tr("Allow the test to resume"), self.tr("Checks the code and resumes "
                                                                                   "the test.")
            else:
                explanation = self.tr("Check the candidate's identity, then type your code to let the test start.")
                action, description = self.tr("Allow the test to start"), self.tr("Checks the code and starts "
                                                                                  "the test.")
            self.invigilator.set_explanation(explanation)
            self.allow_button.setText(action)
            name(self.allow_button, action, description)

    def act(self) -> None:
        if self.services.confirm_resume is not None and self.session.state is State.AWAITING_AUTHORISATION:
            self.bridge.run(self.services.confirm_resume)


class QtInstructionsScreen(QtMessagePage):
    """The rules of the test, in a few lines, and the start button."""

    def __init__(self, bridge: QtSessionBridge, services: QtKioskServices, parent: QWidget | None = None):
        super().__init__(bridge, services, parent)
        self.primary.setObjectName("start")
        self.rules: list[QLabel] = []
        index = self.column.indexOf(self.details)
        for offset in range(8):
            rule = label("")
            rule.setTextFormat(Qt.TextFormat.PlainText)
            self.column.insertWidget(index + 1 + offset, rule)
            self.rules.append(rule)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        session = self.session
        duration = calm_duration(session.timer.allowed - session.timer.consumed)
        self.set_texts(self.tr("Before you start"),
                       self.tr("Read these rules, then start when you are ready. The time starts with the first "
                               "question."),
                       self.candidate_line(), self.tr("Start the test"),
                       self.tr("Starts the test and its countdown."))
        texts = [
            self.tr("• %1 questions, %2 in all.").replace("%1", str(session.length)).replace("%2", duration),
            self.tr("• The questions adapt to your answers. You cannot go back to a previous question."),
            self.tr("• You may skip a question: it counts as wrong and does not come back."),
            self.tr("• Free questions: you may use the workstation's tools (word processor, spreadsheet…)."),
            self.tr("• Focus questions: answer without leaving the test window, or the answer does not count."),
            self.tr("• If a question has a problem, use “Report a problem”."),
            self.tr("• Ctrl + and Ctrl − change the text size; Ctrl+Shift+H switches to high contrast."),
        ]
        if session.timer.extra_seconds > 0:
            texts.append(self.tr("• Extra time granted: + %1.").replace("%1", calm_duration(
                session.timer.extra_seconds)))
        for rule, text in zip(self.rules, texts + [""] * len(self.rules), strict=False):
            rule.setText(text)
            rule.setVisible(bool(text))
            name(rule, text)

    def act(self) -> None:
        if self.session.state is State.INSTRUCTIONS:
            self.bridge.run(self.session.start_test)


class QtFocusWarningScreen(QtMessagePage):
    """Before each run of focus questions."""

    def __init__(self, bridge: QtSessionBridge, services: QtKioskServices, parent: QWidget | None = None):
        super().__init__(bridge, services, parent)
        self.primary.setObjectName("acknowledge")
        self.timer = QtTimerBadge()
        self.actions.insertWidget(0, self.timer)
        bridge.ticked.connect(self._update_timer)
        self.retranslateUi()

    def _update_timer(self) -> None:
        if self.session.state is State.FOCUS_WARNING:
            self.timer.show_time(self.session.remaining(), self.session.timer.extra_seconds)

    def retranslateUi(self) -> None:
        # One notice per run of focus questions; how long the run is, the adaptive test does not know
        # yet: the text speaks of the next question, which is sure to be one.
        self.set_texts(
            self.tr("◉ Focus question"),
            self.tr("The next question is a focus question. Answer it from your own knowledge, without leaving "
                    "this window: no other application, no browser, no phone."),
            self.tr("If you leave the window during a focus question, your answer to that question will not count. "
                    "The time does not run while you read this page."),
            self.tr("I understand, continue"), self.tr("Shows the next question."))
        self._update_timer()
        self.timer.retranslateUi()

    def act(self) -> None:
        if self.session.state is State.FOCUS_WARNING:
            self.bridge.run(self.session.acknowledge_focus_warning)


class QtHoldScreen(QtMessagePage):
    """Paused or locked: the time is stopped; in practice the candidate resumes alone."""

    def __init__(self, kind: str, bridge: QtSessionBridge, services: QtKioskServices, parent: QWidget | None = None):
        self.kind = kind
        super().__init__(bridge, services, parent)
        self.primary.setObjectName(f"{kind}-continue")
        self.retranslateUi()

    def _reason(self) -> str:
        reason = self.session.lock_reason if self.kind == "locked" else self.session.pause_reason
        known = {"environment": self.tr("The workstation check found a problem."),
                 "focus": self.tr("The test window was left.")}
        return known.get(reason, reason)

    def retranslateUi(self) -> None:
        practice = self.services.practice
        reason = self._reason()
        if self.kind == "paused":
            self.set_texts(self.tr("Test paused"),
                           self.tr("The time is stopped and your answers are saved."),
                           reason, self.tr("Resume") if practice else "", self.tr("Resume the test."))
        else:
            lead = (self.tr("The test is suspended and the time is stopped. Your answers are saved.")
                    if practice else
                    self.tr("The test is suspended and the time is stopped. Please call the invigilator."))
            self.set_texts(self.tr("⚠ Workstation locked"), lead, reason,
                           self.tr("Unlock and continue") if practice else "", self.tr("Continue the test."))

    def act(self) -> None:
        if not self.services.practice:
            return
        if self.kind == "paused" and self.session.state is State.PAUSED:
            self.bridge.run(self.session.resume, by="candidate")
        elif self.kind == "locked" and self.session.state is State.LOCKED:
            self.bridge.run(self.session.unlock, by="candidate")
