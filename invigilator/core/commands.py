"""Commands from the console to a kiosk, and the rules that allow them.

A command carries an id chosen by the console; the kiosk journals it once however often it is
delivered and acknowledges it by id. :meth:`Command.signed_document` is the document the server
wraps in a ``protocol.envelope.SignedEnvelope`` signed by the center key (ADR 0017), so the core
needs no key to build one.

A resume — the authorisation to continue after a crash or restart, or the end of a pause — is
refused while an alert on that kiosk is open, unless the invigilator acknowledged those very
alerts by id (an alert raised after the dialog was drawn is therefore never skipped).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from invigilator.core.alerts import IDLE_STATES, MAX_PERSON, Alert, AlertKind
from invigilator.core.center import ExamSession, SessionStatus
from invigilator.core.exposure import ExposureSnapshot
from invigilator.core.kiosks import EnrolledKiosk
from invigilator.core.replica import ATTEMPT_ID
from invigilator.core.roster import Candidate
from invigilator.errors import CommandRefusedError, KioskRevokedError, OpenAlertError

COMMAND_TYPE = "pupitre/room-command"
COMMAND_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{7,63}$")
MAX_ADD_MINUTES = 120
MAX_NOTE = 500
END_REASONS = frozenset({"candidate", "technical", "fraud"})  # DOMAIN: abort reasons, and proven fraud
TIME_PURPOSES = frozenset({"accommodation", "compensation"})


class CommandKind(StrEnum):
    AUTHORISE_START = "authorise-start"
    AUTHORISE_RESUME = "authorise-resume"
    AUTHORISE_MOVE = "authorise-move"  # continue an attempt moved from another kiosk (invigilator.core.moves)
    PAUSE = "pause"
    RESUME = "resume"
    ADD_TIME = "add-time"
    END = "end"
    LOCK = "lock"
    UNLOCK = "unlock"
    VALIDATE_PROBLEM = "validate-problem"
    DISMISS_PROBLEM = "dismiss-problem"


RESUME_KINDS = frozenset({CommandKind.AUTHORISE_RESUME, CommandKind.RESUME})
PROBLEM_KINDS = frozenset({CommandKind.VALIDATE_PROBLEM, CommandKind.DISMISS_PROBLEM})


@dataclass(frozen=True)
class Command:
    id: str
    kiosk_id: str
    kind: CommandKind
    args: dict[str, Any]
    issued_at: dt.datetime
    issued_by: str
    acknowledged_at: dt.datetime | None = None

    @property
    def pending(self) -> bool:
        return self.acknowledged_at is None

    def acknowledged(self, kiosk_id: str, now: dt.datetime) -> Command:
        """The command acknowledged by its kiosk; acknowledging twice keeps the first time."""
        if kiosk_id != self.kiosk_id:
            raise CommandRefusedError(f"command {self.id} was sent to kiosk {self.kiosk_id}, "
                                      f"not to kiosk {kiosk_id}: acknowledgement refused")
        return self if self.acknowledged_at is not None else replace(self, acknowledged_at=now)

    def signed_document(self, center_id: str) -> dict[str, Any]:
        """The ``signed`` part of the command's envelope (canonical-encodable)."""
        return {"_type": COMMAND_TYPE, "id": self.id, "center": center_id, "kiosk": self.kiosk_id,
                "kind": str(self.kind), "args": dict(self.args), "issued_at": self.issued_at.isoformat(),
                "issued_by": self.issued_by}


@dataclass(frozen=True)
class Issued:
    """A command decided, with the alerts it handled (to be stored in the same transaction)."""

    command: Command
    handled_alerts: tuple[Alert, ...] = field(default=())


def _note(args: dict[str, Any], key: str) -> str:
    text = " ".join(str(args.get(key) or "").split())
    if len(text) > MAX_NOTE:
        raise CommandRefusedError(f"{key} is longer than {MAX_NOTE} characters")
    return text


def _check_args(kind: CommandKind, args: dict[str, Any]) -> dict[str, Any]:
    if kind is CommandKind.AUTHORISE_START:
        candidate, attempt = args.get("candidate_id"), args.get("attempt_id")
        if not isinstance(candidate, str) or not 0 < len(candidate) <= 64:
            raise CommandRefusedError("authorise-start needs the checked-in candidate's id")
        if attempt is not None and not (isinstance(attempt, str) and ATTEMPT_ID.match(attempt)):
            raise CommandRefusedError(f"authorise-start: attempt id {attempt!r} is not a valid attempt id")
        return {"candidate_id": candidate, **({"attempt_id": attempt} if attempt else {})}
    if kind is CommandKind.ADD_TIME:
        minutes, purpose = args.get("minutes"), args.get("purpose")
        if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= MAX_ADD_MINUTES:
            raise CommandRefusedError(f"add-time needs whole minutes from 1 to {MAX_ADD_MINUTES}, not {minutes!r}")
        if purpose not in TIME_PURPOSES:
            raise CommandRefusedError(f"add-time purpose must be one of {', '.join(sorted(TIME_PURPOSES))}, "
                                      f"not {purpose!r}")
        return {"minutes": minutes, "purpose": purpose, "note": _note(args, "note")}
    if kind is CommandKind.END:
        if args.get("reason") not in END_REASONS:
            raise CommandRefusedError(f"end needs a reason, one of {', '.join(sorted(END_REASONS))}, "
                                      f"not {args.get('reason')!r}")
        return {"reason": args["reason"], "note": _note(args, "note")}
    if kind in PROBLEM_KINDS:
        return {"alert_id": str(args.get("alert_id") or "")}
    return {"note": _note(args, "note")} if args.get("note") else {}


def issue(kind: CommandKind, kiosk: EnrolledKiosk, args: dict[str, Any], *, command_id: str, now: dt.datetime,
          by: str, open_alerts: Sequence[Alert] = (), acknowledged: frozenset[str] = frozenset(),
          candidate: Candidate | None = None, session: ExamSession | None = None,
          exposure: ExposureSnapshot | None = None) -> Issued:
    """Decide one command for ``kiosk``.

    ``open_alerts`` are the kiosk's open alerts as the store holds them now; ``acknowledged`` the
    ids the invigilator was shown and confirmed (resume only). An authorisation to start needs
    the roster line of ``args["candidate_id"]`` (``candidate``) and its ``session``, which must be
    open; the command then carries what the kiosk needs from them — the session, bank and
    profile, and the candidate's extra time and accommodations (the console is the source of
    truth for extra time) — and the center's exposure record of the session's bank
    (``exposure``, as :meth:`ExposureSnapshot.to_dict` writes it), so the kiosk's engine caps
    each item's exposure across the room's candidates (ADR 0004).
    """
    if not COMMAND_ID.match(command_id):
        raise CommandRefusedError(f"command id {command_id!r} is not 8 to 64 letters, digits, '.', '_' or '-'")
    if kiosk.revoked:
        raise KioskRevokedError(f"kiosk {kiosk.name} ({kiosk.id}) is revoked: it takes no more commands")
    if not str(by or "").strip() or len(str(by).strip()) > MAX_PERSON:
        raise CommandRefusedError(f"a command needs the name of the invigilator who gives it (1 to {MAX_PERSON} "
                                  "characters)")
    kind = CommandKind(kind)
    if kind is CommandKind.AUTHORISE_MOVE:
        raise CommandRefusedError("authorise-move carries the attempt's journal: it is decided by a move "
                                  "(invigilator.core.moves.plan_move), not given alone")
    clean = _check_args(kind, dict(args))
    mine = [a for a in open_alerts if a.kiosk_id == kiosk.id and a.is_open]
    handled: list[Alert] = []
    if kind is CommandKind.AUTHORISE_START:
        clean = {**clean, **_start_terms(clean["candidate_id"], candidate, session)}
        if exposure is not None:
            if exposure.bank_id != clean["bank_id"]:
                raise CommandRefusedError(f"authorise-start: the exposure record given is of bank {exposure.bank_id}, "
                                          f"not of the session's bank {clean['bank_id']}")
            clean["exposure"] = exposure.to_dict()
    elif kind in RESUME_KINDS:
        unread = [a.id for a in mine if a.id not in acknowledged]
        if unread:
            raise OpenAlertError(kiosk.id, unread)
        handled = [a.handled(now, by, f"acknowledged before {kind}") for a in mine]
    elif kind in PROBLEM_KINDS:
        report = next((a for a in mine if a.id == clean["alert_id"] and a.kind is AlertKind.PROBLEM_REPORTED), None)
        if report is None:
            raise CommandRefusedError(f"kiosk {kiosk.name}: no open problem report with id {clean['alert_id']!r}")
        clean = {"alert_id": report.id, "number": report.detail.get("number"),
                 "item_id": report.detail.get("item_id")}
        verdict = "validated: the question is neutralised" if kind is CommandKind.VALIDATE_PROBLEM else \
            "dismissed: the candidate answers the question"
        handled = [report.handled(now, by, verdict)]
    command = Command(command_id, kiosk.id, kind, clean, now, str(by).strip())
    return Issued(command, tuple(handled))


def _start_terms(candidate_id: str, candidate: Candidate | None, session: ExamSession | None) -> dict[str, Any]:
    if candidate is None or candidate.id != candidate_id:
        raise CommandRefusedError(f"authorise-start: candidate {candidate_id!r} is on no roster of this console")
    if session is None or session.id != candidate.session_id:
        raise CommandRefusedError(f"authorise-start: the session of candidate {candidate_id} was not found")
    if session.status is not SessionStatus.OPEN:
        raise CommandRefusedError(f"authorise-start: session {session.id} is {session.status}, not open")
    return {"session_id": session.id, "bank_id": session.bank_id, "profile": session.profile,
            "extra_time_minutes": candidate.extra_time_minutes, "accommodations": list(candidate.accommodations)}


def in_a_test(kiosks: Sequence[EnrolledKiosk]) -> list[EnrolledKiosk]:
    """The kiosks a room-wide pause or resume addresses: enrolled, not revoked, running a test."""
    return [k for k in kiosks if not k.revoked and k.status is not None and k.status.state not in IDLE_STATES]
