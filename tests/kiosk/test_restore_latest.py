"""Which unfinished attempt a kiosk takes up at start (kiosk.app.restore_latest)."""

import pytest

from kiosk.app import restore_latest
from kiosk.core import events as ev
from kiosk.core.session import AttemptMode
from kiosk.device import DeviceIdentity
from kiosk.errors import ReplayMismatchError
from kiosk.journal import JournalStore
from protocol.keys import KeyPair
from tests.kiosk.fakes import FakeClock

BANK = "ab" * 32


@pytest.fixture
def store(tmp_path):
    with JournalStore(tmp_path / "data", DeviceIdentity(KeyPair.generate("kiosk-1")), FakeClock()) as opened:
        yield opened


def begin(store, attempt_id, mode="practice", bank=BANK):
    journal = store.create_attempt(attempt_id)
    journal.append(ev.ATTEMPT_CREATED, {"attempt_id": attempt_id, "mode": mode, "bank": {"manifest_sha256": bank},
                                        "elapsed": 0.0})
    journal.append(ev.CHECKED_IN, {"candidate": {}, "locale": "fr", "elapsed": 0.0})


def test_the_latest_attempt_of_this_mode_and_bank_is_taken_up(store):
    begin(store, "old")
    begin(store, "exam", mode="exam")
    begin(store, "other-bank", bank="cd" * 32)
    taken = restore_latest(store, AttemptMode.PRACTICE, BANK, lambda journal, events: journal.attempt_id)
    assert taken == "old"
    assert restore_latest(store, AttemptMode.EXAM, BANK, lambda journal, events: journal.attempt_id) == "exam"


def test_an_attempt_this_software_cannot_replay_is_left_and_the_kiosk_goes_on(store, caplog):
    begin(store, "replayable")
    begin(store, "from-another-version")

    def restore(journal, events):
        if journal.attempt_id == "from-another-version":
            raise ReplayMismatchError("question 3: the journal shows item A, the engine chooses B")
        return journal.attempt_id

    assert restore_latest(store, AttemptMode.PRACTICE, BANK, restore) == "replayable"
    assert "from-another-version cannot be resumed by this version" in caplog.text
    assert len(store.open_attempt("from-another-version").events()) == 2  # kept as it was


def test_nothing_to_take_up(store):
    begin(store, "exam", mode="exam")
    assert restore_latest(store, AttemptMode.PRACTICE, BANK, lambda journal, events: journal.attempt_id) is None
