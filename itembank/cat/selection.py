"""Item selection: the best eligible item by a criterion, with exposure control.

Randomness comes only from ``Generator.random()`` (one uniform double per draw), whose stream
numpy keeps stable for a given seed; ``choice`` and ``integers`` may change between numpy
versions, and a replay years later must draw the same items.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np

from itembank.cat.blueprint import Blueprint, TestState
from itembank.cat.pool import ItemPool

if TYPE_CHECKING:
    from itembank.cat.estimation import AbilityState


def _ranked(scores: np.ndarray, candidates: np.ndarray) -> list[int]:
    """``candidates`` ordered by decreasing score, ties by increasing index (platform-independent)."""
    values = scores[candidates].tolist()
    return [k for _, k in sorted(zip((-v for v in values), candidates.tolist(), strict=True))]


def _top(scores: np.ndarray, candidates: np.ndarray, k: int) -> list[int]:
    """The ``k`` best of ``candidates``, ranked; chosen by value so that ties break by index."""
    if len(candidates) > k:
        values = scores[candidates]
        kth = np.partition(values, len(values) - k)[len(values) - k]
        candidates = candidates[values >= kth]
    return _ranked(scores, candidates)[:k]


_CHUNK = 64


def _most_informative(pool: ItemPool, state: TestState, allowed: list[bool],
                      ranked: tuple[np.ndarray, np.ndarray, list[tuple[int, float]]],
                      exposure_ok: bytes | None, count: int, near_tie: float) -> tuple[list[int], list[float]]:
    """Up to ``count`` eligible items in decreasing information (``ranked`` from
    :meth:`ItemPool.ranking_head`), stopping at the first below ``(1 − near_tie)`` times the best;
    with their information."""
    open_bytes, competence = state.open_bytes, pool.competence_list
    order, info, head = ranked
    candidates: list[int] = []
    infos: list[float] = []
    floor = -1.0
    rest = (zip(order[start:start + _CHUNK].tolist(), info[start:start + _CHUNK].tolist(), strict=True)
            for start in range(len(head), len(order), _CHUNK))  # converted only if reached
    for k, value in chain(head, chain.from_iterable(rest)):
        if not (open_bytes[k] and allowed[competence[k]]):
            continue
        if exposure_ok is not None and not exposure_ok[k]:
            continue
        if not candidates:
            floor = (1.0 - near_tie) * value
        elif value < floor:
            return candidates, infos
        candidates.append(k)
        infos.append(value)
        if len(candidates) >= count:
            return candidates, infos
    return candidates, infos


class ItemSelector(ABC):
    """One phase of the adaptive loop: choose the next item among those the blueprint allows."""

    name: str = ""

    def __init__(self, blueprint: Blueprint):
        self.blueprint = blueprint

    @abstractmethod
    def select(self, pool: ItemPool, state: TestState, theta: float, rng: np.random.Generator,
               exposure_ok: bytes | None = None, ability: AbilityState | None = None) -> int | None:
        """The pool index of the next item, or None when no item is eligible.

        ``theta`` is the current estimate; ``ability`` the test's evidence on the ability grid,
        for selectors that use the whole posterior (None: the estimate only).
        """

    def most_informative(self, pool: ItemPool, state: TestState, theta: float) -> int | None:
        """The single best eligible item, with no randomness and no exposure rule (degradation)."""
        mask = self.blueprint.eligible(pool, state)
        if not mask.any():
            return None
        candidates = np.flatnonzero(mask)
        return _top(pool.information(theta), candidates, 1)[0]


class MaxInfoSelector(ItemSelector):
    """Maximum Fisher information at the current estimate, under the blueprint.

    Exposure control, two light mechanisms (docs/adr/0004):

    - the *restricted maximum exposure rate*: an item the exposure record shows in a share
      ``r_max`` of tests is not eligible (if that leaves nothing, the cap is ignored);
    - *randomesque among near-ties*: the item is drawn uniformly among the ``top_k`` best whose
      information is within ``near_tie`` (a share) of the best, so equal candidates do not all
      see the same first question, at almost no cost in precision.

    The items are read in order of decreasing information (:meth:`ItemPool.ranking`) until the
    candidates are known, which usually means a few dozen items rather than the whole bank.
    """

    name = "max-info"

    def __init__(self, blueprint: Blueprint, top_k: int = 5, near_tie: float = 0.05):
        super().__init__(blueprint)
        self.top_k, self.near_tie = top_k, near_tie

    def select(self, pool: ItemPool, state: TestState, theta: float, rng: np.random.Generator,
               exposure_ok: bytes | None = None, ability: AbilityState | None = None) -> int | None:
        allowed = self.blueprint.competences_open(pool, state)
        ranked = pool.ranking_head(theta)
        candidates, _ = _most_informative(pool, state, allowed, ranked, exposure_ok, self.top_k, self.near_tie)
        if not candidates and exposure_ok is not None:
            candidates, _ = _most_informative(pool, state, allowed, ranked, None, self.top_k, self.near_tie)
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        return candidates[int(rng.random() * len(candidates))]


class OpportunityCostSelector(ItemSelector):
    """Expected information over the posterior, less the expected cost of spending a quota slot.

    Under a quota every question uses one of its competence's slots. Asked now, an item brings
    its information at the (still uncertain) ability; the slot it uses could instead be used
    later, when the ability is well known, by one of the best items of the competence at that
    ability. The criterion of item j of competence c, on the estimator's grid with the current
    posterior weights w, is::

        E_w[I_j(θ)] − shortfall_weight · E_w[max(0, S_c(θ) − I_j(θ))]

    where S_c(θ) is the information at θ of the ``per_competence``-th most informative item of
    c in the bank (the second best by default): what a slot of c is worth when the ability is
    known. The second term is the information the test expects to lose by spending the slot on
    j now: near zero when j is among its competence's best wherever the posterior puts weight,
    large for an item that is good only if the current estimate happens to be right. Early in
    the test, when the posterior is wide, this keeps competences whose best items are sharp
    for later, when the estimate can aim them, and spends first the slots that lose little;
    as the posterior narrows the criterion tends to maximum information. Without a quota (a
    test shorter than its competences), S_c = 0 and the criterion is the posterior-weighted
    information.

    Both terms are sums over the grid of a per-item row that does not change during a test,
    so the criterion is one table (items × grid points, built once per pool) and a test pays
    one small matrix–vector product per question, for the ``candidates`` most informative
    eligible items at the estimate (:meth:`ItemPool.ranking`). S_c ignores the items a test has
    closed and the exposure cap (measured: keeping it exact per test gains under 0.1 % of RMSE
    and doubles the selection's time). Exposure control is :class:`MaxInfoSelector`'s: the
    ``r_max`` cap, and a uniform draw among at most ``top_k`` items whose criterion is within
    ``near_tie`` times the best item's information at the estimate of the best criterion.
    """

    name = "opportunity-cost"

    def __init__(self, blueprint: Blueprint, top_k: int = 5, near_tie: float = 0.05, *,
                 shortfall_weight: float = 3.0, candidates: int = 8):
        super().__init__(blueprint)
        self.top_k, self.near_tie = top_k, near_tie
        self.shortfall_weight, self.candidates = shortfall_weight, candidates
        self._last_table: tuple[ItemPool, np.ndarray, int, np.ndarray] | None = None

    def criterion_table(self, pool: ItemPool, grid: np.ndarray, length: int) -> np.ndarray:
        """I_j − shortfall_weight · max(0, S_c − I_j) on ``grid`` for every item, and a last row of
        ones (so that one product gives the scores and the posterior's total), cached in the pool."""
        last = self._last_table
        if last is not None and last[0] is pool and last[1] is grid and last[2] == length:
            return last[3]
        _, need = self.blueprint.caps(len(pool.competences), length)
        key = ("opportunity-cost", float(grid[0]), float(grid[-1]), len(grid), need, self.shortfall_weight)

        def build() -> np.ndarray:
            table = pool.information_table(grid)
            if need > 0:
                slots = np.vstack([pool.kth_information(grid, need), np.zeros((1, len(grid)))])  # unknown: 0
                table = table - self.shortfall_weight * np.maximum(slots[pool.competence] - table, 0.0)
            return np.vstack([table, np.ones((1, len(grid)))])

        table = pool.derived(key, build)
        self._last_table = (pool, grid, length, table)
        return table

    def select(self, pool: ItemPool, state: TestState, theta: float, rng: np.random.Generator,
               exposure_ok: bytes | None = None, ability: AbilityState | None = None) -> int | None:
        allowed = self.blueprint.competences_open(pool, state)
        ranked = pool.ranking_head(theta)
        candidates, infos = _most_informative(pool, state, allowed, ranked, exposure_ok, self.candidates, 1.0)
        if not candidates and exposure_ok is not None:
            candidates, infos = _most_informative(pool, state, allowed, ranked, None, self.candidates, 1.0)
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        if ability is None:  # no posterior: the information at the estimate decides
            values, total = infos, 1.0
        else:
            # The posterior up to a factor: the table's last row gives its total.
            last = self._last_table
            if last is not None and last[0] is pool and last[1] is ability.grid and last[2] == state.length:
                table = last[3]
            else:
                table = self.criterion_table(pool, ability.grid, state.length)
            candidates.append(len(pool))
            values = (table.take(candidates, axis=0) @ ability.posterior_weights()).tolist()
            candidates.pop()
            total = values.pop()
        count = len(values)
        best = max(range(count), key=values.__getitem__)  # the first best: ties by rank in information
        if self.top_k == 1:
            return candidates[best]
        floor = values[best] - self.near_tie * infos[best] * total
        near = [j for j in range(count) if values[j] >= floor]
        if len(near) == 1:
            return candidates[best]
        if len(near) > self.top_k:
            near = sorted(near, key=lambda j: (-values[j], j))[:self.top_k]
        return candidates[near[int(rng.random() * len(near))]]


class ReferenceSelector(ItemSelector):
    """The reference's "smart random": the 5 most informative, the first with probability 51 %.

    Among the eligible items sorted by information at the current estimate, the first of the
    top ``top`` is taken with probability ``first_probability``; otherwise the same draw is
    repeated on the rest, so the k-th has probability 0.51·0.49^(k−1) and the last takes what
    remains. No exposure record is used.
    """

    name = "reference"

    def __init__(self, blueprint: Blueprint, top: int = 5, first_probability: float = 0.51):
        super().__init__(blueprint)
        self.top, self.first_probability = top, first_probability

    def select(self, pool: ItemPool, state: TestState, theta: float, rng: np.random.Generator,
               exposure_ok: bytes | None = None, ability: AbilityState | None = None) -> int | None:
        mask = self.blueprint.eligible(pool, state)
        candidates = np.flatnonzero(mask)
        if len(candidates) == 0:
            return None
        info = pool.information(theta)
        ranked = _top(info, candidates, self.top)
        k = 0
        while k < len(ranked) - 1 and rng.random() >= self.first_probability:
            k += 1
        return ranked[k]
