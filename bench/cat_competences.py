"""Competence levels: how often each competence's level is right, with and without its own answers.

A 32-question test asks two questions per competence, so what it can say of one competence is
mostly what it says of the candidate as a whole. Pupitre reads each competence's ability as
the general ability moved by the competence's own answers, shrunk by a prior spread
(``scoring.competence_spread``, default 0.3; ADR 0005); the reference reads the general ability
only (spread 0). Which is better depends on how much a real candidate's competences differ,
which nobody knows before calibrating on real data. So the simulation draws candidates whose
ability in competence c is θ + δ_c, δ_c ~ N(0, τ²), for τ = 0 (one ability for everything, the
model the engine assumes) to 0.7, and scores the estimate of every competence against its truth:

- level agreement: the share of (candidate, competence) pairs whose level (0–8) is exactly right;
- RMSE of the competence's ability.

Setup: the synthetic 2,000-item bank (seed 0) of bench/cat_precision.py, the default profile,
1,500 candidates θ ~ N(0, 1) per τ (seed 7), answers drawn from the 2PL model at the ability of
the item's competence.

Targets (ours; the issue asks only for the levels): with the default spread, agreement at most
2 points below spread 0 when τ = 0, and not below it for any τ ≥ 0.3.

    python bench/cat_competences.py [--candidates 1500]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _table import Row, report

from itembank.cat import AdaptiveTest, ItemPool
from itembank.cat.estimation import competence_shifts
from itembank.framework import DEFAULT_FRAMEWORK
from itembank.model import Outcome
from itembank.profile import DEFAULT_COMPETENCE_SPREAD
from itembank.scoring import competence_levels_for
from itembank.synth import synthetic_bank

BANK_SEED = 0
CANDIDATE_SEED = 7
TAUS = (0.0, 0.3, 0.5, 0.7)
SPREADS = (0.0, 0.2, DEFAULT_COMPETENCE_SPREAD, 0.5)
MAX_LOSS_AT_ZERO = 0.02


def trial(pool: ItemPool, profile, tau: float, candidates: int) -> dict[float, tuple[float, float]]:
    """spread → (level agreement, RMSE of the competence abilities) for candidates of spread τ."""
    rng = np.random.default_rng([CANDIDATE_SEED, round(tau * 100)])
    settings = profile.scoring
    codes = pool.competences
    thresholds = [np.array(settings.thresholds_for(code)) for code in codes]
    agree = {s: 0 for s in SPREADS}
    squared = {s: 0.0 for s in SPREADS}
    count = 0
    for k in range(candidates):
        theta = float(rng.normal())
        deviation = rng.normal(0.0, tau, len(codes)) if tau > 0 else np.zeros(len(codes))
        test = AdaptiveTest(pool, DEFAULT_FRAMEWORK, profile, k)
        while (index := test.next_index()) is not None:
            ability = theta + deviation[pool.competence[index]]
            p = 1.0 / (1.0 + np.exp(pool.a[index] * (pool.b[index] - ability)))
            test.record_index(index, Outcome.OK if rng.random() < p else Outcome.KO)
        estimate = test.estimate.theta
        truth = theta + deviation
        true_levels = [int(np.searchsorted(t, v, side="right")) for t, v in zip(thresholds, truth, strict=True)]
        for spread in SPREADS:
            estimated = estimate + competence_shifts(test.ability_state, spread)
            levels = competence_levels_for_all(estimated, codes, settings)
            agree[spread] += sum(a == b for a, b in zip(levels, true_levels, strict=True))
            squared[spread] += float(np.sum((estimated - truth) ** 2))
        count += len(codes)
    return {s: (agree[s] / count, float(np.sqrt(squared[s] / count))) for s in SPREADS}


def competence_levels_for_all(thetas: np.ndarray, codes, settings) -> list[int]:
    return [competence_levels_for(float(t), (code,), settings)[code] for t, code in zip(thetas, codes, strict=True)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--candidates", type=int, default=1500)
    args = parser.parse_args()
    bank = synthetic_bank(2000, BANK_SEED)
    pool = ItemPool([item.meta() for item in bank.items], DEFAULT_FRAMEWORK)
    profile = bank.profile()
    default = profile.scoring.competence_spread
    rows = []
    for tau in TAUS:
        results = trial(pool, profile, tau, args.candidates)
        base = results[0.0][0]
        for spread in SPREADS:
            agreement, rmse = results[spread]
            label = f"τ = {tau:.1f}, spread {spread:.1f}{' (default)' if spread == default else ''}"
            rows.append(Row(f"{label}: RMSE of competence abilities", rmse, None, ""))
            if spread != default or spread == 0.0:
                rows.append(Row(f"{label}: level agreement", agreement, None, ""))
            elif tau == 0.0:
                rows.append(Row(f"{label}: level agreement − spread 0's", agreement - base, -MAX_LOSS_AT_ZERO, "",
                                lower_is_better=False))
            else:
                rows.append(Row(f"{label}: level agreement − spread 0's", agreement - base, 0.0, "",
                                lower_is_better=False))
    return report(f"Competence levels: {args.candidates} candidates per τ, 32 questions, 2,000-item bank", rows)


if __name__ == "__main__":
    sys.exit(main())
