"""The guard's overlays speak the candidate's language and follow a switch, like every other view."""

import re

import pytest
from PySide6.QtWidgets import QWidget

from kiosk.guard.qt_overlays import FocusNotice, LockScreen, exit_refused, exit_title
from kiosk.guard.unlock import FREE_TRIES, UnlockGate, set_unlock_code
from kiosk.ui.qt_i18n import QtLanguage
from protocol.keys import ScryptParams

CODE = "surveillant-42"


@pytest.fixture
def language(qapp):
    language = QtLanguage(qapp, "fr")
    yield language
    language.close()


@pytest.fixture
def screen(qtbot, tmp_path):
    set_unlock_code(tmp_path, CODE, ScryptParams(n=2**14))
    window = QWidget()
    window.resize(1366, 768)
    qtbot.addWidget(window)
    window.show()
    return window, LockScreen(window, UnlockGate(tmp_path), on_code=lambda: None), FocusNotice(window)


def test_the_lock_screen_and_the_notice_are_in_french_then_in_english_after_a_switch(qtbot, language, screen):
    _, lock, notice = screen
    lock.lock("prohibited-process")
    notice.appear()
    assert lock.title.text() == "Poste verrouillé"
    assert lock.reason.text() == "Motif\u00a0: logiciel interdit"
    assert lock.button.text() == "Déverrouiller" and lock.code.placeholderText() == "Code du surveillant"
    assert notice.message.text().startswith("Vous avez quitté la fenêtre") and notice.button.text() == "J’ai compris"
    assert "Workstation" not in lock.body.text() and "/" not in lock.button.text()  # one language at a time

    language.set_locale("en")
    qtbot.waitUntil(lambda: lock.title.text() == "Workstation locked")
    assert lock.reason.text() == "Reason: prohibited software"
    assert notice.button.text() == "I understand" and notice.message.text().startswith("You left the exam window")


def test_a_wrong_code_is_answered_in_the_interface_language(language, screen):
    _, lock, _ = screen
    lock.lock("")
    assert lock.reason.text() == ""
    for _ in range(FREE_TRIES):
        lock.code.setText("pas-le-bon")
        lock.try_code()
        assert lock.feedback.text() == "Code incorrect."
    lock.code.setText(CODE)
    lock.try_code()  # refused without being tried: the wait after too many wrong codes
    assert re.fullmatch(r"Trop de codes erronés\u00a0: réessayez dans \d+ s\.", lock.feedback.text())


def test_the_right_code_clears_the_feedback(language, screen):
    _, lock, _ = screen
    unlocked = []
    lock._on_code = lambda: unlocked.append(True)
    lock.lock("screens")
    lock.code.setText("pas-le-bon")
    lock.try_code()
    lock.code.setText(CODE)
    lock.try_code()
    assert unlocked == [True] and lock.feedback.text() == ""


def test_an_unknown_lock_reason_is_shown_as_it_came(language, screen):
    _, lock, _ = screen
    lock.lock("something-new")
    assert lock.reason.text() == "Motif\u00a0: something-new"


def test_the_exit_dialog_texts_are_translated(language):
    assert exit_title() == "Quitter le mode examen"
    assert exit_refused(None) == "Code incorrect."
    language.set_locale("en")
    assert exit_title() == "Leave exam mode"


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_wrapped_texts_get_the_height_they_need(qapp, qtbot, language, screen, locale):
    """Qt sizes an item aligned in a layout for the whole width; a wrapped label then loses lines."""
    language.set_locale(locale)
    _, lock, notice = screen
    lock.lock("prohibited-process")
    lock.feedback.setText(lock.tr("No unlock code can be checked on this workstation (%1).")
                          .replace("%1", "/var/lib/pupitre/settings/unlock-code.json: unreadable"))
    notice.appear()
    qapp.processEvents()
    for label in (lock.title, lock.reason, lock.body, lock.feedback, notice.message):
        assert label.isVisible() and label.width() <= 720
        assert label.height() >= label.heightForWidth(label.width()), label.text()


def test_the_lock_screen_says_the_invigilator_was_alerted_only_when_an_alert_went_out(qtbot, language, screen):
    _, lock, _ = screen
    lock.lock("window-tampered")
    assert lock.body.text().startswith("Restez à votre place et levez la main pour appeler le surveillant")
    assert "prévenu" not in lock.body.text()
    assert lock.reason.text() == "Motif\u00a0: la fenêtre d’examen a été modifiée par un autre programme"
    lock.lock("stall", alerted=True)
    assert lock.body.text().startswith("Le surveillant a été prévenu")
    language.set_locale("en")
    qtbot.waitUntil(lambda: lock.title.text() == "Workstation locked")
    assert lock.body.text().startswith("The invigilator has been alerted")
    lock.lock("foreign-window")
    assert lock.body.text().startswith("Please stay seated and raise your hand")
    assert lock.reason.text() == "Reason: a window of another program over the exam"


def test_the_exit_dialog_buttons_are_translated(qtbot, language):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QPushButton

    from kiosk.guard.qt_overlays import ask_exit_code, show_exit_refused

    parent = QWidget()
    qtbot.addWidget(parent)
    seen = []

    def look_and_answer(accept):
        dialog = QApplication.activeModalWidget()
        seen.append(sorted(b.text() for b in dialog.findChildren(QPushButton) if b.isVisible()))
        if accept:
            dialog.accept()
        else:
            dialog.reject()

    QTimer.singleShot(100, lambda: look_and_answer(False))
    assert ask_exit_code(parent) is None
    QTimer.singleShot(100, lambda: look_and_answer(True))
    show_exit_refused(parent, None)
    assert seen == [["Annuler", "Quitter le mode examen"], ["Revenir à l’examen"]]


def test_the_focus_notice_button_is_drawn_like_the_kiosk_s_other_main_buttons(qtbot, qapp, screen):
    from kiosk.ui.qt_theme import QtTheme
    from kiosk.ui.qt_widgets import button

    before = qapp.styleSheet()
    try:
        QtTheme(qapp)
        window, _, notice = screen
        notice.appear()
        primary = button("primary")
        primary.setText("Valider")
        primary.setParent(window)
        primary.show()
        qtbot.waitExposed(notice)

        def background(widget):
            image = widget.grab().toImage()
            return image.pixelColor(4, image.height() // 2).name()

        assert background(notice.button) == background(primary)
    finally:
        qapp.setStyleSheet(before)
