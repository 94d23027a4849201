"""A console in a temporary data folder, with a fixed clock and seeded randomness, driven through ``main``."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from invigilator.app import Console
from invigilator.cli import main
from itembank.pbank import build_bank
from itembank.synth import synthetic_bank
from protocol.keys import KeyPair, PublicKeys

PASSPHRASE = "center secret phrase"
T0 = dt.datetime(2026, 6, 15, 8, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


class Run:
    """``pupitre-invigilator`` against one data folder; returns (exit status, stdout, stderr)."""

    def __init__(self, data_dir: Path, capsys: pytest.CaptureFixture[str]):
        self.data_dir, self.capsys, self.clock, self.rng = data_dir, capsys, Clock(), random.Random(7)

    def console(self) -> Console:
        return Console(self.data_dir, clock=self.clock, rng=self.rng)

    def __call__(self, *argv: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        try:
            code = main(["--data-dir", str(self.data_dir), *argv], console=self.console())
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
        out, err = self.capsys.readouterr()
        return code, out, err


@pytest.fixture
def run(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PUPITRE_CENTER_PASSPHRASE", PASSPHRASE)
    return Run(tmp_path / "console", capsys)


@pytest.fixture(scope="session")
def publisher():
    return KeyPair.generate("Éditions Test")


@pytest.fixture
def ready(run, tmp_path, publisher):
    """An initialised console trusting ``publisher``, and a bank built for its center key."""
    publisher.public.save(tmp_path / "publisher.pub")
    code, _, err = run("init", "--center-id", "0750001A", "--center-name", "Lycée Test",
                       "--trust", str(tmp_path / "publisher.pub"))
    assert code == 0, err
    center = PublicKeys.load(run.data_dir / "center.pub")
    build_bank(synthetic_bank(160, seed=6), tmp_path / "bank.pbank", publisher, recipients=[center])
    return run
