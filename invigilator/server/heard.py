"""Last-heard times and statuses kept in memory and written in one transaction every few seconds (ADR 0017).

300 kiosks at 1 Hz on SQLite, where every commit is an fsync, cannot afford one write per sync
for "heard at 10:02:07". The server notes each sync here; :meth:`LastHeard.flush` writes what
changed since the last flush in one transaction (and closes the offline alerts of kiosks heard
again), so a sync that brings no entry and no acknowledgement adds nothing to the database but
its counter. A console killed between two flushes loses a few seconds of "last heard", which the
next sync restores. The kiosk's clock offset (:mod:`invigilator.core.clock`) is written with it.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from sqlalchemy import select

from invigilator.core.alerts import Alert, AlertKind, close_offline
from invigilator.core.kiosks import KioskStatus
from invigilator.store import RoomStore
from invigilator.store.alerts import open_alerts, save_alert
from invigilator.store.kiosks import kiosk_from_row
from invigilator.store.schema import KioskRow


@dataclass(frozen=True)
class Heard:
    at: dt.datetime
    status: KioskStatus | None
    clock_offset: float | None = None


class LastHeard:
    """What each kiosk last said, waiting to be written."""

    def __init__(self, store: RoomStore):
        self._store = store
        self._lock = threading.Lock()
        self._waiting: dict[str, Heard] = {}

    def note(self, kiosk_id: str, at: dt.datetime, status: KioskStatus | None,
             clock_offset: float | None = None) -> None:
        with self._lock:
            held = self._waiting.get(kiosk_id)
            if held is None or held.at <= at:
                self._waiting[kiosk_id] = Heard(
                    at, status if status is not None else (held.status if held else None),
                    clock_offset if clock_offset is not None else (held.clock_offset if held else None))

    def pending(self) -> int:
        with self._lock:
            return len(self._waiting)

    def flush(self) -> int:
        """Write every waiting last-heard in one transaction; return how many kiosks it touched."""
        with self._lock:
            waiting, self._waiting = self._waiting, {}
        if not waiting:
            return 0
        try:
            with self._store.db.transaction() as session:
                # the rows in one query, locked in one order for every writer (no deadlock between two flushes), and
                # the open alerts in one more: a flush of 300 kiosks holds SQLite's write lock for a few ms, not 0.2 s
                rows = session.scalars(select(KioskRow).where(KioskRow.id.in_(sorted(waiting)))
                                       .order_by(KioskRow.id).with_for_update()).all()
                offline: dict[str, list[Alert]] = {}
                for alert in open_alerts(session):
                    if alert.kind is AlertKind.OFFLINE:
                        offline.setdefault(alert.kiosk_id, []).append(alert)
                for row in rows:
                    if row.revoked_at is not None:
                        continue
                    heard = waiting[row.id]
                    kiosk = kiosk_from_row(row).heard(heard.at, heard.status, heard.clock_offset)
                    row.last_heard_at = kiosk.last_heard_at
                    row.status = kiosk.status.to_dict() if kiosk.status else None
                    row.clock_offset = kiosk.clock_offset
                    for alert in close_offline(offline.get(row.id, []), row.id, heard.at):
                        save_alert(session, alert)
        except Exception:
            with self._lock:  # put them back (newer notes win), so a failed write is retried at the next flush
                for kiosk_id, heard in waiting.items():
                    held = self._waiting.get(kiosk_id)
                    if held is None:
                        self._waiting[kiosk_id] = heard
            raise
        return len(waiting)

