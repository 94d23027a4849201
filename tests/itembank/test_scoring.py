"""Scoring: the score mapping, levels, statuses, the degradation of short tests, verification codes."""

import dataclasses
import functools
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from itembank.cat import AdaptiveTest, EngineError, ItemPool
from itembank.framework import DEFAULT_FRAMEWORK
from itembank.model import Outcome
from itembank.profile import ExamProfile, ScoringSettings
from itembank.scoring import (
    CODE_ALPHABET,
    Result,
    competence_levels_for,
    level_for,
    score_for,
    status_for,
    verification_code,
)
from itembank.synth import synthetic_bank

SETTINGS = ScoringSettings()
PROFILE = ExamProfile()
abilities = st.floats(-12, 12, allow_nan=False)


@functools.lru_cache
def pool() -> ItemPool:
    return ItemPool([i.meta() for i in synthetic_bank(480, 21).items], DEFAULT_FRAMEWORK)


# -- the mapping --------------------------------------------------------------------------------
@given(abilities, abilities)
def test_the_score_is_monotone_in_ability(t1, t2):
    low, high = sorted((t1, t2))
    assert 0 <= score_for(low, SETTINGS) <= score_for(high, SETTINGS) <= SETTINGS.max_score


@given(abilities)
def test_levels_are_consistent_with_the_score_bands(theta):
    score = score_for(theta, SETTINGS)
    level = level_for(score, SETTINGS)
    band = SETTINGS.levels[level]
    assert band.min_score <= score
    if level + 1 < len(SETTINGS.levels):
        assert score < SETTINGS.levels[level + 1].min_score
    # inside the scale, the level is the index of the ability interval
    intervals = SETTINGS.intervals
    if intervals[0].low <= theta < intervals[-1].high:
        index = next(k for k, i in enumerate(intervals) if i.low <= theta < i.high)
        assert level == index


@given(abilities, abilities)
def test_competence_levels_are_monotone_and_within_0_to_8(t1, t2):
    low, high = sorted((t1, t2))
    levels_low = competence_levels_for(low, DEFAULT_FRAMEWORK.codes, SETTINGS)
    levels_high = competence_levels_for(high, DEFAULT_FRAMEWORK.codes, SETTINGS)
    for code in DEFAULT_FRAMEWORK.codes:
        assert 0 <= levels_low[code] <= levels_high[code] <= 8


@pytest.mark.parametrize(("theta", "score"), [
    (-9.0, 0), (-8.0, 0), (-1.4, 64), (-0.519, 128), (0.6, 256), (1.5, 384), (2.25, 512), (3.1, 640),
    (4.0, 768), (5.0, 896), (8.0, 1023), (20.0, 1023),
    (0.0, 187),  # 128 · (1 + 0.519 / 1.119) = 187.4
    (-4.7, 32),  # 64 · 3.3 / 6.6
])
def test_the_default_table(theta, score):
    assert score_for(theta, SETTINGS) == score


@pytest.mark.parametrize(("score", "level", "code"), [
    (0, 0, "pre-beginner"), (63, 0, "pre-beginner"), (64, 1, "novice-1"), (128, 2, "novice-2"),
    (255, 2, "novice-2"), (256, 3, "independent-1"), (384, 4, "independent-2"), (512, 5, "advanced-1"),
    (640, 6, "advanced-2"), (768, 7, "expert-1"), (896, 8, "expert-2"), (1023, 8, "expert-2"),
])
def test_global_levels(score, level, code):
    assert level_for(score, SETTINGS) == level
    assert SETTINGS.levels[level].code == code


def test_competence_levels_use_per_competence_thresholds():
    settings = dataclasses.replace(SETTINGS, competence_overrides={"3.4": (0.0, 9, 9, 9, 9, 9, 9, 9)})
    levels = competence_levels_for(0.7, DEFAULT_FRAMEWORK.codes, settings)
    assert levels["3.4"] == 1 and levels["1.1"] == 3


# -- statuses -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("treated", "abort", "score", "status"), [
    (19, "candidate", None, "rejected"),
    (19, "technical", None, "cancelled"),
    (19, None, None, "rejected"),  # time ran out before 20 questions
    (0, "technical", None, "cancelled"),
    (20, "candidate", 150, "scored"),
    (20, "technical", 150, "scored"),
    (32, None, 0, "no-certificate"),
    (32, None, 1, "scored"),
])
def test_status_rules(treated, abort, score, status):
    assert status_for(treated, 20, abort, score) == status


def test_an_unknown_abort_reason_is_refused():
    with pytest.raises(ValueError):
        status_for(32, 20, "bored", 10)
    with pytest.raises(EngineError):
        AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, 1).result(abort="bored")


# -- results of real tests ----------------------------------------------------------------------
def play(treated: int, seed: int = 5, answer=lambda k: k % 2 == 0) -> AdaptiveTest:
    test = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, seed)
    for k in range(treated):
        test.record(test.next_item(), Outcome.OK if answer(k) else Outcome.KO)
    return test


def test_32_treated_is_scored_without_degradation():
    result = play(32).result()
    assert result.status == "scored" and not result.degraded
    assert result.treated == 32 and result.scored_theta == result.theta
    assert result.score == score_for(result.theta, SETTINGS)
    assert result.level == level_for(result.score, SETTINGS)
    assert set(result.competence_levels) == set(DEFAULT_FRAMEWORK.codes)


@pytest.mark.parametrize("treated", [20, 31])
def test_20_to_31_treated_are_scored_with_a_degradation(treated):
    test = play(treated)
    result = test.result(abort="candidate")
    assert result.status == "scored" and result.degraded and result.treated == treated
    assert result.scored_theta < result.theta
    assert result.score <= score_for(result.theta, SETTINGS)
    # deterministic: asking twice gives the same result, and the test itself is untouched
    assert test.result(abort="candidate") == result
    assert test.answered == treated
    # the degradation is the estimate after the missing questions answered as skipped
    assert result.scored_theta == test.degraded_theta(32 - treated)


def test_time_running_out_degrades_like_a_candidate_abort():
    test = play(25)
    assert test.result().scored_theta == test.result(abort="candidate").scored_theta


def test_more_missing_questions_degrade_more():
    thetas = [play(n, seed=8, answer=lambda k: True).result(abort="candidate").scored_theta
              for n in (20, 26, 31)]
    full = play(32, seed=8, answer=lambda k: True).result().scored_theta
    assert thetas[0] < full
    assert max(thetas) < full


def test_a_technical_abort_after_20_questions_is_scored_without_degradation():
    result = play(24).result(abort="technical")
    assert result.status == "scored" and not result.degraded and result.scored_theta == result.theta


def test_a_profile_may_degrade_technical_aborts_too():
    scoring = dataclasses.replace(SETTINGS, degrade_technical_abort=True)
    profile = dataclasses.replace(PROFILE, scoring=scoring)
    test = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, profile, 5)
    for _ in range(24):
        test.record(test.next_item(), Outcome.OK)
    assert test.result(abort="technical").degraded


@pytest.mark.parametrize(("abort", "status"), [("candidate", "rejected"), ("technical", "cancelled"),
                                               (None, "rejected")])
def test_19_treated_gives_no_score(abort, status):
    result = play(19).result(abort=abort)
    assert result.status == status
    assert result.score is None and result.level is None and result.competence_levels == {}
    assert result.scored_theta is None


def test_zero_gives_no_certificate():
    result = play(32, answer=lambda k: False).result()
    shifted_intervals = tuple(dataclasses.replace(i, low=i.low + 10, high=i.high + 10)
                              for i in SETTINGS.intervals)
    low = dataclasses.replace(PROFILE, scoring=dataclasses.replace(SETTINGS, intervals=shifted_intervals))
    test = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, low, 5)
    for _ in range(32):
        test.record(test.next_item(), Outcome.KO)
    shifted = test.result()
    assert shifted.score == 0 and shifted.status == "no-certificate" and shifted.level == 0
    assert result.theta < 0


def test_result_round_trips_and_keeps_unknown_fields():
    result = play(32).result()
    data = result.to_dict()
    data["jury"] = {"decision": "pending"}
    again = Result.from_dict(data)
    assert again == result and again.extra == {"jury": {"decision": "pending"}}
    assert again.to_dict() == data
    assert result.level_code(PROFILE) == SETTINGS.levels[result.level].code


# -- verification codes -------------------------------------------------------------------------
def test_verification_codes_have_8_distinct_characters_of_the_alphabet():
    pattern = re.compile(f"^P-[{CODE_ALPHABET}]{{8}}$")
    for code in [verification_code() for _ in range(200)]:
        assert pattern.match(code)
        assert len(set(code[2:])) == 8
    assert len({verification_code() for _ in range(200)}) == 200


def test_verification_codes_are_reproducible_with_a_generator():
    a = [verification_code(np.random.default_rng(4)) for _ in range(3)]
    b = [verification_code(np.random.default_rng(4)) for _ in range(3)]
    assert a == b
    rng = np.random.default_rng(4)
    assert len({verification_code(rng) for _ in range(100)}) == 100
