"""Journal events: every change of an attempt is one event, and the state is their replay."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Event:
    seq: int
    kind: str
    payload: dict[str, Any]
    t_mono: float = 0.0
    t_wall: dt.datetime | None = None
    hash: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "kind": self.kind, "payload": self.payload, "t_mono": self.t_mono,
                "t_wall": self.t_wall.isoformat() if self.t_wall else None, "hash": self.hash}


# The kinds, in the order they usually happen.
ATTEMPT_CREATED = "attempt-created"
CHECKED_IN = "checked-in"
AUTHORISATION_REQUESTED = "authorisation-requested"
BANK_DELIVERED = "bank-delivered"  # a room exam: the bank the console delivered is open (with its profile)
AUTHORISED = "authorised"
ENVIRONMENT_CHECKED = "environment-checked"
TEST_STARTED = "test-started"
FOCUS_WARNING_SHOWN = "focus-warning-shown"
FOCUS_WARNING_ACKNOWLEDGED = "focus-warning-acknowledged"
QUESTION_SHOWN = "question-shown"
FOCUS_LOST = "focus-lost"
FOCUS_REGAINED = "focus-regained"
ANSWERED = "answered"
PROBLEM_REPORTED = "problem-reported"
PROBLEM_RESOLVED = "problem-resolved"
PAUSED = "paused"
RESUMED = "resumed"
LOCKED = "locked"
UNLOCKED = "unlocked"
TIME_ADDED = "time-added"
RECOVERED = "recovered"
STALLED = "stalled"  # the kiosk did not run for a while (SIGSTOP, a frozen machine): compensated
FINISHED = "finished"
SUBMITTED = "submitted"
ROOM_COMMAND = "room-command"  # a command from the invigilator's console, journalled once by its id
ROOM_COMMAND_REFUSED = "room-command-refused"  # the command just journalled did not apply here
MOVED_IN = "moved-in"  # the attempt continues on this kiosk, moved from a failed one by the console
GUARD = "guard"  # a guard measure or finding, for the invigilator's record

ANSWER_KINDS = frozenset({ANSWERED})  # payloads encrypted at rest by the journal
