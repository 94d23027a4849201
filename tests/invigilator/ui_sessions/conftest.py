"""The console's pages driven through their real widgets, over a real console (data folder, store, keys)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from invigilator.app import Console
from itembank.pbank import build_bank
from itembank.synth import synthetic_bank
from protocol.keys import KeyPair

PASSPHRASE = "correct horse battery staple"
T0 = dt.datetime(2026, 6, 15, 8, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def console(tmp_path):
    c = Console(tmp_path / "console", clock=Clock(), rng=random.Random(5))
    yield c
    c.close()


@pytest.fixture(scope="session")
def publisher():
    return KeyPair.generate("Éditions Test")


@pytest.fixture
def publisher_file(tmp_path, publisher) -> Path:
    path = tmp_path / "publisher.pub"
    publisher.public.save(path)
    return path


def bank_for(console: Console, publisher: KeyPair, path: Path, seed: int = 6) -> Path:
    """A real bank built by ``publisher`` for ``console``'s center key."""
    build_bank(synthetic_bank(160, seed=seed), path, publisher, recipients=[console.center_public()])
    return path


@pytest.fixture
def ready(console, publisher, publisher_file, tmp_path):
    """An initialised console trusting ``publisher``, one bank imported; returns the center keys."""
    _, keys = console.init_center("0750001A", "Lycée Test", PASSPHRASE)
    console.trust_publisher(publisher_file)
    console.import_bank(bank_for(console, publisher, tmp_path / "bank.pbank"), PASSPHRASE)
    return keys


def click(qtbot, button) -> None:
    assert button.isEnabled() and button.isVisibleTo(button.window()), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_in(qtbot, editor, text: str) -> None:
    """Type ``text`` (QTest types ASCII only: other characters arrive as a text input would)."""
    editor.clear()
    for part in text:
        if part.isascii():
            qtbot.keyClicks(editor, part)
        else:
            editor.insert(part)
