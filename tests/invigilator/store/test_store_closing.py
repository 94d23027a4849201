"""Incidents and finalisations in the store, on SQLite and PostgreSQL: attempts placed by their check-in,
running tests and open alerts found, one signed finalisation per session that closes it."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from invigilator.core.alerts import AlertKind
from invigilator.core.center import Bank, SessionStatus, TrustedPublisher
from invigilator.core.finalisation import Finalisation, Outcome, finalise, preview
from invigilator.core.kiosks import KioskStatus
from invigilator.core.roster import Candidate
from invigilator.errors import FinalisationError, IncidentError, RosterError

DAY = dt.date(2026, 6, 15)


@pytest.fixture
def session(store, t0):
    store.sessions.trust_publisher(TrustedPublisher("b" * 32, "Éditions Exemple", "pub", t0))
    store.sessions.add_bank(Bank("demo", "Demo bank", "b" * 32, "c" * 64, t0))
    exam = store.sessions.create_session("demo", "certification", DAY, "B12", t0, random.Random(1), session_id="S1",
                                         invigilators=("Mme Roy",))
    store.sessions.set_status("S1", SessionStatus.OPEN, t0)
    store.sessions.add_candidates([Candidate.create("c1", "S1", "Martin", "Léa", dt.date(2009, 5, 17)),
                                   Candidate.create("c2", "S1", "N'Diaye", "Awa", dt.date(2008, 3, 17)),
                                   Candidate.create("c3", "S1", "Durand", "Jean", dt.date(2009, 1, 1))])
    return exam


def journal(make_chain, attempt, name, born, *, session="S1", end=None):
    steps = [("attempt-created", {"attempt_id": attempt}),
             ("checked-in", {"candidate": {"last_name": name[0], "first_name": name[1], "birth_date": born,
                                           "session_number": session, "access_code": "PVXB89"}}),
             ("test-started", {})]
    if end:
        steps.append(("finished", {"reason": end, "treated": 32, "result": None}))
    return make_chain(attempt, steps)


def test_incidents_are_recorded_for_a_session_and_listed_in_order(store, session, enrol, t0):
    kiosk = enrol(1)
    first = store.incidents.record("S1", "late-or-leaving", None, "", "Mme Roy", t0 + dt.timedelta(minutes=5),
                                   candidate_id="c2")
    second = store.incidents.record("S1", "in-question", "image", "image of Q7 missing", "Mme Roy", t0,
                                    kiosk_id=kiosk, candidate_id="c1", attempt_id="att-1")
    assert [i.id for i in store.incidents.incidents("S1")] == [second.id, first.id]
    held = store.incidents.incidents("S1")[0]
    assert (held.category, held.sub_reason, held.kiosk_id, held.note) == ("in-question", "image", kiosk,
                                                                          "image of Q7 missing")
    with pytest.raises(IncidentError, match="session 'S9' does not exist"):
        store.incidents.record("S9", "other", None, "x", "Mme Roy", t0)
    with pytest.raises(IncidentError, match="not on the roster of session S1"):
        store.incidents.record("S1", "other", None, "x", "Mme Roy", t0, candidate_id="someone")
    with pytest.raises(IncidentError, match="not enrolled"):
        store.incidents.record("S1", "other", None, "x", "Mme Roy", t0, kiosk_id="f" * 32)


def test_attempts_are_placed_by_check_in_and_tests_running_and_alerts_found(store, session, enrol, make_chain, t0):
    k1, k2, k3 = enrol(1), enrol(2), enrol(3)
    store.replicas.append(k1, "att-1", journal(make_chain, "att-1", ("MARTIN", "lea", "2009-05-17"),
                                               "2009-05-17", end="completed"), t0)
    store.replicas.append(k2, "att-2", journal(make_chain, "att-2", ("N’Diaye", "Awa", "2008-03-17"),
                                               "2008-03-17"), t0)
    # another session's candidate on PC 3, and a stranger claiming Léa's name with another birth date
    store.replicas.append(k3, "att-3", journal(make_chain, "att-3", ("Martin", "Léa", "x"), "2001-01-01",
                                               session="S2"), t0)
    store.kiosks.heard(k2, t0, KioskStatus("question", "c2", "att-2", 4, 32, 900.0))
    store.kiosks.heard(k3, t0, KioskStatus("question", None, "att-3", 4, 32, 900.0))
    alert = store.alerts.raise_alert(k2, AlertKind.FOCUS_LOST, t0, "att-2", {"number": 4})
    store.alerts.raise_alert(k3, AlertKind.FOCUS_LOST, t0, "att-3", {"number": 2})  # not this session's
    state = store.finalisations.state("S1")
    assert set(state.attempts) == {"c1", "c2"}
    assert state.attempts["c1"].end_reason == "completed" and not state.attempts["c1"].running
    assert state.attempts["c2"].running and state.attempts["c2"].kiosk_name == "PC 02"
    assert list(state.busy) == ["PC 02"] and [a.id for a in state.alerts] == [alert.id]
    draft = preview(state.roster, state.attempts, state.alerts, state.busy, state.kiosk_names)
    assert [line.outcome for line in draft.lines] == [Outcome.ABSENT, Outcome.UNFINISHED, Outcome.RUNNING]
    assert len(draft.blockers) == 2


def test_a_finalisation_is_kept_signed_once_and_closes_the_session(store, session, t0):
    draft = preview(store.sessions.roster("S1"), {}, [], {})
    done = finalise(session, draft, comment="RAS", candidate_comments={"c1": "absente excusée"}, abort_reasons={},
                    by="Mme Roy", now=t0)
    store.finalisations.save(done, b'{"signed": "..."}')
    assert store.sessions.session("S1").status is SessionStatus.CLOSED
    held = store.finalisations.get("S1")
    assert held is not None and held.signed == b'{"signed": "..."}' and held.package_id is None
    assert isinstance(held.finalisation, Finalisation) and held.finalisation.comment == "RAS"
    assert [(line.candidate.id, line.outcome, line.comment) for line in held.finalisation.lines][1] == \
        ("c1", Outcome.ABSENT, "absente excusée")
    with pytest.raises(FinalisationError, match="already finalised"):
        store.finalisations.save(done, b"again")
    with pytest.raises(IncidentError, match="finalised"):
        store.incidents.record("S1", "other", None, "late note", "Mme Roy", t0)
    with pytest.raises(RosterError, match="closed"):
        store.sessions.add_candidates([Candidate.create("c9", "S1", "Late", "Comer", dt.date(2000, 1, 1))])
    store.finalisations.mark_packaged("S1", "d" * 64, t0)
    assert store.finalisations.get("S1").package_id == "d" * 64
    with pytest.raises(FinalisationError, match="not finalised"):
        store.finalisations.mark_packaged("S9", "d" * 64, t0)


def test_two_consoles_finalising_at_once_make_one_finalisation(store, session, db_url, t0):
    import threading

    from invigilator.store import RoomStore

    other = RoomStore.open(db_url)
    try:
        draft = preview(store.sessions.roster("S1"), {}, [], {})
        done = finalise(session, draft, comment="", candidate_comments={}, abort_reasons={}, by="Mme Roy", now=t0)
        outcomes: list[str] = []
        barrier = threading.Barrier(2)

        def save(room, signed):
            barrier.wait()
            try:
                room.finalisations.save(done, signed)
                outcomes.append("saved")
            except FinalisationError as exc:
                outcomes.append(str(exc))

        threads = [threading.Thread(target=save, args=(room, tag)) for room, tag in ((store, b"a"), (other, b"b"))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert sorted(outcomes) == ["saved", "session S1 is already finalised"]
        assert store.finalisations.get("S1").signed in (b"a", b"b")
    finally:
        other.close()
