"""The exam timer: exam time consumed, on a monotonic clock, with pauses and extra time.

Only time spent in the test counts: the timer stops while the test is paused, locked or the
kiosk is down, so a crash or a false alarm never costs the candidate time. After a restart the
consumed time comes back from the journal (the last heartbeat), never from the clock.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ExamTimer:
    base_seconds: float
    extra_seconds: float = 0.0
    consumed: float = 0.0  # exam time used before the current run
    running_since: float | None = None  # monotonic time the current run began

    @property
    def allowed(self) -> float:
        return self.base_seconds + self.extra_seconds

    @property
    def running(self) -> bool:
        return self.running_since is not None

    def elapsed(self, now: float) -> float:
        if self.running_since is None:
            return self.consumed
        return self.consumed + max(0.0, now - self.running_since)

    def remaining(self, now: float) -> float:
        return max(0.0, self.allowed - self.elapsed(now))

    def start(self, now: float) -> None:
        if self.running_since is None:
            self.running_since = now

    def stop(self, now: float) -> None:
        if self.running_since is not None:
            self.consumed = self.elapsed(now)
            self.running_since = None

    def add_extra(self, seconds: float) -> None:
        if seconds <= 0:
            raise ValueError(f"extra time must be positive, got {seconds} s")
        self.extra_seconds += seconds

    def restore(self, consumed: float) -> None:
        """Set the time used from the record (after a restart); the timer is left stopped."""
        self.running_since = None
        self.consumed = consumed


def extra_seconds(base_seconds: float, minutes: float | None = None, percent: float | None = None) -> float:
    """Extra time as the invigilator grants it: minutes, or a percentage of the base duration."""
    if (minutes is None) == (percent is None):
        raise ValueError("give extra time either in minutes or as a percentage, not both")
    seconds = minutes * 60 if minutes is not None else base_seconds * percent / 100  # type: ignore[operator]
    if seconds <= 0:
        raise ValueError("extra time must be positive")
    return float(seconds)
