"""The console's own alert (its database cannot be written), kept where ``status`` can read it on a full disk.

The server process notices the failure; ``pupitre-invigilator status`` and the window may run in
other processes, and the database is precisely what cannot be written. So the alert lives in
``console-health.json`` in the data folder, a file of fixed size made when the server starts
(while there is room) and then only ever **overwritten in place**: rewriting blocks a file
already holds needs no free space, where a new file, or the atomic rename of one, would fail
on the full disk it is meant to report. A reader that meets a half-written record reads again.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from invigilator.core.console_alerts import ConsoleAlert, first_failure
from protocol.atomicfile import write_atomic

log = logging.getLogger("pupitre.console.server")

HEALTH_FILE = "console-health.json"
HEALTH_FORMAT = "pupitre-console-health"
FILE_SIZE = 4096
WRITE_EVERY = 1.0  # seconds between two rewrites of an alert that goes on


def _record(alert: ConsoleAlert | None, now: dt.datetime) -> bytes:
    data = json.dumps({"format": HEALTH_FORMAT, "version": 1, "pid": os.getpid(), "updated": now.isoformat(),
                       "alert": alert.to_dict() if alert else None}, ensure_ascii=False).encode("utf-8")
    if len(data) > FILE_SIZE - 1:
        raise ValueError("console health record too long")
    return data + b" " * (FILE_SIZE - 1 - len(data)) + b"\n"


class ConsoleHealth:
    """Whether the console's database takes writes; thread-safe, cheap when nothing changes."""

    def __init__(self, data_dir: Path | None, where: str, clock: Callable[[], dt.datetime]):
        self.path = None if data_dir is None else Path(data_dir) / HEALTH_FILE
        self.where = where
        self._clock = clock
        self._lock = threading.Lock()
        self._alert: ConsoleAlert | None = None
        self._written = 0.0
        self.cleared_at: float | None = None  # monotonic time the last alert cleared

    @property
    def alert(self) -> ConsoleAlert | None:
        with self._lock:
            return self._alert

    def reserve(self) -> None:
        """Make the file at its full size while there is room (the server's start): no alert."""
        if self.path is not None:
            write_atomic(self.path, _record(None, self._clock()), mode=0o600)

    def failed(self, reason: str) -> ConsoleAlert:
        """A write failed (``reason``: the database's error); raises or updates the alert."""
        now = self._clock()
        with self._lock:
            raised = self._alert is None
            self._alert = first_failure(now, reason, self.where) if raised else self._alert.failed_again(now, reason)
            alert = self._alert
            due = raised or time.monotonic() - self._written >= WRITE_EVERY
            if due:
                self._written = time.monotonic()
        if raised:
            log.error("console alert", extra={"fields": {"alert": str(alert.kind), "reason": alert.reason,
                                                         "database": alert.where}})
        if due:
            self._write(alert, now)
        return alert

    def written(self) -> None:
        """A write went through: the alert, if any, is cleared (and said so once)."""
        if self._alert is None:  # the common case, without the lock
            return
        now = self._clock()
        with self._lock:
            if self._alert is None:
                return
            cleared, self._alert = self._alert.cleared(now), None
            self.cleared_at = time.monotonic()
        log.warning("console alert cleared", extra={"fields": {
            "alert": str(cleared.kind), "lasted_s": round((now - cleared.since).total_seconds(), 1),
            "refused": cleared.refused}})
        self._write(cleared, now)

    def _write(self, alert: ConsoleAlert, now: dt.datetime) -> None:
        if self.path is None:
            return
        try:
            with open(self.path, "r+b", buffering=0) as handle:  # in place: no new block needed (and on Windows)
                handle.seek(0)
                handle.write(_record(alert, now))
                os.fsync(handle.fileno())
        except (OSError, ValueError) as exc:
            log.error("console alert not written to the health file", extra={"fields": {"reason": str(exc)}})


def read_console_alert(data_dir: Path) -> tuple[ConsoleAlert | None, dt.datetime | None]:
    """The alert the serving console last wrote (open, or cleared), and when it wrote it; (None, None) without one."""
    path = Path(data_dir) / HEALTH_FILE
    for _ in range(3):
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None, None
        except OSError as exc:
            log.warning("cannot read %s: %s", path, exc)
            return None, None
        try:
            data: Any = json.loads(raw.decode("utf-8"))
            if data.get("format") != HEALTH_FORMAT:
                return None, None
            updated = dt.datetime.fromisoformat(data["updated"])
            alert = data.get("alert")
            return (ConsoleAlert.from_dict(alert) if alert else None), updated
        except (ValueError, KeyError, TypeError, AttributeError):
            time.sleep(0.05)  # a record being rewritten: read again
    return None, None
