"""Kiosk clock offsets: the minimum-delay estimate, and entry times brought to console time."""

from __future__ import annotations

import datetime as dt

import pytest

from invigilator.core.clock import (
    ClockOffsets,
    console_timeline,
    describe_offset,
    needs_warning,
    parse_kiosk_time,
    to_console_time,
)
from protocol.journal_chain import ChainEntry

T0 = dt.datetime(2026, 6, 15, 8, 30, tzinfo=dt.UTC)


def s(seconds: float) -> dt.timedelta:
    return dt.timedelta(seconds=seconds)


def test_a_clock_90_s_ahead_is_measured_from_fast_requests():
    clocks = ClockOffsets()
    for n, delay in enumerate([0.004, 0.012, 0.003, 0.020]):  # kiosk clock = console + 90 s
        sent_console = T0 + s(n)
        assert clocks.note("k", sent_console + s(90), sent_console + s(delay)) <= 90
    assert clocks.offset("k") == pytest.approx(90 - 0.003, abs=1e-9)  # the fastest request's delay is the error


def test_one_slow_request_does_not_move_the_estimate():
    clocks = ClockOffsets()
    for n in range(10):
        clocks.note("k", T0 + s(n) - s(2.5), T0 + s(n) + s(0.002))  # kiosk 2.5 s behind, 2 ms on the wire
    before = clocks.offset("k")
    # a request that sat 4 s in a queue (a retry, a console busy): a lower bound far below, ignored
    assert clocks.note("k", T0 + s(20) - s(2.5), T0 + s(24)) == before
    assert before == pytest.approx(-2.502)


def test_a_clock_set_during_the_test_is_followed_within_the_window():
    clocks = ClockOffsets(window=8)
    for n in range(8):
        clocks.note("k", T0 + s(n) + s(60), T0 + s(n))
    for n in range(8, 16):  # the kiosk's clock was put right
        clocks.note("k", T0 + s(n), T0 + s(n) + s(0.001))
    assert clocks.offset("k") == pytest.approx(-0.001)


def test_kiosks_are_measured_apart():
    clocks = ClockOffsets()
    clocks.note("a", T0 + s(5), T0)
    clocks.note("b", T0 - s(5), T0)
    assert clocks.snapshot() == {"a": 5.0, "b": -5.0} and clocks.offset("c") is None


def entry(seq: int, kind: str, t_wall: str | None) -> ChainEntry:
    return ChainEntry(seq, "0" * 64, float(seq), t_wall, kind, {}, "1" * 64)


def test_entries_read_in_console_time_with_the_offset_they_arrived_with():
    timeline = console_timeline([(entry(2, "answered", (T0 + s(95)).isoformat()), 90.0),
                                 (entry(1, "question-shown", (T0 + s(90)).isoformat()), 90.0),
                                 (entry(3, "focus-lost", (T0 + s(10)).isoformat()), None)], current_offset=0.5)
    assert [e.seq for e in timeline] == [1, 2, 3]
    assert [e.console_time for e in timeline] == [T0, T0 + s(5), T0 + s(9.5)]
    assert timeline[0].kiosk_time == T0 + s(90) and timeline[2].clock_offset == 0.5


def test_kiosk_times_that_cannot_be_read_stay_unknown():
    assert parse_kiosk_time(None) is None and parse_kiosk_time("yesterday") is None
    assert parse_kiosk_time("2026-06-15T10:30:00+02:00") == T0.replace(hour=8)
    assert parse_kiosk_time("2026-06-15T08:30:00") == T0  # naive: taken as UTC, not dropped
    assert to_console_time(None, 3.0) is None and to_console_time(T0, None) == T0


@pytest.mark.parametrize(("offset", "text", "warn"), [
    (90.0, "clock 90 s ahead", True), (-3.25, "clock 3.2 s behind", True), (1.5, "clock 1.5 s ahead", False),
    (-2.0, "clock 2.0 s behind", False), (None, "clock not measured yet", False)])
def test_how_an_offset_is_worded_and_when_it_warns(offset, text, warn):
    assert describe_offset(offset) == text and needs_warning(offset) is warn
