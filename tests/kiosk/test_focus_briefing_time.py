"""The briefing before a run of focus questions: shown once per run, and its reading costs no time."""

import pytest

from itembank.model import Mode
from kiosk.core import events as ev
from kiosk.core.session import State
from tests.kiosk.test_session import CANDIDATE, Harness, make_bank


def to_briefing(h):
    s = h.session
    s.open_check_in()
    s.submit_check_in(CANDIDATE, "fr")
    s.authorise(by="invigilator")
    s.environment_checked([])
    s.start_test()
    return s


def test_the_time_starts_with_the_first_question_not_on_the_briefing():
    h = Harness(bank=make_bank(lambda i: Mode.FOCUS), duration_minutes=10)
    s = to_briefing(h)
    assert s.state is State.FOCUS_WARNING
    h.clock.advance(275)
    s.tick()
    assert s.elapsed() == 0 and s.remaining() == pytest.approx(600)
    s.acknowledge_focus_warning()
    assert s.state is State.QUESTION and s.question.shown_at == 0
    h.clock.advance(30)
    assert s.elapsed() == pytest.approx(30)


def test_a_run_of_focus_questions_has_one_briefing_and_a_later_run_its_own_untimed_one():
    modes = {}

    def mode(index):
        return modes.setdefault(index, Mode.FOCUS if index % 4 in (0, 1) else Mode.FREE)

    h = Harness(bank=make_bank(mode), length=6)
    s = to_briefing(h)
    seen = []
    while s.state in (State.QUESTION, State.FOCUS_WARNING):
        if s.state is State.FOCUS_WARNING:
            before = s.elapsed()
            h.clock.advance(50)
            assert s.elapsed() == before  # a later briefing does not count either
            s.acknowledge_focus_warning()
            continue
        seen.append(s.question.item.mode)
        h.clock.advance(10)
        s.answer(h.right())
    runs = sum(1 for before, now in zip([None, *seen], seen, strict=False)
               if now is Mode.FOCUS and before is not Mode.FOCUS)
    assert Mode.FOCUS in seen and runs < seen.count(Mode.FOCUS)  # the bank has runs longer than one
    assert len([e for e in h.journal.events if e.kind == ev.FOCUS_WARNING_SHOWN]) == runs
    assert s.timer.consumed == pytest.approx(10 * len(seen))


def test_a_restart_on_the_briefing_comes_back_to_it_with_the_clock_stopped():
    h = Harness(bank=make_bank(lambda i: Mode.FOCUS), duration_minutes=10)
    to_briefing(h)
    h.clock.advance(40)
    again = h.restore()
    again.request_resume()
    again.authorise(by="invigilator")
    again.environment_checked([])
    assert again.state is State.FOCUS_WARNING and not again.timer.running
    h.clock.advance(40)
    assert again.elapsed() == 0
