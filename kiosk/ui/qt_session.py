"""The thin Qt adapter of the exam session: session events become Qt signals, and a timer ticks.

Views never subscribe to the session directly: they listen to this bridge. A follow-up command
that an event calls for (run the environment check once the state is ENVIRONMENT_CHECK, submit
once FINISHED) is scheduled with :meth:`later`, so it never runs inside another command.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.core.events import Event
from kiosk.core.session import ExamSession, State
from kiosk.errors import IllegalTransitionError, KioskError

TICK_MS = 250
QUIET_AFTER_EVENT_S = 0.05  # the heartbeat waits while a new screen is being painted
log = logging.getLogger(__name__)


class QtSessionBridge(QObject):
    """Signals for one :class:`ExamSession`; ``session`` is read by views, commands go through it."""

    eventRecorded = Signal(object)  # the journal Event, as it happens
    stateChanged = Signal(str)  # the new State value
    ticked = Signal()  # after each session.tick(), for the countdown
    failed = Signal(str)  # a command could not be carried out (journal or sink trouble)

    def __init__(self, session: ExamSession, tick_ms: int = TICK_MS, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self._state = session.state
        session.subscribe(self._on_event)
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self._tick)
        self._last_event = 0.0

    @property
    def state(self) -> State:
        return self.session.state

    def start(self) -> None:
        """Start the 250 ms heartbeat (time limits, countdown, journal checkpoints)."""
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def running(self) -> bool:
        """The heartbeat beats: the kiosk is live (the composition root stops it before tearing down)."""
        return self._timer.isActive()

    def _on_event(self, event: Event) -> None:
        self._last_event = time.perf_counter()
        self.eventRecorded.emit(event)
        self.sync()

    def sync(self) -> None:
        """Emit ``stateChanged`` if the session's state differs from the last one seen."""
        if self.session.state is not self._state:
            self._state = self.session.state
            self.stateChanged.emit(self._state.value)

    def _tick(self) -> None:
        # Just after an event (a new question) the heartbeat, which may write to the journal, waits
        # for the next beat: the screen is painted first. Time limits are at most one beat late.
        if time.perf_counter() - self._last_event < QUIET_AFTER_EVENT_S:
            return
        self.run(self.session.tick)
        self.ticked.emit()

    def run(self, command: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call a session command; a kiosk error becomes ``failed`` instead of a traceback."""
        try:
            result = command(*args, **kwargs)
        except IllegalTransitionError as exc:
            # A stale action (a second click that arrives after the state moved on): nothing to do.
            log.warning("ignored: %s", exc)
            return None
        except KioskError as exc:
            log.exception("session command failed")
            self.failed.emit(str(exc))
            return None
        self.sync()
        return result

    def later(self, command: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Run a follow-up command once the current one has returned (never re-entrantly)."""
        QTimer.singleShot(0, self, lambda: self.run(command, *args, **kwargs))
