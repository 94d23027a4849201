"""``pupitre-hub``: the results hub's command line (docs/hub.md)."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import platformdirs

from hub.banks import add_bank, list_banks
from hub.errors import HubError
from hub.home import PASSPHRASE_ENV, HubHome, init_home
from hub.jury import DECISIONS, export_csv, jury_list, lookup, publish
from hub.store.centers import CenterStore, load_center_key
from hub.store.database import open_database
from hub.store.uploads import UploadError, UploadStore
from protocol.errors import KeyFileError
from protocol.keys import PublicKeys

DIR_ENV = "PUPITRE_HUB_DIR"


class CliError(HubError):
    pass


def default_dir() -> Path:
    return Path(os.environ.get(DIR_ENV) or platformdirs.user_data_dir("pupitre-hub", appauthor=False))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _passphrase(file: str | None, confirm: bool = False) -> str:
    """--passphrase-file, else $PUPITRE_HUB_PASSPHRASE, else asked on a terminal."""
    if file:
        try:
            value = Path(file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise CliError(f"cannot read the passphrase file {file}: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise CliError(f"the passphrase file {file} is not UTF-8 text") from None
        if not value:
            raise CliError(f"the passphrase file {file} is empty")
        return value
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if sys.stdin.isatty():
        value = getpass.getpass("Hub passphrase: ")
        if confirm and getpass.getpass("Hub passphrase (again): ") != value:
            raise CliError("the two passphrases differ")
        return value
    raise CliError(f"the hub's passphrase is needed: give --passphrase-file FILE or set {PASSPHRASE_ENV}")


def _home(args: argparse.Namespace) -> HubHome:
    return HubHome(Path(args.dir) if args.dir else default_dir()).require()


def _db(args: argparse.Namespace, home: HubHome):
    return open_database(home.database_url(getattr(args, "db", None)))


def cmd_init(args: argparse.Namespace) -> int:
    root = Path(args.dir) if args.dir else default_dir()
    home = init_home(root, args.name, _passphrase(args.passphrase_file, confirm=True), args.db)
    open_database(home.database_url()).close()
    print(f"Hub {args.name!r} initialised in {root}")
    print(f"  public keys (give to centers and bank publishers): {home.public_path}")
    print(f"  certificate pin (consoles pin it): {home.pin}")
    return 0


def cmd_centers(args: argparse.Namespace) -> int:
    home = _home(args)
    db = _db(args, home)
    try:
        store = CenterStore(db)
        if args.action == "add":
            center = store.add(args.id, args.name, load_center_key(args.key), _now())
            print(f"center {center.id} ({center.name}) enrolled, key {center.keys.signing_id}")
        elif args.action == "revoke":
            center = store.revoke(args.center, _now())
            print(f"center {center.id} revoked at {center.revoked_at:%Y-%m-%d %H:%M} UTC; its requests are refused")
        else:
            centers = store.list()
            if not centers:
                print("no center enrolled (pupitre-hub centers add CENTER.pub --id ID --name NAME)")
            for c in centers:
                state = f"revoked {c.revoked_at:%Y-%m-%d}" if c.revoked_at else "active"
                print(f"{c.id:<16} {state:<18} key {c.keys.signing_id}  {c.name}")
    finally:
        db.close()
    return 0


def cmd_banks(args: argparse.Namespace) -> int:
    home = _home(args)
    db = _db(args, home)
    try:
        if args.action == "add":
            try:
                publisher = PublicKeys.load(args.trust)
            except KeyFileError as exc:
                raise CliError(str(exc)) from None
            keys = home.unseal(_passphrase(args.passphrase_file))
            info = add_bank(db, Path(args.bank), publisher, keys, _now())
            print(f"bank {info.bank_id} v{info.version} (manifest {info.manifest_sha256[:16]}…) by {info.publisher} "
                  "is held by the hub")
        else:
            banks = list_banks(db)
            if not banks:
                print("no bank (pupitre-hub banks add FILE.pbank --trust PUBLISHER.pub)")
            for b in banks:
                print(f"{b.bank_id:<20} v{b.version:<6} manifest {b.manifest_sha256[:16]}…  {b.publisher}")
    finally:
        db.close()
    return 0


def cmd_packages(args: argparse.Namespace) -> int:
    home = _home(args)
    if args.action == "retry":
        from hub.server.runner import make_service

        keys = home.unseal(_passphrase(args.passphrase_file))
        service = make_service(home, keys, home.database_url(getattr(args, "db", None)))
        try:
            status = service.retry(args.package)
        except UploadError as exc:
            raise CliError(str(exc)) from None
        finally:
            service.banks.close()
            service.db.close()
        print(f"package {status.package[:16]}…: {status.state}" + (f" — {status.reason}" if status.reason else ""))
        return 0 if status.state == "stored" else 1
    db = _db(args, home)
    try:
        rows = UploadStore(db).list(None if args.all else "refused")
    finally:
        db.close()
    if not rows:
        print("no refused package" if not args.all else "no package uploaded")
    for package, center, size, state, refusal, reason in rows:
        print(f"{package}  {center:<12} {size:>10} B  {state:<9} {refusal or ''}")
        if reason:
            print(f"    {reason}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from hub.server.runner import serve

    home = _home(args)
    keys = home.unseal(_passphrase(args.passphrase_file))
    return serve(home, keys, listen=args.listen, db_url=home.database_url(args.db), workers=args.workers,
                 center_rate=args.center_rate, center_burst=args.center_burst)


def cmd_jury(args: argparse.Namespace) -> int:
    home = _home(args)
    db = _db(args, home)
    try:
        if args.action == "publish":
            by = args.by or os.environ.get("USER") or getpass.getuser()
            row = publish(db, args.target, args.decision, args.reason, by, _now())
            print(f"result {row.id} ({row.center} {row.attempt}, {row.first_name} {row.last_name}): {row.decision} "
                  f"— {row.decision_reason} ({row.decided_by})")
            return 0
        rows = jury_list(db, pending_only=not args.all)
        if args.json:
            print(json.dumps([{"id": r.id, "center": r.center, "session": r.session, "date": r.date.isoformat(),
                               "attempt": r.attempt, "external_id": r.external_id, "last_name": r.last_name,
                               "first_name": r.first_name, "birth_date": r.birth_date.isoformat(),
                               "outcome": r.outcome, "status": r.status, "score": r.score, "level": r.level,
                               "decision": r.decision, "reason": r.decision_reason,
                               "verification_code": r.verification_code, "receipt_code": r.receipt_code,
                               "retakes": [str(x) for x in r.retakes]} for r in rows], ensure_ascii=False, indent=1))
            return 0
        if not rows:
            print("no result waits for the jury" if not args.all else "no result stored")
        for r in rows:
            score = "-" if r.score is None else str(r.score)
            print(f"{r.id:>6} {r.date} {r.center:<12} {r.attempt:<20} {r.last_name.upper()} {r.first_name} "
                  f"({r.birth_date}) {r.outcome:<8} {r.status or '-':<14} score {score:>4} level {r.level or '-'}  "
                  f"[{r.decision}]")
            for retake in r.retakes:
                print(f"       RETAKE: {retake}")
    finally:
        db.close()
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    home = _home(args)
    db = _db(args, home)
    try:
        found = lookup(db, args.code)
    finally:
        db.close()
    if found is None:
        print(f"{args.code}: no published result has this code")
        return 1
    print(json.dumps(found.to_dict(), ensure_ascii=False, indent=1))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    home = _home(args)
    db = _db(args, home)
    try:
        count = export_csv(db, Path(args.csv))
    finally:
        db.close()
    print(f"{count} result(s) written to {args.csv}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pupitre-hub", description="The results hub of a certification body.")
    parser.add_argument("--dir", metavar="DIR", help=f"the hub's folder (default: ${DIR_ENV} or {default_dir()})")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("init", help="make the hub's keys, certificate and database")
    p.add_argument("--name", required=True, help="the hub's name (in receipts)")
    p.add_argument("--db", metavar="URL", help="postgresql://USER@HOST/NAME (default: SQLite in the folder, a trial)")
    p.add_argument("--passphrase-file", metavar="FILE")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("centers", help="enrol, list or revoke centers")
    csub = p.add_subparsers(dest="action", required=True)
    a = csub.add_parser("add", help="enrol a center's public key")
    a.add_argument("key", metavar="CENTER.pub")
    a.add_argument("--id", required=True, help="the center's id, as its console and attestations name it")
    a.add_argument("--name", required=True)
    csub.add_parser("list")
    r = csub.add_parser("revoke")
    r.add_argument("center", metavar="ID")
    for q in csub.choices.values():
        q.add_argument("--db", metavar="URL", default=argparse.SUPPRESS)
    p.set_defaults(func=cmd_centers)

    p = sub.add_parser("banks", help="add or list the banks the hub replays with")
    bsub = p.add_subparsers(dest="action", required=True)
    a = bsub.add_parser("add", help="add a bank built with the hub among its recipients")
    a.add_argument("bank", metavar="FILE.pbank")
    a.add_argument("--trust", required=True, metavar="PUBLISHER.pub", help="the publisher's public keys")
    a.add_argument("--passphrase-file", metavar="FILE")
    bsub.add_parser("list")
    for q in bsub.choices.values():
        q.add_argument("--db", metavar="URL", default=argparse.SUPPRESS)
    p.set_defaults(func=cmd_banks)

    p = sub.add_parser("packages", help="uploaded packages: the refused ones and why, and verifying one again")
    psub = p.add_subparsers(dest="action", required=True)
    a = psub.add_parser("list", help="refused packages (--all: every upload)")
    a.add_argument("--all", action="store_true")
    b = psub.add_parser("retry", help="verify a refused package again from its kept bytes (after banks add)")
    b.add_argument("package", metavar="SHA256")
    b.add_argument("--passphrase-file", metavar="FILE")
    for q in psub.choices.values():
        q.add_argument("--db", metavar="URL", default=argparse.SUPPRESS)
    p.set_defaults(func=cmd_packages)

    p = sub.add_parser("serve", help="serve the upload API and the verification pages over HTTPS")
    p.add_argument("--listen", default="0.0.0.0:8443", metavar="HOST:PORT")
    p.add_argument("--db", metavar="URL")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--passphrase-file", metavar="FILE")
    p.add_argument("--center-rate", type=float, default=20.0, help="requests a second per center and worker")
    p.add_argument("--center-burst", type=int, default=200)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("jury", help="results waiting for the jury, and its decisions")
    jsub = p.add_subparsers(dest="action", required=True)
    a = jsub.add_parser("list")
    a.add_argument("--all", action="store_true", help="decided results too")
    a.add_argument("--json", action="store_true")
    b = jsub.add_parser("publish", help="record the jury's decision for one result")
    b.add_argument("target", metavar="CANDIDATE-OR-RESULT", help="result id, attempt id, verification or receipt code")
    b.add_argument("--decision", required=True, choices=DECISIONS)
    b.add_argument("--reason", required=True)
    b.add_argument("--by", help="who decides (default: the system user)")
    for q in jsub.choices.values():
        q.add_argument("--db", metavar="URL", default=argparse.SUPPRESS)
    p.set_defaults(func=cmd_jury)

    p = sub.add_parser("verify", help="show the published result of a code")
    p.add_argument("code")
    p.add_argument("--db", metavar="URL")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("export", help="every stored result and its decision, as CSV")
    p.add_argument("--csv", required=True, metavar="FILE")
    p.add_argument("--db", metavar="URL")
    p.set_defaults(func=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except HubError as exc:
        print(f"pupitre-hub: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
