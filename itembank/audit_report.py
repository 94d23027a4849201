"""What an audit of a result bundle reports: its checks, the points where the bundle and the replay part,
and how two values are compared (as canonical JSON: bit for bit, an int is not a float)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from itembank.cat.engine import ENGINE_VERSION
from itembank.errors import ItemBankError
from itembank.scoring import Result
from protocol.canonical import canonical_bytes
from protocol.errors import CanonicalEncodingError

CHECKS = ("signature", "journal", "contents", "profile", "responses", "questions", "result")
RESULT_FIELDS = tuple(f.name for f in fields(Result) if f.name != "extra")
RESULT_KEYS = frozenset(RESULT_FIELDS)


class BundleAuditError(ItemBankError):
    """The bundle cannot be audited with this bank (unreadable, not a bundle, another bank)."""


@dataclass(frozen=True)
class Difference:
    """One point where the bundle and the replay part.

    ``what`` is ``item`` (the engine chooses another item for a question), ``log`` (a question the
    engine cannot take: unreadable, or after the end), ``number`` or ``competence`` (a question's
    stated number or competence), ``outcome`` (the response, re-scored against its item, does
    not give the outcome stated), or ``result.<field>``. ``question`` is the question number
    (from 1), ``entry`` the position in the bundle's list of questions (from 1) and ``item`` the
    item's id, when they apply.
    """

    what: str
    stated: Any
    replayed: Any
    question: int | None = None
    entry: int | None = None
    item: str | None = None

    def __str__(self) -> str:
        where = f"question {self.question}" if self.question is not None else ""
        if self.entry is not None:
            where += f" (entry {self.entry} of the bundle's questions)"
        if self.what == "outcome":
            return (f"{where}, item {self.item}: the bundle states outcome {show(self.stated)}, re-scoring the "
                    f"response gives {show(self.replayed)}")
        if self.what == "item":
            return f"{where}: the bundle has item {self.stated}, the engine chooses {self.replayed}"
        if self.what == "log":
            return f"{where}: {self.stated} — {self.replayed}"
        if self.what.startswith("result."):
            return f"{self.what[7:]}: the bundle states {show(self.stated)}, the replay gives {show(self.replayed)}"
        return f"{where}: the bundle states {self.what} {show(self.stated)}, expected {show(self.replayed)}"


@dataclass(frozen=True)
class Check:
    """One named check of the audit and what it found."""

    name: str
    ok: bool
    detail: str


@dataclass(frozen=True)
class AuditReport:
    """Everything the audit found; ``ok`` only when every check passed and nothing differs."""

    bundle_id: str
    attempt_id: str
    bank: str  # the bank the bundle names: id, version and manifest hash
    mode: str  # practice or exam, as the bundle states it
    candidate: str  # name and date of birth as checked in, or "(no check-in)"
    session: str  # the session number, or "(none)"
    device: str  # the kiosk's name and the fingerprint of the key that signed the bundle
    checks: tuple[Check, ...]
    differences: tuple[Difference, ...]
    notes: tuple[str, ...]
    replayed: Result | None
    engine: Any = ENGINE_VERSION  # the engine version the bundle's result states

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks) and not self.differences

    @property
    def other_engine(self) -> bool:
        """The bundle holds up in every check this Pupitre can make, but another engine version
        computed its result: it cannot be replayed here, which is no fault of the bundle."""
        failed = {c.name for c in self.checks if not c.ok}
        return self.engine != ENGINE_VERSION and failed <= {"questions", "result"} and not self.differences

    def __bool__(self) -> bool:
        return self.ok

    def check(self, name: str) -> Check:
        return next(c for c in self.checks if c.name == name)

    @property
    def first_difference(self) -> Difference | None:
        return self.differences[0] if self.differences else None

    def lines(self) -> list[str]:
        """The report as a person reads it."""
        out = [f"attempt    {self.attempt_id}", f"bundle     {self.bundle_id}", f"bank       {self.bank}",
               f"mode       {self.mode}", f"candidate  {self.candidate}", f"session    {self.session}",
               f"device     {self.device}"]
        for check in self.checks:
            out.append(f"{check.name:<10} {'ok' if check.ok else 'FAILED'} — {check.detail}")
        if self.differences:
            out.append("differences:")
            out.extend(f"  {d}" for d in self.differences)
        out.extend(f"note: {n}" for n in self.notes)
        if self.ok:
            out.append("MATCH: the bundle is intact and the engine gives back its questions and its result.")
        elif self.other_engine:
            out.append(f"NOT REPLAYED: engine version {self.engine!r} computed the bundle's result and this Pupitre "
                       f"runs version {ENGINE_VERSION}; every other check holds. Audit it with a Pupitre whose "
                       f"engine is version {self.engine!r}.")
        else:
            failed = [c.name for c in self.checks if not c.ok]
            out.append(f"DIVERGES: {', '.join(failed)} (see above).")
        return out


MISSING = object()  # a field the bundle does not state


def show(value: Any) -> str:
    return "(missing)" if value is MISSING else json.dumps(value, ensure_ascii=False, sort_keys=True)


def same(stated: Any, replayed: Any) -> bool:
    """Equal as canonical JSON: bit for bit for floats, and an int is not a float."""
    if stated is MISSING:
        return False
    try:
        return canonical_bytes(stated) == canonical_bytes(replayed)
    except CanonicalEncodingError:
        return False


def encodes_as(value: Any, encoded: bytes) -> bool:
    """:func:`_same` of ``value`` and a value whose canonical encoding is ``encoded``."""
    try:
        return canonical_bytes(value) == encoded
    except CanonicalEncodingError:
        return False


def result_differences(stated: Mapping[str, Any], encoded: bytes, exact: bool = False) -> list[Difference]:
    """Every engine field the bundle states otherwise than the replay (competence levels one by one).

    ``encoded`` is the canonical encoding of the replay's result (``Result.to_dict``); ``exact`` says it
    holds the engine's fields and nothing else: it is then, as it is, the encoding those fields are
    compared with (canonical JSON decodes and encodes back to the same bytes)."""
    replayed = None
    if all(name in stated for name in RESULT_FIELDS):
        stated_fields = {n: stated[n] for n in RESULT_FIELDS}
        if exact:
            equal = encodes_as(stated_fields, encoded)
        else:
            replayed = json.loads(encoded)
            equal = same(stated_fields, {n: replayed.get(n) for n in RESULT_FIELDS})
        if equal:
            return []  # every field the same bit for bit: one comparison of the whole, no walk field by field
    if replayed is None:
        replayed = json.loads(encoded)
    out = []
    for name in RESULT_FIELDS:
        mine, theirs = replayed.get(name), stated.get(name, MISSING)
        if name == "competence_levels" and isinstance(mine, Mapping) and isinstance(theirs, Mapping):
            for code in sorted(set(mine) | set(theirs)):
                if not same(theirs.get(code, MISSING), mine.get(code)):
                    out.append(Difference(f"result.competence_levels.{code}", theirs.get(code, MISSING),
                                          mine.get(code, MISSING)))
        elif not same(theirs, mine):
            out.append(Difference(f"result.{name}", theirs, mine))
    return out
