"""The kiosk's clock: monotonic seconds for durations, timezone-aware UTC for the record."""

from __future__ import annotations

import datetime as dt
import time


class SystemClock:
    """The real clock (kiosk.core.ports.Clock): exam time never depends on the wall clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)
