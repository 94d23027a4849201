"""A whole exam through ExamSession on the real journal, a crash mid-test, the bundle, and its verification."""

import datetime as dt
import hashlib

import pytest

from itembank.answers import reference_responses
from itembank.model import Mode, Outcome
from itembank.profile import ExamProfile
from itembank.synth import synthetic_bank
from kiosk.core import events as ev
from kiosk.core.candidate import Candidate
from kiosk.core.session import AttemptInfo, AttemptMode, ExamSession, State
from kiosk.device import load_or_create_device
from kiosk.journal import JournalStore
from kiosk.outbox import BundleWriter, pending
from protocol.bundle import ResultBundle, read_bundle, receipt_code, verify_bundle
from tests.kiosk.fakes import FakeClock, ManualAuthority, SequentialEngine, SourceItems

CANDIDATE = Candidate("Martin", "Léa", dt.date(2009, 5, 17), "12345", "PVXB89")
BANK_REF = {"id": "synth-96-11", "version": 1, "manifest_sha256": hashlib.sha256(b"manifest").hexdigest()}
PROFILE = ExamProfile(length=6, duration_minutes=10, min_treated=1)


@pytest.fixture(scope="module")
def bank():
    return SourceItems(synthetic_bank(96, seed=11))


class KioskStart:
    """One start of the kiosk program: the device from disk, the store, the writer, the session's ports."""

    def __init__(self, data_dir, clock, bank):
        self.device = load_or_create_device(data_dir, name="kiosk-07", machine_secret=lambda: "machine-A")
        self.store = JournalStore(data_dir, self.device, clock)
        self.writer = BundleWriter(data_dir, self.device, self.store)
        self.authority = ManualAuthority()
        self.clock, self.bank, self.engines = clock, bank, []

    def engine(self, seed):
        engine = SequentialEngine(self.bank.metas, PROFILE.length, seed)
        self.engines.append(engine)
        return engine

    def ports(self, journal):
        return dict(bank=self.bank, engine_factory=self.engine, journal=journal, clock=self.clock,
                    authority=self.authority, results=self.writer)

    def new_session(self, attempt_id="att-1"):
        journal = self.store.create_attempt(attempt_id)
        attempt = AttemptInfo(attempt_id, AttemptMode.EXAM, 42, BANK_REF, PROFILE, self.device.name)
        return ExamSession(attempt=attempt, **self.ports(journal))

    def restore(self, attempt_id="att-1"):
        journal = self.store.open_attempt(attempt_id)
        return ExamSession.restore(journal.events(), journal.checkpoint_value(), **self.ports(journal))


def play(session, clock, questions):
    """Answer ``questions`` questions: right on odd numbers, skipped on even ones, with heartbeats."""
    for _ in range(questions):
        if session.state is State.FOCUS_WARNING:
            session.acknowledge_focus_warning()
        for _ in range(8):
            clock.advance(2.5)
            session.tick()
        if session.number % 2:
            session.answer(reference_responses(session.question.item, session.locale)[0])
        else:
            session.skip()
        if session.state is State.FINISHED:
            return


def begin(session):
    session.open_check_in()
    session.submit_check_in(CANDIDATE, "fr")
    session.authorise(by="invigilator")
    session.environment_checked([])
    session.start_test()
    if session.state is State.FOCUS_WARNING:
        session.acknowledge_focus_warning()


def resume(session):
    session.request_resume()
    session.authorise(by="invigilator")
    session.environment_checked([])
    if session.state is State.FOCUS_WARNING:
        session.acknowledge_focus_warning()


def test_whole_exam_with_a_crash_then_a_verified_bundle(tmp_path, bank):
    clock = FakeClock()
    first = KioskStart(tmp_path, clock, bank)
    session = first.new_session()
    begin(session)
    play(session, clock, 2)
    # a problem with question 3, validated: neutralised and replaced under the same number
    session.report_problem("l'image ne s'affiche pas")
    session.resolve_problem(validated=True, by="invigilator")
    if session.state is State.FOCUS_WARNING:
        session.acknowledge_focus_warning()
    session.focus_lost("xterm")
    clock.advance(3)
    session.focus_regained()
    for _ in range(6):
        clock.advance(0.5)
        session.tick()
    on_screen, used = session.question.item.id, session.elapsed()
    treated = [(t.item_id, t.outcome, t.response) for t in session.treated]
    assert len(treated) == 3 and treated[2][1] is None  # two answers and the neutralised question

    clock.advance(90)  # the kiosk crashes (nothing is closed) and is down for a minute and a half
    again = KioskStart(tmp_path, clock, bank)
    unfinished = again.store.unfinished_attempts()
    assert [a.attempt_id for a in unfinished] == ["att-1"]
    assert unfinished[0].submitted_at is None and unfinished[0].exported_at is None
    assert unfinished[0].receipt_verified_at is None  # restored answers are never marked as sent
    restored = again.restore()
    assert restored.state is State.RECOVERING
    assert restored.question.item.id == on_screen
    assert [(t.item_id, t.outcome, t.response) for t in restored.treated] == treated
    assert restored.candidate == CANDIDATE
    resume(restored)
    assert restored.state is State.QUESTION and restored.question.item.id == on_screen
    assert restored.remaining() == pytest.approx(600 - used, abs=1.0)
    assert restored.compensated_seconds == pytest.approx(90, abs=1.0)
    play(restored, clock, PROFILE.length)
    assert restored.state is State.FINISHED
    assert again.store.attempt("att-1").status == "finished" and pending(tmp_path) == []

    code = restored.submit()
    assert restored.state is State.SUBMITTED and restored.receipt == code
    record = again.store.attempt("att-1")
    assert record.status == "submitted" and record.receipt_code == code
    path = tmp_path / "outbox" / "att-1.pbundle"
    data = path.read_bytes()
    assert record.bundle_id == hashlib.sha256(data).hexdigest() and code == receipt_code(record.bundle_id)
    assert [p.attempt_id for p in pending(tmp_path)] == ["att-1"]  # written, not acknowledged

    envelope = read_bundle(data)
    result = verify_bundle(envelope, [again.device.public])
    assert result.ok, result.reasons
    bundle = ResultBundle.from_dict(envelope.signed)
    summary = restored.summary()
    assert bundle.questions == summary["questions"] and bundle.candidate == CANDIDATE.to_dict()
    assert bundle.session == "12345" and bundle.bank == BANK_REF and bundle.seed == 42
    assert bundle.end_reason == "completed" and bundle.result == summary["result"]
    assert bundle.time["compensated_s"] == pytest.approx(90, abs=1.0)
    assert bundle.journal_head == restored.events[-2].hash  # the last entry before "submitted"
    assert [e.kind for e in bundle.events].count(ev.RECOVERED) == 1
    assert [q["outcome"] for q in bundle.questions].count("neutralised") == 1
    crashed_on = next(q for q in bundle.questions if q["item_id"] == on_screen)
    assert crashed_on["focus_out_s"] == pytest.approx(3)  # the focus loss before the crash is kept

    third = KioskStart(tmp_path, clock, bank)
    assert third.store.unfinished_attempts() == []
    events = third.store.open_attempt("att-1").events()
    assert events[-1].kind == ev.SUBMITTED and events[-1].payload["receipt"] == code
    for start in (first, again, third):
        start.store.close()


def test_a_crash_between_the_bundle_and_the_journal_gives_the_same_receipt(tmp_path, bank):
    clock = FakeClock()
    first = KioskStart(tmp_path, clock, bank)
    session = first.new_session()
    begin(session)
    play(session, clock, PROFILE.length)
    assert session.state is State.FINISHED
    code = first.writer.submit(session.summary(), list(session.events))  # the kiosk dies right after this
    data = (tmp_path / "outbox" / "att-1.pbundle").read_bytes()

    again = KioskStart(tmp_path, clock, bank)
    restored = again.restore()
    assert restored.state is State.FINISHED
    assert restored.submit() == code
    assert (tmp_path / "outbox" / "att-1.pbundle").read_bytes() == data
    assert sorted(p.name for p in (tmp_path / "outbox").iterdir()) == ["att-1.pbundle"]
    for start in (first, again):
        start.store.close()


def test_focus_questions_and_sealed_answers_replay_identically(tmp_path, bank):
    """Every kind of event the session writes reads back from disk to the same state."""
    focus_bank = SourceItems(synthetic_bank(96, seed=11, focus_share=1.0))
    clock = FakeClock()
    first = KioskStart(tmp_path, clock, focus_bank)
    session = first.new_session()
    begin(session)
    session.focus_lost("alt-tab")
    clock.advance(2)
    assert session.answer(reference_responses(session.question.item, "fr")[0]) is Outcome.FOCUSED_OUT
    session.pause(by="invigilator", reason="alarme incendie")
    session.resume(by="invigilator")
    session.add_time(by="invigilator", percent=33)
    session.record_guard({"finding": "second screen", "action": "none"})
    again = KioskStart(tmp_path, clock, focus_bank)
    restored = again.restore()
    assert [e.payload for e in restored.events] == [e.payload for e in session.events]
    assert restored.timer.allowed == session.timer.allowed
    assert all(m.mode is Mode.FOCUS for m in focus_bank.metas)
    assert restored.treated[0].outcome is Outcome.FOCUSED_OUT
    for start in (first, again):
        start.store.close()


def test_the_real_adaptive_engine_through_journal_crash_and_bundle(tmp_path):
    cat = pytest.importorskip("itembank.cat")
    source = synthetic_bank(320, seed=5)
    bank = SourceItems(source)
    pool = cat.ItemPool.build(bank.metas, source.framework)
    profile = ExamProfile(length=8, duration_minutes=20, min_treated=4)
    clock = FakeClock()

    class AdaptiveStart(KioskStart):
        def engine(self, seed):
            return cat.AdaptiveTest(pool, source.framework, profile, seed)

        def new_session(self, attempt_id="att-1"):
            journal = self.store.create_attempt(attempt_id)
            attempt = AttemptInfo(attempt_id, AttemptMode.EXAM, 20261122, BANK_REF, profile, self.device.name)
            return ExamSession(attempt=attempt, **self.ports(journal))

    first = AdaptiveStart(tmp_path, clock, bank)
    session = first.new_session()
    begin(session)
    play(session, clock, 3)
    if session.state is State.FOCUS_WARNING:
        session.acknowledge_focus_warning()
    on_screen = session.question.item.id
    again = AdaptiveStart(tmp_path, clock, bank)
    restored = again.restore()  # the engine replays the journal and must choose the same items
    assert restored.question.item.id == on_screen
    resume(restored)
    play(restored, clock, profile.length)
    assert restored.state is State.FINISHED
    restored.submit()
    envelope = read_bundle((tmp_path / "outbox" / "att-1.pbundle").read_bytes())
    result = verify_bundle(envelope, [again.device.public])
    assert result.ok, result.reasons
    stated = envelope.signed["result"]
    assert stated["score"] is not None and stated["treated"] == profile.length and "competence_levels" in stated
    for start in (first, again):
        start.store.close()
