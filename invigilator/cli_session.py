"""``pupitre-invigilator session …``: sessions, their rosters, and the commands queued for the kiosks.

The rules of the commands live in :mod:`invigilator.room_actions`, shared with the window; this
module reads the command line and prints.

Commands are decided and stored by the room's store (ADR 0016) and wait there until the kiosk's
next sync collects them. A resume shows the kiosk's open alerts first and is refused while any
is open unless ``--acknowledge-alerts`` says they were read; the ids shown are the ones
acknowledged, so an alert raised after they were printed still blocks the resume.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import getpass
import io
import sys
import uuid
from pathlib import Path
from typing import Any

from invigilator.core.alerts import Alert
from invigilator.core.center import SessionStatus
from invigilator.core.commands import END_REASONS, TIME_PURPOSES, CommandKind, Issued
from invigilator.core.roster import Candidate
from invigilator.errors import RosterError
from invigilator.room_actions import Refused, RoomActions

MAX_ROSTER_BYTES = 4 * 1024 * 1024
ROSTER_COLUMNS = ("last_name", "first_name", "birth_date")
ROSTER_OPTIONAL = ("external_id", "extra_time_minutes", "accommodations")


def _cli_error(message: str) -> Exception:
    from invigilator.cli import CliError

    return CliError(message)


def _date(text: str, what: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{what} {text!r} is not a date (YYYY-MM-DD or DD/MM/YYYY)")


# -- sessions ----------------------------------------------------------------------------------------
def cmd_create(console: Any, args: argparse.Namespace) -> int:
    console.require_center()
    try:
        date = _date(args.date, "--date")
    except ValueError as exc:
        raise _cli_error(str(exc)) from None
    profiles = console.bank_profiles(args.bank)
    if args.profile not in profiles:
        raise _cli_error(f"--profile {args.profile!r}: bank {args.bank} has no such profile "
                         f"(it has: {', '.join(profiles)})")
    invigilators = tuple(" ".join(name.split()) for name in args.invigilator)
    exam = console.store.sessions.create_session(args.bank, args.profile, date, args.room, console.now(), console.rng,
                                                 session_id=args.id, invigilators=invigilators)
    print(f"Session number: {exam.id}")
    print(f"Access code:    {exam.access_code}")
    print(f"  invigilated by {', '.join(exam.invigilators)}")
    print(f"  bank {exam.bank_id}, profile {exam.profile}, {exam.date.isoformat()}, room {exam.room} "
          f"({exam.status}; open it with 'pupitre-invigilator session open {exam.id}')")
    return 0


def cmd_list(console: Any, args: argparse.Namespace) -> int:
    for s in console.store.sessions.sessions():
        print(f"{s.id}  {s.date.isoformat()}  {s.room}  bank {s.bank_id}  profile {s.profile}  "
              f"code {s.access_code}  {s.status}  invigilators: {', '.join(s.invigilators) or '—'}")
    return 0


def cmd_open(console: Any, args: argparse.Namespace) -> int:
    exam = console.store.sessions.set_status(args.session, SessionStatus.OPEN, console.now())
    print(f"Session {exam.id} is open: candidates may check in with access code {exam.access_code}")
    return 0


def cmd_close(console: Any, args: argparse.Namespace) -> int:
    exam = console.store.sessions.set_status(args.session, SessionStatus.CLOSED, console.now())
    print(f"Session {exam.id} is closed")
    return 0


# -- the roster --------------------------------------------------------------------------------------
def read_roster(text: str, session_id: str, where: str) -> tuple[list[Candidate], list[str]]:
    """Roster lines from CSV text, and one problem per bad line (``FILE:LINE: reason``)."""
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in ROSTER_COLUMNS if c not in header]
    if missing:
        return [], [f"{where}:1: the header lacks {', '.join(missing)} (columns: "
                    f"{', '.join(ROSTER_COLUMNS + ROSTER_OPTIONAL)})"]
    unknown = [h for h in header if h not in ROSTER_COLUMNS + ROSTER_OPTIONAL]
    if unknown:
        return [], [f"{where}:1: unknown column(s) {', '.join(unknown)}"]
    reader.fieldnames = header
    candidates, problems, seen_external = [], [], {}
    rows = iter(reader)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:  # a NUL byte, a field past the csv module's limit, an unclosed quote
            problems.append(f"{where}:{reader.line_num}: not readable as CSV ({exc}); nothing after it was read")
            break
        line = reader.line_num
        if None in row or any(v is None for v in row.values()):
            problems.append(f"{where}:{line}: {len(header)} fields expected")
            continue
        try:
            extra = (row.get("extra_time_minutes") or "0").strip()
            if not extra.isdigit():
                raise RosterError(f"extra_time_minutes {extra!r} is not whole minutes")
            candidate = Candidate.create(uuid.uuid4().hex, session_id, row["last_name"], row["first_name"],
                                         _date(row["birth_date"], "birth_date"), row.get("external_id") or "",
                                         int(extra), [a for a in (row.get("accommodations") or "").split(";")
                                                      if a.strip()])
        except (RosterError, ValueError) as exc:
            problems.append(f"{where}:{line}: {str(exc).replace(f'candidate {_id_hint(exc)}: ', '')}")
            continue
        if candidate.external_id:
            if candidate.external_id in seen_external:
                problems.append(f"{where}:{line}: external id {candidate.external_id} is already on line "
                                f"{seen_external[candidate.external_id]}")
                continue
            seen_external[candidate.external_id] = line
        candidates.append(candidate)
    if not candidates and not problems:
        problems.append(f"{where}: no candidate in the file")
    return candidates, problems


def _id_hint(exc: Exception) -> str:
    text = str(exc)
    return text.split(":", 1)[0].removeprefix("candidate ") if text.startswith("candidate ") else ""


def cmd_roster_import(console: Any, args: argparse.Namespace) -> int:
    path = Path(args.csv)
    exam = console.store.sessions.session(args.session)
    try:
        if path.stat().st_size > MAX_ROSTER_BYTES:
            raise _cli_error(f"{path}: larger than {MAX_ROSTER_BYTES // 1024 // 1024} MiB; not a roster")
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _cli_error(f"{path}: not UTF-8 text (save the roster as CSV UTF-8)") from None
    except FileNotFoundError:
        raise _cli_error(f"{path}: no such file") from None
    candidates, problems = read_roster(text, exam.id, str(path))
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        raise _cli_error(f"{path}: {len(problems)} bad line(s); nothing was imported")
    console.store.sessions.add_candidates(candidates)
    print(f"Session {exam.id}: {len(candidates)} candidate(s) imported")
    return 0


def cmd_roster_list(console: Any, args: argparse.Namespace) -> int:
    for c in console.store.sessions.roster(args.session):
        extra = f"  +{c.extra_time_minutes} min" if c.extra_time_minutes else ""
        print(f"{c.id}  {c.last_name.upper()} {c.first_name}  {c.birth_date.isoformat()}  {c.external_id}{extra}")
    return 0


# -- commands for the kiosks ------------------------------------------------------------------------------
def _by(args: argparse.Namespace) -> str:
    return args.by or getpass.getuser()


def _actions(console: Any) -> RoomActions:
    return RoomActions(console)


def _report(issued: list[Issued]) -> None:
    for i in issued:
        c = i.command
        handled = f" (alerts acknowledged: {', '.join(a.id for a in i.handled_alerts)})" if i.handled_alerts else ""
        print(f"Queued {c.kind} for kiosk {c.kiosk_id} as command {c.id}{handled}; the kiosk takes it at its next sync")


def _show_alerts(alerts: list[Alert]) -> None:
    for a in alerts:
        print(f"  open alert {a.id}: {a.kind} on kiosk {a.kiosk_id} since {a.raised_at:%H:%M:%S} UTC "
              f"{a.detail if a.detail else ''}".rstrip())


def _shown_alerts(alerts: list[Alert], args: argparse.Namespace, before: str) -> list[str]:
    """Print the open alerts; refuse unless --acknowledge-alerts says they were read. The ids printed are returned."""
    if alerts:
        print(f"{len(alerts)} open alert(s) {before}:")
        _show_alerts(alerts)
        if not args.acknowledge_alerts:
            raise Refused(f"{len(alerts)} open alert(s) shown above; read them, then run the same command with "
                          "--acknowledge-alerts")
    return [a.id for a in alerts]


def _resume_kind(console: Any, args: argparse.Namespace, kind: CommandKind, kiosk_ids: list[str] | None,
                 note: str = "") -> int:
    """Resume (or authorise a resume) after showing the open alerts; refused unless they were acknowledged."""
    actions = _actions(console)
    shown = _shown_alerts(actions.alerts_before_resume(kiosk_ids), args, "to read before a resume")
    _report(actions.resume(kiosk_ids, _by(args), shown, kind=kind, note=note))
    return 0


def _kiosk_id(console: Any, args: argparse.Namespace) -> str:
    from invigilator.cli import find_kiosk

    return find_kiosk(console, args.kiosk).id


def cmd_authorise(console: Any, args: argparse.Namespace) -> int:
    kiosk = _kiosk_id(console, args)
    if args.resume:
        return _resume_kind(console, args, CommandKind.AUTHORISE_RESUME, [kiosk])
    if not args.candidate:
        raise _cli_error("authorise: --candidate ID is needed to authorise a start (or --resume after a restart)")
    _report([_actions(console).authorise_start(kiosk, args.candidate, _by(args), args.attempt)])
    return 0


def _one_or_all(console: Any, args: argparse.Namespace) -> list[str] | None:
    if bool(args.kiosk) == bool(args.all):
        raise _cli_error(f"{args.session_action}: name one KIOSK or give --all")
    return None if args.all else [_kiosk_id(console, args)]


def cmd_pause(console: Any, args: argparse.Namespace) -> int:
    kiosks = _one_or_all(console, args)
    issued = _actions(console).pause(kiosks, _by(args), args.note or "")
    if kiosks is None and not issued:
        print("No kiosk is in a test: nothing to pause")
    _report(issued)
    return 0


def cmd_resume(console: Any, args: argparse.Namespace) -> int:
    return _resume_kind(console, args, CommandKind.RESUME, _one_or_all(console, args), args.note or "")


def cmd_add_time(console: Any, args: argparse.Namespace) -> int:
    _report([_actions(console).add_time(_kiosk_id(console, args), args.minutes, args.purpose, _by(args),
                                        args.note or "")])
    return 0


def cmd_end(console: Any, args: argparse.Namespace) -> int:
    _report([_actions(console).end(_kiosk_id(console, args), args.reason, _by(args), args.note or "")])
    return 0


def cmd_lock(console: Any, args: argparse.Namespace) -> int:
    _report([_actions(console).lock(_kiosk_id(console, args), _by(args))])
    return 0


def cmd_unlock(console: Any, args: argparse.Namespace) -> int:
    _report([_actions(console).unlock(_kiosk_id(console, args), _by(args))])
    return 0


def cmd_move(console: Any, args: argparse.Namespace) -> int:
    """Move an attempt to a spare PC: the old kiosk's open alerts are shown first, as for a resume."""
    from invigilator.cli import find_kiosk

    actions = _actions(console)
    to = find_kiosk(console, args.to)
    if args.source:
        source = find_kiosk(console, args.source).id
    else:
        try:
            source = actions.move_source(args.attempt, to.id)
        except Refused as exc:
            raise _cli_error(str(exc)) from None
    shown = _shown_alerts(actions.alerts_before_resume([source]), args,
                          "on the kiosk the attempt leaves, to read before the move")
    move = actions.move(args.attempt, source, to.id, _by(args), shown)
    print(f"Attempt {args.attempt} moves to kiosk {to.name}: {len(move.authorise.args['entries'])} journal entries "
          f"sent with authorisation {move.authorise.id}; the kiosk rebuilds the test from them at its next sync")
    if move.lock_old is not None:
        print(f"  the kiosk it leaves is locked (command {move.lock_old.id})")
    return 0


def cmd_problem(console: Any, args: argparse.Namespace) -> int:
    _report([_actions(console).decide_problem(_kiosk_id(console, args), args.alert, args.decision == "validate",
                                              _by(args))])
    return 0


# -- the parser -----------------------------------------------------------------------------------------------
def add_parser(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    session = sub.add_parser("session", help="sessions, rosters and commands for the kiosks")
    ssub = session.add_subparsers(dest="session_action", required=True, parser_class=parser_class)

    p = ssub.add_parser("create", help="a new session: prints its number and access code")
    p.add_argument("--bank", required=True, metavar="BANK_ID")
    p.add_argument("--profile", required=True)
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--room", required=True)
    p.add_argument("--invigilator", action="append", required=True, metavar="NAME",
                   help="an invigilator of the session (repeatable; at least one)")
    p.add_argument("--id", metavar="SESSION_NUMBER", help="the session number (default: one is made)")
    p.set_defaults(func=cmd_create)
    ssub.add_parser("list", help="list the sessions").set_defaults(func=cmd_list)
    for name, func in (("open", cmd_open), ("close", cmd_close)):
        p = ssub.add_parser(name, help=f"{name} a session for check-in")
        p.add_argument("session", metavar="SESSION")
        p.set_defaults(func=func)

    roster = ssub.add_parser("roster", help="a session's candidates")
    rsub = roster.add_subparsers(dest="roster_action", required=True, parser_class=parser_class)
    p = rsub.add_parser("import", help="add candidates from a CSV file (all lines or none)")
    p.add_argument("session", metavar="SESSION")
    p.add_argument("csv", metavar="ROSTER.csv",
                   help=f"columns {', '.join(ROSTER_COLUMNS)} and optionally {', '.join(ROSTER_OPTIONAL)} "
                        "(accommodations separated by ';')")
    p.set_defaults(func=cmd_roster_import)
    p = rsub.add_parser("list", help="list a session's candidates")
    p.add_argument("session", metavar="SESSION")
    p.set_defaults(func=cmd_roster_list)

    def kiosk_command(name: str, help: str, *, all_: bool = False) -> argparse.ArgumentParser:
        p = ssub.add_parser(name, help=help)
        p.add_argument("kiosk", metavar="KIOSK", nargs="?" if all_ else None, help="the kiosk's name or id")
        if all_:
            p.add_argument("--all", action="store_true", help="every kiosk running a test")
        p.add_argument("--by", metavar="NAME", help="the invigilator giving the command (default: your login)")
        return p

    p = kiosk_command("authorise", "authorise a checked-in candidate to start (or --resume after a restart)")
    p.add_argument("--candidate", metavar="CANDIDATE_ID")
    p.add_argument("--attempt", metavar="ATTEMPT_ID")
    p.add_argument("--resume", action="store_true", help="authorise the resume of an interrupted test")
    p.add_argument("--acknowledge-alerts", action="store_true", help="the open alerts shown were read")
    p.set_defaults(func=cmd_authorise)
    p = kiosk_command("pause", "pause a kiosk's test (or --all)", all_=True)
    p.add_argument("--note")
    p.set_defaults(func=cmd_pause)
    p = kiosk_command("resume", "resume a paused test (or --all)", all_=True)
    p.add_argument("--note")
    p.add_argument("--acknowledge-alerts", action="store_true", help="the open alerts shown were read")
    p.set_defaults(func=cmd_resume)
    p = kiosk_command("add-time", "give a candidate more time")
    p.add_argument("--minutes", required=True, type=int)
    p.add_argument("--purpose", required=True, choices=sorted(TIME_PURPOSES))
    p.add_argument("--note")
    p.set_defaults(func=cmd_add_time)
    p = kiosk_command("end", "end a candidate's test")
    p.add_argument("--reason", required=True, choices=sorted(END_REASONS))
    p.add_argument("--note")
    p.set_defaults(func=cmd_end)
    p = kiosk_command("lock", "lock a kiosk's screen")
    p.set_defaults(func=cmd_lock)
    p = kiosk_command("unlock", "unlock a kiosk's screen")
    p.set_defaults(func=cmd_unlock)
    p = ssub.add_parser("move", help="move a candidate's attempt to a spare PC, which continues the same test")
    p.add_argument("attempt", metavar="ATTEMPT_ID")
    p.add_argument("--to", required=True, metavar="KIOSK", help="the spare PC (name or id)")
    p.add_argument("--from", dest="source", metavar="KIOSK", help="the kiosk it leaves (default: the one whose "
                                                                   "journal of the attempt is longest)")
    p.add_argument("--acknowledge-alerts", action="store_true", help="the open alerts shown were read")
    p.add_argument("--by", metavar="NAME", help="the invigilator giving the command (default: your login)")
    p.set_defaults(func=cmd_move)
    p = kiosk_command("problem", "decide a candidate's problem report")
    p.add_argument("alert", metavar="ALERT_ID", help="the problem report's alert id (see status)")
    p.add_argument("decision", choices=("validate", "dismiss"))
    p.set_defaults(func=cmd_problem)

    from invigilator.cli import _passphrase_option
    from invigilator.cli_closing import add_parsers

    add_parsers(ssub, _passphrase_option)
