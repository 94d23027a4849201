"""A whole practice test through the real widgets: every item type, skip, blank answers, problem
reports, focus warnings, the practice tools, documents, and the end screen."""

from __future__ import annotations

import os
import stat

from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QTableView

from itembank.model import InputKind, ItemType, Mode, Outcome
from kiosk.core import events as ev
from kiosk.core.session import State
from kiosk.guard.focus import FocusLost, FocusRegained, WindowInfo
from kiosk.ui.qt_attachments import QtAttachmentExporter, QtAttachmentViewer
from kiosk.ui.qt_chart import QtCompetenceChart
from kiosk.ui.qt_reading import plain_reading


def kinds(session, kind):
    return [e for e in session.events if e.kind == kind]


def test_a_whole_practice_test_meets_every_item_type_and_ends_with_the_results(practice):
    d = practice("fr")
    d.check_in()
    d.start()
    types, modes = set(), []
    while d.session.state in (State.QUESTION, State.FOCUS_WARNING):
        d.to_question()
        question = d.session.question
        screen = d.question()
        assert screen.progress.text() == f"Question {question.number} / 16"
        reading = screen.statement.toPlainText()
        assert reading == plain_reading(question.item.statement.fr) and "**" not in reading
        types.add(question.item.type)
        modes.append(question.item.mode)
        d.answer_current(right=question.number % 4 != 0)
    d.wait_state(State.SUBMITTED)
    assert types == set(ItemType)
    runs = sum(1 for before, mode in zip([None, *modes], modes, strict=False)
               if mode is Mode.FOCUS and before is not Mode.FOCUS)
    assert len(kinds(d.session, ev.FOCUS_WARNING_SHOWN)) == runs >= 1
    outcomes = [t.outcome for t in d.session.treated]
    assert outcomes.count(Outcome.KO) == 4 and outcomes.count(Outcome.OK) == 12
    end = d.page(State.SUBMITTED)
    result = d.session.result
    assert end.findChild(QLabel, "score").text() == f"{result['score']} pix"
    chart = end.findChild(QtCompetenceChart)
    assert len(chart.rows) == 5 and chart.height() > 5 * chart.fontMetrics().height()
    assert "Informations et données" in chart.accessibleDescription() and "justes" in chart.accessibleDescription()
    reviews = [w for w in end.findChildren(QLabel) if w.property("role") == "outcome"]
    assert len(reviews) == 16 and sum(r.text().startswith("✓") for r in reviews) == 12
    assert d.session.receipt  # the practice bundle is written too


def test_skip_asks_first_and_the_question_never_comes_back(practice):
    d = practice("fr")
    d.check_in()
    d.start()
    d.to_question()
    item = d.session.question.item.id
    d.click(d.question().skip_button)
    dialog = d.confirm_dialog(accept=False)
    assert "pourrez pas y revenir" in dialog.findChildren(QLabel)[1].text()
    assert d.session.question.item.id == item and d.session.state is State.QUESTION
    d.click(d.question().skip_button)
    d.confirm_dialog(accept=True)
    d.qtbot.waitUntil(lambda: bool(d.session.treated))
    assert d.session.treated[0].item_id == item and d.session.treated[0].outcome is Outcome.SKIPPED
    assert d.session.number == 2


def test_validating_a_blank_answer_asks_whether_to_skip(practice):
    d = practice("en")
    d.check_in(locale="en")
    d.start()
    d.to_question()
    d.validate()
    dialog = d.confirm_dialog(accept=False)
    assert dialog.windowTitle() == "Skip this question?"
    assert not d.session.treated
    d.fill(right=True)
    d.validate()
    d.qtbot.waitUntil(lambda: bool(d.session.treated))
    assert d.session.treated[0].outcome is Outcome.OK


def test_a_reported_problem_is_journalled_and_the_question_replaced_under_the_same_number(practice):
    d = practice("fr")
    d.check_in()
    d.start()
    d.answer_current()
    d.to_question()
    number, item = d.session.question.number, d.session.question.item.id
    d.click(d.question().report_button)
    screen = d.question()
    d.qtbot.waitUntil(lambda: screen.dialog is not None)
    d.type(screen.dialog.comment, "the picture does not show")
    d.click(screen.dialog.confirm_button)
    d.to_question()
    assert d.session.question.number == number and d.session.question.item.id != item
    report = kinds(d.session, ev.PROBLEM_REPORTED)[0].payload
    assert report["comment"] == "the picture does not show" and report["item_id"] == item
    assert d.question().notice.isVisible() and "remplacée" in d.question().notice.text()


def test_keyboard_alone_answers_and_enter_validates(practice, qtbot):
    d = practice("fr")
    d.check_in()
    d.start()
    while True:  # up to a single-choice question, answering the others with the mouse
        d.to_question()
        if d.session.question.item.type is ItemType.QCU:
            break
        d.answer_current()
    item = d.session.question.item
    screen = d.question()
    qtbot.waitUntil(lambda: screen.statement.hasFocus())
    order = d.session.question.order
    target = order.index(item.solution[0])
    qtbot.keyClick(screen.statement, Qt.Key.Key_Tab)
    for _ in range(12):  # past the documents' buttons
        if screen.focusWidget() is screen.answer.buttons[order[0]]:
            break
        qtbot.keyClick(screen.focusWidget(), Qt.Key.Key_Tab)
    assert screen.focusWidget() is screen.answer.buttons[order[0]]
    for _ in range(target):
        qtbot.keyClick(screen.focusWidget(), Qt.Key.Key_Down)
    qtbot.keyClick(screen.focusWidget(), Qt.Key.Key_Space)
    assert screen.answer.response() == item.solution[0]
    assert screen.answer._rows[item.solution[0]].property("focused") == "true"  # the row shows the focus ring
    number = d.session.number
    qtbot.keyClick(screen.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(d.session.treated) and d.session.treated[-1].item_id == item.id)
    assert d.session.treated[-1].outcome is Outcome.OK and d.session.number == number + 1


def test_number_fields_take_a_decimal_comma(practice, qtbot):
    d = practice("fr")
    d.check_in()
    d.start()
    while True:
        d.to_question()
        item = d.session.question.item
        if item.type is ItemType.QROCM_IND and item.fields[0].input is InputKind.NUMBER:
            break
        d.answer_current()
    screen = d.question()
    for field in item.fields:
        value = field.solutions[0].for_locale("fr")
        d.type(screen.answer.inputs[field.key], f"{value},0")
    qtbot.keyClick(screen.answer.inputs[item.fields[-1].key], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(d.session.treated) and d.session.treated[-1].item_id == item.id)
    assert d.session.treated[-1].outcome is Outcome.OK


def test_documents_open_in_the_built_in_viewer(practice, qtbot):
    d = practice("fr")
    d.check_in()
    d.start()
    d.to_question()
    screen = d.question()
    figure = next(w for w in screen.findChildren(QLabel) if w.property("alt"))
    assert not figure.pixmap().isNull() and figure.accessibleDescription() == "Un diagramme en barres"
    expected = {"report.pdf": QPdfView, "sales.csv": QTableView, "notes.txt": QPlainTextEdit}
    for file_name, view_type in expected.items():
        button = next(b for b in screen._attachment_buttons
                      if b.property("action") == "view" and b.property("file") == file_name)
        d.click(button)
        qtbot.waitUntil(lambda: any(v.isVisible() for v in screen.findChildren(QtAttachmentViewer)))
        viewer = next(v for v in screen.findChildren(QtAttachmentViewer) if v.isVisible())
        shown = {QTableView: getattr(viewer, "table", None), QPdfView: getattr(viewer, "pdf_pages", None)}.get(
            view_type, viewer.view)
        assert isinstance(shown, view_type) and viewer.windowTitle() == f"Fichier {file_name}"
        if view_type is QTableView:
            model = viewer.table.model()
            assert model.rowCount() == 3 and model.headerData(1, Qt.Orientation.Horizontal) == "sales"
        if view_type is QPlainTextEdit:
            assert viewer.view.isReadOnly() and "backup every Friday" in viewer.view.toPlainText()
        if view_type is QPdfView:  # the pages, and their text for a screen reader
            assert viewer.pdf_pages.document().pageCount() == 1
            d.click(viewer.text_toggle)
            assert viewer.pdf_text.isVisible() and viewer.focusWidget() is viewer.pdf_text
            assert "Rapport annuel — Annual report" in viewer.pdf_text.toPlainText()
            assert viewer.pdf_text.accessibleName() == "Texte du document"
        qtbot.keyClick(viewer, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not any(v.isVisible() for v in screen.findChildren(QtAttachmentViewer)))
    assert not any(b.property("file") == "grades.ods" and b.property("action") == "view"
                   for b in screen._attachment_buttons)


def test_open_with_the_workstation_only_on_free_questions_and_files_go_at_the_end(practice, monkeypatch):
    opened = []
    monkeypatch.setattr(QtAttachmentExporter, "open_with_workstation", staticmethod(lambda p: opened.append(p) or True))
    d = practice("fr")
    d.check_in()
    d.start()
    seen_focus = False
    while True:
        d.to_question()
        screen = d.question()
        exports = [b for b in screen._attachment_buttons if b.property("action") == "export"]
        if d.session.question.item.mode is Mode.FOCUS:
            assert exports == []
            seen_focus = True
            d.answer_current()
            continue
        break
    assert seen_focus or d.session.number == 1
    button = next(b for b in exports if b.property("file") == "grades.ods")
    d.click(button)
    path = opened[0]
    assert path.read_bytes().startswith(b"PK") and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    guard = kinds(d.session, ev.GUARD)[-1].payload
    assert guard["action"] == "attachment-exported" and guard["file"] == "grades.ods"
    d.play_to_end()
    assert not path.exists() and not path.parent.exists()


def test_pause_resume_and_stop_in_practice(practice):
    d = practice("fr")
    d.check_in()
    d.start()
    d.to_question()
    d.answer_current()
    d.to_question()
    d.click(d.window.pause_button)
    d.wait_state(State.PAUSED)
    remaining = d.session.remaining()
    d.qtbot.wait(600)
    assert d.session.remaining() == remaining  # the time is stopped
    d.click(d.page(State.PAUSED).primary)
    d.wait_state(State.QUESTION)
    d.click(d.window.stop_button)
    dialog = d.window.findChild(QDialog, "confirmDialog")
    d.click(dialog.confirm_button)
    d.wait_state(State.SUBMITTED)
    assert d.session.end_reason == "candidate" and d.session.result["status"] == "rejected"
    end = d.page(State.SUBMITTED)
    assert any("pas de score" in w.text() for w in end.findChildren(QLabel))


def test_focus_loss_on_a_focus_question_is_announced(practice):
    d = practice("fr")
    d.check_in()
    d.start()
    while True:
        d.to_question()
        if d.session.question.item.mode is Mode.FOCUS:
            break
        d.answer_current()
    watcher = d.ui.focus  # the guard's focus watcher, wired by the composition root
    watcher._on_lost(FocusLost(0.0, WindowInfo(process="firefox")))
    notice = d.question().notice
    assert notice.isVisible() and notice.property("role") == "warning" and notice.text().startswith("⚠")
    assert kinds(d.session, ev.FOCUS_LOST)[-1].payload["detail"].startswith("firefox")
    watcher._on_regained(FocusRegained(0.0, 1.0, WindowInfo(process="firefox")))
    d.answer_current()
    assert d.session.treated[-1].outcome is Outcome.FOCUSED_OUT
