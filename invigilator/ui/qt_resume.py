"""Resume and move: the two acts that must never pass over an alert.

**Resume is a separate, deliberate act.** The dialog first says why the kiosk stopped, then lists
every open alert, each to tick as read; the resume button stays disabled until all are ticked,
and it is never the default button (Enter cancels). The ids ticked are the ones acknowledged: an
alert raised while the dialog was open refuses the resume, and the dialog then shows it.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QWidget

from invigilator.core.commands import CommandKind
from invigilator.errors import InvigilatorError, OpenAlertError
from invigilator.room_actions import Refused, RoomActions
from invigilator.ui.qt_action_dialog import QtActionDialog
from invigilator.ui.qt_action_parts import QtAlertChecklist, QtNoteEdit


def _kiosk_names(actions: RoomActions) -> dict[str, str]:
    return {k.id: k.name for k in actions.store.kiosks.kiosks()}


class QtResumeDialog(QtActionDialog):
    """Resume one kiosk (a pause, or ``authorise`` after a restart), or every kiosk in a test (``kiosk_ids`` None)."""

    action_is_default = False

    def __init__(self, actions: RoomActions, kiosk_ids: list[str] | None, kiosk_label: str,
                 invigilators: Iterable[str], current: str = "", parent: QWidget | None = None):
        super().__init__(actions, invigilators, current, parent)
        self.kiosk_ids = kiosk_ids
        self.names = _kiosk_names(actions)
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.why.setProperty("role", "emphasis")
        bold = self.why.font()
        bold.setBold(True)
        self.why.setFont(bold)
        self.why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.alerts = QtAlertChecklist([], self.names)
        self.note = QtNoteEdit()
        self.body.addWidget(self.why)
        self.body.addWidget(self.alerts)
        self.form.addRow(self.tr("Note (optional)"), self.note)
        self.kind = CommandKind.RESUME
        if kiosk_ids is not None and len(kiosk_ids) == 1:
            reason = actions.stop_reason(kiosk_ids[0])
            if reason.state in ("awaiting-authorisation", "recovering"):
                self.kind = CommandKind.AUTHORISE_RESUME  # a re-entry after a crash or a restart
        title = self.tr("Resume every kiosk") if kiosk_ids is None else self.tr("Resume {kiosk}").format(
            kiosk=kiosk_label)
        self.set_texts(title, self.tr("A resume gives the candidate back the test. Read why it stopped and every "
                                      "open alert first: the resume stays disabled until each alert is ticked."),
                       self.tr("Resume the test") if kiosk_ids is not None else self.tr("Resume all"))
        self.alerts.changed.connect(self._enable)
        self.reload()

    def reload(self) -> None:
        """Read again why the kiosk stopped and its open alerts (ticks are reset: new alerts may be there)."""
        if self.kiosk_ids is None:
            self.why.setText(self.tr("Why: every kiosk running a test is resumed."))
        else:
            lines = []
            for kid in self.kiosk_ids:
                lines.append(self.tr("Why it stopped ({kiosk}): {why}").format(kiosk=self.names.get(kid, kid),
                                                                              why=self.why_text(kid)))
            self.why.setText("\n".join(lines))
        self.alerts.set_alerts(self.actions.alerts_before_resume(self.kiosk_ids), self.names)
        self._enable()

    def why_text(self, kiosk_id: str) -> str:
        """The kiosk's state and the last command that stopped it, in the interface's language."""
        reason = self.actions.stop_reason(kiosk_id)
        states = {"paused": self.tr("paused"), "locked": self.tr("locked"),
                  "awaiting-authorisation": self.tr("waiting for an authorisation"),
                  "recovering": self.tr("restarted after a crash or a restart"), "": self.tr("without status")}
        text = self.tr("the kiosk is {state}").format(state=states.get(reason.state, reason.state))
        command = reason.command
        if command is not None:
            kinds = {CommandKind.PAUSE: self.tr("pause"), CommandKind.LOCK: self.tr("lock"),
                     CommandKind.END: self.tr("end")}
            text += self.tr("; last {command} given by {by} at {time} UTC").format(
                command=kinds.get(command.kind, str(command.kind)), by=command.issued_by,
                time=f"{command.issued_at:%H:%M:%S}")
            if command.args.get("note"):
                text += f" ({command.args['note']})"
        return text

    def _enable(self) -> None:
        self.act.setEnabled(self.alerts.complete)

    def perform(self) -> str:
        if not self.alerts.complete:
            raise Refused(self.tr("Tick every open alert as read before resuming."))
        if self.note.too_long():
            raise Refused(self.tr("The note is longer than {n} characters.").format(n=self.note.limit))
        issued = self.actions.resume(self.kiosk_ids, self.by.name(), self.alerts.acknowledged(), kind=self.kind,
                                     note=self.note.text())
        return self.tr("Resume sent to {n} kiosk(s); {a} alert(s) acknowledged").format(
            n=len(issued), a=sum(len(i.handled_alerts) for i in issued))

    def refused(self, exc: InvigilatorError) -> None:
        if isinstance(exc, OpenAlertError):
            self.reload()  # an alert came in meanwhile: show it, untick everything
            self.error.show_error(self.tr("A new alert was raised while this window was open; read the list again "
                                          "and tick each alert.") + f"\n{exc}")
            return
        super().refused(exc)


class QtMoveDialog(QtActionDialog):
    """Move the candidate of a kiosk to a spare PC: the old kiosk's alerts first, then the PC to go on."""

    action_is_default = False

    def __init__(self, actions: RoomActions, kiosk_id: str, kiosk_label: str, invigilators: Iterable[str],
                 current: str = "", parent: QWidget | None = None):
        super().__init__(actions, invigilators, current, parent)
        self.kiosk_id = kiosk_id
        self.names = _kiosk_names(actions)
        kiosk = actions.kiosk(kiosk_id)
        self.attempt_id = kiosk.status.attempt_id if kiosk.status is not None else None
        if not self.attempt_id:
            attempts = actions.store.replicas.attempts(kiosk_id)
            self.attempt_id = attempts[-1] if attempts else None
        self.alerts = QtAlertChecklist(actions.alerts_before_resume([kiosk_id]), self.names)
        self.spares = QListWidget()
        self.spares.setAccessibleName(self.tr("Spare PCs"))
        for spare in actions.spare_kiosks(kiosk_id):
            states = {"idle": self.tr("free"), "submitted": self.tr("free (test over)"),
                      "finished": self.tr("free (test over)"), "check-in": self.tr("at check-in"),
                      "checkin": self.tr("at check-in"),
                      "awaiting-authorisation": self.tr("waiting for an authorisation")}
            state = states.get(spare.status.state, spare.status.state) if spare.status else self.tr("no status yet")
            item = QListWidgetItem(f"{spare.name} — {state}")
            item.setData(Qt.ItemDataRole.UserRole, spare.id)
            self.spares.addItem(item)
        self.body.addWidget(self.alerts)
        self.form.addRow(self.tr("Spare PC"), self.spares)
        attempt = self.attempt_id or self.tr("none")
        self.set_texts(self.tr("Move the candidate of {kiosk} to a spare PC").format(kiosk=kiosk_label),
                       self.tr("The spare PC continues the same test (attempt {attempt}): questions so far, answers "
                               "and time left. The kiosk left is locked.").format(attempt=attempt),
                       self.tr("Move the candidate"))
        self.alerts.changed.connect(self._enable)
        self.spares.currentRowChanged.connect(lambda _row: self._enable())
        self._enable()

    def _enable(self) -> None:
        self.act.setEnabled(self.alerts.complete and self.spares.currentItem() is not None
                            and self.attempt_id is not None)

    def choose(self, kiosk_id: str) -> None:
        for i in range(self.spares.count()):
            if self.spares.item(i).data(Qt.ItemDataRole.UserRole) == kiosk_id:
                self.spares.setCurrentRow(i)

    def perform(self) -> str:
        item = self.spares.currentItem()
        if item is None or self.attempt_id is None:
            raise Refused(self.tr("Choose the spare PC the candidate goes to."))
        to = item.data(Qt.ItemDataRole.UserRole)
        move = self.actions.move(self.attempt_id, self.kiosk_id, to, self.by.name(), self.alerts.acknowledged())
        return self.tr("Attempt {attempt} moves to {kiosk}").format(attempt=self.attempt_id,
                                                                    kiosk=self.names.get(to, to)) + \
            (self.tr("; the kiosk left is locked") if move.lock_old is not None else "")

    def refused(self, exc: InvigilatorError) -> None:
        if isinstance(exc, OpenAlertError):
            self.alerts.set_alerts(self.actions.alerts_before_resume([self.kiosk_id]), self.names)
        super().refused(exc)
