"""The console's own alerts: not a kiosk's doing, but the console's — its database cannot be written.

When the console's disk is full (or its database server is gone) every kiosk request that must
write is answered 503: the kiosks keep their journals and send them again. The invigilator must
see at once that the silence of the room is the console's, and what to do; so the server keeps
one :class:`ConsoleAlert` while writes fail, the dashboard shows it above the kiosks' tiles and
``status`` prints it first. It closes by itself at the first write that succeeds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

MAX_REASON = 300

# What SQLite, PostgreSQL and the operating system say when there is no room left
DISK_FULL_SIGNS = ("database or disk is full", "no space left on device", "could not extend file", "disk full",
                   "diskfull", "53100", "errno 28", "quota exceeded", "could not write to file")


class ConsoleAlertKind(StrEnum):
    DISK_FULL = "disk-full"
    DATABASE_UNAVAILABLE = "database-unavailable"


def failure_kind(reason: str) -> ConsoleAlertKind:
    """Disk full when the error says so; any other failure to write is the database being unavailable."""
    text = reason.casefold()
    return ConsoleAlertKind.DISK_FULL if any(sign in text for sign in DISK_FULL_SIGNS) \
        else ConsoleAlertKind.DATABASE_UNAVAILABLE


@dataclass(frozen=True)
class ConsoleAlert:
    kind: ConsoleAlertKind
    since: dt.datetime
    last_failure: dt.datetime
    reason: str  # the first line of the database's error
    where: str  # the database (SQLite file or PostgreSQL URL without password)
    refused: int = 1  # kiosk requests and console writes that failed since
    cleared_at: dt.datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.cleared_at is None

    def failed_again(self, now: dt.datetime, reason: str) -> ConsoleAlert:
        kind = failure_kind(reason)
        return replace(self, last_failure=max(now, self.last_failure), refused=self.refused + 1,
                       kind=ConsoleAlertKind.DISK_FULL if ConsoleAlertKind.DISK_FULL in (kind, self.kind) else kind)

    def cleared(self, now: dt.datetime) -> ConsoleAlert:
        return replace(self, cleared_at=now)

    def headline(self, now: dt.datetime) -> str:
        """One line for ``status`` and the dashboard's banner."""
        lasted = int(((self.cleared_at or now) - self.since).total_seconds())
        what = "DISK FULL" if self.kind is ConsoleAlertKind.DISK_FULL else "DATABASE UNAVAILABLE"
        if not self.is_open:
            return (f"console: {what.lower()} from {self.since:%H:%M:%S} to {self.cleared_at:%H:%M:%S} ({lasted} s, "
                    f"{self.refused} writes refused); the kiosks sent their journals again")
        todo = ("free space on the disk that holds it" if self.kind is ConsoleAlertKind.DISK_FULL
                else "check the database server and the console's log")
        return (f"CONSOLE {what} since {self.since:%H:%M:%S} ({lasted} s, {self.refused} writes refused): "
                f"{self.where} cannot be written ({self.reason}); kiosks keep their journals and send them again "
                f"— {todo}")

    def to_dict(self) -> dict[str, Any]:
        return {"kind": str(self.kind), "since": self.since.isoformat(), "last_failure": self.last_failure.isoformat(),
                "reason": self.reason, "where": self.where, "refused": self.refused,
                "cleared_at": self.cleared_at.isoformat() if self.cleared_at else None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConsoleAlert:
        cleared = data.get("cleared_at")
        return cls(ConsoleAlertKind(data["kind"]), dt.datetime.fromisoformat(data["since"]),
                   dt.datetime.fromisoformat(data["last_failure"]), str(data["reason"])[:MAX_REASON],
                   str(data["where"]), int(data["refused"]), dt.datetime.fromisoformat(cleared) if cleared else None)


def first_failure(now: dt.datetime, reason: str, where: str) -> ConsoleAlert:
    line = (" ".join(str(reason).split()) or "unknown error")[:MAX_REASON]
    return ConsoleAlert(failure_kind(line), now, now, line, where)
