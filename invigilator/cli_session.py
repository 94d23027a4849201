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
import datetime as dt
import getpass
import sys
import uuid
from pathlib import Path
from typing import Any

from invigilator.core.alerts import Alert
from invigilator.core.center import SessionStatus
from invigilator.core.checkin import CheckInState
from invigilator.core.commands import END_REASONS, TIME_PURPOSES, CommandKind, Issued
from invigilator.core.roster import Candidate
from invigilator.core.roster_csv import MAX_ROSTER_BYTES, ROSTER_COLUMNS, ROSTER_OPTIONAL, decode_roster, read_roster
from invigilator.room_actions import Refused, RoomActions


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
def cmd_roster_import(console: Any, args: argparse.Namespace) -> int:
    path = Path(args.csv)
    exam = console.store.sessions.session(args.session)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_ROSTER_BYTES + 1)
    except FileNotFoundError:
        raise _cli_error(f"{path}: no such file") from None
    text, problems = decode_roster(data)
    candidates: list[Candidate] = []
    if text is not None:
        candidates, problems = read_roster(text, exam.id, today=console.now().date(), new_id=lambda: uuid.uuid4().hex)
    if problems:
        if len(problems) == 1 and problems[0].line == 0:
            raise _cli_error(problems[0].english(str(path)))
        for problem in problems:
            print(problem.english(str(path)), file=sys.stderr)
        raise _cli_error(f"{path}: {len(problems)} bad line(s); nothing was imported")
    console.store.sessions.add_candidates(candidates)
    print(f"Session {exam.id}: {len(candidates)} candidate(s) imported")
    return 0


def cmd_roster_list(console: Any, args: argparse.Namespace) -> int:
    for c in console.store.sessions.roster(args.session):
        extra = f"  +{c.extra_time_minutes} min" if c.extra_time_minutes else ""
        extra += f"  [{'; '.join(c.other_accommodations)}]" if c.other_accommodations else ""
        extra += f"  assistive: {', '.join(c.assistive_programs)}" if c.assistive_programs else ""
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
    if args.all_checked_in:
        if args.kiosk or args.candidate or args.resume:
            raise _cli_error("authorise --all-checked-in names no KIOSK, --candidate or --resume")
        return _authorise_checked_in(console, args)
    if not args.kiosk:
        raise _cli_error("authorise: name the KIOSK (or give --all-checked-in)")
    kiosk = _kiosk_id(console, args)
    if args.resume:
        return _resume_kind(console, args, CommandKind.AUTHORISE_RESUME, [kiosk])
    if not args.candidate:
        raise _cli_error("authorise: --candidate ID is needed to authorise a start (or --resume after a restart)")
    confirmed = [c for c in console.store.checkins.checkins() if c.kiosk_id == kiosk
                 and c.state is CheckInState.CONFIRMED and c.candidate_id == args.candidate
                 and (not args.attempt or c.attempt_id == args.attempt)]
    if confirmed:  # the kiosk's confirmed check-in is authorised (and marked so) in one transaction
        done = console.store.checkins.authorise(kiosk, confirmed[-1].attempt_id, console.now(), _by(args))
        _report([done.issued])
        return 0
    _report([_actions(console).authorise_start(kiosk, args.candidate, _by(args), args.attempt)])
    return 0


# -- check-in ---------------------------------------------------------------------------------------------
def _session_for(console: Any, args: argparse.Namespace) -> Any:
    if args.session:
        return console.store.sessions.session(args.session)
    open_now = [s for s in console.store.sessions.sessions() if s.status is SessionStatus.OPEN]
    if len(open_now) != 1:
        raise _cli_error(f"{len(open_now)} sessions are open: name one with --session SESSION")
    return open_now[0]


def _authorise_checked_in(console: Any, args: argparse.Namespace) -> int:
    exam = _session_for(console, args)
    done, refused = console.store.checkins.authorise_confirmed(exam.id, console.now(), _by(args))
    _report([d.issued for d in done])
    for checkin, reason in refused:
        print(f"Not authorised at kiosk {_kiosk_label(console, checkin.kiosk_id)}: {reason}", file=sys.stderr)
    waiting = [c for c in console.store.checkins.checkins(exam.id)
               if c.state in (CheckInState.PROPOSED, CheckInState.UNKNOWN)]
    if waiting:
        print(f"{len(waiting)} check-in(s) still wait for an identity check ('session checkins {exam.id}')")
    if not done and not refused:
        print(f"Session {exam.id}: no confirmed check-in to authorise")
    if refused:
        raise Refused(f"{len(refused)} confirmed check-in(s) were not authorised (reasons above)")
    return 0


def _kiosk_label(console: Any, kiosk_id: str) -> str:
    names = {k.id: k.name for k in console.store.kiosks.kiosks()}
    return names.get(kiosk_id, kiosk_id[:8])


def cmd_checkins(console: Any, args: argparse.Namespace) -> int:
    exam = console.store.sessions.session(args.session)
    roster = {c.id: c for c in console.store.sessions.roster(exam.id)}
    checkins = console.store.checkins.checkins(exam.id)
    if not checkins:
        print(f"Session {exam.id}: no kiosk has checked in yet")
    for c in checkins:
        typed = c.typed
        print(f"{_kiosk_label(console, c.kiosk_id)}  attempt {c.attempt_id}  {c.state}  typed: "
              f"{typed.last_name.upper()} {typed.first_name} {typed.birth_date.isoformat()}  "
              f"at {c.received_at:%H:%M:%S} UTC")
        if c.candidate_id is not None:
            who = roster.get(c.candidate_id)
            label = f"{who.last_name.upper()} {who.first_name} {who.birth_date.isoformat()}" if who else c.candidate_id
            print(f"    {c.state} as {c.candidate_id} ({label}) by {c.confirmed_by}"
                  + (f"; command {c.command_id}" if c.command_id else ""))
        else:
            for p in c.proposals:
                who = roster.get(p.candidate_id)
                label = f"{who.last_name.upper()} {who.first_name} {who.birth_date.isoformat()}" if who else "?"
                kind = "exact match" if p.exact else f"near match ({p.why})"
                print(f"    {kind}: {p.candidate_id} {label}")
            if not c.proposals:
                print("    no roster line fits: check the identity, add or edit the candidate, or refuse")
    return 0


def cmd_confirm(console: Any, args: argparse.Namespace) -> int:
    kiosk = _kiosk_id(console, args)
    held = [c for c in console.store.checkins.checkins() if c.kiosk_id == kiosk
            and (not args.attempt or c.attempt_id == args.attempt)]
    if not held:
        raise _cli_error(f"kiosk {args.kiosk}: no check-in{' for attempt ' + args.attempt if args.attempt else ''}")
    checkin = held[-1]
    candidate = args.candidate
    if candidate is None:
        exact = [p for p in checkin.proposals if p.exact]
        if len(exact) != 1:
            raise _cli_error(f"kiosk {args.kiosk}: no single exact match to confirm; name the roster line with "
                             "--candidate ID (see 'session checkins')")
        candidate = exact[0].candidate_id
    done = console.store.checkins.confirm(kiosk, checkin.attempt_id, candidate, _by(args), console.now())
    print(f"Kiosk {args.kiosk}: identity confirmed as candidate {done.candidate_id}; authorise it with "
          f"'session authorise {args.kiosk} --candidate {done.candidate_id}' or --all-checked-in")
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
                        "(lists in accommodations and assistive_programs separated by ';', or '|')")
    p.set_defaults(func=cmd_roster_import)
    p = rsub.add_parser("list", help="list a session's candidates")
    p.add_argument("session", metavar="SESSION")
    p.set_defaults(func=cmd_roster_list)

    def kiosk_command(name: str, help: str, *, all_: bool = False, optional: bool = False) -> argparse.ArgumentParser:
        p = ssub.add_parser(name, help=help)
        p.add_argument("kiosk", metavar="KIOSK", nargs="?" if all_ or optional else None,
                       help="the kiosk's name or id")
        if all_:
            p.add_argument("--all", action="store_true", help="every kiosk running a test")
        p.add_argument("--by", metavar="NAME", help="the invigilator giving the command (default: your login)")
        return p

    p = ssub.add_parser("checkins", help="what the kiosks' candidates typed, and the roster lines proposed")
    p.add_argument("session", metavar="SESSION")
    p.set_defaults(func=cmd_checkins)
    p = kiosk_command("confirm", "confirm the identity of the candidate checked in at a kiosk")
    p.add_argument("--candidate", metavar="CANDIDATE_ID", help="the roster line (default: the one exact match)")
    p.add_argument("--attempt", metavar="ATTEMPT_ID", help="the check-in's attempt (default: the kiosk's latest)")
    p.set_defaults(func=cmd_confirm)
    p = kiosk_command("authorise", "authorise a checked-in candidate to start (or --resume after a restart)",
                      optional=True)
    p.add_argument("--all-checked-in", action="store_true",
                   help="authorise every check-in whose identity was confirmed")
    p.add_argument("--session", metavar="SESSION", help="with --all-checked-in (default: the one open session)")
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
