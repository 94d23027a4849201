"""The window as one piece: the first start through the real setup wizard (a real bank imported), the
passphrase asked once, the sessions page's finalisation opening the real finalisation screen, the
dashboard's actions reaching the real dialogs, and a check-in decided in Sessions shown on its tile."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from roomfill import PASSPHRASE

from invigilator import gui
from invigilator.app import Console
from invigilator.core.center import SessionStatus
from invigilator.core.checkin import CheckInState, TypedCheckIn
from invigilator.gui import compose, run_window
from invigilator.ui.qt_command_dialogs import QtPauseDialog
from invigilator.ui.qt_finalise import QtFinaliseDialog
from invigilator.ui.qt_tile import TILE_ROLE
from invigilator.ui.qt_unlock import QtUnlockDialog
from invigilator.ui.qt_wizard import SetupWizard
from protocol.keys import KeyPair
from tests.invigilator.ui_sessions.conftest import bank_for, click, type_in


def wizard_on_screen() -> SetupWizard | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, SetupWizard) and w.isVisible()), None)


def when_shown(find: Callable[[], QWidget | None], then: Callable[[QWidget], None], failures: list[str]) -> None:
    """Once ``find()`` gives a widget (polled from the event loop ``run_window`` runs), call ``then`` with it.
    An assertion failing in ``then`` is kept in ``failures`` and the wizard is left, so the loop ends."""

    def poll() -> None:
        found = find()
        if found is None:
            QTimer.singleShot(20, poll)
            return
        try:
            then(found)
        except BaseException as exc:
            failures.append(repr(exc))
            if isinstance(found, SetupWizard):
                found.cancelled.emit()
            else:
                found.close()

    QTimer.singleShot(0, poll)


@pytest.fixture
def no_unlock_dialog(monkeypatch):
    asked: list[str] = []

    def refuse(self):
        asked.append(self.windowTitle())
        return 0

    monkeypatch.setattr(QtUnlockDialog, "exec", refuse)
    return asked


@pytest.fixture
def fresh(tmp_path, clock):
    console = Console(tmp_path / "fresh", clock=clock)
    yield console
    console.close()


def close_window(seen: dict[str, object]) -> Callable[[QWidget], None]:
    def check_and_close(window: QWidget) -> None:
        seen["page"] = window.current_page()
        seen["title"] = window.windowTitle()
        window.confirm_close = False
        window.close()

    return check_and_close


def console_window() -> QWidget | None:
    return next((w for w in QApplication.topLevelWidgets()
                 if w.objectName() == "consoleWindow" and w.isVisible()), None)


def test_first_start_the_wizard_sets_up_and_the_window_opens_on_sessions_unasked(
        qtbot, fresh, tmp_path, theme, no_unlock_dialog):
    publisher = KeyPair.generate("Éditions Test")
    publisher.public.save(tmp_path / "publisher.pub")
    failures: list[str] = []
    seen: dict[str, object] = {}

    def fill(wizard: SetupWizard) -> None:
        assert wizard.stack.currentIndex() == wizard.CENTER and wizard.isVisible()
        type_in(qtbot, wizard.center_id.editor, "0750002B")
        type_in(qtbot, wizard.center_name.editor, "Collège Jean Moulin")
        click(qtbot, wizard.next_button)
        type_in(qtbot, wizard.passphrase.editor, PASSPHRASE)
        type_in(qtbot, wizard.passphrase_again.editor, PASSPHRASE)
        click(qtbot, wizard.next_button)
        assert wizard.add_publisher(tmp_path / "publisher.pub")
        click(qtbot, wizard.next_button)
        wizard.import_bank(bank_for(fresh, publisher, tmp_path / "bank.pbank"))
        qtbot.waitUntil(lambda: not wizard.importing, timeout=60_000)
        assert wizard.banks.count() == 1, wizard.message.text()
        when_shown(console_window, close_window(seen), failures)
        click(qtbot, wizard.next_button)  # Finish

    when_shown(wizard_on_screen, fill, failures)
    status = run_window(fresh, listen="127.0.0.1:0", locale="fr", argv=["pupitre"])
    assert failures == []
    assert status == 0
    assert no_unlock_dialog == []  # the wizard's passphrase unlocked the keys: not asked again
    assert seen == {"page": "sessions", "title": "Console Pupitre — Collège Jean Moulin"}
    assert wizard_on_screen() is None
    assert [b.id for b in fresh.store.sessions.banks()] == ["synth-160-6"]


def test_a_cancelled_wizard_ends_the_window_with_status_1(qtbot, fresh, theme, monkeypatch, no_unlock_dialog):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    failures: list[str] = []
    when_shown(wizard_on_screen, lambda wizard: click(qtbot, wizard.cancel_button), failures)
    assert run_window(fresh, listen="127.0.0.1:0", locale="en", argv=["pupitre"]) == 1
    assert failures == [] and not fresh.initialised and no_unlock_dialog == []
    assert console_window() is None and wizard_on_screen() is None


def test_closing_the_wizards_window_asks_first_and_no_keeps_it_open(qtbot, fresh, theme, monkeypatch):
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(parent, title, text, *rest):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    failures: list[str] = []

    def close_twice(wizard: SetupWizard) -> None:
        wizard.close()  # "No": the wizard stays
        assert wizard.isVisible() and len(asked) == 1 and "Nothing was saved yet" in asked[0]
        wizard.close()  # "Yes": left

    when_shown(wizard_on_screen, close_twice, failures)
    assert run_window(fresh, listen="127.0.0.1:0", locale="en", argv=["pupitre"]) == 1
    assert failures == [] and len(asked) == 2


def test_a_half_done_setup_resumes_in_the_wizard_which_unlocks_the_keys(
        qtbot, fresh, tmp_path, theme, no_unlock_dialog):
    fresh.init_center("0750003C", "Lycée Test", PASSPHRASE)  # left before the publishers
    assert gui.needs_setup(fresh)
    publisher = KeyPair.generate("Éditions Test")
    publisher.public.save(tmp_path / "publisher.pub")
    failures: list[str] = []
    seen: dict[str, object] = {}

    def resume(wizard: SetupWizard) -> None:
        assert wizard.stack.currentIndex() == wizard.PASSPHRASE and not wizard.passphrase_again.isVisible()
        type_in(qtbot, wizard.passphrase.editor, "not the passphrase")
        click(qtbot, wizard.next_button)
        assert wizard.passphrase.invalid and wizard.stack.currentIndex() == wizard.PASSPHRASE
        type_in(qtbot, wizard.passphrase.editor, PASSPHRASE)
        click(qtbot, wizard.next_button)
        assert wizard.add_publisher(tmp_path / "publisher.pub")
        click(qtbot, wizard.next_button)
        when_shown(console_window, close_window(seen), failures)
        click(qtbot, wizard.next_button)  # Finish, with no bank yet: banks are imported later too

    when_shown(wizard_on_screen, resume, failures)
    assert run_window(fresh, listen="127.0.0.1:0", locale="fr", argv=["pupitre"]) == 0
    assert failures == [] and no_unlock_dialog == [] and seen["page"] == "sessions"
    assert not gui.needs_setup(fresh)


def test_a_console_set_up_asks_the_passphrase_once_and_opens_on_the_room(
        qtbot, console, theme, room, monkeypatch):
    asked: list[str] = []

    def unlock(self):
        asked.append("unlock")
        self.keys = console.center_keys(PASSPHRASE)
        return 1

    monkeypatch.setattr(QtUnlockDialog, "exec", unlock)
    failures: list[str] = []
    seen: dict[str, object] = {}
    when_shown(console_window, close_window(seen), failures)
    assert run_window(console, listen="127.0.0.1:0", locale="fr", argv=["pupitre"]) == 0
    assert failures == [] and asked == ["unlock"] and seen["page"] == "room"
    assert wizard_on_screen() is None


def modal_then(check: Callable[[QWidget], None], failures: list[str]) -> None:
    """Inspect and close the next modal dialog (the dispatcher's ``exec`` waits for it)."""
    when_shown(QApplication.activeModalWidget, lambda dialog: (check(dialog), dialog.reject()), failures)


@pytest.fixture
def composed(qtbot, console_keys, theme, language, room):
    console, keys = console_keys
    app = compose(console, keys, theme, language)
    qtbot.addWidget(app.window)
    app.window.resize(1366, 768)
    app.window.show()
    yield app
    app.close()


def test_the_room_actions_open_the_real_dialogs(qtbot, composed):
    failures: list[str] = []
    seen: list[QWidget] = []
    modal_then(seen.append, failures)
    composed.dashboard.refresh_now()
    composed.dashboard.pause_all.click()
    assert failures == []
    assert len(seen) == 1 and isinstance(seen[0], QtPauseDialog)
    assert seen[0].parent() is composed.window


def test_the_finalise_button_opens_the_finalisation_screen_of_that_session(qtbot, composed, console, room):
    sessions = composed.sessions
    composed.window.show_page("sessions")
    sessions.refresh(select=room.session_id)
    assert sessions.current.status is SessionStatus.PLANNED
    assert not sessions.finalise_button.isEnabled()  # nothing to finalise before the check-in opens
    click(qtbot, sessions.open_button)
    assert sessions.finalise_button.isEnabled() and sessions.finalise_button.text() == "&Finaliser la session…"
    failures: list[str] = []
    seen: list[str] = []

    def check(dialog: QWidget) -> None:
        assert isinstance(dialog, QtFinaliseDialog) and dialog.session_id == room.session_id
        assert dialog.parent() is composed.window and dialog.isVisible()
        seen.append(dialog.windowTitle())
        # meanwhile the session changes (another console, or the finalisation itself): the list follows
        console.store.sessions.set_status(room.session_id, SessionStatus.CLOSED, console.now())

    modal_then(check, failures)
    click(qtbot, sessions.finalise_button)
    assert failures == [] and seen and room.session_id in seen[0]
    assert sessions.current.id == room.session_id and sessions.current.status is SessionStatus.CLOSED
    assert sessions.table.item(sessions.table.currentRow(), 5).text() == "Clôturée"
    assert sessions.finalise_button.isEnabled() and not sessions.close_button.isEnabled()


def tile_of(composed, kiosk_id: str):
    model = composed.dashboard.model
    return next(model.index(r).data(TILE_ROLE) for r in range(model.rowCount())
                if model.index(r).data(TILE_ROLE).kiosk_id == kiosk_id)


def test_a_check_in_decided_in_sessions_shows_on_its_tile(qtbot, composed, console, room):
    kid = next(k for k, n in room.names.items() if n == "Poste 01")  # waiting for its authorisation
    person = console.store.sessions.roster(room.session_id)[0]
    console.store.sessions.set_status(room.session_id, SessionStatus.OPEN, console.now())
    exam = console.store.sessions.session(room.session_id)
    console.store.checkins.record(kid, TypedCheckIn(f"attempt-{kid[:12]}", exam.id, exam.access_code,
                                                    person.last_name, person.first_name, person.birth_date),
                                  console.now())
    board = composed.dashboard
    board.refresh_now()
    before = tile_of(composed, kid)
    assert before.state == "Attend l’autorisation" and before.needs_action

    sessions = composed.sessions
    composed.window.show_page("sessions")
    sessions.refresh(select=room.session_id)
    panel = sessions.checkin
    sessions.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1)
    panel.table.selectRow(0)
    panel.invigilator.editor.setCurrentText("Mme Roy")
    click(qtbot, panel.confirm_button)
    confirmed = tile_of(composed, kid)  # no wait for the dashboard's next tick: the page told it
    assert confirmed.state == "Identité confirmée, attend l’autorisation" and confirmed.needs_action
    panel.table.selectRow(0)
    click(qtbot, panel.authorise_button)
    assert console.store.checkins.checkin(kid, f"attempt-{kid[:12]}").state is CheckInState.AUTHORISED
    after = tile_of(composed, kid)
    assert after.state == "Autorisé\u00a0: démarre à sa prochaine synchronisation"
    assert not after.needs_action and "autorisé" in after.accessible.casefold()
    assert composed.window.attention.text() == "Postes à traiter\u00a0: 6"  # one fewer than the room's 7


def test_the_setup_gate(fresh, tmp_path):
    assert gui.needs_setup(fresh)
    fresh.init_center("0750004D", "Lycée", PASSPHRASE)
    assert gui.needs_setup(fresh)  # keys but no publisher: the wizard resumes
    KeyPair.generate("P").public.save(tmp_path / "p.pub")
    fresh.trust_publisher(Path(tmp_path / "p.pub"))
    assert not gui.needs_setup(fresh)
