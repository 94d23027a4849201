"""The exam profile: every rule of a test that a center or a bank can set.

Defaults follow the public rules summarised in DOMAIN.md; the engine, exposure and scoring
tables are explained in docs/adr/0004 and 0005. Unknown keys are kept in ``extra`` (at the top
level and inside each settings group), so a newer profile survives a round trip through older
code. Every problem goes to the ``problems`` sink with its key path.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from itembank.model import LocalText, Path, Problems, strict

ESTIMATORS = ("eap", "map", "ml")
SELECTIONS = ("opportunity-cost", "max-info")
STRATEGIES = ("pupitre", "reference")


# -- small typed readers ----------------------------------------------------------------------
def _read_float(data: dict[str, Any], key: str, default: float, path: Path, problems: Problems) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        problems.add((*path, key), f"'{value}' is not a valid {key} (expected a number)")
        return default
    return float(value)


def _read_int(data: dict[str, Any], key: str, default: int, path: Path, problems: Problems) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        problems.add((*path, key), f"'{value}' is not a valid {key} (expected a whole number)")
        return default
    return value


def _read_bool(data: dict[str, Any], key: str, default: bool, path: Path, problems: Problems) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        problems.add((*path, key), f"'{value}' is not a valid {key} (expected true or false)")
        return default
    return value


def _read_floats(value: Any, path: Path, problems: Problems, what: str) -> tuple[float, ...] | None:
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in value
    ):
        problems.add(path, f"expected a list of numbers ({what})")
        return None
    return tuple(float(v) for v in value)


def _mapping(data: Any, path: Path, problems: Problems) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.add(path, "expected a mapping of settings")
        return {}
    return data


# -- engine -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EngineSettings:
    """How the adaptive engine estimates ability and applies the blueprint.

    ``competence_gap`` is the number of previous questions whose competence may not come back
    (1: never the same competence twice in a row; 0: no such rule). ``selection`` is the
    criterion of the default strategy: ``opportunity-cost`` (expected information over the
    posterior less the expected cost of using a quota slot) or ``max-info`` (Fisher information
    at the estimate); see docs/adr/0004.
    """

    estimator: str = "eap"
    selection: str = "opportunity-cost"
    # The score scale's span (the reference's, −8 to 8: docs/adr/0005), at 0.1 apart: a grid
    # narrower than the scale makes its ends unreachable and cuts the posterior (ADR 0004).
    grid_min: float = -8.0
    grid_max: float = 8.0
    grid_points: int = 161
    competence_gap: int = 1
    one_per_tube: bool = True
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    _KEYS: ClassVar[tuple[str, ...]] = ("estimator", "selection", "grid_min", "grid_max", "grid_points",
                                        "competence_gap", "one_per_tube")

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.extra)
        data.update({k: getattr(self, k) for k in self._KEYS})
        return data

    @classmethod
    def from_dict(cls, raw: Any, path: Path, problems: Problems) -> EngineSettings:
        data = _mapping(raw, path, problems)
        d = cls()
        estimator = data.get("estimator", d.estimator)
        if estimator not in ESTIMATORS:
            problems.add((*path, "estimator"), f"unknown estimator '{estimator}' ({', '.join(ESTIMATORS)})")
            estimator = d.estimator
        selection = data.get("selection", d.selection)
        if selection not in SELECTIONS:
            problems.add((*path, "selection"), f"unknown selection '{selection}' ({', '.join(SELECTIONS)})")
            selection = d.selection
        settings = cls(
            estimator=estimator,
            selection=selection,
            grid_min=_read_float(data, "grid_min", d.grid_min, path, problems),
            grid_max=_read_float(data, "grid_max", d.grid_max, path, problems),
            grid_points=_read_int(data, "grid_points", d.grid_points, path, problems),
            competence_gap=_read_int(data, "competence_gap", d.competence_gap, path, problems),
            one_per_tube=_read_bool(data, "one_per_tube", d.one_per_tube, path, problems),
            extra={k: v for k, v in data.items() if k not in cls._KEYS},
        )
        if settings.grid_max <= settings.grid_min:
            problems.add((*path, "grid_max"), "grid_max must be above grid_min")
        if not 11 <= settings.grid_points <= 2001:
            problems.add((*path, "grid_points"), "grid_points must be between 11 and 2001")
        if settings.competence_gap < 0:
            problems.add((*path, "competence_gap"), "competence_gap cannot be negative")
        return settings


# -- exposure -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExposureSettings:
    """Exposure control: a randomesque pick among near-ties, and a cap on exposure rates.

    The next item is drawn uniformly among the ``top_k`` best eligible items by the selection
    criterion whose value is within ``near_tie`` times the best item's information of the best
    (for ``max-info``: whose information is at least ``(1 − near_tie)`` times the best); an item
    already given in a share ``r_max`` of the recorded tests is not eligible (see docs/adr/0004).
    """

    top_k: int = 5
    near_tie: float = 0.05
    r_max: float = 0.25
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    _KEYS: ClassVar[tuple[str, ...]] = ("top_k", "near_tie", "r_max")

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.extra)
        data.update({k: getattr(self, k) for k in self._KEYS})
        return data

    @classmethod
    def from_dict(cls, raw: Any, path: Path, problems: Problems) -> ExposureSettings:
        data = _mapping(raw, path, problems)
        d = cls()
        settings = cls(
            top_k=_read_int(data, "top_k", d.top_k, path, problems),
            near_tie=_read_float(data, "near_tie", d.near_tie, path, problems),
            r_max=_read_float(data, "r_max", d.r_max, path, problems),
            extra={k: v for k, v in data.items() if k not in cls._KEYS},
        )
        if settings.top_k < 1:
            problems.add((*path, "top_k"), "top_k must be at least 1")
        if not 0 <= settings.near_tie < 1:
            problems.add((*path, "near_tie"), "near_tie must be in [0, 1)")
        if not 0 < settings.r_max <= 1:
            problems.add((*path, "r_max"), "r_max must be in (0, 1]")
        return settings


# -- scoring ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ScoreInterval:
    """An ability interval [low, high) mapped linearly onto [weight·coefficient, weight·(coefficient + 1))."""

    low: float
    high: float
    weight: int
    coefficient: int

    def to_dict(self) -> dict[str, Any]:
        return {"low": self.low, "high": self.high, "weight": self.weight, "coefficient": self.coefficient}


@dataclass(frozen=True)
class LevelBand:
    """A global level: reached from ``min_score`` pix."""

    min_score: int
    code: str
    title: LocalText

    def to_dict(self) -> dict[str, Any]:
        return {"min_score": self.min_score, "code": self.code, "title": self.title.to_dict()}


def _intervals(rows: list[tuple[float, float, int, int]]) -> tuple[ScoreInterval, ...]:
    return tuple(ScoreInterval(*row) for row in rows)


DEFAULT_INTERVALS = _intervals([
    (-8.0, -1.4, 64, 0), (-1.4, -0.519, 64, 1), (-0.519, 0.6, 128, 1), (0.6, 1.5, 128, 2),
    (1.5, 2.25, 128, 3), (2.25, 3.1, 128, 4), (3.1, 4.0, 128, 5), (4.0, 5.0, 128, 6), (5.0, 8.0, 128, 7),
])
DEFAULT_LEVELS = tuple(LevelBand(s, code, LocalText(fr, en)) for s, code, fr, en in [
    (0, "pre-beginner", "Pré-débutant", "Pre-beginner"),
    (64, "novice-1", "Novice 1", "Novice 1"),
    (128, "novice-2", "Novice 2", "Novice 2"),
    (256, "independent-1", "Indépendant 1", "Independent 1"),
    (384, "independent-2", "Indépendant 2", "Independent 2"),
    (512, "advanced-1", "Avancé 1", "Advanced 1"),
    (640, "advanced-2", "Avancé 2", "Advanced 2"),
    (768, "expert-1", "Expert 1", "Expert 1"),
    (896, "expert-2", "Expert 2", "Expert 2"),
])
# Ability from which a competence reaches level 1, 2, … 8 (the same table for every competence
# unless ``competence_levels`` names one).
DEFAULT_COMPETENCE_THRESHOLDS = (-2.0, -1.0, 0.5, 1.0, 2.0, 3.0, 4.0, 5.0)
# SD of a candidate's ability in one competence around their general ability (docs/adr/0005):
# each competence's level reads its own answers, shrunk towards the general ability; 0 gives
# every competence the general ability, as the reference does.
DEFAULT_COMPETENCE_SPREAD = 0.3


@dataclass(frozen=True)
class ScoringSettings:
    """Ability → pix score, global level and competence levels; degradation of short tests."""

    intervals: tuple[ScoreInterval, ...] = DEFAULT_INTERVALS
    max_score: int = 1023
    levels: tuple[LevelBand, ...] = DEFAULT_LEVELS
    competence_thresholds: tuple[float, ...] = DEFAULT_COMPETENCE_THRESHOLDS
    competence_overrides: dict[str, tuple[float, ...]] = field(default_factory=dict)
    competence_spread: float = DEFAULT_COMPETENCE_SPREAD
    degrade: bool = True
    degrade_technical_abort: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    _KEYS: ClassVar[tuple[str, ...]] = ("intervals", "max_score", "levels", "competence_levels",
                                        "competence_spread", "degrade", "degrade_technical_abort")

    def thresholds_for(self, competence: str) -> tuple[float, ...]:
        return self.competence_overrides.get(competence, self.competence_thresholds)

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.extra)
        levels: dict[str, Any] = {"default": list(self.competence_thresholds)}
        levels.update({code: list(t) for code, t in self.competence_overrides.items()})
        data.update({
            "intervals": [i.to_dict() for i in self.intervals],
            "max_score": self.max_score,
            "levels": [band.to_dict() for band in self.levels],
            "competence_levels": levels,
            "competence_spread": self.competence_spread,
            "degrade": self.degrade,
            "degrade_technical_abort": self.degrade_technical_abort,
        })
        return data

    @classmethod
    def from_dict(cls, raw: Any, path: Path, problems: Problems) -> ScoringSettings:
        data = _mapping(raw, path, problems)
        d = cls()
        intervals = d.intervals
        if "intervals" in data:
            intervals = cls._parse_intervals(data["intervals"], (*path, "intervals"), problems) or d.intervals
        levels = d.levels
        if "levels" in data:
            levels = cls._parse_levels(data["levels"], (*path, "levels"), problems) or d.levels
        thresholds, overrides = d.competence_thresholds, {}
        if "competence_levels" in data:
            thresholds, overrides = cls._parse_competence_levels(
                data["competence_levels"], (*path, "competence_levels"), problems, d.competence_thresholds)
        settings = cls(
            intervals=intervals,
            max_score=_read_int(data, "max_score", d.max_score, path, problems),
            levels=levels,
            competence_thresholds=thresholds,
            competence_overrides=overrides,
            competence_spread=_read_float(data, "competence_spread", d.competence_spread, path, problems),
            degrade=_read_bool(data, "degrade", d.degrade, path, problems),
            degrade_technical_abort=_read_bool(data, "degrade_technical_abort", d.degrade_technical_abort,
                                               path, problems),
            extra={k: v for k, v in data.items() if k not in cls._KEYS},
        )
        settings._check(path, problems)
        return settings

    @staticmethod
    def _parse_intervals(raw: Any, path: Path, problems: Problems) -> tuple[ScoreInterval, ...] | None:
        if not isinstance(raw, list) or not raw:
            problems.add(path, "expected a list of {low, high, weight, coefficient}")
            return None
        rows = []
        for index, row in enumerate(raw):
            row_path = (*path, index)
            if not isinstance(row, dict):
                problems.add(row_path, "expected {low, high, weight, coefficient}")
                return None
            before = len(problems.messages)
            interval = ScoreInterval(
                _read_float(row, "low", 0.0, row_path, problems),
                _read_float(row, "high", 0.0, row_path, problems),
                _read_int(row, "weight", 0, row_path, problems),
                _read_int(row, "coefficient", 0, row_path, problems),
            )
            missing = [k for k in ("low", "high", "weight", "coefficient") if k not in row]
            if missing:
                problems.add(row_path, f"missing {', '.join(missing)}")
            if missing or len(problems.messages) > before:
                return None
            rows.append(interval)
        return tuple(rows)

    @staticmethod
    def _parse_levels(raw: Any, path: Path, problems: Problems) -> tuple[LevelBand, ...] | None:
        if not isinstance(raw, list) or not raw:
            problems.add(path, "expected a list of {min_score, code, title}")
            return None
        bands = []
        for index, row in enumerate(raw):
            row_path = (*path, index)
            if not isinstance(row, dict) or not isinstance(row.get("code"), str):
                problems.add(row_path, "expected {min_score, code, title}")
                return None
            min_score = _read_int(row, "min_score", 0, row_path, problems)
            title = LocalText.parse(row.get("title"), (*row_path, "title"), problems)
            bands.append(LevelBand(min_score, row["code"], title))
        return tuple(bands)

    @staticmethod
    def _parse_competence_levels(
        raw: Any, path: Path, problems: Problems, default: tuple[float, ...]
    ) -> tuple[tuple[float, ...], dict[str, tuple[float, ...]]]:
        if not isinstance(raw, dict):
            problems.add(path, "expected {default: [thresholds], '1.1': [thresholds]…}")
            return default, {}
        thresholds = default
        overrides: dict[str, tuple[float, ...]] = {}
        for key, value in raw.items():
            parsed = _read_floats(value, (*path, str(key)), problems, "the ability that opens each level")
            if parsed is None:
                continue
            if list(parsed) != sorted(parsed):
                problems.add((*path, str(key)), "thresholds must be in increasing order")
                continue
            if str(key) == "default":
                thresholds = parsed
            else:
                overrides[str(key)] = parsed
        return thresholds, overrides

    def _check(self, path: Path, problems: Problems) -> None:
        intervals = self.intervals
        for index, interval in enumerate(intervals):
            where = (*path, "intervals", index)
            if interval.high <= interval.low:
                problems.add(where, "high must be above low")
            if interval.weight <= 0 or interval.coefficient < 0:
                problems.add(where, "weight must be positive and coefficient non-negative")
        for index, (left, right) in enumerate(itertools.pairwise(intervals)):
            where = (*path, "intervals", index + 1)
            if left.high != right.low:
                problems.add(where, f"must start where the previous interval ends ({left.high})")
            if left.weight * (left.coefficient + 1) != right.weight * right.coefficient:
                problems.add(where, "its score range must start where the previous one ends "
                                    f"({left.weight * (left.coefficient + 1)} pix)")
        if self.max_score < 1:
            problems.add((*path, "max_score"), "max_score must be positive")
        if not 0.0 <= self.competence_spread <= 3.0:
            problems.add((*path, "competence_spread"),
                         f"competence_spread must be between 0 and 3 (an SD of ability), not {self.competence_spread}")
        scores = [band.min_score for band in self.levels]
        if scores != sorted(scores) or len(set(scores)) != len(scores) or (scores and scores[0] != 0):
            problems.add((*path, "levels"), "levels must start at 0 pix and increase")


# -- the profile --------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExamProfile:
    name: str = "certification"
    title: LocalText = field(default_factory=lambda: LocalText("Certification", "Certification"))
    length: int = 32  # questions in a full test
    duration_minutes: int = 105
    # planned extra time of a candidate using a screen reader, as a share of the duration, when no
    # extra time was planned for them otherwise (the roster's, given with the authorisation, prevails)
    screen_reader_extra_percent: int = 33
    min_treated: int = 20  # below this, no score
    per_competence: int = 2  # blueprint: questions per competence (when length allows)
    strategy: str = "pupitre"  # "pupitre" or "reference"
    prior_mean: float = 0.0
    prior_sd: float = 1.0
    seed_policy: str = "random"
    engine: EngineSettings = field(default_factory=EngineSettings)
    exposure: ExposureSettings = field(default_factory=ExposureSettings)
    scoring: ScoringSettings = field(default_factory=ScoringSettings)
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    _GROUPS: ClassVar[dict[str, Any]] = {"engine": EngineSettings, "exposure": ExposureSettings,
                                         "scoring": ScoringSettings}

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.extra)
        for f in fields(self):
            if f.name == "extra":
                continue
            value = getattr(self, f.name)
            data[f.name] = value.to_dict() if hasattr(value, "to_dict") else value
        return data

    @classmethod
    def from_dict(cls, data: Any, problems: Problems | None = None, name: str | None = None) -> ExamProfile:
        problems = problems or strict(f"profile {name or '?'}")
        if not isinstance(data, dict):
            problems.add((), "a profile must be a mapping of settings")
            return cls()
        known = {f.name for f in fields(cls)} - {"extra"}
        values: dict[str, Any] = {"name": name or data.get("name", cls.name)}
        defaults = cls()
        for key in known - {"name"}:
            if key not in data:
                continue
            value = data[key]
            default = getattr(defaults, key)
            if key in cls._GROUPS:
                values[key] = cls._GROUPS[key].from_dict(value, (key,), problems)
                continue
            if isinstance(default, LocalText):
                value = LocalText.parse(value, (key,), problems)
            elif isinstance(default, bool) or (not isinstance(value, type(default)) and not (
                isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool)
            )):
                problems.add((key,), f"'{value}' is not a valid {key} (expected {type(default).__name__})")
                continue
            values[key] = float(value) if isinstance(default, float) else value
        profile = cls(**values, extra={k: v for k, v in data.items() if k not in known})
        if profile.length < 1:
            problems.add(("length",), "a test needs at least one question")
        if not 0 < profile.min_treated <= profile.length:
            problems.add(("min_treated",), f"min_treated must be between 1 and length ({profile.length})")
        if profile.duration_minutes < 1:
            problems.add(("duration_minutes",), "the duration must be at least one minute")
        if not 0 <= profile.screen_reader_extra_percent <= 200:
            problems.add(("screen_reader_extra_percent",), "screen_reader_extra_percent must be between 0 and 200")
        if profile.per_competence < 1:
            problems.add(("per_competence",), "per_competence must be at least 1")
        if profile.strategy not in STRATEGIES:
            problems.add(("strategy",), f"unknown strategy '{profile.strategy}' (pupitre or reference)")
        if profile.prior_sd <= 0:
            problems.add(("prior_sd",), "prior_sd must be positive")
        return profile
