"""A candidate's timeline in console time: the kiosk's clock offset from its own entries."""

from __future__ import annotations

import datetime as dt

from invigilator.core.alerts import Alert, AlertKind
from invigilator.core.timeline import ReplicaLine, clock_offset, parse_wall, timeline

T = dt.datetime(2026, 6, 15, 9, 0, tzinfo=dt.UTC)


def line(seq: int, written_s: float | None, received_s: float, kind: str = "question-shown") -> ReplicaLine:
    return ReplicaLine(seq, kind, {"number": seq}, None if written_s is None else T + dt.timedelta(seconds=written_s),
                       T + dt.timedelta(seconds=received_s))


def test_the_offset_is_taken_from_the_entry_that_arrived_soonest():
    # the kiosk's clock is 300 s behind; its syncs carried the entries 0.4 to 3 s after they were written
    lines = [line(1, -300, 3.0), line(2, -299, 1.4), line(3, -298, 2.5)]
    assert clock_offset(lines) == dt.timedelta(seconds=300.4)
    rows = timeline(lines)
    assert [r.at for r in rows] == [T + dt.timedelta(seconds=s) for s in (0.4, 1.4, 2.4)]  # the kiosk's gaps kept


def test_entries_without_a_kiosk_time_read_at_their_arrival_and_no_entry_gives_no_offset():
    assert clock_offset([]) is None
    rows = timeline([line(1, None, 5.0)])
    assert rows[0].at == T + dt.timedelta(seconds=5) and rows[0].seq == 1


def test_the_consoles_own_alerts_join_the_journal_and_journal_alerts_are_not_doubled():
    lines = [line(1, 0, 0.5), line(2, 10, 10.5, "focus-lost")]
    offline = Alert("a1", "k", AlertKind.OFFLINE, T + dt.timedelta(seconds=30), "att", {"silent_seconds": 16})
    focus = Alert("a2", "k", AlertKind.FOCUS_LOST, T + dt.timedelta(seconds=11), "att", {"seq": 2})
    rows = timeline(lines, [offline, focus])
    assert [r.kind for r in rows] == ["question-shown", "focus-lost", "alert-offline"]
    assert rows[-1].alert is offline and rows[-1].seq is None


def test_unreadable_kiosk_times():
    assert parse_wall(None) is None and parse_wall("") is None and parse_wall("yesterday") is None
    assert parse_wall("2026-06-15T09:00:00") == T  # a time without its zone is read as UTC
