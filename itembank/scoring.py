"""Scoring: ability → pix score, global level and competence levels; statuses; verification codes.

Every table is a setting of the exam profile (``profile.scoring``; docs/adr/0005):

- the ability axis is cut into intervals, each with a weight and a coefficient; inside interval
  i the score is ⌊weight_i · (coefficient_i + progress)⌋ where progress is the position of the
  ability in the interval (0 at its low end, 1 at its high end); below the first interval the
  score is 0, above the last it is ``max_score``;
- the global level is the band of the score (0 pre-beginner, 1 Novice 1 from 64 pix … 8 Expert 2
  from 896 pix);
- a competence's level (0–8) is the number of its ability thresholds that the competence's
  ability reaches: the general ability, moved by the competence's own answers as far as they
  are evidence of a difference (``competence_spread``; ``itembank.cat.estimation.competence_shifts``).
"""

from __future__ import annotations

import bisect
import math
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np

from itembank.profile import ExamProfile, ScoringSettings

SCORED, NO_CERTIFICATE, REJECTED, CANCELLED = "scored", "no-certificate", "rejected", "cancelled"
STATUSES = (SCORED, NO_CERTIFICATE, REJECTED, CANCELLED)
CANDIDATE_ABORT, TECHNICAL_ABORT = "candidate", "technical"
ABORTS = (CANDIDATE_ABORT, TECHNICAL_ABORT)
# The engine's own end, never given by a caller: the bank had no eligible item left before the
# test's length (a technical end, not the candidate's doing).
BANK_EXHAUSTED = "bank-exhausted"
TECHNICAL_ENDS = (TECHNICAL_ABORT, BANK_EXHAUSTED)
CODE_ALPHABET = "2346789BCDFGHJKMPQRTVWXY"


def score_for(theta: float, settings: ScoringSettings) -> int:
    """The pix score of an ability: monotone non-decreasing in ``theta``."""
    intervals = settings.intervals
    if theta < intervals[0].low:
        return 0
    if theta >= intervals[-1].high:
        return settings.max_score
    k = bisect.bisect_right([i.high for i in intervals], theta)
    interval = intervals[k]
    progress = (theta - interval.low) / (interval.high - interval.low)
    return min(settings.max_score, math.floor(interval.weight * (interval.coefficient + progress)))


def level_for(score: int, settings: ScoringSettings) -> int:
    """The global level (index of the band) of a score."""
    return max(0, bisect.bisect_right([band.min_score for band in settings.levels], score) - 1)


def competence_levels_for(theta: float, codes: Iterable[str], settings: ScoringSettings) -> dict[str, int]:
    """Each competence's level: how many of its thresholds ``theta`` reaches."""
    return {code: bisect.bisect_right(settings.thresholds_for(code), theta) for code in codes}


def status_for(treated: int, min_treated: int, abort: str | None, score: int | None) -> str:
    """The result's status from the number of treated questions, the abort reason and the score.

    Fewer than ``min_treated`` treated questions give no score: *cancelled* after a technical
    end (a technical abort, or a bank that ran out of eligible items), *rejected* otherwise (the
    candidate left, or ran out of time). A score of 0 gives no certificate.
    """
    if abort is not None and abort not in (*ABORTS, BANK_EXHAUSTED):
        raise ValueError(f"unknown abort reason '{abort}' (candidate, technical or bank-exhausted)")
    if treated < min_treated:
        return CANCELLED if abort in TECHNICAL_ENDS else REJECTED
    return NO_CERTIFICATE if not score else SCORED


def verification_code(rng: np.random.Generator | None = None) -> str:
    """A verification code: "P-" and 8 distinct characters of :data:`CODE_ALPHABET`.

    With ``rng`` the draw is reproducible (tests, simulations); without it the code comes from
    the operating system's random source.
    """
    letters = list(CODE_ALPHABET)
    chosen = []
    for _ in range(8):
        k = int(rng.random() * len(letters)) if rng is not None else secrets.randbelow(len(letters))
        chosen.append(letters.pop(k))
    return "P-" + "".join(chosen)


@dataclass(frozen=True)
class Result:
    """The outcome of one test, as the certificate and the replay audit need it.

    ``theta``/``se`` estimate the ability from the answers; ``scored_theta`` is the ability the
    score comes from (lower than ``theta`` when untreated questions were counted as skipped).
    ``score``, ``level`` and ``scored_theta`` are None when there is no score. ``abort`` is None
    for a test that ended normally or ran out of time, ``candidate`` or ``technical`` as the
    kiosk said, or ``bank-exhausted`` when the engine found no eligible item before the end.
    """

    status: str
    score: int | None
    level: int | None
    competence_levels: dict[str, int]
    theta: float
    se: float
    scored_theta: float | None
    treated: int
    correct: int
    length: int
    degraded: bool
    abort: str | None
    strategy: str
    seed: int
    items: tuple[str, ...]
    neutralised: tuple[str, ...] = ()
    # The version of the engine that computed the result (itembank.cat.engine.ENGINE_VERSION); a
    # result states it so that an audit never blames a bundle for a change of engine. Results
    # written before the field existed were computed by version 1.
    engine: int = 1
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def level_code(self, profile: ExamProfile) -> str | None:
        return None if self.level is None else profile.scoring.levels[self.level].code

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.extra)
        for f in fields(self):
            if f.name == "extra":
                continue
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, dict):
                value = dict(value)
            data[f.name] = value
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Result:
        known = {f.name for f in fields(cls)} - {"extra"}
        values = {k: data[k] for k in known if k in data}
        for key in ("items", "neutralised"):
            values[key] = tuple(values.get(key, ()))
        levels = dict(values.get("competence_levels", {}))
        values["competence_levels"] = {str(k): int(v) for k, v in levels.items()}
        return cls(**values, extra={k: v for k, v in data.items() if k not in known})


def score_ability(
    theta: float, codes: Iterable[str], settings: ScoringSettings, shifts: Mapping[str, float] | None = None
) -> tuple[int, int, dict[str, int]]:
    """(score, global level, competence levels) for an ability; ``shifts`` moves a competence's
    ability away from ``theta`` (missing: not moved)."""
    score = score_for(theta, settings)
    if not shifts:
        return score, level_for(score, settings), competence_levels_for(theta, codes, settings)
    levels = {code: competence_levels_for(theta + shifts.get(code, 0.0), (code,), settings)[code] for code in codes}
    return score, level_for(score, settings), levels
