"""The journal an ``authorise-move`` carries, checked: what a kiosk adopts when a candidate is moved to it.

Shared by the interface (:class:`kiosk.link.room_exam.RoomExam`) and, under custody, the keeper,
which checks the command's center signature and the journal itself before it writes anything: the
interface cannot make the keeper adopt entries the console did not send (ADR 0025).
"""

from __future__ import annotations

import datetime as dt

from kiosk.core import events as ev
from kiosk.core.commands import CommandKind, RoomCommand
from kiosk.core.events import Event
from kiosk.errors import KioskError
from protocol.journal_chain import ChainEntry, check_chain

FINISHED_KINDS = frozenset({ev.FINISHED, ev.SUBMITTED})


class MoveRefusedError(KioskError):
    """A move this kiosk does not take; the message says why (journalled as the refusal)."""


def moved_events(command: RoomCommand) -> list[Event]:
    """The attempt's entries as the move carries them, if they chain from its genesis to the head the
    command names, begin the attempt and do not end it."""
    if command.kind is not CommandKind.AUTHORISE_MOVE:
        raise MoveRefusedError(f"command {command.id} is not a move")
    if command.defect:
        raise MoveRefusedError(command.defect)
    args = command.args
    attempt_id = args["attempt_id"]
    try:
        chain = [ChainEntry.from_dict(raw, f"move: entry {i + 1}") for i, raw in enumerate(args["entries"])]
    except (ValueError, TypeError) as exc:
        raise MoveRefusedError(f"the journal the move carries is not readable ({exc})") from None
    check = check_chain(attempt_id, chain)
    if not check.ok:
        raise MoveRefusedError(f"the journal the move carries does not hold together ({check.reason})")
    head = args["head"]
    if (chain[-1].seq, chain[-1].hash) != (head.get("seq"), head.get("hash")):
        raise MoveRefusedError("the journal the move carries does not end at the head it names")
    if chain[0].kind != ev.ATTEMPT_CREATED or chain[0].payload.get("attempt_id") != attempt_id:
        raise MoveRefusedError(f"the journal the move carries does not begin attempt {attempt_id}")
    over = next((e for e in chain if e.kind in FINISHED_KINDS), None)
    if over is not None:
        raise MoveRefusedError(f"attempt {attempt_id} is finished (entry {over.seq}, {over.kind}): nothing to "
                               "continue")
    return [Event(e.seq, e.kind, dict(e.payload), float(e.t_mono),
                  dt.datetime.fromisoformat(e.t_wall) if e.t_wall else None, e.hash) for e in chain]
