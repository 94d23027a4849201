"""Simulated candidates with known abilities taking adaptive tests.

Each simulated candidate answers item k correctly with the model's probability at their true
ability; the engine sees only the answers. The answers come from one "answer sheet" per
candidate — a uniform draw per item of the pool, right when below the probability — so that
two strategies simulated with the same seed face the same candidates answering the same items
the same way (common random numbers: their differences are not drowned in sampling noise). All
candidates share one exposure record, as the candidates of a real center would across sessions.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from itembank import irt
from itembank.cat.engine import AdaptiveTest
from itembank.cat.exposure import ExposureRecord
from itembank.cat.pool import ItemPool
from itembank.cat.strategy import build_strategy
from itembank.framework import Framework
from itembank.model import ItemMeta, Outcome
from itembank.profile import ExamProfile


@dataclass
class SimulationRun:
    """What happened to every simulated candidate (row k is candidate k).

    ``items`` holds the answered items' pool indices, −1 after the end of a shorter test;
    ``shown`` counts how many tests showed each item of the pool.
    """

    strategy: str
    profile: ExamProfile
    pool: ItemPool
    seed: int
    true_theta: np.ndarray
    theta: np.ndarray
    se: np.ndarray
    scores: np.ndarray
    items: np.ndarray
    correct: np.ndarray
    shown: np.ndarray
    seconds: np.ndarray
    compliant: np.ndarray

    @property
    def examinees(self) -> int:
        return len(self.true_theta)

    def responses(self) -> np.ndarray:
        """Candidates × pool items: 1 right, 0 wrong, NaN not asked (for calibration)."""
        table = np.full((self.examinees, len(self.pool)), np.nan)
        rows, cols = np.nonzero(self.items >= 0)
        table[rows, self.items[rows, cols]] = self.correct[rows, cols]
        return table


def abilities(seed: int, n: int, population: tuple[float, float] = (0.0, 1.0)) -> np.ndarray:
    """The true abilities :func:`simulate` draws for ``n`` candidates."""
    stream = np.random.SeedSequence(seed).spawn(3)[0]
    return np.random.default_rng(stream).normal(population[0], population[1], n)


def candidate_seeds(seed: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Each candidate's engine seed and answer-sheet seed, independent of how abilities were chosen."""
    _, engines, sheets = np.random.SeedSequence(seed).spawn(3)
    return (np.random.default_rng(engines).integers(0, 2**62, size=n),
            np.random.default_rng(sheets).integers(0, 2**62, size=n))


def answer_sheet(pool: ItemPool, theta: float, sheet_seed: int) -> np.ndarray:
    """Whether a candidate of ability ``theta`` would answer each item of the pool correctly."""
    uniforms = np.random.default_rng(sheet_seed).random(len(pool))
    return uniforms < irt.probability(theta, pool.a, pool.b, pool.c)


def simulate(
    metas: Sequence[ItemMeta] | ItemPool,
    framework: Framework,
    profile: ExamProfile,
    *,
    examinees: int | ArrayLike,
    seed: int,
    strategy: str | None = None,
    exposure: ExposureRecord | None = None,
    population: tuple[float, float] = (0.0, 1.0),
) -> SimulationRun:
    """Run one adaptive test per simulated candidate.

    Parameters
    ----------
    examinees : int or array_like
        A number of candidates drawn from N(population mean, population sd²), or their abilities.
    seed : int
        Seeds the abilities, the answers and each test's engine seed.
    strategy : str, optional
        ``pupitre`` or ``reference``; the profile's by default.
    exposure : ExposureRecord, optional
        Shared by all candidates and updated after each test; a fresh one by default.
    """
    pool = ItemPool.build(metas, framework)
    if isinstance(examinees, (int, np.integer)):
        true_theta = abilities(seed, int(examinees), population)
    else:
        true_theta = np.asarray(examinees, dtype=float)
    n = len(true_theta)
    engine_seeds, sheet_seeds = candidate_seeds(seed, n)
    built = build_strategy(profile, strategy)
    record = exposure if exposure is not None else ExposureRecord()
    shown_before = record.counts_for(pool).copy()
    length = profile.length
    theta, se = np.empty(n), np.empty(n)
    scores = np.zeros(n, dtype=np.int64)
    items = np.full((n, length), -1, dtype=np.int64)
    correct = np.zeros((n, length), dtype=bool)
    seconds = np.empty(n)
    compliant = np.zeros(n, dtype=bool)
    ok, ko = Outcome.OK, Outcome.KO
    for k in range(n):
        sheet = answer_sheet(pool, float(true_theta[k]), int(sheet_seeds[k])).tolist()
        started = time.perf_counter()  # the engine's time only, not the simulated candidate's
        test = AdaptiveTest(pool, framework, profile, int(engine_seeds[k]), strategy=built, exposure=record)
        while True:
            index = test.next_index()
            if index is None:
                break
            test.record_index(index, ok if sheet[index] else ko)
        estimate = test.estimate
        seconds[k] = time.perf_counter() - started
        record.add_indices(pool, test.shown)
        theta[k], se[k] = estimate.theta, estimate.se
        administered = test.answered_indices
        items[k, :len(administered)] = administered
        correct[k, :len(administered)] = test.answers
        scores[k] = test.result().score or 0
        compliant[k] = not built.blueprint.violations([pool.metas[i] for i in administered], pool.competences,
                                                       length)
    shown = record.counts_for(pool) - shown_before
    return SimulationRun(built.name, profile, pool, seed, true_theta, theta, se, scores, items, correct,
                         shown, seconds, compliant)
