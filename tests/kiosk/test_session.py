"""The exam session state machine, with a fake clock and an in-memory journal."""

import dataclasses
import datetime as dt

import pytest

from itembank.answers import reference_responses
from itembank.model import ItemType, Mode, Outcome
from itembank.profile import ExamProfile
from itembank.synth import synthetic_bank
from kiosk.core import events as ev
from kiosk.core.authority import LocalAuthority
from kiosk.core.candidate import Candidate
from kiosk.core.session import AttemptInfo, AttemptMode, ExamSession, State
from kiosk.errors import IllegalTransitionError, JournalError, ReplayMismatchError
from tests.kiosk.fakes import FakeClock, ManualAuthority, MemoryJournal, RecordingSink, SequentialEngine, SourceItems

CANDIDATE = Candidate("Martin", "Léa", dt.date(2009, 5, 17), "12345", "PVXB89")


def make_bank(modes=None, time_limit=None):
    source = synthetic_bank(96, seed=11)
    items = []
    for index, item in enumerate(source.items):
        mode = modes(index) if modes else item.mode
        items.append(dataclasses.replace(item, mode=mode, time_limit=time_limit))
    source.items = items
    return SourceItems(source)


class Harness:
    def __init__(self, bank=None, authority=None, length=6, duration_minutes=10):
        self.clock = FakeClock()
        self.journal = MemoryJournal(self.clock)
        self.bank = bank or make_bank(lambda i: Mode.FREE)
        self.sink = RecordingSink()
        self.authority = authority or ManualAuthority()
        self.profile = ExamProfile(length=length, duration_minutes=duration_minutes, min_treated=1)
        self.engines = []
        self.session = self.build()

    def ports(self):
        return dict(bank=self.bank, engine_factory=self.engine, journal=self.journal, clock=self.clock,
                    authority=self.authority, results=self.sink)

    def engine(self, seed, *, exposure=None):
        engine = SequentialEngine(self.bank.metas, self.profile.length, seed)
        engine.exposure = exposure  # the sequential engine has no cap; what it was given is kept for the tests
        self.engines.append(engine)
        return engine

    def build(self):
        attempt = AttemptInfo("att-1", AttemptMode.EXAM, 42, {"id": "synth", "version": 1}, self.profile, "kiosk-7")
        session = ExamSession(attempt=attempt, **self.ports())
        if isinstance(self.authority, LocalAuthority):
            self.authority.attach(session)
        return session

    def to_first_question(self):
        s = self.session
        s.open_check_in()
        s.submit_check_in(CANDIDATE, "fr")
        if s.state is State.AWAITING_AUTHORISATION:
            s.authorise(by="invigilator")
        s.environment_checked([])
        s.start_test()
        if s.state is State.FOCUS_WARNING:
            s.acknowledge_focus_warning()
        return s

    def right(self, session=None):
        item = (session or self.session).question.item
        return reference_responses(item, "fr")[0]

    def wrong(self, session=None):
        item = (session or self.session).question.item
        if item.type is ItemType.QCU:
            return next(k for k in item.proposal_keys if k != item.solution[0])
        if item.type is ItemType.QCM:
            return []
        return {f.key: "zzzz" for f in item.fields}

    def restore(self, **changes):
        ports = {**self.ports(), **changes}
        checkpoint = self.journal.checkpoints[-1] if self.journal.checkpoints else None
        return ExamSession.restore(list(self.journal.events), checkpoint, **ports)


def test_whole_test_happy_path():
    h = Harness()
    s = h.to_first_question()
    assert s.state is State.QUESTION and s.number == 1
    outcomes = []
    while s.state in (State.QUESTION, State.FOCUS_WARNING):
        if s.state is State.FOCUS_WARNING:
            s.acknowledge_focus_warning()
            continue
        h.clock.advance(20)
        outcomes.append(s.answer(h.right() if s.number % 2 else h.wrong()))
    assert s.state is State.FINISHED
    assert outcomes == [Outcome.OK, Outcome.KO] * 3
    assert s.end_reason == "completed" and s.result["treated"] == 6
    receipt = s.submit()
    assert s.state is State.SUBMITTED and receipt == "R-0001"
    summary = h.sink.submitted[0]
    assert [q["number"] for q in summary["questions"]] == [1, 2, 3, 4, 5, 6]
    assert summary["candidate"]["last_name"] == "Martin"
    assert summary["time"]["used_s"] == pytest.approx(120)


def test_every_change_is_a_journal_event_and_replays_to_the_same_state():
    h = Harness()
    s = h.to_first_question()
    s.answer(h.right())
    kinds = [e.kind for e in h.journal.events]
    assert kinds[:6] == [ev.ATTEMPT_CREATED, ev.CHECKED_IN, ev.AUTHORISATION_REQUESTED, ev.AUTHORISED,
                         ev.ENVIRONMENT_CHECKED, ev.TEST_STARTED]
    assert h.authority.seen == kinds
    again = h.restore()
    assert again.state is State.RECOVERING and again.question.item.id == s.question.item.id
    assert [t.item_id for t in again.treated] == [t.item_id for t in s.treated]


ILLEGAL = [
    ("start_test before check-in", lambda s: s.start_test()),
    ("answer before the test", lambda s: s.answer("A")),
    ("authorise when not asked", lambda s: s.authorise(by="x")),
    ("submit before the end", lambda s: s.submit()),
    ("resume when not paused", lambda s: s.resume(by="x")),
    ("unlock when not locked", lambda s: s.unlock(by="x")),
    ("resolve without a report", lambda s: s.resolve_problem(True, by="x")),
    ("acknowledge without warning", lambda s: s.acknowledge_focus_warning()),
    ("request resume on a live session", lambda s: s.request_resume()),
]


@pytest.mark.parametrize(("name", "command"), ILLEGAL, ids=[c[0] for c in ILLEGAL])
def test_illegal_transitions_raise(name, command):
    h = Harness()
    with pytest.raises(IllegalTransitionError, match="not allowed in state 'idle'"):
        command(h.session)
    h.session.open_check_in()
    with pytest.raises(IllegalTransitionError):
        command(h.session)
    assert h.session.state is State.CHECK_IN


def test_no_answer_after_the_end_and_no_double_submit():
    h = Harness(length=1)
    s = h.to_first_question()
    s.answer(h.right())
    with pytest.raises(IllegalTransitionError):
        s.answer("A")
    s.submit()
    with pytest.raises(IllegalTransitionError):
        s.submit()


def test_focus_warning_before_each_run_of_focus_questions():
    pattern = [Mode.FREE, Mode.FOCUS, Mode.FOCUS, Mode.FREE, Mode.FOCUS, Mode.FREE]
    bank = make_bank(lambda i: Mode.FOCUS)
    tubes = []
    for meta in bank.metas:  # the sequential engine serves the first item of each tube
        if meta.tube not in tubes:
            tubes.append(meta.tube)
    for index, tube in enumerate(tubes[:6]):
        for item_id, item in list(bank._items.items()):
            if item.tube == tube:
                bank._items[item_id] = dataclasses.replace(item, mode=pattern[index])
    bank.metas = [i.meta() for i in bank._items.values()]
    h = Harness(bank=bank)
    s = h.to_first_question()
    warned = []
    while s.state is not State.FINISHED:
        if s.state is State.FOCUS_WARNING:
            warned.append(s.number)
            s.acknowledge_focus_warning()
        else:
            s.answer(h.right())
    assert warned == [2, 5]


def test_focus_loss_on_focus_question_counts_even_if_right():
    h = Harness(bank=make_bank(lambda i: Mode.FOCUS))
    s = h.to_first_question()
    h.clock.advance(5)
    s.focus_lost("xterm")
    h.clock.advance(3)
    s.focus_regained()
    assert s.answer(h.right()) is Outcome.FOCUSED_OUT
    answered = next(e for e in h.journal.events if e.kind == ev.ANSWERED)
    assert answered.payload["focus_out_s"] == pytest.approx(3)
    assert [e.payload["counted"] for e in h.journal.events if e.kind == ev.FOCUS_LOST] == [True]


def test_focus_loss_on_free_question_is_allowed_and_journalled():
    h = Harness()
    s = h.to_first_question()
    s.focus_lost("libreoffice")
    s.focus_regained()
    assert s.answer(h.right()) is Outcome.OK
    lost = [e for e in h.journal.events if e.kind == ev.FOCUS_LOST]
    assert len(lost) == 1 and lost[0].payload["counted"] is False


def test_skip_counts_as_skipped():
    h = Harness()
    s = h.to_first_question()
    assert s.skip() is Outcome.SKIPPED
    assert h.engines[0].recorded[0][1] is Outcome.SKIPPED


def test_problem_validated_replaces_the_question_under_the_same_number():
    h = Harness()
    s = h.to_first_question()
    s.answer(h.right())
    first = s.question.item.id
    s.report_problem("the image does not show")
    assert s.state is State.PROBLEM_REPORTED and h.authority.problems == [(2, first)]
    s.resolve_problem(validated=True, by="invigilator")
    assert s.state is State.QUESTION and s.number == 2 and s.question.item.id != first
    assert h.engines[0].neutralised == [first]


def test_problem_dismissed_keeps_the_question():
    h = Harness()
    s = h.to_first_question()
    item = s.question.item.id
    s.report_problem()
    s.resolve_problem(validated=False, by="invigilator")
    assert s.state is State.QUESTION and s.question.item.id == item


def test_practice_authority_starts_at_once_and_validates_problems():
    h = Harness(authority=LocalAuthority())
    s = h.to_first_question()
    item = s.question.item.id
    s.report_problem()
    assert s.state is State.QUESTION and s.question.item.id != item and s.number == 1


def test_pause_and_lock_stop_the_clock_and_nest():
    h = Harness(duration_minutes=10)
    s = h.to_first_question()
    h.clock.advance(60)
    s.pause(by="invigilator", reason="fire drill")
    h.clock.advance(600)
    s.lock("prohibited process")
    h.clock.advance(100)
    s.unlock(by="invigilator")
    assert s.state is State.PAUSED
    s.resume(by="invigilator")
    assert s.state is State.QUESTION
    assert s.remaining() == pytest.approx(540)


def test_time_up_ends_the_test_and_leaves_the_current_question_untreated():
    h = Harness(duration_minutes=1)
    s = h.to_first_question()
    s.answer(h.right())
    h.clock.advance(61)
    s.tick()
    assert s.state is State.FINISHED and s.end_reason == "time-up"
    assert len(s.treated) == 1


def test_question_time_limit_times_out():
    h = Harness(bank=make_bank(lambda i: Mode.FREE, time_limit=30))
    s = h.to_first_question()
    h.clock.advance(29)
    s.tick()
    assert s.number == 1
    h.clock.advance(2)
    s.tick()
    assert s.treated[0].outcome is Outcome.TIMED_OUT and s.number == 2


def test_extra_time_minutes_and_percent():
    h = Harness(duration_minutes=100)
    s = h.to_first_question()
    s.add_time(by="invigilator", percent=33)
    s.add_time(by="invigilator", minutes=5)
    assert s.timer.allowed == pytest.approx(100 * 60 * 1.33 + 300)
    with pytest.raises(ValueError):
        s.add_time(by="invigilator")


def test_candidate_abort_and_technical_end():
    h = Harness()
    s = h.to_first_question()
    s.answer(h.right())
    s.end("candidate", by="candidate")
    assert s.state is State.FINISHED and s.end_reason == "candidate" and s.result["abort"] == "candidate"
    with pytest.raises(ValueError):
        Harness().to_first_question().end("bored", by="x")


def test_checkpoints_once_a_second_while_running():
    h = Harness()
    s = h.to_first_question()
    for _ in range(20):
        h.clock.advance(0.25)
        s.tick()
    assert 4 <= len(h.journal.checkpoints) <= 6
    assert h.journal.checkpoints[-1][0] == pytest.approx(s.elapsed(), abs=1.0)


# -- restart -----------------------------------------------------------------------------------
def test_crash_resume_same_question_same_time_needs_authorisation():
    h = Harness(duration_minutes=10)
    s = h.to_first_question()
    h.clock.advance(30)
    s.answer(h.right())
    on_screen = s.question.item.id
    for _ in range(8):  # 2 s into the question, with heartbeats
        h.clock.advance(0.25)
        s.tick()
    used = s.elapsed()
    h.clock.advance(120)  # the kiosk is down for two minutes
    again = h.restore()
    assert again.state is State.RECOVERING and again.question.item.id == on_screen
    again.request_resume()
    assert h.authority.requests[-1] is True and again.state is State.AWAITING_AUTHORISATION
    again.authorise(by="invigilator")
    again.environment_checked([])
    assert again.state is State.QUESTION and again.number == 2
    assert again.remaining() == pytest.approx(600 - used, abs=1.0)
    assert again.compensated_seconds == pytest.approx(120, abs=1.0)
    assert [t.item_id for t in again.treated] == [t.item_id for t in s.treated]


def test_locked_before_a_crash_is_still_locked_after():
    h = Harness()
    s = h.to_first_question()
    s.lock("prohibited process")
    again = h.restore()
    again.request_resume()
    again.authorise(by="invigilator")
    again.environment_checked([])
    assert again.state is State.LOCKED


def test_focus_out_survives_a_restart():
    h = Harness(bank=make_bank(lambda i: Mode.FOCUS))
    s = h.to_first_question()
    s.focus_lost("xterm")
    again = h.restore()
    again.request_resume()
    again.authorise(by="invigilator")
    again.environment_checked([])
    assert again.answer(h.right(again)) is Outcome.FOCUSED_OUT


def test_resume_twice_replays_everything():
    h = Harness()
    s = h.to_first_question()
    s.answer(h.right())
    for _ in range(2):
        s = h.restore()
        s.request_resume()
        s.authorise(by="invigilator")
        s.environment_checked([])
        s.answer(h.wrong(s))
    assert [t.outcome for t in s.treated] == [Outcome.OK, Outcome.KO, Outcome.KO]
    assert s.number == 4


@pytest.mark.parametrize("second_crash_after", ["request", "authorisation", "environment"])
def test_a_second_crash_during_the_resume_goes_back_to_where_the_first_one_struck(second_crash_after):
    h = Harness(bank=make_bank(lambda i: Mode.FOCUS if i % 2 else Mode.FREE), duration_minutes=10)
    s = h.to_first_question()
    while s.state is not State.FOCUS_WARNING:
        s.answer(h.right(s))
    pending = s._pending_item
    h.clock.advance(60)  # first outage: one minute
    again = h.restore()
    again.request_resume()
    if second_crash_after in ("authorisation", "environment"):
        again.authorise(by="invigilator")
    if second_crash_after == "environment":
        again.lock("environment")  # a blocking finding during the resume, then the kiosk dies again
    h.clock.advance(30)  # second outage: half a minute
    third = h.restore()
    assert third.state is State.RECOVERING
    third.request_resume()
    third.authorise(by="invigilator")
    third.environment_checked([])
    assert third.state is State.FOCUS_WARNING and third._pending_item == pending
    assert third.compensated_seconds == pytest.approx(90, abs=1.0)  # both outages are recorded
    third.acknowledge_focus_warning()
    assert third.state is State.QUESTION and third.question.item.id == pending[1]
    third.answer(h.right(third))
    assert len(third.treated) == len(s.treated) + 1


def test_a_crash_during_the_resume_of_a_pause_keeps_the_pause():
    h = Harness()
    s = h.to_first_question()
    s.pause(by="invigilator", reason="fire drill")
    again = h.restore()
    again.request_resume()
    third = h.restore()
    third.request_resume()
    third.authorise(by="invigilator")
    third.environment_checked([])
    assert third.state is State.PAUSED
    third.resume(by="invigilator")
    assert third.state is State.QUESTION and third.question.item.id == s.question.item.id


def test_finished_but_not_submitted_restores_to_finished():
    h = Harness(length=1)
    s = h.to_first_question()
    s.answer(h.right())
    again = h.restore()
    assert again.state is State.FINISHED
    assert again.submit() == "R-0001"


def test_journal_that_disagrees_with_the_engine_is_refused():
    h = Harness()
    s = h.to_first_question()
    s.answer(h.right())
    events = list(h.journal.events)
    shown = [i for i, e in enumerate(events) if e.kind == ev.QUESTION_SHOWN][-1]
    forged = dataclasses.replace(events[shown], payload={**events[shown].payload, "item_id": events[shown - 2]
                                                         .payload.get("item_id", "x")})
    events[shown] = forged
    with pytest.raises(ReplayMismatchError):
        ExamSession.restore(events, None, **h.ports())


# -- commands are atomic ------------------------------------------------------------------------
def test_an_answer_and_the_next_question_are_one_transaction_heard_of_once_durable():
    h = Harness()
    s = h.to_first_question()
    heard = []
    s.subscribe(lambda event: heard.append((event.kind, h.journal.commits)))
    commits = h.journal.commits
    s.answer(reference_responses(s.question.item, s.locale)[0])
    assert h.journal.commits == commits + 1  # one flush for the answer and the question after it
    assert [kind for kind, _ in heard] == [ev.ANSWERED, ev.QUESTION_SHOWN]
    assert all(at == commits + 1 for _, at in heard)  # the views hear of both after the commit


def test_a_failed_commit_leaves_nothing_and_the_session_goes_back_to_the_journal():
    h = Harness()
    s = h.to_first_question()
    s.answer(reference_responses(s.question.item, s.locale)[0])
    number, item_id = s.question.number, s.question.item.id
    recorded = list(h.journal.events)
    heard = []
    s.subscribe(heard.append)
    h.journal.fail_next_commit = True
    with pytest.raises(JournalError):
        s.answer(reference_responses(s.question.item, s.locale)[0])
    assert h.journal.events == recorded  # nothing of the failed command is on "disk"
    assert heard == []  # nor announced
    assert len(s.treated) == 1 and s.question.number == number and s.question.item.id == item_id
    assert s.state is State.RECOVERING  # as after a restart: the candidate comes back through authorisation
    s.request_resume()
    s.authorise(by="invigilator")
    s.environment_checked([])
    assert s.state is State.QUESTION and s.question.item.id == item_id
    s.answer(reference_responses(s.question.item, s.locale)[0])
    assert [t.number for t in s.treated] == [1, 2]


def test_an_error_inside_a_command_undoes_the_events_it_applied():
    h = Harness()
    s = h.to_first_question()
    before = len(h.journal.events)

    def broken(_item_id, _outcome):
        raise RuntimeError("engine failure")

    engine = h.engines[-1]
    engine.record = broken  # the engine fails after ANSWERED was applied
    with pytest.raises(RuntimeError):
        s.answer(None)
    assert len(h.journal.events) == before
    assert s.treated == [] and s.state is State.RECOVERING


def test_a_command_refused_by_the_state_machine_changes_nothing():
    h = Harness()
    s = h.to_first_question()
    before = len(h.journal.events)
    with pytest.raises(IllegalTransitionError):
        s.start_test()
    assert len(h.journal.events) == before and s.state is State.QUESTION


@pytest.mark.parametrize(("number", "code", "fields"), [
    ("", "PVXB89", {"session_number": "required"}),
    ("12345", "", {"access_code": "required"}),
    ("   ", "  ", {"session_number": "required", "access_code": "required"}),
    ("12a45", "PVXB8", {"session_number": "the session number is the number given by the invigilator",
                        "access_code": "4 letters and 2 digits, as written on the board (e.g. PVXB89)"}),
])
def test_an_exam_check_in_without_a_session_number_or_access_code_is_refused(number, code, fields):
    from kiosk.core.candidate import check_in
    from kiosk.errors import CheckInError

    h = Harness()
    s = h.session
    s.open_check_in()
    with pytest.raises(CheckInError) as refused:  # however the candidate was made: the session's own guard
        s.submit_check_in(dataclasses.replace(CANDIDATE, session_number=number.strip(), access_code=code.strip()),
                          "fr")
    assert refused.value.fields == fields
    assert s.state is State.CHECK_IN and [e.kind for e in h.journal.events] == [ev.ATTEMPT_CREATED]
    with pytest.raises(CheckInError) as form:  # the form says the same, field by field
        check_in(last_name="Martin", first_name="Léa", birth_date="17/05/2009", session_number=number,
                 access_code=code, today=dt.date(2026, 11, 22), exam=True)
    assert form.value.fields == fields
    practice = check_in(last_name="Martin", first_name="Léa", birth_date="17/05/2009", session_number=number,
                        access_code=code, today=dt.date(2026, 11, 22), exam=False)
    assert practice.last_name == "Martin"  # practice asks for neither


def test_a_bank_with_no_eligible_item_left_ends_the_test_as_a_technical_end():
    h = Harness(length=200)  # more questions than the bank has tubes
    s = h.to_first_question()
    while s.state is not State.FINISHED:
        if s.state is State.FOCUS_WARNING:
            s.acknowledge_focus_warning()
            continue
        s.answer(h.right())
    assert s.end_reason == "bank-exhausted"  # not "completed", and not the candidate's doing
    finished = [e for e in h.journal.events if e.kind == ev.FINISHED][-1]
    assert finished.payload["reason"] == "bank-exhausted" and finished.payload["result"]["abort"] is None


# -- a stall (SIGSTOP, a frozen machine) ----------------------------------------------------------
def test_a_stall_during_a_focus_question_marks_it_uncertain_and_gives_the_time_back():
    h = Harness(bank=make_bank(lambda i: Mode.FOCUS), duration_minutes=10)
    s = h.to_first_question()
    h.clock.advance(20)
    used = s.elapsed()
    h.clock.advance(90)  # the kiosk did not run: its monotonic clock went on
    s.stalled(90.0)
    assert s.elapsed() == pytest.approx(used, abs=0.01)  # compensated, as a crash's downtime is
    assert s.compensated_seconds == pytest.approx(90)
    assert s.question.uncertain is True and s.question.focus_out is False  # not a focus loss: unknown
    stalled = h.journal.events[-1]
    assert stalled.kind == ev.STALLED and stalled.payload["uncertain"] is True and stalled.payload["number"] == 1
    assert stalled.payload["elapsed"] == pytest.approx(used, abs=0.01)
    s.answer(h.right())
    answered = [e for e in h.journal.events if e.kind == ev.ANSWERED][-1]
    assert answered.payload["uncertain"] is True and answered.payload["outcome"] == "ok"
    again = h.restore()  # the journal replays to the same compensation and the same time used
    assert again.compensated_seconds == pytest.approx(90)
    assert again.timer.consumed == pytest.approx(s.elapsed(), abs=0.01)


def test_a_stall_during_a_free_question_is_compensated_not_uncertain_and_a_suspend_costs_nothing():
    h = Harness(bank=make_bank(lambda i: Mode.FREE), duration_minutes=10)
    s = h.to_first_question()
    h.clock.advance(10)
    s.stalled(5.0)
    assert s.question.uncertain is False and h.journal.events[-1].payload["compensated_s"] == 5.0
    used = s.elapsed()
    s.stalled(30.0, kind="suspended")  # the monotonic clock stopped with the machine: nothing to give back
    assert s.elapsed() == pytest.approx(used) and h.journal.events[-1].payload["compensated_s"] == 0.0
    assert s.compensated_seconds == pytest.approx(5.0)


def test_a_stall_before_the_test_or_after_it_is_not_journalled():
    h = Harness()
    h.session.stalled(10.0)
    assert h.journal.events == []
