"""The exam profile: every rule of a test that a center or a bank can set.

Defaults follow the public rules summarised in DOMAIN.md. Unknown keys are kept in ``extra``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from itembank.model import LocalText, Problems, strict


@dataclass(frozen=True)
class ExamProfile:
    name: str = "certification"
    title: LocalText = LocalText("Certification", "Certification")
    length: int = 32  # questions in a full test
    duration_minutes: int = 105
    min_treated: int = 20  # below this, no score
    per_competence: int = 2  # blueprint: questions per competence (when length allows)
    strategy: str = "pupitre"  # "pupitre" or "reference"
    prior_mean: float = 0.0
    prior_sd: float = 1.0
    seed_policy: str = "random"
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.extra)
        for f in fields(self):
            if f.name in ("extra",):
                continue
            value = getattr(self, f.name)
            data[f.name] = value.to_dict() if isinstance(value, LocalText) else value
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
        if profile.per_competence < 1:
            problems.add(("per_competence",), "per_competence must be at least 1")
        if profile.strategy not in ("pupitre", "reference"):
            problems.add(("strategy",), f"unknown strategy '{profile.strategy}' (pupitre or reference)")
        if profile.prior_sd <= 0:
            problems.add(("prior_sd",), "prior_sd must be positive")
        return profile
