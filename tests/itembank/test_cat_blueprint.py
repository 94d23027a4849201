"""The blueprint holds for every test: quotas, coverage, one per tube and variant, no repeats."""

import dataclasses
import functools
import itertools
from collections import Counter

import numpy as np
import pytest

from itembank.cat import AdaptiveTest, Blueprint, ItemPool
from itembank.framework import DEFAULT_FRAMEWORK
from itembank.model import Outcome
from itembank.profile import EngineSettings, ExamProfile
from itembank.synth import synthetic_bank

CERTIFICATION = ExamProfile()
PRACTICE = ExamProfile(name="practice-short", length=12, min_treated=8, per_competence=1)


@functools.lru_cache
def pool(n: int = 480, seed: int = 9) -> ItemPool:
    return ItemPool([i.meta() for i in synthetic_bank(n, seed).items], DEFAULT_FRAMEWORK)


def simulate_one(profile: ExamProfile, seed: int, p: ItemPool, strategy: str | None = None) -> AdaptiveTest:
    rng = np.random.default_rng(seed + 1000)
    theta = rng.normal()
    test = AdaptiveTest(p, DEFAULT_FRAMEWORK, profile, seed, strategy=strategy)
    outcomes = list(Outcome)
    while not test.finished:
        item = test.next_item()
        if item is None:  # the bank ran out of eligible items
            break
        if rng.random() < 0.05:
            test.neutralise(item)
            continue
        k = p.index[item]
        right = rng.random() < 1 / (1 + np.exp(p.a[k] * (p.b[k] - theta)))
        test.record(item, Outcome.OK if right else outcomes[1 + int(rng.integers(4))])
    return test


def metas_of(test: AdaptiveTest):
    return [test.pool.metas[test.pool.index[i]] for i in test.items]


@pytest.mark.parametrize("seed", range(150))
def test_the_certification_blueprint_is_always_met(seed):
    test = simulate_one(CERTIFICATION, seed, pool())
    metas = metas_of(test)
    counts = Counter(m.competence for m in metas)
    assert len(metas) == 32
    assert set(counts) == set(DEFAULT_FRAMEWORK.codes) and set(counts.values()) == {2}
    assert len({m.tube for m in metas}) == 32
    assert len({m.variant_group for m in metas}) == 32
    assert all(a.competence != b.competence for a, b in itertools.pairwise(metas))
    assert test.strategy.blueprint.violations(metas, DEFAULT_FRAMEWORK.codes, 32) == []


@pytest.mark.parametrize("seed", range(40))
def test_a_short_practice_test_uses_distinct_competences(seed):
    test = simulate_one(PRACTICE, seed, pool())
    metas = metas_of(test)
    assert len(metas) == 12
    assert len({m.competence for m in metas}) == 12  # per_competence 1: never twice
    assert test.strategy.blueprint.violations(metas, DEFAULT_FRAMEWORK.codes, 12) == []


@pytest.mark.parametrize("seed", range(40))
def test_the_reference_covers_every_competence_first(seed):
    test = simulate_one(CERTIFICATION, seed, pool(), strategy="reference")
    metas = metas_of(test)
    first = [m.competence for m in metas[:16]]
    assert sorted(first) == sorted(DEFAULT_FRAMEWORK.codes)
    assert len({m.tube for m in metas}) == 32
    assert all(a.competence != b.competence for a, b in itertools.pairwise(metas))
    assert test.strategy.blueprint.violations(metas, DEFAULT_FRAMEWORK.codes, 32) == []


def test_a_longer_test_lets_competences_take_more_than_their_share():
    profile = dataclasses.replace(CERTIFICATION, length=40, per_competence=2)
    test = simulate_one(profile, 3, pool())
    counts = Counter(m.competence for m in metas_of(test))
    assert sum(counts.values()) == 40 and min(counts.values()) >= 2 and max(counts.values()) <= 3


def test_the_gap_rule_can_be_widened_or_switched_off():
    wide = dataclasses.replace(CERTIFICATION, length=24, per_competence=1,
                               engine=EngineSettings(competence_gap=3))
    metas = metas_of(simulate_one(wide, 4, pool()))
    codes = [m.competence for m in metas]
    assert all(codes[k] not in codes[max(0, k - 3):k] for k in range(len(codes)))


def test_violations_are_reported():
    p = pool()
    blueprint = Blueprint(per_competence=2)
    by_competence = {}
    for m in p.metas:
        by_competence.setdefault(m.competence, []).append(m)
    same_tube = [m for m in p.metas if m.tube == p.metas[0].tube][:2]
    assert "two questions from the same tube" in blueprint.violations(same_tube, DEFAULT_FRAMEWORK.codes, 2)
    repeated = [by_competence["1.1"][0], by_competence["1.1"][20]]
    problems = blueprint.violations(repeated, DEFAULT_FRAMEWORK.codes, 32)
    assert any("repeats a recent competence" in v for v in problems)
    short = [by_competence[c][0] for c in DEFAULT_FRAMEWORK.codes[:16]] * 2
    problems = blueprint.violations(short, DEFAULT_FRAMEWORK.codes, 32)
    assert problems  # the same items twice: tubes repeat


def test_a_thin_competence_does_not_stop_the_test():
    bank = synthetic_bank(48, 2)  # three items per competence; 3.4 keeps only one: its quota of 2 is out of reach
    dropped = [i.id for i in bank.items if i.competence == "3.4"][1:]
    metas = [i.meta() for i in bank.items if i.id not in dropped]
    p = ItemPool(metas, DEFAULT_FRAMEWORK)
    test = simulate_one(CERTIFICATION, 1, p)
    assert test.finished and test.next_item() is None
    assert 16 <= len(test.items) < 32
    result = test.result()
    assert not result.degraded  # the bank's shortage is not the candidate's fault
