"""The audit's reading of a bundle's questions: the log the engine replays, and every response re-scored.

The log is what :func:`itembank.replay.replay` takes: (item, outcome) for each question the bundle
lists, neutralised ones included, with the question numbers and competences the bundle states checked
against the bank's index. Re-scoring checks each response against its item in the bank, in the
candidate's language, as the kiosk did (``kiosk.core.session``: answer and tick).
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from itembank.answers import check as check_answer
from itembank.audit_report import MISSING, Check, Difference
from itembank.cat.engine import NEUTRALISED, Event
from itembank.errors import AnswerFormatError, ItemBankError
from itembank.model import Outcome
from itembank.pbank import OpenBank
from protocol.bundle import ResultBundle

OUTCOMES = frozenset({*(o.value for o in Outcome), NEUTRALISED})
_VALUES = MappingProxyType({o: o.value for o in Outcome})  # Outcome.value, without the enum's property each time
_TIMED_OUT, _FOCUSED_OUT, _SKIPPED = Outcome.TIMED_OUT.value, Outcome.FOCUSED_OUT.value, Outcome.SKIPPED


def question_log(bundle: ResultBundle, bank: OpenBank) -> tuple[list[Event], list[Difference]]:
    """The (item, outcome) log the engine replays, and the numbers or competences stated wrongly."""
    log: list[Event] = []
    differences: list[Difference] = []
    index = _index(bank)
    competences, events = index.competences, index.events
    counted = 0
    for entry, question in enumerate(bundle.questions, start=1):
        number = counted + 1
        item_id, outcome = question.get("item_id"), question.get("outcome")
        if not isinstance(item_id, str) or not isinstance(outcome, str) or outcome not in OUTCOMES:
            differences.append(Difference("log", f"item {item_id!r} with outcome {outcome!r}",
                                          "the engine cannot replay it", number, entry))
            break
        plain = type(item_id) is str and type(outcome) is str
        event = events.get((item_id, outcome)) if plain else None
        if event is None:
            event = Event(item_id, outcome)
            if plain and item_id in competences:
                events[(item_id, outcome)] = event
        log.append(event)
        if question.get("number") != number:
            differences.append(Difference("number", question.get("number", MISSING), number, number, entry))
        if "competence" in question and item_id in competences and question["competence"] != competences[item_id]:
            differences.append(Difference("competence", question["competence"], competences[item_id], number, entry))
        if outcome != NEUTRALISED:
            counted += 1
    return log, differences


@dataclass(frozen=True)
class _BankIndex:
    """What the audit looks up in a bank's index for every bundle, built once per opened bank (it never changes)."""

    competences: Mapping[str, Any]  # item id → competence
    focus: frozenset[str]  # the items asked in focus mode
    # (item id, outcome) → the log's event, made once (an Event is immutable): only the bank's items, so
    # that it never holds more than the bank's items times the outcomes
    events: dict[tuple[str, str], Event] = field(default_factory=dict, compare=False)


_INDEXES: weakref.WeakKeyDictionary[OpenBank, _BankIndex] = weakref.WeakKeyDictionary()


def _index(bank: OpenBank) -> _BankIndex:
    found = _INDEXES.get(bank)
    if found is None:
        found = _BankIndex(MappingProxyType({m.id: m.competence for m in bank.metas}),
                           frozenset(m.id for m in bank.metas if m.mode.value == "focus"))
        _INDEXES[bank] = found
    return found


def _focused_items(bundle: ResultBundle, bank: OpenBank) -> set[str]:
    """Items of focus questions during which the journal records that the candidate left the window.

    The kiosk counts a focus loss on a focus question whatever the entry's own ``counted`` flag
    says here: the item's mode comes from the bank, not from the bundle."""
    focus = _index(bank).focus
    return {item for e in bundle.events
            if e.kind == "focus-lost" and isinstance(item := e.payload.get("item_id"), str) and item in focus}


def _expected_outcome(item: Any, response: Any, stated: str, focused: bool, locale: str) -> str:
    """The outcome the kiosk records for ``response`` (see kiosk.core.session: answer and tick)."""
    if stated == _TIMED_OUT and response is None:
        return stated  # the time limit ended the question with no response
    try:
        rescored = check_answer(item, response, locale)
    except AnswerFormatError as exc:
        return f"no outcome: the response is not an answer to this item ({exc})"
    except (TypeError, ValueError) as exc:  # a hostile shape the answer checking does not foresee
        return f"no outcome: the response is not an answer to this item ({type(exc).__name__}: {exc})"
    if focused and rescored is not _SKIPPED:
        return _FOCUSED_OUT
    return _VALUES[rescored]


def responses_check(bundle: ResultBundle, bank: OpenBank) -> tuple[Check, list[Difference]]:
    """Re-score every listed response against its item in the bank and compare with the outcome stated."""
    known = _index(bank).competences
    focused = _focused_items(bundle, bank)
    item_of, locale = bank.item, bundle.locale
    differences: list[Difference] = []
    counted = checked = 0
    for entry, question in enumerate(bundle.questions, start=1):
        item_id, stated = question.get("item_id"), question.get("outcome")
        if stated == NEUTRALISED:
            continue
        counted += 1
        if not isinstance(stated, str) or stated not in OUTCOMES or not isinstance(item_id, str) \
                or item_id not in known:
            continue  # the replay names what cannot be replayed, and an item not of this bank
        if "response" not in question:
            differences.append(Difference("outcome", stated, "no outcome: the bundle lists no response", counted,
                                          entry, str(item_id)))
            continue
        try:
            item = item_of(str(item_id))
        except ItemBankError as exc:
            differences.append(Difference("outcome", stated, f"no outcome: the item cannot be read ({exc})",
                                          counted, entry, str(item_id)))
            continue
        expected = _expected_outcome(item, question["response"], str(stated), item_id in focused, locale)
        checked += 1
        if expected != stated:
            differences.append(Difference("outcome", stated, expected, counted, entry, str(item_id)))
    if differences:
        numbers = ", ".join(str(d.question) for d in differences)
        return Check("responses", False, f"{len(differences)} outcome(s) are not what the response gives "
                                         f"(question {numbers})"), differences
    return Check("responses", True, f"{checked} responses re-scored against their items: every outcome is the "
                                    "one the response gives"), differences
