"""The item model: the five item types, their texts in both locales, and what an item carries.

Models convert to and from plain dicts (``to_dict`` / ``from_dict``); unknown fields are kept in
``extra`` and written back, so a newer bank survives a round trip through older code. Parsing
goes through a :class:`Problems` sink so the authoring validator can report every problem at
once with its file and line, while trusted sources simply raise on the first one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from itembank.errors import ItemFormatError

LOCALES: tuple[str, ...] = ("fr", "en")
LEVELS = range(1, 9)
NORMALISATION_STEPS = ("t1", "t2", "t3")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
COMPETENCE_PATTERN = re.compile(r"^[1-9]\.[1-9]$")


class ItemType(StrEnum):
    QCU = "qcu"  # single choice
    QCM = "qcm"  # multiple choice
    QROC = "qroc"  # one short free answer
    QROCM_IND = "qrocm-ind"  # several independent fields
    QROCM_DEP = "qrocm-dep"  # several fields matched to solution groups in any order


class Mode(StrEnum):
    FREE = "free"  # the candidate may use the workstation's tools
    FOCUS = "focus"  # answer without leaving the exam window


class InputKind(StrEnum):
    TEXT = "text"
    NUMBER = "number"


class Outcome(StrEnum):
    """How a question ended for the candidate."""

    OK = "ok"
    KO = "ko"
    SKIPPED = "skipped"
    FOCUSED_OUT = "focused-out"
    TIMED_OUT = "timed-out"

    @property
    def is_correct(self) -> bool:
        return self is Outcome.OK


Path = tuple[str | int, ...]


class Problems:
    """Collects problems found while parsing, each attached to a key path inside the document."""

    def __init__(self, locate: Callable[[Path], str] | None = None, *, raise_first: bool = False):
        self._locate = locate or (lambda path: ".".join(str(p) for p in path) or "document")
        self._raise_first = raise_first
        self.messages: list[str] = []

    def add(self, path: Path, message: str) -> None:
        text = f"{self._locate(path)}: {message}"
        if self._raise_first:
            raise ItemFormatError(text)
        self.messages.append(text)


def strict(what: str) -> Problems:
    """A sink for trusted sources (a decrypted bank): the first problem raises, naming ``what``."""
    return Problems(lambda path: f"{what}: " + (".".join(str(p) for p in path) or "document"), raise_first=True)


@dataclass(frozen=True)
class LocalText:
    """A text in every locale of :data:`LOCALES`."""

    fr: str
    en: str

    def get(self, locale: str) -> str:
        return self.en if locale == "en" else self.fr

    def to_dict(self) -> dict[str, str]:
        return {"fr": self.fr, "en": self.en}

    @classmethod
    def parse(cls, data: Any, path: Path, problems: Problems) -> LocalText:
        if not isinstance(data, dict):
            problems.add(path, "expected a text in each locale (fr: …, en: …)")
            return cls("", "")
        texts = {}
        for locale in LOCALES:
            value = data.get(locale)
            if value is None or (isinstance(value, str) and not value.strip()):
                problems.add(path, f"the '{locale}' text is missing or empty")
                value = ""
            elif not isinstance(value, (str, int, float)):
                problems.add((*path, locale), "expected a text")
                value = ""
            texts[locale] = str(value).strip("\n") if isinstance(value, str) else str(value)
        for key in data:
            if key not in LOCALES:
                problems.add((*path, key), f"unknown locale '{key}' (expected {', '.join(LOCALES)})")
        return cls(**texts)


@dataclass(frozen=True)
class Accepted:
    """One accepted answer: the same in every locale (``neutral``), or one per locale."""

    neutral: str | None = None
    local: LocalText | None = None

    def for_locale(self, locale: str) -> str:
        return self.neutral if self.neutral is not None else self.local.get(locale)  # type: ignore[union-attr]

    def to_data(self) -> Any:
        return self.neutral if self.neutral is not None else self.local.to_dict()  # type: ignore[union-attr]

    @classmethod
    def parse(cls, data: Any, path: Path, problems: Problems) -> Accepted:
        if isinstance(data, bool):
            problems.add(path, "expected a text or a number, found true/false (quote it)")
            return cls(neutral="")
        if isinstance(data, (str, int, float)):
            return cls(neutral=str(data))
        return cls(local=LocalText.parse(data, path, problems))


@dataclass(frozen=True)
class Proposal:
    key: str
    text: LocalText


@dataclass(frozen=True)
class Illustration:
    file: str
    alt: LocalText


@dataclass(frozen=True)
class AttachmentRef:
    file: str
    title: LocalText | None = None


@dataclass(frozen=True)
class AnswerField:
    """One input of a QROC or QROCM item."""

    key: str
    input: InputKind = InputKind.TEXT
    label: LocalText | None = None
    solutions: tuple[Accepted, ...] = ()
    tolerance: float = 0.0
    unit: LocalText | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"key": self.key, "input": self.input.value}
        if self.label:
            data["label"] = self.label.to_dict()
        if self.solutions:
            data["solutions"] = [s.to_data() for s in self.solutions]
        if self.tolerance:
            data["tolerance"] = self.tolerance
        if self.unit:
            data["unit"] = self.unit.to_dict()
        return data


@dataclass(frozen=True)
class IrtParams:
    """Item parameters on the reference's scale: P = c + (1 − c) / (1 + exp(a·(b − θ)))."""

    a: float
    b: float
    c: float = 0.0

    def to_dict(self) -> dict[str, float]:
        data = {"a": self.a, "b": self.b}
        if self.c:
            data["c"] = self.c
        return data

    @classmethod
    def from_level(cls, level: int) -> IrtParams:
        """Parameters before calibration, from the skill's level (see docs/adr/0003)."""
        return cls(a=1.2, b=round(0.75 * (level - 4), 4))


@dataclass(frozen=True)
class Accessibility:
    """What an item asks of the candidate, so accommodations can steer selection."""

    screen_reader: bool = True  # fully answerable with a screen reader (alt texts suffice)
    colour_free: bool = True  # no information carried by colour alone
    notes: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"screen_reader": self.screen_reader, "colour_free": self.colour_free}
        if self.notes:
            data["notes"] = self.notes
        return data


ITEM_KEYS = {
    "id", "competence", "tube", "level", "type", "mode", "time_limit", "shuffle", "variant_of", "variant_group",
    "statement", "explanation", "illustrations", "attachments", "proposals", "solution", "input", "label",
    "solutions", "tolerance", "unit", "fields", "solution_groups", "normalise", "irt", "accessibility",
}


@dataclass(frozen=True)
class ItemMeta:
    """What the engine and the index need about an item, without its texts or solutions."""

    id: str
    competence: str
    tube: str
    level: int
    type: ItemType
    mode: Mode
    irt: IrtParams
    variant_group: str
    time_limit: int | None = None
    attachments: tuple[str, ...] = ()
    screen_reader: bool = True

    @property
    def skill(self) -> str:
        return f"{self.tube}@{self.level}"

    @property
    def domain(self) -> str:
        return self.competence.split(".")[0]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id, "competence": self.competence, "tube": self.tube, "level": self.level,
            "type": self.type.value, "mode": self.mode.value, "irt": self.irt.to_dict(),
            "variant_group": self.variant_group, "attachments": list(self.attachments),
            "screen_reader": self.screen_reader,
        }
        if self.time_limit is not None:
            data["time_limit"] = self.time_limit
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ItemMeta:
        try:
            irt = data["irt"]
            return cls(
                id=data["id"], competence=data["competence"], tube=data["tube"], level=int(data["level"]),
                type=ItemType(data["type"]), mode=Mode(data["mode"]),
                irt=IrtParams(float(irt["a"]), float(irt["b"]), float(irt.get("c", 0.0))),
                variant_group=data["variant_group"], time_limit=data.get("time_limit"),
                attachments=tuple(data.get("attachments", ())), screen_reader=bool(data.get("screen_reader", True)),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ItemFormatError(f"index entry {data.get('id', '?')!r}: malformed ({exc})") from None


@dataclass(frozen=True)
class Item:
    """One question, with everything needed to show it and to check its answer."""

    id: str
    competence: str
    tube: str
    level: int
    type: ItemType
    mode: Mode
    statement: LocalText
    explanation: LocalText
    irt: IrtParams
    proposals: tuple[Proposal, ...] = ()
    solution: tuple[str, ...] = ()
    fields: tuple[AnswerField, ...] = ()
    solution_groups: tuple[tuple[Accepted, ...], ...] = ()
    normalise: frozenset[str] = frozenset(NORMALISATION_STEPS)
    shuffle: bool = False
    time_limit: int | None = None
    variant_of: str | None = None
    variant_group: str | None = None
    illustrations: tuple[Illustration, ...] = ()
    attachments: tuple[AttachmentRef, ...] = ()
    accessibility: Accessibility = field(default_factory=Accessibility)
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def skill(self) -> str:
        return f"{self.tube}@{self.level}"

    @property
    def proposal_keys(self) -> tuple[str, ...]:
        return tuple(p.key for p in self.proposals)

    def meta(self) -> ItemMeta:
        files = tuple(dict.fromkeys([a.file for a in self.attachments] + [i.file for i in self.illustrations]))
        return ItemMeta(
            id=self.id, competence=self.competence, tube=self.tube, level=self.level, type=self.type,
            mode=self.mode, irt=self.irt, variant_group=self.variant_group or self.skill,
            time_limit=self.time_limit, attachments=files, screen_reader=self.accessibility.screen_reader,
        )

    # -- conversion -------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = dict(self.extra)
        data.update({
            "id": self.id, "competence": self.competence, "tube": self.tube, "level": self.level,
            "type": self.type.value, "mode": self.mode.value, "statement": self.statement.to_dict(),
            "explanation": self.explanation.to_dict(), "irt": self.irt.to_dict(), "shuffle": self.shuffle,
            "accessibility": self.accessibility.to_dict(),
        })
        if self.time_limit is not None:
            data["time_limit"] = self.time_limit
        if self.variant_of:
            data["variant_of"] = self.variant_of
        if self.variant_group:
            data["variant_group"] = self.variant_group
        if self.illustrations:
            data["illustrations"] = [{"file": i.file, "alt": i.alt.to_dict()} for i in self.illustrations]
        if self.attachments:
            data["attachments"] = [
                {"file": a.file, **({"title": a.title.to_dict()} if a.title else {})} for a in self.attachments
            ]
        if self.proposals:
            data["proposals"] = {p.key: p.text.to_dict() for p in self.proposals}
        if self.type is ItemType.QCU:
            data["solution"] = self.solution[0] if self.solution else ""
        elif self.type is ItemType.QCM:
            data["solution"] = list(self.solution)
        if self.type in (ItemType.QROC, ItemType.QROCM_IND, ItemType.QROCM_DEP):
            data["fields"] = [f.to_dict() for f in self.fields]
            if self.normalise != frozenset(NORMALISATION_STEPS):
                data["normalise"] = sorted(self.normalise)
        if self.solution_groups:
            data["solution_groups"] = [[a.to_data() for a in group] for group in self.solution_groups]
        return data

    @classmethod
    def from_dict(cls, data: Any, problems: Problems | None = None) -> Item:
        """Parse an item; with the default sink the first problem raises :class:`ItemFormatError`."""
        from itembank.item_parser import parse_item

        sink = problems if problems is not None else strict(
            f"item {data.get('id', '?') if isinstance(data, dict) else '?'}")
        item = parse_item(data, sink)
        if item is None:  # only possible with a collecting sink
            raise ItemFormatError("\n".join(sink.messages))
        return item

