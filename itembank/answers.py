"""Answer checking for the five item types.

A response is what the candidate gave: a proposal key (qcu), a collection of keys (qcm), a text
(qroc) or a mapping field key → text (qroc, qrocm-ind, qrocm-dep); ``None`` means skipped.
Checking returns :class:`~itembank.model.Outcome` OK, KO or SKIPPED; focused-out and timed-out are
decided by the kiosk, which knows how the question ended.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from typing import Any

from itembank.errors import AnswerFormatError
from itembank.model import Accepted, AnswerField, InputKind, Item, ItemType, Outcome
from itembank.normalise import RememberedVerdicts, TextAnswers, parse_number

Response = str | Sequence[str] | Mapping[str, str] | None


def _strip_unit(value: str, unit: str, folded: str) -> str:
    """Candidates often type the unit the field shows ("12 %", "250 Mo"): accept it after the number
    (``folded`` is ``unit.casefold()``)."""
    text = value.strip()
    if unit and text.casefold().endswith(folded):
        return text[: len(text) - len(unit)]
    return value


class _Numbers(RememberedVerdicts):
    """A number field's accepted answers in one locale, read once: each expected value with the largest
    difference accepted (the field's tolerance and a relative 1e-9 for the rounding of decimals)."""

    __slots__ = ("accepted", "folded", "locale", "unit")

    def __init__(self, field: AnswerField, accepted: tuple[Accepted, ...], locale: str) -> None:
        super().__init__()
        self.locale = locale
        self.unit = field.unit.get(locale).strip() if field.unit is not None else None
        self.folded = self.unit.casefold() if self.unit is not None else None
        expected = (parse_number(option.for_locale(locale), locale) for option in accepted)
        self.accepted = tuple((e, field.tolerance + 1e-9 * max(1.0, abs(e))) for e in expected if e is not None)

    def _matches(self, value: str) -> bool:
        if self.unit is not None:
            value = _strip_unit(value, self.unit, self.folded)
        number = parse_number(value, self.locale)
        if number is None:
            return False
        return any(abs(number - expected) <= bound for expected, bound in self.accepted)


def _matcher(field: AnswerField, accepted: tuple[Accepted, ...], steps, locale: str) -> _Numbers | TextAnswers:
    if field.input is InputKind.NUMBER:
        return _Numbers(field, accepted, locale)
    return TextAnswers([option.for_locale(locale) for option in accepted], steps)


class _Key:
    """What checking needs of one item, prepared once (an item never changes once read): the proposal keys,
    the solution, the answer fields, and per locale each field's (or solution group's) accepted answers
    read and normalised. No reference to the item itself, so that it goes when the item goes."""

    __slots__ = ("_by_locale", "_groups", "_steps", "fields", "id", "keys", "ordered_keys", "proposals", "solution",
                 "type")

    def __init__(self, item: Item) -> None:
        self.id = item.id
        self.type = item.type
        self.proposals = frozenset(item.proposal_keys)
        self.solution = item.solution
        self.keys = {f.key for f in item.fields}  # a set built as the unprepared check built it: the same order
        self.ordered_keys = tuple(f.key for f in item.fields)
        self.fields = item.fields
        self._groups = item.solution_groups
        self._steps = item.normalise
        self._by_locale: dict[str, tuple[_Numbers | TextAnswers, ...]] = {}

    def matchers(self, locale: str) -> tuple[_Numbers | TextAnswers, ...]:
        """Per field, its matcher (QROCM-dep: per solution group, the first field's matcher of that group)."""
        found = self._by_locale.get(locale) if type(locale) is str else None
        if found is None:
            if self.type is ItemType.QROCM_DEP:
                first = self.fields[0]
                found = tuple(_matcher(first, group, self._steps, locale) for group in self._groups)
            else:
                found = tuple(_matcher(f, f.solutions, self._steps, locale) for f in self.fields)
            if type(locale) is str and len(self._by_locale) < _LOCALES_KEPT:
                self._by_locale[locale] = found
        return found


_LOCALES_KEPT = 4  # a bundle may state any locale: past a few, the others are prepared each time, not kept
_KEYS: dict[int, tuple[weakref.ref[Item], _Key]] = {}


def _key(item: Item) -> _Key:
    """The item's prepared key, by identity: two items equal field for field (the same id in two banks) each
    have their own, and an entry goes when its item is collected."""
    ident = id(item)
    entry = _KEYS.get(ident)
    if entry is not None and entry[0]() is item:
        return entry[1]
    key = _Key(item)

    def forget(ref: weakref.ref[Item], ident: int = ident) -> None:
        if (current := _KEYS.get(ident)) is not None and current[0] is ref:
            del _KEYS[ident]

    _KEYS[ident] = (weakref.ref(item, forget), key)
    return key


def _field_values(item: _Key, response: Any) -> dict[str, str]:
    if isinstance(response, str) and item.type is ItemType.QROC:
        return {item.fields[0].key: response}
    if not isinstance(response, Mapping):
        raise AnswerFormatError(f"item {item.id}: expected a mapping of field → answer, got {type(response).__name__}")
    keys = item.keys
    unknown = set(response) - keys
    if unknown:
        raise AnswerFormatError(f"item {item.id}: unknown answer field(s) {', '.join(sorted(map(str, unknown)))}")
    values = {}
    for key in keys:
        value = response.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise AnswerFormatError(f"item {item.id}: field {key} must be text")
        values[key] = str(value)
    return values


def _match_groups(values: list[str], groups: tuple[_Numbers | TextAnswers, ...]) -> bool:
    """Each field must match a different solution group: a bipartite matching (Kuhn's algorithm)."""
    fits = [[g for g, group in enumerate(groups) if group.matches(value)] for value in values]
    owner: dict[int, int] = {}

    def assign(field_index: int, seen: set[int]) -> bool:
        for group in fits[field_index]:
            if group in seen:
                continue
            seen.add(group)
            if group not in owner or assign(owner[group], seen):
                owner[group] = field_index
                return True
        return False

    return all(assign(i, set()) for i in range(len(values)))


def is_blank(item: Item, response: Response) -> bool:
    """True when the response holds nothing at all (the interface asks before validating it)."""
    if response is None:
        return True
    if isinstance(response, str):
        return not response.strip()
    if isinstance(response, Mapping):
        return all(not str(v or "").strip() for v in response.values())
    return len(response) == 0


def check(item: Item, response: Response, locale: str = "fr") -> Outcome:
    """Check a response against the item's solution in the candidate's locale."""
    if response is None:
        return Outcome.SKIPPED
    key = _key(item)
    if key.type is ItemType.QCU:
        if not isinstance(response, str):
            raise AnswerFormatError(f"item {key.id}: a single-choice answer is one proposal key")
        if response not in key.proposals:
            raise AnswerFormatError(f"item {key.id}: '{response}' is not one of its proposals")
        return Outcome.OK if response == key.solution[0] else Outcome.KO
    if key.type is ItemType.QCM:
        if isinstance(response, (str, Mapping)) or not all(isinstance(k, str) for k in response):
            raise AnswerFormatError(f"item {key.id}: a multiple-choice answer is a collection of proposal keys")
        chosen = set(response)
        if not chosen <= key.proposals:
            raise AnswerFormatError(f"item {key.id}: {sorted(chosen - key.proposals)} are not proposals")
        return Outcome.OK if chosen == set(key.solution) else Outcome.KO
    values = _field_values(key, response)
    matchers = key.matchers(locale)
    if key.type is ItemType.QROCM_DEP:
        return Outcome.OK if _match_groups([values[k] for k in key.ordered_keys], matchers) else Outcome.KO
    for field_key, matcher in zip(key.ordered_keys, matchers, strict=True):
        if not matcher.matches(values[field_key]):
            return Outcome.KO
    return Outcome.OK


def reference_responses(item: Item, locale: str) -> list[Response]:
    """Responses the item's own solution says are correct (one per accepted answer, for checks)."""
    if item.type is ItemType.QCU:
        return [item.solution[0]]
    if item.type is ItemType.QCM:
        return [list(item.solution)]
    if item.type is ItemType.QROCM_DEP:
        groups = item.solution_groups[: len(item.fields)]
        return [{f.key: g[0].for_locale(locale) for f, g in zip(item.fields, reversed(groups), strict=True)}]
    if item.type is ItemType.QROC:
        field = item.fields[0]
        return [{field.key: accepted.for_locale(locale)} for accepted in field.solutions]
    return [{f.key: f.solutions[0].for_locale(locale) for f in item.fields}]
