"""Property tests on the IRT functions the engine, scoring and calibration share."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itembank import irt

thetas = st.floats(-8, 8, allow_nan=False)
discriminations = st.floats(0.2, 3.0, allow_nan=False)
difficulties = st.floats(-4, 4, allow_nan=False)
guessing = st.floats(0.0, 0.35, allow_nan=False)


@given(thetas, discriminations, difficulties, guessing)
def test_probability_is_strictly_between_zero_and_one(theta, a, b, c):
    p = float(irt.probability(theta, a, b, c))
    assert 0.0 < p < 1.0
    assert p >= c


@given(thetas, thetas, discriminations, difficulties, guessing)
def test_probability_is_monotone_in_ability(t1, t2, a, b, c):
    low, high = sorted((t1, t2))
    assert irt.probability(low, a, b, c) <= irt.probability(high, a, b, c)


def test_reference_convention_has_no_scaling_factor():
    # P = 1 / (1 + exp(a·(b − θ))): at θ = b + 1/a the logit is exactly 1.
    assert float(irt.probability(0.5 + 1 / 1.3, 1.3, 0.5)) == pytest.approx(1 / (1 + math.exp(-1)))
    assert float(irt.probability(0.2, 2.0, 0.2)) == pytest.approx(0.5)
    assert float(irt.probability(0.2, 2.0, 0.2, 0.2)) == pytest.approx(0.6)


@given(thetas, discriminations, difficulties, guessing)
def test_information_is_never_negative(theta, a, b, c):
    assert float(irt.information(theta, a, b, c)) >= 0.0


@given(discriminations, difficulties)
def test_2pl_information_peaks_at_the_difficulty(a, b):
    grid = np.linspace(b - 3, b + 3, 601)
    info = irt.information(grid, a, b)
    assert abs(grid[int(np.argmax(info))] - b) <= 0.011
    assert float(info.max()) == pytest.approx(a * a / 4, rel=1e-3)


@given(thetas, discriminations, difficulties, guessing)
def test_information_matches_the_derivative_of_the_log_likelihood(theta, a, b, c):
    # Fisher information = P'(θ)² / (P (1 − P)), checked by finite differences.
    h = 1e-5
    p = float(irt.probability(theta, a, b, c))
    above, below = float(irt.probability(theta + h, a, b, c)), float(irt.probability(theta - h, a, b, c))
    slope = (above - below) / (2 * h)
    expected = slope * slope / (p * (1 - p))
    assert float(irt.information(theta, a, b, c)) == pytest.approx(expected, rel=1e-4, abs=1e-9)


def test_functions_broadcast_items_against_a_grid():
    a = np.array([0.8, 1.5, 2.0])
    b = np.array([-1.0, 0.0, 1.0])
    grid = np.linspace(-4, 4, 9)
    table = irt.probability(grid[None, :], a[:, None], b[:, None])
    assert table.shape == (3, 9)
    assert np.all(np.diff(table, axis=1) > 0)
    assert irt.test_information(grid, a, b).shape == (9,)
    assert np.allclose(irt.test_information(grid, a, b), irt.information(grid[:, None], a, b).sum(axis=1))


@given(st.lists(st.tuples(discriminations, difficulties, st.booleans()), min_size=1, max_size=12), thetas)
@settings(max_examples=60)
def test_log_likelihood_is_the_sum_of_log_probabilities(items, theta):
    a, b, x = (np.array(v) for v in zip(*items, strict=True))
    # Reference computed item by item from the logit z = a(θ - b): log P = -log(1 + e^-z) and
    # log(1 - P) = -log(1 + e^z), each with log1p on the side that cannot overflow, so the reference
    # keeps full precision where 1 - P rounds to 0 in floating point.
    def log_p(z: float) -> float:
        return -math.log1p(math.exp(-z)) if z >= 0 else z - math.log1p(math.exp(z))

    expected = sum(
        log_p(ai * (theta - bi)) if xi else log_p(-ai * (theta - bi)) for ai, bi, xi in zip(a, b, x, strict=True)
    )
    assert float(irt.log_likelihood(theta, a, b, x)) == pytest.approx(expected, rel=1e-9, abs=1e-9)
    assert float(irt.log_likelihood(theta, a, b, x)) <= 0.0


def test_log_probabilities_stay_finite_far_from_the_difficulty():
    log_p, log_q = irt.log_probabilities(np.array([-50.0, 50.0]), 3.0, 0.0)
    assert np.all(np.isfinite(log_p)) and np.all(np.isfinite(log_q))
    assert log_p[0] == pytest.approx(-150.0) and log_q[1] == pytest.approx(-150.0)
