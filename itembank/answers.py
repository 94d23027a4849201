"""Answer checking for the five item types.

A response is what the candidate gave: a proposal key (qcu), a collection of keys (qcm), a text
(qroc) or a mapping field key → text (qroc, qrocm-ind, qrocm-dep); ``None`` means skipped.
Checking returns :class:`~itembank.model.Outcome` OK, KO or SKIPPED; focused-out and timed-out are
decided by the kiosk, which knows how the question ended.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from itembank.errors import AnswerFormatError
from itembank.model import Accepted, AnswerField, InputKind, Item, ItemType, Outcome
from itembank.normalise import parse_number, text_matches

Response = str | Sequence[str] | Mapping[str, str] | None


def _without_unit(value: str, field: AnswerField, locale: str) -> str:
    """Candidates often type the unit the field shows ("12 %", "250 Mo"): accept it after the number."""
    if field.unit is None:
        return value
    unit = field.unit.get(locale).strip()
    text = value.strip()
    if unit and text.casefold().endswith(unit.casefold()):
        return text[: len(text) - len(unit)]
    return value


def _field_matches(field: AnswerField, value: str, accepted: tuple[Accepted, ...], steps, locale: str) -> bool:
    if field.input is InputKind.NUMBER:
        number = parse_number(_without_unit(value, field, locale), locale)
        if number is None:
            return False
        for option in accepted:
            expected = parse_number(option.for_locale(locale), locale)
            if expected is not None and abs(number - expected) <= field.tolerance + 1e-9 * max(1.0, abs(expected)):
                return True
        return False
    return any(text_matches(value, option.for_locale(locale), steps) for option in accepted)


def _field_values(item: Item, response: Any) -> dict[str, str]:
    if isinstance(response, str) and item.type is ItemType.QROC:
        return {item.fields[0].key: response}
    if not isinstance(response, Mapping):
        raise AnswerFormatError(f"item {item.id}: expected a mapping of field → answer, got {type(response).__name__}")
    keys = {f.key for f in item.fields}
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


def _match_groups(values: list[str], item: Item, locale: str) -> bool:
    """Each field must match a different solution group: a bipartite matching (Kuhn's algorithm)."""
    field = item.fields[0]
    fits = [
        [g for g, group in enumerate(item.solution_groups)
         if _field_matches(field, value, group, item.normalise, locale)]
        for value in values
    ]
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
    if item.type is ItemType.QCU:
        if not isinstance(response, str):
            raise AnswerFormatError(f"item {item.id}: a single-choice answer is one proposal key")
        if response not in item.proposal_keys:
            raise AnswerFormatError(f"item {item.id}: '{response}' is not one of its proposals")
        return Outcome.OK if response == item.solution[0] else Outcome.KO
    if item.type is ItemType.QCM:
        if isinstance(response, (str, Mapping)) or not all(isinstance(key, str) for key in response):
            raise AnswerFormatError(f"item {item.id}: a multiple-choice answer is a collection of proposal keys")
        chosen = set(response)
        if not chosen <= set(item.proposal_keys):
            raise AnswerFormatError(f"item {item.id}: {sorted(chosen - set(item.proposal_keys))} are not proposals")
        return Outcome.OK if chosen == set(item.solution) else Outcome.KO
    values = _field_values(item, response)
    if item.type is ItemType.QROCM_DEP:
        ordered = [values[f.key] for f in item.fields]
        return Outcome.OK if _match_groups(ordered, item, locale) else Outcome.KO
    for field in item.fields:
        if not _field_matches(field, values[field.key], field.solutions, item.normalise, locale):
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
