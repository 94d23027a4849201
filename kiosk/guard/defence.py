"""What the guard does with the window keeper's findings: the journal, the focus question, the lock.

The keeper (``qt_keeper``) puts the exam window back and removes foreign windows; this decides
what it means for the attempt. A change of the exam window during a focus question counts as
leaving it; the third change within ``REPEAT_WINDOW_S`` locks; a window of another program over
the exam is journalled, and the same program again within that time locks. No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from itembank.model import Mode
from kiosk.core.session import ExamSession, State

REPEAT_WINDOW_S = 60.0  # a foreign window back within this time, or a third change of the exam window, locks
REPEAT_LOCK = 3


class ExamWindowDefence:
    """The keeper's callbacks, for one guard. ``away`` tells whether the focus watcher sees the
    candidate elsewhere right now; ``regrab`` takes the keyboard back; ``program`` names the
    process of a pid; ``allowed_tool`` says whether a window belongs to a granted assistive tool."""

    def __init__(self, session: ExamSession, *, journal: Callable[..., None],
                 lock: Callable[[str, dict[str, Any]], None], clock: Callable[[], float],
                 away: Callable[[], bool], regrab: Callable[[], None], program: Callable[[int | None], str],
                 allowed_tool: Callable[[str, tuple[str, ...]], bool]):
        self.session = session
        self._journal = journal
        self._lock = lock
        self._clock = clock
        self._away = away
        self._regrab = regrab
        self._program = program
        self._allowed_tool = allowed_tool
        self._lost = False  # the current incident reached the journal as a focus loss
        self._tampered_at: list[float] = []
        self._foreign_seen: dict[tuple[str, str], list[float]] = {}

    def _recent(self, times: list[float], now: float) -> list[float]:
        return [t for t in times if now - t < REPEAT_WINDOW_S] + [now]

    def tampered(self, problems: list[str]) -> None:
        """Another program changed the exam window (the keeper is putting it back)."""
        self._tampered_at = self._recent(self._tampered_at, self._clock())
        self._journal("window-tampered", problems=problems, times=len(self._tampered_at))
        before = len(self.session.events)
        self.session.focus_lost("exam window: " + ", ".join(problems))
        self._lost = len(self.session.events) > before
        if len(self._tampered_at) >= REPEAT_LOCK:  # something is fighting the exam window
            self._lock("window-tampered", {"problems": problems, "times": len(self._tampered_at)})

    def restored(self, problems: list[str], seconds: float) -> None:
        self._journal("window-restored", problems=problems, after_ms=round(seconds * 1000, 1))
        self._regrab()
        if self._lost and not self._away():
            self.session.focus_regained()
        self._lost = False

    def failed(self, problems: list[str]) -> None:
        self._lock("window-tampered", {"problems": problems})

    def allowed(self, window: Any) -> bool:
        return self._allowed_tool(self._program(window.pid), window.classes)

    def foreign(self, window: Any) -> None:
        """A window of another program over the exam window (the keeper closes it)."""
        name = self._program(window.pid)
        key = (window.wm_class or window.title, name)
        seen = self._foreign_seen[key] = self._recent(self._foreign_seen.get(key, []), self._clock())
        details = {"window": window.title or window.wm_class or hex(window.id), "wm_class": window.wm_class,
                   "pid": window.pid, "program": name, "override_redirect": window.override_redirect,
                   "times": len(seen)}
        self._journal("foreign-window", **details)
        session, question = self.session, self.session.question
        if question is not None and session.state is State.QUESTION and question.item.mode is Mode.FOCUS:
            before = len(session.events)
            session.focus_lost(f"window of another program over the exam: {details['window']}")
            if len(session.events) > before and not self._away():
                session.focus_regained()
        if len(seen) >= 2:
            self._lock("foreign-window", details)
