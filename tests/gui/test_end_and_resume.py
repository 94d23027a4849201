"""The end screens (practice results, exam receipt), resuming after a restart, and the demo bank."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from PySide6.QtWidgets import QDialog, QLabel

from itembank.authoring import load_source
from itembank.demo import DEMO_SOURCE
from itembank.errors import AuthoringError
from itembank.framework import DEFAULT_FRAMEWORK
from itembank.pbank import open_bank
from kiosk.app import PracticeApp, PracticeAttempt, PracticeKiosk, demo_bank
from kiosk.core.session import AttemptInfo, AttemptMode, ExamSession, State
from kiosk.ui.qt_chart import QtCompetenceChart
from tests.gui.conftest import PASSPHRASE, Driver
from tests.kiosk.fakes import ManualAuthority


class ExamAuthority(ManualAuthority):
    """An invigilator who acts only when the test says so (practice's resume hook is not used)."""

    waiting_for_confirmation = False

    def confirm_resume(self) -> None:
        raise AssertionError("an exam is resumed by the invigilator, not by the candidate")


def test_exam_mode_ends_with_the_receipt_and_no_score(qtbot, qapp, gui_bank, tmp_path):
    path, trusted = gui_bank
    kiosk = PracticeKiosk(open_bank(path, trusted, passphrase=PASSPHRASE), "gui", tmp_path)
    authority = ExamAuthority()
    info = AttemptInfo("exam-1", AttemptMode.EXAM, 5, {"id": kiosk.bank.id, "version": 1,
                                                        "manifest_sha256": kiosk.bank.manifest_sha256},
                       kiosk.profile, kiosk.device.name)
    session = ExamSession(attempt=info, bank=kiosk.bank, engine_factory=kiosk.engine,
                          journal=kiosk.store.create_attempt("exam-1"), clock=kiosk.clock,
                          authority=authority, results=kiosk.sink)
    ui = PracticeApp(kiosk, locale="fr", windowed=True, app=qapp)
    ui.start(PracticeAttempt(session, authority, restored=False))  # type: ignore[arg-type]
    try:
        d = Driver(qtbot, ui)
        d.wait_state(State.CHECK_IN)
        checkin = d.page(State.CHECK_IN)
        assert set(checkin.inputs) == {"last_name", "first_name", "birth_date", "session_number", "access_code"}
        d.type(checkin.inputs["session_number"], "12345")
        d.type(checkin.inputs["access_code"], "pvxb8")
        d.check_in()
        assert checkin.problems["access_code"].isVisible()  # 4 letters and 2 digits
        d.type(checkin.inputs["access_code"], "9")
        d.click(checkin.submit_button)
        d.wait_state(State.AWAITING_AUTHORISATION)
        waiting = d.page(State.AWAITING_AUTHORISATION)
        assert waiting.heading.text() == "En attente du surveillant" and not waiting.primary.isVisible()
        assert authority.requests == [False] and session.candidate.access_code == "PVXB89"
        session.authorise(by="invigilator")
        d.start()
        d.answer_current()
        session.end("candidate", by="invigilator")
        d.wait_state(State.SUBMITTED)
        end = d.page(State.SUBMITTED)
        texts = [w.text() for w in end.findChildren(QLabel) if w.isVisible()]
        assert "Vos réponses sont enregistrées. Les résultats seront communiqués après validation." in texts
        assert end.findChild(QLabel, "receipt").text() == session.receipt and session.receipt
        assert end.findChild(QLabel, "score") is None and end.findChild(QtCompetenceChart) is None
    finally:
        ui.close()


def test_a_restart_resumes_the_same_question_after_the_candidate_confirms(practice):
    first = practice("fr")
    first.check_in()
    first.start()
    first.answer_current()
    first.answer_current()
    first.to_question()
    on_screen = first.session.question.item.id
    first.ui.bridge.stop()  # the kiosk dies here: nothing more is written
    first.window.hide()
    data_dir = first.ui.kiosk.data_dir

    second = practice("en", data_dir=data_dir)  # a new process on the same data directory
    assert second.ui.attempt.restored and second.session.locale == "fr"
    second.wait_state(State.AWAITING_AUTHORISATION)
    waiting = second.page(State.AWAITING_AUTHORISATION)
    second.qtbot.waitUntil(lambda: waiting.primary.isVisible() and waiting.primary.hasFocus())
    assert waiting.heading.text() == "Test interrompu" and waiting.primary.text() == "Reprendre"
    second.click(waiting.primary)
    second.to_question()
    assert second.session.question.item.id == on_screen and second.session.number == 3
    assert [t.item_id for t in second.session.treated] == [t.item_id for t in first.session.treated]
    second.play_to_end()
    assert len([t for t in second.session.treated if t.outcome is not None]) == 16


def demo_competences() -> int:
    try:
        return len({item.competence for item in load_source(DEMO_SOURCE).items})
    except AuthoringError:
        return 0


def test_the_demo_bank_plays_through_in_practice_mode(qtbot, qapp, tmp_path):
    covered = demo_competences()
    if covered < 16:
        pytest.skip(f"the demo bank covers {covered} of the 16 competences so far (items are still being written)")
    path, passphrase, trusted = demo_bank(tmp_path)
    kiosk = PracticeKiosk(open_bank(path, trusted, passphrase=passphrase), "practice-short", tmp_path / "data")
    ui = PracticeApp(kiosk, locale="fr", windowed=True, app=qapp)
    ui.start()
    try:
        d = Driver(qtbot, ui)
        d.check_in(born=(dt.date.today() - dt.timedelta(days=15 * 366)).strftime("%d/%m/%Y"))
        d.start()
        types = Counter()
        while d.session.state in (State.QUESTION, State.FOCUS_WARNING):
            d.to_question()
            types[d.session.question.item.type] += 1
            d.answer_current(right=d.session.number % 3 != 0)
        d.wait_state(State.SUBMITTED)
        assert sum(types.values()) == 12
        chart = d.page(State.SUBMITTED).findChild(QtCompetenceChart)
        assert d.session.result["status"] == "scored"
        # 12 questions say little of 16 competences: the chart is by domain, and says why.
        domains = {code.split(".")[0] for code in DEFAULT_FRAMEWORK.codes}
        asked = {kiosk.bank.item(t.item_id).competence.split(".")[0] for t in d.session.treated}
        assert [row.code for row in chart.rows] == sorted(domains)
        assert {row.code for row in chart.rows if row.share is None} == domains - asked
        assert sum(int(row.text.split()[2]) for row in chart.rows if row.share is not None) == 12
        hint = "Avec 12 questions, un niveau dans chacune des 16 compétences serait deviné"
        assert any(w.text().startswith(hint) for w in d.page(State.SUBMITTED).findChildren(QLabel))
    finally:
        ui.close()


def test_a_new_practice_test_from_the_results(practice):
    d = practice("fr")
    d.check_in()
    d.start()
    d.click(d.window.stop_button)
    d.qtbot.waitUntil(lambda: d.window.findChild(QDialog, "confirmDialog") is not None)
    d.click(d.window.findChild(QDialog, "confirmDialog").confirm_button)
    d.wait_state(State.SUBMITTED)
    first = d.session
    d.click(d.page(State.SUBMITTED).new_button)
    d.qtbot.waitUntil(lambda: d.session is not first)
    d.wait_state(State.CHECK_IN)
    assert first.state is State.SUBMITTED and d.session.attempt.attempt_id != first.attempt.attempt_id
    assert d.window.isVisible()
