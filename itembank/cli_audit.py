"""``pupitre-bank audit``: check a result bundle against the bank it ran on, and replay it.

Exit status: 0 when the bundle matches, 1 when it diverges (signature, journal, contents,
profile, responses, questions or result), 2 when it cannot be audited (no trusted device key,
a result computed by another engine version while every other check holds,
unreadable file, not a bundle, a malformed or hostile one, a bundle of another bank, a bank that
does not open, a key file that cannot be read).

A trusted device key is required: the key a bundle carries proves it intact, not which kiosk
signed it, since anyone can make a key and sign a bundle with it. The center's device registry
signed by the center key (``--registry FILE --center-key CENTER.pub``, exported by
``pupitre-invigilator registry export``) says which keys its kiosks hold; or the auditor gives
a kiosk's public key (``--trust-device``), read from the kiosk itself.

Several bundles can be audited at once; two different bundles of one attempt are flagged (exit 1).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from itembank.errors import ItemBankError
from protocol.errors import ProtocolError

MATCH, DIVERGES, CANNOT_AUDIT = 0, 1, 2


def _load_registry(args: argparse.Namespace) -> Any:
    from protocol.envelope import SignedEnvelope
    from protocol.keys import PublicKeys
    from protocol.registry import verify_registry_or_raise

    center = PublicKeys.load(args.center_key)
    path = Path(args.registry)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ItemBankError(f"{path}: no such device registry file") from None
    return verify_registry_or_raise(SignedEnvelope.from_bytes(data, f"{path}"), center, what=str(path))


def _audit_one(name: str, args: argparse.Namespace, bank: Any, trusted: list[Any], registry: Any) -> Any:
    from itembank.audit import audit_bundle
    from itembank.audit_registry import registry_keys
    from itembank.cli import CliError

    path = Path(name)
    if not path.is_file():
        raise CliError(f"{path}: no such file (give the .pbundle file a kiosk wrote)")
    data = path.read_bytes()
    keys, note = list(trusted), ""
    if registry is not None:
        verdict = registry_keys(data, registry, what=str(path))
        keys += list(verdict.keys)
        note = verdict.reason
    return audit_bundle(data, bank, keys, what=str(path), trust_note=note)


def _audit(args: argparse.Namespace) -> int:
    from itembank.audit_registry import several_bundles
    from itembank.cli import CliError, _open  # the bank opens as for verify and inspect
    from protocol.keys import PublicKeys

    if not args.trust_device and not args.registry:
        print("pupitre-bank audit: cannot audit: no trusted device key (give the center's device registry with "
              "--registry FILE --center-key CENTER.pub, or the kiosk's public key with --trust-device KIOSK.pub; "
              "the key a bundle carries proves it intact, not which kiosk signed it)", file=sys.stderr)
        return CANNOT_AUDIT
    if bool(args.registry) != bool(args.center_key):
        print("pupitre-bank audit: cannot audit: --registry and --center-key go together (the registry is trusted "
              "only when the center key given signed it)", file=sys.stderr)
        return CANNOT_AUDIT
    reports, current = [], args.bundle[0]
    try:
        trusted = [PublicKeys.load(p) for p in args.trust_device]
        registry = _load_registry(args) if args.registry else None
        with _open(args) as bank:
            for name in args.bundle:
                current = name
                reports.append((name, _audit_one(name, args, bank, trusted, registry)))
    except (CliError, ItemBankError, ProtocolError) as exc:
        print(f"pupitre-bank audit: cannot audit: {exc}", file=sys.stderr)
        return CANNOT_AUDIT
    except OSError as exc:
        print(f"pupitre-bank audit: cannot audit: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return CANNOT_AUDIT
    except RecursionError:  # a hostile file nested deeper than any reader's stack
        print(f"pupitre-bank audit: cannot audit: {current}: nested too deeply to be read (not a result bundle, "
              "or a forged file)", file=sys.stderr)
        return CANNOT_AUDIT
    status = MATCH
    for name, report in reports:
        print(f"Audit of {name}")
        for line in report.lines():
            print(f"  {line}" if not line.startswith(("MATCH", "DIVERGES", "NOT REPLAYED")) else line)
        status = max(status, MATCH if report.ok else CANNOT_AUDIT if report.other_engine else DIVERGES)
    doubled = several_bundles([r for _, r in reports])
    for attempt, ids in doubled.items():
        names = [n for n, r in reports if r.attempt_id == attempt]
        print(f"SEVERAL BUNDLES OF ONE ATTEMPT: attempt {attempt} has {len(ids)} different bundles "
              f"({', '.join(names)}); a test ends once — find out which one the kiosk really sent")
    if doubled:
        status = max(status, DIVERGES)
    return status


def add_parser(subparsers: Any) -> None:
    """Add ``audit`` to the ``pupitre-bank`` subcommands."""
    from itembank.cli import BANK_PASSPHRASE_ENV, KEY_PASSPHRASE_ENV

    p = subparsers.add_parser(
        "audit", help="verify a result bundle and replay its test against the bank",
        description="Check a result bundle's signature, journal and contents, check that it was made on this "
                    "bank with this bank's profile, re-score every response against its item, re-run the "
                    "adaptive test from its seed and answers, and compare every question and the result bit for "
                    "bit. "
                    "Exit status: 0 match, 1 diverges, 2 cannot audit (no trusted device key among others).")
    p.add_argument("bundle", metavar="BUNDLE", nargs="+",
                   help="the result bundle(s) (.pbundle) a kiosk wrote; two different bundles of one attempt are "
                        "flagged")
    p.add_argument("--bank", required=True, metavar="FILE.pbank", help="the bank the attempt ran on")
    p.add_argument("--trust", action="append", default=[], required=True, metavar="PUBLISHER.pub",
                   help="a trusted publisher public key, to open the bank (repeatable)")
    p.add_argument("--key", metavar="CENTER.key", help="open the bank with this center private key")
    p.add_argument("--key-passphrase-file", metavar="FILE", help=f"passphrase of --key (or ${KEY_PASSPHRASE_ENV})")
    p.add_argument("--bank-passphrase-file", "--passphrase-file", dest="bank_passphrase_file", metavar="FILE",
                   help=f"open the bank with the passphrase in FILE (or ${BANK_PASSPHRASE_ENV})")
    p.add_argument("--trust-device", action="append", default=[], metavar="KIOSK.pub",
                   help="a trusted kiosk public key (repeatable): the key a bundle carries proves it "
                        "intact, not which kiosk signed it, so the audit refuses to run without this or --registry")
    p.add_argument("--registry", metavar="FILE",
                   help="the center's device registry (pupitre-invigilator registry export): a bundle's device is "
                        "trusted only if the registry lists it, enrolled and not revoked")
    p.add_argument("--center-key", metavar="CENTER.pub", help="the center public key that must have signed --registry")
    p.set_defaults(func=_audit)
