"""The demo bank meets the blueprint of its profiles for every candidate, whatever their ability.

500 simulated candidates with abilities spread evenly over [−3, 3], plus candidates who answer
everything right or everything wrong, take the real adaptive test on the demo bank with the
default profile (certification, 32 questions) and with the short practice profile. Every test
must reach its full length, cover the competences as the blueprint requires, never repeat an
item, never give two versions of one skill nor two items of one tube, and never ask the same
competence twice in a row. Each rule is checked here from the items given, not by the engine's
own audit.
"""

import math
from collections import Counter

import numpy as np
import pytest

from itembank.authoring import load_source
from itembank.cat import AdaptiveTest, ExposureRecord, ItemPool
from itembank.demo import DEMO_SOURCE
from itembank.model import Outcome
from itembank.simulation import simulate

CANDIDATES = 500
THETAS = np.linspace(-3.0, 3.0, CANDIDATES)
EXTREMES = 50  # candidates who answer everything right, and as many who answer everything wrong


@pytest.fixture(scope="module")
def demo():
    source = load_source(DEMO_SOURCE)
    return source, ItemPool([item.meta() for item in source.items], source.framework)


def blueprint_problems(pool, profile, indices):
    """Every rule of ``profile``'s blueprint that the answered items ``indices`` break."""
    metas = [pool.metas[k] for k in indices]
    competences = pool.competences
    problems = []
    if len(metas) != profile.length:
        problems.append(f"{len(metas)} questions instead of {profile.length}")
    if len(set(indices)) != len(indices):
        problems.append("an item given twice")
    if len({m.variant_group for m in metas}) != len(metas) or len({m.skill for m in metas}) != len(metas):
        problems.append("two versions of one skill")
    if profile.engine.one_per_tube and len({m.tube for m in metas}) != len(metas):
        problems.append("two items of one tube")
    counts = Counter(m.competence for m in metas)
    per = profile.per_competence
    if len(competences) * per <= profile.length:  # room for the quota: every competence, per times at least
        most = max(per, math.ceil(profile.length / len(competences)))
        wrong = sorted(c for c in competences if not per <= counts[c] <= most)
        if wrong:
            problems.append(f"competences outside {per}–{most} questions: "
                            + ", ".join(f"{c} ({counts[c]})" for c in wrong))
    else:  # a short test: no competence more than per times
        wrong = sorted(c for c in competences if counts[c] > per)
        if wrong:
            problems.append(f"competences asked more than {per} times: {', '.join(wrong)}")
    gap = profile.engine.competence_gap
    codes = [m.competence for m in metas]
    for k in range(1, len(codes)):
        if codes[k] in codes[max(0, k - gap):k]:
            problems.append(f"question {k + 1} repeats competence {codes[k]} within {gap} question(s)")
            break
    return problems


def take_tests(pool, framework, profile, answer, seeds, exposure=None):
    """Each candidate's answered items; ``answer(k, index)`` says whether candidate k gets item ``index`` right."""
    tests = []
    for k, seed in enumerate(seeds):
        test = AdaptiveTest(pool, framework, profile, int(seed), exposure=exposure)
        while (index := test.next_index()) is not None:
            test.record_index(index, Outcome.OK if answer(k, index) else Outcome.KO)
        tests.append(test.answered_indices)
        if exposure is not None:
            exposure.add_indices(pool, test.shown)
    return tests


def check_all(pool, profile, runs):
    """``runs`` maps a description of each candidate to their items; fail naming every candidate that breaks a rule."""
    failures = [f"{who}: {'; '.join(problems)}" for who, indices in runs.items()
                if (problems := blueprint_problems(pool, profile, indices))]
    assert not failures, f"{len(failures)} of {len(runs)} tests break the blueprint of '{profile.name}':\n" + \
        "\n".join(failures[:20])


def test_the_default_profile_is_the_32_question_certification(demo):
    source, _ = demo
    profile = source.profiles[source.default_profile]
    assert (profile.name, profile.length, profile.per_competence) == ("certification", 32, 2)
    assert profile.engine.competence_gap == 1 and profile.engine.one_per_tube
    assert len(source.framework.codes) == 16
    short = source.profiles["practice-short"]
    assert (short.length, short.per_competence) == (12, 1)


def test_the_checks_see_each_broken_rule(demo):
    """The rules above are checked from the items, so make sure each one can fail."""
    source, pool = demo
    profile = source.profiles["certification"]
    test = AdaptiveTest(pool, source.framework, profile, 1)
    while (index := test.next_index()) is not None:
        test.record_index(index, Outcome.KO)
    good = list(test.answered_indices)
    assert blueprint_problems(pool, profile, good) == []
    same_tube = next(k for k in pool.tube_members[pool.tube[good[0]]] if k != good[0])
    first_competence = pool.competence_members[pool.competence[good[0]]]
    other_of_competence = next(int(k) for k in first_competence if pool.tube[k] != pool.tube[good[0]]
                               and int(k) not in good)
    broken = {
        "31 questions instead of 32": good[:-1],
        "an item given twice": [*good[:-1], good[0]],
        "two items of one tube": [*good[:-1], int(same_tube)],
        "question 2 repeats competence": [good[0], other_of_competence, *good[2:]],
        "competences outside 2–2 questions": [*good[:-1], other_of_competence],
    }
    for fragment, indices in broken.items():
        assert any(fragment in p for p in blueprint_problems(pool, profile, indices)), fragment


@pytest.mark.parametrize("profile_name", ["certification", "practice-short"])
def test_every_candidate_across_abilities_gets_a_compliant_test(demo, profile_name):
    """Independent tests, as practice kiosks give them (no exposure record)."""
    source, pool = demo
    profile = source.profiles[profile_name]
    sheets = [np.random.default_rng([7, k]).random(len(pool)) for k in range(CANDIDATES)]
    right = [sheet < pool.probability(theta, np.arange(len(pool))) for sheet, theta in zip(sheets, THETAS, strict=True)]
    tests = take_tests(pool, source.framework, profile, lambda k, index: right[k][index],
                       seeds=range(1_000, 1_000 + CANDIDATES))
    check_all(pool, profile, {f"θ = {theta:+.3f} (seed {1_000 + k})": indices
                              for k, (theta, indices) in enumerate(zip(THETAS, tests, strict=True))})
    if profile.length >= 2 * len(pool.competences):  # the full test covers every competence, for every θ
        assert all({pool.competence_list[i] for i in indices} == set(range(16)) for indices in tests)
    lowest, highest = tests[0], tests[-1]
    assert np.mean(pool.b[list(highest)]) > np.mean(pool.b[list(lowest)])  # the test did adapt


@pytest.mark.parametrize("profile_name", ["certification", "practice-short"])
def test_the_candidates_of_a_center_sharing_an_exposure_record_get_compliant_tests(demo, profile_name):
    """One exposure record shared by all candidates, as in a center across sessions: the cap on exposure
    leaves fewer items eligible, and the blueprint must still be met."""
    source, pool = demo
    profile = source.profiles[profile_name]
    record = ExposureRecord()
    run = simulate(pool, source.framework, profile, examinees=THETAS, seed=11, exposure=record)
    assert record.tests == CANDIDATES
    check_all(pool, profile, {f"θ = {theta:+.3f} (candidate {k})": [int(i) for i in row if i >= 0]
                              for k, (theta, row) in enumerate(zip(THETAS, run.items, strict=True))})
    # the exposure cap was in force (0.25 of the tests per item), so the blueprint was met with fewer items eligible
    assert max(record.rates().values()) <= profile.exposure.r_max + 0.05


@pytest.mark.parametrize("profile_name", ["certification", "practice-short"])
@pytest.mark.parametrize("all_right", [True, False], ids=["all-right", "all-wrong"])
def test_candidates_at_the_ends_of_the_scale_get_compliant_tests(demo, profile_name, all_right):
    """Everything right or everything wrong drives the estimate to the edge of the grid, where the
    most informative items are the hardest or easiest of each competence."""
    source, pool = demo
    profile = source.profiles[profile_name]
    seeds = range(50_000, 50_000 + EXTREMES)
    tests = take_tests(pool, source.framework, profile, lambda k, index: all_right, seeds)
    check_all(pool, profile, {f"{'all right' if all_right else 'all wrong'} (seed {seed})": indices
                              for seed, indices in zip(seeds, tests, strict=True)})
