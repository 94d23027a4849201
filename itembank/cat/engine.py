"""The adaptive test: the loop the kiosk drives, question by question.

::

    test = AdaptiveTest(metas, framework, profile, rng_seed)
    while not test.finished:
        item_id = test.next_item()          # the same id until it is answered or neutralised
        test.record(item_id, outcome)       # or test.neutralise(item_id): replaced, same number
    result = test.result()                  # or result(abort="candidate" | "technical")

The test is deterministic given the pool, the profile, the seed, the exposure record and the
sequence of events, so ``to_dict``/``from_dict`` (crash recovery) and :mod:`itembank.replay`
(audit) rebuild it by re-running those events.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from itembank.cat.blueprint import TestState
from itembank.cat.errors import EngineError, ItemNotPendingError, TestFinishedError
from itembank.cat.estimation import AbilityState, Estimate, competence_shifts
from itembank.cat.exposure import ExposureRecord
from itembank.cat.pool import ItemPool
from itembank.cat.strategy import Strategy, shared_strategy
from itembank.framework import Framework
from itembank.model import ItemMeta, Outcome
from itembank.profile import ExamProfile
from itembank.scoring import (
    ABORTS,
    BANK_EXHAUSTED,
    TECHNICAL_ABORT,
    Result,
    level_for,
    score_ability,
    status_for,
)

NEUTRALISED = "neutralised"
# What the engine chooses and computes, for the same inputs, changes only with this number; every
# result states it (Result.engine) and an audit replays only results of its own version.
# 1: maximum information at the estimate; every competence at the general ability.
# 2: opportunity-cost selection by default (ADR 0004); competence levels from their own answers
#    (scoring.competence_spread, ADR 0005).
# 3: the default ability grid spans the score scale (−8 to 8, 161 points, was ±5 and 101), and a
#    posterior cut by the grid's end is extended past it (honest SE there); no right answer scores
#    0; a bank with no eligible item left ends the test with its own reason, "bank-exhausted";
#    the reference strategy starts at −3 and caps each move of its estimate, as the reference does.
ENGINE_VERSION = 3
_OUTCOMES = {o.value: o for o in Outcome}


@dataclass(frozen=True)
class Event:
    """One line of the answer log: an item and how it ended (an Outcome value, or "neutralised")."""

    item_id: str
    outcome: str

    def to_dict(self) -> dict[str, str]:
        return {"item": self.item_id, "outcome": self.outcome}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | Sequence[Any]) -> Event:
        if isinstance(data, Mapping):
            item_id, outcome = data["item"], data["outcome"]
        else:
            item_id, outcome = data
        outcome = outcome.value if isinstance(outcome, Outcome) else str(outcome)
        if outcome != NEUTRALISED and outcome not in _OUTCOMES:
            raise EngineError(f"log entry for item {item_id}: unknown outcome '{outcome}'")
        return cls(str(item_id), outcome)


class AdaptiveTest:
    """One candidate's adaptive test (see the module docstring).

    Parameters
    ----------
    metas : sequence of ItemMeta, or ItemPool
        The bank's index; build an :class:`ItemPool` once to share it between many tests.
    framework, profile :
        The competences, and the rules of the test.
    rng_seed : int
        Seeds the test's ``numpy.random.Generator``; recorded for the replay audit.
    strategy : Strategy or its name, optional
        Defaults to the profile's strategy.
    exposure : ExposureRecord, optional
        Exposure counts of previous tests; without it the exposure cap is inactive.
    screen_reader : bool
        The candidate's accommodation says screen reader: items marked ``screen_reader: false``
        (only visual) are never selected. Part of the test's inputs: recorded, and replayed.
    """

    def __init__(
        self,
        metas: Sequence[ItemMeta] | ItemPool,
        framework: Framework,
        profile: ExamProfile,
        rng_seed: int,
        *,
        strategy: Strategy | str | None = None,
        exposure: ExposureRecord | None = None,
        screen_reader: bool = False,
    ):
        if isinstance(rng_seed, bool) or not isinstance(rng_seed, (int, np.integer)) or rng_seed < 0:
            raise EngineError(f"the seed must be a non-negative whole number, not {rng_seed!r}")
        self.pool = ItemPool.build(metas, framework)
        self.framework, self.profile = framework, profile
        self.seed = int(rng_seed)
        self.strategy = strategy if isinstance(strategy, Strategy) else shared_strategy(profile, strategy)
        self.exposure = exposure
        self._rng = np.random.default_rng(self.seed)
        self.screen_reader = bool(screen_reader)
        self._state = TestState.begin(self.pool, profile.length, screen_reader=self.screen_reader)
        self._ability = self.strategy.estimator.begin(self.pool)
        self._exposure_ok = (exposure.eligible(self.pool, profile.exposure.r_max).tobytes()
                             if exposure is not None and self.strategy.uses_exposure else None)
        self._pending: int | None = None
        self._events: list[Event] = []
        self._shown: list[int] = []
        self._exhausted = False

    # -- what the kiosk reads ----------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self._pending is None and (self._exhausted or self.strategy.stop.done(self._state))

    @property
    def exhausted(self) -> bool:
        """The bank has no eligible item left before the test's length (known without drawing one,
        so a replay that stops at the last logged answer finds it as the kiosk did)."""
        if self._exhausted:
            return True
        return (self._pending is None and not self.strategy.stop.done(self._state)
                and not self.strategy.blueprint.eligible(self.pool, self._state).any())

    @property
    def position(self) -> int:
        """The number of the question on screen (or next), from 1; a replacement keeps the number."""
        return min(self._state.answered + 1, self.profile.length)

    @property
    def answered(self) -> int:
        return self._state.answered

    @property
    def estimate(self) -> Estimate:
        return self.strategy.estimator.estimate(self._ability)

    @property
    def ability_state(self) -> AbilityState:
        """The test's evidence on the ability grid (to read, not to change)."""
        return self._ability

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(self._events)

    @property
    def items(self) -> tuple[str, ...]:
        """The answered items, in order."""
        return tuple(self.pool.ids[k] for k in self._state.administered)

    @property
    def answered_indices(self) -> tuple[int, ...]:
        """Pool indices of the answered items, in order."""
        return tuple(self._state.administered)

    @property
    def answers(self) -> tuple[bool, ...]:
        """Whether each answered item was right, in order."""
        return tuple(self._state.correct)

    @property
    def shown(self) -> tuple[int, ...]:
        """Pool indices of every item shown, neutralised ones included."""
        return tuple(self._shown)

    @property
    def pending(self) -> str | None:
        return None if self._pending is None else self.pool.ids[self._pending]

    # -- the loop ----------------------------------------------------------------------------
    def next_item(self) -> str | None:
        """The item to show: the pending one if any, else a new one; None once the test is over."""
        index = self.next_index()
        return None if index is None else self.pool.ids[index]

    def next_index(self) -> int | None:
        """:meth:`next_item` as a pool index (the simulation's fast path)."""
        if self._pending is not None:
            return self._pending
        if self.finished:
            return None
        state = self._state
        theta = self.estimate.theta if state.answered else self.strategy.start.initial_theta()
        index = self.strategy.selector.select(self.pool, state, theta, self._rng, self._exposure_ok,
                                              self._ability)
        if index is None:
            self._exhausted = True
            return None
        self._pending = index
        self._shown.append(index)
        return index

    def record(self, item_id: str, outcome: Outcome | str) -> None:
        """Record how the pending item ended. Only ``ok`` is right; skipped, focused-out and
        timed-out count as wrong."""
        value = outcome.value if isinstance(outcome, Outcome) else str(outcome)
        if value not in _OUTCOMES:
            raise EngineError(f"unknown outcome '{outcome}' for item {item_id}")
        self.record_index(self._expect_pending(item_id), _OUTCOMES[value])

    def record_index(self, index: int, outcome: Outcome) -> None:
        """:meth:`record` with a pool index (the simulation's fast path)."""
        if index != self._pending:
            self._expect_pending(self.pool.ids[index])
        correct = outcome is Outcome.OK
        self.strategy.estimator.update(self._ability, index, correct)
        self.strategy.blueprint.close(self.pool, self._state, index, correct)
        self._events.append(Event(self.pool.ids[index], outcome.value))
        self._pending = None

    def neutralise(self, item_id: str) -> None:
        """Withdraw the pending item (problem report validated): it is never scored nor shown
        again, and :meth:`next_item` gives a replacement under the same question number."""
        index = self._expect_pending(item_id)
        self._state.withdraw(self.pool, index)
        self._events.append(Event(item_id, NEUTRALISED))
        self._pending = None

    def apply(self, event: Event) -> None:
        """Re-run one logged event (crash recovery); raises if the engine would show another item."""
        expected = self.next_item()
        if expected != event.item_id:
            raise EngineError(f"question {self.position}: the log has item {event.item_id} but the engine "
                              f"selects {expected} (different bank, profile, seed or exposure record)")
        if event.outcome == NEUTRALISED:
            self.neutralise(event.item_id)
        else:
            self.record(event.item_id, event.outcome)

    def _expect_pending(self, item_id: str) -> int:
        if self._pending is None:
            if self.finished:
                raise TestFinishedError(f"the test is over; item {item_id} cannot be answered")
            raise ItemNotPendingError(f"item {item_id} is not on screen: call next_item() first")
        if self.pool.ids[self._pending] != item_id:
            raise ItemNotPendingError(f"item {item_id} is not on screen (the question on screen is "
                                      f"{self.pool.ids[self._pending]})")
        return self._pending

    # -- the result --------------------------------------------------------------------------
    def result(self, abort: str | None = None) -> Result:
        """Score the test as it stands.

        ``abort`` is None for a test that ended normally (or ran out of time), "candidate" when
        the candidate left, "technical" after a technical failure. A test that ended because the
        bank had no eligible item left ends with its own reason, "bank-exhausted": a technical
        end (cancelled below ``min_treated``), not the candidate's. Between ``min_treated`` and
        ``length`` treated questions the missing ones are simulated as skipped on the most
        informative remaining items (not after a technical abort, unless the profile says so,
        nor when the bank ran out of eligible items).
        """
        exhausted = self.exhausted
        if abort == BANK_EXHAUSTED and exhausted:
            abort = None  # as a replay of the recorded result passes it back: the engine finds it again
        if abort is not None and abort not in ABORTS:
            raise EngineError(f"unknown abort reason '{abort}' (candidate or technical)")
        if abort is None and exhausted:
            abort = BANK_EXHAUSTED
        settings = self.profile.scoring
        state = self._state
        estimate = self.estimate
        treated = state.answered
        missing = self.profile.length - treated
        score = level = scored_theta = None
        competences: dict[str, int] = {}
        degraded = False
        if treated >= self.profile.min_treated:
            scored_theta, ability = estimate.theta, self._ability
            if (missing > 0 and settings.degrade and not exhausted
                    and (abort != TECHNICAL_ABORT or settings.degrade_technical_abort)):
                ability = self._degraded_ability(missing)
                scored_theta, degraded = self.strategy.estimator.estimate(ability).theta, True
            # pool.competences is framework.codes (ItemPool.build checks it), without rebuilding the tuple
            codes = self.pool.competences
            if not any(state.correct):
                # No right answer shows no ability on the scale: its bottom, 0 pix, whatever the
                # prior's tail would say (docs/adr/0005); a score of 0 gives no certificate.
                score, level = 0, level_for(0, settings)
                competences = dict.fromkeys(codes, 0)
            else:
                estimator = self.strategy.estimator
                shifts = competence_shifts(ability, settings.competence_spread if estimator.population_prior
                                           else 0.0)
                by_code = {code: float(shift) for code, shift in zip(codes, shifts, strict=True)}
                score, level, competences = score_ability(scored_theta, codes, settings, by_code)
        return Result(
            status=status_for(treated, self.profile.min_treated, abort, score),
            score=score, level=level, competence_levels=competences,
            theta=estimate.theta, se=estimate.se, scored_theta=scored_theta,
            treated=treated, correct=int(sum(state.correct)), length=self.profile.length, degraded=degraded,
            abort=abort, strategy=self.strategy.name, seed=self.seed, items=self.items, engine=ENGINE_VERSION,
            neutralised=tuple(e.item_id for e in self._events if e.outcome == NEUTRALISED),
        )

    def degraded_theta(self, missing: int) -> float:
        """The ability after ``missing`` more questions answered as skipped, each on the most
        informative item the blueprint allows (no randomness, no exposure rule)."""
        return self.strategy.estimator.estimate(self._degraded_ability(missing)).theta

    def _degraded_ability(self, missing: int) -> AbilityState:
        """The test's evidence with ``missing`` more questions answered as skipped (see
        :meth:`degraded_theta`)."""
        strategy = self.strategy
        state, ability = self._state.copy(), self._ability.copy()
        for _ in range(missing):
            theta = (strategy.estimator.estimate(ability).theta if state.answered
                     else strategy.start.initial_theta())
            index = strategy.selector.most_informative(self.pool, state, theta)
            if index is None:
                break
            strategy.estimator.update(ability, index, False)
            strategy.blueprint.close(self.pool, state, index, False)
        return ability

    # -- persistence -------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"profile": self.profile.name, "strategy": self.strategy.name,
                                "seed": self.seed, "events": [e.to_dict() for e in self._events]}
        if self.exposure is not None:
            data["exposure"] = self.exposure.to_dict()
        if self.screen_reader:
            data["screen_reader"] = True
        return data

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], metas: Sequence[ItemMeta] | ItemPool, framework: Framework,
        profile: ExamProfile,
    ) -> AdaptiveTest:
        """Rebuild a test from :meth:`to_dict` by re-running its events."""
        exposure = ExposureRecord.from_dict(data["exposure"]) if "exposure" in data else None
        strategy = str(data.get("strategy", profile.strategy))
        test = cls(metas, framework, profile, int(data["seed"]), strategy=strategy, exposure=exposure,
                   screen_reader=data.get("screen_reader") is True)
        test.apply_all(Event.from_dict(e) for e in data.get("events", ()))
        return test

    def apply_all(self, events: Iterable[Event]) -> None:
        for event in events:
            self.apply(event)
