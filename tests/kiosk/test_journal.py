"""The kiosk journal on SQLite: durability settings, the chain, encryption at rest, listing and status."""

import datetime as dt
import os
import sqlite3
import stat

import pytest

from kiosk.core import events as ev
from kiosk.device import DeviceIdentity
from kiosk.errors import JournalError
from kiosk.journal import SALT_FIELD, JournalStore
from protocol.journal_chain import check_chain, entry_hash, genesis_hash, link
from protocol.keys import KeyPair
from tests.kiosk.fakes import FakeClock

SECRET_ANSWER = "mot-de-passe-tres-secret"
CANDIDATE = {"last_name": "Martin-Lefèvre", "first_name": "Léa", "birth_date": "2009-05-17"}


@pytest.fixture(scope="module")
def device():
    return DeviceIdentity(KeyPair.generate("kiosk-test"))


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def store(tmp_path, device, clock):
    with JournalStore(tmp_path / "data", device, clock) as opened:
        yield opened


def fill(journal, clock):
    """A short attempt: created, checked in, one answer, a guard finding."""
    journal.append(ev.ATTEMPT_CREATED, {"attempt_id": journal.attempt_id, "elapsed": 0.0})
    clock.advance(1)
    journal.append(ev.CHECKED_IN, {"candidate": CANDIDATE, "locale": "fr", "elapsed": 0.0})
    clock.advance(30)
    journal.append(ev.ANSWERED, {"number": 1, "item_id": "1.1-a", "response": {"f1": SECRET_ANSWER},
                                 "outcome": "ok", "elapsed": 30.0})
    clock.advance(0.5)
    journal.append(ev.GUARD, {"finding": "second screen", "elapsed": 30.5})


def test_wal_and_synchronous_full_on_every_connection(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    outside = sqlite3.connect(store.path)  # WAL is a property of the file, seen by any reader
    assert outside.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    outside.close()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_database_is_private(store):
    assert stat.S_IMODE(os.stat(store.data_dir).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600


def test_append_returns_chained_events_and_they_survive_a_reopen(tmp_path, device, clock):
    with JournalStore(tmp_path, device, clock) as store:
        journal = store.create_attempt("att-1")
        assert journal.head == genesis_hash("att-1") and journal.seq == 0
        fill(journal, clock)
        written = journal.events()
    assert [e.seq for e in written] == [1, 2, 3, 4]
    assert written[0].t_mono == 1000.0 and written[0].t_wall == clock.wall - dt.timedelta(seconds=31.5)
    prev = genesis_hash("att-1")
    for event in written:
        assert event.hash == entry_hash(event.seq, prev, event.t_mono, event.t_wall.isoformat(), event.kind,
                                        event.payload)
        prev = event.hash
    with JournalStore(tmp_path, device, clock) as store:
        again = store.open_attempt("att-1")
        assert again.events() == written and [e.hash for e in again.events()] == [e.hash for e in written]
        assert again.head == written[-1].hash
        linked = link("att-1", [e.to_dict() for e in again.events()])  # what a verifier recomputes
        assert check_chain("att-1", linked, expected_head=again.head).ok
        again.append(ev.GUARD, {"after": "restart"})
        assert again.seq == 5


def test_payloads_are_plain_data_copies(store):
    journal = store.create_attempt("att-1")
    original = {"order": ("B", "A"), "nested": {"x": 1}}
    event = journal.append(ev.QUESTION_SHOWN, original)
    assert event.payload == {"order": ["B", "A"], "nested": {"x": 1}}
    original["nested"]["x"] = 2
    assert event.payload["nested"]["x"] == 1
    with pytest.raises(JournalError, match="cannot be journalled"):
        journal.append(ev.GUARD, {"bad": {1, 2}})
    assert journal.seq == 1  # a refused append leaves no trace


def test_answers_and_personal_data_are_encrypted_at_rest(store, clock):
    journal = store.create_attempt("att-1")
    fill(journal, clock)
    events = {e.kind: e for e in journal.events()}
    assert SALT_FIELD in events[ev.ANSWERED].payload and SALT_FIELD in events[ev.CHECKED_IN].payload
    assert SALT_FIELD not in events[ev.GUARD].payload
    raw = b"".join(p.read_bytes() for p in store.data_dir.iterdir() if p.name.startswith("journal.sqlite"))
    for secret in (SECRET_ANSWER, "Lefèvre", "2009-05-17"):
        assert secret.encode() not in raw, f"{secret} is readable on disk"
    assert b"second screen" in raw  # what is not sensitive stays readable for the invigilator's record
    rows = dict(sqlite3.connect(store.path).execute("SELECT kind, payload IS NULL FROM entries").fetchall())
    assert rows == {ev.ATTEMPT_CREATED: 0, ev.CHECKED_IN: 1, ev.ANSWERED: 1, ev.GUARD: 0}


def test_checkpoint_is_one_row_per_attempt_and_comes_back(tmp_path, device, clock):
    with JournalStore(tmp_path, device, clock) as store:
        journal = store.create_attempt("att-1")
        journal.append(ev.ATTEMPT_CREATED, {})
        assert journal.checkpoint_value() is None
        for second in range(1, 6):
            clock.advance(1)
            journal.checkpoint(float(second), clock.now())
        count = sqlite3.connect(store.path).execute("SELECT count(*) FROM checkpoints").fetchone()[0]
        assert count == 1
    with JournalStore(tmp_path, device, clock) as store:
        assert store.open_attempt("att-1").checkpoint_value() == (5.0, clock.now())


def test_entries_are_append_only_even_for_plain_sql(store, clock):
    journal = store.create_attempt("att-1")
    fill(journal, clock)
    conn = sqlite3.connect(store.path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE entries SET kind = 'x' WHERE seq = 1")
    with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
        conn.execute("DELETE FROM entries")
    with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
        conn.execute("DELETE FROM attempts")
    conn.close()


def test_two_writers_on_one_attempt_cannot_fork_the_chain(tmp_path, device, clock):
    with JournalStore(tmp_path, device, clock) as store, JournalStore(tmp_path, device, clock) as other:
        journal = store.create_attempt("att-1")
        journal.append(ev.ATTEMPT_CREATED, {})
        second = other.open_attempt("att-1")
        journal.append(ev.GUARD, {"by": "first"})
        with pytest.raises(JournalError):
            second.append(ev.GUARD, {"by": "second"})
        assert [e.payload for e in other.open_attempt("att-1").events()][-1] == {"by": "first"}


def test_unfinished_attempts_and_status_columns(store, clock):
    created_only = store.create_attempt("att-0")
    created_only.append(ev.ATTEMPT_CREATED, {})
    running = store.create_attempt("att-1")
    fill(running, clock)
    done = store.create_attempt("att-2")
    fill(done, clock)
    done.append(ev.FINISHED, {"reason": "completed"})
    assert [a.attempt_id for a in store.unfinished_attempts()] == ["att-1", "att-2"]
    assert store.attempt("att-0").status == "created" and store.attempt("att-1").status == "in-progress"
    assert store.attempt("att-2").status == "finished" and store.attempt("att-2").finished_at == clock.now()
    store.mark_submitted("att-2", "ab" * 32, "7KQ4M-9XBT2")
    assert [a.attempt_id for a in store.unfinished_attempts()] == ["att-1"]
    store.mark_exported("att-2", "/media/usb")
    record = store.attempt("att-2")
    assert record.status == "exported" and record.submitted_at and record.receipt_verified_at is None
    store.mark_receipt_verified("att-2", "hub-receipt-1")
    assert store.attempt("att-2").status == "receipt-verified"
    # status columns never touch the journal
    assert [e.seq for e in store.open_attempt("att-2").events()] == [1, 2, 3, 4, 5]
    with pytest.raises(JournalError, match="no attempt att-9"):
        store.mark_exported("att-9", "/media/usb")


@pytest.mark.parametrize("bad", ["", "../etc", "a b", "x" * 81, "é", "att-1\n", ".hidden"])
def test_attempt_ids_are_safe_file_names(store, bad):
    with pytest.raises(JournalError, match="letters, digits"):
        store.create_attempt(bad)


def test_an_attempt_id_is_used_once(store):
    store.create_attempt("att-1")
    with pytest.raises(JournalError, match="already exists"):
        store.create_attempt("att-1")


def test_another_device_cannot_open_an_attempt(tmp_path, device, clock):
    with JournalStore(tmp_path, device, clock) as store:
        store.create_attempt("att-1").append(ev.ATTEMPT_CREATED, {})
    stranger = DeviceIdentity(KeyPair.generate("kiosk-other"))
    with JournalStore(tmp_path, stranger, clock) as store:
        with pytest.raises(JournalError, match="written by device key"):
            store.open_attempt("att-1")
        assert store.quarantined() == []  # a wrong kiosk is not evidence of tampering


def test_status_only_store_lists_but_cannot_open(tmp_path, device, clock):
    with JournalStore(tmp_path, device, clock) as store:
        store.create_attempt("att-1")
    with JournalStore(tmp_path, None) as store:
        assert [a.attempt_id for a in store.attempts()] == ["att-1"]
        with pytest.raises(JournalError, match="needs the device key"):
            store.open_attempt("att-1")


class NaiveClock(FakeClock):
    def now(self):
        return dt.datetime(2026, 11, 22, 9, 0)


def test_naive_clock_times_are_refused(tmp_path, device, clock):
    with JournalStore(tmp_path, device, NaiveClock()) as store, pytest.raises(JournalError):
        store.create_attempt("att-1")
    with JournalStore(tmp_path, device, clock) as store:
        store.create_attempt("att-2").append(ev.ATTEMPT_CREATED, {})
    with JournalStore(tmp_path, device, NaiveClock()) as store:
        journal = store.open_attempt("att-2")
        with pytest.raises(JournalError, match="without a timezone"):
            journal.append(ev.GUARD, {})
        with pytest.raises(JournalError, match="timezone-aware"):
            journal.checkpoint(1.0, dt.datetime(2026, 11, 22, 9, 0))


def test_a_newer_journal_format_is_left_untouched(tmp_path, device):
    data = tmp_path / "data"
    JournalStore(data, device).close()
    conn = sqlite3.connect(data / "journal.sqlite")
    conn.execute("PRAGMA user_version = 9")
    conn.close()
    with pytest.raises(JournalError, match="format 9 is newer"):
        JournalStore(data, device)


# -- transactions: one flush per command ----------------------------------------------------------
def count_commits(store):
    from sqlalchemy import event

    commits = []
    event.listen(store.engine, "commit", lambda conn: commits.append(1))
    return commits


def test_a_transaction_commits_its_appends_once(store, clock, tmp_path, device):
    journal = store.create_attempt("att-tx")
    fill(journal, clock)
    commits = count_commits(store)
    with journal.transaction():
        journal.append(ev.ANSWERED, {"number": 2, "item_id": "1.2-a", "response": "B", "outcome": "ko",
                                     "elapsed": 40.0})
        with journal.transaction():  # a nested block joins the outer one
            journal.append(ev.QUESTION_SHOWN, {"number": 3, "item_id": "1.3-a", "order": [], "elapsed": 40.0})
        journal.checkpoint(40.0, clock.now())
    assert len(commits) == 1
    reopened = store.open_attempt("att-tx")
    assert [e.kind for e in reopened.events()][-2:] == [ev.ANSWERED, ev.QUESTION_SHOWN]
    assert reopened.checkpoint_value()[0] == 40.0
    linked = link("att-tx", [e.to_dict() for e in reopened.events()])
    assert check_chain("att-tx", linked, expected_head=reopened.head).ok


def test_a_failed_block_leaves_neither_disk_nor_memory_changed(store, clock):
    journal = store.create_attempt("att-rollback")
    fill(journal, clock)
    events, head = journal.events(), journal.head
    journal.checkpoint(30.0, clock.now())
    with pytest.raises(RuntimeError), journal.transaction():
        journal.append(ev.ANSWERED, {"number": 2, "item_id": "1.2-a", "response": "B", "outcome": "ko",
                                     "elapsed": 40.0})
        journal.checkpoint(40.0, clock.now())
        raise RuntimeError("the command failed after its first event")
    assert journal.events() == events and journal.head == head and journal.checkpoint_value()[0] == 30.0
    assert journal.durable_state() == (events, journal.checkpoint_value())
    reopened = store.open_attempt("att-rollback")
    assert reopened.events() == events and reopened.checkpoint_value()[0] == 30.0
    journal.append(ev.GUARD, {"finding": "after the failure", "elapsed": 41.0})  # the chain goes on from the head
    assert store.open_attempt("att-rollback").events()[-1].seq == events[-1].seq + 1


def test_opening_while_another_process_appends_never_quarantines(store, clock, tmp_path, device):
    """The head, the entries and the checkpoint are read in one snapshot: an append that lands
    between two of those reads must not look like a tampered journal."""
    from sqlalchemy import event

    journal = store.create_attempt("att-busy")
    fill(journal, clock)
    reader = JournalStore(tmp_path / "data", device, clock)
    appended = []

    def append_meanwhile(conn, cursor, statement, parameters, context, executemany):
        if not appended and "FROM attempts" in statement:
            appended.append(journal.append(ev.GUARD, {"finding": "meanwhile", "elapsed": 31.0}))

    event.listen(reader.engine, "after_cursor_execute", append_meanwhile)
    try:
        opened = reader.open_attempt("att-busy")
    finally:
        event.remove(reader.engine, "after_cursor_execute", append_meanwhile)
        reader.close()
    assert appended, "the concurrent append did not happen"
    assert opened.head == journal.head and len(opened.events()) == len(journal.events())
    assert store.attempt("att-busy").quarantined_at is None
