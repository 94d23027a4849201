"""``pupitre-bank verify-qr``: check an attestation's QR payload offline with the center's public key.

Exit status: 0 the payload is a result signed by this center (and, when a name and birth date are
given, it is this person's); 1 it is not (signature does not match: another center's key, an
altered or truncated payload; or another person); 2 it cannot be checked (unreadable key file, a
text that is not an attestation payload at all).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from protocol.attestation import PREFIX, verify_attestation
from protocol.errors import ProtocolError

VALID, INVALID, CANNOT_CHECK = 0, 1, 2


def _verify_qr(args: argparse.Namespace) -> int:
    from protocol.keys import PublicKeys

    name = "pupitre-bank verify-qr"
    try:
        key = PublicKeys.load(args.center_key)
    except (ProtocolError, OSError, ValueError) as exc:
        detail = f"{exc.filename or args.center_key}: {exc.strerror}" if isinstance(exc, OSError) else str(exc)
        print(f"{name}: cannot check: center key {detail}", file=sys.stderr)
        return CANNOT_CHECK
    payload = sys.stdin.read(4096) if args.payload == "-" else args.payload
    birth = None
    if args.birth_date:
        try:
            birth = dt.date.fromisoformat(args.birth_date)
        except ValueError:
            print(f"{name}: cannot check: --birth-date {args.birth_date!r} is not YYYY-MM-DD", file=sys.stderr)
            return CANNOT_CHECK
    identity = (args.last_name, args.first_name, birth)
    if any(identity) and not all(identity):
        print(f"{name}: cannot check: --last-name, --first-name and --birth-date go together", file=sys.stderr)
        return CANNOT_CHECK
    check = verify_attestation(payload, key.signing)
    if not check.ok:
        status = INVALID if check.readable else CANNOT_CHECK
        verdict = "cannot check" if status == CANNOT_CHECK else "INVALID"
        print(f"{name}: {verdict}: {check.reason}", file=sys.stderr)
        return status
    result = check.result
    assert result is not None
    if all(identity) and not result.holder_matches(args.last_name, args.first_name, birth):
        print(f"{name}: INVALID: the attestation is genuine but not this person's (name or birth date differ)",
              file=sys.stderr)
        return INVALID
    print(f"VALID — signed by center {key.name or '?'} (key {key.signing_id})")
    print(f"  verification code  {result.code}")
    print(f"  center             {result.center}")
    print(f"  date               {result.date.isoformat()}")
    print(f"  score              {result.score} pix")
    print(f"  level              {result.level}")
    print(f"  competence levels  {' '.join(result.levels)}")
    print(f"  holder             {result.initials} "
          + ("(name and birth date match)" if all(identity) else
             "(give --last-name, --first-name and --birth-date to check the person)"))
    print(f"  engine version     {result.engine}")
    return VALID


def add_parser(subparsers: Any) -> None:
    """Add ``verify-qr`` to the ``pupitre-bank`` subcommands."""
    p = subparsers.add_parser(
        "verify-qr", help="check an attestation's QR payload offline with the center's public key",
        description=f"Check that a QR payload ({PREFIX}…) read from a printed attestation is a result signed by "
                    "the center, and print what it says. Exit status: 0 valid, 1 invalid (another key, an altered "
                    "or truncated payload, another person), 2 cannot check.")
    p.add_argument("payload", metavar="PAYLOAD", help=f"the text the QR code holds ({PREFIX}…), or - to read it "
                                                      "from standard input")
    p.add_argument("--center-key", required=True, metavar="CENTER.pub", help="the center's public key file")
    p.add_argument("--last-name", help="the holder's last name, as on their identity document")
    p.add_argument("--first-name", help="the holder's first name")
    p.add_argument("--birth-date", metavar="YYYY-MM-DD", help="the holder's birth date")
    p.set_defaults(func=_verify_qr)
