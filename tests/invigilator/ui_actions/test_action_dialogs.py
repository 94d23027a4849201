"""Every action dialog driven through its real widgets, over a real console store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from invigilator.core.alerts import AlertKind
from invigilator.core.commands import CommandKind
from invigilator.core.kiosks import KioskStatus


def pending(room, kiosk_id, *, since_setup=True):
    """The kiosk's pending commands, less the pause the ``paused`` fixture gave."""
    return [c for c in room.store.commands.pending(kiosk_id) if not (since_setup and c.issued_by == "M. Blanc"
                                                                     and c.args.get("note") == "fire drill")]


def click(qtbot, button):
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_dialog(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def paused(room, three):
    """PC-01 paused in a test, with a focus loss and a problem report open."""
    _people, kiosks = three
    k = kiosks[0]
    room.store.kiosks.heard(k, room.clock(), KioskStatus("paused", "cand-1", "att-1", 7, 32, 1800.0))
    room.store.commands.issue(CommandKind.PAUSE, k, {"note": "fire drill"}, room.clock(), "M. Blanc")
    focus = room.store.alerts.raise_alert(k, AlertKind.FOCUS_LOST, room.clock.tick(), "att-1", {"number": 7})
    problem = room.store.alerts.raise_alert(k, AlertKind.PROBLEM_REPORTED, room.clock.tick(), "att-1",
                                            {"number": 6, "item_id": "x", "comment": "l'image ne s'affiche pas"})
    return k, [focus, problem]


def test_resume_says_why_shows_every_alert_and_stays_disabled_until_each_is_ticked(room, paused, dispatcher, qtbot):
    kiosk, alerts = paused
    dialog = open_dialog(qtbot, dispatcher.dialog_for(kiosk, "resume"))
    assert "paused" in dialog.why.text() and "fire drill" in dialog.why.text() and "M. Blanc" in dialog.why.text()
    assert dialog.alerts.list.count() == 2 and "candidate's note: l'image ne s'affiche pas" in \
        dialog.alerts.list.item(1).text()
    assert not dialog.act.isEnabled()
    assert dialog.cancel.isDefault() and not dialog.act.isDefault() and not dialog.act.autoDefault()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter never resumes
    assert dialog.result() == QDialog.DialogCode.Rejected and pending(room, kiosk) == []
    dialog = open_dialog(qtbot, dispatcher.dialog_for(kiosk, "resume"))
    dialog.alerts.list.setFocus()
    dialog.alerts.list.setCurrentRow(0)
    click(qtbot, dialog.alerts.tick_all)  # the keyboard's way: the button ticks the selected alert and moves on
    assert dialog.alerts.acknowledged() == [alerts[0].id] and not dialog.act.isEnabled()
    click(qtbot, dialog.alerts.tick_all)
    assert dialog.act.isEnabled()
    late = room.store.alerts.raise_alert(kiosk, AlertKind.GUARD, room.clock.tick(), "att-1", {"detail": "a phone"})
    dialog.by.setCurrentText("Mme Roy")
    click(qtbot, dialog.act)  # refused by the room: an alert came in after the list was drawn
    assert dialog.isVisible() and dialog.error.isVisible() and late.id in dialog.error.text()
    assert dialog.alerts.list.count() == 3 and dialog.alerts.acknowledged() == [] and not dialog.act.isEnabled()
    assert pending(room, kiosk) == []
    for alert in (*alerts, late):
        dialog.alerts.tick(alert.id)
    click(qtbot, dialog.act)
    assert dialog.result() == QDialog.DialogCode.Accepted and "3 alert(s) acknowledged" in dialog.done_text
    (resume,) = pending(room, kiosk)
    assert resume.kind is CommandKind.RESUME and resume.issued_by == "Mme Roy"
    assert all(a.handled_by == "Mme Roy" for a in room.store.alerts.alerts(kiosk_id=kiosk))


def test_a_kiosk_back_from_a_restart_gets_an_authorised_resume(room, three, dispatcher, qtbot):
    kiosk = three[1][1]
    room.store.kiosks.heard(kiosk, room.clock(), KioskStatus("awaiting-authorisation", "cand-2", "att-2"))
    dialog = open_dialog(qtbot, dispatcher.dialog_for(kiosk, "resume"))
    assert not dialog.alerts.isVisible() and dialog.act.isEnabled() and "waiting for an authorisation" in \
        dialog.why.text()
    click(qtbot, dialog.act)
    assert [c.kind for c in pending(room, kiosk)] == [CommandKind.AUTHORISE_RESUME]


def test_pause_and_resume_every_kiosk(room, three, dispatcher, qtbot):
    kiosks = three[1]
    for k in kiosks[:2]:
        room.store.kiosks.heard(k, room.clock(), KioskStatus("question", None, f"att-{k[:4]}", 3, 32, 900.0))
    dialog = open_dialog(qtbot, dispatcher.dialog_for("*", "pause"))
    assert dialog.act.isDefault()  # a pause is harmless: Enter pauses
    dialog.by.setCurrentText("Mme Roy")
    qtbot.keyClick(dialog.by, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and "2 kiosk(s)" in dialog.done_text
    assert [len(pending(room, k)) for k in kiosks] == [1, 1, 0, 0]
    alert = room.store.alerts.raise_alert(kiosks[1], AlertKind.OFFLINE, room.clock())
    dialog = open_dialog(qtbot, dispatcher.dialog_for("*", "resume"))
    assert dialog.alerts.list.count() == 1 and not dialog.act.isEnabled()
    dialog.alerts.tick(alert.id)
    click(qtbot, dialog.act)
    assert [len(pending(room, k)) for k in kiosks] == [2, 2, 0, 0]


def test_add_time_needs_a_purpose_and_a_compensation_says_why(room, three, dispatcher, qtbot):
    kiosk = three[1][0]
    dialog = open_dialog(qtbot, dispatcher.dialog_for(kiosk, "add-time"))
    dialog.by.setCurrentText("Mme Roy")
    click(qtbot, dialog.act)
    assert "Choose the purpose" in dialog.error.text() and pending(room, kiosk) == []
    dialog.purposes["compensation"].setChecked(True)
    dialog.minutes.setValue(12)
    click(qtbot, dialog.act)
    assert "a compensation says what time was lost to" in dialog.error.text()
    qtbot.keyClicks(dialog.note.edit, "coupure de courant")
    click(qtbot, dialog.act)
    (command,) = pending(room, kiosk)
    assert command.args == {"minutes": 12, "purpose": "compensation", "note": "coupure de courant"}


def test_end_needs_a_reason_fraud_a_note_and_enter_cancels(room, three, dispatcher, qtbot):
    kiosk = three[1][0]
    dialog = open_dialog(qtbot, dispatcher.dialog_for(kiosk, "end"))
    assert dialog.cancel.isDefault() and not dialog.act.isDefault()
    dialog.by.setCurrentText("Mme Roy")
    click(qtbot, dialog.act)
    assert "Choose the reason" in dialog.error.text()
    dialog.reasons["fraud"].setChecked(True)
    click(qtbot, dialog.act)
    assert "say what was seen" in dialog.error.text() and pending(room, kiosk) == []
    dialog.reasons["technical"].setChecked(True)
    click(qtbot, dialog.act)
    assert [(c.kind, c.args["reason"]) for c in pending(room, kiosk)] == [(CommandKind.END, "technical")]


def test_lock_and_unlock(room, three, dispatcher, qtbot):
    kiosk = three[1][2]
    for action in ("lock", "unlock"):
        room.clock.tick()
        dialog = open_dialog(qtbot, dispatcher.dialog_for(kiosk, action))
        dialog.by.setCurrentText("M. Blanc")
        click(qtbot, dialog.act)
    assert [c.kind for c in pending(room, kiosk)] == [CommandKind.LOCK, CommandKind.UNLOCK]


def test_a_command_without_an_invigilators_name_is_refused(room, three, dispatcher, qtbot):
    kiosk = three[1][2]
    dialog = open_dialog(qtbot, dispatcher.dialog_for(kiosk, "lock"))
    dialog.by.setCurrentText("   ")
    click(qtbot, dialog.act)
    assert "which invigilator" in dialog.error.text() and pending(room, kiosk) == []


def test_the_problem_dialog_shows_the_question_from_the_bank_and_the_candidates_note(room, three, dispatcher, qtbot):
    _people, kiosks = three
    kiosk = kiosks[0]
    room.console.store.sessions.session("S-2026-0615")
    from invigilator.room_actions import RoomActions

    RoomActions(room.console).authorise_start(kiosk, "cand-1", "Mme Roy", attempt_id="att-1")
    bank = room.open_bank(room.bank.id)
    item = bank.item(bank.metas[0].id)
    report = room.store.alerts.raise_alert(kiosk, AlertKind.PROBLEM_REPORTED, room.clock(), "att-1",
                                           {"number": 4, "item_id": item.id, "comment": "Deux réponses sont justes"})
    dialog = open_dialog(qtbot, dispatcher.dialog_for(kiosk, "problem"))
    text = dialog.question.toPlainText()
    assert item.statement.fr in text and item.id in text
    assert dialog.note_label.text() == "Deux réponses sont justes"
    assert dialog.cancel.isDefault() and not dialog.act.isDefault() and not dialog.dismiss.isDefault()
    dialog.by.setCurrentText("Mme Roy")
    click(qtbot, dialog.dismiss)
    assert dialog.result() == QDialog.DialogCode.Accepted and "dismissed" in dialog.done_text
    decided = [c for c in pending(room, kiosk) if c.kind in (CommandKind.VALIDATE_PROBLEM,
                                                               CommandKind.DISMISS_PROBLEM)]
    assert [(c.kind, c.args["number"]) for c in decided] == [(CommandKind.DISMISS_PROBLEM, 4)]
    assert room.store.alerts.alerts(kiosk_id=kiosk)[0].id == report.id
    again = open_dialog(qtbot, dispatcher.dialog_for(kiosk, "problem"))
    assert not again.act.isEnabled() and "no open problem report" in again.error.text()


def test_move_offers_only_free_pcs_and_needs_the_old_kiosks_alerts_read(room, three, dispatcher, qtbot):
    people, kiosks = three
    old, busy, spare = kiosks[0], kiosks[1], kiosks[3]
    from invigilator.room_actions import RoomActions

    RoomActions(room.console).authorise_start(old, "cand-1", "Mme Roy", attempt_id="att-11")
    attempt = room.play(old, people[0], seed=11, stop_after=4, finished=False)
    room.store.kiosks.heard(old, room.clock(), KioskStatus("question", "cand-1", attempt, 5, 32, 900.0))
    room.store.kiosks.heard(busy, room.clock(), KioskStatus("question", "cand-2", "att-x", 5, 32, 900.0))
    offline = room.store.alerts.raise_alert(old, AlertKind.OFFLINE, room.clock(), attempt)
    dialog = open_dialog(qtbot, dispatcher.dialog_for(old, "move"))
    names = [dialog.spares.item(i).text().split(" — ")[0] for i in range(dialog.spares.count())]
    assert names == ["PC-03", "PC-SPARE"] and dialog.attempt_id == attempt
    assert not dialog.act.isEnabled() and dialog.cancel.isDefault()
    dialog.choose(spare)
    assert not dialog.act.isEnabled()
    for alert in room.store.alerts.alerts(open_only=True, kiosk_id=old):
        dialog.alerts.tick(alert.id)
    dialog.by.setCurrentText("Mme Roy")
    click(qtbot, dialog.act)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    assert [c.kind for c in pending(room, spare)] == [CommandKind.AUTHORISE_MOVE]
    assert pending(room, old)[-1].kind is CommandKind.LOCK
    assert room.store.alerts.alerts(kiosk_id=old)[0].id == offline.id


def test_an_incident_is_recorded_in_domains_categories_and_shows_in_the_session_report(room, three, dispatcher,
                                                                                          qtbot):
    _people, kiosks = three
    room.store.kiosks.heard(kiosks[1], room.clock(), KioskStatus("question", "cand-2", "att-2", 5, 32, 900.0))
    dialog = open_dialog(qtbot, dispatcher.dialog_for(kiosks[1], "incident"))
    assert dialog.category.count() == 9 and dialog.candidate.currentData() == "cand-2"  # the kiosk's candidate
    dialog.select("signature")
    assert not dialog.sub_reason.isEnabled()
    dialog.select("in-question", "embed")
    assert dialog.sub_reason.isEnabled() and dialog.sub_reason.count() == 6
    dialog.note.edit.insertPlainText("la vidéo de la question 9 ne se lance pas")
    dialog.by.setCurrentText("M. Blanc")
    click(qtbot, dialog.act)
    (incident,) = room.store.incidents.incidents("S-2026-0615")
    assert (incident.category, incident.sub_reason, incident.candidate_id, incident.kiosk_id, incident.attempt_id) \
        == ("in-question", "embed", "cand-2", kiosks[1], "att-2")
    fraud = open_dialog(qtbot, dispatcher.dialog_for("*", "incident"))
    fraud.select("fraud")
    click(qtbot, fraud.act)
    assert "needs a note" in fraud.error.text()
    from invigilator.finalise import SessionClosing
    from invigilator.package import report_data

    for alert in room.store.alerts.alerts(open_only=True):
        room.store.alerts.handle(alert.id, room.clock(), "Mme Roy", "seen")
    room.store.kiosks.heard(kiosks[1], room.clock(), KioskStatus("idle"))
    SessionClosing(room.console, room.keys, room.open_bank).finalise("S-2026-0615", comment="", by="Mme Roy",
                                                                      candidate_comments={}, abort_reasons={})
    data = report_data(room.console, "S-2026-0615", room.store.finalisations.get("S-2026-0615"))
    assert [(i.category, i.sub_reason, i.candidate) for i in data.incidents] == [("in-question", "embed",
                                                                                   "N'DIAYE Awa")]


def test_the_dispatcher_refuses_unknown_actions_and_reports_what_was_done(room, three, dispatcher, qtbot):
    kiosk = three[1][0]
    with pytest.raises(ValueError, match="unknown action 'reboot'"):
        dispatcher.dialog_for(kiosk, "reboot")
    with pytest.raises(ValueError, match="to one kiosk"):
        dispatcher.dialog_for("*", "end")

    def answer(accept: bool):
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        dialog.by.setCurrentText("Mme Roy")
        (dialog.act if accept else dialog.cancel).click()

    QTimer.singleShot(50, lambda: answer(False))
    assert dispatcher.run(kiosk, "lock") is False
    with qtbot.waitSignal(dispatcher.performed) as seen:
        QTimer.singleShot(50, lambda: answer(True))
        assert dispatcher.run(kiosk, "lock") is True
    assert seen.args[:2] == [kiosk, "lock"] and dispatcher.invigilator == "Mme Roy"
    assert dispatcher.invigilators()[0] == "Mme Roy"


def test_a_kiosk_the_room_no_longer_knows_is_said_not_raised(room, three, dispatcher, qtbot):
    with qtbot.waitSignal(dispatcher.failed) as seen:
        assert dispatcher.run("f" * 32, "pause") is False
    assert seen.args[:2] == ["f" * 32, "pause"] and "f" * 32 in seen.args[2]
