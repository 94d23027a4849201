"""The sessions, roster and check-in pages driven through their widgets over a real console."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from invigilator.core.center import SessionStatus
from invigilator.core.checkin import CheckInState, TypedCheckIn
from invigilator.core.codes import code_verifier, enrolment_proof
from invigilator.core.commands import CommandKind
from invigilator.store import KioskKeys
from invigilator.ui.qt_sessions import SessionsPage
from protocol.keys import KeyPair
from tests.invigilator.ui_sessions.conftest import T0, click, type_in

ROSTER = ("last_name,first_name,birth_date,external_id,extra_time_minutes,accommodations,assistive_programs\n"
          "Martin,Léa,17/05/2009,INE-1,0,,\n"
          "N'Diaye,Awa,2008-03-07,INE-2,30,screen-reader,orca;onboard\n"
          "Nguyen,Thi Mai,09/09/2009,INE-3,0,,\n")


@pytest.fixture
def page(qtbot, console, ready):
    p = SessionsPage(console, ready)
    qtbot.addWidget(p)
    p.resize(1366, 768)
    p.show()
    return p


def create(qtbot, page, room="B12", invigilators="Mme Roy, M. Blanc"):
    dialog = page.new_session()
    type_in(qtbot, dialog.room.editor, room)
    type_in(qtbot, dialog.invigilators.editor, invigilators)
    click(qtbot, dialog.create_button)
    return dialog


def test_create_a_session_and_show_its_codes_for_the_board(qtbot, page, console):
    dialog = page.new_session()
    assert dialog.bank.editor.currentData() == "synth-160-6"
    assert dialog.profile.editor.count() >= 1 and dialog.profile.editor.currentData() in console.bank_profiles(
        "synth-160-6")
    dialog.date.editor.setDate(QDate(2026, 6, 16))
    click(qtbot, dialog.create_button)  # no room, no invigilator: said at the fields, nothing made
    assert dialog.room.invalid and dialog.invigilators.invalid and dialog.isVisible()
    assert "invigilator" in dialog.invigilators.editor.accessibleDescription()
    assert console.store.sessions.sessions() == []
    type_in(qtbot, dialog.room.editor, "B12")
    type_in(qtbot, dialog.invigilators.editor, "Mme Roy,  M.  Blanc ,")
    click(qtbot, dialog.create_button)
    assert not dialog.isVisible()
    [exam] = console.store.sessions.sessions()
    assert (exam.room, exam.date, exam.invigilators) == ("B12", dt.date(2026, 6, 16), ("Mme Roy", "M. Blanc"))
    assert exam.id.isdigit() and page.number.text() == exam.id and page.code.text() == exam.access_code
    assert page.code.font().pointSizeF() >= 2.5 * page.font().pointSizeF()  # big enough to copy to the board
    assert page.table.rowCount() == 1 and page.table.item(0, 5).text() == "Planned"
    assert page.copy_codes() == f"Session number: {exam.id}\nAccess code: {exam.access_code}"
    assert QGuiApplication.clipboard().text() == page.copy_codes()


def test_open_then_close_a_session(qtbot, page, console, monkeypatch):
    create(qtbot, page)
    assert page.open_button.isEnabled() and not page.close_button.isEnabled()
    click(qtbot, page.open_button)
    assert page.current.status is SessionStatus.OPEN and page.table.item(0, 5).text() == "Open for check-in"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    click(qtbot, page.close_button)
    assert page.current.status is SessionStatus.OPEN
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    click(qtbot, page.close_button)
    assert page.current.status is SessionStatus.CLOSED and not page.open_button.isEnabled()
    assert not page.roster.add_button.isEnabled() and not page.roster.import_button.isEnabled()


def test_a_roster_with_bad_lines_is_refused_whole_with_each_line_said(qtbot, page, console, tmp_path):
    create(qtbot, page)
    bad = tmp_path / "bad.csv"
    bad.write_text(ROSTER + "Durand,,12/04/2009,INE-4,0,,\nPetit,Marc,31/02/2009,INE-1,0,,\n"
                   "Blanc,Eve,01/01/2009,INE-6,400,,vlc\n", encoding="utf-8")
    assert page.roster.import_file(bad) == 0
    assert page.roster.summary.isVisible() and "nothing was imported" in page.roster.summary.text()
    lines = [page.roster.problems.item(i).text() for i in range(page.roster.problems.count())]
    assert lines[:3] == ["Line 5: First name: Required.",
                         "Line 6: Date of birth: Not a date: type it as 31/12/2009 or 2009-12-31.",
                         "Line 7: Extra time (minutes): At most 210 minutes."]
    assert lines[3].startswith("Line 7: Assistive programs: Unknown program vlc") and len(lines) == 4
    assert console.store.sessions.roster(page.current.id) == [] and page.roster.table.rowCount() == 0
    (tmp_path / "bin.csv").write_bytes(b"\xff\xfe\x00garbage")
    page.roster.import_file(tmp_path / "bin.csv")
    assert "UTF-8" in page.roster.summary.text()

    good = tmp_path / "roster.csv"
    good.write_text(ROSTER, encoding="utf-8")
    assert page.roster.import_file(good) == 3
    assert page.roster.table.rowCount() == 3 and not page.roster.problems.isVisible()
    awa = next(c for c in console.store.sessions.roster(page.current.id) if c.first_name == "Awa")
    assert awa.assistive_programs == ("orca", "onboard") and awa.extra_time_minutes == 30
    assert page.roster.import_file(good) == 0  # the same file again: its external ids are taken, nothing added
    assert "INE-1 is already on the roster" in page.roster.summary.text()
    assert len(console.store.sessions.roster(page.current.id)) == 3


def test_add_and_edit_a_candidate_by_hand_with_errors_at_the_fields(qtbot, page, console):
    create(qtbot, page)
    dialog = page.roster.add_candidate()
    type_in(qtbot, dialog.fields["last_name"].editor, "Dupont3")
    type_in(qtbot, dialog.fields["birth_date"].editor, "31/02/2009")
    click(qtbot, dialog.save_button)
    wrong = {k for k, f in dialog.fields.items() if f.invalid}
    assert wrong == {"last_name", "first_name", "birth_date"} and dialog.isVisible()
    last = dialog.fields["last_name"]
    assert last.editor.property("invalid") == "true" and last.problem.isVisible()
    assert last.editor.accessibleDescription().startswith("Not a name")  # read when the field gets focus
    assert dialog.focusWidget() is last.editor  # the first wrong field takes the focus
    assert console.store.sessions.roster(page.current.id) == []
    type_in(qtbot, last.editor, "Dupont")
    type_in(qtbot, dialog.fields["first_name"].editor, "Jean-Marc")
    type_in(qtbot, dialog.fields["birth_date"].editor, "28/02/2009")
    dialog.fields["extra_time_minutes"].editor.setValue(20)
    dialog.programs.item(0).setCheckState(Qt.CheckState.Checked)
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    [saved] = console.store.sessions.roster(page.current.id)
    assert (saved.last_name, saved.birth_date, saved.extra_time_minutes) == ("Dupont", dt.date(2009, 2, 28), 20)
    assert saved.assistive_programs == ("orca",)
    assert not last.invalid and last.editor.property("invalid") == "false"

    page.roster.table.selectRow(0)
    edit = page.roster.edit_candidate()
    assert edit.fields["first_name"].editor.text() == "Jean-Marc" and edit.programs.item(0).checkState() == \
        Qt.CheckState.Checked
    type_in(qtbot, edit.fields["extra_time_minutes"].editor.lineEdit(), "35")
    type_in(qtbot, edit.fields["birth_date"].editor, "2020-01-01")  # an eight-year-old at most in 2026
    click(qtbot, edit.save_button)
    assert edit.fields["birth_date"].invalid and "plausible" in edit.fields["birth_date"].error
    type_in(qtbot, edit.fields["birth_date"].editor, "2009-02-28")
    click(qtbot, edit.save_button)
    [saved] = console.store.sessions.roster(page.current.id)
    assert saved.extra_time_minutes == 35 and page.roster.table.item(0, 4).text() == "35"


def _enrol(console, name: str) -> str:
    code, _ = console.store.kiosks.issue_enrolment_code(T0, random.Random(name))
    keys = KioskKeys.of(KeyPair.generate(name).public)
    proof = enrolment_proof(code_verifier(code), "kiosk", keys.signing_public, "ab" * 32)
    return console.store.kiosks.enrol(proof, keys, "ab" * 32, name, T0).kiosk.id


def test_check_in_confirm_and_authorise_one_then_all(qtbot, page, console, tmp_path):
    create(qtbot, page)
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    page.roster.import_file(tmp_path / "roster.csv")
    click(qtbot, page.open_button)
    exam = page.current
    kiosks = {name: _enrol(console, name) for name in ("PC 01", "PC 02", "PC 03", "PC 04")}
    typed = {"PC 01": ("MARTIN", "lea", dt.date(2009, 5, 17)), "PC 02": ("Ndiaye", "Awa", dt.date(2008, 3, 7)),
             "PC 03": ("Ngyuen", "Thi Mai", dt.date(2009, 9, 9)), "PC 04": ("Durand", "Paul", dt.date(2009, 4, 12))}
    for n, (name, (last, first, born)) in enumerate(typed.items()):
        console.store.checkins.record(kiosks[name], TypedCheckIn(f"att-{n}", exam.id, exam.access_code, last, first,
                                                                 born), T0)
    panel = page.checkin
    page.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 4)
    assert panel.timer.isActive()  # live while shown
    assert panel.waiting.text() == "4 waiting for an identity check"
    assert not panel.authorise_all_button.isEnabled()

    def select(name):
        row = next(i for i, c in enumerate(panel.checkins) if c.kiosk_id == kiosks[name])
        panel.table.selectRow(row)

    select("PC 03")  # a near match: proposed as such, the differing name marked
    assert "near match" in panel.choice.editor.currentText()
    assert panel.typed_values[0].text() == "Ngyuen" and "differs" in panel.roster_values[0].text()
    assert "differs" not in panel.roster_values[1].text() and not panel.authorise_button.isEnabled()
    click(qtbot, panel.confirm_button)
    assert console.store.checkins.checkin(kiosks["PC 03"], "att-2").state is CheckInState.CONFIRMED
    select("PC 03")
    click(qtbot, panel.authorise_button)  # one candidate, through the authorise-start command
    [command] = console.store.commands.pending(kiosks["PC 03"])
    assert command.kind is CommandKind.AUTHORISE_START and command.issued_by == "Mme Roy"
    nguyen = next(c for c in console.store.sessions.roster(exam.id) if c.last_name == "Nguyen")
    assert command.args["candidate_id"] == nguyen.id and "Authorised" in panel.message.text()

    select("PC 04")  # nobody fits: nothing is offered until a line is chosen deliberately
    assert panel.choice.editor.currentData() is None and not panel.confirm_button.isEnabled()
    select("PC 01")
    assert "exact match" in panel.choice.editor.currentText() and "differs" not in panel.roster_values[1].text()
    click(qtbot, panel.confirm_button)
    select("PC 02")
    click(qtbot, panel.confirm_button)
    assert panel.authorise_all_button.isEnabled() and "(2)" in panel.authorise_all_button.text()
    panel.invigilator.editor.setCurrentIndex(1)
    click(qtbot, panel.authorise_all_button)
    assert "2 candidate(s) authorised" in panel.message.text()
    for name in ("PC 01", "PC 02"):
        [command] = console.store.commands.pending(kiosks[name])
        assert command.kind is CommandKind.AUTHORISE_START and command.issued_by == "M. Blanc"
    assert console.store.commands.pending(kiosks["PC 04"]) == []
    states = {c.kiosk_id: c.state for c in console.store.checkins.checkins(exam.id)}
    assert states[kiosks["PC 04"]] is CheckInState.UNKNOWN
    assert panel.waiting.text() == "1 waiting for an identity check"
    page.tabs.setCurrentWidget(page.roster)
    assert not panel.timer.isActive()


def test_a_successful_import_is_not_drawn_as_an_error(qtbot, page, tmp_path):
    create(qtbot, page)
    (tmp_path / "bad.csv").write_text("nom,prenom\nA,B\n", encoding="utf-8")
    page.roster.import_file(tmp_path / "bad.csv")
    assert page.roster.summary.property("role") == "error" and "lacks the column(s) last_name" in \
        page.roster.problems.item(0).text()
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    page.roster.import_file(tmp_path / "roster.csv")
    assert page.roster.summary.property("role") == "" and "3 candidate(s) imported" in page.roster.summary.text()
    assert not page.roster.summary.text().startswith("⚠")
