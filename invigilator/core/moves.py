"""Moving a candidate to a spare PC: the decision, and what the new kiosk receives.

The console holds a replica of every attempt's journal (ADR 0016). When a kiosk fails, the
invigilator moves its candidate to another enrolled kiosk; the new kiosk gets, with a new
authorisation, the attempt's journal as the console holds it and the terms the attempt started
with, rebuilds the engine by replaying the journal (``itembank.replay``), and continues the same
chain from its head. The old kiosk is locked, so a PC that comes back to life cannot let anyone
go on with the same attempt there.

A move is a resume: it is refused while an alert of the old kiosk is open, unless the
invigilator acknowledged those alerts by id (the rule of ADR 0016). It is refused for an attempt
whose journal does not hold together, that is finished, or that the console never saw start.

The ``authorise-move`` command's arguments (the kiosk side applies them)::

    {"attempt_id": ..., "from_kiosk": KIOSK_ID, "head": {"seq": N, "hash": HEX},
     "entries": [ChainEntry.to_dict(), ...],      # 1..N, the console's replica, in order
     "start": {...}}                              # the authorise-start arguments the attempt began with:
                                                  # session_id, bank_id, profile, candidate_id, extra time,
                                                  # accommodations, exposure (the record the engine used)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from invigilator.core.alerts import IDLE_STATES, Alert
from invigilator.core.commands import COMMAND_ID, Command, CommandKind
from invigilator.core.kiosks import EnrolledKiosk
from invigilator.core.replica import ATTEMPT_ID
from invigilator.errors import CommandRefusedError, KioskRevokedError, OpenAlertError
from protocol.journal_chain import ChainEntry, check_chain

FINISHED_KINDS = frozenset({"finished", "submitted"})  # kiosk.core.events: the attempt is over
READY_STATES = IDLE_STATES | {"awaiting-authorisation", "check-in", "checkin"}  # a PC that runs no test


@dataclass(frozen=True)
class Move:
    """A move decided: the authorisation for the new kiosk, the lock for the old one, the alerts it handled."""

    authorise: Command
    lock_old: Command | None  # None when the old kiosk is revoked: it takes no more commands
    handled_alerts: tuple[Alert, ...]


def plan_move(attempt_id: str, old: EnrolledKiosk, new: EnrolledKiosk, entries: Sequence[ChainEntry],
              start: Mapping[str, Any] | None, *, command_ids: tuple[str, str], now: dt.datetime, by: str,
              open_alerts: Sequence[Alert] = (), acknowledged: frozenset[str] = frozenset()) -> Move:
    """Decide moving ``attempt_id`` from ``old`` to ``new``.

    ``entries`` are the console's replica of the attempt on ``old``, in order; ``start`` the
    arguments of the authorisation that started it (None if the console has none).
    """
    if not ATTEMPT_ID.match(attempt_id or ""):
        raise CommandRefusedError(f"move: {attempt_id!r} is not an attempt id")
    if any(not COMMAND_ID.match(c) for c in command_ids):
        raise CommandRefusedError("move: command ids must be 8 to 64 letters, digits, '.', '_' or '-'")
    who = str(by or "").strip()
    if not who:
        raise CommandRefusedError("move: a command needs the name of the invigilator who gives it")
    if old.id == new.id:
        raise CommandRefusedError(f"move: attempt {attempt_id} is already on kiosk {new.name}")
    if new.revoked:
        raise KioskRevokedError(f"move: kiosk {new.name} ({new.id}) is revoked")
    if new.status is not None and new.status.state not in READY_STATES:
        raise CommandRefusedError(f"move: kiosk {new.name} is running a test ({new.status.state}); choose a free PC")
    if not entries:
        raise CommandRefusedError(f"move: the console holds no journal of attempt {attempt_id} on kiosk {old.name}")
    chain = check_chain(attempt_id, entries)
    if not chain.ok:
        raise CommandRefusedError(f"move: the console's replica of attempt {attempt_id} does not hold together "
                                  f"({chain.reason}); it cannot be continued elsewhere")
    over = next((e for e in entries if e.kind in FINISHED_KINDS), None)
    if over is not None:
        raise CommandRefusedError(f"move: attempt {attempt_id} is finished (entry {over.seq}, {over.kind}); "
                                  "there is nothing to continue")
    if start is None:
        raise CommandRefusedError(f"move: the console never authorised the start of attempt {attempt_id}, so it "
                                  "cannot give another kiosk the terms it started with")
    mine = [a for a in open_alerts if a.kiosk_id == old.id and a.is_open]
    unread = [a.id for a in mine if a.id not in acknowledged]
    if unread:
        raise OpenAlertError(old.id, unread)
    handled = tuple(a.handled(now, who, f"acknowledged before moving attempt {attempt_id} to kiosk {new.name}")
                    for a in mine)
    last = entries[-1]
    args = {"attempt_id": attempt_id, "from_kiosk": old.id, "head": {"seq": last.seq, "hash": last.hash},
            "entries": [e.to_dict() for e in entries], "start": dict(start)}
    authorise = Command(command_ids[0], new.id, CommandKind.AUTHORISE_MOVE, args, now, who)
    lock = None if old.revoked else Command(command_ids[1], old.id, CommandKind.LOCK,
                                            {"note": f"attempt {attempt_id} moved to kiosk {new.name}"}, now, who)
    return Move(authorise, lock, handled)
