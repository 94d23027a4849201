"""Moving an attempt to a spare PC: the journal follows, the old PC is locked, open alerts are read first."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from invigilator.core.alerts import AlertKind
from invigilator.core.center import Bank, SessionStatus, TrustedPublisher
from invigilator.core.commands import CommandKind
from invigilator.core.kiosks import KioskStatus
from invigilator.core.roster import Candidate
from invigilator.errors import CommandRefusedError, KioskRevokedError, OpenAlertError
from protocol.journal_chain import ChainEntry, check_chain

STEPS = [("attempt-created", {"attempt_id": "att-1", "seed": 7}), ("test-started", {"length": 32}),
         ("question-shown", {"number": 1, "item_id": "1.1-01"}),
         ("answered", {"number": 1, "item_id": "1.1-01", "outcome": "ok"}),
         ("question-shown", {"number": 2, "item_id": "2.1-03"})]


def later(t0, s):
    return t0 + dt.timedelta(seconds=s)


@pytest.fixture
def room(store, enrol, make_chain, t0):
    """Kiosk 1 runs att-1 (started by the console, 5 entries held); kiosk 2 is a free PC."""
    store.sessions.trust_publisher(TrustedPublisher("b" * 32, "Éditions", "pub", t0))
    store.sessions.add_bank(Bank("demo", "Demo", "b" * 32, "c" * 64, t0))
    store.sessions.create_session("demo", "certification", dt.date(2026, 6, 15), "B12", t0, random.Random(1), "S-1")
    store.sessions.set_status("S-1", SessionStatus.OPEN, t0)
    store.sessions.add_candidates([Candidate.create("c1", "S-1", "Roux", "Ana", dt.date(2009, 1, 1),
                                                    extra_time_minutes=20)])
    old, new = enrol(1), enrol(2)
    start = store.commands.issue(CommandKind.AUTHORISE_START, old, {"candidate_id": "c1", "attempt_id": "att-1"},
                                 t0, "Mme Roux").command
    entries = make_chain("att-1", STEPS)
    store.replicas.append(old, "att-1", entries, later(t0, 1))
    store.kiosks.heard(old, later(t0, 1), KioskStatus("question", "c1", "att-1", 2, 32, 5000.0))
    store.kiosks.heard(new, later(t0, 1), KioskStatus("idle"))
    return old, new, start, entries


def test_the_new_kiosk_gets_the_journal_and_the_terms_and_the_old_one_is_locked(store, room, make_chain, t0):
    old, new, start, entries = room
    move = store.moves.move("att-1", old, new, later(t0, 60), "Mme Roux")
    args = move.authorise.args
    assert move.authorise.kind is CommandKind.AUTHORISE_MOVE and move.authorise.kiosk_id == new
    assert [ChainEntry.from_dict(e) for e in args["entries"]] == entries
    assert check_chain("att-1", [ChainEntry.from_dict(e) for e in args["entries"]]).ok
    assert args["head"] == {"seq": 5, "hash": entries[-1].hash} and args["from_kiosk"] == old
    assert args["start"] == start.args and args["start"]["extra_time_minutes"] == 20
    assert "exposure" in args["start"]  # the record the engine used, so the replay rebuilds the same engine
    assert [c.kind for c in store.commands.pending(new)] == [CommandKind.AUTHORISE_MOVE]
    assert store.commands.pending(new)[0].args == args  # stored as sent
    assert store.commands.pending(old)[-1].kind is CommandKind.LOCK
    # the new kiosk continues the same chain: its next entries merge under its own replica, no gap, no alert
    more = make_chain("att-1", [("answered", {"number": 2, "item_id": "2.1-03", "outcome": "ko"})], start=6,
                      prev=entries[-1].hash)
    result = store.replicas.append(new, "att-1", more, later(t0, 70))
    assert result.stored == 1 and result.head.seq == 6 and result.alerts == ()
    assert store.replicas.entries(old, "att-1") == entries  # the old replica stays as it was: evidence
    assert store.moves.holders("att-1") == [new, old]


def test_a_move_over_an_open_alert_needs_it_acknowledged_by_id(store, room, t0):
    old, new, _, _ = room
    alert = store.alerts.raise_alert(old, AlertKind.OFFLINE, later(t0, 30), "att-1")
    with pytest.raises(OpenAlertError) as refused:
        store.moves.move("att-1", old, new, later(t0, 60), "Mme Roux")
    assert refused.value.alert_ids == [alert.id]
    assert store.commands.pending(new) == [] and store.moves.holders("att-1") == [old]  # nothing half-done
    move = store.moves.move("att-1", old, new, later(t0, 61), "Mme Roux", acknowledged=[alert.id])
    assert [a.id for a in move.handled_alerts] == [alert.id]
    assert store.alerts.alerts(open_only=True) == []


def test_refused_moves(store, room, enrol, make_chain, t0):
    old, new, _, _ = room
    with pytest.raises(CommandRefusedError, match="already on kiosk"):
        store.moves.move("att-1", old, old, t0, "R")
    with pytest.raises(CommandRefusedError, match="no journal of attempt att-9"):
        store.moves.move("att-9", old, new, t0, "R")
    busy = enrol(3)
    store.kiosks.heard(busy, t0, KioskStatus("question", "c2", "att-2", 4, 32, 100.0))
    with pytest.raises(CommandRefusedError, match="running a test"):
        store.moves.move("att-1", old, busy, t0, "R")
    gone = enrol(4)
    store.kiosks.revoke(gone, t0)
    with pytest.raises(KioskRevokedError):
        store.moves.move("att-1", old, gone, t0, "R")
    with pytest.raises(CommandRefusedError, match="authorise-move carries"):
        store.commands.issue(CommandKind.AUTHORISE_MOVE, new, {}, t0, "R")
    store.moves.move("att-1", old, new, later(t0, 60), "R")
    with pytest.raises(CommandRefusedError, match="already holds attempt att-1"):
        store.moves.move("att-1", old, new, later(t0, 61), "R")


def test_a_finished_attempt_or_one_the_console_never_started_is_not_moved(store, room, enrol, make_chain, t0):
    old, new, _, entries = room
    done = make_chain("att-1", [("finished", {"reason": "completed"})], start=6, prev=entries[-1].hash)
    store.replicas.append(old, "att-1", done, later(t0, 5))
    with pytest.raises(CommandRefusedError, match="is finished"):
        store.moves.move("att-1", old, new, later(t0, 60), "R")
    stray = enrol(5)
    store.replicas.append(stray, "att-7", make_chain("att-7", STEPS[:2]), t0)
    with pytest.raises(CommandRefusedError, match="never authorised the start"):
        store.moves.move("att-7", stray, new, later(t0, 60), "R")


def test_a_moved_attempt_can_move_again_and_a_revoked_old_kiosk_gets_no_lock(store, room, enrol, t0):
    old, new, start, _ = room
    store.moves.move("att-1", old, new, later(t0, 60), "R")
    third = enrol(3)
    store.kiosks.revoke(new, later(t0, 90))
    move = store.moves.move("att-1", new, third, later(t0, 100), "R")
    assert move.authorise.args["start"] == start.args and move.lock_old is None


def test_what_the_spare_pc_receives_rebuilds_the_engine_where_it_stopped(store, enrol, make_chain, t0,
                                                                          tmp_path_factory):
    """The kiosk side's replay, from the authorise-move arguments alone: the next item is the one the
    failed PC's engine would have chosen."""
    import math

    import numpy as np

    from invigilator.core.exposure import ExposureSnapshot
    from itembank.cat import AdaptiveTest, ExposureRecord, ItemPool
    from itembank.model import Outcome
    from itembank.pbank import build_bank, open_bank
    from itembank.synth import synthetic_bank
    from protocol.keys import KeyPair

    publisher = KeyPair.generate("p")
    path = build_bank(synthetic_bank(160, seed=6), tmp_path_factory.mktemp("move") / "b.pbank", publisher,
                      passphrase="x")
    bank = open_bank(path, [publisher.public], passphrase="x")
    pool, profile = ItemPool(bank.metas, bank.framework), bank.profile("certification")
    store.sessions.trust_publisher(TrustedPublisher(publisher.public.signing_id, "P", "pub", t0))
    store.sessions.add_bank(Bank(bank.id, "B", publisher.public.signing_id, "c" * 64, t0))
    store.exposure.count_attempt(bank.id, "earlier", [pool.ids[k] for k in range(0, 60, 3)], t0)
    store.sessions.create_session(bank.id, "certification", dt.date(2026, 6, 15), "B12", t0, random.Random(1), "S-1")
    store.sessions.set_status("S-1", SessionStatus.OPEN, t0)
    store.sessions.add_candidates([Candidate.create("c1", "S-1", "Roux", "Ana", dt.date(2009, 1, 1))])
    old, new = enrol(1), enrol(2)
    start = store.commands.issue(CommandKind.AUTHORISE_START, old, {"candidate_id": "c1", "attempt_id": "att-1"},
                                 t0, "R").command.args
    assert start["exposure"] == ExposureSnapshot(bank.id, 1, store.exposure.snapshot(bank.id).counts).to_dict()

    # the failed PC: its engine, given the record, ran 9 questions (one neutralised) and showed the 10th
    test = AdaptiveTest(pool, bank.framework, profile, 4242, exposure=ExposureRecord.from_dict(start["exposure"]))
    rng, steps = np.random.default_rng(1), [("attempt-created", {"attempt_id": "att-1", "seed": 4242})]
    for number in range(1, 10):
        item = test.next_item()
        steps.append(("question-shown", {"number": number, "item_id": item}))
        if number == 4:
            test.neutralise(item)
            steps.append(("problem-resolved", {"number": number, "item_id": item, "validated": True}))
            item = test.next_item()
            steps.append(("question-shown", {"number": number, "item_id": item}))
        k = pool.index[item]
        outcome = Outcome.OK if rng.random() < 1 / (1 + math.exp(pool.a[k] * pool.b[k])) else Outcome.KO
        test.record(item, outcome)
        steps.append(("answered", {"number": number, "item_id": item, "outcome": outcome.value}))
    store.replicas.append(old, "att-1", make_chain("att-1", steps), t0)
    would_have = test.next_item()

    args = store.moves.move("att-1", old, new, t0, "R").authorise.args
    created = next(e for e in args["entries"] if e["kind"] == "attempt-created")["payload"]
    rebuilt = AdaptiveTest(pool, bank.framework, bank.profile(args["start"]["profile"]), created["seed"],
                           exposure=ExposureRecord.from_dict(args["start"]["exposure"]))
    for entry in args["entries"]:
        payload = entry["payload"]
        if entry["kind"] == "question-shown":
            assert rebuilt.next_item() == payload["item_id"]  # the replay chooses what the journal shows
        elif entry["kind"] == "problem-resolved" and payload["validated"]:
            rebuilt.neutralise(payload["item_id"])
        elif entry["kind"] == "answered":
            rebuilt.record(payload["item_id"], Outcome(payload["outcome"]))
    assert rebuilt.next_item() == would_have and rebuilt.answered == 9
    bank.close()
