"""The ports of the exam session: what the core needs from the world, as typing.Protocols.

Adapters implement them: the SQLite journal, the system clock, the practice authority or the
room link, the opened bank, the adaptive engine, the result-bundle writer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from itembank.model import Item, ItemMeta, Outcome
from kiosk.core.events import Event


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds from an arbitrary origin, never going back (time.monotonic)."""

    def now(self) -> dt.datetime:
        """The wall-clock time, timezone-aware (for the record, never for durations)."""


class Journal(Protocol):
    def append(self, kind: str, payload: Mapping[str, Any]) -> Event:
        """Append an event; it is durable when this returns, or, inside :meth:`transaction`, when
        the transaction ends."""

    def transaction(self) -> AbstractContextManager[None]:
        """Group the appends of one command: all are durable at the end of the block (one disk
        flush), or, if the block raises or the commit fails, none is, and the journal forgets them.
        Nested blocks join the outermost one."""

    def durable_state(self) -> tuple[list[Event], tuple[float, dt.datetime] | None]:
        """The events and the last time checkpoint as they are on disk (what a restart would read)."""

    def checkpoint(self, elapsed: float, wall: dt.datetime) -> None:
        """Record the exam time consumed so far (a heartbeat, about once a second)."""


class Engine(Protocol):
    """The adaptive test of one attempt (itembank's AdaptiveTest satisfies it)."""

    @property
    def finished(self) -> bool: ...

    def next_item(self) -> str | None: ...

    def record(self, item_id: str, outcome: Outcome) -> None: ...

    def neutralise(self, item_id: str) -> None: ...

    def result(self, abort: str | None = None) -> Any: ...


class ItemSource(Protocol):
    """The opened bank, as the session sees it."""

    @property
    def metas(self) -> Sequence[ItemMeta]: ...

    def item(self, item_id: str) -> Item: ...


class Authority(Protocol):
    """Who decides: the candidate alone in practice, the invigilator in an exam."""

    def authorisation_requested(self, resume: bool) -> None:
        """The session waits for ``session.authorise()``; ask whoever decides."""

    def problem_reported(self, number: int, item_id: str) -> None:
        """The session waits for ``session.resolve_problem(validated)``."""

    def event_recorded(self, event: Event) -> None:
        """Every journal event, as it happens (the room link forwards them)."""


class ResultSink(Protocol):
    def submit(self, summary: Mapping[str, Any], events: Sequence[Event]) -> str:
        """Write the signed result bundle; return the receipt code shown to the candidate."""
