"""Item response theory: the logistic models the engine, scoring and calibration share.

The convention is the reference's, with no 1.7 scaling factor::

    P(correct | θ) = c + (1 − c) / (1 + exp(a·(b − θ)))

``c = 0`` gives the 2PL model. Every function is pure and vectorised: ``theta`` and the item
parameters broadcast against each other with numpy's rules, so one call evaluates one item at
many abilities, many items at one ability, or a whole items × grid table (``a[:, None]`` against
``grid[None, :]``).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

# Probabilities are kept this far from 0 and 1 so that logarithms and information stay finite.
_EPS = 1e-12


def logit(theta: ArrayLike, a: ArrayLike, b: ArrayLike) -> FloatArray:
    """The linear predictor a·(θ − b) of the 2PL part."""
    return np.multiply(a, np.subtract(theta, b))


def probability(theta: ArrayLike, a: ArrayLike, b: ArrayLike, c: ArrayLike = 0.0) -> FloatArray:
    """Probability of a correct answer, in the open interval (c, 1).

    Parameters
    ----------
    theta : array_like
        Abilities.
    a, b, c : array_like
        Discrimination, difficulty and lower asymptote (0 for the 2PL model).
    """
    z = logit(theta, a, b)
    p2 = 1.0 / (1.0 + np.exp(-np.clip(z, -700.0, 700.0)))
    p = np.add(c, np.multiply(np.subtract(1.0, c), p2))
    return np.clip(p, _EPS, 1.0 - _EPS)


def information(theta: ArrayLike, a: ArrayLike, b: ArrayLike, c: ArrayLike = 0.0) -> FloatArray:
    """Fisher information of each item at ``theta`` (never negative).

    For the 2PL model this is a²·P·(1 − P); with a lower asymptote c it is
    a²·(1 − P)/P · ((P − c)/(1 − c))².
    """
    p = probability(theta, a, b, c)
    a2 = np.square(a)
    if np.all(np.asarray(c) == 0):
        return a2 * p * (1.0 - p)
    ratio = np.divide(np.subtract(p, c), np.subtract(1.0, c))
    return a2 * (1.0 - p) / p * np.square(ratio)


def test_information(theta: ArrayLike, a: ArrayLike, b: ArrayLike, c: ArrayLike = 0.0) -> FloatArray:
    """Sum of the items' information at each ability of ``theta``.

    ``a``, ``b`` and ``c`` are 1-D arrays of items; the result has the shape of ``theta``.
    """
    theta_arr = np.asarray(theta, dtype=float)
    a_arr, b_arr = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    c_arr = np.broadcast_to(np.asarray(c, dtype=float), a_arr.shape)
    info = information(theta_arr[..., None], a_arr, b_arr, c_arr)
    return info.sum(axis=-1)


def log_probabilities(
    theta: ArrayLike, a: ArrayLike, b: ArrayLike, c: ArrayLike = 0.0
) -> tuple[FloatArray, FloatArray]:
    """log P and log(1 − P), computed without cancellation for the 2PL case."""
    if np.all(np.asarray(c) == 0):
        z = logit(theta, a, b)
        return -np.logaddexp(0.0, -z), -np.logaddexp(0.0, z)
    p = probability(theta, a, b, c)
    return np.log(p), np.log1p(-p)


def log_likelihood(
    theta: ArrayLike, a: ArrayLike, b: ArrayLike, correct: ArrayLike, c: ArrayLike = 0.0
) -> FloatArray:
    """Log-likelihood of a response pattern at each ability of ``theta``.

    Parameters
    ----------
    theta : array_like
        Abilities, any shape.
    a, b, c : array_like
        1-D arrays, one entry per answered item.
    correct : array_like of bool
        1-D, whether each item was answered correctly.
    """
    theta_arr = np.asarray(theta, dtype=float)
    a_arr, b_arr = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    c_arr = np.broadcast_to(np.asarray(c, dtype=float), a_arr.shape)
    x = np.asarray(correct, dtype=bool)
    log_p, log_q = log_probabilities(theta_arr[..., None], a_arr, b_arr, c_arr)
    return np.where(x, log_p, log_q).sum(axis=-1)


def normal_log_density(grid: ArrayLike, mean: float, sd: float) -> FloatArray:
    """Log of the normal density up to a constant: the prior on an ability grid."""
    z = (np.asarray(grid, dtype=float) - mean) / sd
    return -0.5 * z * z
