"""What the dashboard offers for a kiosk, from what it last said and its open alerts."""

from __future__ import annotations

import datetime as dt

import pytest

from invigilator.core.alerts import Alert, AlertKind
from invigilator.core.dashboard import Freshness, Tile
from invigilator.core.kiosks import EnrolledKiosk, KioskStatus
from invigilator.core.room_actions import ACTIONS, available_actions

T = dt.datetime(2026, 6, 15, 9, 0, tzinfo=dt.UTC)


def tile(state: str | None, *alerts: AlertKind, attempt: str | None = "att-1") -> Tile:
    status = None if state is None else KioskStatus(state, "cand", attempt)
    kiosk = EnrolledKiosk("a" * 32, "Poste 01", "pub", "wrap", T, last_heard_at=T, status=status)
    return Tile(kiosk, tuple(Alert(f"x{n}", kiosk.id, kind, T) for n, kind in enumerate(alerts)), Freshness.FRESH, 0)


@pytest.mark.parametrize(("state", "offered", "refused"), [
    (None, {"incident"}, {"pause", "resume", "unlock", "move"}),
    ("idle", {"incident"}, {"pause", "resume", "end", "move"}),
    ("question", {"pause", "lock", "add-time", "end", "move", "incident"}, {"resume", "unlock", "problem"}),
    ("paused", {"resume", "add-time", "end", "lock", "move"}, {"pause", "unlock"}),
    ("awaiting-authorisation", {"resume", "end"}, {"pause", "unlock"}),
    ("locked", {"unlock", "end", "move"}, {"pause", "resume"}),
    ("submitted", {"incident"}, {"pause", "end", "move"}),
])
def test_only_what_can_apply_is_offered(state, offered, refused):
    found = available_actions(tile(state))
    assert offered <= found and not (refused & found)
    assert found <= set(ACTIONS)


def test_a_problem_can_be_judged_only_when_one_was_reported():
    assert "problem" not in available_actions(tile("question", AlertKind.FOCUS_LOST))
    assert "problem" in available_actions(tile("problem-reported", AlertKind.PROBLEM_REPORTED))


def test_a_kiosk_without_an_attempt_cannot_be_moved():
    assert "move" not in available_actions(tile("question", attempt=None))
