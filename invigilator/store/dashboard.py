"""The dashboard's reads: the room in one read transaction, and one candidate's timeline.

The window refreshes every second with 300 kiosks; each refresh is at most four queries in one
read transaction (kiosks, open alerts, the check-ins of the kiosks waiting for an authorisation,
the candidates on screen), whatever the room's size; on SQLite it neither takes nor waits for the
write lock.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select

from invigilator.core.alerts import Alert
from invigilator.core.dashboard import CheckInNews, RoomView, room_view
from invigilator.core.roster import Candidate
from invigilator.core.timeline import ReplicaLine, TimelineRow, parse_wall, timeline
from invigilator.store.alerts import alert_from_row, open_alerts
from invigilator.store.database import Database
from invigilator.store.kiosks import kiosk_from_row
from invigilator.store.schema import AlertRow, CandidateRow, CheckInRow, KioskRow, ReplicaEntryRow, ReplicaRow
from invigilator.store.sessions import candidate_from_row


@dataclass(frozen=True)
class DashboardRead:
    view: RoomView
    candidates: dict[str, Candidate]
    now: dt.datetime


def read_dashboard(db: Database, now: dt.datetime) -> DashboardRead:
    with db.reading() as session:
        kiosks = [kiosk_from_row(r) for r in session.scalars(select(KioskRow).where(KioskRow.revoked_at.is_(None)))]
        alerts = open_alerts(session)
        waiting = {k.id: k.status.attempt_id for k in kiosks
                   if k.status is not None and k.status.state == "awaiting-authorisation" and k.status.attempt_id}
        checkins = []
        if waiting:
            checkins = [CheckInNews(r.attempt_id, r.state, r.candidate_id) for r in session.scalars(
                select(CheckInRow).where(CheckInRow.kiosk_id.in_(sorted(waiting))))
                if waiting.get(r.kiosk_id) == r.attempt_id]
        ids = sorted({k.status.candidate_id for k in kiosks if k.status is not None and k.status.candidate_id}
                     | {c.candidate_id for c in checkins if c.candidate_id})
        candidates = {}
        if ids:
            candidates = {r.id: candidate_from_row(r)
                          for r in session.scalars(select(CandidateRow).where(CandidateRow.id.in_(ids)))}
    return DashboardRead(room_view(kiosks, alerts, now, checkins), candidates, now)


@dataclass(frozen=True)
class AttemptTimeline:
    kiosk_id: str
    attempt_id: str
    rows: tuple[TimelineRow, ...]
    offset: dt.timedelta | None


def attempts_of(db: Database, kiosk_id: str) -> list[str]:
    """The attempts whose journal this kiosk sent, latest first."""
    with db.reading() as session:
        return list(session.scalars(select(ReplicaRow.attempt_id).where(ReplicaRow.kiosk_id == kiosk_id)
                                    .order_by(ReplicaRow.updated_at.desc(), ReplicaRow.attempt_id)))


def read_timeline(db: Database, kiosk_id: str, attempt_id: str) -> AttemptTimeline:
    """Every stored entry of an attempt's journal on this kiosk, and the console's alerts about it."""
    from invigilator.core.timeline import clock_offset

    with db.reading() as session:
        rows = session.scalars(select(ReplicaEntryRow).where(ReplicaEntryRow.kiosk_id == kiosk_id,
                                                             ReplicaEntryRow.attempt_id == attempt_id)
                               .order_by(ReplicaEntryRow.seq))
        lines = [ReplicaLine(r.seq, r.kind, json.loads(r.payload), parse_wall(r.t_wall), r.received_at) for r in rows]
        alerts: list[Alert] = [alert_from_row(r) for r in session.scalars(
            select(AlertRow).where(AlertRow.kiosk_id == kiosk_id, AlertRow.attempt_id == attempt_id)
            .order_by(AlertRow.raised_at))]
    return AttemptTimeline(kiosk_id, attempt_id, tuple(timeline(lines, alerts)), clock_offset(lines))
