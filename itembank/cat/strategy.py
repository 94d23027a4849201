"""Strategies: one small object per phase of the adaptive loop — start, estimate, select, stop.

``build_strategy(profile)`` gives the profile's strategy: ``pupitre`` (EAP with the profile's
prior, expected information less the cost of a quota slot under the quota blueprint, light
exposure control) or ``reference`` (a reproduction of the public reference's algorithm, for
centers that want it and for honest comparisons). Any phase can be swapped for a custom one
with ``dataclasses.replace``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from itembank.cat.blueprint import Blueprint, TestState
from itembank.cat.estimation import AbilityEstimator, ReferenceEstimator, make_estimator
from itembank.cat.selection import ItemSelector, MaxInfoSelector, OpportunityCostSelector, ReferenceSelector
from itembank.profile import ExamProfile


@dataclass(frozen=True)
class FixedStart:
    """Start phase: the ability used to choose the first question."""

    theta: float = 0.0

    def initial_theta(self) -> float:
        return self.theta


@dataclass(frozen=True)
class FixedLength:
    """Stop phase: the test ends after ``length`` answered questions."""

    length: int

    def done(self, state: TestState) -> bool:
        return state.answered >= self.length


@dataclass(frozen=True)
class Strategy:
    """The four phases of one adaptive algorithm, plus whether it uses exposure records."""

    name: str
    start: FixedStart
    estimator: AbilityEstimator
    selector: ItemSelector
    stop: FixedLength
    uses_exposure: bool = True

    @property
    def blueprint(self) -> Blueprint:
        return self.selector.blueprint


def profile_grid(profile: ExamProfile) -> np.ndarray:
    engine = profile.engine
    return np.linspace(engine.grid_min, engine.grid_max, engine.grid_points)


def build_strategy(profile: ExamProfile, name: str | None = None) -> Strategy:
    """The strategy ``name`` (default: the profile's own) configured from ``profile``."""
    name = name or profile.strategy
    if name == "pupitre":
        estimator = make_estimator(profile.engine.estimator, profile_grid(profile), profile.prior_mean,
                                   profile.prior_sd)
        kind = OpportunityCostSelector if profile.engine.selection == "opportunity-cost" else MaxInfoSelector
        selector = kind(Blueprint.from_profile(profile), profile.exposure.top_k, profile.exposure.near_tie)
        return Strategy("pupitre", FixedStart(profile.prior_mean), estimator, selector,
                        FixedLength(profile.length))
    if name == "reference":
        selector = ReferenceSelector(Blueprint.from_profile(profile, quota=False))
        estimator = ReferenceEstimator()
        return Strategy("reference", FixedStart(estimator.start), estimator, selector,
                        FixedLength(profile.length), uses_exposure=False)
    raise ValueError(f"unknown strategy '{name}' (pupitre or reference)")


_SHARED: dict[tuple[int, str | None], tuple[ExamProfile, Strategy]] = {}
_SHARED_MAX = 32


def shared_strategy(profile: ExamProfile, name: str | None = None) -> Strategy:
    """:func:`build_strategy`, built once per profile object and name and then shared by its tests.

    Sharing is valid because a profile is immutable (a frozen dataclass) and a strategy keeps no
    state of any test: a test's evidence lives in its own ``AbilityState`` and ``TestState``, and
    the selector's only memory is which of the pool's tables it read last. The cache holds the
    profile itself, so its ``id`` cannot be reused by another profile while the entry lives.
    """
    key = (id(profile), name)
    found = _SHARED.get(key)
    if found is None or found[0] is not profile:
        if len(_SHARED) >= _SHARED_MAX:
            _SHARED.clear()
        found = _SHARED[key] = (profile, build_strategy(profile, name))
    return found[1]
