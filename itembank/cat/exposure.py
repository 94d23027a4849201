"""Exposure records: how often each item has been given, so that no item is over-exposed.

A center keeps one record per bank (from its previous sessions, or shipped in the bank); the
engine reads it at the start of a test, and the simulation updates it after every simulated
candidate. The record is an input of the test, like the seed: a replay must use the same one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from itembank.cat.errors import ExposureFormatError
from itembank.cat.pool import ItemPool

MAX_TESTS = 10**9


@dataclass
class ExposureRecord:
    """Item id → number of tests that showed it, out of ``tests`` tests."""

    counts: dict[str, int] = field(default_factory=dict)
    tests: int = 0
    _arrays: dict[int, tuple[ItemPool, np.ndarray]] = field(default_factory=dict, repr=False, compare=False)

    def counts_for(self, pool: ItemPool) -> np.ndarray:
        """The counts aligned with ``pool`` (kept up to date by :meth:`add_test`)."""
        cached = self._arrays.get(id(pool))
        if cached is None or cached[0] is not pool:
            array = np.fromiter((self.counts.get(i, 0) for i in pool.ids), dtype=np.int64, count=len(pool))
            cached = self._arrays[id(pool)] = (pool, array)
        return cached[1]

    def eligible(self, pool: ItemPool, r_max: float) -> np.ndarray:
        """Items that may be given in the next test without their exposure rate exceeding ``r_max``.

        An item is eligible when (count + 1) / (tests + 1) ≤ r_max: giving it once more keeps its
        rate at or under the cap. During the first tests of a record nothing qualifies; the
        selector then ignores the cap rather than stopping the test.
        """
        return (self.counts_for(pool) + 1) <= r_max * (self.tests + 1) + 1e-9

    def add_test(self, item_ids: Iterable[str]) -> None:
        """Count one more test that showed ``item_ids`` (each at most once)."""
        shown = set(item_ids)
        for item_id in shown:
            self.counts[item_id] = self.counts.get(item_id, 0) + 1
        for pool, array in self._arrays.values():
            for item_id in shown:
                k = pool.index.get(item_id)
                if k is not None:
                    array[k] += 1
        self.tests += 1

    def add_indices(self, pool: ItemPool, indices: Iterable[int]) -> None:
        """:meth:`add_test` for pool indices (the simulation's fast path)."""
        self.add_test(pool.ids[k] for k in indices)

    def rates(self) -> dict[str, float]:
        return {k: v / self.tests for k, v in self.counts.items()} if self.tests else {}

    def to_dict(self) -> dict[str, Any]:
        return {"tests": self.tests, "counts": dict(sorted(self.counts.items()))}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], what: str = "exposure record") -> ExposureRecord:
        """Read a record as the console sends it with an authorisation (``{tests, counts}``, other keys
        such as ``bank_id`` and ``sha256`` ignored); every count is a whole number from 0 to ``tests``."""
        if not isinstance(data, Mapping):
            raise ExposureFormatError(f"{what}: expected a mapping")
        tests, counts = data.get("tests", 0), data.get("counts", {})
        if not _whole(tests) or tests > MAX_TESTS:
            raise ExposureFormatError(f"{what}: 'tests' must be a whole number from 0 to {MAX_TESTS}")
        if not isinstance(counts, Mapping):
            raise ExposureFormatError(f"{what}: 'counts' must map item ids to counts")
        for item_id, count in counts.items():
            if not isinstance(item_id, str) or not item_id or not _whole(count) or count > tests:
                raise ExposureFormatError(f"{what}: count of {str(item_id)[:40]!r} must be a whole number from 0 to "
                                          f"the {tests} tests")
        return cls(dict(counts), tests)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
