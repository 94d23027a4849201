"""Crash resume: the real kiosk killed with SIGKILL at random moments and restarted (tests/kiosk/crash_harness.py).

After every kill the next start must do what the journal calls for: take the attempt up at the
question that was on screen (after the candidate confirms), with the treated answers and the
remaining time it had; submit a finished attempt without showing it again; or begin a new
attempt when nothing was in progress. No acknowledged answer may be lost. The speed of the
restart is a benchmark (bench/kiosk_crash.py), not a test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from itembank.pbank import open_bank
from kiosk.app import PracticeKiosk
from kiosk.core.candidate import Candidate
from kiosk.core.session import State
from protocol.keys import PublicKeys
from tests.kiosk.crash_checks import TIME_TOLERANCE_S, Chain, Expectation, Life, judge
from tests.kiosk.crash_harness import prepare_bank, run_kills, summarise

KILLS = 20


@pytest.fixture(scope="module")
def bank(tmp_path_factory):
    return prepare_bank(tmp_path_factory.mktemp("crash-bank"))


@pytest.mark.slow
def test_twenty_kills_each_resumed_at_the_right_question_with_no_answer_lost(bank, tmp_path):
    results = run_kills(bank, tmp_path, KILLS, workers=2, seed=20260611)
    summary = summarise(results)
    assert summary.kills == KILLS
    assert not summary.failures, "\n".join(summary.failures)
    assert summary.right == KILLS
    assert summary.lost == 0
    assert summary.acked > 0 and summary.resumed_in_test > 0, "the kills never landed in a test in progress"
    assert summary.time_errors and all(abs(e) <= TIME_TOLERANCE_S for e in summary.time_errors), summary.time_errors


# -- the checks themselves: a broken resume must not pass --------------------------------------------
EXPECTED = Expectation("test", "att-1", number=3, item="item-3",
                       answers=[(1, "item-1", "ok"), (2, "item-2", "skipped")], known=frozenset({"att-1"}))


def life(*lines: str) -> Life:
    return Life(0.0, [line.split() for line in lines], 9.0, None, "")


START = "START att-1 1 recovering 1200.000 30.000 5.0"
TREATED = "TREATED att-1 1:item-1:ok,2:item-2:skipped"


def test_a_right_resume_passes_and_gives_its_measures():
    reached, failures, measures = judge(EXPECTED, life(START, TREATED,
                                                       "RESUMED att-1 question 3 item-3 1169.9 1.2 0.05 7.0"))
    assert reached and failures == []
    assert measures["restart_s"] == pytest.approx(1.25) and measures["restored_remaining"] == pytest.approx(1170.0)


@pytest.mark.parametrize(("lines", "fault"), [
    ((START, TREATED, "RESUMED att-1 question 4 item-4 1169.9 1.2 0.05 7.0"), "resumed at question 4"),
    ((START, TREATED, "RESUMED att-1 question 3 item-9 1169.9 1.2 0.05 7.0"), "with item item-9"),
    ((START, TREATED, "RESUMED att-1 question - - 1169.9 1.2 0.05 7.0"), "resumed at question -"),
    ((START, "TREATED att-1 1:item-1:ok", "RESUMED att-1 question 3 item-3 1169.9 1.2 0.05 7.0"), "holds"),
    (("START att-2 0 idle 1200.000 0.000 5.0", "SCREEN check-in att-2 6.0"), "was not resumed"),
    ((START, TREATED, "RESUMED att-1 question 3 item-3 1169.9 1.2 0.05 7.0", "ERROR KeyError:_x"), "raised"),
])
def test_a_wrong_resume_fails(lines, fault):
    reached, failures, _ = judge(EXPECTED, life(*lines))
    assert reached and any(fault in f for f in failures), failures


def test_a_lost_or_changed_answer_fails(tmp_path):
    chain = Chain(tmp_path)
    chain.acked["att-1"] = [(1, "item-1", "ok"), (2, "item-2", "ko")]
    assert chain._check_answers("att-1", [(1, "item-1", "ok"), (2, "item-2", "ko"), (3, "item-3", "ok")]) == []
    assert chain.in_flight == 1  # one answer whose acknowledgement a kill cut off: allowed
    chain.acked["att-1"] = [(1, "item-1", "ok"), (2, "item-2", "ko")]
    assert chain._check_answers("att-1", [(1, "item-1", "ok")]) and chain.lost == 1
    chain.acked["att-1"] = [(1, "item-1", "ok")]
    assert chain._check_answers("att-1", [(1, "item-1", "ko")]) and chain.lost == 2
    chain.acked["att-1"] = []
    assert chain._check_answers("att-1", [(1, "item-1", "ok"), (2, "item-2", "ok")])  # two never acknowledged


# -- a second crash while resuming, without processes -------------------------------------------
@pytest.mark.parametrize("second_crash", ["on the resume screen", "during the resume's environment check"])
def test_a_second_crash_while_resuming_keeps_the_focus_warning(bank, tmp_path, second_crash):
    def start() -> PracticeKiosk:
        return PracticeKiosk(open_bank(bank.path, [PublicKeys.load(bank.trust)],
                                       passphrase=bank.passphrase_file.read_text(encoding="utf-8")),
                             "practice-short", tmp_path)

    kiosk = start()
    session = kiosk.new_attempt(7).session
    session.open_check_in()
    session.submit_check_in(Candidate("Martin", "Léa", dt.date(2009, 5, 17)), "fr")
    session.environment_checked()
    session.start_test()
    while session.state is State.QUESTION:
        session.skip()
    assert session.state is State.FOCUS_WARNING
    warned = session._pending_item
    kiosk.close()  # killed during the focus warning

    kiosk = start()
    attempt = kiosk.resume_or_start()
    attempt.session.request_resume()  # what the window does at once
    if second_crash != "on the resume screen":
        attempt.authority.confirm_resume()
        assert attempt.session.state is State.ENVIRONMENT_CHECK
    kiosk.close()  # killed again before the test came back

    kiosk = start()
    attempt = kiosk.resume_or_start()
    session = attempt.session
    session.request_resume()
    attempt.authority.confirm_resume()
    session.environment_checked()
    try:
        assert session.state is State.FOCUS_WARNING and session._pending_item == warned, (
            f"back to {session.state.value} with question {session.question}")
    finally:
        kiosk.close()
