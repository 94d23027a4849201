"""Replay audit: the same inputs give the same items and the same result, bit for bit."""

import functools
import json

import numpy as np
import pytest

from itembank.cat import NEUTRALISED, AdaptiveTest, Event, ExposureRecord, ItemPool, ReplayMismatchError
from itembank.framework import DEFAULT_FRAMEWORK
from itembank.model import Outcome
from itembank.profile import ExamProfile
from itembank.replay import replay, verify
from itembank.synth import synthetic_bank

PROFILE = ExamProfile()
OUTCOMES = list(Outcome)


@functools.lru_cache
def pool() -> ItemPool:
    return ItemPool([i.meta() for i in synthetic_bank(480, 31).items], DEFAULT_FRAMEWORK)


def random_test(seed: int, exposure: ExposureRecord | None = None, strategy: str | None = None):
    """A simulated test with every kind of outcome, neutralisations and sometimes an abort."""
    rng = np.random.default_rng(seed)
    theta = rng.normal()
    p = pool()
    test = AdaptiveTest(p, DEFAULT_FRAMEWORK, PROFILE, int(rng.integers(2**40)), exposure=exposure,
                        strategy=strategy)
    stop_after = 32 if rng.random() < 0.7 else int(rng.integers(10, 32))
    while not test.finished and test.answered < stop_after:
        item = test.next_item()
        if rng.random() < 0.03:
            test.neutralise(item)
            continue
        k = p.index[item]
        right = rng.random() < 1 / (1 + np.exp(p.a[k] * (p.b[k] - theta)))
        test.record(item, Outcome.OK if right else OUTCOMES[1 + int(rng.integers(4))])
    abort = None if stop_after == 32 else ["candidate", "technical", None][int(rng.integers(3))]
    return test, test.result(abort=abort)


@pytest.mark.slow
def test_replay_is_identical_for_1000_random_tests():
    for seed in range(1000):
        test, result = random_test(seed)
        # through JSON, as a verifier receives the journal and the signed result
        log = json.loads(json.dumps([e.to_dict() for e in test.events]))
        recorded = json.loads(json.dumps(result.to_dict()))
        report = replay(pool(), DEFAULT_FRAMEWORK, PROFILE, test.seed, log, expected=recorded)
        assert report.ok, f"seed {seed}: {report.divergence}"
        assert report.shown == tuple(test.pool.ids[k] for k in test.shown)
        assert report.result.to_dict() == result.to_dict()


def test_replay_of_the_reference_strategy_and_with_an_exposure_record():
    record = ExposureRecord({pool().ids[k]: 30 for k in range(0, 480, 3)}, 100)
    for seed in range(30):
        test, result = random_test(seed, exposure=record)
        verified = verify(pool(), DEFAULT_FRAMEWORK, PROFILE, test.seed, test.events, result, exposure=record)
        assert verified == result
        test, result = random_test(seed, strategy="reference")
        assert replay(pool(), DEFAULT_FRAMEWORK, PROFILE, test.seed, test.events, expected=result).ok


def test_a_tampered_answer_is_found_where_the_sequence_diverges():
    test, result = random_test(3)
    events = list(test.events)
    k = next(k for k, e in enumerate(events[:20]) if e.outcome != NEUTRALISED and k > 4)
    flipped = "ok" if events[k].outcome != "ok" else "ko"
    tampered = [*events[:k], Event(events[k].item_id, flipped), *events[k + 1:]]
    report = replay(pool(), DEFAULT_FRAMEWORK, PROFILE, test.seed, tampered, expected=result)
    assert not report.ok
    divergence = report.divergence
    # the next question chosen after the changed answer is no longer the logged one (or, if it
    # happens to be the same, the result differs)
    if divergence.what == "item":
        assert divergence.event > k
        assert divergence.logged == events[divergence.event].item_id
        assert "question" in str(divergence) and "the engine selects" in str(divergence)
    else:
        assert divergence.what.startswith("result.")


def test_a_tampered_result_is_reported_field_by_field():
    test, result = random_test(5)
    recorded = result.to_dict()
    recorded["score"] = (recorded["score"] or 0) + 1
    report = replay(pool(), DEFAULT_FRAMEWORK, PROFILE, test.seed, test.events, expected=recorded)
    assert report.divergence.what == "result.score"
    with pytest.raises(ReplayMismatchError, match=r"result\.score"):
        verify(pool(), DEFAULT_FRAMEWORK, PROFILE, test.seed, test.events, recorded)
    recorded = result.to_dict()
    recorded["theta"] = np.nextafter(recorded["theta"], 10.0)  # one bit off
    assert replay(pool(), DEFAULT_FRAMEWORK, PROFILE, test.seed, test.events,
                  expected=recorded).divergence.what == "result.theta"


def test_a_wrong_seed_or_swapped_item_diverges_at_the_first_question():
    test, result = random_test(7)
    report = replay(pool(), DEFAULT_FRAMEWORK, PROFILE, test.seed + 1, test.events, expected=result)
    assert report.divergence is not None
    events = list(test.events)
    swapped = [events[1], events[0], *events[2:]]
    report = replay(pool(), DEFAULT_FRAMEWORK, PROFILE, test.seed, swapped)
    assert report.divergence.what == "item"
    assert report.divergence.position == 1 and report.divergence.event == 0


def test_extra_or_malformed_log_entries_are_reported():
    test = next(t for t, _ in map(random_test, range(11, 40)) if t.finished)
    events = [*test.events, Event(pool().ids[0], "ok")]
    report = replay(pool(), DEFAULT_FRAMEWORK, PROFILE, test.seed, events)
    assert report.divergence.what == "log" and "already over" in str(report.divergence)
    report = replay(pool(), DEFAULT_FRAMEWORK, PROFILE, test.seed, [{"item": "x", "outcome": "great"}])
    assert report.divergence.what == "log"
