"""The screens as a new user finds them: the window fits the screen, Enter and the zoom keys work
everywhere, half-filled answers and closing the window ask first, honest timing and results,
the raw text of a CSV file, a readable technical error, and dialogs that behave as dialogs."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QTableView

from itembank.model import ItemType, Mode, Outcome
from kiosk.core.session import State
from kiosk.ui import qt_widgets
from kiosk.ui.qt_attachments import QtAttachmentExporter, QtAttachmentViewer
from kiosk.ui.qt_chart import QtCompetenceChart
from kiosk.ui.qt_widgets import QtConfirmDialog
from kiosk.ui.qt_window import FRAME_GUESS, show_windowed, windowed_geometry

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def press_enter(d, key=Qt.Key.Key_Return, *, at_once: bool = False) -> None:
    """Enter, as a person presses it once the page is there (``at_once``: as the second half of a
    double press)."""
    if not at_once:
        d.qtbot.wait(int(qt_widgets.ENTER_GRACE_S * 1000) + 50)
    widget = d.window.focusWidget() or d.window.current_page()
    d.qtbot.keyClick(widget, key)


def to_question_where(d, wanted) -> None:
    """Answer questions until the one on screen satisfies ``wanted(item)``."""
    while True:
        d.to_question()
        if wanted(d.session.question.item):
            return
        d.answer_current()


# -- 1. the window fits the screen ------------------------------------------------------------------
def test_the_window_fits_a_1366x768_screen_with_its_panel_and_title_bar(practice):
    available = QRect(0, 0, 1366, 768 - 28)  # a desktop panel at the bottom
    inner = windowed_geometry(available, QSize(1366, 768))
    assert inner.marginsAdded(FRAME_GUESS).bottom() <= available.bottom()
    assert inner.height() < 768 and inner.width() <= 1366 - FRAME_GUESS.left() - FRAME_GUESS.right()
    assert windowed_geometry(QRect(0, 0, 1920, 1080), QSize(1366, 768)).size() == QSize(1366, 768)

    d = practice("fr")
    show_windowed(d.window, QSize(1366, 768), available)
    d.check_in()
    d.start()
    d.to_question()
    window, validate = d.window, d.question().validate_button
    d.qtbot.waitUntil(lambda: available.contains(window.frameGeometry()))  # frame and title bar included
    bottom = validate.mapTo(window, validate.rect().bottomRight()).y()
    assert validate.isVisible() and bottom < window.height()  # the button is on screen, whole


# -- 2. Enter presses the default button everywhere -------------------------------------------------
def test_enter_starts_the_test_acknowledges_the_briefing_and_resumes_a_pause(practice, monkeypatch):
    d = practice("fr")
    d.check_in()
    d.wait_state(State.INSTRUCTIONS)
    press_enter(d)
    d.wait_state(State.QUESTION, State.FOCUS_WARNING)
    while d.session.state is not State.FOCUS_WARNING:
        d.answer_current()
    d.wait_state(State.FOCUS_WARNING)
    # The second Enter of a double press does not skip the briefing unread (the grace made long
    # here, so that a slow test machine cannot make the press late).
    monkeypatch.setattr(qt_widgets, "ENTER_GRACE_S", 600.0)
    press_enter(d, at_once=True)
    d.qtbot.wait(50)
    assert d.session.state is State.FOCUS_WARNING
    monkeypatch.setattr(qt_widgets, "ENTER_GRACE_S", 0.0)
    press_enter(d, Qt.Key.Key_Enter)  # the keypad's Enter too
    d.wait_state(State.QUESTION)
    d.to_question()
    d.click(d.window.pause_button)
    d.wait_state(State.PAUSED)
    press_enter(d)
    d.wait_state(State.QUESTION)


def test_enter_resumes_an_interrupted_practice_test(practice):
    first = practice("fr")
    first.check_in()
    first.start()
    first.answer_current()
    first.ui.bridge.stop()
    first.window.hide()
    second = practice("fr", data_dir=first.ui.kiosk.data_dir)
    second.wait_state(State.AWAITING_AUTHORISATION)
    waiting = second.page(State.AWAITING_AUTHORISATION)
    second.qtbot.waitUntil(lambda: waiting.primary.isVisible() and waiting.primary.hasFocus())
    press_enter(second)
    second.wait_state(State.QUESTION, State.FOCUS_WARNING)


# -- 3. the zoom keys as people type them -----------------------------------------------------------
def test_ctrl_plus_zooms_whichever_way_the_keyboard_makes_the_plus(practice):
    d = practice("fr")
    d.check_in()
    d.wait_state(State.INSTRUCTIONS)
    theme = d.window.services.theme
    for key, modifiers in ((Qt.Key.Key_Plus, CTRL | SHIFT),  # Ctrl+Shift+= on a US or an AZERTY keyboard
                           (Qt.Key.Key_Plus, CTRL),
                           (Qt.Key.Key_Plus, CTRL | Qt.KeyboardModifier.KeypadModifier),
                           (Qt.Key.Key_Equal, CTRL)):
        theme.reset_zoom()
        d.qtbot.keyClick(d.window.focusWidget(), key, modifiers)
        assert theme.zoom > 100, (key, modifiers)
    d.qtbot.keyClick(d.window.focusWidget(), Qt.Key.Key_Minus, CTRL)
    assert theme.zoom == 100


# -- 4. a two-box answer with an empty box asks first -----------------------------------------------
def test_a_two_box_answer_with_one_box_empty_asks_before_it_is_validated(practice):
    d = practice("fr")
    d.check_in()
    d.start()
    to_question_where(d, lambda item: len(item.fields) >= 2)
    answer = d.question().answer
    first, *others = list(answer.inputs.values())
    d.type(first, "something")
    d.validate()
    dialog = d.confirm_dialog(accept=False)
    assert dialog.windowTitle() == "Valider avec une case vide\u202f?"
    assert not d.session.treated or d.session.treated[-1].item_id != d.session.question.item.id
    d.qtbot.waitUntil(lambda: others[0].hasFocus())  # back to the box left empty
    for edit in others:
        d.type(edit, "more")
    number = d.session.question.number
    d.validate()
    d.qtbot.waitUntil(lambda: d.session.question is None or d.session.question.number != number)
    treated = d.session.treated[-1]
    assert treated.outcome is not Outcome.SKIPPED and "" not in treated.response.values()


# -- 5. the briefing costs no time and speaks of one question ---------------------------------------
def test_the_focus_briefing_stops_the_clock_and_says_the_next_question(practice):
    d = practice("fr")
    d.check_in()
    d.start()
    while d.session.state is not State.FOCUS_WARNING:
        d.answer_current()
    d.wait_state(State.FOCUS_WARNING)
    page = d.page(State.FOCUS_WARNING)
    remaining = d.session.remaining()
    d.qtbot.wait(700)
    assert d.session.remaining() == remaining
    assert page.lead.text().startswith("La prochaine question est une question focus")
    assert "Le temps ne s’écoule pas" in page.details.text()


# -- 6. the practice results show what a short test supports ----------------------------------------
def test_the_practice_results_chart_shows_the_domains_and_says_why(practice):
    d = practice("fr")
    d.check_in()
    d.start()
    d.play_to_end(right=lambda n: n % 3 != 0)
    end = d.page(State.SUBMITTED)
    chart = end.findChild(QtCompetenceChart)
    counted = [t for t in d.session.treated if t.outcome is not None]
    assert [row.code for row in chart.rows] == ["1", "2", "3", "4", "5"]
    for row in chart.rows:
        asked = [t for t in counted if t.competence.split(".")[0] == row.code]
        right = sum(t.outcome is Outcome.OK for t in asked)
        assert row.text == f"{right} sur {len(asked)} justes" and row.share == right / len(asked)
    assert chart.rows[0].title == "Informations et données"
    assert "1 Informations et données: " in chart.accessibleDescription()
    hint = f"Avec {len(counted)} questions, un niveau dans chacune des 16 compétences serait deviné"
    assert any(w.text().startswith(hint) for w in end.findChildren(QLabel))


# -- 7. the CSV viewer shows the raw text; the workstation's application ---------------------------
def test_the_csv_viewer_shows_the_raw_text_with_its_separator(practice, qtbot):
    d = practice("fr")
    d.check_in()
    d.start()
    d.to_question()
    screen = d.question()
    button = next(b for b in screen._attachment_buttons
                  if b.property("action") == "view" and b.property("file") == "sales.csv")
    d.click(button)
    qtbot.waitUntil(lambda: any(v.isVisible() for v in screen.findChildren(QtAttachmentViewer)))
    viewer = next(v for v in screen.findChildren(QtAttachmentViewer) if v.isVisible())
    assert isinstance(viewer.table, QTableView) and viewer.table.isVisible()
    assert viewer.raw_toggle.text() == "Afficher le texte brut"
    d.click(viewer.raw_toggle)
    assert isinstance(viewer.raw, QPlainTextEdit) and viewer.raw.isVisible() and not viewer.table.isVisible()
    assert viewer.raw.toPlainText().startswith("month;sales\njanuary;120")
    assert viewer.raw_toggle.text() == "Afficher en tableau"
    assert not viewer.windowFlags() & (Qt.WindowType.WindowMinimizeButtonHint
                                       | Qt.WindowType.WindowMaximizeButtonHint)
    assert viewer.isModal()


def test_a_file_the_workstation_did_not_open_is_said_with_one_button_and_where_the_copy_is(practice, monkeypatch):
    monkeypatch.setattr(QtAttachmentExporter, "open_with_workstation", staticmethod(lambda path: False))
    d = practice("fr")
    d.check_in()
    d.start()
    to_question_where(d, lambda item: item.mode is Mode.FREE)
    screen = d.question()
    d.click(next(b for b in screen._attachment_buttons
                 if b.property("action") == "export" and b.property("file") == "grades.ods"))
    d.qtbot.waitUntil(lambda: screen.dialog is not None and screen.dialog.isVisible())
    dialog = screen.dialog
    message = dialog.findChildren(QLabel)[1].text()
    assert "Aucune application" not in message and "surveillant" not in message  # practice: no invigilator
    assert str(d.window.services.exporter.folder) in message
    assert dialog.confirm_button.isVisible() and not dialog.cancel_button.isVisible()
    d.click(dialog.confirm_button)
    d.qtbot.waitUntil(lambda: screen.dialog is None)


# -- 8. closing the practice window asks first ------------------------------------------------------
def test_closing_the_practice_window_asks_before_ending_the_test(practice):
    before = practice("fr")
    before.check_in()
    before.wait_state(State.INSTRUCTIONS)
    assert before.window.close()  # on the rules page nothing is lost: the next start comes back to them
    assert before.session.state is State.INSTRUCTIONS and before.window.findChild(QDialog, "closeConfirm") is None

    d = practice("fr", data_dir=before.ui.kiosk.data_dir.parent / "second")
    d.check_in()
    d.start()
    d.answer_current()
    d.to_question()
    assert not d.window.close()
    dialog = d.window.findChild(QDialog, "closeConfirm")
    d.qtbot.waitUntil(lambda: dialog.isVisible())
    d.click(dialog.cancel_button)
    d.qtbot.waitUntil(lambda: d.window.findChild(QDialog, "closeConfirm") is None)
    assert d.session.state is State.QUESTION and d.window.isVisible()
    assert not d.window.close()
    dialog = d.window.findChild(QDialog, "closeConfirm")
    d.qtbot.waitUntil(lambda: dialog.isVisible())
    d.click(dialog.confirm_button)
    d.qtbot.waitUntil(lambda: d.session.state is State.SUBMITTED and not d.window.isVisible())
    assert d.session.end_reason == "candidate"


# -- 9. a technical error in the candidate's language, the detail behind a toggle -------------------
def test_the_technical_error_speaks_the_candidates_language_and_hides_the_detail(practice):
    d = practice("fr")
    d.check_in()
    d.start()
    d.to_question()
    d.ui.bridge.failed.emit("journal: database is locked (sqlite3.OperationalError)")
    failure = d.window.failure
    d.qtbot.waitUntil(lambda: d.window.current_page() is failure)
    assert failure.heading.text() == "⚠ Un problème technique est survenu"
    assert failure.lead.text().startswith("Les réponses que vous avez validées sont enregistrées")
    assert not failure.detail.isVisible()
    assert all("sqlite3" not in w.text() for w in failure.findChildren(QLabel) if w.isVisible())
    d.click(failure.detail_toggle)
    assert failure.detail.isVisible() and "database is locked" in failure.detail.text()
    assert failure.detail_toggle.text() == "Masquer les détails techniques"
    failure.primary.setFocus()
    press_enter(d)  # Enter: try again
    d.qtbot.waitUntil(lambda: d.window.current_page() is d.question())


# -- 12. polish ------------------------------------------------------------------------------------
def test_confirmations_are_modal_dialogs_without_minimise_or_maximise(practice):
    d = practice("fr")
    d.check_in()
    d.start()
    d.to_question()
    d.click(d.question().skip_button)
    d.qtbot.waitUntil(lambda: d.question().dialog is not None and d.question().dialog.isVisible())
    dialog = d.question().dialog
    assert isinstance(dialog, QtConfirmDialog) and dialog.isModal()
    flags = dialog.windowFlags()
    assert not flags & (Qt.WindowType.WindowMinimizeButtonHint | Qt.WindowType.WindowMaximizeButtonHint)
    assert flags & Qt.WindowType.WindowCloseButtonHint
    # The French skip message says it once.
    message = dialog.findChildren(QLabel)[1].text()
    assert message == "Une question passée compte comme fausse, et vous ne pourrez pas y revenir."
    d.click(dialog.cancel_button)


def test_a_chosen_answer_keeps_its_font_and_its_wrapping(practice):
    d = practice("fr")
    d.check_in()
    d.start()
    to_question_where(d, lambda item: item.type in (ItemType.QCU, ItemType.QCM))
    answer = d.question().answer
    key = next(iter(answer.buttons))
    text = answer.texts[key]
    text.setText("Une proposition assez longue pour occuper presque toute la largeur de la colonne de lecture, "
                 "puis un peu plus encore, afin de vérifier qu’elle ne se replie pas autrement une fois choisie")
    d.qtbot.wait(1)
    def shape():
        return text.font().bold(), text.heightForWidth(text.width()), text.fontMetrics().horizontalAdvance("choisie")

    before = shape()
    d.click(answer.buttons[key])
    assert answer.buttons[key].isChecked()
    after = shape()
    assert after == before and not after[0]


def test_the_progress_bar_beside_the_question_number(practice):
    d = practice("fr")
    d.check_in()
    d.start()
    d.to_question()
    bar = d.question().progress_bar
    assert bar.isVisible() and bar.maximum() == d.session.length and bar.value() == 0
    d.answer_current()
    d.to_question()
    assert bar.value() == d.session.question.number - 1 == 1
    assert bar.accessibleDescription() == f"1 questions faites sur {d.session.length}"


def test_the_results_say_answered_or_skipped_and_list_the_boxes_one_per_line(practice):
    d = practice("fr")
    d.check_in()
    d.start()
    d.play_to_end()
    end = d.page(State.SUBMITTED)
    texts = [w.text() for w in end.findChildren(QLabel)]
    assert any(t.startswith("Questions répondues ou passées\u00a0: 16 sur 16") for t in texts)
    several = [t for t in d.session.treated if len(d.ui.kiosk.bank.item(t.item_id).fields) >= 2]
    assert several, "the GUI bank has items with several boxes"
    answers = [t for t in texts if t.startswith("Bonne réponse\u00a0:") and "\n• " in t]
    assert len(answers) >= len(several)
    assert all(" ; " not in t and "\u202f;" not in t for t in answers)
