"""``pupitre-kiosk``: the kiosk, and what a center does with its results without a network.

::

    pupitre-kiosk --practice --demo | --bank FILE …     the kiosk itself (kiosk.app)
    pupitre-kiosk --exam --bank FILE …                   an exam at this workstation (kiosk.exam)
    pupitre-kiosk --exam                                 an enrolled kiosk's exam, bank from the console
    pupitre-kiosk outbox [--data-dir DIR]                result bundles waiting for delivery, with
                                                         their receipt codes; journals kept aside
    pupitre-kiosk export --to DIR [--data-dir DIR]       copy the waiting bundles (to a USB stick),
                                                         each read back and checked
    pupitre-kiosk set-unlock-code [--data-dir DIR]       the invigilator's unlock code of this kiosk
                                                         (asked twice, or $PUPITRE_UNLOCK_CODE)
    pupitre-kiosk enrol [--console HOST:PORT | --center ID] [--name NAME] [--data-dir DIR] CODE
                                                         enrol this kiosk in the room with the code
                                                         the invigilator console shows (the console
                                                         is found on the LAN without --console)
    pupitre-kiosk keeper --data-dir DIR [--service-user S --candidate-user C] -- COMMAND …
                                                         hold the device key and the journal under
                                                         account S and run the interface COMMAND as
                                                         account C (docs/adr/0012)
    pupitre-kiosk --self-check [--data-dir DIR]          can this installed kiosk run an exam? one line
                                                         (kiosk.self_check)

Nothing here deletes a bundle: a bundle leaves the outbox only when the invigilator console has
verified its receipt. Practice results are kept apart and never listed or exported. Exit status:
0 done (or nothing to do), 1 a bundle, the journal or the target is in trouble (the message says
which and what to do; intact bundles are still listed and copied), 2 bad usage.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk.errors import KioskError

COMMANDS = ("outbox", "export", "set-unlock-code", "enrol", "keeper")
UNLOCK_CODE_ENV = "PUPITRE_UNLOCK_CODE"


def _data_dir(args: argparse.Namespace) -> Path:
    if args.data_dir is not None:
        return args.data_dir
    from kiosk.app import default_data_dir

    return default_data_dir()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pupitre-kiosk",
        description="Results and settings of this kiosk. (Without a command, pupitre-kiosk starts the kiosk: see "
                    "'pupitre-kiosk --help'.)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    data_help = "the kiosk's data directory (default: the user data directory)"

    p = sub.add_parser("outbox", help="list the result bundles waiting for delivery, with their receipt codes")
    p.add_argument("--data-dir", type=Path, help=data_help)

    p = sub.add_parser("export", help="copy the waiting result bundles to a folder (a USB stick)")
    p.add_argument("--to", type=Path, required=True, metavar="DIR", help="the folder to copy to (must exist)")
    p.add_argument("--data-dir", type=Path, help=data_help)

    p = sub.add_parser("set-unlock-code",
                       help="set the invigilator's unlock code of this kiosk (exam start and resume, lock screen, "
                            "leaving exam mode)")
    p.add_argument("--data-dir", type=Path, help=data_help)

    p = sub.add_parser("enrol", help="enrol this kiosk in the room with the code the invigilator console shows "
                                     "('pupitre-invigilator enrol-code'); under custody, run it as the keeper's "
                                     "account on the keeper's data directory")
    p.add_argument("code", metavar="CODE", help="the one-time enrolment code, e.g. KMPQ-RT7X")
    p.add_argument("--console", metavar="HOST:PORT",
                   help="the console's address (default: found on the LAN, service _pupitre._tcp)")
    p.add_argument("--center", metavar="CENTER_ID",
                   help="when several consoles announce themselves, enrol with the one of this center")
    p.add_argument("--name", help="this kiosk's name on the console (default: the device key's name)")
    p.add_argument("--data-dir", type=Path, help=data_help)

    p = sub.add_parser("keeper",
                       help="hold the device key, the journal and the outbox under a service account, and run the "
                            "kiosk interface as the candidate's account (started by root)")
    p.add_argument("--data-dir", type=Path, required=True,
                   help="the keeper's data directory (device key, journal, outbox), e.g. /var/lib/pupitre/kiosk")
    p.add_argument("--service-user", metavar="NAME", help="the account that owns the keys and the journal")
    p.add_argument("--candidate-user", metavar="NAME", help="the account the interface runs as")
    p.add_argument("interface", nargs=argparse.REMAINDER, metavar="-- COMMAND",
                   help="the interface, e.g. -- pupitre-kiosk --exam --keeper --bank FILE …")
    return parser


def _say_damage(damaged, journal_problem: str | None) -> None:
    for item in damaged:
        print(f"pupitre-kiosk: {item.path.name} is damaged and is not listed as waiting nor exported (kept as it is; "
              f"call the support): {item.reason}", file=sys.stderr)
    if journal_problem:
        print(f"pupitre-kiosk: {journal_problem}", file=sys.stderr)


def commands_epilog() -> str:
    """The commands, as ``pupitre-kiosk --help`` lists them after the kiosk's own options: read from
    the commands' parser, so a new command is listed without anyone remembering to."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {choice.dest: choice.help for choice in sub._choices_actions}
    width = max(len(command) for command in sub.choices) + 2
    lines = ["commands (pupitre-kiosk COMMAND --help for their options):"]
    lines += [f"  {command:<{width}}{helps.get(command, '')}" for command in sub.choices]
    return "\n".join(lines)


def cmd_outbox(args: argparse.Namespace) -> int:
    from kiosk.outbox import practice_dir, survey_outbox

    data_dir = _data_dir(args)
    if not data_dir.is_dir():
        print(f"pupitre-kiosk: there is no kiosk data directory at {data_dir} (check --data-dir)", file=sys.stderr)
        return 2
    found = survey_outbox(data_dir)
    waiting = found.pending
    if not waiting:
        print("No result bundle is waiting for delivery.")
    else:
        print(f"{len(waiting)} result bundle(s) waiting for delivery:")
        for bundle in waiting:
            state = f"exported {bundle.exported_at:%Y-%m-%d %H:%M}" if bundle.exported_at else "not exported yet"
            print(f"  {bundle.receipt_code}  {bundle.path.name}  ({state})")
    practice = len(list(practice_dir(data_dir).glob("*.pbundle"))) + len(found.practice_in_outbox)
    if practice:
        print(f"{practice} practice result(s) kept on this kiosk: practice results are not exam results and are "
              "never exported.")
    attempts = found.attempts or []
    unfinished = [r for r in attempts if r.checked_in_at is not None and r.submitted_at is None
                  and r.quarantined_at is None]
    quarantined = [r for r in attempts if r.quarantined_at is not None]
    if unfinished:
        print(f"{len(unfinished)} attempt(s) not submitted yet (the kiosk resumes or submits them at its next start):")
        for record in unfinished:
            print(f"  {record.attempt_id}  created {record.created_at:%Y-%m-%d %H:%M}")
    if quarantined:
        print(f"{len(quarantined)} journal(s) kept aside because their chain check failed (never deleted; "
              "call the support):")
        for record in quarantined:
            print(f"  {record.attempt_id}  entry {record.quarantine_seq}: {record.quarantine_reason}")
    _say_damage(found.damaged, found.journal_problem)
    return 1 if found.damaged or found.journal_problem else 0


def cmd_export(args: argparse.Namespace) -> int:
    from kiosk.outbox import export_outbox

    data_dir = _data_dir(args)
    report = export_outbox(data_dir, args.to)
    if not report.copies:
        print(f"No result bundle is waiting for delivery in {data_dir}; nothing was copied.")
    else:
        print(f"{len(report.copies)} result bundle(s) copied to {args.to} and read back:")
        for bundle, copy in report.copies:
            print(f"  {bundle.receipt_code}  {copy.name}")
        print("The bundles stay on this kiosk until the invigilator console has verified their receipt.")
    _say_damage(report.damaged, report.journal_problem)
    return 1 if report.damaged or report.journal_problem else 0


def _new_unlock_code() -> str:
    """From $PUPITRE_UNLOCK_CODE, or typed twice without echo."""
    code = os.environ.get(UNLOCK_CODE_ENV)
    if code:
        return code
    if not sys.stdin.isatty():
        raise ValueError(f"type the code at a terminal, or give it in ${UNLOCK_CODE_ENV}")
    code = getpass.getpass("New unlock code: ")
    if getpass.getpass("The same code again: ") != code:
        raise ValueError("the two codes differ; nothing was changed")
    return code


def cmd_set_unlock_code(args: argparse.Namespace) -> int:
    from kiosk.device import ensure_private_dir
    from kiosk.guard import set_unlock_code
    from kiosk.guard.errors import UnlockCodeError

    try:
        code = _new_unlock_code()
        data_dir = ensure_private_dir(_data_dir(args))
        path = set_unlock_code(data_dir, code)
    except (ValueError, UnlockCodeError) as exc:
        print(f"pupitre-kiosk: {exc}", file=sys.stderr)
        return 2
    print(f"The unlock code of the kiosk at {data_dir} is set (only its scrypt hash is kept, in {path.name}).")
    print("The invigilator types it to start or resume an exam, to unlock the workstation and to leave exam mode.")
    return 0


def _console_address(text: str) -> str:
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise KioskError(f"--console {text!r}: expected HOST:PORT, e.g. 192.168.1.10:8443")
    return text


def cmd_enrol(args: argparse.Namespace) -> int:
    import datetime as dt

    from kiosk.device import DEVICE_DIR, load_or_create_device
    from kiosk.link.discovery import browse, choose_console
    from kiosk.link.enrolment import enrol

    data_dir = _data_dir(args)
    if args.console:
        address, announced = _console_address(args.console), None
    else:
        announced = choose_console(browse(), args.center)
        address = announced.address
        print(f"Found the console of {announced.describe()}")
    device = load_or_create_device(data_dir)
    name = (args.name or device.name)[:40]
    pairing = enrol(address, args.code, public=device.public, sign=device.keypair.sign, name=name,
                    device_dir=data_dir / DEVICE_DIR, now=lambda: dt.datetime.now(dt.UTC),
                    announced=None if announced is None else (announced.center_id, announced.pin))
    print(f"Enrolled as {pairing.kiosk_name} ({pairing.kiosk_id}) in {pairing.center_name} ({pairing.center_id}); "
          f"console {pairing.console}, certificate pin {pairing.pin[:16]}…")
    return 0


def cmd_keeper(args: argparse.Namespace) -> int:
    from kiosk.keeper.process import main as keeper_main

    return keeper_main(args)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if os.environ.get("PUPITRE_KEEPER_FD"):
        # Started by the keeper: become private before anything else, so that no other program of
        # the candidate's account can ptrace this process or reach its socket through /proc.
        from kiosk.keeper.private import make_undumpable

        try:
            make_undumpable()
        except KioskError as exc:
            print(f"pupitre-kiosk: {exc}", file=sys.stderr)
            return 2
    if argv[:1] in (["--self-check"], ["--self-check-qt"]):
        from kiosk import self_check

        return self_check.qt_probe() if argv[0] == self_check.QT_PROBE else self_check.main(argv[1:])
    if not argv or argv[0] not in COMMANDS:
        from kiosk.app import main as kiosk_main

        return kiosk_main(argv)
    args = build_parser().parse_args(argv)
    commands = {"outbox": cmd_outbox, "export": cmd_export, "set-unlock-code": cmd_set_unlock_code,
                "enrol": cmd_enrol, "keeper": cmd_keeper}
    try:
        return commands[args.command](args)
    except KioskError as exc:
        print(f"pupitre-kiosk: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
