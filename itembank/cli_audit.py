"""``pupitre-bank audit``: check a result bundle against the bank it ran on, and replay it.

Exit status: 0 when the bundle matches, 1 when it diverges (signature, journal, contents,
profile, responses, questions or result), 2 when it cannot be audited (no trusted device key,
a result computed by another engine version while every other check holds,
unreadable file, not a bundle, a malformed or hostile one, a bundle of another bank, a bank that
does not open, a key file that cannot be read).

A trusted device key is required: the key a bundle carries proves it intact, not which kiosk
signed it, since anyone can make a key and sign a bundle with it. Until the console's signed
device registry says which keys a center's kiosks hold, the auditor gives the kiosk's public key
(``--trust-device``), read from the kiosk itself.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from itembank.errors import ItemBankError
from protocol.errors import ProtocolError

MATCH, DIVERGES, CANNOT_AUDIT = 0, 1, 2


def _audit(args: argparse.Namespace) -> int:
    from itembank.audit import audit_bundle
    from itembank.cli import CliError, _open  # the bank opens as for verify and inspect
    from protocol.keys import PublicKeys

    if not args.trust_device:
        print("pupitre-bank audit: cannot audit: no trusted device key (give the kiosk's public key with "
              "--trust-device KIOSK.pub; the key a bundle carries proves it intact, not which kiosk signed it, "
              "and the console's device registry that will name a center's kiosks does not exist yet)",
              file=sys.stderr)
        return CANNOT_AUDIT
    try:
        path = Path(args.bundle)
        if not path.is_file():
            raise CliError(f"{path}: no such file (give the .pbundle file a kiosk wrote)")
        data = path.read_bytes()
        trusted = [PublicKeys.load(p) for p in args.trust_device]
        with _open(args) as bank:
            report = audit_bundle(data, bank, trusted, what=str(path))
    except (CliError, ItemBankError, ProtocolError) as exc:
        print(f"pupitre-bank audit: cannot audit: {exc}", file=sys.stderr)
        return CANNOT_AUDIT
    except OSError as exc:
        print(f"pupitre-bank audit: cannot audit: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return CANNOT_AUDIT
    except RecursionError:  # a hostile file nested deeper than any reader's stack
        print(f"pupitre-bank audit: cannot audit: {args.bundle}: nested too deeply to be read (not a result bundle, "
              "or a forged file)", file=sys.stderr)
        return CANNOT_AUDIT
    print(f"Audit of {path}")
    for line in report.lines():
        print(f"  {line}" if not line.startswith(("MATCH", "DIVERGES", "NOT REPLAYED")) else line)
    if report.ok:
        return MATCH
    return CANNOT_AUDIT if report.other_engine else DIVERGES


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
    p.add_argument("bundle", metavar="BUNDLE", help="the result bundle (.pbundle) a kiosk wrote")
    p.add_argument("--bank", required=True, metavar="FILE.pbank", help="the bank the attempt ran on")
    p.add_argument("--trust", action="append", default=[], required=True, metavar="PUBLISHER.pub",
                   help="a trusted publisher public key, to open the bank (repeatable)")
    p.add_argument("--key", metavar="CENTER.key", help="open the bank with this center private key")
    p.add_argument("--key-passphrase-file", metavar="FILE", help=f"passphrase of --key (or ${KEY_PASSPHRASE_ENV})")
    p.add_argument("--bank-passphrase-file", "--passphrase-file", dest="bank_passphrase_file", metavar="FILE",
                   help=f"open the bank with the passphrase in FILE (or ${BANK_PASSPHRASE_ENV})")
    p.add_argument("--trust-device", action="append", default=[], metavar="KIOSK.pub",
                   help="a trusted kiosk public key (required, repeatable): the key a bundle carries proves it "
                        "intact, not which kiosk signed it, so the audit refuses to run without one")
    p.set_defaults(func=_audit)
