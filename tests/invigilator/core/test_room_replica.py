import dataclasses

import pytest

from invigilator.core.replica import ReplicaHead, plan_append


def test_an_empty_replica_takes_the_chain_from_genesis(make_chain, steps):
    entries = make_chain("a1", steps(3))
    plan = plan_append(ReplicaHead.empty("a1"), entries, {})
    assert plan.accepted == tuple(entries) and plan.head == ReplicaHead(3, entries[-1].hash)
    assert plan.chain_break is None and plan.gap_from is None


def test_resent_entries_are_duplicates_not_breaks(make_chain, steps):
    entries = make_chain("a1", steps(5))
    head = ReplicaHead(3, entries[2].hash)
    stored = {e.seq: e.hash for e in entries[:3]}
    plan = plan_append(head, list(reversed(entries)), stored)  # any order, the batch is taken by number
    assert [e.seq for e in plan.accepted] == [4, 5] and plan.duplicates == 3 and plan.chain_break is None


def test_the_same_entry_twice_in_one_batch_is_stored_once(make_chain, steps):
    entries = make_chain("a1", steps(2))
    plan = plan_append(ReplicaHead.empty("a1"), entries + entries, {})
    assert [e.seq for e in plan.accepted] == [1, 2] and plan.duplicates == 2


def test_a_rewritten_entry_is_a_break_and_nothing_after_it_merges(make_chain, steps):
    entries = make_chain("a1", steps(3))
    forged = make_chain("a1", [("answered", {"number": 1, "answer": "B"}), *steps(3)[1:]])
    plan = plan_append(ReplicaHead(1, entries[0].hash), forged, {1: entries[0].hash})
    assert plan.chain_break is not None and plan.chain_break.seq == 1 and "already holds" in plan.chain_break.reason
    assert plan.accepted == () and plan.head == ReplicaHead(1, entries[0].hash)


def test_an_entry_that_does_not_follow_the_head_is_a_break(make_chain, steps):
    entries = make_chain("a1", steps(4))
    other = make_chain("a1", [("question-shown", {"number": 99}), *steps(4)[1:]])  # a fork at entry 1
    plan = plan_append(ReplicaHead(1, entries[0].hash), other[1:], {})
    assert plan.chain_break is not None and plan.chain_break.seq == 2 and "does not follow" in plan.chain_break.reason
    assert plan.accepted == ()


def test_an_entry_whose_content_was_changed_is_a_break(make_chain, steps):
    entries = make_chain("a1", steps(3))
    tampered = dataclasses.replace(entries[2], payload={"number": 3, "item_id": "5.2-01"})
    plan = plan_append(ReplicaHead.empty("a1"), [*entries[:2], tampered], {})
    assert [e.seq for e in plan.accepted] == [1, 2]
    assert plan.chain_break is not None and plan.chain_break.seq == 3 and "content" in plan.chain_break.reason


def test_a_resend_with_a_forged_hash_field_is_a_break(make_chain, steps):
    entries = make_chain("a1", steps(2))
    forged = dataclasses.replace(entries[0], payload={"number": 1, "item_id": "other"})  # hash kept, content changed
    plan = plan_append(ReplicaHead(2, entries[1].hash), [forged], {1: entries[0].hash})
    assert plan.chain_break is not None and plan.chain_break.seq == 1 and plan.duplicates == 0


def test_entries_of_another_attempt_do_not_continue_this_one(make_chain, steps):
    plan = plan_append(ReplicaHead.empty("a1"), make_chain("a2", steps(2)), {})
    assert plan.chain_break is not None and plan.chain_break.seq == 1 and plan.accepted == ()


def test_a_gap_merges_nothing_and_is_not_a_break(make_chain, steps):
    entries = make_chain("a1", steps(6))
    plan = plan_append(ReplicaHead(2, entries[1].hash), entries[3:], {})
    assert plan.gap_from == 3 and plan.chain_break is None and plan.accepted == ()
    assert plan.head == ReplicaHead(2, entries[1].hash)


@pytest.mark.parametrize("change, reason", [
    ({"seq": 0}, "start at 1"),
    ({"seq": -3}, "start at 1"),
    ({"hash": "Z" * 64}, "hexadecimal"),
    ({"prev_hash": "short"}, "hexadecimal"),
    ({"kind": "k" * 65}, "kind"),
    ({"kind": ""}, "kind"),
    ({"t_wall": "2026" * 20}, "wall time"),
    ({"payload": {"x": float("nan")}}, "does not match its hash"),
    ({"t_mono": float("inf")}, "does not match its hash"),
])
def test_hostile_entries_are_breaks_never_crashes(make_chain, steps, change, reason):
    entry = dataclasses.replace(make_chain("a1", steps(1))[0], **change)
    plan = plan_append(ReplicaHead.empty("a1"), [entry], {})
    assert plan.accepted == () and plan.chain_break is not None and reason in plan.chain_break.reason
