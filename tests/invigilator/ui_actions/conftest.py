"""The action dialogs and the finalisation screen over a real console room (tests/invigilator/closing/room_fixture)."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from protocol.keys import KeyPair

_spec = importlib.util.spec_from_file_location("room_fixture_ui",
                                               Path(__file__).parents[1] / "closing" / "room_fixture.py")
assert _spec is not None and _spec.loader is not None
room_fixture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(room_fixture)


@pytest.fixture(scope="session")
def publisher():
    return KeyPair.generate("Éditions Test")


@pytest.fixture
def room(tmp_path, publisher):
    made = room_fixture.ConsoleRoom(tmp_path, publisher)
    try:
        yield made
    finally:
        made.close()


@pytest.fixture
def three(room):
    people = room.add_candidates(("Martin", "Léa", dt.date(2009, 5, 17)), ("N'Diaye", "Awa", dt.date(2008, 3, 17)),
                                 ("Durand", "Jean", dt.date(2009, 1, 1)))
    kiosks = [room.enrol(f"PC-0{i}") for i in (1, 2, 3)] + [room.enrol("PC-SPARE")]
    return people, kiosks


@pytest.fixture(scope="session", autouse=True)
def refcount_keeper(qapp):
    """PySide6 6.12 on CPython 3.11 leaks references of None and True (ADR 0009): topped up, as in tests/gui."""
    from kiosk.ui.qt_refcount import QtRefcountKeeper

    return QtRefcountKeeper.install(qapp)


@pytest.fixture
def dispatcher(room, qtbot):
    from invigilator.ui.qt_actions import ActionDispatcher

    return ActionDispatcher(room.console, room.keys, None)
