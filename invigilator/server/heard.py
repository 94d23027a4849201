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

from sqlalchemy import Float, bindparam, func, select, update

from invigilator.core.alerts import Alert, AlertKind, close_offline
from invigilator.core.kiosks import KioskStatus
from invigilator.store import RoomStore
from invigilator.store.alerts import open_alerts, save_alert
from invigilator.store.kiosks import KIOSKS

# the offset is kept when a note carries none (a result upload, a bank download)
_OFFSET = func.coalesce(bindparam("o", type_=Float), KIOSKS.c.clock_offset)
_HEARD = update(KIOSKS).where(KIOSKS.c.id == bindparam("k")).values(last_heard_at=bindparam("t"),
                                                                    clock_offset=_OFFSET)
_HEARD_WITH_STATUS = _HEARD.values(status=bindparam("s"))


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
                # SQLAlchemy Core, four statements for the whole room: the rows read and locked in one order for every
                # writer (no deadlock between two flushes), the open offline alerts, one executemany for the kiosks,
                # and the alerts closed. A flush of 300 kiosks holds SQLite's write lock for a few ms.
                conn = session.connection()
                rows = conn.execute(select(KIOSKS.c.id, KIOSKS.c.revoked_at, KIOSKS.c.last_heard_at)
                                    .where(KIOSKS.c.id.in_(sorted(waiting))).order_by(KIOSKS.c.id)
                                    .with_for_update()).all()
                offline: dict[str, list[Alert]] = {}
                for alert in open_alerts(session):
                    if alert.kind is AlertKind.OFFLINE:
                        offline.setdefault(alert.kiosk_id, []).append(alert)
                updates = []
                for row in rows:
                    if row.revoked_at is not None:
                        continue
                    heard = waiting[row.id]
                    last = row.last_heard_at if row.last_heard_at is not None and row.last_heard_at > heard.at \
                        else heard.at  # a late-arriving older time never moves last-heard backwards
                    values = {"k": row.id, "t": last, "o": heard.clock_offset,
                              "s": heard.status.to_dict() if heard.status is not None else None}
                    updates.append(values)
                    for alert in close_offline(offline.get(row.id, []), row.id, heard.at):
                        save_alert(session, alert)
                with_status = [u for u in updates if u["s"] is not None]
                if with_status:
                    conn.execute(_HEARD_WITH_STATUS, with_status)
                if len(with_status) < len(updates):
                    conn.execute(_HEARD, [u for u in updates if u["s"] is None])
        except Exception:
            with self._lock:  # put them back (newer notes win), so a failed write is retried at the next flush
                for kiosk_id, heard in waiting.items():
                    held = self._waiting.get(kiosk_id)
                    if held is None:
                        self._waiting[kiosk_id] = heard
            raise
        return len(waiting)

