"""Pieces the action dialogs share: who gives the command, a note with its count, alerts to acknowledge.

Source strings are English; French comes from the translations (``assets/i18n/console``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from invigilator.core.alerts import Alert, AlertKind

MAX_NOTE = 500
translate = QCoreApplication.translate



def alert_kind_label(kind: AlertKind) -> str:
    labels = {AlertKind.FOCUS_LOST: translate("QtActionParts", "Focus lost on a focus question"),
              AlertKind.PROBLEM_REPORTED: translate("QtActionParts", "Problem reported with a question"),
              AlertKind.OFFLINE: translate("QtActionParts", "Kiosk silent (offline)"),
              AlertKind.GUARD: translate("QtActionParts", "Guard event"),
              AlertKind.CHAIN_BREAK: translate("QtActionParts", "Journal that does not continue (chain break)")}
    return labels.get(kind, str(kind))


def alert_text(alert: Alert, kiosk_name: str) -> str:
    """One alert as the invigilator reads it: what, where, since when, and the detail that matters."""
    d = alert.detail
    since = translate("QtActionParts", "since {time} UTC").format(time=f"{alert.raised_at:%H:%M:%S}")
    parts = [f"{alert_kind_label(alert.kind)} — {kiosk_name} — {since}"]
    if d.get("number") is not None:
        parts.append(translate("QtActionParts", "question {n}").format(n=d["number"]))
    if d.get("comment"):
        parts.append(translate("QtActionParts", "candidate's note: {note}").format(note=d["comment"]))
    if alert.kind is AlertKind.GUARD and d.get("detail"):
        parts.append(str(d["detail"]))
    if alert.kind is AlertKind.CHAIN_BREAK and d.get("reason"):
        parts.append(str(d["reason"]))
    return " · ".join(parts)


def make_title(label: QLabel) -> QLabel:
    """A dialog's title: larger and bold whatever the theme (the theme may style ``role=title`` further)."""
    label.setProperty("role", "title")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    label.setAccessibleName(label.text())
    return label


class QtInvigilatorField(QComboBox):
    """Who gives the command: the session's invigilators offered, any name typed accepted."""

    def __init__(self, names: Iterable[str], current: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems([n for n in dict.fromkeys(names) if n])
        self.setCurrentText(current or (self.itemText(0) if self.count() else ""))
        self.setAccessibleName(translate("QtActionParts", "Invigilator giving the command"))
        self.setMinimumWidth(240)

    def name(self) -> str:
        return " ".join(self.currentText().split())


class QtNoteEdit(QWidget):
    """A note of at most ``limit`` characters, with its count shown as it is typed; never cut silently."""

    changed = Signal()

    def __init__(self, limit: int = MAX_NOTE, parent: QWidget | None = None, *, lines: int = 3):
        super().__init__(parent)
        self.limit = limit
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)  # the keyboard alone moves on to the buttons
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * lines + 16)
        self.count = QLabel()
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.count)
        self.edit.textChanged.connect(self._update)
        self._update()

    def text(self) -> str:
        return self.edit.toPlainText().strip()

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)

    def length(self) -> int:
        return len(self.text())

    def too_long(self) -> bool:
        return self.length() > self.limit

    def _update(self) -> None:
        n = self.length()
        self.count.setText(translate("QtActionParts", "{n} / {limit} characters").format(n=n, limit=self.limit))
        self.count.setProperty("role", "error" if n > self.limit else "muted")
        self.count.style().unpolish(self.count)
        self.count.style().polish(self.count)
        self.count.setAccessibleName(self.count.text())
        self.changed.emit()


class QtAlertChecklist(QWidget):
    """Every open alert, each to tick as read; ``complete`` is True only when all are ticked."""

    changed = Signal()

    def __init__(self, alerts: Sequence[Alert], kiosk_names: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(translate("QtActionParts", "Open alerts to acknowledge"))
        self.list.setWordWrap(True)
        self.tick_all = QPushButton(translate("QtActionParts", "Tick the selected alert as read"))
        self.tick_all.setAutoDefault(False)
        self.tick_all.clicked.connect(self._tick_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.tick_all)
        layout.addLayout(row)
        self.list.itemChanged.connect(lambda _item: self._changed())
        self.set_alerts(alerts, kiosk_names)

    def set_alerts(self, alerts: Sequence[Alert], kiosk_names: dict[str, str]) -> None:
        self.alerts = list(alerts)
        self.list.blockSignals(True)
        self.list.clear()
        for alert in self.alerts:
            item = QListWidgetItem(alert_text(alert, kiosk_names.get(alert.kiosk_id, alert.kiosk_id)))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, alert.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.setVisible(bool(self.alerts))
        self._changed()

    def _tick_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked)
            self.list.setCurrentRow(min(self.list.row(item) + 1, self.list.count() - 1))

    def tick(self, alert_id: str) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == alert_id:
                item.setCheckState(Qt.CheckState.Checked)

    def acknowledged(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    @property
    def complete(self) -> bool:
        return len(self.acknowledged()) == len(self.alerts)

    def _changed(self) -> None:
        left = len(self.alerts) - len(self.acknowledged())
        self.heading.setText(translate("QtActionParts", "{n} open alert(s): read each one and tick it (space bar) "
                                       "before going on. Still to read: {left}.").format(n=len(self.alerts), left=left))
        self.changed.emit()


class QtErrorLine(QLabel):
    """Where a dialog says why the room refused, in words a person can act on."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "error")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_error(self, text: str) -> None:
        self.setText(text)
        self.setAccessibleName(text)
        self.show()
