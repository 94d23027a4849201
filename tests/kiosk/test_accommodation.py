"""A screen-reader accommodation: part of the candidate's data, given to the engine, kept by the
journal (a restart makes the same choices) and carried by the result."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kiosk.core.candidate import SCREEN_READER, Candidate, check_in
from kiosk.core.session import ExamSession
from tests.kiosk.test_session import CANDIDATE, Harness


class AccommodatingHarness(Harness):
    """Records how the session asked for each engine."""

    def __init__(self, **kwargs):
        self.asked: list[dict] = []
        super().__init__(**kwargs)

    def engine(self, seed, **options):
        self.asked.append(options)
        return super().engine(seed)


def test_the_accommodation_round_trips_and_is_absent_when_there_is_none():
    reader = dataclasses.replace(CANDIDATE, accommodations=(SCREEN_READER,))
    assert reader.screen_reader and Candidate.from_dict(reader.to_dict()) == reader
    assert "accommodations" not in CANDIDATE.to_dict() and not CANDIDATE.screen_reader


@pytest.mark.parametrize("bad", [["magnifier"], "screen-reader", [1]])
def test_an_unknown_or_malformed_accommodation_is_refused(bad):
    data = {**CANDIDATE.to_dict(), "accommodations": bad}
    with pytest.raises(ValueError, match="accommodation"):
        Candidate.from_dict(data)


def test_check_in_carries_the_accommodation():
    candidate = check_in(last_name="Martin", first_name="Léa", birth_date="17/05/2009", today=dt.date(2026, 12, 1),
                         exam=False, accommodations=(SCREEN_READER,))
    assert candidate.screen_reader


def test_the_engine_is_asked_for_a_screen_reader_test_and_a_restart_asks_the_same():
    h = AccommodatingHarness()
    s = h.session
    s.open_check_in()
    s.submit_check_in(dataclasses.replace(CANDIDATE, accommodations=(SCREEN_READER,)), "fr")
    s.authorise(by="invigilator")
    s.environment_checked([])
    s.start_test()
    assert h.asked == [{"screen_reader": True}]
    restored = h.restore()
    assert isinstance(restored, ExamSession) and h.asked[-1] == {"screen_reader": True}
    assert restored.candidate.screen_reader


def test_without_accommodation_the_engine_is_asked_as_before():
    h = AccommodatingHarness()
    h.to_first_question()
    assert h.asked == [{}]


def _started(harness, candidate):
    s = harness.session
    s.open_check_in()
    s.submit_check_in(candidate, "fr")
    s.authorise(by="invigilator")
    s.environment_checked([])
    return s


def test_a_screen_reader_user_gets_the_profile_s_planned_extra_time_once():
    h = AccommodatingHarness(duration_minutes=60)
    s = _started(h, dataclasses.replace(CANDIDATE, accommodations=(SCREEN_READER,)))
    s.start_test()
    added = [e.payload for e in h.journal.events if e.kind == "time-added"]
    assert len(added) == 1 and added[0]["purpose"] == "accommodation" and added[0]["by"] == "profile"
    assert added[0]["seconds"] == pytest.approx(60 * 60 * 0.33)
    assert s.timer.allowed == pytest.approx(60 * 60 * 1.33)


def test_time_the_invigilator_planned_prevails_and_others_get_none():
    h = AccommodatingHarness(duration_minutes=60)
    s = _started(h, dataclasses.replace(CANDIDATE, accommodations=(SCREEN_READER,)))
    s.add_time("invigilator", minutes=20, purpose="accommodation")
    s.start_test()
    assert [e.payload["by"] for e in h.journal.events if e.kind == "time-added"] == ["invigilator"]
    plain = AccommodatingHarness(duration_minutes=60)
    _started(plain, CANDIDATE).start_test()
    assert not [e for e in plain.journal.events if e.kind == "time-added"]
