"""``pupitre-invigilator session incident / finalise / package``: the end of a session, without the window."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path
from typing import Any

from invigilator.core.finalisation import ABORT_REASONS, CandidateLine, Outcome, Preview
from invigilator.core.incidents import SUB_REASONS, IncidentCategory
from invigilator.errors import FinalisationError
from invigilator.room_actions import Refused, RoomActions


def _by(args: argparse.Namespace) -> str:
    return args.by or getpass.getuser()


def _keys(console: Any, args: argparse.Namespace) -> Any:
    from invigilator.cli import passphrase

    return console.center_keys(passphrase(args))


def _pairs(values: list[list[str]] | None, what: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for cid, text in values or []:
        if cid in out:
            from invigilator.cli import CliError

            raise CliError(f"{what} {cid}: given twice")
        out[cid] = text
    return out


def result_line(line: CandidateLine) -> str:
    """One candidate's line as the finalisation shows it before signing."""
    c = line.candidate
    if line.outcome is Outcome.FINISHED:
        score = "no score" if line.score is None else f"{line.score} pix, level {line.level}"
        what = f"finished — {score} ({line.status})"
    elif line.outcome is Outcome.ABORTED:
        what = f"aborted ({line.abort_reason or 'reason to give'})"
    else:
        what = str(line.outcome)
    comment = f"  — {line.comment}" if line.comment else ""
    return f"  {c.last_name.upper()} {c.first_name} ({c.id}): {what}{comment}"


def _show(draft: Preview) -> None:
    print("Results computed by the console's replay of each verified bundle:")
    for line in draft.lines:
        print(result_line(line))


def cmd_incident(console: Any, args: argparse.Namespace) -> int:
    from invigilator.cli import find_kiosk

    kiosk = find_kiosk(console, args.kiosk).id if args.kiosk else None
    incident = RoomActions(console).record_incident(args.session, args.category, _by(args), sub_reason=args.sub_reason,
                                                    note=args.note or "", kiosk_id=kiosk, candidate_id=args.candidate)
    print(f"Incident {incident.id} recorded in session {incident.session_id}: {incident.category}"
          + (f" — {incident.sub_reason}" if incident.sub_reason else ""))
    return 0


def cmd_finalise(console: Any, args: argparse.Namespace) -> int:
    from invigilator.finalise import SessionClosing

    closing = SessionClosing(console, _keys(console, args))
    draft = closing.preview(args.session)
    _show(draft)
    if args.preview:
        for reason in draft.blockers:
            print(f"  to do first: {reason}")
        return 0
    try:
        done = closing.finalise(args.session, comment=args.comment or "",
                                candidate_comments=_pairs(args.candidate_comment, "--candidate-comment"),
                                abort_reasons=_pairs(args.abort_reason, "--abort-reason"), by=_by(args))
    except FinalisationError as exc:
        for reason in exc.reasons:
            print(f"  refused: {reason}")
        raise Refused(f"session {args.session} is not finalised: {len(exc.reasons)} reason(s) shown above") from None
    print(f"Session {done.session_id} finalised by {done.by}, signed by the center key and closed "
          f"({len(done.lines)} candidate(s)); make its package with 'pupitre-invigilator session package "
          f"{done.session_id}'")
    return 0


def cmd_package(console: Any, args: argparse.Namespace) -> int:
    from invigilator.package import package_session

    outcome = package_session(console, _keys(console, args), args.session, Path(args.to) if args.to else None)
    print(f"Package {outcome.package_id} of session {args.session} ({outcome.size} bytes), signed by the center")
    print(f"  queued for the hub: {outcome.queued}")
    if outcome.exported is not None:
        print(f"  exported and read back: {outcome.exported}")
    return 0


def add_parsers(ssub: Any, passphrase_option: Any) -> None:
    p = ssub.add_parser("incident", help="record an incident of a session in DOMAIN's categories")
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--category", required=True, choices=[c.value for c in IncidentCategory])
    p.add_argument("--sub-reason", choices=sorted({s.value for subs in SUB_REASONS.values() for s in subs}))
    p.add_argument("--note")
    p.add_argument("--kiosk", metavar="KIOSK")
    p.add_argument("--candidate", metavar="CANDIDATE_ID")
    p.add_argument("--by", metavar="NAME", help="the invigilator recording it (default: your login)")
    p.set_defaults(func=cmd_incident)

    p = ssub.add_parser("finalise", help="close a session: comments, abort reasons, results, the center's signature")
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--comment", metavar="TEXT", help="the session's global comment (at most 500 characters)")
    p.add_argument("--candidate-comment", nargs=2, action="append", metavar=("CANDIDATE_ID", "TEXT"),
                   help="a comment on one candidate (at most 500 characters; repeatable)")
    p.add_argument("--abort-reason", nargs=2, action="append", metavar=("CANDIDATE_ID", "REASON"),
                   help=f"why an unfinished test stopped: {' or '.join(ABORT_REASONS)} (repeatable)")
    p.add_argument("--preview", action="store_true", help="show the results and what blocks, finalise nothing")
    p.add_argument("--by", metavar="NAME", help="the invigilator finalising (default: your login)")
    passphrase_option(p)
    p.set_defaults(func=cmd_finalise)

    p = ssub.add_parser("package", help="the signed package of a finalised session: queued for the hub, "
                                        "exported to a stick with --to")
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--to", metavar="DIR", help="a folder on a USB stick: the package is written and read back")
    passphrase_option(p)
    p.set_defaults(func=cmd_package)
