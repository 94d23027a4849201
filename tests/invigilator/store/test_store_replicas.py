import dataclasses
import datetime as dt
import random
import threading

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from invigilator.core.alerts import AlertKind
from invigilator.errors import InvigilatorError, KioskRevokedError, UnknownKioskError
from invigilator.store import KioskKeys, RoomStore
from protocol.journal_chain import check_chain


def test_an_append_is_idempotent(store, enrol, make_chain, steps, t0):
    k = enrol(1)
    entries = make_chain("att-1", steps(5))
    first = store.replicas.append(k, "att-1", entries[:3], t0)
    assert (first.stored, first.duplicates, first.head.seq) == (3, 0, 3)
    again = store.replicas.append(k, "att-1", entries, t0)  # the kiosk resends all it has not seen acknowledged
    assert (again.stored, again.duplicates, again.head.seq) == (2, 3, 5) and again.alerts == ()
    held = store.replicas.entries(k, "att-1")
    assert held == entries and check_chain("att-1", held, expected_head=entries[-1].hash)
    assert store.alerts.alerts() == []


def test_entries_come_back_exactly_as_hashed(store, enrol, make_chain, t0):
    k = enrol(1)
    odd = [("answered", {"number": 1, "answer": ["B", "é", 0.1 + 0.2, 10**15, None, {"z": 1, "a": [True]}]}),
           ("guard", {"type": "monitor", "severity": "info", "text": {"fr": "écran ✓", "en": "screen"}})]
    entries = make_chain("att-1", odd)
    store.replicas.append(k, "att-1", entries, t0)
    assert check_chain("att-1", store.replicas.entries(k, "att-1"), expected_head=entries[-1].hash)


def test_a_chain_break_raises_an_alert_and_merges_nothing(store, enrol, make_chain, steps, t0):
    k = enrol(1)
    good = make_chain("att-1", steps(4))
    store.replicas.append(k, "att-1", good[:2], t0)
    rewritten = make_chain("att-1", [("answered", {"number": 1, "answer": "C"}), *steps(4)[1:]])
    result = store.replicas.append(k, "att-1", rewritten, t0)
    assert result.stored == 0 and result.head.seq == 2 and result.plan.chain_break is not None
    [alert] = result.alerts
    assert alert.kind is AlertKind.CHAIN_BREAK and alert.detail["seq"] == 1 and alert.attempt_id == "att-1"
    assert store.replicas.entries(k, "att-1") == good[:2]
    # the same bad batch every second: still one alert
    store.replicas.append(k, "att-1", rewritten, t0 + dt.timedelta(seconds=1))
    assert len(store.alerts.alerts(open_only=True, kiosk_id=k)) == 1
    # entries that do continue the chain still merge
    assert store.replicas.append(k, "att-1", good[2:], t0).head.seq == 4


def test_a_batch_with_a_bad_entry_keeps_what_came_before_it(store, enrol, make_chain, steps, t0):
    k = enrol(1)
    entries = make_chain("att-1", steps(4))
    tampered = dataclasses.replace(entries[2], payload={"number": 3, "item_id": "x"})
    result = store.replicas.append(k, "att-1", [*entries[:2], tampered, entries[3]], t0)
    assert result.stored == 2 and result.head.seq == 2 and len(result.alerts) == 1
    assert [e.seq for e in store.replicas.entries(k, "att-1")] == [1, 2]


def test_merged_entries_raise_their_alerts_once(store, enrol, make_chain, t0):
    k = enrol(1)
    entries = make_chain("att-1", [("question-shown", {"number": 1}),
                                   ("focus-lost", {"number": 1, "item_id": "1.1-01", "counted": True, "detail": ""}),
                                   ("problem-reported", {"number": 1, "item_id": "1.1-01", "comment": "blank"})])
    result = store.replicas.append(k, "att-1", entries, t0)
    assert [a.kind for a in result.alerts] == [AlertKind.FOCUS_LOST, AlertKind.PROBLEM_REPORTED]
    store.replicas.append(k, "att-1", entries, t0)
    assert len(store.alerts.alerts(kiosk_id=k)) == 2


def test_a_gap_merges_nothing_and_the_head_says_where_to_resume(store, enrol, make_chain, steps, t0):
    k = enrol(1)
    entries = make_chain("att-1", steps(6))
    store.replicas.append(k, "att-1", entries[:2], t0)
    result = store.replicas.append(k, "att-1", entries[4:], t0)
    assert result.stored == 0 and result.plan.gap_from == 3 and result.head.seq == 2 and result.alerts == ()


def test_replicas_are_kept_per_kiosk_and_attempt(store, enrol, make_chain, steps, t0):
    a, b = enrol(1), enrol(2)
    store.replicas.append(a, "att-1", make_chain("att-1", steps(2)), t0)
    store.replicas.append(b, "att-1", make_chain("att-1", steps(3)), t0)
    store.replicas.append(a, "att-2", make_chain("att-2", steps(1)), t0)
    assert store.replicas.head(a, "att-1").seq == 2 and store.replicas.head(b, "att-1").seq == 3
    assert store.replicas.attempts(a) == ["att-1", "att-2"] and store.replicas.head(b, "att-9").seq == 0


def test_unknown_revoked_and_badly_named_are_refused(store, enrol, kid, make_chain, steps, t0):
    k = enrol(1)
    with pytest.raises(UnknownKioskError):
        store.replicas.append(kid(5), "att-1", make_chain("att-1", steps(1)), t0)
    with pytest.raises(InvigilatorError, match="attempt id"):
        store.replicas.append(k, "../etc", make_chain("../etc", steps(1)), t0)
    store.kiosks.revoke(k, t0)
    with pytest.raises(KioskRevokedError):
        store.replicas.append(k, "att-1", make_chain("att-1", steps(1)), t0)
    assert store.replicas.attempts(k) == []


def test_stored_entries_cannot_be_edited_or_deleted(store, enrol, make_chain, steps, t0):
    k = enrol(1)
    store.replicas.append(k, "att-1", make_chain("att-1", steps(2)), t0)
    for statement in ("UPDATE replica_entries SET kind = 'answered'", "DELETE FROM replica_entries"):
        with pytest.raises(DBAPIError, match=r"append-only|never deleted"), store.db.transaction() as session:
            session.execute(text(statement))
    assert len(store.replicas.entries(k, "att-1")) == 2


def _race(url: str, kiosk: str, batches: list, t0: dt.datetime, workers: int = 2) -> list:
    """Append ``batches`` from ``workers`` stores (each with its own connections) at the same moment."""
    stores = [RoomStore.open(url) for _ in range(workers)]
    start, errors, results = threading.Barrier(workers), [], []

    def run(store: RoomStore) -> None:
        try:
            start.wait()
            for batch in batches:
                results.append(store.replicas.append(kiosk, "att-1", batch, t0))
        except Exception as exc:  # reported below with the test's failure
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    for s in stores:
        s.close()
    assert not errors, errors
    return results


def test_concurrent_appends_to_one_replica_lose_and_double_nothing(db_url, store, enrol, make_chain, steps, t0):
    k = enrol(1)
    entries = make_chain("att-1", steps(60))
    # the same kiosk's sync delivered twice at once (a retry racing the original), in growing batches
    batches = [entries[: n] for n in range(5, 61, 5)]
    _race(db_url, k, batches, t0, workers=3)
    held = store.replicas.entries(k, "att-1")
    assert held == entries and check_chain("att-1", held, expected_head=entries[-1].hash)
    assert store.alerts.alerts() == []


def test_concurrent_first_appends_create_one_replica(postgres_url, make_chain, steps, kid, proof, t0):
    store = RoomStore.open(postgres_url)
    code, _ = store.kiosks.issue_enrolment_code(t0, random.Random(1))
    keys = KioskKeys(kid(1), "s", "w")
    k = store.kiosks.enrol(proof(code, keys), keys, "ab" * 32, "PC 01", t0).kiosk.id
    entries = make_chain("att-1", steps(3))
    results = _race(postgres_url, k, [entries], t0, workers=4)
    assert sorted(r.stored for r in results) == [0, 0, 0, 3]
    assert store.replicas.entries(k, "att-1") == entries
    store.close()
