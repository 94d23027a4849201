"""The countdown: calm minutes most of the time, prominent in the last five minutes.

It never shows seconds before the last five minutes (a ticking clock is stressful); then it grows,
gains a clock icon and says "only … left" in words, so the change is not carried by colour alone.
Extra time granted ("temps majoré") is shown next to it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.ui.qt_reading import announce
from kiosk.ui.qt_widgets import clock_icon, label, name, restyle

URGENT_SECONDS = 5 * 60
# A screen reader cannot glance at the clock: the time left is announced as it passes these marks.
CHECKPOINT_SECONDS = (10 * 60, 5 * 60, 60)


def calm_duration(seconds: float) -> str:
    """'1 h 12 min', '12 min' — minutes rounded up, so '1 min' means less than a minute is left."""
    minutes = max(0, math.ceil(seconds / 60))
    hours, rest = divmod(minutes, 60)
    if hours:
        return QCoreApplication.translate("QtTimerBadge", "%1 h %2 min").replace("%1", str(hours)).replace(
            "%2", f"{rest:02d}")
    return QCoreApplication.translate("QtTimerBadge", "%1 min").replace("%1", str(minutes))


def urgent_duration(seconds: float) -> str:
    """'4 min 05 s', '45 s' — seconds shown only in the last five minutes."""
    total = max(0, math.ceil(seconds))
    minutes, rest = divmod(total, 60)
    if minutes:
        return QCoreApplication.translate("QtTimerBadge", "%1 min %2 s").replace("%1", str(minutes)).replace(
            "%2", f"{rest:02d}")
    return QCoreApplication.translate("QtTimerBadge", "%1 s").replace("%1", str(rest))


class QtTimerBadge(QWidget):
    """Time left in the test; ``show_time(remaining, extra)`` repaints only when the text changes."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # the urgent box is drawn by the theme
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.icon = QLabel()
        self.icon.setVisible(False)
        self.text = label("timer", wrap=False)
        self.extra = label("extra-time", wrap=False)
        self.extra.setVisible(False)
        layout.addWidget(self.icon)
        layout.addWidget(self.text)
        layout.addWidget(self.extra)
        self.urgent = False
        self._remaining = 0.0
        self._extra = 0.0
        self._shown = ""
        self._previous: float | None = None  # the time left at the last tick, to see a mark pass
        self._said: set[int] = set()  # marks announced (each once, unless extra time lifts the clock above)

    def show_time(self, remaining: float, extra_seconds: float = 0.0) -> None:
        self._remaining, self._extra = remaining, extra_seconds
        previous, self._previous = self._previous, remaining
        self._said = {mark for mark in self._said if remaining <= mark}  # extra time: the marks come back
        if previous is not None:
            passed = [mark for mark in CHECKPOINT_SECONDS
                      if remaining <= mark < previous and remaining > 0 and mark not in self._said]
            if passed:
                self._said.update(passed)
                announce(self, self.tr("Only %1 left").replace("%1", calm_duration(min(passed))), assertive=True)
        urgent = remaining <= URGENT_SECONDS
        if urgent:
            text = self.tr("Only %1 left").replace("%1", urgent_duration(remaining))
        else:
            text = self.tr("Time left: %1").replace("%1", calm_duration(remaining))
        if urgent != self.urgent:
            self.urgent = urgent
            self.layout().setContentsMargins(*((12, 4, 12, 4) if urgent else (0, 0, 0, 0)))
            restyle(self, urgent="true" if urgent else "false")
            restyle(self.text, urgent="true" if urgent else "false")
            restyle(self.extra)
            if urgent:
                size = self.text.fontMetrics().height()
                self.icon.setPixmap(clock_icon().pixmap(QSize(size, size)))
            self.icon.setVisible(urgent)
        if text != self._shown:
            self._shown = text
            self.text.setText(text)
            name(self.text, self.tr("Time left"), text)
        has_extra = extra_seconds > 0
        self.extra.setVisible(has_extra)
        if has_extra:
            self.extra.setText(self.tr("+ extra time"))
            name(self.extra, self.tr("Extra time granted"),
                 self.tr("Extra time granted: %1").replace("%1", calm_duration(extra_seconds)))

    def retranslateUi(self) -> None:
        self._shown = ""
        self._previous = None  # a repaint, not a tick
        self.show_time(self._remaining, self._extra)
