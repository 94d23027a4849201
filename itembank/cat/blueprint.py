"""The blueprint: which items may come next, whatever their information.

Two shapes of rule, both from the exam profile:

- **quota** (the default strategy): every competence gets ``per_competence`` questions when the
  test is long enough for all of them (2 × 16 = 32 by default); never more than its cap; when
  the remaining questions are exactly what the unmet quotas need, only those competences stay
  open, in an order that keeps the no-repeat rule satisfiable to the end.
- **coverage first** (the reference): competences not yet seen come first, then any.

Both: one question per tube, never two versions of the same skill or variant group, and not
the competence of the last ``competence_gap`` questions (relaxed only when nothing else is left).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from itembank.cat.pool import ItemPool
from itembank.model import ItemMeta
from itembank.profile import ExamProfile


@dataclass
class TestState:
    """What the blueprint and the selectors know about a test in progress."""

    length: int
    open_bytes: bytearray  # 1 for items still allowed by the tube, variant, given and neutralised rules
    competence_counts: list[int]  # answered questions per competence (one extra slot: unknown)
    open_counts: list[int]  # open items per competence (same slots)
    administered: list[int] = field(default_factory=list)  # answered items, in order
    correct: list[bool] = field(default_factory=list)

    __test__ = False  # not a pytest test class

    def __post_init__(self) -> None:
        self.open = np.frombuffer(self.open_bytes, dtype=np.bool_)  # a numpy view of open_bytes

    @classmethod
    def begin(cls, pool: ItemPool, length: int, *, screen_reader: bool = False) -> TestState:
        """A test not yet started; with ``screen_reader``, items whose content is only visual are
        closed from the start, as an answered tube closes its items (never selected, never counted)."""
        allowed = pool.competence < len(pool.competences)
        if screen_reader:
            allowed = allowed & pool.screen_reader
        open_items = bytearray(allowed.tobytes())
        slots = len(pool.competences) + 1
        state = cls(length, open_items, [0] * slots, [0] * slots)
        state.count_open(pool)
        return state

    @property
    def answered(self) -> int:
        return len(self.administered)

    def count_open(self, pool: ItemPool) -> None:
        self.open_counts = np.bincount(pool.competence[self.open], minlength=len(self.open_counts)).tolist()

    def withdraw(self, pool: ItemPool, item: int) -> None:
        """Close one item only (a neutralised question): its tube and variants stay open."""
        self.open[item] = False
        self.open_counts[pool.competence[item]] -= 1

    def copy(self) -> TestState:
        return TestState(self.length, bytearray(self.open_bytes), list(self.competence_counts),
                         list(self.open_counts), list(self.administered), list(self.correct))


@dataclass(frozen=True)
class Blueprint:
    """The rules an item must meet to be given next (see the module docstring)."""

    per_competence: int | None = 2  # None: coverage first, no quota (the reference's rules)
    competence_gap: int = 1
    one_per_tube: bool = True
    one_per_variant: bool = True

    @classmethod
    def from_profile(cls, profile: ExamProfile, *, quota: bool = True) -> Blueprint:
        return cls(profile.per_competence if quota else None, profile.engine.competence_gap,
                   profile.engine.one_per_tube, True)

    # -- bookkeeping -----------------------------------------------------------------------
    def close(self, pool: ItemPool, state: TestState, item: int, correct: bool) -> None:
        """Record that ``item`` was answered: close it, its tube and its variant group."""
        open_bytes, open_counts, competences = state.open_bytes, state.open_counts, pool.competence_list
        for k in pool.closing_set(item, self.one_per_tube, self.one_per_variant):
            if open_bytes[k]:
                open_bytes[k] = 0
                open_counts[competences[k]] -= 1
        competence = pool.competence_list[item]
        state.competence_counts[competence] += 1
        if state.competence_counts[competence] >= self.caps(len(pool.competences), state.length)[0]:
            state.open[pool.competence_members[competence]] = False  # full: close the whole competence
            open_counts[competence] = 0
        state.administered.append(item)
        state.correct.append(correct)

    # -- eligibility -----------------------------------------------------------------------
    def caps(self, n_competences: int, length: int) -> tuple[int, int]:
        """(the most, the least) questions a competence gets in a test of ``length``."""
        return _caps(self.per_competence, n_competences, length)

    def competences_open(self, pool: ItemPool, state: TestState) -> list[bool]:
        """Which competences may give the next question.

        Plain Python on the 16 competences: numpy's per-call overhead dominates at this size.
        """
        n = len(pool.competences)
        counts, open_counts = state.competence_counts[:n], state.open_counts[:n]
        remaining = state.length - len(state.administered)
        deficit: list[int] | None = None
        if self.per_competence is None:
            allowed = [o > 0 and k == 0 for k, o in zip(counts, open_counts, strict=True)]
            if True not in allowed:
                allowed = [o > 0 for o in open_counts]
        else:
            cap, need = self.caps(n, state.length)
            deficit = [need - k if o > 0 and k < need else 0
                       for k, o in zip(counts, open_counts, strict=True)]
            if 0 < remaining <= sum(deficit):
                allowed = [d > 0 for d in deficit]
            else:
                allowed = [o > 0 and k < cap for k, o in zip(counts, open_counts, strict=True)]
                deficit = None
        if self.competence_gap and state.administered:
            spaced = list(allowed)
            for k in state.administered[-self.competence_gap:]:
                spaced[pool.competence_list[k]] = False
            if deficit is not None and self.competence_gap == 1 and max(deficit) > (remaining - 1) // 2:
                possible = _keeps_spacing_possible(deficit, remaining)
                spaced = [s and p for s, p in zip(spaced, possible, strict=True)]
            if True in spaced:
                allowed = spaced
        return allowed

    def restrict(self, pool: ItemPool, state: TestState, values: np.ndarray) -> np.ndarray:
        """Zero ``values`` (information, or a mask) for every item that may not come next.

        ``values`` must already be zero for closed items (multiplied by ``state.open``); only the
        competences closed for this question remain to be cleared, usually just the last one.
        """
        open_counts, members = state.open_counts, pool.competence_members
        for competence, allowed in enumerate(self.competences_open(pool, state)):
            if not allowed and open_counts[competence]:
                values[members[competence]] = 0
        return values

    def eligible(self, pool: ItemPool, state: TestState) -> np.ndarray:
        """Items that may be given next."""
        return self.restrict(pool, state, state.open.copy())

    # -- audit -----------------------------------------------------------------------------
    def violations(self, metas: Sequence[ItemMeta], competences: Sequence[str], length: int) -> list[str]:
        """Every rule a finished sequence of answered items breaks (empty when compliant)."""
        problems: list[str] = []
        codes = [m.competence for m in metas]
        if self.one_per_tube and len({m.tube for m in metas}) != len(metas):
            problems.append("two questions from the same tube")
        if self.one_per_variant and len({m.variant_group for m in metas}) != len(metas):
            problems.append("two versions of the same item")
        if self.competence_gap:
            for k in range(1, len(codes)):
                if codes[k] in codes[max(0, k - self.competence_gap):k]:
                    problems.append(f"question {k + 1} repeats a recent competence ({codes[k]})")
                    break
        counts = {c: codes.count(c) for c in competences}
        if len(metas) >= length:
            cap, need = self.caps(len(competences), length)
            if len(competences) <= length and any(v == 0 for v in counts.values()):
                missing = sorted(c for c, v in counts.items() if v == 0)
                problems.append(f"competences never asked: {', '.join(missing)}")
            if self.per_competence is not None:
                wrong = sorted(c for c, v in counts.items() if v > cap or v < need)
                if wrong:
                    problems.append(f"competences outside their quota: {', '.join(wrong)}")
        return problems


@functools.lru_cache(maxsize=64)
def _caps(per_competence: int | None, n_competences: int, length: int) -> tuple[int, int]:
    if per_competence is None:
        return length, 0
    cap = max(per_competence, math.ceil(length / n_competences))
    need = per_competence if n_competences * per_competence <= length else 0
    return cap, need


def _keeps_spacing_possible(deficit: list[int], remaining: int) -> list[bool]:
    """For each competence c: after asking c now, can the rest avoid two in a row?

    The remaining R − 1 questions, with the last one from c, can be ordered with no competence
    twice in a row exactly when c needs at most ⌊(R − 1)/2⌋ more and no other competence needs
    more than ⌈(R − 1)/2⌉.
    """
    rest = remaining - 1
    ordered = [*sorted(deficit, reverse=True), 0, 0]
    first, second = ordered[0], ordered[1]
    possible = []
    for d in deficit:
        other_max = second if d == first else first
        possible.append(d > 0 and d - 1 <= rest // 2 and other_max <= (rest + 1) // 2)
    return possible
