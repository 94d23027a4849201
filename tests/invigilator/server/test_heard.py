"""Last-heard batching: notes in memory, one transaction per flush, nothing lost when a flush fails."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy.exc import OperationalError

from invigilator.core.kiosks import KioskStatus
from invigilator.server.heard import LastHeard
from invigilator.store import KioskKeys, RoomStore
from protocol.enrolment import code_verifier, enrolment_proof

T0 = dt.datetime(2026, 6, 15, 8, 30, tzinfo=dt.UTC)
PIN = "ab" * 32


@pytest.fixture
def store(tmp_path):
    room = RoomStore.open(f"sqlite:///{tmp_path / 'c.sqlite'}")
    yield room
    room.close()


def enrol(store: RoomStore, n: int) -> str:
    code, _ = store.kiosks.issue_enrolment_code(T0, random.Random(n))
    keys = KioskKeys(f"{n:032x}", f"sig-{n}", f"wrap-{n}")
    proof = enrolment_proof(code_verifier(code), "kiosk", keys.signing_public, PIN)
    return store.kiosks.enrol(proof, keys, PIN, f"PC {n}", T0).kiosk.id


def test_notes_are_written_at_flush_newest_wins(store):
    a, b = enrol(store, 1), enrol(store, 2)
    heard = LastHeard(store)
    status = KioskStatus("question", question=4, total=32)
    heard.note(a, T0 + dt.timedelta(seconds=2), status)
    heard.note(a, T0 + dt.timedelta(seconds=1), None)  # arrives late: older, ignored
    heard.note(b, T0 + dt.timedelta(seconds=3), None)
    assert store.kiosks.kiosk(a).last_heard_at is None and heard.pending() == 2
    assert heard.flush() == 2 and heard.pending() == 0 and heard.flush() == 0
    kiosk = store.kiosks.kiosk(a)
    assert kiosk.last_heard_at == T0 + dt.timedelta(seconds=2) and kiosk.status == status
    assert store.kiosks.kiosk(b).last_heard_at == T0 + dt.timedelta(seconds=3)


def test_a_failed_flush_keeps_the_notes_for_the_next(store, monkeypatch):
    a = enrol(store, 1)
    heard = LastHeard(store)
    heard.note(a, T0 + dt.timedelta(seconds=5), None)

    def broken():
        raise OperationalError("BEGIN", {}, Exception("disk I/O error"))

    monkeypatch.setattr(store.db, "transaction", broken)
    with pytest.raises(OperationalError):
        heard.flush()
    monkeypatch.undo()
    assert heard.pending() == 1 and heard.flush() == 1
    assert store.kiosks.kiosk(a).last_heard_at == T0 + dt.timedelta(seconds=5)


def test_revoked_or_unknown_kiosks_are_skipped(store):
    a = enrol(store, 1)
    store.kiosks.revoke(a, T0)
    heard = LastHeard(store)
    heard.note(a, T0 + dt.timedelta(seconds=5), None)
    heard.note("f" * 32, T0, None)
    assert heard.flush() == 2
    assert store.kiosks.kiosk(a).last_heard_at is None


def test_a_flush_reads_the_room_in_the_same_few_queries_however_many_kiosks(store):
    from sqlalchemy import event

    kiosks = [enrol(store, n) for n in range(1, 13)]
    selects: list[str] = []

    def executed(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("SELECT"):
            selects.append(statement)

    def flush_selects(ids: list[str], at: dt.datetime) -> int:
        heard = LastHeard(store)
        for kiosk_id in ids:
            heard.note(kiosk_id, at, KioskStatus("question", question=2, total=32))
        selects.clear()
        event.listen(store.db.engine, "before_cursor_execute", executed)
        try:
            assert heard.flush() == len(ids)
        finally:
            event.remove(store.db.engine, "before_cursor_execute", executed)
        return len(selects)

    assert flush_selects(kiosks[:2], T0) == flush_selects(kiosks, T0 + dt.timedelta(seconds=1))
    assert all(k.last_heard_at == T0 + dt.timedelta(seconds=1) for k in store.kiosks.kiosks())
