"""Item selection: the most informative eligible item, with exposure control.

Randomness comes only from ``Generator.random()`` (one uniform double per draw), whose stream
numpy keeps stable for a given seed; ``choice`` and ``integers`` may change between numpy
versions, and a replay years later must draw the same items.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

from itembank.cat.blueprint import Blueprint, TestState
from itembank.cat.pool import ItemPool


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


class ItemSelector(ABC):
    """One phase of the adaptive loop: choose the next item among those the blueprint allows."""

    name: str = ""

    def __init__(self, blueprint: Blueprint):
        self.blueprint = blueprint

    @abstractmethod
    def select(self, pool: ItemPool, state: TestState, theta: float, rng: np.random.Generator,
               exposure_ok: bytes | None = None) -> int | None:
        """The pool index of the next item, or None when no item is eligible."""

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
               exposure_ok: bytes | None = None) -> int | None:
        allowed = self.blueprint.competences_open(pool, state)
        order, info = pool.ranking(theta)
        candidates = self._candidates(pool, state, allowed, order, info, exposure_ok)
        if not candidates and exposure_ok is not None:
            candidates = self._candidates(pool, state, allowed, order, info, None)
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        return candidates[int(rng.random() * len(candidates))]

    def _candidates(self, pool: ItemPool, state: TestState, allowed: list[bool], order: np.ndarray,
                    info: np.ndarray, exposure_ok: bytes | None) -> list[int]:
        open_bytes, competence = state.open_bytes, pool.competence_list
        candidates: list[int] = []
        floor = -1.0
        for start in range(0, len(order), _CHUNK):
            values = info[start:start + _CHUNK].tolist()
            for k, value in zip(order[start:start + _CHUNK].tolist(), values, strict=True):
                if not (open_bytes[k] and allowed[competence[k]]):
                    continue
                if exposure_ok is not None and not exposure_ok[k]:
                    continue
                if not candidates:
                    floor = (1.0 - self.near_tie) * value
                elif value < floor:
                    return candidates
                candidates.append(k)
                if len(candidates) >= self.top_k:
                    return candidates
        return candidates


_CHUNK = 64


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
               exposure_ok: bytes | None = None) -> int | None:
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
