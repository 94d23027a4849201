"""The invigilator's commands, as the kiosk reads and obeys them.

A command comes from the console as a document signed by the center key (ADR 0017); the link
checks the signature, then :meth:`RoomCommand.from_document` checks the document itself: its
type, that it is addressed to this kiosk by this center, its id, its kind and its arguments, each
fault named. :meth:`ExamSession.obey` journals a command once by its id — a second delivery, even
after a restart, changes nothing and is acknowledged again — then carries it out through the
session's own commands (:func:`carry_out`), or journals why the state refused it. Either way
its id goes back to the console as acknowledged: a refused command is an answer, not a loss.

The bank content key wrapped for this kiosk travels with an authorisation but is kept out of
the journal: it opens the bank in memory and nothing else.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from itembank.errors import ItemBankError
from kiosk.errors import CommandFormatError, CommandRefusedError

if TYPE_CHECKING:
    from kiosk.core.session import ExamSession

COMMAND_TYPE = "pupitre/room-command"
COMMAND_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{7,63}$")
WRAPPED_KEY = "wrapped_key"  # added by the console to an authorisation it delivers; never journalled
BANK = "bank"  # the session's bank (protocol.room.BankDescriptor), added beside it
PUBLISHER = "publisher"  # the bank's publisher as the center trusts it ({name, ed25519}), added beside it
MAX_MOVED_ENTRIES = 20_000
MAX_ADD_MINUTES = 120
MAX_NOTE = 500
MAX_PERSON = 120
END_REASONS = frozenset({"candidate", "technical", "fraud"})
TIME_PURPOSES = frozenset({"accommodation", "compensation"})


class CommandKind(StrEnum):
    AUTHORISE_START = "authorise-start"
    AUTHORISE_RESUME = "authorise-resume"
    AUTHORISE_MOVE = "authorise-move"  # continue here an attempt begun on another kiosk (a spare PC)
    PAUSE = "pause"
    RESUME = "resume"
    ADD_TIME = "add-time"
    END = "end"
    LOCK = "lock"
    UNLOCK = "unlock"
    VALIDATE_PROBLEM = "validate-problem"
    DISMISS_PROBLEM = "dismiss-problem"


class Disposition(StrEnum):
    """What became of a command: carried out, or refused by the state it found."""

    APPLIED = "applied"
    REFUSED = "refused"


@dataclass(frozen=True)
class CommandResult:
    """The answer to one delivery of a command; its id is acknowledged to the console either way."""

    command_id: str
    disposition: Disposition
    detail: str = ""
    duplicate: bool = False  # journalled at an earlier delivery: nothing was done this time


@dataclass(frozen=True)
class RoomCommand:
    """A command of this kiosk's center. ``defect`` says what is malformed in one that is addressed
    to this kiosk but cannot be carried out (a newer console's kind, bad arguments): it is
    journalled as refused and acknowledged, never left to be delivered forever."""

    id: str
    kind: CommandKind | None
    args: Mapping[str, Any]
    issued_by: str
    issued_at: str
    bank: Mapping[str, Any] | None = None
    wrapped_key: Any = field(default=None, repr=False)
    publisher: Mapping[str, Any] | None = None
    defect: str = ""
    # the bank this authorisation delivered, downloaded, verified and opened by the link (never journalled):
    # a DeliveredBank with .record (id, version, manifest_sha256), .profile(name) and .source
    delivered: Any = field(default=None, repr=False, compare=False)
    # the center-signed envelope as received (a move: the keeper checks it before adopting its journal)
    envelope: Mapping[str, Any] | None = field(default=None, repr=False, compare=False)
    kind_text: str = ""

    @property
    def by(self) -> str:
        """The ``by`` of the session's events this command causes."""
        return f"console:{self.issued_by}"

    def journal_record(self) -> dict[str, Any]:
        """What the journal keeps of the command (everything but the wrapped key)."""
        kind = self.kind.value if self.kind is not None else self.kind_text
        args = dict(self.args)
        if self.kind is CommandKind.AUTHORISE_MOVE:  # the journal it carries is the journal it continues
            args["entries"] = len(args.get("entries") or ())
        record = {"id": self.id, "kind": kind, "args": args, "issued_by": self.issued_by,
                  "issued_at": self.issued_at}
        return {**record, "bank": dict(self.bank)} if self.bank is not None else record

    @classmethod
    def from_document(cls, document: Mapping[str, Any], *, kiosk_id: str, center_id: str) -> RoomCommand:
        """Read the ``signed`` part of a command envelope already verified against the center key."""
        if not isinstance(document, Mapping):
            raise CommandFormatError("a room command must be an object")
        if document.get("_type") != COMMAND_TYPE:
            raise CommandFormatError(f"_type is {document.get('_type')!r}, not {COMMAND_TYPE!r}")
        command_id = document.get("id")
        if not isinstance(command_id, str) or not COMMAND_ID.match(command_id):
            raise CommandFormatError(f"id {command_id!r} is not 8 to 64 letters, digits, '.', '_' or '-'")
        if document.get("kiosk") != kiosk_id:
            raise CommandFormatError(f"command {command_id} is addressed to kiosk {document.get('kiosk')!r}, "
                                     f"not to this kiosk ({kiosk_id})")
        if document.get("center") != center_id:
            raise CommandFormatError(f"command {command_id} comes from center {document.get('center')!r}, "
                                     f"not from this kiosk's center ({center_id})")
        try:
            return cls._read(document, command_id)
        except CommandFormatError as exc:
            raw_kind, raw_by, raw_at = document.get("kind"), document.get("issued_by"), document.get("issued_at")
            return cls(command_id, None, {}, raw_by[:MAX_PERSON] if isinstance(raw_by, str) else "",
                       raw_at[:64] if isinstance(raw_at, str) else "", defect=str(exc)[:MAX_NOTE],
                       kind_text=raw_kind[:40] if isinstance(raw_kind, str) else "")

    @classmethod
    def _read(cls, document: Mapping[str, Any], command_id: str) -> RoomCommand:
        try:
            kind = CommandKind(document.get("kind"))
        except ValueError:
            raise CommandFormatError(f"command {command_id}: unknown kind {document.get('kind')!r}") from None
        args = document.get("args")
        if not isinstance(args, Mapping):
            raise CommandFormatError(f"command {command_id}: args must be an object")
        by = document.get("issued_by")
        if not isinstance(by, str) or not 0 < len(by.strip()) <= MAX_PERSON:
            raise CommandFormatError(f"command {command_id}: issued_by must name the invigilator "
                                     f"(1 to {MAX_PERSON} characters)")
        issued_at = document.get("issued_at")
        if not isinstance(issued_at, str) or len(issued_at) > 64:
            raise CommandFormatError(f"command {command_id}: issued_at must be a date and time")
        bank = document.get(BANK)
        if bank is not None and not isinstance(bank, Mapping):
            raise CommandFormatError(f"command {command_id}: bank must be an object")
        publisher = document.get(PUBLISHER)
        if publisher is not None and not isinstance(publisher, Mapping):
            raise CommandFormatError(f"command {command_id}: publisher must be an object")
        try:
            clean = _check_args(kind, dict(args))
        except CommandFormatError as exc:
            raise CommandFormatError(f"command {command_id} ({kind}): {exc}") from None
        return cls(command_id, kind, clean, by.strip(), issued_at, dict(bank) if bank is not None else None,
                   document.get(WRAPPED_KEY), dict(publisher) if publisher is not None else None)


def _whole(args: Mapping[str, Any], key: str, low: int, high: int, default: int | None = None) -> int:
    value = args.get(key)
    value = default if value is None else value
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise CommandFormatError(f"{key} must be a whole number from {low} to {high}, not {value!r}")
    return value


def _text(args: Mapping[str, Any], key: str, limit: int = MAX_NOTE) -> str:
    value = args.get(key) or ""
    if not isinstance(value, str) or len(value) > limit:
        raise CommandFormatError(f"{key} must be a text of at most {limit} characters")
    return value


def _check_args(kind: CommandKind, args: dict[str, Any]) -> dict[str, Any]:
    """The arguments the kiosk acts on, checked; others (e.g. the profile, the accommodations) are
    kept for the record as long as they are plain data."""
    clean = dict(args)
    if kind is CommandKind.ADD_TIME:
        clean["minutes"] = _whole(args, "minutes", 1, MAX_ADD_MINUTES)
        if args.get("purpose") not in TIME_PURPOSES:
            raise CommandFormatError(f"purpose must be one of {', '.join(sorted(TIME_PURPOSES))}, "
                                     f"not {args.get('purpose')!r}")
        clean["note"] = _text(args, "note")
    elif kind is CommandKind.END:
        if args.get("reason") not in END_REASONS:
            raise CommandFormatError(f"reason must be one of {', '.join(sorted(END_REASONS))}, "
                                     f"not {args.get('reason')!r}")
        clean["note"] = _text(args, "note")
    elif kind is CommandKind.AUTHORISE_START:
        clean.update(_start_args(args))
    elif kind is CommandKind.AUTHORISE_MOVE:
        clean.update(_move_args(args))
    elif kind in (CommandKind.VALIDATE_PROBLEM, CommandKind.DISMISS_PROBLEM):
        clean["number"] = _whole(args, "number", 1, 1000)
        clean["item_id"] = _text(args, "item_id", 128)
        clean["alert_id"] = _text(args, "alert_id", 128)
    elif "note" in args:
        clean["note"] = _text(args, "note")
    return clean


def _start_args(args: Mapping[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {"extra_time_minutes": _whole(args, "extra_time_minutes", 0, 24 * 60, default=0)}
    for key in ("candidate_id", "session_id", "attempt_id", "bank_id", "profile"):
        if key in args:
            clean[key] = _text(args, key, 64)
    if args.get("exposure") is not None:
        clean["exposure"] = read_exposure(args["exposure"], args.get("bank_id"))
    return clean


def read_exposure(raw: Any, bank_id: Any = None) -> dict[str, Any]:
    """The center's exposure record as an authorisation carries it (ADR 0020), checked: its format,
    its bank, and its ``sha256`` over the canonical bytes of the other fields."""
    from itembank.cat.errors import ExposureFormatError
    from itembank.cat.exposure import ExposureRecord
    from protocol.canonical import canonical_bytes
    from protocol.errors import CanonicalEncodingError

    if not isinstance(raw, Mapping):
        raise CommandFormatError("exposure must be an object")
    try:
        ExposureRecord.from_dict(raw, "exposure")
        body = {k: v for k, v in raw.items() if k != "sha256"}
        digest = hashlib.sha256(canonical_bytes(body)).hexdigest()
    except (ExposureFormatError, CanonicalEncodingError) as exc:
        raise CommandFormatError(str(exc)) from None
    if raw.get("sha256") != digest:
        raise CommandFormatError("exposure: its sha256 is not the digest of its record (altered in transit)")
    if bank_id is not None and raw.get("bank_id") != bank_id:
        raise CommandFormatError(f"exposure: the record is of bank {raw.get('bank_id')!r}, not of bank {bank_id!r}")
    return dict(raw)


def _move_args(args: Mapping[str, Any]) -> dict[str, Any]:
    """``authorise-move`` (invigilator.core.moves): the attempt, where it comes from, its journal, its terms."""
    clean: dict[str, Any] = {"attempt_id": _text(args, "attempt_id", 80), "from_kiosk": _text(args, "from_kiosk", 64)}
    if not clean["attempt_id"] or not clean["from_kiosk"]:
        raise CommandFormatError("attempt_id and from_kiosk must name the attempt and the kiosk it comes from")
    head, entries, start = args.get("head"), args.get("entries"), args.get("start")
    if not isinstance(head, Mapping) or not isinstance(head.get("seq"), int) or not isinstance(head.get("hash"), str):
        raise CommandFormatError("head must be {seq, hash}")
    if not isinstance(entries, list) or not 0 < len(entries) <= MAX_MOVED_ENTRIES:
        raise CommandFormatError(f"entries must be the attempt's journal (1 to {MAX_MOVED_ENTRIES} entries)")
    if not isinstance(start, Mapping):
        raise CommandFormatError("start must be the terms the attempt started with")
    clean["head"] = {"seq": head["seq"], "hash": head["hash"]}
    clean["entries"] = list(entries)
    clean["start"] = {**dict(start), **_start_args(start)}
    return clean


def carry_out(session: ExamSession, order: RoomCommand) -> None:
    """Do what ``order`` says through the session's commands; a state that does not allow it raises
    :class:`IllegalTransitionError`, a command meant for another attempt or question raises
    :class:`CommandRefusedError` (both before anything is journalled)."""
    kind, args, by = order.kind, order.args, order.by
    if kind in (CommandKind.AUTHORISE_START, CommandKind.AUTHORISE_RESUME):
        resuming = session.awaiting_resume
        if kind is CommandKind.AUTHORISE_START and resuming:
            raise CommandRefusedError("the kiosk waits for an authorisation to resume, not to start")
        if kind is CommandKind.AUTHORISE_RESUME and not resuming:
            raise CommandRefusedError("the kiosk waits for an authorisation to start, not to resume")
        attempt = args.get("attempt_id")
        if attempt and attempt != session.attempt.attempt_id:
            raise CommandRefusedError(f"the authorisation is for attempt {attempt}, "
                                      f"this kiosk runs attempt {session.attempt.attempt_id}")
        delivered_record = order.delivered.record if order.delivered is not None else None
        if (not session.bank_pending and delivered_record is not None
                and delivered_record["manifest_sha256"] != (session.attempt.bank or {}).get("manifest_sha256")):
            raise CommandRefusedError(f"the console's bank ({delivered_record['id']}) is not the bank this attempt "
                                      f"runs ({(session.attempt.bank or {}).get('id')})")
        if session.bank_pending:
            if order.delivered is None:
                raise CommandRefusedError("the authorisation brings no bank this kiosk could open")
            delivered = order.delivered
            try:
                profile = delivered.profile(args.get("profile"))
            except ItemBankError as exc:
                raise CommandRefusedError(f"the session's profile is not in the bank delivered: {exc}") from None
            session.deliver_bank(delivered.record, profile, delivered.source)
        session.authorise(by=by, exposure=args.get("exposure") if kind is CommandKind.AUTHORISE_START else None)
        if args.get("extra_time_minutes"):
            session.add_time(by=by, minutes=args["extra_time_minutes"], purpose="accommodation")
    elif kind is CommandKind.AUTHORISE_MOVE:
        session.continue_moved(order)
    elif kind is CommandKind.PAUSE:
        session.pause(by=by, reason=args.get("note", ""))
    elif kind is CommandKind.RESUME:
        session.resume(by=by)
    elif kind is CommandKind.ADD_TIME:
        session.add_time(by=by, minutes=args["minutes"], purpose=args["purpose"], note=args.get("note", ""))
    elif kind is CommandKind.END:
        # A proven fraud ends the test as the candidate's abort; the command's record says fraud.
        session.end(abort="technical" if args["reason"] == "technical" else "candidate", by=by)
    elif kind is CommandKind.LOCK:
        session.lock(reason=args.get("note") or "invigilator")
    elif kind is CommandKind.UNLOCK:
        session.unlock(by=by)
    else:
        report = session.question_on_report
        if report is not None and report != (args["number"], args["item_id"]):
            raise CommandRefusedError(f"the verdict is on question {args['number']} ({args['item_id']}), "
                                      f"the report open here is on question {report[0]} ({report[1]})")
        session.resolve_problem(validated=kind is CommandKind.VALIDATE_PROBLEM, by=by)
