"""The room: one tile per kiosk, those needing the invigilator first, refreshed every second.

The store is read in a worker thread (one read transaction, three queries) and the tiles' texts
are made there too; the interface thread only swaps the model's rows and paints the visible
tiles, so a slow database never freezes the window. Actions are not run here: the dashboard
emits ``action_requested(kiosk_id, action)`` ("*" for every kiosk) from its buttons, the tile's
context menu and the keyboard, and the composition root connects it to whatever runs them.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAction,
    QContextMenuEvent,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from invigilator.core.room_actions import ACTIONS, ALL_KIOSKS
from invigilator.store.dashboard import DashboardRead
from invigilator.ui.qt_flow import QtFlowLayout, QtFlowSpring
from invigilator.ui.qt_theme import QtConsoleTheme
from invigilator.ui.qt_tile import QtTileDelegate, QtTileModel, TileText, tile_texts

REFRESH_MS = 1000


@dataclass(frozen=True)
class RoomSnapshot:
    """A read of the room with its tiles' texts, made off the interface thread."""

    read: DashboardRead
    tiles: list[TileText]
    banner: str = ""


# one letter per action when the tiles have the focus (shown on the buttons' tooltips)
ACTION_KEYS = {"pause": "P", "resume": "R", "add-time": "T", "end": "E", "lock": "L", "unlock": "U",
               "problem": "S", "move": "M", "incident": "I"}


class QtTileGrid(QListView):
    """The tiles as a grid: arrows, Home and End move between tiles, Enter opens the timeline."""

    open_requested = Signal(str)
    menu_requested = Signal(str, QPoint)

    def __init__(self, model: QtTileModel, delegate: QtTileDelegate, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tiles")
        self.setModel(model)
        self.setItemDelegate(delegate)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setSpacing(2)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.doubleClicked.connect(self._open_index)
        self._delegate = delegate

    def fit_columns(self) -> None:
        """Share the width among as many tiles per row as fit, so no strip of the room is left empty."""
        available = self.viewport().width() - 2 * self.spacing() - 2
        minimum = self._delegate.minimum_width(self.font())
        columns = max(1, available // (minimum + 2 * self.spacing()))
        width = max(minimum, available // columns - 2 * self.spacing())
        if width != self._delegate.width:
            self._delegate.width = width
            self.scheduleDelayedItemsLayout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def current_kiosk(self) -> str | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        return self.model().tile(index.row()).kiosk_id  # type: ignore[attr-defined]

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.model().tile(index.row()).kiosk_id)  # type: ignore[attr-defined]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self._open_index(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def keyboardSearch(self, search: str) -> None:
        """Letters are the actions' shortcuts here, not a search (the filter field searches)."""

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            index = self.indexAt(event.pos())
            if index.isValid():
                self.setCurrentIndex(index)
        index = self.currentIndex()
        if not index.isValid():
            return
        at = event.globalPos() if event.reason() == QContextMenuEvent.Reason.Mouse \
            else self.viewport().mapToGlobal(self.visualRect(index).center())
        self.menu_requested.emit(self.model().tile(index.row()).kiosk_id, at)  # type: ignore[attr-defined]
        event.accept()


class QtDashboard(QWidget):
    """The room page: count of kiosks needing action, filter, the tiles, the selected tile's actions."""

    action_requested = Signal(str, str)
    timeline_requested = Signal(str)
    counts_changed = Signal(int, int)  # needing action, shown
    _snapshot_ready = Signal(object)

    def __init__(self, read_room: Callable[[], DashboardRead], theme: QtConsoleTheme | None = None,
                 parent: QWidget | None = None, *, interval_ms: int = REFRESH_MS,
                 banner: Callable[[], str] | None = None):
        super().__init__(parent)
        self.setObjectName("dashboard")
        self._read_room = read_room
        self._banner = banner or (lambda: "")
        self._theme = theme
        self.snapshot: RoomSnapshot | None = None
        self.frame_times: deque[float] = deque(maxlen=3600)  # seconds spent applying each refresh (the last hour)
        self.read_errors = 0
        self._counted: tuple[int, int, int, bool] | None = None
        self._needing_said = 0
        self.announcements: deque[str] = deque(maxlen=200)  # what was said to a screen reader (kept for tests)
        self._reading = threading.Lock()
        self._worker: threading.Thread | None = None
        self._closed = False

        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.count = QLabel()
        self.count.setProperty("role", "count")
        self.count.setAccessibleName("")
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumWidth(320)
        self.needs_only = QCheckBox()
        self.pause_all = QPushButton()
        self.resume_all = QPushButton()
        self.pause_all.clicked.connect(lambda: self.action_requested.emit(ALL_KIOSKS, "pause"))
        self.resume_all.clicked.connect(lambda: self.action_requested.emit(ALL_KIOSKS, "resume"))

        top = QtFlowLayout(spacing=8)
        for widget in (self.title, self.count, QtFlowSpring(), self.filter, self.needs_only, self.pause_all,
                       self.resume_all):
            top.addWidget(widget)

        self.banner = QLabel()
        self.banner.setProperty("role", "warning")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.empty = QLabel()
        self.empty.setProperty("role", "notice")
        self.empty.setWordWrap(True)
        self.empty.hide()

        self.model = QtTileModel(self)
        self.delegate = QtTileDelegate(self)
        self.grid = QtTileGrid(self.model, self.delegate, self)
        self.grid.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.grid.open_requested.connect(self.timeline_requested)
        self.grid.menu_requested.connect(self._show_menu)
        self.grid.selectionModel().currentChanged.connect(lambda *_: self._update_actions())

        self.selected = QLabel()
        self.selected.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        bar = QtFlowLayout(spacing=6)
        for action in ACTIONS:
            button = QPushButton()
            button.setObjectName(f"action-{action}")
            button.clicked.connect(lambda _=False, a=action: self._request(a))
            self.buttons[action] = button
            bar.addWidget(button)
        self.timeline_button = QPushButton()
        self.timeline_button.clicked.connect(self._open_current)
        bar.addWidget(self.timeline_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.empty)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.selected)
        layout.addLayout(bar)

        for action, key in ACTION_KEYS.items():
            shortcut = QShortcut(QKeySequence(key), self.grid, lambda a=action: self._request(a))
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        for key in ("Ctrl+F", "/"):
            shortcut = QShortcut(QKeySequence(key), self, self._focus_filter)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Escape"), self.filter, self._leave_filter).setContext(
            Qt.ShortcutContext.WidgetShortcut)
        pause_all = QShortcut(QKeySequence("Ctrl+Shift+P"), self, lambda: self.action_requested.emit(ALL_KIOSKS,
                                                                                                      "pause"))
        pause_all.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        resume_all = QShortcut(QKeySequence("Ctrl+Shift+R"), self, lambda: self.action_requested.emit(ALL_KIOSKS,
                                                                                                        "resume"))
        resume_all.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.filter.textChanged.connect(lambda _: self._show())
        self.filter.returnPressed.connect(self.grid.setFocus)
        self.needs_only.toggled.connect(lambda _: self._show())
        self._snapshot_ready.connect(self.apply)
        if theme is not None:
            theme.changed.connect(self._restyle)
            self._restyle()

        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.refresh)
        self.retranslate()
        self._update_actions()

    # -- language and look ------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.snapshot is not None:  # the tiles' texts are made in the language of the moment
                self.apply(self.snapshot_of(self.snapshot.read))
        super().changeEvent(event)

    def retranslate(self) -> None:
        self._counted = None
        self.title.setText(self.tr("Room"))
        self.filter.setPlaceholderText(self.tr("Filter: kiosk, candidate, state, alert…"))
        self.filter.setAccessibleName(self.tr("Filter the kiosks"))
        self.filter.setToolTip(self.tr("Shortcut: Ctrl+F; Enter goes to the tiles"))
        self.needs_only.setText(self.tr("Needing action only"))
        self.pause_all.setText(self.tr("Pause all"))
        self.pause_all.setToolTip(self.tr("Pause every kiosk in a test (Ctrl+Shift+P)"))
        self.resume_all.setText(self.tr("Resume all"))
        self.resume_all.setToolTip(self.tr("Resume every paused kiosk (Ctrl+Shift+R)"))
        self.grid.setAccessibleName(self.tr("Kiosks of the room"))
        self.grid.setAccessibleDescription(self.tr("Arrows move between kiosks, Enter opens the timeline, "
                                                   "the menu key lists the actions"))
        self.empty.setText(self.tr("No kiosk is enrolled yet. Enrol the room's kiosks with an enrolment code "
                                   "(pupitre-invigilator enrol-code), then start them."))
        labels = self.action_labels()
        for action, button in self.buttons.items():
            button.setText(labels[action])
            button.setToolTip(self.tr("%1 (key %2 on a tile)").replace("%1", labels[action])
                              .replace("%2", ACTION_KEYS[action]))
        self.timeline_button.setText(self.tr("Timeline"))
        self.timeline_button.setToolTip(self.tr("Everything this kiosk's journal says (Enter on a tile)"))
        self._update_count()
        self._update_actions()

    def action_labels(self) -> dict[str, str]:
        return {"pause": self.tr("Pause"), "resume": self.tr("Resume…"), "add-time": self.tr("Add time…"),
                "end": self.tr("End…"), "lock": self.tr("Lock"), "unlock": self.tr("Unlock"),
                "problem": self.tr("Problem report…"), "move": self.tr("Move to a spare PC…"),
                "incident": self.tr("Incident…")}

    def _restyle(self) -> None:
        if self._theme is not None:
            self.delegate.colours = self._theme.colours()
        self.grid.fit_columns()
        self.grid.doItemsLayout()
        self.grid.viewport().update()

    # -- reading the room -------------------------------------------------------------------------------
    def start(self) -> None:
        """Refresh now and every second from now on."""
        self.refresh()
        self.timer.start()

    def stop(self) -> None:
        self._closed = True
        self.timer.stop()
        worker = self._worker
        if worker is not None:
            worker.join(5)

    def snapshot_of(self, read: DashboardRead) -> RoomSnapshot:
        return RoomSnapshot(read, tile_texts(read.view.tiles, read.candidates), self._banner())

    def read_snapshot(self) -> RoomSnapshot:
        """Read the store and make the tiles' texts (the worker's job; tests call it directly)."""
        return self.snapshot_of(self._read_room())

    def refresh(self) -> None:
        """Start a read in the worker unless one is still running (a slow database skips a beat, never piles up)."""
        if self._closed or not self._reading.acquire(blocking=False):
            return
        self._worker = threading.Thread(target=self._read_in_worker, name="dashboard-read", daemon=True)
        self._worker.start()

    def _read_in_worker(self) -> None:
        try:
            snapshot = self.read_snapshot()
        except Exception as exc:  # shown in the banner; the last tiles stay on screen
            self.read_errors += 1
            snapshot = None
            message = " ".join(str(exc).split())[:300]
        finally:
            self._reading.release()
        if self._closed:
            return
        with contextlib.suppress(RuntimeError):  # the dashboard was deleted while the store was read
            self._snapshot_ready.emit(message if snapshot is None else snapshot)

    def refresh_now(self) -> None:
        """Read and apply on this thread (tests, and the screenshots)."""
        self.apply(self.read_snapshot())

    def apply(self, snapshot: RoomSnapshot | str) -> None:
        """Show a snapshot (or, given a message, say the room could not be read and keep the last tiles)."""
        started = time.perf_counter()
        if isinstance(snapshot, str):
            self.banner.setText(self.tr("The room could not be read: %1").replace("%1", snapshot))
            self.banner.show()
            return
        self.snapshot = snapshot
        self._show()
        if snapshot.banner:
            self.banner.setText(snapshot.banner)
        self.banner.setVisible(bool(snapshot.banner))
        self.frame_times.append(time.perf_counter() - started)

    def _show(self) -> None:
        if self.snapshot is None:
            return
        text = " ".join(self.filter.text().split()).casefold()
        needs_only = self.needs_only.isChecked()
        tiles = [t for t in self.snapshot.tiles
                 if (not needs_only or t.needs_action) and (not text or text in t.search)]
        current = self.grid.current_kiosk()
        if self.model.set_tiles(tiles) and current is not None:
            row = self.model.row_of(current)
            if row >= 0:
                self.grid.selectionModel().setCurrentIndex(self.model.index(row),
                                                           QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.empty.setVisible(not self.snapshot.tiles)
        self._update_count()
        self._update_actions()

    def _update_count(self) -> None:
        needing = self.snapshot.read.view.needing_action if self.snapshot else 0
        total = len(self.snapshot.tiles) if self.snapshot else 0
        shown = self.model.rowCount()
        if (needing, total, shown, self.count.text() != "") == self._counted:
            return  # nothing to say again (the language's change clears the text, so it is said anew)
        self._counted = (needing, total, shown, True)
        if needing:
            text = self.tr("%1 of %2 need action").replace("%1", str(needing)).replace("%2", str(total))
        else:
            text = self.tr("No kiosk needs action (%1 in the room)").replace("%1", str(total))
        if shown != total:
            text += " · " + self.tr("%1 shown").replace("%1", str(shown))
        if self.count.text() != text:
            self.count.setText(text)
            self.count.setAccessibleName(text)
        if needing > self._needing_said and self.snapshot is not None:
            self.announce(text)  # a screen reader hears that one more kiosk needs the invigilator
        self._needing_said = needing
        urgent = "true" if needing else "false"
        if self.count.property("urgent") != urgent:
            self.count.setProperty("urgent", urgent)
            self.count.style().unpolish(self.count)
            self.count.style().polish(self.count)
        self.counts_changed.emit(needing, shown)

    def announce(self, text: str) -> None:
        """Have a screen reader say ``text`` without moving the keyboard focus."""
        event = QAccessibleAnnouncementEvent(self.count, text)
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
        QAccessible.updateAccessibility(event)
        self.announcements.append(text)

    # -- the selected tile and its actions ------------------------------------------------------------------
    def current_tile(self) -> TileText | None:
        index = self.grid.currentIndex()
        return self.model.tile(index.row()) if index.isValid() else None

    def select_kiosk(self, kiosk_id: str) -> bool:
        row = self.model.row_of(kiosk_id)
        if row < 0:
            return False
        self.grid.selectionModel().setCurrentIndex(self.model.index(row),
                                                   QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return True

    def _update_actions(self) -> None:
        tile = self.current_tile()
        available = tile.actions if tile is not None else frozenset()
        for action, button in self.buttons.items():
            button.setEnabled(action in available)
        self.timeline_button.setEnabled(tile is not None)
        text = (self.tr("Selected: %1 — %2").replace("%1", tile.name).replace("%2", tile.candidate or "—")
                if tile is not None else self.tr("Select a kiosk (arrows, or a click) to act on it."))
        if self.selected.text() != text:
            self.selected.setText(text)

    def _request(self, action: str) -> None:
        tile = self.current_tile()
        if tile is not None and action in tile.actions:
            self.action_requested.emit(tile.kiosk_id, action)

    def _open_current(self) -> None:
        tile = self.current_tile()
        if tile is not None:
            self.timeline_requested.emit(tile.kiosk_id)

    def menu_for(self, kiosk_id: str) -> QMenu:
        """The actions of one tile, those that cannot apply shown disabled."""
        row = self.model.row_of(kiosk_id)
        tile = self.model.tile(row) if row >= 0 else None
        menu = QMenu(self)
        menu.setAccessibleName(self.tr("Actions for %1").replace("%1", tile.name if tile else kiosk_id))
        labels = self.action_labels()
        for action in ACTIONS:
            item = QAction(f"{labels[action]}\t{ACTION_KEYS[action]}", menu)
            item.setObjectName(f"menu-{action}")
            item.setEnabled(tile is not None and action in tile.actions)
            item.triggered.connect(lambda _=False, a=action, k=kiosk_id: self.action_requested.emit(k, a))
            menu.addAction(item)
        menu.addSeparator()
        timeline = QAction(self.tr("Timeline") + "\t" + self.tr("Enter"), menu)
        timeline.setObjectName("menu-timeline")
        timeline.triggered.connect(lambda _=False, k=kiosk_id: self.timeline_requested.emit(k))
        menu.addAction(timeline)
        return menu

    def _show_menu(self, kiosk_id: str, at: QPoint) -> None:
        menu = self.menu_for(kiosk_id)
        menu.popup(at)

    def _focus_filter(self) -> None:
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def _leave_filter(self) -> None:
        if self.filter.text():
            self.filter.clear()
        else:
            self.grid.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def sizeHint(self) -> QSize:
        return QSize(1200, 700)
