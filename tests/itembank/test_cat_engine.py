"""The adaptive loop as the kiosk drives it: next item, record, neutralise, result, persistence."""

import dataclasses
import functools

import numpy as np
import pytest

from itembank.cat import (
    AdaptiveTest,
    EngineError,
    Event,
    ExposureRecord,
    ItemNotPendingError,
    ItemPool,
    TestFinishedError,
    build_strategy,
)
from itembank.framework import DEFAULT_FRAMEWORK
from itembank.model import Outcome
from itembank.profile import EngineSettings, ExamProfile, ExposureSettings
from itembank.synth import synthetic_bank

PROFILE = ExamProfile()


@functools.lru_cache
def pool(n: int = 400, seed: int = 5) -> ItemPool:
    return ItemPool([i.meta() for i in synthetic_bank(n, seed).items], DEFAULT_FRAMEWORK)


def run(test: AdaptiveTest, answer=lambda k, item: Outcome.OK if k % 2 else Outcome.KO) -> list[str]:
    shown = []
    k = 0
    while not test.finished:
        item = test.next_item()
        shown.append(item)
        test.record(item, answer(k, item))
        k += 1
    return shown


def test_a_full_test_has_the_profile_length_and_ends():
    test = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, 1)
    assert test.position == 1 and not test.finished
    items = run(test)
    assert len(items) == len(set(items)) == 32
    assert test.finished and test.next_item() is None
    assert test.position == 32
    with pytest.raises(TestFinishedError):
        test.record(items[-1], Outcome.OK)


def test_next_item_is_stable_until_answered():
    test = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, 2)
    first = test.next_item()
    assert test.next_item() == first == test.pending
    test.record(first, Outcome.OK)
    assert test.position == 2
    assert test.next_item() != first


def test_answers_must_name_the_item_on_screen():
    test = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, 3)
    with pytest.raises(ItemNotPendingError):
        test.record(pool().ids[0], Outcome.OK)
    item = test.next_item()
    other = next(i for i in pool().ids if i != item)
    with pytest.raises(ItemNotPendingError):
        test.record(other, Outcome.OK)
    with pytest.raises(EngineError):
        test.record(item, "maybe")


def test_the_same_seed_gives_the_same_test_and_another_seed_usually_not():
    a = run(AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, 7))
    b = run(AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, 7))
    assert a == b
    tests = {tuple(run(AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, seed))) for seed in range(10)}
    assert len(tests) > 1  # randomesque among near-ties


@pytest.mark.parametrize("outcome", [Outcome.KO, Outcome.SKIPPED, Outcome.FOCUSED_OUT, Outcome.TIMED_OUT])
def test_skipped_focused_out_and_timed_out_count_as_wrong(outcome):
    reference = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, 11)
    other = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, 11)
    items_a = run(reference, lambda k, i: Outcome.OK if k % 3 == 0 else Outcome.KO)
    items_b = run(other, lambda k, i: Outcome.OK if k % 3 == 0 else outcome)
    assert items_a == items_b
    assert reference.estimate == other.estimate
    assert reference.result().score == other.result().score
    assert [e.outcome for e in other.events][1] == outcome.value


def test_a_neutralised_item_is_replaced_under_the_same_number_and_not_scored():
    test = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, 13)
    for _ in range(4):
        test.record(test.next_item(), Outcome.OK)
    before = test.estimate
    position = test.position
    withdrawn = test.next_item()
    test.neutralise(withdrawn)
    assert test.position == position
    assert test.estimate == before  # excluded from estimation
    replacement = test.next_item()
    assert replacement != withdrawn
    run(test)
    result = test.result()
    assert withdrawn not in result.items and result.neutralised == (withdrawn,)
    assert result.treated == 32 and len(test.shown) == 33
    assert Event(withdrawn, "neutralised") in test.events
    with pytest.raises(EngineError):
        test.neutralise(withdrawn)


def test_a_neutralised_item_keeps_its_tube_open():
    test = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, 17)
    withdrawn = test.next_item()
    test.neutralise(withdrawn)
    tube = pool().metas[pool().index[withdrawn]].tube
    # every other item of the tube is still eligible
    state = test._state
    assert all(state.open[k] for k in pool().tube_members[pool().tube[pool().index[withdrawn]]]
               if pool().ids[k] != withdrawn)
    assert tube


def test_round_trip_through_to_dict_rebuilds_the_test():
    test = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, 19)
    for k in range(10):
        item = test.next_item()
        if k == 4:
            test.neutralise(item)
        else:
            test.record(item, Outcome.OK if k % 3 else Outcome.SKIPPED)
    data = test.to_dict()
    again = AdaptiveTest.from_dict(data, pool(), DEFAULT_FRAMEWORK, PROFILE)
    assert again.events == test.events and again.estimate == test.estimate
    assert again.next_item() == test.next_item()
    tampered = dict(data, seed=20)
    with pytest.raises(EngineError, match="the log has item"):
        AdaptiveTest.from_dict(tampered, pool(), DEFAULT_FRAMEWORK, PROFILE)


def test_max_info_top_1_without_exposure_takes_the_most_informative_eligible_item():
    profile = dataclasses.replace(PROFILE, engine=EngineSettings(selection="max-info"),
                                  exposure=ExposureSettings(top_k=1, near_tie=0.0))
    test = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, profile, 0)
    for _ in range(6):
        item = test.next_item()
        strategy = test.strategy
        theta = test.estimate.theta if test.answered else 0.0
        mask = strategy.blueprint.eligible(test.pool, test._state)
        info = test.pool.information(round(theta, 2))
        best = np.flatnonzero(mask)[np.argmax(info[mask])]
        assert info[test.pool.index[item]] == pytest.approx(info[best], rel=1e-9)
        test.record(item, Outcome.OK)


def criterion(test: AdaptiveTest, items: np.ndarray) -> np.ndarray:
    """The default criterion recomputed from scratch: expected information over the posterior
    less three times the expected shortfall against the competence's second best item."""
    p, ability = test.pool, test._ability
    weights = np.exp(ability.log_weights - ability.log_weights.max())
    weights /= weights.sum()
    table = p.information_table(ability.grid)
    second = np.array([np.sort(table[p.competence_members[c]], axis=0)[-2] for c in range(16)])
    rows = table[items]
    shortfall = np.maximum(second[p.competence[items]] - rows, 0.0)
    return rows @ weights - 3.0 * (shortfall @ weights)


def test_the_default_criterion_is_expected_information_less_the_expected_slot_shortfall():
    profile = dataclasses.replace(PROFILE, exposure=ExposureSettings(top_k=1, near_tie=0.0))
    test = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, profile, 0)
    assert test.strategy.selector.name == "opportunity-cost"
    differs = 0
    for k in range(20):
        theta = test.estimate.theta if test.answered else 0.0
        mask = test.strategy.blueprint.eligible(test.pool, test._state)
        eligible = np.flatnonzero(mask)
        info = test.pool.information(round(theta, 2))[eligible]
        candidates = eligible[np.argsort(-info, kind="stable")[:8]]  # the eight most informative
        scores = criterion(test, candidates)
        item = test.next_item()
        assert test.pool.index[item] == candidates[np.argmax(scores)]
        differs += test.pool.index[item] != candidates[0]
        test.record(item, Outcome.OK if k % 3 else Outcome.KO)
    assert differs > 0  # not simply the most informative item at the estimate


def test_without_a_quota_the_criterion_is_the_posterior_weighted_information():
    short = dataclasses.replace(PROFILE, length=12, min_treated=8, per_competence=1,
                                exposure=ExposureSettings(top_k=1, near_tie=0.0))
    test = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, short, 0)
    selector = test.strategy.selector
    grid = test._ability.grid
    table = selector.criterion_table(test.pool, grid, 12)  # and a last row of ones
    assert np.array_equal(table[:-1], test.pool.information_table(grid)) and np.all(table[-1] == 1)
    items = run(test)
    assert len(items) == 12 and len({test.pool.metas[test.pool.index[i]].competence for i in items}) == 12


def test_a_selector_called_without_the_posterior_falls_back_on_the_information_at_the_estimate():
    strategy = build_strategy(dataclasses.replace(PROFILE, exposure=ExposureSettings(top_k=1, near_tie=0.0)))
    test = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, 0, strategy=strategy)
    chosen = strategy.selector.select(test.pool, test._state, 0.3, np.random.default_rng(0))
    mask = strategy.blueprint.eligible(test.pool, test._state)
    info = test.pool.information(0.3)
    assert info[chosen] == pytest.approx(info[mask].max(), rel=1e-3)


@pytest.mark.parametrize("selection", ["opportunity-cost", "max-info"])
def test_randomesque_draws_only_among_near_ties(selection):
    profile = dataclasses.replace(PROFILE, engine=EngineSettings(selection=selection),
                                  exposure=ExposureSettings(top_k=5, near_tie=0.05))
    big = pool(2000, 8)
    tests = [AdaptiveTest(big, DEFAULT_FRAMEWORK, profile, seed) for seed in range(200)]
    firsts = {test.next_item() for test in tests}
    info = big.information(0.0)
    assert 1 < len(firsts) <= 5
    if selection == "max-info":
        assert all(info[big.index[i]] >= 0.95 * info.max() - 1e-3 for i in firsts)
    else:
        candidates = np.argsort(-info, kind="stable")[:8]
        scores = criterion(tests[0], candidates)
        best = int(np.argmax(scores))
        floor = scores[best] - 0.05 * info[candidates[best]]
        chosen = [big.index[i] for i in firsts]
        assert all(scores[list(candidates).index(k)] >= floor - 1e-12 for k in chosen)


def test_the_exposure_cap_is_respected_across_candidates():
    record = ExposureRecord()
    profile = dataclasses.replace(PROFILE, exposure=ExposureSettings(top_k=1, near_tie=0.0, r_max=0.3))
    rng = np.random.default_rng(0)
    for seed in range(60):
        test = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, profile, seed, exposure=record)
        run(test, lambda k, i: Outcome.OK if rng.random() < 0.5 else Outcome.KO)
        record.add_test(test.pool.ids[k] for k in test.shown)
    # an item is given only if its rate stays ≤ r_max afterwards; the first tests of an empty
    # record ignore the cap (nothing could meet it), and later tests bring those rates back under
    assert record.tests == 60
    assert max(record.rates().values()) <= 0.3 + 1e-12


def test_the_exposure_record_round_trips_and_limits_the_next_test():
    record = ExposureRecord({pool().ids[0]: 3, pool().ids[1]: 1}, 10)  # (count + 1) / 11 ≤ 0.25?
    assert ExposureRecord.from_dict(record.to_dict()) == record
    eligible = record.eligible(pool(), 0.25)
    assert not eligible[0] and eligible[1] and eligible[2]


def test_the_reference_strategy_runs_and_ignores_exposure_records():
    profile = dataclasses.replace(PROFILE, strategy="reference")
    test = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, profile, 3, exposure=ExposureRecord({}, 0))
    assert test.strategy.name == "reference" and test._exposure_ok is None
    items = run(test)
    assert len(items) == 32
    assert test.result().strategy == "reference"


def test_the_reference_picks_the_best_item_51_percent_of_the_time():
    strategy = build_strategy(PROFILE, "reference")
    p = pool()
    info = p.information(-3.0)  # the reference starts at −3
    order = np.argsort(-info, kind="stable")[:5].tolist()
    counts = dict.fromkeys(order, 0)
    draws = 4000
    for seed in range(draws):
        test = AdaptiveTest(p, DEFAULT_FRAMEWORK, PROFILE, seed, strategy=strategy)
        counts[p.index[test.next_item()]] += 1
    shares = [counts[k] / draws for k in order]
    expected = [0.51, 0.49 * 0.51, 0.49**2 * 0.51, 0.49**3 * 0.51, 0.49**4]
    for share, target in zip(shares, expected, strict=True):
        assert share == pytest.approx(target, abs=0.03)


def test_seeds_must_be_whole_non_negative_numbers():
    with pytest.raises(EngineError):
        AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, -1)
    with pytest.raises(EngineError):
        AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, 1.5)  # type: ignore[arg-type]


def test_a_pool_built_for_another_framework_is_refused():
    from itembank.framework import Competence, Domain, Framework
    from itembank.model import LocalText

    other = Framework((Domain("1", LocalText("x", "x"), (Competence("1.1", LocalText("y", "y")),)),))
    with pytest.raises(ValueError, match="another framework"):
        AdaptiveTest(pool(), other, PROFILE, 1)


def test_a_bank_that_runs_out_of_eligible_items_ends_the_test_as_a_technical_end_of_its_own():
    from itembank.replay import replay

    small = ItemPool([i.meta() for i in synthetic_bank(18, 2).items], DEFAULT_FRAMEWORK)  # 18 items for 32

    def run_out(test):
        while (item := test.next_item()) is not None:
            test.record(item, Outcome.OK)

    test = AdaptiveTest(small, DEFAULT_FRAMEWORK, PROFILE, 4)
    run_out(test)
    assert test.finished and test.next_item() is None and test.answered < PROFILE.min_treated
    result = test.result()
    assert (result.abort, result.status, result.score) == ("bank-exhausted", "cancelled", None)  # not "rejected"
    assert test.result(abort="candidate").status == "rejected"  # the candidate who leaves is another matter
    assert test.result(abort="bank-exhausted") == result  # as a replay passes the recorded result back
    log = list(test.events)
    assert replay(small, DEFAULT_FRAMEWORK, PROFILE, 4, log, expected=result).ok
    with pytest.raises(EngineError, match="unknown abort reason 'bank-exhausted'"):  # only the engine says so
        AdaptiveTest(small, DEFAULT_FRAMEWORK, PROFILE, 4).result(abort="bank-exhausted")
    # enough treated questions: scored, as after a technical abort (no degradation), with the reason stated
    lenient = dataclasses.replace(PROFILE, min_treated=10)
    test = AdaptiveTest(small, DEFAULT_FRAMEWORK, lenient, 4)
    run_out(test)
    result = test.result()
    assert (result.abort, result.status, result.degraded) == ("bank-exhausted", "scored", False)


# -- both ends of the score scale ----------------------------------------------------------------
def _everything(test, outcome):
    while not test.finished:
        test.record(test.next_item(), outcome)
    return test.result()


def test_the_default_grid_spans_the_score_scale():
    settings = ExamProfile()
    assert settings.engine.grid_min <= settings.scoring.intervals[0].low
    assert settings.engine.grid_max >= settings.scoring.intervals[-1].high
    assert settings.scoring.thresholds_for("1.1")[-1] < settings.engine.grid_max  # competence level 8 too


def test_no_right_answer_scores_0_and_gets_no_certificate():
    result = _everything(AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, 7), Outcome.KO)
    assert result.treated == 32 and result.correct == 0
    assert (result.score, result.level, result.status) == (0, 0, "no-certificate")
    assert set(result.competence_levels.values()) == {0}
    assert result.theta < -3  # the estimate is kept, and says how low
    degraded = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, 7)  # 25 treated, all skipped, then time ran out
    for _ in range(25):
        degraded.record(degraded.next_item(), Outcome.SKIPPED)
    assert (degraded.result().score, degraded.result().status) == (0, "no-certificate")
    one_right = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, 7)  # one right answer is some evidence
    run(one_right, lambda k, item: Outcome.OK if k == 31 else Outcome.KO)
    assert one_right.result().score > 0 and one_right.result().status == "scored"


@functools.lru_cache
def hard_pool() -> ItemPool:
    """A bank whose hardest items reach the top of the scale (b up to about 8)."""
    return ItemPool([i.meta() for i in synthetic_bank(800, 3, b_mean=3.5, b_sd=1.5, a_range=(0.8, 2.5)).items],
                    DEFAULT_FRAMEWORK)


def test_every_answer_right_on_a_bank_that_reaches_the_top_gives_expert_2():
    result = _everything(AdaptiveTest(hard_pool(), DEFAULT_FRAMEWORK, PROFILE, 7), Outcome.OK)
    assert result.theta >= 5.0 and result.score >= 896
    assert PROFILE.scoring.levels[result.level].code == "expert-2" and result.level == 8
    assert max(result.competence_levels.values()) == 8
    narrow = dataclasses.replace(PROFILE, engine=EngineSettings(grid_min=-5.0, grid_max=5.0, grid_points=101))
    capped = _everything(AdaptiveTest(hard_pool(), DEFAULT_FRAMEWORK, narrow, 7), Outcome.OK)
    assert capped.theta < result.theta  # what the former ±5 grid allowed


@pytest.mark.parametrize("grid", [(-5.0, 5.0, 101), (-8.0, 8.0, 161)])
def test_the_standard_error_at_the_top_of_the_grid_is_honest(grid):
    """A candidate of ability 7: the former ±5 grid reported 0.045 with its posterior cut at 5."""
    profile = dataclasses.replace(PROFILE, engine=EngineSettings(grid_min=grid[0], grid_max=grid[1],
                                                                 grid_points=grid[2]))
    p = hard_pool()
    rng = np.random.default_rng(0)
    test = AdaptiveTest(p, DEFAULT_FRAMEWORK, profile, 7)
    while not test.finished:
        k = test.next_index()
        right = rng.random() < 1 / (1 + np.exp(p.a[k] * (p.b[k] - 7.0)))
        test.record_index(k, Outcome.OK if right else Outcome.KO)
    result = test.result()
    assert result.se > 0.18, result  # the posterior is not squeezed against the grid's end
    assert result.theta > 5.0


# -- the screen-reader accommodation ---------------------------------------------------------------
@functools.lru_cache
def half_visual_pool() -> ItemPool:
    """About half the items only visual (``screen_reader: false``), in every competence and tube."""
    readable = np.random.default_rng(11).random(400) < 0.5
    metas = [dataclasses.replace(i.meta(), screen_reader=bool(readable[k]))
             for k, i in enumerate(synthetic_bank(400, 5).items)]
    return ItemPool(metas, DEFAULT_FRAMEWORK)


def test_a_screen_reader_candidate_is_never_given_an_only_visual_item():
    big = half_visual_pool()
    given = run(AdaptiveTest(big, DEFAULT_FRAMEWORK, PROFILE, 7, screen_reader=True))
    assert len(given) == 32 and all(big.metas[big.index[i]].screen_reader for i in given)
    others = run(AdaptiveTest(big, DEFAULT_FRAMEWORK, PROFILE, 7))
    assert not all(big.metas[big.index[i]].screen_reader for i in others)  # the filter is what keeps them out


def test_the_accommodation_survives_a_crash_and_a_replay_needs_it():
    big = half_visual_pool()
    test = AdaptiveTest(big, DEFAULT_FRAMEWORK, PROFILE, 8, screen_reader=True)
    for _ in range(10):
        test.record(test.next_item(), Outcome.KO)
    saved = test.to_dict()
    assert saved["screen_reader"] is True
    again = AdaptiveTest.from_dict(saved, big, DEFAULT_FRAMEWORK, PROFILE)
    assert again.screen_reader and again.next_item() == test.next_item()
    assert "screen_reader" not in AdaptiveTest(big, DEFAULT_FRAMEWORK, PROFILE, 8).to_dict()  # unchanged otherwise


def test_a_bank_with_too_few_readable_items_ends_as_exhausted_not_with_a_visual_item():
    metas = [dataclasses.replace(i.meta(), screen_reader=k < 20) for k, i in enumerate(synthetic_bank(400, 5).items)]
    small = ItemPool(metas, DEFAULT_FRAMEWORK)
    test = AdaptiveTest(small, DEFAULT_FRAMEWORK, PROFILE, 3, screen_reader=True)
    given = []
    while (item := test.next_item()) is not None:
        given.append(item)
        test.record(item, Outcome.OK)
    assert len(given) < 32 and all(small.metas[small.index[i]].screen_reader for i in given)
    assert test.exhausted and test.result().abort == "bank-exhausted"


def test_the_tests_of_one_profile_share_its_strategy_and_choose_as_a_fresh_one_would():
    first = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, 7)
    second = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, 8)
    assert first.strategy is second.strategy
    assert AdaptiveTest(pool(), DEFAULT_FRAMEWORK, dataclasses.replace(PROFILE), 7).strategy is not first.strategy
    fresh = AdaptiveTest(pool(), DEFAULT_FRAMEWORK, PROFILE, 7, strategy=build_strategy(PROFILE))
    assert run(first) == run(fresh)
    assert repr(first.result()) == repr(fresh.result())  # every float, to the bit
