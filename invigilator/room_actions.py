"""What an invigilator does to the room, in one place for the command line and the window.

Every action goes through :class:`RoomActions`: the rules that must not depend on which screen
the invigilator uses live here, above the store's own checks (ADR 0016) —

- **who gives the command**: every action names the invigilator (1 to 120 characters);
- **a resume never hides an alert**: :meth:`RoomActions.alerts_before_resume` lists the open
  alerts a resume (or a move) would pass over; the resume is refused unless the caller
  acknowledges exactly those ids, so an alert raised after the list was shown still blocks it;
- **validation**: minutes, purposes, end reasons, notes and incident categories are checked here
  and again by the core, with messages a person can act on.

The command line prints what :class:`RoomActions` returns; the window's dialogs show it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from invigilator.core.alerts import MAX_PERSON, Alert, AlertKind
from invigilator.core.commands import END_REASONS, MAX_ADD_MINUTES, TIME_PURPOSES, Command, CommandKind, Issued
from invigilator.core.incidents import Incident
from invigilator.core.kiosks import EnrolledKiosk
from invigilator.core.moves import READY_STATES, Move
from invigilator.errors import InvigilatorError, OpenAlertError

RESUMABLE = (CommandKind.RESUME, CommandKind.AUTHORISE_RESUME)


class Refused(InvigilatorError):
    """The room's rules refuse what was asked (the command line exits 1)."""


def check_person(by: str) -> str:
    who = " ".join(str(by or "").split())
    if not who or len(who) > MAX_PERSON:
        raise Refused(f"say which invigilator gives the command (1 to {MAX_PERSON} characters)")
    return who


@dataclass(frozen=True)
class StopReason:
    """Why a kiosk stopped, as the resume dialog tells it: its state and the last command that stopped it."""

    state: str
    command: Command | None

    def describe(self) -> str:
        what = {"paused": "paused", "locked": "locked", "awaiting-authorisation": "waiting for an authorisation",
                "recovering": "restarted after a crash or a restart"}.get(self.state, self.state or "no status yet")
        if self.command is None:
            return f"the kiosk is {what}"
        note = self.command.args.get("note")
        return (f"the kiosk is {what}; last {self.command.kind} by {self.command.issued_by} at "
                f"{self.command.issued_at:%H:%M:%S} UTC" + (f" ({note})" if note else ""))


class RoomActions:
    """The invigilator's actions on the room of ``console`` (an :class:`invigilator.app.Console`)."""

    def __init__(self, console: Any):
        self.console = console

    @property
    def store(self) -> Any:
        return self.console.store

    def now(self) -> dt.datetime:
        return self.console.now()

    # -- what the invigilator is shown first --------------------------------------------------------------
    def kiosk(self, kiosk_id: str) -> EnrolledKiosk:
        return self.store.kiosks.kiosk(kiosk_id)

    def alerts_before_resume(self, kiosk_ids: Sequence[str] | None) -> list[Alert]:
        """The open alerts a resume of ``kiosk_ids`` (None: every kiosk) would pass over, oldest first."""
        return [a for a in self.store.alerts.alerts(open_only=True) if kiosk_ids is None or a.kiosk_id in kiosk_ids]

    def stop_reason(self, kiosk_id: str) -> StopReason:
        kiosk = self.kiosk(kiosk_id)
        stopping = {CommandKind.PAUSE, CommandKind.LOCK, CommandKind.END}
        last = next((c for c in reversed(self.store.commands.commands(kiosk_id)) if c.kind in stopping), None)
        return StopReason(kiosk.status.state if kiosk.status else "", last)

    def spare_kiosks(self, leaving: str) -> list[EnrolledKiosk]:
        """Enrolled kiosks that run no test, where a candidate can go on (the one left excluded)."""
        return [k for k in self.store.kiosks.kiosks()
                if k.id != leaving and not k.revoked and (k.status is None or k.status.state in READY_STATES)]

    # -- commands -------------------------------------------------------------------------------------------
    def authorise_start(self, kiosk_id: str, candidate_id: str, by: str, attempt_id: str | None = None) -> Issued:
        if not candidate_id:
            raise Refused("authorise: name the checked-in candidate to authorise")
        args = {"candidate_id": candidate_id, **({"attempt_id": attempt_id} if attempt_id else {})}
        return self._one(CommandKind.AUTHORISE_START, kiosk_id, args, by)

    def resume(self, kiosk_ids: Sequence[str] | None, by: str, acknowledged: Iterable[str], *,
               kind: CommandKind = CommandKind.RESUME, note: str = "") -> list[Issued]:
        """Resume (or authorise the resume of) one kiosk, or every kiosk in a test (``kiosk_ids`` None).

        ``acknowledged`` are the ids of the alerts the invigilator was shown and confirmed; an open
        alert not among them refuses the resume, whatever the screen.
        """
        if kind not in RESUMABLE:
            raise Refused(f"{kind} is not a resume")
        who, seen = check_person(by), frozenset(acknowledged)
        unread = [a.id for a in self.alerts_before_resume(kiosk_ids) if a.id not in seen]
        if unread:
            raise OpenAlertError(kiosk_ids[0] if kiosk_ids and len(kiosk_ids) == 1 else "*", unread)
        args = {"note": note} if note else {}
        if kiosk_ids is None:
            return self.store.commands.issue_to_all(kind, args, self.now(), who, seen)
        return [self.store.commands.issue(kind, k, args, self.now(), who, seen) for k in kiosk_ids]

    def pause(self, kiosk_ids: Sequence[str] | None, by: str, note: str = "") -> list[Issued]:
        who, args = check_person(by), ({"note": note} if note else {})
        if kiosk_ids is None:
            return self.store.commands.issue_to_all(CommandKind.PAUSE, args, self.now(), who)
        return [self.store.commands.issue(CommandKind.PAUSE, k, args, self.now(), who) for k in kiosk_ids]

    def add_time(self, kiosk_id: str, minutes: int, purpose: str, by: str, note: str = "") -> Issued:
        if purpose not in TIME_PURPOSES:
            raise Refused(f"add time: the purpose is {' or '.join(sorted(TIME_PURPOSES))}, not {purpose!r}")
        if not isinstance(minutes, int) or not 1 <= minutes <= MAX_ADD_MINUTES:
            raise Refused(f"add time: whole minutes from 1 to {MAX_ADD_MINUTES}, not {minutes!r}")
        if purpose == "compensation" and not note.strip():
            raise Refused("add time: a compensation says what time was lost to (a note)")
        return self._one(CommandKind.ADD_TIME, kiosk_id, {"minutes": minutes, "purpose": purpose, "note": note}, by)

    def end(self, kiosk_id: str, reason: str, by: str, note: str = "") -> Issued:
        if reason not in END_REASONS:
            raise Refused(f"end: the reason is one of {', '.join(sorted(END_REASONS))}, not {reason!r}")
        if reason == "fraud" and not note.strip():
            raise Refused("end for fraud: say what was seen (a note); proven fraud invalidates the certification")
        return self._one(CommandKind.END, kiosk_id, {"reason": reason, "note": note}, by)

    def lock(self, kiosk_id: str, by: str, note: str = "") -> Issued:
        return self._one(CommandKind.LOCK, kiosk_id, {"note": note} if note else {}, by)

    def unlock(self, kiosk_id: str, by: str, note: str = "") -> Issued:
        return self._one(CommandKind.UNLOCK, kiosk_id, {"note": note} if note else {}, by)

    def decide_problem(self, kiosk_id: str, alert_id: str, validate: bool, by: str) -> Issued:
        kind = CommandKind.VALIDATE_PROBLEM if validate else CommandKind.DISMISS_PROBLEM
        return self._one(kind, kiosk_id, {"alert_id": alert_id}, by)

    def problem_reports(self, kiosk_id: str) -> list[Alert]:
        return [a for a in self.store.alerts.alerts(open_only=True, kiosk_id=kiosk_id)
                if a.kind is AlertKind.PROBLEM_REPORTED]

    def attempt_bank(self, kiosk_id: str, attempt_id: str | None) -> str | None:
        """The bank an attempt runs on, from the authorisation that started (or moved) it on ``kiosk_id``."""
        for command in reversed(self.store.commands.commands(kiosk_id)):
            args = command.args
            if command.kind is CommandKind.AUTHORISE_MOVE and args.get("attempt_id") == attempt_id:
                return args.get("start", {}).get("bank_id")
            if command.kind is CommandKind.AUTHORISE_START and args.get("attempt_id") in (None, attempt_id):
                return args.get("bank_id")
        return None

    def move_source(self, attempt_id: str, to_kiosk: str) -> str:
        holders = [k for k in self.store.moves.holders(attempt_id) if k != to_kiosk]
        if not holders:
            raise Refused(f"move: no kiosk has sent a journal of attempt {attempt_id}")
        return holders[0]

    def move(self, attempt_id: str, from_kiosk: str, to_kiosk: str, by: str, acknowledged: Iterable[str]) -> Move:
        """Move an attempt to a spare PC; like a resume, refused over an alert of the old kiosk not acknowledged."""
        who, seen = check_person(by), frozenset(acknowledged)
        unread = [a.id for a in self.alerts_before_resume([from_kiosk]) if a.id not in seen]
        if unread:
            raise OpenAlertError(from_kiosk, unread)
        return self.store.moves.move(attempt_id, from_kiosk, to_kiosk, self.now(), who, seen)

    def handle_alert(self, alert_id: str, by: str, resolution: str) -> Alert:
        """Mark one alert handled (read, and dealt with as ``resolution`` says) without resuming anything."""
        return self.store.alerts.handle(alert_id, self.now(), check_person(by), resolution)

    def record_incident(self, session_id: str, category: str, by: str, *, sub_reason: str | None = None,
                        note: str = "", kiosk_id: str | None = None, candidate_id: str | None = None,
                        attempt_id: str | None = None) -> Incident:
        return self.store.incidents.record(session_id, category, sub_reason, note, check_person(by), self.now(),
                                           kiosk_id=kiosk_id, candidate_id=candidate_id, attempt_id=attempt_id)

    def _one(self, kind: CommandKind, kiosk_id: str, args: dict[str, Any], by: str) -> Issued:
        return self.store.commands.issue(kind, kiosk_id, args, self.now(), check_person(by))
