"""Check-ins in the store (SQLite and PostgreSQL): recorded from syncs, confirmed, authorised through the
authorise-start command."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from invigilator.core.center import Bank, SessionStatus, TrustedPublisher
from invigilator.core.checkin import CheckInState, Refusal, TypedCheckIn
from invigilator.core.commands import CommandKind
from invigilator.core.roster import Candidate
from invigilator.errors import CheckInRefusedError, KioskRevokedError, RosterError


@pytest.fixture
def exam(store, t0):
    store.sessions.trust_publisher(TrustedPublisher("b" * 32, "Éditions Exemple", "pub", t0))
    store.sessions.add_bank(Bank("demo", "Demo bank", "b" * 32, "c" * 64, t0))
    exam = store.sessions.create_session("demo", "certification", t0.date(), "B12", t0, random.Random(3),
                                         invigilators=("Mme Roy",))
    store.sessions.add_candidates([
        Candidate.create("c-lea", exam.id, "Martin", "Léa", dt.date(2009, 5, 17), "INE-1", 10,
                         assistive_programs=["orca"]),
        Candidate.create("c-awa", exam.id, "N'Diaye", "Awa", dt.date(2008, 3, 7), "INE-2")])
    return exam


def typed(exam, last="MARTIN", first="lea", attempt="att-1", code=None) -> TypedCheckIn:
    return TypedCheckIn(attempt, exam.id, code or exam.access_code, last, first, dt.date(2009, 5, 17))


def test_session_numbers_are_digits_a_kiosk_accepts(exam):
    assert exam.id.isdigit() and len(exam.id) == 6


def test_a_check_in_before_the_session_opens_is_refused_then_proposed_once_open(store, exam, enrol, t0):
    kiosk = enrol(1)
    checkin = store.checkins.record(kiosk, typed(exam), t0)
    assert checkin.state is CheckInState.REFUSED and checkin.refusal is Refusal.NOT_OPEN
    store.sessions.set_status(exam.id, SessionStatus.OPEN, t0)
    later = t0 + dt.timedelta(seconds=1)
    checkin = store.checkins.record(kiosk, typed(exam), later)
    assert checkin.state is CheckInState.PROPOSED and checkin.proposals[0].candidate_id == "c-lea"
    assert checkin.received_at == t0  # the same typing: when it first came is kept
    wrong = store.checkins.record(enrol(2), typed(exam, attempt="att-2", code="BBBB22"), later)
    assert wrong.state is CheckInState.REFUSED and wrong.refusal is Refusal.WRONG_CODE and wrong.session_id is None
    # the wrong code names no session, but the number typed shows it to that session's invigilator
    assert [c.attempt_id for c in store.checkins.checkins(exam.id)] == ["att-1", "att-2"]


def test_confirm_and_authorise_issue_the_authorise_start_command(store, exam, enrol, t0):
    store.sessions.set_status(exam.id, SessionStatus.OPEN, t0)
    kiosk, other = enrol(1), enrol(2)
    store.checkins.record(kiosk, typed(exam), t0)
    store.checkins.record(other, typed(exam, "Martn", attempt="att-9"), t0)
    with pytest.raises(CheckInRefusedError, match="only a confirmed"):
        store.checkins.authorise(kiosk, "att-1", t0, "Mme Roy")
    assert store.commands.pending(kiosk) == []
    store.checkins.confirm(kiosk, "att-1", "c-lea", "Mme Roy", t0)
    with pytest.raises(CheckInRefusedError, match="already confirmed at kiosk"):
        store.checkins.confirm(other, "att-9", "c-lea", "Mme Roy", t0)
    done = store.checkins.authorise(kiosk, "att-1", t0, "Mme Roy")
    command = done.issued.command
    assert command.kind is CommandKind.AUTHORISE_START and command.args["candidate_id"] == "c-lea"
    assert command.args["attempt_id"] == "att-1" and command.args["extra_time_minutes"] == 10
    assert "assistive:orca" in command.args["accommodations"]
    held = store.checkins.checkin(kiosk, "att-1")
    assert held.state is CheckInState.AUTHORISED and held.command_id == command.id
    assert [c.id for c in store.commands.pending(kiosk)] == [command.id]
    # the kiosk goes on sending its check-in (and even other typing): the authorisation stands
    assert store.checkins.record(kiosk, typed(exam, "Autre", "Nom"), t0).state is CheckInState.AUTHORISED


def test_an_authorisation_the_command_store_refuses_leaves_the_check_in_confirmed(store, exam, enrol, t0):
    store.sessions.set_status(exam.id, SessionStatus.OPEN, t0)
    kiosk = enrol(1)
    store.checkins.record(kiosk, typed(exam), t0)
    store.checkins.confirm(kiosk, "att-1", "c-lea", "Mme Roy", t0)
    store.kiosks.revoke(kiosk, t0)
    with pytest.raises(KioskRevokedError, match="revoked"):
        store.checkins.authorise(kiosk, "att-1", t0, "Mme Roy")
    assert store.checkins.checkin(kiosk, "att-1").state is CheckInState.CONFIRMED


def test_authorise_every_confirmed_check_in(store, exam, enrol, t0):
    store.sessions.set_status(exam.id, SessionStatus.OPEN, t0)
    k1, k2, k3 = enrol(1), enrol(2), enrol(3)
    store.checkins.record(k1, typed(exam), t0)
    store.checkins.record(k2, TypedCheckIn("att-2", exam.id, exam.access_code, "Ndiaye", "Awa",
                                           dt.date(2008, 3, 7)), t0)
    store.checkins.record(k3, typed(exam, "Inconnu", "Paul", attempt="att-3"), t0)
    store.checkins.confirm(k1, "att-1", "c-lea", "Mme Roy", t0)
    store.checkins.confirm(k2, "att-2", "c-awa", "Mme Roy", t0)
    done, refused = store.checkins.authorise_confirmed(exam.id, t0, "Mme Roy")
    assert sorted(d.checkin.kiosk_id for d in done) == sorted([k1, k2]) and refused == []
    assert store.checkins.checkin(k3, "att-3").state is CheckInState.UNKNOWN
    assert store.commands.pending(k3) == []


def test_an_external_id_is_once_per_session(store, exam, t0):
    with pytest.raises(RosterError, match="INE-1 is already on the roster"):
        store.sessions.add_candidates([Candidate.create("c-x", exam.id, "Petit", "Marc", dt.date(2009, 1, 1),
                                                        "INE-1")])
    awa = next(c for c in store.sessions.roster(exam.id) if c.id == "c-awa")
    with pytest.raises(RosterError, match="INE-1 is already"):
        store.sessions.update_candidate(awa.edited(external_id="INE-1"))
    store.sessions.update_candidate(awa.edited(external_id="INE-2", extra_time_minutes=20))
    assert next(c for c in store.sessions.roster(exam.id) if c.id == "c-awa").extra_time_minutes == 20


def test_a_new_attempt_replaces_the_kiosks_undecided_check_ins_not_the_decided_ones(store, exam, enrol, t0):
    store.sessions.set_status(exam.id, SessionStatus.OPEN, t0)
    kiosk = enrol(1)
    for n in range(50):  # a kiosk inventing attempt ids leaves one row, not fifty
        store.checkins.record(kiosk, typed(exam, "Inconnu", "Paul", attempt=f"att-{n}"), t0)
    assert [c.attempt_id for c in store.checkins.checkins()] == ["att-49"]
    store.checkins.record(kiosk, typed(exam, attempt="att-50"), t0)
    store.checkins.confirm(kiosk, "att-50", "c-lea", "Mme Roy", t0)
    store.checkins.authorise(kiosk, "att-50", t0, "Mme Roy")
    store.checkins.record(kiosk, typed(exam, "N'Diaye", "Awa", attempt="att-51"), t0)
    assert sorted(c.attempt_id for c in store.checkins.checkins()) == ["att-50", "att-51"]


def test_a_waiting_kiosk_repeating_its_check_in_writes_nothing(store, exam, enrol, t0):
    from sqlalchemy import event

    store.sessions.set_status(exam.id, SessionStatus.OPEN, t0)
    kiosk = enrol(1)
    store.checkins.record(kiosk, typed(exam, "Martn"), t0)
    writes = []

    def note(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writes.append(statement)
    event.listen(store.db.engine, "before_cursor_execute", note)
    try:
        for second in range(1, 21):
            store.checkins.record(kiosk, typed(exam, "Martn"), t0 + dt.timedelta(seconds=second))
    finally:
        event.remove(store.db.engine, "before_cursor_execute", note)
    assert writes == []


def test_two_invigilators_confirming_one_candidate_at_two_kiosks_at_once(store, exam, enrol, t0):
    import threading

    store.sessions.set_status(exam.id, SessionStatus.OPEN, t0)
    kiosks = [enrol(1), enrol(2)]
    for n, kiosk in enumerate(kiosks):
        store.checkins.record(kiosk, typed(exam, attempt=f"att-{n}"), t0)
    start, outcomes = threading.Barrier(2), []

    def confirm(n: int) -> None:
        start.wait()
        try:
            store.checkins.confirm(kiosks[n], f"att-{n}", "c-lea", f"Invigilator {n}", t0)
            outcomes.append("confirmed")
        except CheckInRefusedError:
            outcomes.append("refused")
    threads = [threading.Thread(target=confirm, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["confirmed", "refused"]
    assert sum(c.state is CheckInState.CONFIRMED for c in store.checkins.checkins(exam.id)) == 1
