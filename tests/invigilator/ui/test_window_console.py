"""The console's window as the composition root builds it: the server in the same process, the
pages and their keys, zoom and high contrast, the passphrase asked once, the timeline, first start."""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from roomfill import PASSPHRASE, make_console

from invigilator.cli import build_parser, cmd_window
from invigilator.gui import RoomServer, compose
from invigilator.ui.qt_timeline import QtTimelineDialog, console_hour
from invigilator.ui.qt_unlock import QtUnlockDialog
from protocol.keys import KeyPair


@pytest.fixture
def composed(qtbot, console_keys, theme, language, room):
    console, keys = console_keys
    app = compose(console, keys, theme, language, listen="127.0.0.1:0")
    qtbot.addWidget(app.window)
    app.window.resize(1366, 768)
    app.window.show()
    yield app
    app.close()


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def test_the_server_runs_in_the_windows_process_and_stops_with_it(qtbot, composed):
    server = composed.server
    qtbot.waitUntil(lambda: server.running, timeout=15000)
    port = server.server.port
    qtbot.waitUntil(lambda: "à l’écoute" in composed.window.server.text(), timeout=5000)
    assert f":{port}" in composed.window.server.text()
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw, \
            context.wrap_socket(raw) as tls:  # a TLS 1.3 handshake with the room's server
        assert tls.version() == "TLSv1.3"
    composed.dashboard.refresh_now()  # the interface thread is free while the server serves
    assert composed.dashboard.model.rowCount() == 12
    composed.close()
    assert not port_open(port)
    assert composed.server.server is None


def test_the_window_sends_the_outbox_to_the_hub_once_one_is_set(qtbot, console_keys, theme, language, room, tmp_path):
    from invigilator.hub_config import save_config

    console, keys = console_keys
    app = compose(console, keys, theme, language, listen="127.0.0.1:0")
    qtbot.waitUntil(lambda: app.server.running, timeout=15000)
    assert app.server.sender is None  # no hub configured: nothing to send to
    app.close()
    hub = KeyPair.generate("hub")
    hub.public.save(tmp_path / "hub.pub")
    save_config(console.data_dir, "https://127.0.0.1:9", "ab" * 32, tmp_path / "hub.pub", None)
    app = compose(console, keys, theme, language, listen="127.0.0.1:0")
    qtbot.waitUntil(lambda: app.server.running and app.server.sender is not None, timeout=15000)
    sender = app.server.sender
    assert sender._thread is not None and sender._thread.is_alive()
    app.close()
    assert sender._thread is None and app.server.sender is None


def test_a_server_that_cannot_start_says_why_and_the_room_is_still_shown(qtbot, console_keys, theme, language, room):
    console, keys = console_keys
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    try:
        app = compose(console, keys, theme, language, listen=f"127.0.0.1:{busy.getsockname()[1]}")
        qtbot.addWidget(app.window)
        qtbot.waitUntil(lambda: app.server.error is not None, timeout=15000)
        qtbot.waitUntil(lambda: "ne fonctionne pas" in app.window.server.text(), timeout=5000)
        assert app.window.server.property("role") == "error"
        app.dashboard.refresh_now()
        assert app.dashboard.model.rowCount() == 12
        app.close()
    finally:
        busy.close()


def test_pages_and_their_keys(qtbot, composed):
    window = composed.window
    assert [p.item.text() for p in window.pages.values()] == ["Sessions", "Salle"]
    assert window.current_page() == "room"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == "sessions"
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == "room"
    extra = QLabel("x")
    window.add_page("reports", "Rapports", extra)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == "reports"
    with pytest.raises(ValueError, match="already"):
        window.add_page("room", "Salle", QLabel())


def test_zoom_and_high_contrast_from_the_keyboard(qtbot, composed, theme):
    window = composed.window
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert theme.zoom == 120
    assert window.font().pixelSize() == theme.font_px()
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert theme.zoom == 110
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert theme.zoom == 100
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert theme.high_contrast and window.contrast_button.isChecked()
    assert composed.dashboard.delegate.colours is theme.colours()
    assert composed.dashboard.delegate.colours.background.name() == "#000000"


def test_the_tiles_grow_with_the_text(qtbot, composed, theme):
    grid = composed.dashboard.grid
    composed.dashboard.refresh_now()
    before = grid.visualRect(composed.dashboard.model.index(0)).size()
    theme.set_zoom(150)
    qtbot.waitUntil(lambda: grid.visualRect(composed.dashboard.model.index(0)).height() > before.height())
    after = grid.visualRect(composed.dashboard.model.index(0)).size()
    assert after.width() > before.width()


def test_the_language_switches_live(qtbot, composed):
    window = composed.window
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: [p.item.text() for p in window.pages.values()] == ["Sessions", "Room"])
    assert window.language_button.text() == "Français"
    assert window.windowTitle() == "Pupitre console — Lycée Victor Hugo"


def test_the_needing_action_count_is_in_the_header(qtbot, composed):
    composed.dashboard.refresh_now()
    assert composed.window.attention.isVisible()
    assert composed.window.attention.text() == "Postes à traiter\u00a0: 7"


def test_enter_on_a_tile_opens_its_timeline_in_console_time(qtbot, composed, room, clock):
    board = composed.dashboard
    board.refresh_now()
    problem = next(t for t in board.model.tiles() if t.name == "Poste 03")
    board.select_kiosk(problem.kiosk_id)
    board.grid.setFocus()
    qtbot.keyClick(board.grid, Qt.Key.Key_Return)
    dialog = composed.timelines[problem.kiosk_id]
    assert isinstance(dialog, QtTimelineDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.loads > 0, timeout=5000)  # read in a worker
    lines = dialog.timeline.lines()
    events = [event for _, event, _ in lines]
    assert events[:5] == ["Test préparé", "Identifié", "Autorisation demandée", "Autorisé", "Test commencé"]
    assert ("Problème signalé" in events) and any("«\u202fL'image ne s'affiche pas\u202f»" in d for _, _, d in lines)
    assert any(d.startswith("question 1 — répondue") for _, _, d in lines)
    assert all(hour.count(":") == 2 for hour, _, _ in lines)
    assert "THOMAS" in dialog.windowTitle() or "Poste 03" in dialog.windowTitle()


def test_a_kiosk_clock_off_by_five_minutes_reads_in_console_time(qtbot, composed, room, clock):
    kid = next(k for k, n in room.names.items() if n == "Poste 12")
    at = clock() - dt.timedelta(minutes=3)
    room.journal(kid, at, [("attempt-created", {"attempt_id": "x"}), ("checked-in", {"candidate": {
        "last_name": "Haddad", "first_name": "Awa"}})], received=at + dt.timedelta(seconds=0.4), skew=-300)
    composed.dashboard.refresh_now()
    composed.dashboard.timeline_requested.emit(kid)
    dialog = composed.timelines[kid]
    qtbot.waitUntil(lambda: dialog.loads > 0, timeout=5000)
    hours = {hour for hour, _, _ in dialog.timeline.lines()}
    assert hours == {console_hour(at + dt.timedelta(seconds=0.4))}  # not the kiosk's hour, five minutes behind
    assert "300\u00a0s" in dialog.timeline.summary.text() or "+300" in dialog.timeline.summary.text()
    assert ("Identifié", "HADDAD Awa") in {(e, d) for _, e, d in dialog.timeline.lines()}


def test_a_kiosk_with_no_journal_says_its_timeline_starts_at_check_in(qtbot, composed, room):
    kid = next(k for k, n in room.names.items() if n == "Poste 12")
    composed.dashboard.refresh_now()
    composed.dashboard.timeline_requested.emit(kid)
    dialog = composed.timelines[kid]
    qtbot.waitUntil(lambda: dialog.loads > 0, timeout=5000)
    assert dialog.empty.isVisible() and "identification" in dialog.empty.text()


def test_a_wrong_passphrase_says_so_and_asks_again(qtbot, console, language):
    dialog = QtUnlockDialog(console.require_center().name, console.center_keys)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.passphrase, "not the passphrase")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "incorrecte" in dialog.message.text(), timeout=15000)
    assert dialog.passphrase.text() == "" and dialog.passphrase.isEnabled() and dialog.keys is None
    assert dialog.result() == 0 and dialog.isVisible()
    assert "essai 1" in dialog.message.text()
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)  # empty: asked to type it
    assert "Tapez" in dialog.message.text() and dialog.tries == 1
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        qtbot.mouseClick(dialog.unlock, Qt.MouseButton.LeftButton)
    assert isinstance(dialog.keys, KeyPair)
    assert dialog.keys.public.signing_id == console.require_center().signing_key_id


def test_a_key_of_another_center_is_refused_with_the_reason(qtbot, tmp_path, clock, console, language):
    other, _ = make_console(tmp_path / "other", clock)
    (console.data_dir / "center.key").write_bytes((other.data_dir / "center.key").read_bytes())
    dialog = QtUnlockDialog("Lycée", console.center_keys)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    dialog.try_unlock()
    qtbot.waitUntil(lambda: "ne peuvent pas être ouvertes" in dialog.message.text(), timeout=15000)
    assert "not the key of center" in dialog.message.text()
    other.close()


def test_no_command_and_window_both_open_the_window():
    parser = build_parser()
    assert parser.parse_args([]).func is cmd_window
    args = parser.parse_args(["window", "--listen", "127.0.0.1:9443", "--locale", "en", "--zoom", "150"])
    assert args.func is cmd_window and args.listen == "127.0.0.1:9443" and args.locale == "en"
    assert parser.parse_args(["status"]).func is not cmd_window


def test_the_server_object_stops_even_before_it_started(console_keys):
    console, keys = console_keys
    RoomServer(console, keys, "127.0.0.1:0").stop()


def test_a_database_that_cannot_be_written_shows_in_the_room(qtbot, composed, monkeypatch):
    import logging

    import invigilator.gui as gui

    composed.dashboard.refresh_now()
    assert not composed.dashboard.banner.isVisible()
    logging.getLogger("pupitre.console.server").error(
        "database unavailable", extra={"fields": {"path": "/sync", "reason": "database or disk is full"}})
    composed.dashboard.refresh_now()
    assert composed.dashboard.banner.isVisible()
    assert "database or disk is full" in composed.dashboard.banner.text()
    assert "libérez" in composed.dashboard.banner.text()
    monkeypatch.setattr(gui, "STORE_FAILURE_SHOWN", 0.0)  # the failure is old news: the banner goes
    composed.dashboard.refresh_now()
    assert not composed.dashboard.banner.isVisible()


def test_a_disk_nearly_full_is_said_before_the_database_fails(qtbot, composed, monkeypatch):
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: usage(10**10, 10**10 - 50 * 2**20, 50 * 2**20))
    composed.dashboard.refresh_now()
    assert composed.dashboard.banner.isVisible() and "50" in composed.dashboard.banner.text()


def test_an_open_timeline_follows_the_journal_without_waiting_on_the_database(qtbot, composed, room, clock,
                                                                              monkeypatch):
    import invigilator.ui.qt_timeline as qt_timeline

    board = composed.dashboard
    board.refresh_now()
    kid = next(k for k, n in room.names.items() if n == "Poste 06")
    board.timeline_requested.emit(kid)
    dialog = composed.timelines[kid]
    qtbot.waitUntil(lambda: dialog.loads > 0, timeout=5000)
    before = len(dialog.timeline.lines())
    room.journal(kid, clock(), [("resumed", {"by": "Mme Roy"})])
    dialog.reload()
    qtbot.waitUntil(lambda: len(dialog.timeline.lines()) == before + 1, timeout=5000)
    assert dialog.timeline.lines()[-1][1] == "Repris"
    slow = dialog._read
    monkeypatch.setattr(dialog, "_read", lambda k, a: (time.sleep(1.0), slow(k, a))[1])  # a slow database
    started = time.monotonic()
    dialog.reload()
    assert time.monotonic() - started < 0.5  # the window went on
    qtbot.waitUntil(lambda: dialog.loads >= 3, timeout=5000)
    assert qt_timeline.LIVE_MS <= 5000


def test_no_display_is_one_clear_line_not_an_abort(tmp_path, capsys, monkeypatch):
    from invigilator.cli import main
    from invigilator.gui import display_problem

    assert display_problem({}, "linux").startswith("no display")
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({"DISPLAY": ":0"}, "linux") is None
    assert display_problem({}, "win32") is None
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert main(["--data-dir", str(tmp_path / "c")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no display" in err and "serve" in err
