"""Syncs written together (group commit): each all or nothing, in order, once — on SQLite and PostgreSQL."""

from __future__ import annotations

import threading

from invigilator.core.alerts import AlertKind
from invigilator.errors import KioskRevokedError, ReplayedRequestError, UnknownKioskError
from invigilator.store import RoomStore
from invigilator.store.syncs import SyncJob, SyncOutcome


def job(kiosk_id, counter, t0, entries=(), attempt="att-1", offset=None):
    return SyncJob(kiosk_id, counter, ((attempt, tuple(entries)),) if entries else (), (), t0, offset)


def test_one_kiosks_syncs_in_one_batch_keep_their_order(store, enrol, make_chain, steps, t0):
    k = enrol(1)
    entries = make_chain("att-1", steps(3))
    first, second, replay = store.syncs.apply_many([job(k, 10, t0, entries[:2]), job(k, 11, t0, entries),
                                                    job(k, 11, t0, entries)])
    assert isinstance(first, SyncOutcome) and first.appended[0][1].stored == 2
    appended = second.appended[0][1]
    assert isinstance(second, SyncOutcome) and (appended.stored, appended.duplicates) == (1, 2)
    assert isinstance(replay, ReplayedRequestError) and replay.last == 11
    assert [e.hash for e in store.replicas.entries(k, "att-1")] == [e.hash for e in entries]


def test_refused_syncs_write_nothing_and_the_others_are_written(store, enrol, make_chain, steps, kid, t0):
    a, b = enrol(1), enrol(2)
    store.kiosks.revoke(b, t0)
    entries = make_chain("att-1", steps(2))
    results = store.syncs.apply_many([job(a, 5, t0, entries), job(b, 5, t0, entries), job(kid(9), 5, t0, entries),
                                      job(a, 4, t0, entries)])
    assert [type(r) for r in results] == [SyncOutcome, KioskRevokedError, UnknownKioskError, ReplayedRequestError]
    assert len(store.replicas.entries(a, "att-1")) == 2
    assert store.replicas.entries(b, "att-1") == [] and store.replicas.attempts(b) == []


def test_a_chain_break_sent_twice_in_one_batch_raises_one_alert(store, enrol, make_chain, steps, t0):
    k = enrol(1)
    good = make_chain("att-1", steps(2))
    store.syncs.apply(k, 1, [("att-1", good)], [], t0)
    rewritten = make_chain("att-1", [("answered", {"number": 9})] * 3)
    results = store.syncs.apply_many([job(k, 2, t0, rewritten), job(k, 3, t0, rewritten)])
    assert all(r.appended[0][1].plan.chain_break is not None for r in results)
    breaks = [a for a in store.alerts.alerts(open_only=True, kiosk_id=k) if a.kind is AlertKind.CHAIN_BREAK]
    assert len(breaks) == 1
    assert [e.hash for e in store.replicas.entries(k, "att-1")] == [e.hash for e in good]


def test_focus_losses_in_a_batch_raise_their_alerts_with_the_time_in_console_time(store, enrol, make_chain, t0):
    a, b = enrol(1), enrol(2)
    lost = make_chain("att-1", [("question-shown", {"number": 1}), ("focus-lost", {"counted": True, "number": 1})])
    store.syncs.apply_many([job(a, 1, t0, lost, offset=30.0), job(b, 1, t0, lost, offset=None)])
    [alert_a] = store.alerts.alerts(open_only=True, kiosk_id=a)
    [alert_b] = store.alerts.alerts(open_only=True, kiosk_id=b)
    # the entry says T0 + 2 s on the kiosk's clock; 30 s ahead, that was T0 - 28 s on the console's
    assert alert_a.detail["at"] == "2026-06-15T08:29:32+00:00" and alert_b.detail["at"] == "2026-06-15T08:30:02+00:00"
    assert [e.clock_offset for e in store.replicas.timeline(a, "att-1")] == [30.0, 30.0]


def test_two_writers_on_one_database_take_a_counter_once(db_url, store, enrol, make_chain, steps, t0):
    """Two console processes (two stores, two writers) sending the same kiosk's counter at once: one is taken."""
    k = enrol(1)
    entries = make_chain("att-1", steps(4))
    writers = [RoomStore.open(db_url) for _ in range(2)]
    barrier, results = threading.Barrier(2), []

    def write(s: RoomStore, n: int) -> None:
        barrier.wait()
        results.extend(s.syncs.apply_many([job(k, 7, t0, entries), job(enrol_other[n], 1, t0, entries)]))

    enrol_other = [enrol(2), enrol(3)]
    threads = [threading.Thread(target=write, args=(s, n)) for n, s in enumerate(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for s in writers:
        s.close()
    kinds = sorted(type(r).__name__ for r in results)
    assert kinds == ["ReplayedRequestError", "SyncOutcome", "SyncOutcome", "SyncOutcome"]
    assert [e.hash for e in store.replicas.entries(k, "att-1")] == [e.hash for e in entries]
    assert all(len(store.replicas.entries(o, "att-1")) == 4 for o in enrol_other)


def test_the_writer_answers_each_sync_after_its_commit_and_refuses_once_stopped(store, enrol, make_chain, steps, t0):
    import pytest

    from invigilator.errors import StoreError
    from invigilator.store.sync_writer import SyncWriter

    k = enrol(1)
    entries = make_chain("att-1", steps(3))
    writer = SyncWriter(store.syncs).start()
    futures = [writer.submit(job(k, n, t0, entries[:n])) for n in (1, 2, 3)] + [writer.submit(job(k, 2, t0))]
    outcomes = [f.exception(10) or f.result() for f in futures]
    assert [type(o).__name__ for o in outcomes] == ["SyncOutcome"] * 3 + ["ReplayedRequestError"]
    assert len(store.replicas.entries(k, "att-1")) == 3  # in the store when the answers came
    assert writer.written == 4 and 1 <= writer.batches <= 4
    writer.stop()
    with pytest.raises(StoreError):
        writer.submit(job(k, 9, t0)).result(10)
