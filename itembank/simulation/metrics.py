"""Precision, exposure and blueprint statistics of a simulation run."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from itembank import irt
from itembank.cat.pool import ItemPool
from itembank.simulation.run import SimulationRun

CONDITIONAL_POINTS = (-2.0, -1.0, 0.0, 1.0, 2.0)
CONDITIONAL_HALF_WIDTH = 0.5


def theoretical_bound(pool: ItemPool, thetas: np.ndarray, length: int, chunk: int = 500) -> np.ndarray:
    """1/√(sum of the ``length`` largest item informations at each ability): the standard error of
    an ideal test built for a known ability, ignoring the blueprint."""
    thetas = np.asarray(thetas, dtype=float)
    out = np.empty(len(thetas))
    k = min(length, len(pool))
    for start in range(0, len(thetas), chunk):
        block = thetas[start:start + chunk]
        info = irt.information(block[:, None], pool.a, pool.b, pool.c)
        top = np.partition(info, info.shape[1] - k, axis=1)[:, -k:]
        out[start:start + chunk] = 1.0 / np.sqrt(top.sum(axis=1))
    return out


@dataclass(frozen=True)
class ConditionalRow:
    """Precision of the candidates whose true ability is within 0.5 of ``theta``."""

    theta: float
    count: int
    rmse: float
    bias: float
    se: float
    bound: float


@dataclass(frozen=True)
class SimulationSummary:
    """The figures a report and a benchmark need from one simulation run."""

    strategy: str
    examinees: int
    mean_length: float
    rmse: float
    bias: float
    mean_se: float
    bound: float
    rmse_to_bound: float
    reliability: float  # empirical: var(θ̂) / (var(θ̂) + mean SE²)
    true_reliability: float  # squared correlation of θ̂ with the true ability
    max_exposure: float
    unused_share: float
    overlap: float
    compliance: float
    ms_per_candidate: float
    conditional: tuple[ConditionalRow, ...]

    def to_dict(self) -> dict:
        return asdict(self)


def _rmse(errors: np.ndarray) -> float:
    return float(np.sqrt(np.mean(errors * errors))) if len(errors) else float("nan")


def summarise(run: SimulationRun, bound: np.ndarray | None = None) -> SimulationSummary:
    """Compute every statistic of ``run`` (``bound`` per candidate may be passed to avoid recomputing it)."""
    truth, est, se = run.true_theta, run.theta, run.se
    errors = est - truth
    lengths = (run.items >= 0).sum(axis=1)
    if bound is None:
        bound = theoretical_bound(run.pool, truth, run.profile.length)
    n = run.examinees
    counts = run.shown.astype(float)
    mean_length = float(lengths.mean())
    pairs = n * (n - 1) * mean_length
    overlap = float((counts * (counts - 1)).sum() / pairs) if pairs else 0.0
    variance = float(np.var(est))
    conditional = []
    for point in CONDITIONAL_POINTS:
        near = np.abs(truth - point) < CONDITIONAL_HALF_WIDTH
        conditional.append(ConditionalRow(
            point, int(near.sum()), _rmse(errors[near]),
            float(errors[near].mean()) if near.any() else float("nan"),
            float(np.sqrt(np.mean(se[near] ** 2))) if near.any() else float("nan"),
            float(bound[near].mean()) if near.any() else float("nan"),
        ))
    rmse = _rmse(errors)
    return SimulationSummary(
        strategy=run.strategy,
        examinees=n,
        mean_length=mean_length,
        rmse=rmse,
        bias=float(errors.mean()),
        mean_se=float(np.sqrt(np.mean(se * se))),
        bound=float(bound.mean()),
        rmse_to_bound=rmse / float(bound.mean()),
        reliability=variance / (variance + float(np.mean(se * se))) if variance > 0 else 0.0,
        true_reliability=float(np.corrcoef(est, truth)[0, 1] ** 2) if n > 2 else float("nan"),
        max_exposure=float(counts.max() / n) if n else 0.0,
        unused_share=float(np.mean(counts == 0)),
        overlap=overlap,
        compliance=float(run.compliant.mean()) if n else 0.0,
        ms_per_candidate=float(run.seconds.mean() * 1000.0) if n else 0.0,
        conditional=tuple(conditional),
    )
