"""Alerts in the store: raised by the other stores' transactions, listed for the dashboard, handled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from invigilator.core.alerts import Alert, AlertKind
from invigilator.errors import UnknownAlertError
from invigilator.store.database import Database
from invigilator.store.schema import AlertRow


def alert_from_row(row: AlertRow) -> Alert:
    return Alert(row.id, row.kiosk_id, AlertKind(row.kind), row.raised_at, row.attempt_id, dict(row.detail),
                 row.handled_at, row.handled_by, row.resolution)


def save_alert(session: Session, alert: Alert) -> None:
    """Insert or update one alert inside the caller's transaction."""
    session.merge(AlertRow(id=alert.id, kiosk_id=alert.kiosk_id, kind=str(alert.kind), raised_at=alert.raised_at,
                           attempt_id=alert.attempt_id, detail=alert.detail, handled_at=alert.handled_at,
                           handled_by=alert.handled_by, resolution=alert.resolution))


def open_alerts(session: Session, kiosk_id: str | None = None, *, lock: bool = False) -> list[Alert]:
    query = select(AlertRow).where(AlertRow.handled_at.is_(None)).order_by(AlertRow.raised_at, AlertRow.id)
    if kiosk_id is not None:
        query = query.where(AlertRow.kiosk_id == kiosk_id)
    if lock:
        query = query.with_for_update()
    return [alert_from_row(r) for r in session.scalars(query)]


def raise_in(session: Session, new_id: Callable[[], str], kiosk_id: str, kind: AlertKind, now: dt.datetime,
             attempt_id: str | None, detail: dict[str, Any]) -> Alert:
    alert = Alert(new_id(), kiosk_id, kind, now, attempt_id, detail)
    save_alert(session, alert)
    return alert


class AlertStore:
    def __init__(self, db: Database, new_id: Callable[[], str]):
        self._db = db
        self._new_id = new_id

    def raise_alert(self, kiosk_id: str, kind: AlertKind, now: dt.datetime, attempt_id: str | None = None,
                    detail: dict[str, Any] | None = None) -> Alert:
        with self._db.transaction() as session:
            return raise_in(session, self._new_id, kiosk_id, AlertKind(kind), now, attempt_id, dict(detail or {}))

    def alerts(self, *, open_only: bool = False, kiosk_id: str | None = None) -> list[Alert]:
        with self._db.transaction() as session:
            if open_only:
                return open_alerts(session, kiosk_id)
            query = select(AlertRow).order_by(AlertRow.raised_at, AlertRow.id)
            if kiosk_id is not None:
                query = query.where(AlertRow.kiosk_id == kiosk_id)
            return [alert_from_row(r) for r in session.scalars(query)]

    def handle(self, alert_id: str, now: dt.datetime, by: str, resolution: str) -> Alert:
        """Mark an alert handled; a second invigilator handling it at the same moment is refused."""
        with self._db.transaction() as session:
            row = session.scalars(select(AlertRow).where(AlertRow.id == alert_id).with_for_update()).first()
            if row is None:
                raise UnknownAlertError(f"alert {alert_id!r} does not exist")
            handled = alert_from_row(row).handled(now, by, resolution)
            save_alert(session, handled)
            return handled
