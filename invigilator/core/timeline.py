"""A candidate's timeline: every entry of a kiosk's journal replica, in console time.

A kiosk writes its own wall-clock time into each entry; kiosks' clocks drift and some are simply
wrong. The console notes when each entry reached it, so the kiosk's offset is estimated from the
entries themselves: ``received − written`` is the offset plus the delay before the sync that
carried it, and the smallest such difference is the offset plus the shortest delay (under a
second when the kiosk syncs every second). Every entry is then shown at ``written + offset``,
so the order and the gaps are the kiosk's own and the hour is the console's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from invigilator.core.alerts import Alert


@dataclass(frozen=True)
class ReplicaLine:
    """One stored entry of a replica, with the console's time of arrival."""

    seq: int
    kind: str
    payload: dict[str, Any]
    written: dt.datetime | None  # the kiosk's wall clock, as the entry says
    received: dt.datetime  # the console's clock


@dataclass(frozen=True)
class TimelineRow:
    """A line of the timeline: console time, what happened, and where it comes from."""

    at: dt.datetime
    kind: str
    payload: dict[str, Any] = field(default_factory=dict)
    seq: int | None = None  # the journal's sequence number; None for what the console itself noted
    alert: Alert | None = None


def parse_wall(text: str | None) -> dt.datetime | None:
    """An entry's ``t_wall`` (ISO 8601) as an aware datetime, or None when absent or unreadable."""
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def clock_offset(lines: Iterable[ReplicaLine]) -> dt.timedelta | None:
    """The kiosk's clock offset (console − kiosk), from the entry that reached the console soonest."""
    gaps = [line.received - line.written for line in lines if line.written is not None]
    return min(gaps) if gaps else None


def timeline(lines: Sequence[ReplicaLine], alerts: Iterable[Alert] = ()) -> list[TimelineRow]:
    """The journal's entries in console time, with the console's alerts about the same attempt, oldest first."""
    offset = clock_offset(lines)
    rows = [TimelineRow(line.written + offset if line.written is not None and offset is not None else line.received,
                        line.kind, line.payload, line.seq) for line in sorted(lines, key=lambda x: x.seq)]
    for alert in alerts:
        if alert.kind.value in ("offline", "chain-break"):  # the others are entries of the journal already
            rows.append(TimelineRow(alert.raised_at, f"alert-{alert.kind.value}", dict(alert.detail), None, alert))
    # stable: entries keep their journal order; a console note goes after the entries of the same instant
    return sorted(rows, key=lambda r: (r.at, r.seq is None, r.seq or 0))
