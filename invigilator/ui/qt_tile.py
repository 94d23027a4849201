"""One kiosk's tile: its texts (made off the interface thread), the list model, and the painter.

A room of 300 kiosks is redrawn every second, so a tile is not a widget: :func:`tile_texts`
turns a room view into plain texts (in the worker that read the store), :class:`QtTileModel`
holds them, and :class:`QtTileDelegate` paints the visible ones. A screen reader gets each
tile as one sentence (the model's accessible text) and moves between them with the arrows.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from invigilator.core.alerts import Alert, AlertKind
from invigilator.core.dashboard import Freshness, Tile
from invigilator.core.room_actions import available_actions
from invigilator.core.roster import Candidate
from invigilator.ui.qt_theme import DEFAULT, TileColours

TileIndex = QModelIndex | QPersistentModelIndex
TILE_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_ALERT_LINES = 2
PICTURES_KEPT = 160  # about two screens of tiles at 1920×1080 (a 340×190 tile is 260 KB)


translate = QCoreApplication.translate


def state_label(state: str | None) -> str:
    labels = {
        None: translate("QtTile", "No news yet"),
        "idle": translate("QtTile", "Free"),
        "check-in": translate("QtTile", "Checking in"),
        "awaiting-authorisation": translate("QtTile", "Waiting for authorisation"),
        "environment-check": translate("QtTile", "Checking the workstation"),
        "instructions": translate("QtTile", "Reading the instructions"),
        "question": translate("QtTile", "In the test"),
        "focus-warning": translate("QtTile", "Reading the focus warning"),
        "problem-reported": translate("QtTile", "Problem reported"),
        "paused": translate("QtTile", "Paused"),
        "locked": translate("QtTile", "Locked"),
        "finished": translate("QtTile", "Finished"),
        "submitted": translate("QtTile", "Results sent"),
        "recovering": translate("QtTile", "Restarting after an interruption"),
    }
    return labels.get(state, state or "")


def alert_label(alert: Alert) -> str:
    d = alert.detail
    number = d.get("number")
    if alert.kind is AlertKind.FOCUS_LOST:
        return (
            translate("QtTile", "Focus lost on question %1").replace("%1", str(number))
            if number
            else translate("QtTile", "Focus lost")
        )
    if alert.kind is AlertKind.PROBLEM_REPORTED:
        return (
            translate("QtTile", "Problem reported on question %1").replace("%1", str(number))
            if number
            else translate("QtTile", "Problem reported")
        )
    if alert.kind is AlertKind.OFFLINE:
        return translate("QtTile", "Offline")
    if alert.kind is AlertKind.CHAIN_BREAK:
        return translate("QtTile", "Journal chain broken")
    if alert.kind is AlertKind.GUARD:
        said = d.get("text")  # the kiosk's guard writes each event in both languages
        if isinstance(said, dict) and any(isinstance(v, str) and v.strip() for v in said.values()):
            mine = "fr" if QLocale().language() == QLocale.Language.French else "en"
            text = str(said.get(mine) or said.get("en") or said.get("fr")).strip()
            return translate("QtTile", "Guard: %1").replace("%1", text[:80])
        what = str(d.get("finding") or d.get("kind") or d.get("event") or d.get("what") or "").strip()
        return translate("QtTile", "Guard: %1").replace("%1", what[:40]) if what else translate("QtTile", "Guard event")
    return str(alert.kind)


def time_left(seconds: float | None) -> str:
    """Whole minutes (rounded up): an invigilator needs no seconds, and the tile changes once a minute."""
    if seconds is None:
        return ""
    if seconds < 60:
        return translate("QtTile", "less than a minute left")
    return translate("QtTile", "%1 min left").replace("%1", str(math.ceil(seconds / 60)))


def heard_label(tile: Tile) -> str:
    if tile.silent_seconds is None:
        return translate("QtTile", "Never heard from")
    seconds = int(tile.silent_seconds)
    if tile.freshness is Freshness.FRESH:  # a kiosk heard within the last 5 s: no second-by-second churn
        return translate("QtTile", "Heard just now")
    if seconds < 60:
        return translate("QtTile", "Heard %1 s ago").replace("%1", str(seconds))
    if seconds < 3600:
        return translate("QtTile", "Heard %1 min ago").replace("%1", str(seconds // 60))
    return translate("QtTile", "Heard %1 h ago").replace("%1", str(seconds // 3600))


@dataclass(frozen=True)
class TileText:
    """What a tile shows, already in the interface's language."""

    kiosk_id: str
    name: str
    candidate: str
    state: str
    raw_state: str | None
    progress: str
    left: str
    heard: str
    freshness: Freshness
    alerts: tuple[str, ...]
    needs_action: bool
    actions: frozenset[str]
    search: str  # case-folded text the filter looks in

    @property
    def accessible(self) -> str:
        """The tile as one sentence for a screen reader."""
        parts = [self.name, self.candidate, self.state, self.progress, self.left, self.heard]
        if self.freshness is Freshness.RED:
            parts.append(translate("QtTile", "silent too long"))
        elif self.freshness is Freshness.AMBER:
            parts.append(translate("QtTile", "late"))
        if self.alerts:
            parts.append(translate("QtTile", "alerts: %1").replace("%1", "; ".join(self.alerts)))
        if self.needs_action:
            parts.append(translate("QtTile", "needs action"))
        return ", ".join(p for p in parts if p)


def candidate_name(candidate_id: str | None, candidates: dict[str, Candidate]) -> str:
    if not candidate_id:
        return translate("QtTile", "No candidate")
    known = candidates.get(candidate_id)
    if known is None:
        return candidate_id
    return f"{known.last_name.upper()} {known.first_name}"


def tile_text(tile: Tile, candidates: dict[str, Candidate]) -> TileText:
    status = tile.kiosk.status
    raw_state = status.state if status is not None else None
    chosen = status.candidate_id if status else None
    if not chosen and tile.checkin is not None:  # the roster line the invigilator confirmed at the console
        chosen = tile.checkin.candidate_id
    candidate = candidate_name(chosen, candidates) if status else ""
    progress = ""
    if status is not None and status.question is not None:
        progress = (
            translate("QtTile", "Question %1 / %2").replace("%1", str(status.question)).replace("%2", str(status.total))
            if status.total
            else translate("QtTile", "Question %1").replace("%1", str(status.question))
        )
    alerts = tuple(alert_label(a) for a in tile.alerts)
    if status is not None and not status.focused and not any(a.kind is AlertKind.FOCUS_LOST for a in tile.alerts):
        alerts += (translate("QtTile", "Outside the exam window"),)
    state = state_label(raw_state)
    if tile.authorised:
        state = translate("QtTile", "Authorised: starts at its next sync")
    elif raw_state == "awaiting-authorisation" and tile.checkin is not None and tile.checkin.state == "confirmed":
        state = translate("QtTile", "Identity confirmed, waiting for authorisation")
    heard = heard_label(tile)
    left = time_left(status.seconds_left if status else None)
    raw_candidate = (status.candidate_id or "") if status else ""
    search = " ".join((tile.kiosk.name, candidate, state, *alerts, raw_candidate)).casefold()
    return TileText(
        tile.kiosk.id,
        tile.kiosk.name,
        candidate,
        state,
        raw_state,
        progress,
        left,
        heard,
        tile.freshness,
        alerts,
        tile.needs_action,
        available_actions(tile),
        search,
    )


def tile_texts(tiles: Sequence[Tile], candidates: dict[str, Candidate]) -> list[TileText]:
    """Every tile's texts, in the room view's order (those needing action first)."""
    return [tile_text(t, candidates) for t in tiles]


class QtTileModel(QAbstractListModel):
    """The tiles shown, in order; a refresh with the same kiosks in the same order only repaints."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._tiles: list[TileText] = []

    def rowCount(self, parent: TileIndex = QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else len(self._tiles)

    def data(self, index: TileIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._tiles):
            return None
        tile = self._tiles[index.row()]
        if role == TILE_ROLE:
            return tile
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{tile.name} — {tile.candidate}" if tile.candidate else tile.name
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return tile.accessible
        return None

    def tile(self, row: int) -> TileText:
        return self._tiles[row]

    def tiles(self) -> list[TileText]:
        return list(self._tiles)

    def row_of(self, kiosk_id: str) -> int:
        for row, tile in enumerate(self._tiles):
            if tile.kiosk_id == kiosk_id:
                return row
        return -1

    def set_tiles(self, tiles: list[TileText]) -> bool:
        """Show ``tiles``; returns True when the rows changed (the view must find its selection again)."""
        same_rows = len(tiles) == len(self._tiles) and all(
            a.kiosk_id == b.kiosk_id for a, b in zip(tiles, self._tiles, strict=True)
        )
        if same_rows:
            before, self._tiles = self._tiles, tiles
            start = None  # repaint only the runs of tiles whose text changed: most of a room is as it was
            for row, (old, new) in enumerate(zip(before, tiles, strict=True)):
                if old != new:
                    if start is None:
                        start = row
                elif start is not None:
                    self.dataChanged.emit(self.index(start), self.index(row - 1))
                    start = None
            if start is not None:
                self.dataChanged.emit(self.index(start), self.index(len(tiles) - 1))
            return False
        if len(tiles) == len(self._tiles) and {t.kiosk_id for t in tiles} == {t.kiosk_id for t in self._tiles}:
            # the same kiosks in another order (an alert moved one up): the selection follows its kiosk
            self.layoutAboutToBeChanged.emit()
            rows = {t.kiosk_id: row for row, t in enumerate(tiles)}
            held = self.persistentIndexList()
            self.changePersistentIndexList(held, [self.index(rows[self._tiles[i.row()].kiosk_id]) for i in held])
            self._tiles = tiles
            self.layoutChanged.emit()
            return False
        self.beginResetModel()
        self._tiles = tiles
        self.endResetModel()
        return True


class QtTileDelegate(QStyledItemDelegate):
    """Paints a tile: name and candidate, state and progress, last heard (amber, red), alerts."""

    PAD = 8
    BAND = 6

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.colours: TileColours = DEFAULT
        self.width = 0  # set by the grid to share its width; 0 takes the minimum
        self._pictures: OrderedDict[tuple[object, ...], QPixmap] = OrderedDict()
        self._fonts: tuple[int, QFont, QFont, QFontMetrics, QFontMetrics] | None = None

    def _metrics(self, base: QFont) -> tuple[QFont, QFont, QFontMetrics, QFontMetrics]:
        key = base.pixelSize() if base.pixelSize() > 0 else int(base.pointSizeF() * 4 / 3)
        if self._fonts is None or self._fonts[0] != key:
            plain = QFont(base)
            bold = QFont(base)
            bold.setBold(True)
            self._fonts = (key, plain, bold, QFontMetrics(plain), QFontMetrics(bold))
        return self._fonts[1:]

    def sizeHint(self, option: QStyleOptionViewItem, index: TileIndex) -> QSize:
        _plain, _bold, fm, _bfm = self._metrics(option.font)
        line = fm.height()
        lines = 5 + MAX_ALERT_LINES
        return QSize(max(self.width, self.minimum_width(option.font)), lines * (line + 3) + 2 * self.PAD + 6)

    def minimum_width(self, font: QFont) -> int:
        """Room for about 36 characters: a name, a candidate, "Question 12 / 32 · 91:00 restantes"."""
        return self._metrics(font)[2].averageCharWidth() * 36 + 2 * self.PAD + self.BAND + 8

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: TileIndex) -> None:
        """Draw the tile from a picture made once per look: a room whose tiles did not change since the
        last second is redrawn with one copy per visible tile."""
        tile: TileText | None = index.data(TILE_ROLE)
        if tile is None:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        ratio = option.widget.devicePixelRatioF() if option.widget is not None else 1.0
        key = (tile, option.rect.width(), option.rect.height(), id(self.colours), selected, focused,
               option.font.key(), ratio)
        picture = self._pictures.get(key)
        if picture is None:
            picture = QPixmap(int(option.rect.width() * ratio), int(option.rect.height() * ratio))
            picture.setDevicePixelRatio(ratio)
            picture.fill(self.colours.background)  # opaque: copied, not blended (a third of the cost)
            drawing = QPainter(picture)
            self.draw(drawing, QRect(0, 0, option.rect.width(), option.rect.height()), option.font, tile, selected,
                      focused)
            drawing.end()
            self._pictures[key] = picture
            if len(self._pictures) > PICTURES_KEPT:
                self._pictures.popitem(last=False)
        else:
            self._pictures.move_to_end(key)
        painter.drawPixmap(option.rect.topLeft(), picture)

    def draw(self, painter: QPainter, rect: QRect, font: QFont, tile: TileText, selected: bool, focused: bool) -> None:
        c = self.colours
        plain, bold, fm, bfm = self._metrics(font)
        painter.save()
        outer = rect.adjusted(4, 4, -4, -4)
        # the body without antialiasing (an antialiased fill costs ten times more), then the border with it
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(c.selected if selected else c.tile)
        painter.drawRoundedRect(outer.adjusted(1, 1, -1, -1), 7, 7)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(c.action if tile.needs_action else c.border, 3 if tile.needs_action else 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(outer, 8, 8)
        if tile.needs_action:
            painter.fillRect(QRect(outer.left() + 1, outer.top() + 6, self.BAND, outer.height() - 12), c.action)
        if selected:
            painter.setPen(QPen(c.focus, 3, Qt.PenStyle.SolidLine if focused else Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(outer.adjusted(3, 3, -3, -3), 6, 6)

        x = outer.left() + self.PAD + self.BAND
        width = outer.right() - self.PAD - x
        y = outer.top() + self.PAD
        step = fm.height() + 3

        def text(
            value: str, font: QFont, metrics: QFontMetrics, colour: object, at_y: int, w: int = width, left: int = x
        ) -> None:
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(
                QRect(left, at_y, w, metrics.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(value, Qt.TextElideMode.ElideRight, w),
            )

        mark = translate("QtTile", "Action needed") if tile.needs_action else ""
        mark_w = bfm.horizontalAdvance(mark) + 16 if mark else 0
        text(tile.name, bold, bfm, c.text, y, width - mark_w - 6)
        if mark:
            chip = QRect(outer.right() - self.PAD - mark_w, y, mark_w, bfm.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(c.action)
            painter.drawRoundedRect(chip, 4, 4)
            text(mark, bold, bfm, c.action_text, y, mark_w - 8, chip.left() + 4)
        y += step
        text(tile.candidate or "—", bold, bfm, c.text, y)
        y += step
        text(tile.state, plain, fm, c.text, y)
        y += step
        text(" · ".join(p for p in (tile.progress, tile.left) if p), plain, fm, c.text, y)
        y += step
        if tile.freshness in (Freshness.AMBER, Freshness.RED):
            heard_w = min(width, bfm.horizontalAdvance(tile.heard) + 16)
            back, fore = (c.amber, c.amber_text) if tile.freshness is Freshness.AMBER else (c.red, c.red_text)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(back)
            painter.drawRoundedRect(QRect(x - 2, y, heard_w, bfm.height()), 4, 4)
            text(tile.heard, bold, bfm, fore, y, heard_w - 8, x + 4)
        else:
            text(tile.heard, plain, fm, c.muted, y)
        y += step
        alerts = list(tile.alerts)
        if len(alerts) > MAX_ALERT_LINES:
            more = len(alerts) - (MAX_ALERT_LINES - 1)
            alerts = [*alerts[: MAX_ALERT_LINES - 1], translate("QtTile", "and %1 more").replace("%1", str(more))]
        for label in alerts:
            text("⚠ " + label, bold, bfm, c.action, y)
            y += step
        painter.restore()
