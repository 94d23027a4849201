"""The room's dashboard driven through its real widgets: order by need and the count, filter,
keyboard navigation, amber and red, the alerts shown, and the actions it asks for."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from invigilator.core.dashboard import Freshness
from invigilator.core.kiosks import KioskStatus
from invigilator.ui.qt_tile import TILE_ROLE


def names(board) -> list[str]:
    return [t.name for t in board.model.tiles()]


def tile(board, name):
    return next(t for t in board.model.tiles() if t.name == name)


def test_tiles_needing_action_come_first_and_are_counted(dashboard, room):
    dashboard.refresh_now()
    tiles = dashboard.model.tiles()
    assert len(tiles) == 12
    needing = [t for t in tiles if t.needs_action]
    # waiting for authorisation, focus lost, problem, silent (red, offline alert), guard, chain break, locked
    assert {t.name for t in needing} == {"Poste 01", "Poste 02", "Poste 03", "Poste 04", "Poste 07", "Poste 08",
                                         "Poste 09"}
    assert tiles[: len(needing)] == needing  # every tile needing action before any other
    assert not any(t.needs_action for t in tiles[len(needing):])
    assert dashboard.count.text() == "7 sur 12 à traiter"
    assert dashboard.count.property("urgent") == "true"


def test_the_count_follows_the_room(dashboard, room, console, clock):
    dashboard.refresh_now()
    before = dashboard.count.text()
    kid = next(k for k, n in room.names.items() if n == "Poste 12")  # idle, needs nobody
    room.status(kid, clock(), "locked", None)
    dashboard.refresh_now()
    assert dashboard.count.text() != before
    assert dashboard.count.text() == "8 sur 12 à traiter"
    assert names(dashboard).index("Poste 12") < 8


def test_amber_past_5_s_and_red_past_15_s(dashboard, room, clock):
    dashboard.refresh_now()
    assert tile(dashboard, "Poste 05").freshness is Freshness.AMBER  # heard 8 s ago
    assert tile(dashboard, "Poste 05").heard == "Entendu il y a 8\u00a0s"
    assert tile(dashboard, "Poste 04").freshness is Freshness.RED  # 20 s
    assert tile(dashboard, "Poste 06").freshness is Freshness.FRESH
    clock.advance(8)  # nothing heard since: the fresh ones turn amber, the amber one red
    dashboard.refresh_now()
    assert tile(dashboard, "Poste 06").freshness is Freshness.AMBER
    assert tile(dashboard, "Poste 05").freshness is Freshness.RED
    assert "silencieux depuis trop longtemps" in tile(dashboard, "Poste 05").accessible


def test_each_alert_is_shown_on_its_tile(dashboard, room):
    dashboard.refresh_now()
    assert tile(dashboard, "Poste 02").alerts == ("Focus perdu à la question 4",)
    assert tile(dashboard, "Poste 03").alerts == ("Problème signalé à la question 5",)
    assert tile(dashboard, "Poste 04").alerts == ("Hors ligne",)
    assert tile(dashboard, "Poste 07").alerts == ("Surveillance\u00a0: capture d'écran",)
    assert tile(dashboard, "Poste 08").alerts == ("Chaîne du journal rompue",)
    assert tile(dashboard, "Poste 06").alerts == ()
    problem = tile(dashboard, "Poste 03")
    assert problem.candidate == "THOMAS Jules" or problem.candidate.split()[0].isupper()
    assert "Problème signalé à la question 5" in problem.accessible
    model = dashboard.model
    index = model.index(model.row_of(problem.kiosk_id))
    assert model.data(index, Qt.ItemDataRole.AccessibleTextRole) == problem.accessible
    assert model.data(index, TILE_ROLE) is problem


def test_the_filter_by_text_and_needing_action_only(qtbot, dashboard, room):
    dashboard.refresh_now()
    qtbot.keyClicks(dashboard.filter, "poste 1")
    assert set(names(dashboard)) == {"Poste 10", "Poste 11", "Poste 12"}
    assert "3 affichés" in dashboard.count.text()
    dashboard.filter.clear()
    qtbot.keyClicks(dashboard.filter, "hors ligne")
    assert names(dashboard) == ["Poste 04"]
    dashboard.filter.clear()
    dashboard.needs_only.setChecked(True)
    assert len(names(dashboard)) == 7 and all(t.needs_action for t in dashboard.model.tiles())
    dashboard.refresh_now()  # a refresh keeps the filter
    assert len(names(dashboard)) == 7


def test_keyboard_alone_moves_between_tiles_and_opens_the_timeline(qtbot, dashboard, room):
    dashboard.refresh_now()
    grid = dashboard.grid
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Home)
    first = dashboard.current_tile()
    assert first is not None and first.name == names(dashboard)[0]
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert dashboard.current_tile().name == names(dashboard)[1]
    qtbot.keyClick(grid, Qt.Key.Key_End)
    assert dashboard.current_tile().name == names(dashboard)[-1]
    qtbot.keyClick(grid, Qt.Key.Key_Left)
    assert dashboard.current_tile().name == names(dashboard)[-2]
    top = grid.visualRect(dashboard.model.index(0)).top()
    per_row = sum(1 for row in range(dashboard.model.rowCount()) if grid.visualRect(dashboard.model.index(row)).top()
                  == top)
    assert 1 < per_row < dashboard.model.rowCount()
    qtbot.keyClick(grid, Qt.Key.Key_Home)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert dashboard.current_tile().name == names(dashboard)[per_row]
    with qtbot.waitSignal(dashboard.timeline_requested) as opened:
        qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert opened.args == [dashboard.current_tile().kiosk_id]


def test_the_selection_stays_on_its_kiosk_when_the_order_changes(dashboard, room, clock):
    dashboard.refresh_now()
    dashboard.select_kiosk(tile(dashboard, "Poste 06").kiosk_id)
    kid = next(k for k, n in room.names.items() if n == "Poste 12")
    room.status(kid, clock(), "awaiting-authorisation", "cand-011")  # a new tile jumps into the first rows
    dashboard.refresh_now()
    assert dashboard.current_tile().name == "Poste 06"


def test_actions_from_buttons_keys_and_the_context_menu(qtbot, dashboard, room):
    dashboard.refresh_now()
    grid = dashboard.grid
    grid.setFocus()
    dashboard.select_kiosk(tile(dashboard, "Poste 06").kiosk_id)  # paused
    kid = dashboard.current_tile().kiosk_id
    assert dashboard.buttons["resume"].isEnabled() and not dashboard.buttons["unlock"].isEnabled()
    assert not dashboard.buttons["problem"].isEnabled()
    with qtbot.waitSignal(dashboard.action_requested) as asked:
        qtbot.mouseClick(dashboard.buttons["resume"], Qt.MouseButton.LeftButton)
    assert asked.args == [kid, "resume"]
    grid.setFocus()  # the click gave the focus to the button
    with qtbot.waitSignal(dashboard.action_requested) as asked:
        qtbot.keyClick(grid, Qt.Key.Key_T)  # add time
    assert asked.args == [kid, "add-time"]
    with qtbot.assertNotEmitted(dashboard.action_requested):
        qtbot.keyClick(grid, Qt.Key.Key_U)  # unlock: this kiosk is not locked
    problem = tile(dashboard, "Poste 03").kiosk_id
    dashboard.select_kiosk(problem)
    menu = dashboard.menu_for(problem)
    actions = {a.objectName(): a for a in menu.actions() if a.objectName()}
    assert actions["menu-problem"].isEnabled() and not actions["menu-unlock"].isEnabled()
    with qtbot.waitSignal(dashboard.action_requested) as asked:
        actions["menu-problem"].trigger()
    assert asked.args == [problem, "problem"]


def test_the_menu_key_opens_the_tiles_menu(qtbot, dashboard, room, monkeypatch):
    dashboard.refresh_now()
    shown = []
    monkeypatch.setattr(QMenu, "popup", lambda self, at, action=None: shown.append(self))
    dashboard.grid.setFocus()
    qtbot.keyClick(dashboard.grid, Qt.Key.Key_Home)
    at = dashboard.grid.visualRect(dashboard.grid.currentIndex()).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, at, dashboard.grid.viewport().mapToGlobal(at))
    QApplication.sendEvent(dashboard.grid.viewport(), event)
    assert len(shown) == 1
    assert dashboard.current_tile().name in shown[0].accessibleName()


@pytest.mark.parametrize(("shortcut", "action"), [("Ctrl+Shift+P", "pause"), ("Ctrl+Shift+R", "resume")])
def test_pause_and_resume_all(qtbot, dashboard, room, shortcut, action):
    dashboard.refresh_now()
    with qtbot.waitSignal(dashboard.action_requested) as asked:
        qtbot.mouseClick(dashboard.pause_all if action == "pause" else dashboard.resume_all,
                         Qt.MouseButton.LeftButton)
    assert asked.args == ["*", action]
    dashboard.grid.setFocus()
    key, modifiers = Qt.Key.Key_P if action == "pause" else Qt.Key.Key_R, (
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    with qtbot.waitSignal(dashboard.action_requested) as asked:
        qtbot.keyClick(dashboard.grid, key, modifiers)
    assert asked.args == ["*", action]


def test_the_room_is_read_in_a_worker_and_applied_on_the_interface_thread(qtbot, dashboard, room, console, clock):
    dashboard.start()
    qtbot.waitUntil(lambda: dashboard.model.rowCount() == 12, timeout=5000)
    kid = next(k for k, n in room.names.items() if n == "Poste 12")
    console.store.kiosks.heard(kid, clock(), KioskStatus("locked"))
    qtbot.waitUntil(lambda: tile(dashboard, "Poste 12").needs_action, timeout=5000)
    assert dashboard.frame_times


def test_a_room_that_cannot_be_read_says_so_and_keeps_the_tiles(qtbot, dashboard, room, console):
    dashboard.refresh_now()
    dashboard._read_room = lambda: (_ for _ in ()).throw(RuntimeError("database is locked"))
    dashboard.refresh()
    qtbot.waitUntil(lambda: dashboard.banner.isVisible(), timeout=5000)
    assert "database is locked" in dashboard.banner.text()
    assert dashboard.model.rowCount() == 12


def test_an_empty_room_says_how_to_enrol(qapp, qtbot, tmp_path, clock, theme, language):
    from roomfill import make_console

    from invigilator.store.dashboard import read_dashboard
    from invigilator.ui.qt_dashboard import QtDashboard

    console, _ = make_console(tmp_path / "empty", clock)
    board = QtDashboard(lambda: read_dashboard(console.store.db, clock()), theme)
    qtbot.addWidget(board)
    board.show()
    board.refresh_now()
    assert board.empty.isVisible() and "enrol-code" in board.empty.text()
    assert board.count.text() == "Aucun poste à traiter (0 dans la salle)"
    console.close()


def test_english_live(qtbot, dashboard, room, language):
    dashboard.refresh_now()
    language.set_locale("en")  # the tiles on screen are made again in English, without a read
    qtbot.waitUntil(lambda: dashboard.needs_only.text() == "Needing action only")
    assert tile(dashboard, "Poste 04").alerts == ("Offline",)
    dashboard.refresh_now()
    assert dashboard.count.text() == "7 of 12 need action"
    assert tile(dashboard, "Poste 04").alerts == ("Offline",)
    assert dashboard.buttons["pause"].text() == "Pause"
    assert dashboard.needs_only.text() == "Needing action only"


def test_a_screen_reader_hears_when_one_more_kiosk_needs_action(dashboard, room, clock):
    dashboard.refresh_now()
    assert list(dashboard.announcements) == ["7 sur 12 à traiter"]
    dashboard.refresh_now()  # nothing new: nothing said
    assert len(dashboard.announcements) == 1
    kid = next(k for k, n in room.names.items() if n == "Poste 12")
    room.status(kid, clock(), "locked", None)
    dashboard.refresh_now()
    assert list(dashboard.announcements)[-1] == "8 sur 12 à traiter"
    room.status(kid, clock(), "idle", None)  # one fewer: the count changes, nobody is called
    dashboard.refresh_now()
    assert len(dashboard.announcements) == 2 and dashboard.count.text() == "7 sur 12 à traiter"


def test_a_guard_event_reads_in_the_consoles_language(dashboard, room, clock, language):
    from kiosk.guard.report import guard_event

    kid = next(k for k, n in room.names.items() if n == "Poste 06")
    room.journal(kid, clock(), [("guard", guard_event("process-found", name="obs", category="capture"))])
    dashboard.refresh_now()
    assert tile(dashboard, "Poste 06").alerts == ("Surveillance\u00a0: Logiciel interdit détecté : obs (capture).",)
    language.set_locale("en")
    dashboard.refresh_now()
    assert tile(dashboard, "Poste 06").alerts == ("Guard: Prohibited software detected: obs (capture).",)
