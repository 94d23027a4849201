"""The authority of an exam at the workstation: nothing starts, resumes or settles a report
without the invigilator's code, and every code typed is journalled."""

from __future__ import annotations

import datetime as dt

import pytest

from itembank.profile import ExamProfile
from itembank.synth import synthetic_bank
from kiosk.core.candidate import Candidate
from kiosk.core.session import AttemptInfo, AttemptMode, ExamSession, State
from kiosk.guard.unlock import UNLOCK_FILE, UnlockGate, set_unlock_code
from kiosk.workstation_authority import BY, CodeAnswer, Waiting, WorkstationAuthority
from protocol.keys import ScryptParams
from tests.kiosk.fakes import FakeClock, MemoryJournal, RecordingSink, SequentialEngine, SourceItems

CODE = "surveillant-2026"


@pytest.fixture(scope="module")
def items():
    return SourceItems(synthetic_bank(64, seed=4))


@pytest.fixture
def exam(tmp_path, items):
    """(session, authority, clock) of an exam attempt that waits at check-in."""
    set_unlock_code(tmp_path, CODE, ScryptParams(n=2**14))
    clock = FakeClock()
    authority = WorkstationAuthority(UnlockGate(tmp_path, clock=clock.monotonic))
    info = AttemptInfo("att-w", AttemptMode.EXAM, 9, {"id": "synth", "version": 1},
                       ExamProfile(length=4, duration_minutes=30, min_treated=1), "kiosk-w")
    journal = MemoryJournal(clock)
    session = ExamSession(attempt=info, bank=items, engine_factory=lambda seed: SequentialEngine(items.metas, 4, seed),
                          journal=journal, clock=clock, authority=authority, results=RecordingSink())
    authority.attach(session)
    session.open_check_in()
    session.submit_check_in(Candidate("Martin", "Léa", dt.date(2009, 5, 17), "12345", "PVXB89"), "fr")
    return session, authority, clock


def guard_payloads(session, kind):
    return [e.payload for e in session.events if e.kind == "guard" and e.payload["type"] == kind]


def test_the_start_waits_for_the_invigilators_code(exam):
    session, authority, _ = exam
    assert session.state is State.AWAITING_AUTHORISATION and authority.waiting is Waiting.START
    assert authority.authorise("not-the-code") == CodeAnswer(False)
    assert session.state is State.AWAITING_AUTHORISATION
    wrong = guard_payloads(session, "unlock-code-wrong")
    assert wrong[0]["failures"] == 1 and wrong[0]["purpose"] == "start" and wrong[0]["severity"] == "warning"
    assert authority.authorise(CODE).accepted
    assert session.state is State.ENVIRONMENT_CHECK and authority.waiting is Waiting.NOTHING
    authorised = next(e for e in session.events if e.kind == "authorised")
    assert authorised.payload["by"] == BY and authorised.payload["resume"] is False
    assert guard_payloads(session, "unlock-code-accepted")[0]["purpose"] == "start"
    assert authority.authorise(CODE) == CodeAnswer(False)  # nothing to allow any more: not even tried
    assert len(guard_payloads(session, "unlock-code-accepted")) == 1


def test_an_empty_code_is_not_tried_nor_counted(exam):
    session, authority, _ = exam
    assert authority.authorise("   ") == CodeAnswer(False, empty=True)
    assert authority.gate.failures == 0 and guard_payloads(session, "unlock-code-wrong") == []


def test_wrong_codes_make_the_next_tries_wait(exam):
    session, authority, clock = exam
    for _ in range(3):
        assert not authority.authorise("wrong-wrong").accepted
    throttled = authority.authorise(CODE)  # the right code, but during the wait: not tried
    assert not throttled.accepted and throttled.wait_s == pytest.approx(2.0)
    assert session.state is State.AWAITING_AUTHORISATION
    assert [p["failures"] for p in guard_payloads(session, "unlock-code-wrong")] == [1, 2, 3]
    clock.advance(2.5)
    assert authority.authorise(CODE).accepted and session.state is State.ENVIRONMENT_CHECK


def test_the_wait_survives_a_restart(exam, tmp_path):
    _, authority, clock = exam
    for _ in range(3):
        authority.authorise("wrong-wrong")
    again = WorkstationAuthority(UnlockGate(tmp_path, clock=clock.monotonic))
    assert again.gate.failures == 3 and again.gate.retry_after() == pytest.approx(2.0)


def test_an_unreadable_code_file_is_said_not_counted(exam, tmp_path):
    session, authority, _ = exam
    (tmp_path / UNLOCK_FILE).write_text("{broken", encoding="utf-8")
    assert authority.authorise(CODE) == CodeAnswer(False, unreadable=True)
    assert session.state is State.AWAITING_AUTHORISATION and guard_payloads(session, "unlock-code-wrong") == []


def to_question(session, authority):
    authority.authorise(CODE)
    session.environment_checked([])
    session.start_test()
    if session.state is State.FOCUS_WARNING:
        session.acknowledge_focus_warning()


def test_a_reported_problem_is_settled_with_the_code(exam):
    session, authority, _ = exam
    to_question(session, authority)
    first = session.question.item.id
    session.report_problem("the picture is missing")
    assert session.state is State.PROBLEM_REPORTED and authority.waiting is Waiting.PROBLEM
    assert authority.problem == (1, first)
    assert not authority.resolve_problem("wrong-wrong", validated=True).accepted
    assert session.state is State.PROBLEM_REPORTED
    assert guard_payloads(session, "unlock-code-wrong")[-1]["purpose"] == "problem-validated"
    assert authority.resolve_problem(CODE, validated=False).accepted  # dismissed: the candidate answers it
    assert session.state is State.QUESTION and session.question.item.id == first
    assert authority.waiting is Waiting.NOTHING and authority.problem is None
    session.report_problem()
    assert authority.resolve_problem(CODE, validated=True).accepted
    resolved = [e.payload for e in session.events if e.kind == "problem-resolved"]
    assert [(r["validated"], r["by"]) for r in resolved] == [(False, BY), (True, BY)]
    assert session.number == 1 and (session.question is None or session.question.item.id != first)


def test_a_restart_needs_the_code_again(exam, items):
    session, authority, clock = exam
    to_question(session, authority)
    restarted = WorkstationAuthority(authority.gate)
    again = ExamSession.restore(list(session.events), None, bank=items, journal=MemoryJournal(clock), clock=clock,
                                engine_factory=lambda seed: SequentialEngine(items.metas, 4, seed),
                                authority=restarted, results=RecordingSink())
    restarted.attach(again)
    again.request_resume()
    assert again.state is State.AWAITING_AUTHORISATION and restarted.waiting is Waiting.RESUME
    assert not restarted.authorise("wrong-wrong").accepted
    assert restarted.authorise(CODE).accepted
    assert [p["purpose"] for p in guard_payloads(again, "unlock-code-wrong")] == ["resume"]
    authorised = [e.payload for e in again.events if e.kind == "authorised"]
    assert authorised[-1] == {"by": BY, "resume": True, "elapsed": authorised[-1]["elapsed"]}
