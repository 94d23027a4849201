"""``pupitre-bank``: keys, validation, building, verifying and inspecting item banks."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections import Counter
from pathlib import Path

from itembank import cli_engine, cli_verify_qr
from itembank.authoring import SizeLimits, load_source, validate_source, write_source
from itembank.authoring.cues import longest_key_cue
from itembank.authoring.links import attachment_links
from itembank.authoring.source import MIB
from itembank.authoring.typography import typography_report
from itembank.errors import AuthoringError, ItemBankError
from itembank.pbank import OpenBank, build_bank, open_bank, read_manifest
from itembank.synth import synthetic_bank
from protocol.errors import ProtocolError
from protocol.keys import KeyPair, PublicKeys

KEY_PASSPHRASE_ENV = "PUPITRE_KEY_PASSPHRASE"
BANK_PASSPHRASE_ENV = "PUPITRE_BANK_PASSPHRASE"


class CliError(Exception):
    """A problem with the command line itself, reported without a traceback."""


def _secret(file: str | None, env: str, prompt: str, confirm: bool = False) -> str:
    if file:
        try:
            value = Path(file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise CliError(f"cannot read the passphrase file {file}: {exc.strerror}") from None
        except UnicodeDecodeError as exc:
            raise CliError(f"the passphrase file {file} is not UTF-8 text (byte {exc.start}); "
                           "save it as UTF-8") from None
        if not value:
            raise CliError(f"the passphrase file {file} is empty")
        return value
    if os.environ.get(env):
        return os.environ[env]
    if sys.stdin.isatty():
        value = getpass.getpass(f"{prompt}: ")
        if confirm and getpass.getpass(f"{prompt} (again): ") != value:
            raise CliError("the two passphrases differ")
        if not value:
            raise CliError("an empty passphrase is not accepted")
        return value
    raise CliError(f"{prompt.lower()} needed: give it in a file with the matching --…-passphrase-file option "
                   f"or in the {env} environment variable")


def _progress(label: str):
    interactive = sys.stderr.isatty()
    last = [-1]

    def show(done: int, total: int) -> None:
        percent = 100 * done // max(total, 1)
        if interactive:
            bar = "#" * (percent // 4)
            print(f"\r{label} [{bar:<25}] {done}/{total}", end="" if done < total else "\n", file=sys.stderr)
        elif percent // 25 != last[0]:
            last[0] = percent // 25
            print(f"{label}: {done}/{total}", file=sys.stderr)

    return show


def _load_public(paths: list[str]) -> list[PublicKeys]:
    return [PublicKeys.load(p) for p in paths]


# -- commands ----------------------------------------------------------------------------------
def cmd_keygen(args: argparse.Namespace) -> int:
    out = Path(args.out_dir)
    private, public = out / f"{args.name}.key", out / f"{args.name}.pub"
    for target in (private, public):
        if target.exists() and not args.force:
            raise CliError(f"{target} already exists (use --force to replace it)")
    passphrase = _secret(args.passphrase_file, KEY_PASSPHRASE_ENV, "Passphrase for the new key", confirm=True)
    pair = KeyPair.generate(args.name)
    pair.save(private, passphrase)
    pair.public.save(public)
    print(f"private key: {private} (mode 0600, sealed by your passphrase)")
    print(f"public key:  {public}")
    print(f"signing key id:  {pair.public.signing_id}")
    print(f"wrapping key id: {pair.public.wrapping_id}")
    return 0


def _limits(args: argparse.Namespace) -> SizeLimits:
    for option, value in (("--max-attachment-mb", args.max_attachment_mb), ("--max-bank-mb", args.max_bank_mb)):
        if value <= 0:
            raise CliError(f"{option} must be a positive number of MiB, not {value:g}")
    return SizeLimits(attachment_bytes=int(args.max_attachment_mb * MIB), bank_bytes=int(args.max_bank_mb * MIB))


def cmd_validate(args: argparse.Namespace) -> int:
    report = validate_source(args.source, _limits(args))
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if not report.ok:
        for problem in report.problems:
            print(problem, file=sys.stderr)
        print(f"{args.source}: {len(report.problems)} problem(s)", file=sys.stderr)
        return 1
    assert report.source is not None
    print(f"{args.source}: valid — {len(report.source.items)} items, {len(report.source.attachments)} attachments, "
          f"profiles: {', '.join(report.source.profiles)}")
    typography = typography_report(args.source)
    print(f"\ntypography report: {len(typography)} finding(s) in the French text (docs/authoring.md)")
    for issue in typography:
        print(f"  {issue}")
    cues = longest_key_cue(report.source.items)
    print()
    print("\n".join(cues.lines()))
    excesses = cues.excesses()
    for excess in excesses:
        print(f"warning: {excess}", file=sys.stderr)
    links = attachment_links(report.source.items, report.source.attachments)
    print(f"\nlinks report: {len(links)} text(s) naming a file the item does not hand out")
    for link in links:
        print(f"  {link}")
    if args.strict and (typography or excesses or links):
        print(f"{args.source}: fails --strict ({len(typography)} typography finding(s), "
              f"{len(excesses)} cue(s) above the limits, {len(links)} broken link(s))", file=sys.stderr)
        return 1
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    limits = _limits(args)
    source = load_source(args.source, limits)
    publisher = KeyPair.load(args.sign, _secret(args.sign_passphrase_file, KEY_PASSPHRASE_ENV,
                                                f"Passphrase of {args.sign}"))
    recipients = _load_public(args.recipient)
    passphrase = None
    if args.passphrase_recipient:
        passphrase = _secret(args.bank_passphrase_file, BANK_PASSPHRASE_ENV, "Passphrase for the bank", confirm=True)
    if not recipients and not passphrase:
        raise CliError("give at least one --recipient CENTER.pub or --passphrase-recipient")
    out = build_bank(source, args.output, publisher, recipients, passphrase, progress=_progress("encrypting"),
                     max_bytes=limits.bank_bytes)
    print(f"{out}: bank {source.meta.id} v{source.meta.version}, {len(source.items)} items, "
          f"{len(source.attachments)} attachments, {out.stat().st_size:,} bytes, signed by {publisher.name}")
    return 0


def _open(args: argparse.Namespace) -> OpenBank:
    trusted = _load_public(args.trust)
    if not trusted:
        raise CliError("give the publisher's public key with --trust PUBLISHER.pub")
    recipient = None
    passphrase = None
    if args.key:
        recipient = KeyPair.load(args.key, _secret(args.key_passphrase_file, KEY_PASSPHRASE_ENV,
                                                   f"Passphrase of {args.key}"))
    else:
        passphrase = _secret(args.bank_passphrase_file, BANK_PASSPHRASE_ENV, "Passphrase of the bank")
    return open_bank(args.bank, trusted, recipient=recipient, passphrase=passphrase)


def cmd_verify(args: argparse.Namespace) -> int:
    with _open(args) as bank:
        bank.verify_all(progress=_progress("verifying"))
        print(f"{args.bank}: OK — bank {bank.meta.id} v{bank.meta.version}, signed by "
              f"{bank.manifest['publisher']['name']} ({bank.publisher_id}), {len(bank.metas)} items and "
              f"{len(bank.attachments)} attachments decrypt and pass their integrity checks")
    return 0


def _histogram(values: list[float], low: float = -3.0, high: float = 3.0, step: float = 0.5) -> list[str]:
    edges = [low + i * step for i in range(int((high - low) / step) + 1)]
    counts = Counter()
    for v in values:
        slot = max(0, min(len(edges) - 2, int((v - low) // step))) if low <= v < high else (-1 if v < low else 99)
        counts[slot] += 1
    rows = []
    widest = max(counts.values(), default=1)
    labels = [(-1, f"      < {low:+.1f}")] + [(i, f"{edges[i]:+.1f} … {edges[i + 1]:+.1f}")
                                                for i in range(len(edges) - 1)] + [(99, f"     ≥ {high:+.1f}")]
    for slot, label in labels:
        n = counts.get(slot, 0)
        if n or -1 < slot < 99:
            rows.append(f"  {label:>13} {n:5d} {'█' * round(40 * n / widest)}")
    return rows


def cmd_inspect(args: argparse.Namespace) -> int:
    envelope, _ = read_manifest(args.bank)
    signed = envelope.signed
    bank_info = signed.get("bank", {})
    print(f"bank        {bank_info.get('id')} v{bank_info.get('version')} — {bank_info.get('title', {}).get('fr')}")
    print(f"publisher   {signed.get('publisher', {}).get('name')} (key {signed.get('publisher', {}).get('keyid')})")
    print(f"created     {signed.get('created')}    expires {bank_info.get('expires', 'never')}")
    readers = [r.get("name") or r.get("recipient") if r.get("type") == "x25519" else "passphrase"
               for r in signed.get("recipients", [])]
    print(f"readable by {', '.join(map(str, readers))}")
    print(f"profiles    {', '.join(signed.get('profiles', {}))} (default {signed.get('default_profile')})")
    if not args.trust:
        print("(give --trust PUBLISHER.pub and a key or passphrase to see the contents)")
        return 0
    with _open(args) as bank:
        print_contents(bank)
    return 0


def print_contents(bank: OpenBank) -> None:
    """The counts per competence, type, mode and level, and the difficulty histogram."""
    metas = bank.metas
    per_comp = Counter(m.competence for m in metas)
    tubes: dict[str, set[str]] = {}
    for m in metas:
        tubes.setdefault(m.competence, set()).add(m.tube)
    print(f"\n{len(metas)} items, {len(bank.attachments)} attachments "
          f"({sum(a.size for a in bank.attachments.values()) / 1024:,.0f} KiB)")
    print("\n  competence                                                   items  tubes  focus")
    for comp in bank.framework.competences:
        focus = sum(1 for m in metas if m.competence == comp.code and m.mode.value == "focus")
        count, tube_count = per_comp.get(comp.code, 0), len(tubes.get(comp.code, ()))
        print(f"  {comp.code} {comp.name.fr[:56]:<56} {count:6d} {tube_count:6d} {focus:6d}")
    types = Counter(m.type.value for m in metas)
    modes = Counter(m.mode.value for m in metas)
    levels = Counter(m.level for m in metas)
    print("\n  types   " + "  ".join(f"{t}: {n}" for t, n in sorted(types.items())))
    print("  modes   " + "  ".join(f"{t}: {n}" for t, n in sorted(modes.items())))
    print("  levels  " + "  ".join(f"{lv}: {levels.get(lv, 0)}" for lv in range(1, 9)))
    print("\n  difficulty b (IRT)")
    for row in _histogram([m.irt.b for m in metas]):
        print(row)


def cmd_synth(args: argparse.Namespace) -> int:
    bank = synthetic_bank(args.items, args.seed)
    out = write_source(bank, args.output)
    print(f"{out}: synthetic bank {bank.meta.id}, {len(bank.items)} items over "
          f"{len(bank.framework.codes)} competences")
    return 0


# -- parser ------------------------------------------------------------------------------------
def _add_open_options(parser: argparse.ArgumentParser, trust_required: bool) -> None:
    parser.add_argument("bank", help="the .pbank file")
    parser.add_argument("--trust", action="append", default=[], metavar="PUBLISHER.pub", required=trust_required,
                        help="a trusted publisher public key (repeatable)")
    parser.add_argument("--key", metavar="CENTER.key", help="open with this center private key")
    parser.add_argument("--key-passphrase-file", metavar="FILE", help=f"passphrase of --key (or ${KEY_PASSPHRASE_ENV})")
    parser.add_argument("--bank-passphrase-file", metavar="FILE",
                        help=f"open with the bank passphrase in FILE (or ${BANK_PASSPHRASE_ENV})")


def _add_size_options(parser: argparse.ArgumentParser) -> None:
    defaults = SizeLimits()
    parser.add_argument("--max-attachment-mb", type=float, default=defaults.attachment_bytes / MIB, metavar="MIB",
                        help="largest attachment accepted (default %(default)g MiB)")
    parser.add_argument("--max-bank-mb", type=float, default=defaults.bank_bytes / MIB, metavar="MIB",
                        help="largest bank accepted (default %(default)g MiB)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pupitre-bank", description="Pupitre item banks: author, build, verify.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("keygen", help="make a key pair (publisher or center)")
    p.add_argument("name", help="a name for the key, e.g. 'lycee-victor-hugo'")
    p.add_argument("-o", "--out-dir", default=".", help="where to write NAME.key and NAME.pub")
    p.add_argument("--passphrase-file", metavar="FILE", help=f"the new passphrase (or ${KEY_PASSPHRASE_ENV})")
    p.add_argument("--force", action="store_true", help="replace existing files")
    p.set_defaults(func=cmd_keygen)

    p = sub.add_parser("validate", help="check a bank source folder and report every problem")
    p.add_argument("source", help="the bank source folder")
    p.add_argument("--strict", action="store_true",
                   help="also fail on typography findings, answer cues above their limits and broken links")
    _add_size_options(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("build", help="build a signed, encrypted .pbank from a source folder")
    p.add_argument("source", help="the bank source folder")
    p.add_argument("-o", "--output", required=True, metavar="OUT.pbank")
    p.add_argument("--sign", required=True, metavar="PUBLISHER.key", help="the publisher's private key")
    p.add_argument("--sign-passphrase-file", metavar="FILE", help=f"passphrase of --sign (or ${KEY_PASSPHRASE_ENV})")
    p.add_argument("--recipient", action="append", default=[], metavar="CENTER.pub",
                   help="a center public key that may open the bank (repeatable)")
    p.add_argument("--passphrase-recipient", action="store_true", help="also let a passphrase open the bank")
    p.add_argument("--bank-passphrase-file", metavar="FILE", help=f"that passphrase (or ${BANK_PASSPHRASE_ENV})")
    _add_size_options(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("verify", help="check the signature and every item and attachment of a .pbank")
    _add_open_options(p, trust_required=True)
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("inspect", help="show what a .pbank holds: counts per competence, difficulties")
    _add_open_options(p, trust_required=False)
    p.set_defaults(func=cmd_inspect)

    p = sub.add_parser("synth", help="write a synthetic bank source (real structure, generated wording)")
    p.add_argument("--items", type=int, default=2000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("-o", "--output", required=True, metavar="DIR")
    p.set_defaults(func=cmd_synth)

    cli_engine.register(sub)
    cli_verify_qr.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except AuthoringError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"pupitre-bank: {len(exc.problems)} problem(s) in {getattr(args, 'source', 'the source')}",
              file=sys.stderr)
        return 1
    except (CliError, ItemBankError, ProtocolError) as exc:
        print(f"pupitre-bank: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"pupitre-bank: error: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("pupitre-bank: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

