"""What a screen reader gets, checked at the widget level (offscreen): readable statements with the
Text interface, a name that says where the candidate is, announcements that leave the focus where
it is, and the focus on the content when a screen appears."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QMainWindow, QRadioButton

from itembank.model import Mode
from kiosk.core.session import State
from kiosk.guard.focus import FocusLost, FocusRegained, WindowInfo
from kiosk.ui.qt_reading import QtReadableText, announcement_log, plain_reading
from kiosk.ui.qt_timer import QtTimerBadge


def test_markdown_is_read_as_words_lines_and_list_items():
    reading = plain_reading("Which **file** is *open*? Type `ls`.\n\n- one\n- two\n\n1. first\n2. second\n\n"
                            "```\nif ready:\n    start()\n```\nThe end.")
    assert reading.splitlines() == ["Which file is open? Type ls.", "• one", "• two", "1. first", "2. second",
                                    "if ready:", "    start()", "The end."]


def test_the_readable_text_has_the_text_interface_and_grows_with_its_text(qapp):
    widget = QtReadableText()
    widget.set_markdown("A short line.")
    widget.resize(400, widget.heightForWidth(400))
    widget.show()
    one_line = widget.heightForWidth(400)
    widget.set_markdown(" ".join(["A much longer statement that wraps."] * 20))
    assert widget.heightForWidth(400) > 3 * one_line
    interface = QAccessible.queryAccessibleInterface(widget)
    text = interface.textInterface()
    assert text is not None and text.text(0, text.characterCount()).startswith("A much longer statement")
    assert widget.isReadOnly()


def test_the_statement_is_named_with_its_number_total_and_mode_and_gets_the_focus(practice, qtbot):
    d = practice("fr")
    d.check_in()
    d.start()
    d.to_question()
    screen, question = d.question(), d.session.question
    mode = "question focus" if question.item.mode is Mode.FOCUS else "question libre"
    expected = f"Question {question.number} sur {d.session.length}, {mode}"
    assert screen.statement.accessibleName() == expected
    assert "**" not in screen.statement.toPlainText()
    qtbot.waitUntil(lambda: screen.statement.hasFocus())
    assert d.window.announcements[-1] == expected  # the arrival, said once the question is shown


def test_arrival_on_a_screen_is_announced(practice):
    d = practice("fr")
    d.check_in()
    d.wait_state(State.INSTRUCTIONS)
    title = d.page(State.INSTRUCTIONS).arrival_text()
    assert title and title in d.window.announcements


def test_focus_loss_is_announced_without_taking_the_focus_from_the_answer(practice, qtbot):
    d = practice("fr")
    d.check_in()
    d.start()
    while True:
        d.to_question()
        if d.session.question.item.mode is Mode.FOCUS:
            break
        d.answer_current()
    screen = d.question()
    answer = screen.answer.first_focus()
    answer.setFocus()
    qtbot.waitUntil(answer.hasFocus)
    said = len(d.window.announcements)
    d.ui.focus._on_lost(FocusLost(0.0, WindowInfo(process="firefox")))
    d.ui.focus._on_regained(FocusRegained(0.0, 1.0, WindowInfo(process="firefox")))
    assert list(d.window.announcements)[said:] == [screen.notice.text()] and screen.notice.text().startswith("⚠")
    assert answer.hasFocus()


def test_time_left_is_announced_at_10_5_and_1_minute_only_once_each(practice, qtbot):
    practice("fr")  # the French translation
    window = QMainWindow()
    window.announcements = announcement_log()
    badge = QtTimerBadge()
    window.setCentralWidget(badge)
    qtbot.addWidget(window)
    badge.show_time(8 * 60)  # the first reading: nothing passed yet
    assert list(window.announcements) == []
    for seconds in (7 * 60, 5 * 60 + 1, 5 * 60, 299, 200, 61, 59, 58, 1, 0):
        badge.show_time(seconds)
    badge.retranslateUi()  # a repaint in another language is no tick
    assert list(window.announcements) == ["Plus que 5 min", "Plus que 1 min"]
    badge.show_time(11 * 60)  # extra time granted
    badge.show_time(10 * 60 - 1)
    assert list(window.announcements)[-1] == "Plus que 10 min"


def test_the_results_screen_puts_the_focus_on_the_score_not_on_quit(practice, qtbot):
    d = practice("fr")
    d.check_in()
    d.start()
    d.play_to_end()
    end = d.page(State.SUBMITTED)
    qtbot.waitUntil(lambda: end.score_label is not None and end.score_label.hasFocus())
    assert not end.quit_button.hasFocus()
    assert end.score_label.accessibleName().startswith("Score\u00a0: ")
    assert end.arrival_text() and d.window.announcements[-1] == end.arrival_text()


def test_the_language_is_a_radio_group_moved_by_the_arrows(practice, qtbot):
    d = practice("fr")
    d.wait_state(State.CHECK_IN)
    screen = d.page(State.CHECK_IN)
    french, english = screen.language_buttons["fr"], screen.language_buttons["en"]
    assert isinstance(french, QRadioButton) and french.isChecked() and screen.language_group.exclusive()
    assert screen.language_box.accessibleName() == "Langue de l’interface"
    qtbot.waitUntil(screen.inputs["last_name"].hasFocus)
    qtbot.wait(100)  # the screen settled (its focus is set again once the event that showed it is over)
    qtbot.keyClick(screen.inputs["last_name"], Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert french.hasFocus(), d.window.focusWidget()  # one Tab stop before the fields: the chosen language
    qtbot.keyClick(french, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: screen.heading.text() == "Welcome")
    assert english.isChecked() and not french.isChecked() and english.hasFocus(), d.window.focusWidget()


def test_a_check_in_error_is_announced_and_the_field_described(practice):
    d = practice("fr")
    d.wait_state(State.CHECK_IN)
    screen = d.page(State.CHECK_IN)
    d.click(screen.submit_button)
    assert d.window.announcements[-1] == "Nom\u00a0: Obligatoire."
    assert screen.inputs["last_name"].hasFocus()
    assert screen.inputs["last_name"].accessibleDescription().startswith("⚠ Obligatoire.")


def test_the_practice_accommodation_reaches_the_session(practice):
    d = practice("fr")
    d.wait_state(State.CHECK_IN)
    screen = d.page(State.CHECK_IN)
    screen.screen_reader.setFocus()
    d.qtbot.keyClick(screen.screen_reader, Qt.Key.Key_Space)
    assert screen.screen_reader.isChecked()
    assert screen.screen_reader.accessibleName() == "J’utilise un lecteur d’écran"
    d.check_in()
    d.wait_state(State.INSTRUCTIONS)
    assert d.session.candidate.screen_reader
