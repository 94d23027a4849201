"""A candidate's problem report: the question as the bank has it, the candidate's note, and the verdict.

Validating neutralises the question (another one replaces it under the same number); dismissing
tells the candidate to answer it. The question's text is read from the bank opened with the
center keys, decrypted in memory for this window only. Either verdict is final, so neither
button is the default: Enter closes the window without deciding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTextBrowser, QWidget

from invigilator.core.alerts import Alert
from invigilator.room_actions import Refused, RoomActions
from invigilator.ui.qt_action_dialog import QtActionDialog


class QtProblemDialog(QtActionDialog):
    """Decide the open problem reports of one kiosk (usually one)."""

    action_is_default = False

    def __init__(self, actions: RoomActions, kiosk_id: str, kiosk_label: str, open_bank: Callable[[str], Any],
                 invigilators: Iterable[str], current: str = "", parent: QWidget | None = None):
        super().__init__(actions, invigilators, current, parent)
        self.kiosk_id, self.open_bank = kiosk_id, open_bank
        self.reports: list[Alert] = actions.problem_reports(kiosk_id)
        self.choice = QComboBox()
        self.choice.setAccessibleName(self.tr("Problem report"))
        for alert in self.reports:
            number = alert.detail.get("number")
            self.choice.addItem(self.tr("Question {n}, reported at {t} UTC").format(
                n=number if number is not None else "?", t=f"{alert.raised_at:%H:%M:%S}"), alert.id)
        self.question = QTextBrowser()
        self.question.setAccessibleName(self.tr("The question as the bank has it"))
        self.question.setMinimumHeight(160)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setProperty("role", "emphasis")
        bold = self.note_label.font()
        bold.setBold(True)
        self.note_label.setFont(bold)
        self.note_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form.addRow(self.tr("Report"), self.choice)
        self.form.addRow(self.tr("Question"), self.question)
        self.form.addRow(self.tr("Candidate's note"), self.note_label)
        self.set_texts(self.tr("Problem reported — {kiosk}").format(kiosk=kiosk_label),
                       self.tr("Read the question and the candidate's note, then decide. Validate: the question is "
                               "neutralised and replaced by another under the same number. Dismiss: the candidate "
                               "answers it."), self.tr("Validate (neutralise)"))
        self.dismiss = QPushButton(self.tr("Dismiss (the candidate answers)"))
        self.dismiss.setAutoDefault(False)
        self.buttons.insertWidget(self.buttons.count() - 1, self.dismiss)  # cancel, dismiss, validate
        self.dismiss.clicked.connect(self._dismiss)
        self.verdict = True
        self.choice.currentIndexChanged.connect(lambda _i: self._show())
        self._show()
        if not self.reports:
            self.error.show_error(self.tr("This kiosk has no open problem report."))
            self.act.setEnabled(False)
            self.dismiss.setEnabled(False)

    def current(self) -> Alert | None:
        alert_id = self.choice.currentData()
        return next((a for a in self.reports if a.id == alert_id), None)

    def _show(self) -> None:
        alert = self.current()
        if alert is None:
            self.question.setPlainText("")
            self.note_label.setText("")
            return
        note = str(alert.detail.get("comment") or "").strip()
        self.note_label.setText(note or self.tr("(the candidate wrote no note)"))
        self.question.setPlainText(self.question_text(alert))

    def question_text(self, alert: Alert) -> str:
        item_id = alert.detail.get("item_id")
        bank_id = self.actions.attempt_bank(self.kiosk_id, alert.attempt_id)
        bank = self.open_bank(bank_id) if bank_id else None
        if bank is None or not item_id:
            return self.tr("The question's text is not available (item {item}, bank {bank} not open on this "
                           "console).").format(item=item_id or "?", bank=bank_id or "?")
        try:
            item = bank.item(str(item_id))
        except Exception as exc:  # an item the bank does not hold, or damaged: say so, decide anyway
            return self.tr("Item {item} cannot be read from bank {bank}: {why}").format(item=item_id, bank=bank_id,
                                                                                       why=exc)
        mode = self.tr("focus question") if item.mode.value == "focus" else self.tr("free question")
        competence = self.tr("competence")
        lines = [f"[{item.id} · {competence} {item.competence} · {mode}]", "", item.statement.fr]
        lines += [f"  {p.key}. {p.text.fr}" for p in item.proposals]
        if item.statement.en and item.statement.en != item.statement.fr:
            lines += ["", "— English —", item.statement.en]
            lines += [f"  {p.key}. {p.text.en}" for p in item.proposals]
        return "\n".join(lines)

    def _dismiss(self) -> None:
        self.verdict = False
        self._act()
        self.verdict = True

    def perform(self) -> str:
        alert = self.current()
        if alert is None:
            raise Refused(self.tr("There is no problem report to decide."))
        issued = self.actions.decide_problem(self.kiosk_id, alert.id, self.verdict, self.by.name())
        return (self.tr("Question {n} validated: it is neutralised") if self.verdict else
                self.tr("Report on question {n} dismissed: the candidate answers it")).format(
            n=issued.command.args.get("number"))
