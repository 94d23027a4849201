"""The end screen. Practice: score, level, the 16 competence levels and every question with its
explanation. Exam: the answers are saved, results come after validation, and the receipt code.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from itembank.model import Item, ItemType, Outcome
from kiosk.core.session import AttemptMode, Treated
from kiosk.ui.qt_chart import ChartRow, QtCompetenceChart
from kiosk.ui.qt_invigilator import QtInvigilatorCode
from kiosk.ui.qt_reading import QtReadableText, plain_reading
from kiosk.ui.qt_services import QtKioskServices
from kiosk.ui.qt_session import QtSessionBridge
from kiosk.ui.qt_widgets import QtPage, button, clear_layout, label, name


def _markdown(text: str) -> QtReadableText:
    """Rendered markdown a screen reader can read by word and line (reached by its review, not by
    Tab: the review has a card per question, and Tab goes to the actions)."""
    widget = QtReadableText()
    widget.set_markdown(text)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return widget


def bullets(texts: list[str]) -> str:
    """One text as it is; several as a list, one per line."""
    return texts[0] if len(texts) == 1 else "".join(f"\n• {t}" for t in texts)


def labelled(caption: str, value: str, locale: str) -> str:
    """"Caption: value", with the French space before the colon (a no-break space)."""
    return f"{caption}\u00a0: {value}" if locale == "fr" else f"{caption}: {value}"


def competence_order(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in code.split(".") if part.isdigit())


class QtEndScreen(QtPage):
    # The Enter that validated the last question may come twice: it must not quit before the
    # results are read. The buttons here take Space and the mouse.
    enter_presses_buttons = False

    def __init__(self, bridge: QtSessionBridge, services: QtKioskServices, parent: QWidget | None = None):
        super().__init__(parent)
        self.bridge = bridge
        self.session = bridge.session
        self.services = services
        self.dynamic = QVBoxLayout()
        self.dynamic.setSpacing(18)
        self.column.addLayout(self.dynamic)
        self.column.addStretch(1)
        self.actions.addStretch(1)
        self.new_button = button("")
        self.new_button.setObjectName("new-attempt")
        self.quit_button = button("primary")
        self.quit_button.setObjectName("quit")
        self.actions.addWidget(self.new_button)
        self.actions.addWidget(self.quit_button)
        self.new_button.clicked.connect(lambda: services.new_attempt and services.new_attempt())
        self.quit_button.clicked.connect(lambda: services.quit and services.quit())
        self.chart: QtCompetenceChart | None = None
        self.receipt_label: QLabel | None = None
        self.delivery_label: QLabel | None = None
        self._delivery_timer = QTimer(self)  # the console's receipt comes from the link's thread: look again
        self._delivery_timer.setInterval(1000)
        self._delivery_timer.timeout.connect(self._show_delivery)
        self.score_label: QLabel | None = None
        self.invigilator: QtInvigilatorCode | None = None
        if services.close_with_code is not None:  # an exam at the workstation: the invigilator closes
            self.invigilator = QtInvigilatorCode()
            self.close_button = self.invigilator.add_action("close-kiosk", services.close_with_code, primary=True)
            self.column.insertWidget(self.column.indexOf(self.dynamic) + 1, self.invigilator)

    def refresh(self) -> None:
        if self.invigilator is not None:
            self.invigilator.reset()
        self.retranslateUi()

    def first_focus(self) -> QWidget:
        # The score first (read on arrival), never "Quit": one Space there would close the kiosk unread.
        if self.score_label is not None:
            return self.score_label
        if self.receipt_label is not None:
            return self.receipt_label  # what the candidate must read first; the invigilator's code comes after
        return self.new_button

    # -- building -------------------------------------------------------------------------------
    def retranslateUi(self) -> None:
        clear_layout(self.dynamic)
        self.chart = None
        self.receipt_label = None
        self.delivery_label = None
        self.score_label = None
        if self.session.mode is AttemptMode.EXAM:
            self._exam()
        else:
            self._practice()
        self.new_button.setText(self.tr("New practice test"))
        name(self.new_button, self.tr("New practice test"), self.tr("Starts another practice test."))
        self.new_button.setVisible(self.services.practice and self.services.new_attempt is not None)
        self.quit_button.setText(self.tr("Quit"))
        name(self.quit_button, self.tr("Quit"), self.tr("Closes the kiosk."))
        self.quit_button.setVisible(self.services.quit is not None)
        if self.invigilator is not None:
            self.invigilator.set_explanation(self.tr("Type your code to close the kiosk and give the workstation "
                                                     "back."))
            self.close_button.setText(self.tr("Close the kiosk"))
            name(self.close_button, self.tr("Close the kiosk"),
                 self.tr("Checks the code, then gives the workstation back."))

    def _add(self, widget: QWidget) -> QWidget:
        self.dynamic.addWidget(widget)
        return widget

    def _exam(self) -> None:
        self._add(label("title", self.tr("Test finished")))
        self._add(label("lead", self.tr("Your answers are saved. The results will be given after validation.")))
        card = QFrame()
        card.setProperty("role", "card")
        box = QVBoxLayout(card)
        box.setContentsMargins(24, 18, 24, 18)
        box.addWidget(label("", self.tr("Receipt code")))
        receipt = label("receipt", self.session.receipt or "—")
        receipt.setObjectName("receipt")
        receipt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                        | Qt.TextInteractionFlag.TextSelectableByMouse)
        receipt.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        name(receipt, self.tr("Receipt code"), self.session.receipt or "")
        self.receipt_label = receipt
        box.addWidget(receipt)
        box.addWidget(label("hint", self.tr("Write this code down or show it to the invigilator. It proves that your "
                                            "answers were recorded.")))
        if self.services.results_received is not None:
            self.delivery_label = label("hint", "")
            self.delivery_label.setObjectName("delivery")
            box.addWidget(self.delivery_label)
            self._show_delivery()
        self._add(card)

    def _show_delivery(self) -> None:
        """Received by the console (its signed receipt verified), or waiting: said until it is received."""
        check = self.services.results_received
        if self.delivery_label is None or check is None:
            self._delivery_timer.stop()
            return
        received = bool(check())
        text = (self.tr("Received by the console ✓") if received else
                self.tr("Waiting to be received by the invigilator's console (your answers are kept on this "
                        "workstation)"))
        self.delivery_label.setText(text)
        name(self.delivery_label, self.tr("Results delivery"), text)
        if received:
            self._delivery_timer.stop()
        elif not self._delivery_timer.isActive():
            self._delivery_timer.start()

    def _practice(self) -> None:
        result: dict[str, Any] = self.session.result or {}
        locale = self.session.locale
        self._add(label("title", self.tr("Practice test finished")))
        card = QFrame()
        card.setProperty("role", "card")
        row = QHBoxLayout(card)
        row.setContentsMargins(24, 18, 24, 18)
        row.setSpacing(32)
        score = result.get("score")
        level = result.get("level")
        score_text = self.tr("%1 pix").replace("%1", str(score)) if score is not None else self.tr("No score")
        score_label = label("big-number", score_text, wrap=False)
        score_label.setObjectName("score")
        score_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        score_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        name(score_label, labelled(self.tr("Score"), score_text, locale), self.tr("Practice score: an estimate, "
                                                                                  "not a certificate."))
        self.score_label = score_label
        row.addWidget(score_label)
        facts = QVBoxLayout()
        levels = self.session.profile.scoring.levels
        if isinstance(level, int) and 0 <= level < len(levels):
            level_text = self.tr("Level: %1").replace("%1", levels[level].title.get(locale))
            level_label = label("lead", level_text)
            level_label.setObjectName("level")
            facts.addWidget(level_label)
        treated = int(result.get("treated", len([t for t in self.session.treated if t.outcome is not None])))
        correct = result.get("correct")
        line = self.tr("Questions answered or skipped: %1 of %2").replace("%1", str(treated)).replace(
            "%2", str(self.session.length))
        if correct is not None:
            line += " · " + self.tr("right answers: %1").replace("%1", str(correct))
        facts.addWidget(label("", line))
        status = result.get("status")
        if status in ("rejected", "cancelled"):
            facts.addWidget(label("hint", self.tr("Fewer than %1 questions were treated: no score is given.").replace(
                "%1", str(self.session.profile.min_treated))))
        elif result.get("degraded"):
            facts.addWidget(label("hint", self.tr("The test ended early: the untreated questions lower the score.")))
        facts.addWidget(label("hint", self.tr("Practice score: an estimate, not a certificate.")))
        row.addLayout(facts, 1)
        self._add(card)

        counted = [t for t in self.session.treated if t.outcome is not None]
        if counted:
            self._add(label("lead", self.tr("Your answers in the five domains")))
            self.chart = QtCompetenceChart()
            self.chart.set_rows(self._domain_rows(counted, locale), self.tr("Right answers in each domain"))
            self._add(self.chart)
            # A level per competence after a dozen questions would be a guess (one or two questions
            # each, some none): the chart shows what the answers support, and says so.
            self._add(label("hint", self.tr("With %1 questions, a level in each of the 16 competences would be a "
                                            "guess: most were asked once or not at all. The chart shows, for each "
                                            "domain, how many of its questions you answered right. The complete "
                                            "test estimates a level in every competence.").replace(
                "%1", str(len(counted)))))

        self._add(label("lead", self.tr("Your answers, question by question")))
        for treated_question in self.session.treated:
            self._add(self._review(treated_question, locale))

    def _domain_rows(self, counted: list[Treated], locale: str) -> list[ChartRow]:
        domains: dict[str, list[Treated]] = {}
        for treated in counted:
            domains.setdefault(treated.competence.split(".")[0], []).append(treated)
        codes = sorted(set(domains) | set(self.services.domains), key=competence_order)
        rows = []
        for code in codes:
            asked = domains.get(code, [])
            title = self.services.domain_name(code, locale) if code in self.services.domains else code
            if not asked:
                rows.append(ChartRow(code, title, None, self.tr("not asked in this test")))
                continue
            right = sum(t.outcome is Outcome.OK for t in asked)
            text = self.tr("%1 of %2 right").replace("%1", str(right)).replace("%2", str(len(asked)))
            rows.append(ChartRow(code, title, right / len(asked), text))
        return rows

    # -- one question in the review -------------------------------------------------------------
    def _outcome(self, treated: Treated) -> str:
        outcome = treated.outcome.value if treated.outcome else "neutralised"
        return {
            "ok": self.tr("✓ Right"),
            "ko": self.tr("✗ Wrong"),
            "skipped": self.tr("↷ Skipped (counts as wrong)"),
            "focused-out": self.tr("⚠ Window left during a focus question: not counted"),
            "timed-out": self.tr("✗ Time for this question ran out"),
            "neutralised": self.tr("— Withdrawn after a report: not counted"),
        }[outcome]

    def _review(self, treated: Treated, locale: str) -> QWidget:
        item = self.services.item(treated.item_id)
        card = QFrame()
        card.setProperty("role", "review")
        box = QVBoxLayout(card)
        box.setContentsMargins(20, 14, 20, 14)
        box.setSpacing(8)
        head = QHBoxLayout()
        title = self.tr("Question %1").replace("%1", str(treated.number))
        competence = f"{item.competence} {self.services.competence_name(item.competence, locale)}"
        head.addWidget(label("lead", f"{title} · {competence}"), 1)
        outcome = label("outcome", self._outcome(treated), wrap=False)
        head.addWidget(outcome)
        box.addLayout(head)
        box.addWidget(_markdown(item.statement.get(locale)))
        if treated.outcome is not None:
            box.addWidget(label("", self.tr("Your answer: %1").replace("%1", self.describe(item, treated.response,
                                                                                          locale))))
            box.addWidget(label("", self.tr("Right answer: %1").replace("%1", self.solution(item, locale))))
        box.addWidget(_markdown(self.tr("**Explanation:** %1").replace("%1", item.explanation.get(locale))))
        name(card, f"{title}: {outcome.text()}", plain_reading(item.statement.get(locale)))
        return card

    def describe(self, item: Item, response: Any, locale: str) -> str:
        """The candidate's answer in words."""
        if response is None:
            return self.tr("(no answer)")
        texts = {p.key: p.text.get(locale) for p in item.proposals}
        if item.type is ItemType.QCU:
            return texts.get(str(response), str(response))
        if item.type is ItemType.QCM:
            chosen = [texts.get(k, k) for k in item.proposal_keys if k in set(response)]
            return bullets(chosen) if chosen else self.tr("(nothing ticked)")
        values = response if isinstance(response, dict) else {item.fields[0].key: str(response)}
        parts = []
        for index, field in enumerate(item.fields, 1):
            value = str(values.get(field.key, "")).strip() or self.tr("(empty)")
            if len(item.fields) > 1:
                caption = field.label.get(locale) if field.label else str(index)
                value = labelled(caption, value, locale)
            parts.append(value)
        return bullets(parts)

    def solution(self, item: Item, locale: str) -> str:
        """The expected answer in words (the first accepted form of each)."""
        texts = {p.key: p.text.get(locale) for p in item.proposals}
        if item.type is ItemType.QCU:
            return texts.get(item.solution[0], "")
        if item.type is ItemType.QCM:
            return bullets([texts[k] for k in item.proposal_keys if k in item.solution])
        if item.type is ItemType.QROCM_DEP:
            groups = item.solution_groups[: len(item.fields)]
            return self.tr("%1 (in any order)").replace("%1", ", ".join(g[0].for_locale(locale) for g in groups if g))
        parts = []
        for index, field in enumerate(item.fields, 1):
            value = field.solutions[0].for_locale(locale) if field.solutions else ""
            if field.unit:
                value = f"{value} {field.unit.get(locale)}"
            if len(item.fields) > 1:
                caption = field.label.get(locale) if field.label else str(index)
                value = labelled(caption, value, locale)
            parts.append(value)
        return bullets(parts)
