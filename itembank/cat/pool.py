"""The item pool: an index of item metadata turned into arrays the engine can compute on at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from itembank import irt
from itembank.framework import Framework
from itembank.model import ItemMeta

RANK_MIN, RANK_MAX, RANK_STEP = -6.0, 6.0, 0.01
RANK_HEAD = 64  # items of each ranking row also kept as Python pairs (see ItemPool.ranking_head)


def _row(theta: float) -> int:
    """The ranking row of an ability: the nearest point of the ranking grid, the ends for abilities past them."""
    return round((min(max(theta, RANK_MIN), RANK_MAX) - RANK_MIN) / RANK_STEP)


def _codes(values: Sequence[str]) -> tuple[np.ndarray, list[np.ndarray]]:
    """Integer codes for repeated labels, and the members of each label."""
    labels: dict[str, int] = {}
    codes = np.fromiter((labels.setdefault(v, len(labels)) for v in values), dtype=np.int64,
                        count=len(values))
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(labels) + 1))
    return codes, [order[bounds[k]:bounds[k + 1]] for k in range(len(labels))]


class ItemPool:
    """Everything about a bank's items that selection and estimation need, as numpy arrays.

    Build it once per bank (``ItemPool.build``) and share it between tests: the per-item
    log-probability tables on an ability grid are computed on first use and cached.
    Competences are numbered in the framework's order; an item whose competence is not in the
    framework gets the code ``len(competences)`` and is never selected.
    """

    def __init__(self, metas: Sequence[ItemMeta], framework: Framework):
        self.metas: tuple[ItemMeta, ...] = tuple(metas)
        self.framework = framework
        self.ids: tuple[str, ...] = tuple(m.id for m in self.metas)
        self.index: dict[str, int] = {item_id: k for k, item_id in enumerate(self.ids)}
        if len(self.index) != len(self.ids):
            raise ValueError("the item index lists an item id twice")
        self.competences: tuple[str, ...] = framework.codes
        position = {code: k for k, code in enumerate(self.competences)}
        self.competence = np.fromiter((position.get(m.competence, len(self.competences)) for m in self.metas),
                                      dtype=np.int64, count=len(self.metas))
        self.competence_list: list[int] = self.competence.tolist()
        order = np.argsort(self.competence, kind="stable")
        cuts = np.searchsorted(self.competence[order], np.arange(len(self.competences) + 2))
        self.competence_members = [order[cuts[k]:cuts[k + 1]] for k in range(len(self.competences) + 1)]
        self.a = np.array([m.irt.a for m in self.metas], dtype=float)
        self.b = np.array([m.irt.b for m in self.metas], dtype=float)
        self.c = np.array([m.irt.c for m in self.metas], dtype=float)
        self.guessing = bool(np.any(self.c != 0))
        self.a2 = self.a * self.a
        # Answerable with a screen reader (alt texts suffice): the only items a candidate whose
        # accommodation says "screen reader" is given.
        self.screen_reader = np.fromiter((m.screen_reader for m in self.metas), dtype=np.bool_, count=len(self.metas))
        self.tube, self.tube_members = _codes([m.tube for m in self.metas])
        self.variant, self.variant_members = _codes([m.variant_group for m in self.metas])
        self._tables: dict[tuple[float, float, int], tuple[np.ndarray, np.ndarray]] = {}
        self._information_tables: dict[tuple[float, float, int], np.ndarray] = {}
        self._derived: dict[tuple, np.ndarray] = {}
        self._rankings: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._heads: dict[int, list[tuple[int, float]]] = {}
        self._closing: dict[tuple[int, bool, bool], list[int]] = {}

    @classmethod
    def build(cls, metas: Sequence[ItemMeta] | ItemPool, framework: Framework) -> ItemPool:
        if isinstance(metas, ItemPool):
            # the pool's own framework (the same object) needs no check
            if framework is not metas.framework and metas.competences != framework.codes:
                raise ValueError("the item pool was built for another framework")
            return metas
        return cls(metas, framework)

    def __len__(self) -> int:
        return len(self.ids)

    def closing_set(self, item: int, tube: bool, variant: bool) -> list[int]:
        """The item and, as asked, the other items of its tube and of its variant group (cached)."""
        key = (item, tube, variant)
        found = self._closing.get(key)
        if found is None:
            parts = [np.array([item])]
            if tube:
                parts.append(self.tube_members[self.tube[item]])
            if variant:
                parts.append(self.variant_members[self.variant[item]])
            found = self._closing[key] = np.unique(np.concatenate(parts)).tolist()
        return found

    def information(self, theta: float) -> np.ndarray:
        """Fisher information of every item at ``theta``."""
        if self.guessing:
            return irt.information(theta, self.a, self.b, self.c)
        p = 1.0 / (1.0 + np.exp(self.a * (self.b - theta)))
        return self.a2 * p * (1.0 - p)

    def ranking(self, theta: float) -> tuple[np.ndarray, np.ndarray]:
        """Items by decreasing information at ``theta`` rounded to the nearest ``RANK_STEP``.

        Returns (pool indices, their information), ties by increasing index. Rows are built on
        first use and cached (at most one per 0.01 of ability between −6 and 6, clamped). Rounding
        the ability by at most 0.005 — a fortieth of the smallest standard error a test reaches —
        can only reorder near-ties, and lets a selection read the best items first instead of
        computing and sorting every item's information at each question.
        """
        return self._ranking_row(_row(theta))

    def _ranking_row(self, row: int) -> tuple[np.ndarray, np.ndarray]:
        found = self._rankings.get(row)
        if found is None:
            info = self.information(RANK_MIN + row * RANK_STEP)
            order = np.argsort(-info, kind="stable")
            found = self._rankings[row] = (order, info[order])
        return found

    def ranking_head(self, theta: float) -> tuple[np.ndarray, np.ndarray, list[tuple[int, float]]]:
        """:meth:`ranking`, and its first ``RANK_HEAD`` items as (index, information) pairs.

        The pairs are the row's own values (``tolist`` of the cached arrays, so the same floats),
        converted once per row instead of at every selection; a selection usually finds its
        candidates among them. Cached like the rows (valid as long as they are: for the pool's life).
        """
        row = _row(theta)
        order, info = self._ranking_row(row)
        head = self._heads.get(row)
        if head is None:
            head = self._heads[row] = list(zip(order[:RANK_HEAD].tolist(), info[:RANK_HEAD].tolist(),
                                               strict=True))
        return order, info, head

    def probability(self, theta: float | np.ndarray, items: np.ndarray | int) -> np.ndarray:
        return irt.probability(theta, self.a[items], self.b[items], self.c[items])

    def tables(self, grid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """log P and log(1 − P) of every item on ``grid`` (items × grid points), cached."""
        key = (float(grid[0]), float(grid[-1]), len(grid))
        if key not in self._tables:
            log_p, log_q = irt.log_probabilities(grid[None, :], self.a[:, None], self.b[:, None],
                                                 self.c[:, None])
            self._tables[key] = (np.ascontiguousarray(log_p), np.ascontiguousarray(log_q))
        return self._tables[key]

    def information_table(self, grid: np.ndarray) -> np.ndarray:
        """Fisher information of every item on ``grid`` (items × grid points), cached."""
        key = (float(grid[0]), float(grid[-1]), len(grid))
        found = self._information_tables.get(key)
        if found is None:
            info = irt.information(grid[None, :], self.a[:, None], self.b[:, None], self.c[:, None])
            found = self._information_tables[key] = np.ascontiguousarray(info)
        return found

    def kth_information(self, grid: np.ndarray, k: int) -> np.ndarray:
        """Each competence's k-th largest item information at each point of ``grid``
        (competences × grid points; 0 for a competence with fewer than k items), cached."""
        return self.derived(("kth-information", float(grid[0]), float(grid[-1]), len(grid), k),
                            lambda: self._kth_information(grid, k))

    def _kth_information(self, grid: np.ndarray, k: int) -> np.ndarray:
        table = self.information_table(grid)
        values = np.zeros((len(self.competences), len(grid)))
        for c in range(len(self.competences)):
            members = self.competence_members[c]
            if len(members) >= k:
                values[c] = np.partition(table[members], len(members) - k, axis=0)[len(members) - k]
        return values

    def derived(self, key: tuple, build: Callable[[], np.ndarray]) -> np.ndarray:
        """A table computed from the items by ``build``, once per pool and ``key`` (read-only)."""
        found = self._derived.get(key)
        if found is None:
            found = self._derived[key] = build()
            found.setflags(write=False)
        return found
