"""``pupitre-kiosk``: the kiosk, and what a center does with its results without a network.

::

    pupitre-kiosk --practice --demo | --bank FILE …     the kiosk itself (kiosk.app)
    pupitre-kiosk --exam --bank FILE …                   an exam at this workstation (kiosk.exam)
    pupitre-kiosk outbox [--data-dir DIR]                result bundles waiting for delivery, with
                                                         their receipt codes; journals kept aside
    pupitre-kiosk export --to DIR [--data-dir DIR]       copy the waiting bundles (to a USB stick),
                                                         each read back and checked
    pupitre-kiosk set-unlock-code [--data-dir DIR]       the invigilator's unlock code of this kiosk
                                                         (asked twice, or $PUPITRE_UNLOCK_CODE)

Nothing here deletes a bundle: a bundle leaves the outbox only when the invigilator console has
verified its receipt. Exit status: 0 done (or nothing to do), 1 a bundle or the target is in
trouble (the message says which and what to do), 2 bad usage.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk.errors import KioskError

COMMANDS = ("outbox", "export", "set-unlock-code")
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
    return parser


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
    from kiosk.journal import JournalStore
    from kiosk.outbox import pending

    data_dir = _data_dir(args)
    if not data_dir.is_dir():
        print(f"pupitre-kiosk: there is no kiosk data directory at {data_dir} (check --data-dir)", file=sys.stderr)
        return 2
    with JournalStore(data_dir, None) as store:
        waiting = pending(data_dir, store)
        quarantined = store.quarantined()
        unfinished = store.unfinished_attempts()
    if not waiting:
        print("No result bundle is waiting for delivery.")
    else:
        print(f"{len(waiting)} result bundle(s) waiting for delivery:")
        for bundle in waiting:
            state = f"exported {bundle.exported_at:%Y-%m-%d %H:%M}" if bundle.exported_at else "not exported yet"
            print(f"  {bundle.receipt_code}  {bundle.path.name}  ({state})")
    if unfinished:
        print(f"{len(unfinished)} attempt(s) not submitted yet (the kiosk resumes or submits them at its next start):")
        for record in unfinished:
            print(f"  {record.attempt_id}  created {record.created_at:%Y-%m-%d %H:%M}")
    if quarantined:
        print(f"{len(quarantined)} journal(s) kept aside because their chain check failed (never deleted; "
              "call the support):")
        for record in quarantined:
            print(f"  {record.attempt_id}  entry {record.quarantine_seq}: {record.quarantine_reason}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kiosk.outbox import export_pending, pending

    data_dir = _data_dir(args)
    copies = export_pending(data_dir, args.to)
    if not copies:
        print(f"No result bundle is waiting for delivery in {data_dir}; nothing was copied.")
        return 0
    codes = {b.path.name: b.receipt_code for b in pending(data_dir)}
    print(f"{len(copies)} result bundle(s) copied to {args.to} and read back:")
    for copy in copies:
        print(f"  {codes.get(copy.name, '?')}  {copy.name}")
    print("The bundles stay on this kiosk until the invigilator console has verified their receipt.")
    return 0


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


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS:
        from kiosk.app import main as kiosk_main

        return kiosk_main(argv)
    args = build_parser().parse_args(argv)
    commands = {"outbox": cmd_outbox, "export": cmd_export, "set-unlock-code": cmd_set_unlock_code}
    try:
        return commands[args.command](args)
    except KioskError as exc:
        print(f"pupitre-kiosk: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
