"""``pupitre-kiosk --self-check [--data-dir DIR]``: is this installed kiosk able to run an exam?

It opens the demo bank and decrypts one item, starts Qt's platform plugin (offscreen when there is
no display) and its PDF module, and opens the device key and the journal: in a fresh temporary data
directory (a key is made, an attempt journal written, read back and verified, then all is removed),
or, with ``--data-dir``, the kiosk's own, read only (its key must exist and open; its journal must
pass SQLite's check). Exit 0 with one summary line; otherwise 1 with one line naming the check that
failed and why. Built to be run on a frozen build (packaging/pupitre.spec) as well as from source.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

QT_PROBE = "--self-check-qt"  # the Qt part runs in a child process: Qt aborts when its plugin fails


class CheckFailed(Exception):
    """One check failed; the message says which and why."""


def check_demo_bank(data_dir: Path) -> str:
    from itembank.pbank import open_bank
    from kiosk.app import demo_bank

    path, passphrase, trusted = demo_bank(data_dir)
    bank = open_bank(path, trusted, passphrase=passphrase)
    try:
        bank.item(bank.metas[0].id)
        return f"demo bank {bank.id} ({len(bank.metas)} items)"
    finally:
        bank.close()


def qt_probe() -> int:
    """In the child: start Qt's platform plugin and load the PDF module; print the plugin's name."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtPdf import QPdfDocument

    app = QGuiApplication([sys.argv[0]])
    QPdfDocument()
    print(app.platformName())
    return 0


def check_qt() -> str:
    from kiosk.app import display_problem

    env = dict(os.environ)
    if not env.get("QT_QPA_PLATFORM") and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    problem = display_problem(env)
    if problem is not None:
        raise CheckFailed(problem)
    command = [sys.executable, QT_PROBE] if getattr(sys, "frozen", False) else [sys.executable, "-m", "kiosk",
                                                                                   QT_PROBE]
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=False)
    except subprocess.TimeoutExpired:
        raise CheckFailed("Qt's platform plugin did not start within 60 s") from None
    if done.returncode != 0:
        said = [line.strip() for line in done.stderr.splitlines() if line.strip()]
        why = [line for line in said if "could not" in line.lower()] or said[-1:] or ["no message"]
        raise CheckFailed(f"Qt's platform plugin did not start (exit {done.returncode}): {why[0]}")
    return f"Qt {done.stdout.strip() or '?'}"


def check_device_and_journal(data_dir: Path, fresh: bool) -> str:
    from kiosk.device import DEVICE_DIR, KEY_FILE, load_or_create_device
    from kiosk.journal import JournalStore

    if not fresh and not (data_dir / DEVICE_DIR / KEY_FILE).is_file():
        raise CheckFailed(f"device key: none in {data_dir / DEVICE_DIR} (the kiosk makes it at its first start)")
    device = load_or_create_device(data_dir)
    store = JournalStore(data_dir, device)
    try:
        if fresh:
            journal = store.create_attempt("self-check")
            journal.append("self-check", {"at": time.time()})
            store.open_attempt("self-check")  # reads back and verifies the whole chain
            return f"device key {device.key_id[:12]}, journal written and verified"
        return f"device key {device.key_id[:12]}, journal of {len(store.attempts())} attempt(s) opened"
    finally:
        store.close()


def run_checks(data_dir: Path | None) -> str:
    """Every check in turn; the summary line, or :class:`CheckFailed` naming the first that failed."""
    from itembank.errors import ItemBankError
    from kiosk.errors import KioskError

    with tempfile.TemporaryDirectory(prefix="pupitre-self-check-") as scratch:
        steps: list[tuple[str, Callable[[], str]]] = [
            ("demo bank", lambda: check_demo_bank(Path(scratch))),
            ("Qt", check_qt),
            ("device key and journal",
             lambda: check_device_and_journal(data_dir or Path(scratch) / "kiosk", data_dir is None)),
        ]
        done = []
        for name, step in steps:
            try:
                done.append(step())
            except CheckFailed as exc:
                raise CheckFailed(f"{name}: {exc}") from None
            except PermissionError as exc:
                raise CheckFailed(f"{name}: this account may not read {exc.filename} (run the self-check as the "
                                  "account that owns the kiosk's folder, e.g. sudo -u pupitre-keeper …)") from None
            except (KioskError, ItemBankError, OSError, ValueError, ImportError) as exc:
                raise CheckFailed(f"{name}: {exc}") from None
        return "; ".join(done)


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="pupitre-kiosk --self-check",
                                     description="Check that this kiosk can run an exam, and say so in one line.")
    parser.add_argument("--data-dir", type=Path,
                        help="check the kiosk's own data directory, read only (default: a temporary one)")
    args = parser.parse_args(argv)
    if args.data_dir is not None and not args.data_dir.is_dir():
        print(f"pupitre-kiosk: self-check failed: there is no kiosk data directory at {args.data_dir}",
              file=sys.stderr)
        return 1
    started = time.monotonic()
    try:
        summary = run_checks(args.data_dir)
    except CheckFailed as exc:
        print(f"pupitre-kiosk: self-check failed: {exc}", file=sys.stderr)
        return 1
    print(f"pupitre-kiosk: self-check passed in {time.monotonic() - started:.1f} s: {summary}")
    return 0
