"""Test doubles for the kiosk core's ports. They live in tests/ only."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from itembank.bank import BankSource
from itembank.model import Outcome
from kiosk.core.events import Event
from kiosk.errors import JournalError


class FakeClock:
    def __init__(self) -> None:
        self.mono = 1000.0
        self.wall = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)

    def monotonic(self) -> float:
        return self.mono

    def now(self) -> dt.datetime:
        return self.wall

    def advance(self, seconds: float) -> None:
        self.mono += seconds
        self.wall += dt.timedelta(seconds=seconds)


@dataclass
class MemoryJournal:
    clock: FakeClock
    events: list[Event] = field(default_factory=list)
    checkpoints: list[tuple[float, dt.datetime]] = field(default_factory=list)

    def append(self, kind: str, payload: dict[str, Any]) -> Event:
        json.dumps(payload)  # what is journalled must be plain data
        prev = self.events[-1].hash if self.events else ""
        digest = hashlib.sha256((prev + kind + json.dumps(payload, sort_keys=True)).encode()).hexdigest()
        event = Event(len(self.events) + 1, kind, payload, self.clock.monotonic(), self.clock.now(), digest)
        self.events.append(event)
        return event

    fail_next_commit: bool = False  # the next transaction fails when it commits, as a full disk would
    commits: int = 0
    _open: bool = False

    def checkpoint(self, elapsed: float, wall: dt.datetime) -> None:
        self.checkpoints.append((elapsed, wall))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._open:
            yield
            return
        mark, checkpoints = len(self.events), len(self.checkpoints)
        self._open = True
        try:
            yield
            if self.fail_next_commit:
                self.fail_next_commit = False
                raise JournalError("disk full (simulated)")
            self.commits += 1
        except BaseException:
            del self.events[mark:]
            del self.checkpoints[checkpoints:]
            raise
        finally:
            self._open = False

    def durable_state(self) -> tuple[list[Event], tuple[float, dt.datetime] | None]:
        return list(self.events), (self.checkpoints[-1] if self.checkpoints else None)


class SourceItems:
    """An in-memory bank source seen through the ItemSource port."""

    def __init__(self, source: BankSource):
        self._items = {item.id: item for item in source.items}
        self.metas = [item.meta() for item in source.items]

    def item(self, item_id: str):
        return self._items[item_id]


class SequentialEngine:
    """Serves items in bank order, one per tube; enough to drive the state machine in unit tests."""

    def __init__(self, metas, length: int, seed: int):
        self._metas = list(metas)
        self._length = length
        self.seed = seed
        self.recorded: list[tuple[str, Outcome]] = []
        self.neutralised: list[str] = []
        self._used_tubes: set[str] = set()
        self._current: str | None = None

    @property
    def finished(self) -> bool:
        return len(self.recorded) >= self._length

    def next_item(self) -> str | None:
        for meta in self._metas:
            if meta.tube not in self._used_tubes:
                self._used_tubes.add(meta.tube)
                self._current = meta.id
                return meta.id
        return None

    def record(self, item_id: str, outcome: Outcome) -> None:
        self.recorded.append((item_id, outcome))

    def neutralise(self, item_id: str) -> None:
        self.neutralised.append(item_id)

    def result(self, abort: str | None = None) -> dict[str, Any]:
        right = sum(1 for _, o in self.recorded if o is Outcome.OK)
        return {"treated": len(self.recorded), "right": right, "abort": abort}


class RecordingSink:
    def __init__(self) -> None:
        self.submitted: list[dict[str, Any]] = []

    def submit(self, summary, events) -> str:
        self.submitted.append(dict(summary))
        return f"R-{len(self.submitted):04d}"


class ManualAuthority:
    """An invigilator who acts only when the test says so."""

    def __init__(self) -> None:
        self.requests: list[bool] = []
        self.problems: list[tuple[int, str]] = []
        self.seen: list[str] = []

    def authorisation_requested(self, resume: bool) -> None:
        self.requests.append(resume)

    def problem_reported(self, number: int, item_id: str) -> None:
        self.problems.append((number, item_id))

    def event_recorded(self, event: Event) -> None:
        self.seen.append(event.kind)


def play_to_the_end(session: Any, clock: FakeClock) -> None:
    """Check a candidate in, start, and answer every question right, 15 s each, until FINISHED."""
    from itembank.answers import reference_responses
    from kiosk.core.candidate import Candidate
    from kiosk.core.session import State

    session.open_check_in()
    session.submit_check_in(Candidate("Diallo", "Awa", dt.date(1990, 1, 2), "777", "BCDF23"), "en")
    session.authorise(by="invigilator")
    session.environment_checked([])
    session.start_test()
    while session.state is not State.FINISHED:
        if session.state is State.FOCUS_WARNING:
            session.acknowledge_focus_warning()
            continue
        clock.advance(15)
        session.answer(reference_responses(session.question.item, "en")[0])
