"""The 16 competence levels as a labelled horizontal bar chart, drawn with QPainter.

Every bar carries its value as text ("level 3") and the whole chart has a text description for
screen readers, so nothing is told by length or colour alone. A competence the test did not ask
(a short practice test cannot ask all 16) has no bar and says so. Sizes follow the font, so the
chart grows with the text zoom.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class QtCompetenceChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.rows: list[tuple[str, str, int | None]] = []  # (code, name, level; None: not assessed)
        self.maximum = 8

    def set_levels(self, rows: list[tuple[str, str, int | None]], maximum: int = 8) -> None:
        self.rows = list(rows)
        self.maximum = maximum
        self._describe()
        self._resize()
        self.update()

    def _describe(self) -> None:
        self.setAccessibleName(self.tr("Estimated level in each competence, from 0 to %1").replace(
            "%1", str(self.maximum)))
        parts = [self.tr("%1 %2: level %3").replace("%1", code).replace("%2", title).replace("%3", str(level))
                 if level is not None else
                 self.tr("%1 %2: not assessed in this test").replace("%1", code).replace("%2", title)
                 for code, title, level in self.rows]
        self.setAccessibleDescription("; ".join(parts))

    def _row_height(self) -> int:
        return int(self.fontMetrics().height() * 1.9)

    def _resize(self) -> None:
        height = self._row_height() * (len(self.rows) + 1) + 16
        self.setFixedHeight(height)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(860, self._row_height() * (len(self.rows) + 1) + 16)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._resize()
        elif event.type() == QEvent.Type.LanguageChange:
            self._describe()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.rows:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        bar = palette.color(QPalette.ColorRole.Highlight)
        grid = QColor(text)
        grid.setAlpha(70)
        metrics = self.fontMetrics()
        row_h = self._row_height()
        width = self.width() - 16
        value_w = max(metrics.horizontalAdvance(self.tr("level %1").replace("%1", str(n))) for n in range(9)) + 16
        label_w = min(int(width * 0.56), max(metrics.horizontalAdvance(f"{c}  {t}") for c, t, _ in self.rows) + 16)
        x0 = 8 + label_w
        bar_w = max(40, width - label_w - value_w)
        # the scale: 0 … maximum
        painter.setPen(QPen(text))
        for step in range(self.maximum + 1):
            x = x0 + bar_w * step / self.maximum
            painter.drawText(QRectF(x - 20, 0, 40, row_h), Qt.AlignmentFlag.AlignCenter, str(step))
            painter.setPen(QPen(grid, 1, Qt.PenStyle.DotLine))
            painter.drawLine(int(x), row_h, int(x), row_h * (len(self.rows) + 1))
            painter.setPen(QPen(text))
        for index, (code, title, level) in enumerate(self.rows, start=1):
            top = row_h * index
            caption = metrics.elidedText(f"{code}  {title}", Qt.TextElideMode.ElideRight, label_w - 12)
            painter.setPen(QPen(text))
            painter.drawText(QRectF(8, top, label_w - 8, row_h),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, caption)
            if level is None:
                painter.setPen(QPen(text))
                room = bar_w + value_w - 8
                note = metrics.elidedText(self.tr("not assessed in this test"), Qt.TextElideMode.ElideRight, int(room))
                painter.drawText(QRectF(x0 + 8, top, room, row_h),
                                 Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, note)
                continue
            bar_h = row_h * 0.56
            rect = QRectF(x0, top + (row_h - bar_h) / 2, bar_w * max(0, min(level, self.maximum)) / self.maximum,
                          bar_h)
            painter.setPen(QPen(text, 1))
            painter.setBrush(bar)
            if rect.width() > 0:
                painter.drawRect(rect)
            value = self.tr("level %1").replace("%1", str(level))
            painter.drawText(QRectF(x0 + rect.width() + 8, top, value_w, row_h),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, value)
        if self.hasFocus():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 3))
            painter.drawRect(QRectF(1.5, 1.5, self.width() - 3, self.height() - 3))
        painter.end()
