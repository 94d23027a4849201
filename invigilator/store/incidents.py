"""Incidents in the store: recorded by the invigilator, listed for the report and the package."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select

from invigilator.core.incidents import Incident, IncidentCategory, IncidentSubReason, new_incident
from invigilator.errors import IncidentError
from invigilator.store.database import Database
from invigilator.store.schema import CandidateRow, FinalisationRow, IncidentRow, KioskRow, SessionRow


def incident_from_row(row: IncidentRow) -> Incident:
    return Incident(row.id, row.session_id, row.at, IncidentCategory(row.category),
                    IncidentSubReason(row.sub_reason) if row.sub_reason else None, row.note, row.by, row.kiosk_id,
                    row.candidate_id, row.attempt_id)


class IncidentStore:
    def __init__(self, db: Database, new_id: Callable[[], str]):
        self._db = db
        self._new_id = new_id

    def record(self, session_id: str, category: str, sub_reason: str | None, note: str, by: str, now: dt.datetime,
               *, kiosk_id: str | None = None, candidate_id: str | None = None,
               attempt_id: str | None = None) -> Incident:
        """Record an incident of an existing, not yet finalised session; the kiosk and candidate must exist."""
        incident = new_incident(self._new_id(), session_id, category, sub_reason, note, by, now, kiosk_id=kiosk_id,
                                candidate_id=candidate_id, attempt_id=attempt_id)
        with self._db.transaction() as session:
            if session.get(SessionRow, session_id) is None:
                raise IncidentError(f"incident: session {session_id!r} does not exist")
            if session.get(FinalisationRow, session_id) is not None:
                raise IncidentError(f"incident: session {session_id} is finalised; its record no longer changes")
            if incident.kiosk_id and session.get(KioskRow, incident.kiosk_id) is None:
                raise IncidentError(f"incident: kiosk {incident.kiosk_id!r} is not enrolled on this console")
            if incident.candidate_id:
                candidate = session.get(CandidateRow, incident.candidate_id)
                if candidate is None or candidate.session_id != session_id:
                    raise IncidentError(f"incident: candidate {incident.candidate_id!r} is not on the roster of "
                                        f"session {session_id}")
            i = incident
            session.add(IncidentRow(id=i.id, session_id=i.session_id, at=i.at, category=str(i.category),
                                    sub_reason=str(i.sub_reason) if i.sub_reason else None, note=i.note, by=i.by,
                                    kiosk_id=i.kiosk_id, candidate_id=i.candidate_id, attempt_id=i.attempt_id))
        return incident

    def incidents(self, session_id: str) -> list[Incident]:
        with self._db.reading() as session:
            rows = session.scalars(select(IncidentRow).where(IncidentRow.session_id == session_id)
                                   .order_by(IncidentRow.at, IncidentRow.id))
            return [incident_from_row(r) for r in rows]
