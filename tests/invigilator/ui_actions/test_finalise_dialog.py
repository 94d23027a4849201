"""The finalisation screen through its widgets: what blocks, the results, comments counted, signing, the package."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from invigilator import package as package_module
from invigilator.core.alerts import AlertKind
from invigilator.core.kiosks import KioskStatus
from protocol.session_package import read_package

SESSION = "S-2026-0615"


def click(qtbot, button):
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def screen(room, three, dispatcher, qtbot):
    """Léa finished on PC-01; Awa's test still runs on PC-02 with a focus alert; Jean is absent."""
    people, kiosks = three
    room.play(kiosks[0], people[0], seed=11)
    for alert in room.store.alerts.alerts(open_only=True):
        room.store.alerts.handle(alert.id, room.clock(), "Mme Roy", "seen")
    attempt = room.play(kiosks[1], people[1], seed=12, stop_after=8, finished=False)
    room.store.kiosks.heard(kiosks[1], room.clock(), KioskStatus("question", "cand-2", attempt, 9, 32, 600.0))
    room.store.alerts.raise_alert(kiosks[1], AlertKind.FOCUS_LOST, room.clock(), attempt, {"number": 9})
    dialog = dispatcher.finalisation_dialog(SESSION)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, kiosks, attempt


def cells(dialog, row):
    return [dialog.table.item(row, c).text() if dialog.table.item(row, c) else "" for c in range(4)]


def test_signing_is_refused_while_a_test_runs_or_an_alert_is_open_and_says_which(room, screen, qtbot):
    dialog, kiosks, _ = screen
    assert not dialog.sign.isEnabled() and dialog.blockers.isVisible()
    text = dialog.blockers.text()
    assert "a test is running on PC-02 (in a question, attempt att-12)" in text
    assert "open alert on PC-02 since" in text and "Focus lost on a focus question" in text
    assert not dialog.package.isEnabled() and not dialog.export.isEnabled()
    room.store.kiosks.heard(kiosks[1], room.clock(), KioskStatus("idle"))
    click(qtbot, dialog.check_again)
    assert "running" not in dialog.blockers.text() and "Focus lost" in dialog.blockers.text()
    for alert in room.store.alerts.alerts(open_only=True):
        room.store.alerts.handle(alert.id, room.clock(), "Mme Roy", "seen")
    click(qtbot, dialog.check_again)
    assert not dialog.blockers.isVisible() and dialog.sign.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closing without signing (a name that hid QDialog.done crashed here)
    assert not dialog.isVisible() and room.store.finalisations.get(SESSION) is None


def test_results_are_shown_before_signing_comments_are_counted_and_reasons_asked(room, screen, qtbot):
    dialog, kiosks, _ = screen
    room.store.kiosks.heard(kiosks[1], room.clock(), KioskStatus("idle"))
    for alert in room.store.alerts.alerts(open_only=True):
        room.store.alerts.handle(alert.id, room.clock(), "Mme Roy", "seen")
    click(qtbot, dialog.check_again)
    durand, martin, ndiaye = (cells(dialog, r) for r in range(3))
    line = dialog.lines[1]
    assert durand[1] == "Absent" and durand[2] == "—"
    assert martin[1].startswith("Finished") and martin[2] == f"{line.score} pix" and line.score is not None
    assert martin[3] and martin[3] != "—"  # the level's name from the profile
    assert ndiaye[1] == "Unfinished: give a reason" and isinstance(dialog.table.cellWidget(2, 4), QComboBox)
    # a comment past 500 characters is counted in red and refused; exactly 500 is kept
    dialog.table.setCurrentCell(1, 0)
    dialog.comment.edit.setPlainText("é" * 501)
    assert dialog.comment.count.text() == "501 / 500 characters" and dialog.comment.count.property("role") == "error"
    dialog.by.setCurrentText("Mme Roy")
    click(qtbot, dialog.sign)
    assert "longer than 500" in dialog.error.text() and room.store.finalisations.get(SESSION) is None
    dialog.comment.edit.setPlainText("é" * 500)
    assert dialog.comment.count.text() == "500 / 500 characters"
    dialog.global_comment.edit.setPlainText("Session calme, une panne sur PC-02.")
    click(qtbot, dialog.sign)
    assert "Give the abort reason of every unfinished test: N'DIAYE Awa" in dialog.error.text()
    dialog.set_abort_reason("cand-2", "technical")
    click(qtbot, dialog.sign)
    held = room.store.finalisations.get(SESSION)
    assert held is not None and held.finalisation.by == "Mme Roy"
    assert [line.comment for line in held.finalisation.lines][1] == "é" * 500
    assert [line.abort_reason for line in held.finalisation.lines] == [None, None, "technical"]
    assert not dialog.sign.isEnabled() and dialog.package.isEnabled()
    assert "signed by the center" in dialog.status_line.text()
    assert room.store.sessions.session(SESSION).status == "closed"


def ready_to_package(room, dialog, kiosks, qtbot):
    room.store.kiosks.heard(kiosks[1], room.clock(), KioskStatus("idle"))
    for alert in room.store.alerts.alerts(open_only=True):
        room.store.alerts.handle(alert.id, room.clock(), "Mme Roy", "seen")
    click(qtbot, dialog.check_again)
    dialog.set_abort_reason("cand-2", "candidate")
    dialog.by.setCurrentText("Mme Roy")
    click(qtbot, dialog.sign)
    assert dialog.package.isEnabled()


def test_the_package_is_made_queued_and_exported_to_a_stick_and_read_back(room, screen, qtbot, tmp_path):
    dialog, kiosks, _ = screen
    ready_to_package(room, dialog, kiosks, qtbot)
    click(qtbot, dialog.package)
    queued = list((room.console.data_dir / "outbox").glob("*.ppkg"))
    assert len(queued) == 1 and queued[0].stem == dialog.package_id
    assert dialog.package_id[:16] in dialog.status_line.text()
    stick = tmp_path / "stick"
    stick.mkdir()
    assert dialog.make_package(stick)
    (copy,) = stick.glob("*.ppkg")
    package = read_package(copy.read_bytes(), center_key=room.keys.public)
    assert {r.outcome for r in package.results} == {"absent", "finished", "aborted"}
    assert "Exported and read back" in dialog.status_line.text()


def test_a_stick_that_alters_what_it_stores_is_reported_on_screen(room, screen, qtbot, tmp_path, monkeypatch):
    dialog, kiosks, _ = screen
    ready_to_package(room, dialog, kiosks, qtbot)
    stick = tmp_path / "stick"
    stick.mkdir()
    real = package_module.write_atomic

    def faulty(path, data, **kwargs):
        done = real(path, data, **kwargs)
        if stick in path.parents:
            path.write_bytes(data[:-10] + b"0123456789")
        return done

    monkeypatch.setattr(package_module, "write_atomic", faulty)
    assert not dialog.make_package(stick)
    assert dialog.error.isVisible() and "does not read back as written" in dialog.error.text()
