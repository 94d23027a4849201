"""Tampering with the journal file directly (sqlite3): detected on open, quarantined, never deleted."""

import json
import sqlite3

import pytest

from kiosk.core import events as ev
from kiosk.device import DeviceIdentity
from kiosk.errors import JournalIntegrityError
from kiosk.journal import BrokenJournalError, JournalStore
from protocol.journal_chain import entry_hash
from protocol.keys import KeyPair
from tests.kiosk.fakes import FakeClock

ATTEMPT = "att-1"
# seq: 1 created, 2 checked-in (sealed), 3 shown, 4 answered (sealed), 5 shown, 6 answered (sealed), 7 guard
STEPS = [
    (ev.ATTEMPT_CREATED, {"attempt_id": ATTEMPT}),
    (ev.CHECKED_IN, {"candidate": {"last_name": "Martin"}, "locale": "fr"}),
    (ev.QUESTION_SHOWN, {"number": 1, "item_id": "1.1-a"}),
    (ev.ANSWERED, {"number": 1, "item_id": "1.1-a", "response": "A", "outcome": "ok"}),
    (ev.QUESTION_SHOWN, {"number": 2, "item_id": "2.1-b"}),
    (ev.ANSWERED, {"number": 2, "item_id": "2.1-b", "response": "C", "outcome": "ko"}),
    (ev.GUARD, {"finding": "none"}),
]
LAST = len(STEPS)


@pytest.fixture(scope="module")
def device():
    return DeviceIdentity(KeyPair.generate("kiosk-test"))


@pytest.fixture
def data_dir(tmp_path, device):
    clock = FakeClock()
    with JournalStore(tmp_path, device, clock) as store:
        journal = store.create_attempt(ATTEMPT)
        for kind, payload in STEPS:
            clock.advance(2)
            journal.append(kind, payload)
        journal.checkpoint(14.0, clock.now())
        store.create_attempt("att-2").append(ev.ATTEMPT_CREATED, {"attempt_id": "att-2"})
    return tmp_path


def raw(data_dir):
    """A plain sqlite3 connection, as an attacker with the file has one; the guard triggers are dropped."""
    conn = sqlite3.connect(data_dir / "journal.sqlite", isolation_level=None)
    for trigger in ("entries_no_update", "entries_no_delete", "attempts_no_delete"):
        conn.execute(f"DROP TRIGGER {trigger}")
    return conn


def row(conn, seq):
    names = ("seq", "prev_hash", "t_mono", "t_wall", "kind", "payload", "sealed", "hash")
    values = conn.execute(f"SELECT {', '.join(names)} FROM entries WHERE attempt_id=? AND seq=?",
                          (ATTEMPT, seq)).fetchone()
    return dict(zip(names, values, strict=True))


def insert(conn, entry):
    conn.execute("INSERT INTO entries (attempt_id, seq, prev_hash, t_mono, t_wall, kind, payload, sealed, hash) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 (ATTEMPT, entry["seq"], entry["prev_hash"], entry["t_mono"], entry["t_wall"], entry["kind"],
                  entry["payload"], entry["sealed"], entry["hash"]))


def forged(conn, seq, prev_hash, kind=ev.GUARD, payload=None):
    """An entry with a correct hash for its place, as someone who read the code would write it."""
    payload = payload or {"finding": "forged"}
    t_mono, t_wall = 5000.0, "2026-11-22T10:00:00+00:00"
    return {"seq": seq, "prev_hash": prev_hash, "t_mono": t_mono, "t_wall": t_wall, "kind": kind,
            "payload": json.dumps(payload, separators=(",", ":"), sort_keys=True), "sealed": None,
            "hash": entry_hash(seq, prev_hash, t_mono, t_wall, kind, payload)}


def edit_clear_payload(conn):
    conn.execute("UPDATE entries SET payload = replace(payload, '1.1-a', '9.9-z') WHERE seq = 3")


def flip_sealed_byte(conn):
    blob = bytearray(row(conn, 4)["sealed"])
    blob[20] ^= 0x01
    conn.execute("UPDATE entries SET sealed = ? WHERE seq = 4 AND attempt_id = ?", (bytes(blob), ATTEMPT))


def move_sealed_answer(conn):
    conn.execute("UPDATE entries SET sealed = ? WHERE seq = 6 AND attempt_id = ?", (row(conn, 4)["sealed"], ATTEMPT))


def answer_in_clear(conn):
    payload = json.dumps({"number": 1, "item_id": "1.1-a", "response": "B", "outcome": "ok"})
    conn.execute("UPDATE entries SET payload = ?, sealed = NULL WHERE seq = 4 AND attempt_id = ?", (payload, ATTEMPT))


def swap(conn):
    conn.execute("UPDATE entries SET seq = -1 WHERE seq = 3 AND attempt_id = ?", (ATTEMPT,))
    conn.execute("UPDATE entries SET seq = 3 WHERE seq = 5 AND attempt_id = ?", (ATTEMPT,))
    conn.execute("UPDATE entries SET seq = 5 WHERE seq = -1 AND attempt_id = ?", (ATTEMPT,))


def insert_in_the_middle(conn):
    for seq in range(LAST, 4, -1):
        conn.execute("UPDATE entries SET seq = ? WHERE seq = ? AND attempt_id = ?", (seq + 1, seq, ATTEMPT))
    insert(conn, forged(conn, 5, row(conn, 4)["hash"]))


def append_forged(conn):
    insert(conn, forged(conn, LAST + 1, row(conn, LAST)["hash"]))


def append_forged_and_move_head(conn):
    entry = forged(conn, LAST + 1, row(conn, LAST)["hash"])
    insert(conn, entry)
    conn.execute("UPDATE attempts SET head_seq = ?, head_hash = ? WHERE id = ?", (LAST + 1, entry["hash"], ATTEMPT))


def cut_tail_and_move_head(conn):
    conn.execute("DELETE FROM entries WHERE seq = ? AND attempt_id = ?", (LAST, ATTEMPT))
    conn.execute("UPDATE attempts SET head_seq = ?, head_hash = ? WHERE id = ?",
                 (LAST - 1, row(conn, LAST - 1)["hash"], ATTEMPT))


def rewrite_from_3_on(conn):
    """Edit entry 3 and re-hash everything after it: only the MAC'd head gives it away."""
    conn.execute("DELETE FROM entries WHERE seq >= 3 AND attempt_id = ?", (ATTEMPT,))
    prev = row(conn, 2)["hash"]
    for seq in range(3, LAST + 1):
        entry = forged(conn, seq, prev)
        insert(conn, entry)
        prev = entry["hash"]
    conn.execute("UPDATE attempts SET head_hash = ? WHERE id = ?", (prev, ATTEMPT))


def swap_wrapped_keys(conn):
    other = conn.execute("SELECT wrapped_key FROM attempts WHERE id = 'att-2'").fetchone()[0]
    conn.execute("UPDATE attempts SET wrapped_key = ? WHERE id = ?", (other, ATTEMPT))


TAMPERS = [
    # (name, tamper, first bad entry named, fragment of the reason)
    ("clear payload edited", edit_clear_payload, 3, "content was changed"),
    ("kind edited", lambda c: c.execute("UPDATE entries SET kind = 'paused' WHERE seq = 5"), 5, "content was changed"),
    ("time edited", lambda c: c.execute("UPDATE entries SET t_mono = t_mono - 60 WHERE seq = 7"), 7, "content"),
    ("sealed answer altered", flip_sealed_byte, 4, "cannot be read"),
    ("sealed answer moved to another entry", move_sealed_answer, 6, "cannot be read"),
    ("answer put back in clear", answer_in_clear, 4, "stored in clear"),
    ("middle entry deleted", lambda c: c.execute("DELETE FROM entries WHERE seq = 4"), 5, "where entry 4 belongs"),
    ("last entry deleted", lambda c: c.execute(f"DELETE FROM entries WHERE seq = {LAST}"), LAST, "at the end"),
    ("two entries swapped", swap, 3, "does not follow"),
    ("entry inserted in the middle", insert_in_the_middle, 6, "does not follow"),
    ("forged entry appended", append_forged, LAST + 1, "at the end"),
    ("forged entry appended, head moved", append_forged_and_move_head, 0, "sealed head was altered"),
    ("tail cut, head moved", cut_tail_and_move_head, 0, "sealed head was altered"),
    ("rewritten and re-hashed", rewrite_from_3_on, 0, "sealed head was altered"),
    ("checkpoint altered", lambda c: c.execute("UPDATE checkpoints SET elapsed = 1.0"), 0, "checkpoint was altered"),
    ("attempt key swapped", swap_wrapped_keys, 0, "key does not open"),
]


@pytest.mark.parametrize(("name", "tamper", "first_bad", "fragment"), TAMPERS, ids=[t[0] for t in TAMPERS])
def test_tampering_is_detected_reported_and_quarantined(data_dir, device, name, tamper, first_bad, fragment):
    conn = raw(data_dir)
    tamper(conn)
    kept = conn.execute("SELECT count(*) FROM entries WHERE attempt_id = ?", (ATTEMPT,)).fetchone()[0]
    conn.close()
    with JournalStore(data_dir, device, FakeClock()) as store:
        with pytest.raises(BrokenJournalError) as caught:
            store.open_attempt(ATTEMPT)
        error = caught.value
        assert isinstance(error, JournalIntegrityError)
        assert error.seq == first_bad and error.attempt_id == ATTEMPT
        assert fragment in str(error) and "cannot be continued" in str(error)
        assert [a.attempt_id for a in store.quarantined()] == [ATTEMPT]
        record = store.attempt(ATTEMPT)
        assert record.status == "quarantined" and record.quarantine_seq == first_bad
        assert ATTEMPT not in [a.attempt_id for a in store.unfinished_attempts()]
        with pytest.raises(JournalIntegrityError, match="quarantined since"):  # and stays refused
            store.open_attempt(ATTEMPT)
        store.open_attempt("att-2")  # the other attempt is unaffected
    conn = sqlite3.connect(data_dir / "journal.sqlite")
    assert conn.execute("SELECT count(*) FROM entries WHERE attempt_id = ?", (ATTEMPT,)).fetchone()[0] == kept
    conn.close()


def test_an_untouched_journal_opens(data_dir, device):
    with JournalStore(data_dir, device, FakeClock()) as store:
        journal = store.open_attempt(ATTEMPT)
        assert [e.kind for e in journal.events()] == [k for k, _ in STEPS]
        assert journal.checkpoint_value()[0] == 14.0
        assert store.quarantined() == []


def test_the_first_reason_of_a_quarantine_is_kept(data_dir, device):
    conn = raw(data_dir)
    edit_clear_payload(conn)
    conn.close()
    with JournalStore(data_dir, device, FakeClock()) as store, pytest.raises(BrokenJournalError):
        store.open_attempt(ATTEMPT)
    conn = raw(data_dir)
    conn.execute("DELETE FROM entries WHERE seq = 2")
    conn.close()
    with JournalStore(data_dir, device, FakeClock()) as store:
        with pytest.raises(BrokenJournalError, match="entry 3"):
            store.open_attempt(ATTEMPT)
        assert store.attempt(ATTEMPT).quarantine_seq == 3
