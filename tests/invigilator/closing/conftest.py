"""A console room per test (see room_fixture), on SQLite by default."""

from __future__ import annotations

import datetime as dt

import pytest
from room_fixture import ConsoleRoom

from protocol.keys import KeyPair


@pytest.fixture(scope="session")
def publisher():
    return KeyPair.generate("Éditions Test")


@pytest.fixture
def room(tmp_path, publisher):
    made = ConsoleRoom(tmp_path, publisher)
    try:
        yield made
    finally:
        made.close()


@pytest.fixture
def three(room):
    """Three candidates on the roster and three enrolled kiosks (plus a spare)."""
    people = room.add_candidates(("Martin", "Léa", dt.date(2009, 5, 17)), ("N'Diaye", "Awa", dt.date(2008, 3, 17)),
                                 ("Durand", "Jean", dt.date(2009, 1, 1)))
    kiosks = [room.enrol(f"PC-0{i}") for i in (1, 2, 3)] + [room.enrol("PC-SPARE")]
    return people, kiosks
