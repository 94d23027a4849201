"""Ability estimators: EAP on a grid, MAP and ML fallbacks, and the reference's moving-prior EAP."""

import functools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itembank import irt
from itembank.cat import EAPEstimator, ItemPool, MAPEstimator, MLEstimator, ReferenceEstimator
from itembank.cat.estimation import EDGE_WEIGHT, AbilityState
from itembank.framework import DEFAULT_FRAMEWORK
from itembank.synth import synthetic_bank

GRID = np.linspace(-8, 8, 161)  # the default grid: the score scale


@functools.lru_cache
def pool() -> ItemPool:
    return ItemPool([i.meta() for i in synthetic_bank(160, 3).items], DEFAULT_FRAMEWORK)


answers = st.lists(st.tuples(st.integers(0, 159), st.booleans()), max_size=32)


def fill(estimator, pattern):
    state = estimator.begin(pool())
    for item, correct in pattern:
        estimator.update(state, item, correct)
    return state


@given(answers)
@settings(max_examples=80, deadline=None)
def test_the_posterior_is_normalised_and_positive(pattern):
    estimator = EAPEstimator(GRID, 0.0, 1.0)
    w = estimator.posterior(fill(estimator, pattern))
    assert w.sum() == pytest.approx(1.0, abs=1e-12)
    assert np.all(w >= 0)


@given(answers)
@settings(max_examples=80, deadline=None)
def test_eap_is_the_posterior_mean_and_its_sd(pattern):
    p = pool()
    estimator = EAPEstimator(GRID, 0.3, 1.2)
    estimate = estimator.estimate(fill(estimator, pattern))
    items = np.array([k for k, _ in pattern], dtype=int)
    correct = np.array([x for _, x in pattern], dtype=bool)
    log_post = irt.normal_log_density(GRID, 0.3, 1.2)
    if len(items):
        log_post = log_post + irt.log_likelihood(GRID, p.a[items], p.b[items], correct)
    w = np.exp(log_post - log_post.max())
    w /= w.sum()
    mean = float(w @ GRID)
    # a posterior with weight at an end of the grid is extended past it (its tails, EDGE_WEIGHT): the
    # estimate then moves from the grid's mean by about that weight, never more than a millionth here
    at_edge = max(w[0], w[-1]) > EDGE_WEIGHT
    assert estimate.theta == pytest.approx(mean, abs=1e-6 if at_edge else 1e-9)
    assert estimate.se == pytest.approx(float(np.sqrt(w @ (GRID - mean) ** 2)), abs=1e-6 if at_edge else 1e-7)


def test_eap_without_answers_is_the_prior():
    estimator = EAPEstimator(GRID, 0.4, 0.9)
    estimate = estimator.estimate(estimator.begin(pool()))
    assert estimate.theta == pytest.approx(0.4, abs=1e-5)
    assert estimate.se == pytest.approx(0.9, abs=1e-3)


def test_right_answers_raise_and_wrong_answers_lower_the_estimate():
    estimator = EAPEstimator(GRID)
    state = estimator.begin(pool())
    previous = estimator.estimate(state).theta
    for item in range(6):
        estimator.update(state, item, True)
        current = estimator.estimate(state).theta
        assert current > previous
        previous = current
    for item in range(6, 12):
        estimator.update(state, item, False)
        current = estimator.estimate(state).theta
        assert current < previous
        previous = current


def test_the_standard_error_shrinks_as_answers_accumulate():
    estimator = EAPEstimator(GRID)
    state = estimator.begin(pool())
    ses = []
    for item in range(32):
        estimator.update(state, item, item % 2 == 0)
        ses.append(estimator.estimate(state).se)
    assert ses[-1] < ses[4] < ses[0] < 1.0


def test_map_is_the_posterior_mode():
    p = pool()
    pattern = [(k, k % 3 != 0) for k in range(20)]
    estimator = MAPEstimator(GRID)
    estimate = estimator.estimate(fill(estimator, pattern))
    fine = np.linspace(-3, 3, 60001)
    items = np.array([k for k, _ in pattern])
    log_post = irt.normal_log_density(fine, 0, 1) + irt.log_likelihood(
        fine, p.a[items], p.b[items], np.array([x for _, x in pattern]))
    assert estimate.theta == pytest.approx(float(fine[np.argmax(log_post)]), abs=0.01)
    info = irt.test_information(estimate.theta, p.a[items], p.b[items])
    assert estimate.se == pytest.approx(1 / np.sqrt(info + 1), rel=1e-6)


def test_ml_is_the_likelihood_maximum_with_a_map_fallback():
    p = pool()
    pattern = [(k, k % 2 == 0) for k in range(24)]
    ml, map_ = MLEstimator(GRID), MAPEstimator(GRID)
    estimate = ml.estimate(fill(ml, pattern))
    fine = np.linspace(-3, 3, 60001)
    items = np.array([k for k, _ in pattern])
    log_lik = irt.log_likelihood(fine, p.a[items], p.b[items], np.array([x for _, x in pattern]))
    assert estimate.theta == pytest.approx(float(fine[np.argmax(log_lik)]), abs=0.01)
    # all right: no finite maximum, the posterior mode is used instead
    all_right = [(k, True) for k in range(5)]
    assert ml.estimate(fill(ml, all_right)) == map_.estimate(fill(map_, all_right))
    assert ml.estimate(ml.begin(p)) == map_.estimate(map_.begin(p))


@pytest.mark.parametrize(("start", "variation"), [(-3.0, 0.5), (0.0, None)])
def test_the_reference_estimator_recentres_its_prior_on_the_previous_estimate(start, variation):
    p = pool()
    estimator = ReferenceEstimator(start, variation)
    state = estimator.begin(p)
    assert estimator.estimate(state).theta == start and estimator.estimate(state).se == 5.0
    grid = np.linspace(-9, 9 - 0.225, 80)
    assert np.allclose(estimator.grid, grid)
    previous = start
    log_lik = np.zeros(80)
    capped = 0
    for item, correct in [(3, True), (7, True), (11, True), (12, False), (20, True), (30, False)]:
        estimator.update(state, item, correct)
        log_lik += irt.log_likelihood(grid, p.a[[item]], p.b[[item]], [correct])
        prior = np.exp(-((grid - previous) ** 2) / 3.0)
        post = np.exp(log_lik - log_lik.max()) * prior / prior.sum()
        post /= post.sum()
        expected = float(post @ grid)
        if variation is not None:  # the reference's cap: ±0.5 near 0, else ±half the estimate's size
            gap = variation if abs(previous) < variation else abs(previous) * variation
            capped += not previous - gap <= expected <= previous + gap
            expected = min(max(expected, previous - gap), previous + gap)
        assert estimator.estimate(state).theta == pytest.approx(expected, abs=1e-9)
        previous = expected
    assert capped >= (1 if variation else 0)
    variance = float(post @ (grid - previous) ** 2) - (9 / 80) ** 2 / 12
    assert estimator.estimate(state).se == pytest.approx(np.sqrt(variance), abs=1e-9)


def test_the_reference_strategy_starts_at_minus_3_with_the_variation_cap():
    from itembank.cat import build_strategy
    from itembank.profile import ExamProfile

    strategy = build_strategy(ExamProfile(), "reference")
    assert strategy.start.initial_theta() == -3.0
    assert (strategy.estimator.start, strategy.estimator.variation) == (-3.0, 0.5)
    state = strategy.estimator.begin(pool())
    theta = []
    for item in range(8):  # all right: the estimate climbs by at most half its size each time
        strategy.estimator.update(state, item, True)
        theta.append(strategy.estimator.estimate(state).theta)
    previous = -3.0
    for current in theta:
        assert current - previous <= max(0.5, abs(previous) * 0.5) + 1e-12
        previous = current


def test_the_reference_estimate_depends_on_the_order_of_the_answers():
    estimator = ReferenceEstimator()
    forward = fill(estimator, [(1, True), (2, True), (3, False), (4, False)])
    backward = fill(estimator, [(4, False), (3, False), (2, True), (1, True)])
    assert estimator.estimate(forward).theta != pytest.approx(estimator.estimate(backward).theta, abs=1e-6)


def test_state_copies_are_independent():
    estimator = EAPEstimator(GRID)
    state = fill(estimator, [(1, True), (2, False)])
    copy = state.copy()
    estimator.update(copy, 3, False)
    assert estimator.estimate(copy).theta < estimator.estimate(state).theta
    assert len(state.items) == 2


def test_a_posterior_cut_by_the_grid_is_extended_past_its_end():
    narrow = np.linspace(-5, 5, 101)
    estimator = EAPEstimator(narrow, 0.3, 1.2)
    state = estimator.begin(pool())
    estimate = estimator.estimate(state)  # no answers: the prior, whose tails the ±5 grid would cut
    assert estimate.theta == pytest.approx(0.3, abs=1e-6) and estimate.se == pytest.approx(1.2, abs=1e-3)
    w = estimator.posterior(state)
    cut_mean = float(w @ narrow)
    assert abs(cut_mean - 0.3) > 1e-4  # what the grid alone would give
    hard = [k for k in np.argsort(-pool().b)[:12]]
    for item in hard:  # the hardest items, all right: the likelihood still climbs at 5
        estimator.update(state, int(item), True)
    edge = estimator.estimate(state)
    w = estimator.posterior(state)
    cut_sd = float(np.sqrt(w @ (narrow - w @ narrow) ** 2))
    assert edge.se > cut_sd and edge.theta > float(w @ narrow)
    wide = EAPEstimator(np.linspace(-12, 12, 241), 0.3, 1.2)
    reference = wide.estimate(fill(wide, [(int(k), True) for k in hard]))
    assert abs(edge.theta - reference.theta) < abs(float(w @ narrow) - reference.theta)


def test_posterior_weights_are_rescaled_only_when_their_sum_would_underflow():
    pool = ItemPool([i.meta() for i in synthetic_bank(20, 3).items], DEFAULT_FRAMEWORK)
    grid = np.linspace(-4.0, 4.0, 9)
    state = AbilityState(pool, grid, np.zeros(9))
    state.log_weights = np.full(9, -2000.0)
    state.log_weights[0] = -1.0  # the weight at the probe (the middle) is 0, the sum is not
    assert state.probe == 4
    np.testing.assert_array_equal(state.posterior_weights(), np.exp(state.log_weights))
    state.log_weights, state.weights = np.full(9, -2000.0), None  # every weight underflows
    state.log_weights[2] = -1990.0
    np.testing.assert_array_equal(state.posterior_weights(), np.exp(state.log_weights + 1990.0))
