"""The demonstration bank: build it from ``assets/banks/demo-crcn`` and show what it holds.

The demo secrets are public on purpose (README): the demo publisher key's passphrase is
``demo-publisher``, the demo center key's ``demo-center``, and the demo bank opens with the
passphrase ``pupitre-demo``. Real banks never use them.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from itembank.authoring import load_source
from itembank.errors import AuthoringError
from itembank.pbank import build_bank, open_bank
from protocol.keys import KeyPair, PublicKeys

ROOT = Path(__file__).resolve().parents[1]
DEMO_SOURCE = ROOT / "assets" / "banks" / "demo-crcn"
DEMO_KEYS = ROOT / "assets" / "keys"
DEMO_BANK_PASSPHRASE = "pupitre-demo"
DEMO_PUBLISHER_PASSPHRASE = "demo-publisher"
DEMO_CENTER_PASSPHRASE = "demo-center"


@dataclass(frozen=True)
class DemoBanks:
    practice: Path  # opens with the demo passphrase
    center: Path  # opens with the demo center key
    publisher: PublicKeys


def demo_publisher() -> KeyPair:
    return KeyPair.load(DEMO_KEYS / "demo-publisher.key", DEMO_PUBLISHER_PASSPHRASE)


def demo_center() -> KeyPair:
    return KeyPair.load(DEMO_KEYS / "demo-center.key", DEMO_CENTER_PASSPHRASE)


def build_demo_banks(out_dir: Path, source_dir: Path = DEMO_SOURCE) -> DemoBanks:
    """Build the passphrase bank and the demo-center bank from the demo source."""
    source = load_source(source_dir)
    publisher = demo_publisher()
    out_dir.mkdir(parents=True, exist_ok=True)
    practice = build_bank(source, out_dir / f"{source.meta.id}.pbank", publisher, passphrase=DEMO_BANK_PASSPHRASE)
    center = build_bank(source, out_dir / f"{source.meta.id}-center.pbank", publisher,
                        recipients=[PublicKeys.load(DEMO_KEYS / "demo-center.pub")])
    return DemoBanks(practice, center, publisher.public)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pupitre-demo", description="Build the demo bank and show what it holds.")
    parser.add_argument("--out", default=str(ROOT / "build" / "demo"), help="where to write the demo banks")
    args = parser.parse_args(argv)
    try:
        banks = build_demo_banks(Path(args.out))
    except AuthoringError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        print(f"the demo bank source has {len(exc.problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"built {banks.practice} (passphrase '{DEMO_BANK_PASSPHRASE}')")
    print(f"built {banks.center} (demo center key)")
    from itembank.cli import print_contents  # the command line's modules, only for this report

    with open_bank(banks.practice, [banks.publisher], passphrase=DEMO_BANK_PASSPHRASE) as bank:
        print(f"\n{bank.meta.title.fr}\n{bank.meta.title.en}")
        print_contents(bank)
        sample = bank.item(bank.metas[0].id)
        print(f"\nA question ({sample.id}, competence {sample.competence}, level {sample.level}, "
              f"{sample.type.value}, {sample.mode.value}):\n")
        print(textwrap.indent(sample.statement.fr, "  "))
        for proposal in sample.proposals:
            print(f"    {proposal.key}. {proposal.text.fr}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
