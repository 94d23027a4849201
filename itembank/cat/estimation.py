"""Ability estimation on a grid: EAP (the default), MAP and ML, and the reference's estimator.

Each estimator keeps, per test, the log-likelihood of the answers on its ability grid and adds
one precomputed row per answer, so an update costs one vector addition whatever the test's
length. EAP reports the posterior mean and, as its standard error, the posterior standard
deviation; MAP and ML report the mode and 1/√(information).
"""

from __future__ import annotations

import functools
import math
from abc import ABC, abstractmethod
from dataclasses import dataclass

import numpy as np

from itembank import irt
from itembank.cat.pool import ItemPool


@dataclass(frozen=True)
class Estimate:
    """An ability estimate and its standard error."""

    theta: float
    se: float


class AbilityState:
    """One test's evidence about the candidate on a grid: the log prior plus the log-likelihood
    of its answers (``log_weights``), one precomputed row added per answer."""

    def __init__(self, pool: ItemPool, grid: np.ndarray, log_prior: np.ndarray):
        self.pool = pool
        self.grid = grid
        self.log_p, self.log_q = pool.tables(grid)
        self.log_prior = log_prior
        self.log_weights = log_prior.copy()
        self.items: list[int] = []
        self.correct: list[bool] = []
        self.cache: Estimate | None = None
        self.weights: np.ndarray | None = None  # see posterior_weights()
        self.history: list[Estimate] = []  # used by estimators whose estimate depends on the path
        self.probe = len(grid) // 2  # a grid point where the posterior likely has weight (see posterior_weights)

    @property
    def log_likelihood(self) -> np.ndarray:
        return self.log_weights - self.log_prior

    def posterior_weights(self) -> np.ndarray:
        """The posterior on the grid up to a factor (computed once per answer, the same whoever
        asks first: estimate and selection share it).

        The weights are at most 1 (log prior and log-likelihood are ≤ 0); they are rescaled so
        that the largest is 1 only when they are so small that their sums would underflow, as
        the estimate always did: rescaling otherwise would move the estimate's last bits, and
        a result must replay bit for bit."""
        if self.weights is None:
            weights = np.exp(self.log_weights)
            # One weight above the bound proves the sum above it (a float sum of non-negative terms
            # is at least each term), without summing: the weight at the last estimate's grid
            # point usually is; when it is not, the sum decides, as it always did.
            if not (weights[self.probe] > 1e-280 or weights.sum() > 1e-280):
                weights = np.exp(self.log_weights - self.log_weights.max())
            self.weights = weights
        return self.weights

    def add(self, item: int, correct: bool) -> None:
        self.log_weights += self.log_p[item] if correct else self.log_q[item]
        self.items.append(item)
        self.correct.append(correct)
        self.cache = None
        self.weights = None

    def copy(self) -> AbilityState:
        other = AbilityState(self.pool, self.grid, self.log_prior)
        other.log_weights = self.log_weights.copy()
        other.items, other.correct = list(self.items), list(self.correct)
        other.cache, other.weights, other.history = self.cache, self.weights, list(self.history)
        other.probe = self.probe
        return other


@functools.lru_cache(maxsize=8)
def _spread_kernel(grid_bytes: bytes, spread: float) -> np.ndarray:
    """K[i, k]: the weight of grid point i for a competence when the general ability is at point k
    (a normal of SD ``spread`` around it, each column summing to 1 on the grid)."""
    grid = np.frombuffer(grid_bytes, dtype=np.float64)
    kernel = np.exp(-0.5 * ((grid[:, None] - grid[None, :]) / spread) ** 2)
    kernel /= kernel.sum(axis=0, keepdims=True)
    kernel.setflags(write=False)
    return kernel


def competence_shifts(state: AbilityState, spread: float) -> np.ndarray:
    """How far each competence's ability lies from the general ability, by the test's answers.

    A candidate's ability in competence c is taken to be their general ability plus a deviation
    of SD ``spread``. Its posterior is the likelihood of c's own answers times a prior made of
    what every *other* answer says of the candidate (the posterior without c's answers), widened
    by ``spread``; the shift is the mean of that posterior less the mean of the general one, both
    on the grid. A competence the test did not ask gets 0 (no evidence of a difference), and so
    does every competence when ``spread`` is 0 (one ability for all, as the reference does). With
    two questions per competence the shift is shrunk strongly towards 0: the answers move a
    competence's level only as far as they are evidence for it. One entry per competence of
    the pool (``pool.competences``).
    """
    pool, grid = state.pool, state.grid
    shifts = np.zeros(len(pool.competences))
    if spread <= 0 or not state.items:
        return shifts
    # Each competence's log-likelihood, its rows added in the order of the answers. A competence
    # with one answer keeps the table's row itself (read, never written, below).
    own: dict[int, np.ndarray] = {}
    competence, unknown, log_p, log_q = pool.competence_list, len(pool.competences), state.log_p, state.log_q
    for item, correct in zip(state.items, state.correct, strict=True):
        c = competence[item]
        if c < unknown:
            row = log_p[item] if correct else log_q[item]
            found = own.get(c)
            own[c] = row if found is None else found + row
    weights = state.log_weights
    general = np.exp(weights - weights.max())
    mean = float(grid @ general / general.sum())
    kernel = _spread_kernel(np.ascontiguousarray(grid, dtype=np.float64).tobytes(), float(spread))
    for c, likelihood in own.items():
        rest = weights - likelihood
        prior = kernel @ np.exp(rest - rest.max())
        posterior = prior * np.exp(likelihood - likelihood.max())
        shifts[c] = float(grid @ posterior / posterior.sum()) - mean
    return shifts


def _normalised(log_weights: np.ndarray) -> np.ndarray:
    w = np.exp(log_weights - log_weights.max())
    return w / w.sum()


class AbilityEstimator(ABC):
    """One phase of the adaptive loop: turn answers into an ability estimate."""

    name: str = ""
    # Whether ``log_weights`` is a posterior with the population prior, from which each
    # competence's ability can be read (``competence_shifts``).
    population_prior: bool = True

    def __init__(self, grid: np.ndarray, log_prior: np.ndarray | None = None):
        self.grid = np.asarray(grid, dtype=float)
        self.log_prior = np.zeros(len(self.grid)) if log_prior is None else log_prior

    def begin(self, pool: ItemPool) -> AbilityState:
        return AbilityState(pool, self.grid, self.log_prior)

    def update(self, state: AbilityState, item: int, correct: bool) -> None:
        state.add(item, correct)

    def estimate(self, state: AbilityState) -> Estimate:
        if state.cache is None:
            state.cache = self._estimate(state)
        return state.cache

    @abstractmethod
    def _estimate(self, state: AbilityState) -> Estimate: ...

    def posterior(self, state: AbilityState) -> np.ndarray:
        """Normalised posterior weights on the grid."""
        return _normalised(state.log_weights)


# A posterior whose end point holds more than this share of its weight is cut by the grid (see
# EAPEstimator._with_tails); the tail past it is summed over this many grid steps.
EDGE_WEIGHT = 1e-9
TAIL_STEPS = 400


class EAPEstimator(AbilityEstimator):
    """Expected a posteriori on the grid, with a normal prior from the exam profile."""

    name = "eap"

    def __init__(self, grid: np.ndarray, prior_mean: float = 0.0, prior_sd: float = 1.0):
        super().__init__(grid, irt.normal_log_density(np.asarray(grid, dtype=float), prior_mean, prior_sd))
        self.prior_mean, self.prior_sd = prior_mean, prior_sd
        powers = [np.ones_like(self.grid), self.grid, self.grid**2]
        self._moments = np.ascontiguousarray(np.stack(powers, axis=1))
        self._start = float(self.grid[0])
        self._step = float(self.grid[1] - self.grid[0]) if len(self.grid) > 1 else 1.0

    def _estimate(self, state: AbilityState) -> Estimate:
        # The posterior up to a factor, shared with selectors that weigh the whole posterior.
        weights = state.posterior_weights()
        total, first, second = (weights @ self._moments).tolist()
        if max(weights[0], weights[-1]) > EDGE_WEIGHT * total:
            total, first, second = self._with_tails(weights, total, first, second)
        mean = first / total
        variance = second / total - mean * mean
        # the grid point nearest the mean, where the next posterior's weight is checked first
        point = (mean - self._start) / self._step + 0.5
        if 0.0 <= point < len(weights):  # false for a NaN
            state.probe = int(point)
        # math.sqrt and np.sqrt are both IEEE 754's correctly rounded square root: the same bits
        return Estimate(mean, math.sqrt(max(variance, 0.0)))

    def _with_tails(self, weights: np.ndarray, total: float, first: float, second: float) -> tuple[float, float, float]:
        """The posterior's moments with its tails past the grid's ends, where the grid would cut them.

        A posterior with weight at an end of the grid (answers that say "at least this able", on
        a grid or a prior that does not reach far enough) is truncated there, and its SD claims a
        precision the answers do not give (0.05 at the end of a ±5 grid for a candidate of ability
        7). Past each end the likelihood is taken to stay at its value at the end — it flattens
        there for the answers that push that way, and falls for the others, so the tail, hence the
        SE, errs on the wide side — and the prior continues: the tail is the prior's, scaled to the
        end's weight, summed on the grid's spacing until it no longer counts. Only such
        posteriors are extended: every other estimate is the grid's, to the bit."""
        grid, step = self.grid, float(self.grid[1] - self.grid[0])
        steps = np.arange(1, TAIL_STEPS + 1) * step
        for end, outward, weight in ((grid[0], -1.0, weights[0]), (grid[-1], 1.0, weights[-1])):
            if weight <= EDGE_WEIGHT * total:
                continue
            points = end + outward * steps
            # prior(point) / prior(end) for the profile's normal prior
            ratio = np.exp(-((points - self.prior_mean) ** 2 - (end - self.prior_mean) ** 2)
                           / (2.0 * self.prior_sd**2))
            tail = weight * ratio
            total += float(tail.sum())
            first += float(tail @ points)
            second += float(tail @ (points * points))
        return total, first, second


def _refined_mode(grid: np.ndarray, values: np.ndarray) -> float:
    """The maximum of ``values`` on the grid, refined by a parabola through its neighbours."""
    k = int(np.argmax(values))
    if 0 < k < len(grid) - 1:
        left, mid, right = values[k - 1], values[k], values[k + 1]
        curvature = left - 2 * mid + right
        if curvature < 0:
            step = grid[1] - grid[0]
            return float(grid[k] + 0.5 * step * (left - right) / curvature)
    return float(grid[k])


class MAPEstimator(EAPEstimator):
    """Maximum a posteriori: the posterior mode; SE from test information plus prior precision."""

    name = "map"

    def _estimate(self, state: AbilityState) -> Estimate:
        theta = _refined_mode(self.grid, state.log_weights)
        return Estimate(theta, _information_se(state, theta, 1.0 / self.prior_sd**2))


class MLEstimator(MAPEstimator):
    """Maximum likelihood, falling back to MAP while the pattern has no finite maximum.

    An all-right or all-wrong pattern (and a maximum at the edge of the grid) has no finite
    likelihood maximum; the estimate is then the posterior mode under the profile's prior.
    """

    name = "ml"

    def _estimate(self, state: AbilityState) -> Estimate:
        if not state.correct or all(state.correct) or not any(state.correct):
            return super()._estimate(state)
        k = int(np.argmax(state.log_likelihood))
        if k in (0, len(self.grid) - 1):
            return super()._estimate(state)
        theta = _refined_mode(self.grid, state.log_likelihood)
        return Estimate(theta, _information_se(state, theta, 0.0))


def _information_se(state: AbilityState, theta: float, prior_precision: float) -> float:
    info = prior_precision
    if state.items:
        pool, items = state.pool, np.asarray(state.items)
        info += float(irt.information(theta, pool.a[items], pool.b[items], pool.c[items]).sum())
    return float(1.0 / np.sqrt(info)) if info > 0 else float("inf")


# The reference's published estimator constants: a fixed grid and a moving normal prior; its
# certification configuration starts at −3 and caps each move (variationPercent 0.5).
REFERENCE_GRID = -9.0 + 0.225 * np.arange(80)
REFERENCE_PRIOR_VARIANCE = 1.5
REFERENCE_DEFAULT_ERROR = 5.0
REFERENCE_CLASS_WIDTH = 9.0 / 80.0
REFERENCE_START = -3.0
REFERENCE_VARIATION = 0.5


def limit_variation(previous: float, raw: float, variation: float) -> float:
    """The reference's cap on a move of the estimate: at most ``variation`` while the estimate is
    within ±``variation`` of 0, else at most ``variation`` times its size."""
    gap = variation if -variation < previous < variation else abs(previous * variation)
    return min(raw, previous + gap) if raw > previous else max(raw, previous - gap)


class ReferenceEstimator(AbilityEstimator):
    """The reference's EAP, reproduced for comparison.

    Its grid runs from −9 to 8.775 in steps of 0.225. After each answer the posterior is the
    likelihood of *all* answers so far times a normal prior of variance 1.5 centred on the
    *previous* estimate (not on the population mean), so the estimate depends on the order of
    the answers; the new estimate is the posterior mean, moved from the previous one by at most
    ``variation`` (0.5) while it is near 0, else by ``variation`` times its size. Its error is the
    posterior's root mean squared distance to that estimate, corrected for the grid's class
    width. Before any answer: ability ``start`` (−3, the reference's certification setting) and
    error 5. ``variation=None`` removes the cap.
    """

    name = "reference"
    population_prior = False  # and the reference's competence levels read the general ability only

    def __init__(self, start: float = REFERENCE_START, variation: float | None = REFERENCE_VARIATION) -> None:
        super().__init__(REFERENCE_GRID)  # a flat log prior: log_weights is the log-likelihood
        self.start, self.variation = start, variation

    def update(self, state: AbilityState, item: int, correct: bool) -> None:
        previous = state.history[-1].theta if state.history else self.start
        state.add(item, correct)
        prior = _normalised(-((self.grid - previous) ** 2) / (2 * REFERENCE_PRIOR_VARIANCE))
        likelihood = np.exp(state.log_weights - state.log_weights.max())
        posterior = likelihood * prior
        posterior /= posterior.sum()
        theta = float(posterior @ self.grid)
        if self.variation:
            theta = limit_variation(previous, theta, self.variation)
        variance = float(posterior @ (self.grid - theta) ** 2) - REFERENCE_CLASS_WIDTH**2 / 12.0
        state.history.append(Estimate(theta, float(np.sqrt(max(variance, 0.0)))))
        state.cache = state.history[-1]

    def _estimate(self, state: AbilityState) -> Estimate:
        return state.history[-1] if state.history else Estimate(self.start, REFERENCE_DEFAULT_ERROR)


def make_estimator(name: str, grid: np.ndarray, prior_mean: float, prior_sd: float) -> AbilityEstimator:
    """The profile's estimator by name: ``eap``, ``map`` or ``ml``."""
    kinds: dict[str, type[EAPEstimator]] = {"eap": EAPEstimator, "map": MAPEstimator, "ml": MLEstimator}
    if name not in kinds:
        raise ValueError(f"unknown estimator '{name}' (eap, map or ml)")
    return kinds[name](grid, prior_mean, prior_sd)
