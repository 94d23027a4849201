"""What the invigilator can ask of one kiosk from the dashboard, given what it last said.

The dashboard offers only what can apply (resuming a kiosk that is not stopped, unlocking one
that is not locked, judging a problem nobody reported are not offered): fewer wrong clicks on an
exam day. The console's commands still check their own rules when they run.
"""

from __future__ import annotations

from invigilator.core.alerts import IDLE_STATES, AlertKind
from invigilator.core.dashboard import Tile

ACTIONS = ("pause", "resume", "add-time", "end", "lock", "unlock", "problem", "move", "incident")
ALL_KIOSKS = "*"

RUNNING = frozenset({"instructions", "question", "focus-warning", "problem-reported", "environment-check"})
STOPPED = frozenset({"paused", "awaiting-authorisation", "recovering"})


def available_actions(tile: Tile) -> frozenset[str]:
    """The actions that can apply to ``tile``'s kiosk now; an incident can always be recorded."""
    status = tile.kiosk.status
    found = {"incident"}
    if status is None:
        return frozenset(found)
    state = status.state
    if state in RUNNING:
        found |= {"pause", "lock", "add-time", "end"}
    if state in STOPPED:
        found |= {"resume", "add-time", "end", "lock"}
    if state == "locked":
        found |= {"unlock", "end"}
    if status.attempt_id and state not in IDLE_STATES:
        found.add("move")
    if any(a.kind is AlertKind.PROBLEM_REPORTED for a in tile.alerts):
        found.add("problem")
    return frozenset(found)
