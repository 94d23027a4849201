"""Each kiosk's clock offset, so that every timeline the console shows reads in console time (issue 10).

A kiosk stamps each signed request with its wall time (``sent_at``); the console notes when the
request reached it (``received_at``, its own clock). For one request::

    received_at - sent_at = delay - offset        (offset = kiosk clock - console clock)

The delay is never negative, so ``sent_at - received_at`` is a lower bound of the offset, equal to
it when the delay is zero. Over recent requests the best estimate is the **largest** of those
bounds — the request that took the least time, as NTP's minimum-delay filter chooses its sample.
A slow request (a retry, a queue in front of the console, a kiosk that signed and then waited)
only gives a smaller bound and changes nothing. On a LAN the remaining error is the fastest
request's delay: a few milliseconds, far below the second the timelines show.

The window is the last :data:`WINDOW` requests (about half a minute at one sync a second), so a
kiosk whose clock is set or stepped during a test is followed within that time. A kiosk that
lies about its clock moves its own offset and nothing else; its entries' wall times come from
the same clock and were its word to begin with.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from protocol.journal_chain import ChainEntry

WINDOW = 32
WARN_AFTER = 2.0  # seconds: past this the invigilator is told the kiosk's clock is off


def offset_bound(sent_at: dt.datetime, received_at: dt.datetime) -> float:
    """``sent_at - received_at`` in seconds: a lower bound of the kiosk's offset (its delay is ≥ 0)."""
    return (sent_at - received_at).total_seconds()


class ClockOffsets:
    """The offset of each kiosk, from the minimum-delay sample of its last :data:`WINDOW` requests.

    Thread-safe: the server's workers note requests concurrently.
    """

    def __init__(self, window: int = WINDOW):
        if window < 1:
            raise ValueError("the window holds at least one request")
        self._window = window
        self._samples: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def note(self, kiosk_id: str, sent_at: dt.datetime, received_at: dt.datetime) -> float:
        """Add one request and return the kiosk's offset estimate (seconds, kiosk minus console)."""
        bound = offset_bound(sent_at, received_at)
        with self._lock:
            samples = self._samples.get(kiosk_id)
            if samples is None:
                samples = self._samples[kiosk_id] = deque(maxlen=self._window)
            samples.append(bound)
            return max(samples)

    def offset(self, kiosk_id: str) -> float | None:
        with self._lock:
            samples = self._samples.get(kiosk_id)
            return max(samples) if samples else None

    def snapshot(self) -> Mapping[str, float]:
        with self._lock:
            return {k: max(v) for k, v in self._samples.items() if v}


def parse_kiosk_time(text: str | None) -> dt.datetime | None:
    """A journal entry's wall time (ISO 8601, as the kiosk wrote it) as an aware UTC time, or None."""
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if value.tzinfo is None:  # a kiosk writes aware times; a naive one is taken as UTC rather than dropped
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def to_console_time(kiosk_time: dt.datetime | None, offset: float | None) -> dt.datetime | None:
    """A time read on the kiosk's clock, on the console's: ``kiosk time - offset`` (unknown offset: as is)."""
    if kiosk_time is None:
        return None
    try:
        return kiosk_time - dt.timedelta(seconds=offset or 0.0)
    except OverflowError:  # an entry's time and the clock its requests carried centuries apart: no console time
        return None


def describe_offset(offset: float | None) -> str:
    """``"clock 90 s ahead"`` / ``"clock 3.5 s behind"``: how the console words a kiosk's offset."""
    if offset is None:
        return "clock not measured yet"
    size = abs(offset)
    amount = f"{size:.0f} s" if size >= 10 else f"{size:.1f} s"
    return f"clock {amount} {'ahead' if offset > 0 else 'behind'}"


def needs_warning(offset: float | None, threshold: float = WARN_AFTER) -> bool:
    return offset is not None and abs(offset) > threshold


@dataclass(frozen=True)
class TimedEntry:
    """A journal entry on the console's timeline: when the kiosk's clock said, and when that was on the console's."""

    seq: int
    kind: str
    payload: dict[str, Any]
    kiosk_time: dt.datetime | None
    console_time: dt.datetime | None
    clock_offset: float | None


def console_timeline(entries: Iterable[tuple[ChainEntry, float | None]],
                     current_offset: float | None = None) -> list[TimedEntry]:
    """A replica's entries with their times in console time, in journal order.

    Each entry is corrected by the offset its kiosk had when the entry arrived (kept with it), so
    a clock set during the test moves only the entries after it; an entry kept without one (it
    came before the console measured clocks, or in a result bundle) takes ``current_offset``.
    """
    timeline = []
    for entry, offset in sorted(entries, key=lambda pair: pair[0].seq):
        used = offset if offset is not None else current_offset
        kiosk_time = parse_kiosk_time(entry.t_wall)
        timeline.append(TimedEntry(entry.seq, entry.kind, entry.payload, kiosk_time,
                                   to_console_time(kiosk_time, used), used))
    return timeline
