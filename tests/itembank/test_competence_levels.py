"""Each competence's level reads the general ability, moved by the competence's own answers."""

import dataclasses
import functools

import numpy as np
import pytest

from itembank.cat import ENGINE_VERSION, AdaptiveTest, ItemPool
from itembank.cat.estimation import competence_shifts
from itembank.framework import DEFAULT_FRAMEWORK
from itembank.model import Outcome, Problems
from itembank.profile import DEFAULT_COMPETENCE_SPREAD, ExamProfile, ScoringSettings
from itembank.scoring import competence_levels_for, score_ability
from itembank.synth import synthetic_bank

PROFILE = ExamProfile()
WEAK = "3.4"  # the competence the candidates of these tests get wrong


@functools.lru_cache
def pool() -> ItemPool:
    return ItemPool([i.meta() for i in synthetic_bank(800, 11).items], DEFAULT_FRAMEWORK)


def played(profile: ExamProfile, seed: int, answer) -> AdaptiveTest:
    test = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, profile, seed)
    while (index := test.next_index()) is not None:
        test.record_index(index, answer(index))
    return test


def weak_in_one(index: int) -> Outcome:
    """Wrong on every question of WEAK, right everywhere else."""
    return Outcome.KO if pool().competences[pool().competence[index]] == WEAK else Outcome.OK


def with_spread(spread: float) -> ExamProfile:
    return dataclasses.replace(PROFILE, scoring=dataclasses.replace(PROFILE.scoring, competence_spread=spread))


def test_no_spread_gives_every_competence_the_general_ability():
    test = played(with_spread(0.0), 3, weak_in_one)
    assert not competence_shifts(test.ability_state, 0.0).any()
    result = test.result()
    expected = competence_levels_for(result.scored_theta, DEFAULT_FRAMEWORK.codes, PROFILE.scoring)
    assert result.competence_levels == expected


def test_a_competence_answered_wrong_is_estimated_below_the_others():
    test = played(PROFILE, 3, weak_in_one)
    shifts = dict(zip(pool().competences, competence_shifts(test.ability_state, DEFAULT_COMPETENCE_SPREAD),
                      strict=True))
    assert shifts[WEAK] < 0
    assert shifts[WEAK] == min(shifts.values())
    assert all(abs(v) < 1.0 for v in shifts.values())  # two questions move a competence, not by much


def test_the_weak_competence_level_is_never_above_the_general_one_over_many_tests():
    lower = 0
    for seed in range(40):
        result = played(PROFILE, seed, weak_in_one).result()
        general = competence_levels_for(result.scored_theta, (WEAK,), PROFILE.scoring)[WEAK]
        assert result.competence_levels[WEAK] <= general
        lower += result.competence_levels[WEAK] < general
    assert lower > 0  # and sometimes below: the answers count


def test_right_answers_move_a_competence_up_and_a_wider_spread_moves_it_further():
    def strong(index: int) -> Outcome:
        """Right on every question of WEAK (strong, then), wrong everywhere else."""
        return Outcome.OK if pool().competences[pool().competence[index]] == WEAK else Outcome.KO

    state = played(PROFILE, 5, strong).ability_state
    weak = pool().competences.index(WEAK)
    moves = [competence_shifts(state, spread)[weak] for spread in (0.1, 0.3, 0.6, 1.0)]
    assert all(m > 0 for m in moves)
    assert moves == sorted(moves)


def test_a_competence_the_test_did_not_ask_keeps_the_general_ability():
    short = dataclasses.replace(PROFILE, length=12, min_treated=8)  # 12 of 16 competences asked
    test = played(short, 2, weak_in_one)
    asked = {int(pool().competence[i]) for i in test.ability_state.items}
    shifts = competence_shifts(test.ability_state, DEFAULT_COMPETENCE_SPREAD)
    assert 1 < len(asked) < 16
    assert all(shifts[c] == 0.0 for c in range(16) if c not in asked)
    assert any(shifts[c] != 0.0 for c in asked)


def test_a_degraded_result_counts_the_simulated_skips_in_their_competences():
    test = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, 8)
    for _ in range(24):
        test.record_index(test.next_index(), Outcome.OK)
    result = test.result(abort="candidate")
    assert result.degraded and result.scored_theta < result.theta
    degraded = test._degraded_ability(8)
    skipped = {int(pool().competence[i]) for i in degraded.items[24:]}
    before = competence_shifts(test.ability_state, DEFAULT_COMPETENCE_SPREAD)
    after = competence_shifts(degraded, DEFAULT_COMPETENCE_SPREAD)
    assert skipped and all(after[c] < before[c] for c in skipped)
    expected = {code: competence_levels_for(result.scored_theta + after[c], (code,), PROFILE.scoring)[code]
                for c, code in enumerate(pool().competences)}
    assert result.competence_levels == expected


def test_the_reference_strategy_reads_the_general_ability_only():
    # A spread so wide that the weak competence would fall levels below the others if it counted.
    wide = with_spread(3.0)
    assert played(wide, 4, weak_in_one).result().competence_levels[WEAK] < competence_levels_for(
        played(wide, 4, weak_in_one).result().scored_theta, (WEAK,), PROFILE.scoring)[WEAK] - 1
    profile = dataclasses.replace(wide, strategy="reference")
    result = played(profile, 4, weak_in_one).result()
    assert result.competence_levels == competence_levels_for(result.scored_theta, DEFAULT_FRAMEWORK.codes,
                                                             profile.scoring)


def test_the_competence_levels_replay_bit_for_bit():
    first = played(PROFILE, 6, weak_in_one)
    again = AdaptiveTest.from_dict(first.to_dict(), pool(), DEFAULT_FRAMEWORK, PROFILE)
    assert again.result() == first.result() and first.result().engine == ENGINE_VERSION


def test_score_ability_moves_only_the_competences_it_is_told_of():
    settings = ScoringSettings()
    _, _, plain = score_ability(0.45, DEFAULT_FRAMEWORK.codes, settings)
    _, _, moved = score_ability(0.45, DEFAULT_FRAMEWORK.codes, settings, {"1.1": 0.1, "2.1": -2.0})
    assert moved["1.1"] == plain["1.1"] + 1  # 0.55 reaches the threshold at 0.5
    assert moved["2.1"] == plain["2.1"] - 1  # -1.55 falls below 0.5 and -1, not below -2
    assert {c: v for c, v in moved.items() if c not in ("1.1", "2.1")} == {
        c: v for c, v in plain.items() if c not in ("1.1", "2.1")}


@pytest.mark.parametrize("value, message", [
    (-0.1, "competence_spread must be between 0 and 3"),
    (7, "competence_spread must be between 0 and 3"),
    ("wide", "competence_spread"),
])
def test_a_bad_competence_spread_is_reported_where_it_is(value, message):
    problems = Problems()
    ExamProfile.from_dict({"scoring": {"competence_spread": value}}, problems, name="p")
    assert any(message in m and "scoring" in m for m in problems.messages), problems.messages


def test_the_competence_spread_round_trips_and_defaults():
    assert ExamProfile().scoring.competence_spread == DEFAULT_COMPETENCE_SPREAD
    profile = ExamProfile.from_dict({"scoring": {"competence_spread": 0.45}}, name="p")
    assert profile.scoring.competence_spread == 0.45
    assert ExamProfile.from_dict(profile.to_dict(), name="p") == profile
    assert np.isclose(ExamProfile.from_dict({}, name="p").scoring.competence_spread, DEFAULT_COMPETENCE_SPREAD)
