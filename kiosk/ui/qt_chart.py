"""A labelled horizontal bar chart drawn with QPainter: the practice results by domain.

Every bar carries its value as text ("3 of 4 right") and the whole chart has a text description
for screen readers, so nothing is told by length or colour alone. A row the test did not ask
has no bar and says so. Sizes follow the font, so the chart grows with the text zoom.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


@dataclass(frozen=True)
class ChartRow:
    code: str
    title: str
    share: float | None  # 0…1 of the bar; None: nothing to show (the test did not ask this row)
    text: str  # the value in words, drawn after the bar and read by screen readers


class QtCompetenceChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.rows: list[ChartRow] = []
        self.title = ""

    def set_rows(self, rows: list[ChartRow], title: str) -> None:
        self.rows = list(rows)
        self.title = title
        self._describe()
        self._resize()
        self.update()

    def _describe(self) -> None:
        self.setAccessibleName(self.title)
        self.setAccessibleDescription("; ".join(f"{row.code} {row.title}: {row.text}" for row in self.rows))

    def _row_height(self) -> int:
        return int(self.fontMetrics().height() * 1.9)

    def _resize(self) -> None:
        self.setFixedHeight(self._row_height() * (len(self.rows) + 1) + 16)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(860, self._row_height() * (len(self.rows) + 1) + 16)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._resize()
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
        value_w = max(metrics.horizontalAdvance(row.text) for row in self.rows) + 16
        label_w = min(int(width * 0.5), max(metrics.horizontalAdvance(f"{r.code}  {r.title}") for r in self.rows) + 16)
        x0 = 8 + label_w
        bar_w = max(40, width - label_w - value_w)
        quarters = 4
        painter.setPen(QPen(text))
        for step in range(quarters + 1):  # the scale: 0 … 100 %, in quarters
            x = x0 + bar_w * step / quarters
            caption = self.tr("%1 %").replace("%1", str(25 * step))
            painter.drawText(QRectF(x - 40, 0, 80, row_h), Qt.AlignmentFlag.AlignCenter, caption)
            painter.setPen(QPen(grid, 1, Qt.PenStyle.DotLine))
            painter.drawLine(int(x), row_h, int(x), row_h * (len(self.rows) + 1))
            painter.setPen(QPen(text))
        for index, row in enumerate(self.rows, start=1):
            top = row_h * index
            caption = metrics.elidedText(f"{row.code}  {row.title}", Qt.TextElideMode.ElideRight, label_w - 12)
            painter.setPen(QPen(text))
            painter.drawText(QRectF(8, top, label_w - 8, row_h),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, caption)
            if row.share is None:
                room = bar_w + value_w - 8
                note = metrics.elidedText(row.text, Qt.TextElideMode.ElideRight, int(room))
                painter.drawText(QRectF(x0 + 8, top, room, row_h),
                                 Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, note)
                continue
            bar_h = row_h * 0.56
            rect = QRectF(x0, top + (row_h - bar_h) / 2, bar_w * max(0.0, min(row.share, 1.0)), bar_h)
            painter.setPen(QPen(text, 1))
            painter.setBrush(bar)
            if rect.width() > 0:
                painter.drawRect(rect)
            painter.drawText(QRectF(x0 + rect.width() + 8, top, value_w, row_h),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, row.text)
        if self.hasFocus():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 3))
            painter.drawRect(QRectF(1.5, 1.5, self.width() - 3, self.height() - 3))
        painter.end()
