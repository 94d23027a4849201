"""``pupitre-bank simulate``, ``pupitre-bank calibrate`` and ``pupitre-bank audit``.

``register(subparsers)`` adds these subcommands to the ``pupitre-bank`` command line (``audit``
lives in :mod:`itembank.cli_audit`).

BANK is a bank source folder, or ``synth:N:SEED`` for a synthetic bank of N items.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from itembank import cli_audit
from itembank.errors import ItemBankError
from itembank.framework import Framework
from itembank.model import ItemMeta
from itembank.profile import STRATEGIES, ExamProfile

SYNTH = re.compile(r"^synth:(\d+)(?::(\d+))?$")
_ID_LINE = re.compile(r"^[ ]*(?:-[ ]+)?id:[ ]*(['\"]?)([A-Za-z0-9][A-Za-z0-9._-]*)\1[ ]*(?:#.*)?$",
                      re.MULTILINE)


class CommandError(ItemBankError):
    """A command-line argument cannot be used; the message says why."""


def load_bank(spec: str) -> tuple[list[ItemMeta], Framework, dict[str, ExamProfile], str]:
    """(metas, framework, profiles, default profile name) for a BANK argument."""
    match = SYNTH.match(spec)
    if match:
        from itembank.synth import synthetic_bank

        source = synthetic_bank(int(match.group(1)), int(match.group(2) or 0))
    else:
        path = Path(spec)
        if not path.is_dir():
            raise CommandError(f"{spec}: not a bank source folder (nor synth:N:SEED)")
        source = _load_source(path)
    metas = [item.meta() for item in source.items]
    return metas, source.framework, dict(source.profiles), source.default_profile


def _load_source(path: Path) -> Any:
    try:
        authoring = importlib.import_module("itembank.authoring")
    except ImportError:
        authoring = None
    for name in ("load_source", "load", "load_bank_source", "read_source"):
        loader: Callable[[Path], Any] | None = getattr(authoring, name, None)
        if callable(loader):
            return loader(path)
    raise CommandError(f"{path}: reading a bank source folder needs the authoring loader "
                       "(itembank.authoring), which this installation does not have")


# -- simulate -----------------------------------------------------------------------------------
def _simulate(args: argparse.Namespace) -> int:
    from itembank.cat.pool import ItemPool
    from itembank.simulation import simulate
    from itembank.simulation.report import write_report

    metas, framework, profiles, default = load_bank(args.bank)
    name = args.profile or default
    if name not in profiles:
        raise CommandError(f"no profile '{name}' in this bank (it has: {', '.join(sorted(profiles))})")
    profile = profiles[name]
    pool = ItemPool(metas, framework)
    strategies = STRATEGIES if args.strategy == "both" else (args.strategy or profile.strategy,)
    runs = []
    for strategy in strategies:
        started = time.perf_counter()
        run = simulate(pool, framework, profile, examinees=args.examinees, seed=args.seed, strategy=strategy,
                       population=(args.theta_mean, args.theta_sd))
        elapsed = time.perf_counter() - started
        print(f"{strategy}: {args.examinees} candidates in {elapsed:.1f} s", file=sys.stderr)
        runs.append(run)
    notes = [f"bank: {args.bank} ({len(metas)} items), profile: {name} ({profile.length} questions)",
             f"abilities: N({args.theta_mean:g}, {args.theta_sd:g}²), seed {args.seed}"]
    path = write_report(runs, args.out, notes=notes)
    print(path)
    return 0


# -- calibrate ----------------------------------------------------------------------------------
def item_files(source: Path) -> dict[str, Path]:
    """item id → the YAML file under ``source`` that defines it."""
    found: dict[str, Path] = {}
    root = source / "items" if (source / "items").is_dir() else source
    for path in sorted([*root.rglob("*.yaml"), *root.rglob("*.yml")]):
        for match in _ID_LINE.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match.group(2), path)
    return found


A_IS_BIASED = ("a is not written: estimated from adaptive tests it is biased, not only noisy (each item is "
               "seen by candidates of a narrow ability range; in simulation its RMSE is about 0.45 and its "
               "correlation with the true a about 0.25), while b is recovered within about 0.06; b is "
               "re-estimated with each item's current a held fixed (--write-a writes a too)")


def _current_discriminations(bank: Path | None, items: Sequence[str]) -> np.ndarray | None:
    """Each item's a as the bank source states it (NaN for an item not in it); None without a source."""
    if bank is None:
        return None
    from itembank.authoring import load_source

    current = {item.id: item.irt.a for item in load_source(bank).items}
    return np.array([current.get(item_id, np.nan) for item_id in items])


def _calibrate(args: argparse.Namespace) -> int:
    from itembank.calibration import calibrate, read_responses, set_irt

    candidates, items, table = read_responses(Path(args.responses).read_text(encoding="utf-8"))
    started = time.perf_counter()
    fixed = None if args.write_a else _current_discriminations(Path(args.bank) if args.bank else None, items)
    result = calibrate(table, items, fixed_a=fixed)
    print(f"{len(candidates)} candidates, {len(items)} items, {int(np.isfinite(table).sum())} answers: "
          f"{result.iterations} EM iterations in {time.perf_counter() - started:.1f} s"
          f"{'' if result.converged else ' (not converged)'}", file=sys.stderr)
    if not args.write_a:
        print(A_IS_BIASED, file=sys.stderr)
    estimates = result.estimates(args.min_count)
    a_title = "a" if args.write_a else ("a (held)" if fixed is not None else "a (not written)")
    print(f"{'item':<28} {'answers':>7} {a_title:>15} {'b':>7}")
    for item_id, n in zip(result.item_ids, result.counts, strict=True):
        if item_id in estimates:
            a, b = estimates[item_id]
            print(f"{item_id:<28} {n:>7} {a:>15.3f} {b:>7.3f}")
    skipped = sum(1 for n in result.counts if n < args.min_count)
    if skipped:
        print(f"{skipped} items with fewer than {args.min_count} answers keep their parameters",
              file=sys.stderr)
    if args.bank is None:
        return 0
    files = item_files(Path(args.bank))
    missing = sorted(set(estimates) - set(files))
    changed: dict[Path, str] = {}
    for item_id, (a, b) in estimates.items():
        if item_id in files:
            path = files[item_id]
            changed[path] = set_irt(changed.get(path) or path.read_text(encoding="utf-8"), item_id, a, b)
    if not args.dry_run:
        for path, text in changed.items():
            path.write_text(text, encoding="utf-8")
    verb = "would update" if args.dry_run else "updated"
    what = "a and b" if args.write_a else "b"
    print(f"{verb} {what} of {len(estimates) - len(missing)} items in {len(changed)} files", file=sys.stderr)
    if missing:
        print(f"not in the bank source: {', '.join(missing[:20])}{' …' if len(missing) > 20 else ''}",
              file=sys.stderr)
    return 0


# -- wiring -------------------------------------------------------------------------------------
def register(subparsers: Any) -> None:
    """Add ``simulate``, ``calibrate`` and ``audit`` to an argparse subparsers object."""
    sim = subparsers.add_parser("simulate",
                                help="simulate candidates with known abilities and write a report",
                                description="Simulate adaptive tests and report precision and exposure.")
    sim.add_argument("bank", metavar="BANK", help="bank source folder, or synth:N:SEED")
    sim.add_argument("--examinees", type=int, default=1000, help="number of simulated candidates (1000)")
    sim.add_argument("--seed", type=int, default=0, help="random seed (0)")
    sim.add_argument("--strategy", choices=[*STRATEGIES, "both"], help="default: the profile's")
    sim.add_argument("--profile", help="exam profile (default: the bank's default)")
    sim.add_argument("--theta-mean", type=float, default=0.0, help="mean ability of the candidates (0)")
    sim.add_argument("--theta-sd", type=float, default=1.0, help="spread of the abilities (1)")
    sim.add_argument("--out", default="simulation-report", help="report folder (simulation-report)")
    sim.set_defaults(func=_simulate)

    cal = subparsers.add_parser("calibrate", help="estimate b (and a if asked) from answers and write it to the bank",
                                description="Marginal maximum likelihood (EM) calibration of a 2PL model. Writes "
                                            "b only, with each item's current a held fixed: a estimated from "
                                            "adaptive tests is biased. --write-a writes a too.")
    cal.add_argument("responses", metavar="RESPONSES",
                     help="CSV: header 'candidate,<item id>,…', cells 1, 0 or empty (not asked)")
    cal.add_argument("--bank", help="bank source folder whose item files receive the new irt: lines")
    cal.add_argument("--min-count", type=int, default=200, help="answers an item needs to be updated (200)")
    cal.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    cal.add_argument("--write-a", action="store_true",
                     help="estimate and write a as well as b (a from adaptive tests is biased: use with answers "
                          "from a fixed form or a wide range of candidates)")
    cal.set_defaults(func=_calibrate)

    cli_audit.add_parser(subparsers)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pupitre-bank", description=__doc__.split("\n")[0])
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except (ItemBankError, OSError) as exc:
        print(f"pupitre-bank {args.command}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
