"""Check-in across the room: what the candidate typed at a real kiosk link reaches the console in its sync,
is matched against the roster, confirmed by the invigilator and authorised; refusals come back with a reason."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random

import pytest

from invigilator.core.center import Bank, SessionStatus, TrustedPublisher
from invigilator.core.checkin import CheckInState
from invigilator.core.roster import Candidate as RosterLine
from kiosk.core.candidate import Candidate
from kiosk.core.session import State
from protocol.keys import KeyPair
from tests.room.conftest import Console, Kiosk, now, wait_for


@pytest.fixture
def planned(console: Console, tmp_path):
    """A planned (not yet open) session on an imported bank, with two roster lines."""
    store = console.store
    assert store is not None
    data = os.urandom(20_000)
    path = tmp_path / "demo.pbank"
    path.write_bytes(data)
    publisher = KeyPair.generate("publisher")
    t = now()
    store.sessions.trust_publisher(TrustedPublisher(publisher.public.signing_id, "Éditeur", "pub", t))
    store.sessions.add_bank(Bank("demo-1", "Démo", publisher.public.signing_id, hashlib.sha256(data).hexdigest(), t))
    console.banks["demo-1"] = path
    console.bank_keys["demo-1"] = os.urandom(32)
    session = store.sessions.create_session("demo-1", "certification", t.date(), "Salle 1", t, random.Random(1))
    store.sessions.add_candidates([
        RosterLine.create("cand-1", session.id, "N'Diaye", "Awa-Léa", dt.date(2009, 5, 17), extra_time_minutes=10),
        RosterLine.create("cand-2", session.id, "Martin", "Paul", dt.date(2008, 1, 2))])
    return session


def test_a_kiosk_check_in_is_refused_until_open_then_matched_confirmed_and_authorised(console: Console, kiosk: Kiosk,
                                                                                      planned) -> None:
    store = console.store
    assert store is not None
    s = kiosk.session
    s.open_check_in()
    s.submit_check_in(Candidate("ndiaye", "awa lea", dt.date(2009, 5, 17), planned.id, planned.access_code), "fr")
    answer = wait_for(lambda: kiosk.link.check_in_answer, "the console's answer to the check-in")
    assert (answer.state, answer.reason) == ("refused", "session-not-open") and answer.message
    assert store.checkins.checkins(planned.id)[0].state is CheckInState.REFUSED

    store.sessions.set_status(planned.id, SessionStatus.OPEN, now())
    answer = wait_for(lambda: (a := kiosk.link.check_in_answer) is not None and a.state == "waiting" and a,
                      "the check-in to be taken once the session is open")
    assert answer.reason is None
    [checkin] = store.checkins.checkins(planned.id)
    assert checkin.kiosk_id == kiosk.id and checkin.attempt_id == kiosk.attempt
    assert (checkin.typed.last_name, checkin.typed.first_name) == ("ndiaye", "awa lea")
    assert [(p.candidate_id, p.exact) for p in checkin.proposals] == [("cand-1", True)]
    assert checkin.candidate_id is None  # proposed, never accepted alone

    store.checkins.confirm(kiosk.id, kiosk.attempt, "cand-1", "Mme Roy", now())
    wait_for(lambda: (a := kiosk.link.check_in_answer) is not None and a.state == "confirmed",
             "the kiosk to hear that its candidate's identity was confirmed")
    done = store.checkins.authorise(kiosk.id, kiosk.attempt, now(), "Mme Roy")

    def obeyed():
        kiosk.link.drain()
        return next((r for r in kiosk.link.results if r.command_id == done.issued.command.id), None)
    result = wait_for(obeyed, "the authorisation to be obeyed")
    assert result.disposition.value == "applied"
    assert s.state is State.ENVIRONMENT_CHECK and kiosk.link.candidate_id == "cand-1"
    assert kiosk.authorised and kiosk.authorised[0].id == done.issued.command.id
    # authorised: the kiosk stops sending its check-in
    wait_for(lambda: kiosk.book.outgoing().request.check_in is None, "the check-in to stop travelling")
    assert store.checkins.checkin(kiosk.id, kiosk.attempt).state is CheckInState.AUTHORISED


def test_a_wrong_access_code_is_refused_with_its_reason(console: Console, kiosk: Kiosk, planned) -> None:
    assert console.store is not None
    console.store.sessions.set_status(planned.id, SessionStatus.OPEN, now())
    wrong = "BBBB22" if planned.access_code != "BBBB22" else "CCCC33"
    kiosk.session.open_check_in()
    kiosk.session.submit_check_in(Candidate("Martin", "Paul", dt.date(2008, 1, 2), planned.id, wrong), "fr")
    answer = wait_for(lambda: kiosk.link.check_in_answer, "the console's answer")
    assert (answer.state, answer.reason) == ("refused", "wrong-code")
    [checkin] = console.store.checkins.checkins()
    assert checkin.session_id is None and checkin.proposals == ()
    assert console.store.commands.pending(kiosk.id) == []
