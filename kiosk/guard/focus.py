"""Focus decisions, without a display: whose window has the focus, and when a loss counts.

The adapter (``qt_focus.py``) observes the system and feeds :class:`FocusTracker` with a
:class:`Verdict` for the window that has the focus now; the tracker applies the debounce and says
when a loss begins (after the debounce) and when it ends (with its true duration, measured from
the switch, not from the end of the debounce).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from kiosk.guard.policy import AssistiveTool


@dataclass(frozen=True)
class WindowInfo:
    """The window that has the focus, as the platform describes it."""

    id: int = 0
    pid: int | None = None
    process: str = ""  # process name (empty when unknown)
    wm_class: tuple[str, ...] = ()  # X11 WM_CLASS parts, or the Windows window class
    title: str = ""

    def describe(self) -> str:
        """A short text for the journal: what the candidate switched to."""
        what = self.process or (self.wm_class[-1] if self.wm_class else "") or "unknown window"
        pid = f" (pid {self.pid})" if self.pid else ""
        title = f" “{self.title[:60]}”" if self.title else ""
        return f"{what}{pid}{title}"


NO_WINDOW = WindowInfo()  # nothing has the focus (the desktop, or a window that just closed)


class Verdict(StrEnum):
    OWN = "own"  # a window or dialog of the kiosk itself
    ASSISTIVE = "assistive"  # an assistive technology the candidate was granted
    FOREIGN = "foreign"  # anything else, including no window at all


def classify(window: WindowInfo | None, is_own: Callable[[WindowInfo], bool],
             granted: Iterable[AssistiveTool]) -> Verdict:
    if window is not None and window is not NO_WINDOW and is_own(window):
        return Verdict.OWN
    if window is not None and any(tool.matches(window.process, window.wm_class) for tool in granted):
        return Verdict.ASSISTIVE
    return Verdict.FOREIGN


@dataclass(frozen=True)
class FocusLost:
    since: float  # monotonic time of the switch
    window: WindowInfo


@dataclass(frozen=True)
class FocusRegained:
    since: float
    until: float
    window: WindowInfo  # where the candidate had gone

    @property
    def seconds(self) -> float:
        return max(0.0, self.until - self.since)


class FocusTracker:
    """Debounced focus state: present → pending (for ``debounce`` seconds) → away → present."""

    def __init__(self, debounce: float):
        if debounce < 0:
            raise ValueError("the debounce cannot be negative")
        self.debounce = debounce
        self._pending: tuple[float, WindowInfo] | None = None
        self._away: tuple[float, WindowInfo] | None = None
        self.flickers = 0  # losses shorter than the debounce, ignored

    @property
    def away(self) -> bool:
        return self._away is not None

    @property
    def deadline(self) -> float | None:
        """When a pending loss becomes a loss (the adapter sets a timer for it)."""
        return self._pending[0] + self.debounce if self._pending else None

    def observe(self, now: float, verdict: Verdict,
                window: WindowInfo | None = None) -> FocusLost | FocusRegained | None:
        """What the focus is now; returns the decision it causes, if any."""
        if verdict is not Verdict.FOREIGN:
            if self._pending is not None:
                self._pending = None
                self.flickers += 1
                return None
            if self._away is not None:
                since, where = self._away
                self._away = None
                return FocusRegained(since, now, where)
            return None
        if self._away is not None or self._pending is not None:
            return self.tick(now)
        self._pending = (now, window or NO_WINDOW)
        return self.tick(now)

    def tick(self, now: float) -> FocusLost | None:
        """Promote a pending loss whose debounce has run out."""
        if self._pending is None or now - self._pending[0] < self.debounce:
            return None
        since, window = self._pending
        self._pending = None
        self._away = (since, window)
        return FocusLost(since, window)

    def reset(self) -> None:
        self._pending = None
        self._away = None
