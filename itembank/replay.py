"""Replay audit: re-run a test from its inputs and check it gives the logged items and result.

The engine is deterministic given the bank, the profile, the seed, the exposure record and the
answers, so a verifier holding those re-runs the whole test: at every question the engine must
choose the item the log shows, and the final result must equal the recorded one field by field
(floats compared exactly). :func:`replay` returns a report saying where the two first diverge;
:func:`verify` is the raising wrapper.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from itembank.cat.engine import NEUTRALISED, AdaptiveTest, Event
from itembank.cat.errors import EngineError, ReplayMismatchError
from itembank.cat.exposure import ExposureRecord
from itembank.cat.pool import ItemPool
from itembank.framework import Framework
from itembank.model import ItemMeta
from itembank.profile import ExamProfile
from itembank.scoring import Result


@dataclass(frozen=True)
class Divergence:
    """The first point where a replay differs from the log or the recorded result.

    ``event`` is the index of the log entry (from 0) and ``position`` the question number (from
    1) when the divergence is in the sequence; both are None for a difference in the result.
    """

    what: str  # "item", "log" or "result.<field>"
    logged: Any
    replayed: Any
    event: int | None = None
    position: int | None = None

    def __str__(self) -> str:
        if self.what == "item":
            return (f"question {self.position} (log entry {self.event + 1}): the log has item {self.logged} "
                    f"but the engine selects {self.replayed}")
        if self.what == "log":
            return f"log entry {(self.event or 0) + 1}: {self.logged} ({self.replayed})"
        return f"{self.what}: recorded {self.logged!r}, replay gives {self.replayed!r}"


@dataclass(frozen=True)
class ReplayReport:
    """What the replay produced, and the first divergence (None when it matches)."""

    shown: tuple[str, ...]  # every item the engine showed, neutralised ones included
    result: Result | None
    divergence: Divergence | None

    @property
    def ok(self) -> bool:
        return self.divergence is None


def _events(log: Iterable[Event | Mapping[str, Any] | Sequence[Any]]) -> list[Event]:
    return [e if isinstance(e, Event) else Event.from_dict(e) for e in log]


def replay(
    metas: Sequence[ItemMeta] | ItemPool,
    framework: Framework,
    profile: ExamProfile,
    seed: int,
    log: Iterable[Event | Mapping[str, Any] | Sequence[Any]],
    *,
    expected: Result | Mapping[str, Any] | None = None,
    abort: str | None = None,
    strategy: str | None = None,
    exposure: ExposureRecord | None = None,
    screen_reader: bool = False,
) -> ReplayReport:
    """Re-run a test and compare it with its log and, if given, its recorded result.

    ``log`` is the sequence of (item id, outcome) events as the kiosk journalled them, with
    "neutralised" as the outcome of a withdrawn question. ``strategy`` defaults to the
    recorded result's, then to the profile's. ``screen_reader`` is the candidate's accommodation
    (only items a screen reader can convey were eligible).
    """
    recorded = Result.from_dict(expected) if isinstance(expected, Mapping) else expected
    name = strategy or (recorded.strategy if recorded is not None else None)
    test = AdaptiveTest(metas, framework, profile, seed, strategy=name, exposure=exposure,
                        screen_reader=screen_reader)
    shown: list[str] = []
    try:
        events = _events(log)
    except (EngineError, KeyError, TypeError, ValueError) as exc:
        return ReplayReport((), None, Divergence("log", "unreadable entry", str(exc), 0))
    for number, event in enumerate(events):
        position = test.position
        chosen = test.next_item()
        if chosen is None:
            return ReplayReport(tuple(shown), None, Divergence(
                "log", f"entry for item {event.item_id}", "the test was already over", number, position))
        if chosen != event.item_id:
            divergence = Divergence("item", event.item_id, chosen, number, position)
            return ReplayReport(tuple(shown), None, divergence)
        shown.append(chosen)
        if event.outcome == NEUTRALISED:
            test.neutralise(chosen)
        else:
            test.record(chosen, event.outcome)
    result = test.result(abort if recorded is None else recorded.abort)
    if recorded is not None:
        for f in fields(Result):
            if f.name == "extra":
                continue
            logged, replayed = getattr(recorded, f.name), getattr(result, f.name)
            if not _same(logged, replayed):
                return ReplayReport(tuple(shown), result, Divergence(f"result.{f.name}", logged, replayed))
    return ReplayReport(tuple(shown), result, None)


def _same(a: Any, b: Any) -> bool:
    """Exact equality, floats included (bit for bit, except that NaN equals NaN)."""
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (a != a and b != b)
    return a == b


def verify(
    metas: Sequence[ItemMeta] | ItemPool,
    framework: Framework,
    profile: ExamProfile,
    seed: int,
    log: Iterable[Event | Mapping[str, Any] | Sequence[Any]],
    expected: Result | Mapping[str, Any],
    *,
    exposure: ExposureRecord | None = None,
    screen_reader: bool = False,
) -> Result:
    """:func:`replay` that raises :class:`ReplayMismatchError` on any divergence."""
    report = replay(metas, framework, profile, seed, log, expected=expected, exposure=exposure,
                    screen_reader=screen_reader)
    if report.divergence is not None:
        raise ReplayMismatchError(report.divergence)
    assert report.result is not None
    return report.result
