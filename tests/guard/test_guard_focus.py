"""Focus decisions: whose window it is, the debounce, and the true duration of a loss."""

import pytest

from kiosk.guard.focus import NO_WINDOW, FocusLost, FocusRegained, FocusTracker, Verdict, WindowInfo, classify
from kiosk.guard.policy import GuardPolicy
from tests.guard.fakes import ONBOARD, OWN, XTERM

ONBOARD_TOOL = GuardPolicy().assistive["onboard"]


def is_own(window):
    return window.pid == OWN.pid


@pytest.mark.parametrize("window, granted, verdict", [
    (OWN, (), Verdict.OWN),
    (XTERM, (), Verdict.FOREIGN),
    (ONBOARD, (ONBOARD_TOOL,), Verdict.ASSISTIVE),
    (ONBOARD, (), Verdict.FOREIGN),  # an accommodation is granted per candidate
    (NO_WINDOW, (ONBOARD_TOOL,), Verdict.FOREIGN),  # the desktop, or nothing: the exam was left
    (None, (), Verdict.FOREIGN),
])
def test_classify(window, granted, verdict):
    assert classify(window, is_own, granted) is verdict


def test_describe_names_what_the_candidate_switched_to():
    assert XTERM.describe() == "xterm (pid 999999) “bash”"
    assert NO_WINDOW.describe() == "unknown window"
    assert WindowInfo(wm_class=("x", "Gimp")).describe() == "Gimp"


def test_a_loss_counts_only_after_the_debounce():
    tracker = FocusTracker(0.3)
    assert tracker.observe(10.0, Verdict.FOREIGN, XTERM) is None
    assert tracker.deadline == pytest.approx(10.3)
    assert tracker.tick(10.2) is None
    lost = tracker.tick(10.3)
    assert lost == FocusLost(10.0, XTERM) and tracker.away and tracker.deadline is None


def test_flicker_shorter_than_the_debounce_is_ignored():
    tracker = FocusTracker(0.3)
    tracker.observe(10.0, Verdict.FOREIGN, XTERM)
    assert tracker.observe(10.1, Verdict.OWN) is None
    assert tracker.tick(11.0) is None and not tracker.away and tracker.flickers == 1


def test_a_regain_reports_the_time_since_the_switch_not_since_the_debounce():
    tracker = FocusTracker(0.3)
    tracker.observe(10.0, Verdict.FOREIGN, XTERM)
    tracker.tick(10.5)
    back = tracker.observe(12.0, Verdict.OWN)
    assert back == FocusRegained(10.0, 12.0, XTERM) and back.seconds == pytest.approx(2.0)
    assert tracker.observe(13.0, Verdict.OWN) is None


def test_without_debounce_a_loss_is_immediate():
    tracker = FocusTracker(0.0)
    assert tracker.observe(5.0, Verdict.FOREIGN, XTERM) == FocusLost(5.0, XTERM)


def test_moving_between_foreign_windows_is_one_loss():
    tracker = FocusTracker(0.0)
    tracker.observe(5.0, Verdict.FOREIGN, XTERM)
    assert tracker.observe(6.0, Verdict.FOREIGN, NO_WINDOW) is None
    assert tracker.observe(7.0, Verdict.OWN).window == XTERM


def test_an_assistive_window_is_presence():
    tracker = FocusTracker(0.0)
    assert tracker.observe(5.0, Verdict.ASSISTIVE, ONBOARD) is None and not tracker.away


def test_a_pending_loss_promotes_on_a_later_foreign_observation():
    tracker = FocusTracker(0.3)
    tracker.observe(5.0, Verdict.FOREIGN, XTERM)
    assert tracker.observe(5.4, Verdict.FOREIGN, XTERM) == FocusLost(5.0, XTERM)


def test_reset_forgets_everything():
    tracker = FocusTracker(0.0)
    tracker.observe(5.0, Verdict.FOREIGN, XTERM)
    tracker.reset()
    assert not tracker.away and tracker.observe(6.0, Verdict.OWN) is None


def test_a_negative_debounce_is_refused():
    with pytest.raises(ValueError, match="negative"):
        FocusTracker(-0.1)
