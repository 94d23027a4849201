"""The center's exposure record: counted once per attempt, under a lock, and carried by every authorisation."""

from __future__ import annotations

import datetime as dt
import random
import threading

import pytest

from invigilator.core.center import Bank, SessionStatus, TrustedPublisher
from invigilator.core.commands import CommandKind
from invigilator.core.exposure import ExposureSnapshot
from invigilator.core.roster import Candidate
from invigilator.errors import SessionError
from invigilator.store import RoomStore
from itembank.cat import ExposureRecord


@pytest.fixture
def bank(store, t0):
    store.sessions.trust_publisher(TrustedPublisher("b" * 32, "Éditions Exemple", "pub", t0))
    store.sessions.add_bank(Bank("demo", "Demo bank", "b" * 32, "c" * 64, t0))
    return "demo"


def test_an_attempt_counts_once_however_often_its_bundle_arrives(store, bank, t0):
    assert store.exposure.snapshot(bank) == ExposureSnapshot(bank)
    assert store.exposure.count_attempt(bank, "att-1", ["i1", "i2", "i2"], t0)
    assert not store.exposure.count_attempt(bank, "att-1", ["i1", "i2"], t0)  # sent again
    assert store.exposure.count_attempt(bank, "att-2", ["i2", "i3"], t0)
    snap = store.exposure.snapshot(bank)
    assert snap.tests == 2 and dict(snap.counts) == {"i1": 1, "i2": 2, "i3": 1}
    with pytest.raises(SessionError, match="not imported"):
        store.exposure.count_attempt("nope", "att-3", ["i1"], t0)
    with pytest.raises(ValueError, match="item id"):
        store.exposure.count_attempt(bank, "att-4", ["x" * 121], t0)
    assert store.exposure.snapshot(bank).tests == 2  # the refused count left nothing


def test_the_authorisation_to_start_carries_the_record_as_the_engine_reads_it(store, bank, enrol, t0):
    store.exposure.count_attempt(bank, "att-0", ["i1", "i2"], t0)
    store.sessions.create_session(bank, "certification", dt.date(2026, 6, 15), "B12", t0, random.Random(1), "S-1")
    store.sessions.set_status("S-1", SessionStatus.OPEN, t0)
    store.sessions.add_candidates([Candidate.create("c1", "S-1", "Roux", "Ana", dt.date(2009, 1, 1))])
    k = enrol(1)
    args = store.commands.issue(CommandKind.AUTHORISE_START, k, {"candidate_id": "c1"}, t0, "Mme Roux").command.args
    sent = args["exposure"]
    assert sent == store.exposure.snapshot(bank).to_dict()
    assert sent["bank_id"] == "demo" and sent["tests"] == 1 and len(sent["sha256"]) == 64
    record = ExposureRecord.from_dict(sent)  # what the kiosk does with it
    assert record.tests == 1 and record.counts == {"i1": 1, "i2": 1}
    assert store.commands.pending(k)[0].args["exposure"] == sent  # stored as sent (JSON round trip)


def test_three_consoles_counting_at_once_lose_no_test(db_url, store, bank, t0):
    stores = [RoomStore.open(db_url) for _ in range(3)]
    errors = []

    def count(s, n):
        try:
            for i in range(8):
                s.exposure.count_attempt(bank, f"att-{i}-{n % 2}", [f"i{i}", "common"], t0)  # pairs collide
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=count, args=(s, n)) for n, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in stores:
        s.close()
    assert errors == []
    snap = store.exposure.snapshot(bank)
    assert snap.tests == 16 and snap.counts["common"] == 16 and snap.counts["i0"] == 2
