"""``pupitre-invigilator``: the room console — its window (no command, or ``window``) and every command headless.

Exit status: 0 done; 1 refused by the room's rules (an open alert not acknowledged, a revoked
kiosk, a closed session…); 2 wrong arguments or input that cannot be used (a bad file, a wrong
passphrase, an uninitialised console). Every failure is one line on standard error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from invigilator import cli_hub, cli_session
from invigilator.app import Console, default_data_dir
from invigilator.core.clock import describe_offset
from invigilator.core.dashboard import Freshness, Tile
from invigilator.core.kiosks import EnrolledKiosk
from invigilator.errors import (
    CommandRefusedError,
    InvigilatorError,
    KioskRevokedError,
    UnknownKioskError,
)
from invigilator.tls import create_console_tls
from itembank.errors import ItemBankError
from protocol.errors import ProtocolError

PROG = "pupitre-invigilator"
PASSPHRASE_ENV = "PUPITRE_CENTER_PASSPHRASE"
REFUSED, BAD_INPUT = 1, 2


class CliError(Exception):
    """A problem with the command line or its input, reported as one line (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(BAD_INPUT, f"{self.prog}: {message} (see {self.prog} --help)\n")


# -- shared helpers ---------------------------------------------------------------------------------
def passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str:
    """The center passphrase: --passphrase-file, else $PUPITRE_CENTER_PASSPHRASE, else asked on a terminal."""
    file = getattr(args, "passphrase_file", None)
    if file:
        try:
            value = Path(file).read_text(encoding="utf-8").rstrip("\r\n")
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(f"--passphrase-file {file}: cannot read it ({getattr(exc, 'strerror', None) or exc})") \
                from None
        if not value:
            raise CliError(f"--passphrase-file {file}: the file is empty")
        return value
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if sys.stdin.isatty():
        value = getpass.getpass("Center passphrase: ")
        if confirm and getpass.getpass("Center passphrase (again): ") != value:
            raise CliError("the two passphrases differ")
        if not value:
            raise CliError("an empty passphrase is not accepted")
        return value
    raise CliError(f"the center passphrase is needed: give --passphrase-file FILE or set {PASSPHRASE_ENV}")


def find_kiosk(console: Console, ref: str) -> EnrolledKiosk:
    """A kiosk by id, id prefix (8+ characters) or name (case-insensitive)."""
    kiosks = console.store.kiosks.kiosks()
    exact = [k for k in kiosks if k.id == ref or k.name.casefold() == ref.casefold()]
    if len(exact) == 1:
        return exact[0]
    prefixed = [k for k in kiosks if len(ref) >= 8 and k.id.startswith(ref)]
    if len(prefixed) == 1:
        return prefixed[0]
    if len(prefixed) > 1:
        raise CliError(f"kiosk {ref!r}: several kiosks have an id starting so; give more of it")
    raise CliError(f"kiosk {ref!r}: no enrolled kiosk has this name or id (see '{PROG} kiosks list')")


def _when(value: Any) -> str:
    return "—" if value is None else value.strftime("%Y-%m-%d %H:%M:%S UTC")


# -- init, publishers, banks --------------------------------------------------------------------------
def cmd_init(console: Console, args: argparse.Namespace) -> int:
    secret = passphrase(args, confirm=True)
    center, keys = console.init_center(args.center_id, args.center_name, secret)
    print(f"Center {center.id} ({center.name}) initialised in {console.data_dir}")
    print(f"  center key {keys.public.signing_id} (public half: {console.center_pub_path})")
    tls = create_console_tls(console.data_dir, center.id, console.now())
    print(f"  console certificate pin {tls.pin}")
    for file in args.trust:
        publisher = console.trust_publisher(Path(file))
        print(f"  trusts publisher {publisher.name} ({publisher.key_id})")
    return 0


def cmd_publishers_add(console: Console, args: argparse.Namespace) -> int:
    console.require_center()
    publisher = console.trust_publisher(Path(args.public_key))
    print(f"Trusted publisher {publisher.name} ({publisher.key_id})")
    return 0


def cmd_publishers_list(console: Console, args: argparse.Namespace) -> int:
    for p in console.store.sessions.publishers():
        print(f"{p.key_id}  {p.name}  (added {_when(p.added_at)})")
    return 0


def cmd_bank_import(console: Console, args: argparse.Namespace) -> int:
    source = Path(args.file)
    if not source.is_file():
        raise CliError(f"{source}: no such file (give the .pbank file the publisher sent)")
    bank = console.import_bank(source, passphrase(args))
    print(f"Imported bank {bank.id} ({bank.title}), SHA-256 {bank.sha256}")
    return 0


def cmd_bank_list(console: Console, args: argparse.Namespace) -> int:
    for b in console.store.sessions.banks():
        print(f"{b.id}  {b.title}  publisher {b.publisher_key_id}  sha256 {b.sha256[:16]}…  {_when(b.imported_at)}")
    return 0


# -- enrolment and kiosks -------------------------------------------------------------------------------
def cmd_enrol_code(console: Console, args: argparse.Namespace) -> int:
    console.require_center()
    text, code = console.store.kiosks.issue_enrolment_code(console.now(), console.rng)
    print(f"Enrolment code: {text}")
    print(f"  valid until {_when(code.expires_at)} (10 minutes), for one kiosk; 5 wrong tries burn it")
    return 0


def cmd_kiosks_list(console: Console, args: argparse.Namespace) -> int:
    kiosks = console.store.kiosks.kiosks()
    if not kiosks:
        print("No kiosk enrolled yet (show an enrolment code with 'pupitre-invigilator enrol-code').")
    for k in sorted(kiosks, key=lambda k: k.name.casefold()):
        state = f"revoked {_when(k.revoked_at)}" if k.revoked else "enrolled"
        print(f"{k.name:<20} {k.id}  {state}  enrolled {_when(k.enrolled_at)}  last heard {_when(k.last_heard_at)}")
    return 0


def cmd_kiosks_rename(console: Console, args: argparse.Namespace) -> int:
    kiosk = find_kiosk(console, args.kiosk)
    renamed = console.store.kiosks.rename(kiosk.id, args.name)
    print(f"Kiosk {kiosk.id}: {kiosk.name} → {renamed.name}")
    return 0


def cmd_kiosks_revoke(console: Console, args: argparse.Namespace) -> int:
    kiosk = find_kiosk(console, args.kiosk)
    revoked = console.store.kiosks.revoke(kiosk.id, console.now())
    print(f"Kiosk {revoked.name} ({revoked.id}) revoked at {_when(revoked.revoked_at)}; it is refused from now on")
    return 0


# -- status --------------------------------------------------------------------------------------------
def _tile_line(tile: Tile) -> str:
    k, status = tile.kiosk, tile.kiosk.status
    mark = "!" if tile.needs_action else " "
    if status is None:
        what = "no status yet"
    else:
        question = f"question {status.question}/{status.total}" if status.question is not None else "—"
        seconds = None if status.seconds_left is None else int(status.seconds_left)
        left = "—" if seconds is None else f"{seconds // 60}:{seconds % 60:02d} left"
        what = f"{status.candidate_id or 'no candidate'}  {status.state}  {question}  {left}"
        if status.attempt_id:
            what += f"  attempt {status.attempt_id}"
        if not status.focused:
            what += "  FOCUS LOST"
    if tile.silent_seconds is None:
        heard = "never heard"
    else:
        heard = f"heard {int(tile.silent_seconds)} s ago"
        if tile.freshness is Freshness.AMBER:
            heard += " [amber]"
        elif tile.freshness is Freshness.RED:
            heard += " [RED]"
    if tile.clock_off:  # its journal's times are shown in console time all the same
        heard += f"  {describe_offset(k.clock_offset)} [warning]"
    alerts = "  alerts: " + ", ".join(f"{a.kind} {a.id}" for a in tile.alerts) if tile.alerts else ""
    return f"{mark} {k.name:<16} {what}  {heard}{alerts}"


RECENT = dt.timedelta(minutes=30)  # a console alert cleared this recently is still shown, as history


def cmd_status(console: Console, args: argparse.Namespace) -> int:
    from invigilator.console_health import read_console_alert

    center = console.require_center()
    alert, updated = read_console_alert(console.data_dir)
    view = console.store.kiosks.room_view(console.now()).with_console_alert(alert)
    print(f"Room of {center.name} — {len(view.tiles)} kiosk(s), {view.needing_action} need(s) action "
          f"({_when(console.now())})")
    if view.console_alert is not None and updated is not None:
        print(f"!! {view.console_alert.headline(console.now())} [as of {updated:%H:%M:%S}]")
    elif alert is not None and alert.cleared_at is not None and console.now() - alert.cleared_at < RECENT:
        print(f"   {alert.headline(console.now())}")
    for tile in view.tiles:
        print(_tile_line(tile))
    return 0


# -- registry and serve --------------------------------------------------------------------------------
def cmd_registry_export(console: Console, args: argparse.Namespace) -> int:
    from protocol.keys import write_private_file
    from protocol.registry import DeviceEntry, sign_registry

    center = console.require_center()
    keys = console.center_keys(passphrase(args))
    devices = [DeviceEntry(k.id, k.name, k.signing_public, k.enrolled_at, k.revoked_at)
               for k in console.store.kiosks.kiosks()]
    envelope = sign_registry(center.id, devices, console.now(), keys)
    out = Path(args.output)
    write_private_file(out, envelope.to_bytes(), mode=0o644)
    print(f"Device registry of center {center.id}: {len(devices)} device(s), signed by {keys.public.signing_id}, "
          f"written to {out}")
    return 0


def _listen(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise CliError(f"--listen {text!r}: expected HOST:PORT, e.g. 0.0.0.0:8443")
    return host.strip("[]"), int(port)


def cmd_serve(console: Console, args: argparse.Namespace) -> int:
    """Wire the console's server (``invigilator.server.serve``, ADR 0017) from this data folder and store."""
    _listen(args.listen)
    console.require_center()
    from invigilator.server import serve  # uvicorn and Starlette load only for serve

    keys = console.center_keys(passphrase(args))
    hooks = console.server_hooks(keys)
    sender = console.hub_sender(keys)  # sends the outbox to the hub when one is set
    try:
        serve(console.data_dir, args.listen, console.db_url, hooks.pop("center"), clock=console.clock,
              announce=not args.no_announce, **hooks)
    finally:
        if sender is not None:
            sender.stop()
    return 0


def cmd_window(console: Console, args: argparse.Namespace) -> int:
    """The console's window, with the room's server inside it (``invigilator.gui``)."""
    _listen(args.listen)
    from invigilator.gui import display_problem, run_window  # Qt loads only for the window

    problem = display_problem()
    if problem is not None:
        raise CliError(problem)

    given = None
    if getattr(args, "passphrase_file", None) or os.environ.get(PASSPHRASE_ENV):
        given = passphrase(args)
    return run_window(console, listen=args.listen, locale=args.locale, high_contrast=args.high_contrast,
                      zoom=args.zoom, passphrase=given)


# -- the parser --------------------------------------------------------------------------------------------
def _passphrase_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--passphrase-file", metavar="FILE",
                   help=f"the center passphrase, in a file (or ${PASSPHRASE_ENV}; asked on a terminal otherwise)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="The invigilator console of a Pupitre room: with no command, its window; "
                                            "every command runs without it.")
    parser.add_argument("--data-dir", metavar="DIR", help=f"the console's data folder (default: {default_data_dir()})")
    parser.add_argument("--db", metavar="URL", help="the database (default: console.sqlite in the data folder; "
                                                    "postgresql+psycopg://USER@HOST/NAME for PostgreSQL)")
    sub = parser.add_subparsers(dest="command", required=False, parser_class=_Parser)
    parser.set_defaults(func=cmd_window, listen="0.0.0.0:8443", locale="fr", high_contrast=False, zoom=100,
                        passphrase_file=None)

    p = sub.add_parser("window", help="open the console's window (the default when no command is given)")
    p.add_argument("--listen", default="0.0.0.0:8443", metavar="HOST:PORT",
                   help="where the room's server, run inside the window, listens (default 0.0.0.0:8443)")
    p.add_argument("--locale", choices=("fr", "en"), default="fr", help="the interface's language (default fr)")
    p.add_argument("--high-contrast", action="store_true", help="start in high contrast")
    p.add_argument("--zoom", type=int, default=100, metavar="PERCENT", help="text size, 100 to 200 (default 100)")
    _passphrase_option(p)
    p.set_defaults(func=cmd_window)

    p = sub.add_parser("init", help="make the center's keys and record the center")
    p.add_argument("--center-id", required=True)
    p.add_argument("--center-name", required=True)
    p.add_argument("--trust", action="append", default=[], metavar="PUBLISHER.pub",
                   help="trust this publisher's public key (repeatable)")
    _passphrase_option(p)
    p.set_defaults(func=cmd_init)

    publishers = sub.add_parser("publishers", help="the publishers whose banks the center accepts")
    psub = publishers.add_subparsers(dest="action", required=True, parser_class=_Parser)
    p = psub.add_parser("add", help="trust a publisher's public key file")
    p.add_argument("public_key", metavar="PUBLISHER.pub")
    p.set_defaults(func=cmd_publishers_add)
    psub.add_parser("list", help="list the trusted publishers").set_defaults(func=cmd_publishers_list)

    bank = sub.add_parser("bank", help="import and list banks")
    bsub = bank.add_subparsers(dest="action", required=True, parser_class=_Parser)
    p = bsub.add_parser("import", help="verify a .pbank against the trusted publishers and keep it")
    p.add_argument("file", metavar="FILE.pbank")
    _passphrase_option(p)
    p.set_defaults(func=cmd_bank_import)
    bsub.add_parser("list", help="list the imported banks").set_defaults(func=cmd_bank_list)

    cli_session.add_parser(sub, _Parser)
    cli_hub.add_parser(sub, _Parser, passphrase, _passphrase_option)

    sub.add_parser("status", help="the room: one line per kiosk, those needing action first") \
        .set_defaults(func=cmd_status)
    sub.add_parser("enrol-code", help="show a one-time enrolment code (10 minutes)").set_defaults(func=cmd_enrol_code)

    kiosks = sub.add_parser("kiosks", help="list, rename and revoke enrolled kiosks")
    ksub = kiosks.add_subparsers(dest="action", required=True, parser_class=_Parser)
    ksub.add_parser("list", help="list the enrolled kiosks").set_defaults(func=cmd_kiosks_list)
    p = ksub.add_parser("rename", help="give a kiosk another name")
    p.add_argument("kiosk", metavar="KIOSK", help="its name or id")
    p.add_argument("name")
    p.set_defaults(func=cmd_kiosks_rename)
    p = ksub.add_parser("revoke", help="revoke a kiosk: it is refused from now on")
    p.add_argument("kiosk", metavar="KIOSK", help="its name or id")
    p.set_defaults(func=cmd_kiosks_revoke)

    registry = sub.add_parser("registry", help="the center's signed device registry")
    rsub = registry.add_subparsers(dest="action", required=True, parser_class=_Parser)
    p = rsub.add_parser("export", help="write the device registry signed by the center key")
    p.add_argument("-o", "--output", required=True, metavar="FILE.registry")
    _passphrase_option(p)
    p.set_defaults(func=cmd_registry_export)

    p = sub.add_parser("serve", help="run the console's HTTPS server for the kiosks (headless)")
    p.add_argument("--listen", default="0.0.0.0:8443", metavar="HOST:PORT")
    p.add_argument("--no-announce", action="store_true",
                   help="do not announce the console on the LAN (_pupitre._tcp, multicast DNS); kiosks then enrol "
                        "with --console HOST:PORT")
    _passphrase_option(p)
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: Sequence[str] | None = None, console: Console | None = None) -> int:
    """Run one command; ``console`` is given by tests (a fixed clock and seeded randomness)."""
    args = build_parser().parse_args(argv)
    if console is None:
        console = Console(Path(args.data_dir) if args.data_dir else default_data_dir(), args.db)
    try:
        return int(args.func(console, args))
    except (KioskRevokedError, CommandRefusedError) as exc:
        print(f"{PROG}: refused: {exc}", file=sys.stderr)
        return REFUSED
    except cli_session.Refused as exc:
        print(f"{PROG}: refused: {exc}", file=sys.stderr)
        return REFUSED
    except (CliError, UnknownKioskError, InvigilatorError, ItemBankError, ProtocolError) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return BAD_INPUT
    except OSError as exc:
        print(f"{PROG}: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return BAD_INPUT
    finally:
        console.close()


if __name__ == "__main__":
    sys.exit(main())
