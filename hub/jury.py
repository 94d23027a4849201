"""Publication: the jury's decision per candidate, the published results, retakes, the CSV export.

A stored result is ``pending`` until the jury decides ``obtained``, ``not-obtained`` or ``cancelled``,
with a reason, who and when (every decision kept in ``decisions``; the result row holds the latest).
Only a decided result is published: ``/verify/{code}`` finds it by the attestation's verification
code (``P-…``) or by the bundle's receipt code (``XXXXX-XXXXX``).

A retake sooner than :data:`RETAKE_DAYS` days after another session of the same candidate — at any
center, the candidate matched by external id, or by name and birth date — is flagged to the jury.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from hub.errors import JuryError
from hub.store.database import Database
from hub.store.schema import CenterRow, DecisionRow, ResultRow, SessionRow
from protocol.atomicfile import write_atomic
from protocol.attestation import initials
from protocol.bundle import normalise_receipt_code

DECISIONS = ("obtained", "not-obtained", "cancelled")
RETAKE_DAYS = 15


@dataclass(frozen=True)
class Retake:
    other: int  # the other result's id
    center: str
    date: dt.date
    days: int

    def __str__(self) -> str:
        return (f"another session {self.days} day(s) apart ({self.date.isoformat()}, center {self.center}, "
                f"result {self.other})")


@dataclass(frozen=True)
class JuryRow:
    id: int
    center: str
    session: str
    date: dt.date
    attempt: str
    external_id: str
    last_name: str
    first_name: str
    birth_date: dt.date
    outcome: str
    status: str | None
    score: int | None
    level: str | None
    decision: str
    decision_reason: str | None
    decided_by: str | None
    decided_at: dt.datetime | None
    verification_code: str | None
    receipt_code: str | None
    retakes: tuple[Retake, ...]


def _retakes(s: Session, row: ResultRow) -> tuple[Retake, ...]:
    low, high = row.date - dt.timedelta(days=RETAKE_DAYS - 1), row.date + dt.timedelta(days=RETAKE_DAYS - 1)
    others = s.scalars(select(ResultRow).where(
        ResultRow.id != row.id, ResultRow.date >= low, ResultRow.date <= high, ResultRow.outcome != "absent",
        or_(ResultRow.external_id == row.external_id, ResultRow.person_key == row.person_key)))
    return tuple(Retake(o.id, o.center_id, o.date, abs((o.date - row.date).days))
                 for o in sorted(others, key=lambda o: (o.date, o.id)))


def _jury_row(s: Session, row: ResultRow, session_id: str) -> JuryRow:
    retakes = _retakes(s, row) if row.outcome != "absent" else ()
    return JuryRow(row.id, row.center_id, session_id, row.date, row.attempt, row.external_id, row.last_name,
                   row.first_name, row.birth_date, row.outcome, row.status, row.score, row.level, row.decision,
                   row.decision_reason, row.decided_by, row.decided_at, row.verification_code, row.receipt_code,
                   retakes)


def jury_list(db: Database, *, pending_only: bool = True) -> list[JuryRow]:
    with db.transaction() as s:
        query = (select(ResultRow, SessionRow.session_id).join(SessionRow, ResultRow.session == SessionRow.id)
                 .order_by(ResultRow.date, ResultRow.center_id, ResultRow.attempt))
        if pending_only:
            query = query.where(ResultRow.decision == "pending")
        return [_jury_row(s, row, session_id) for row, session_id in s.execute(query)]


def _find(s: Session, target: str) -> ResultRow:
    """A result by its id, attempt id, verification code or receipt code."""
    text = target.strip()
    conditions = [ResultRow.attempt == text, ResultRow.verification_code == text.upper(),
                  ResultRow.receipt_code == normalise_receipt_code(text)]
    if text.isdigit():
        conditions.append(ResultRow.id == int(text))
    rows = list(s.scalars(select(ResultRow).where(or_(*conditions)).with_for_update()))
    if not rows:
        raise JuryError(f"no stored result is {target!r} (give a result id, an attempt id or a code; "
                        "pupitre-hub jury list)")
    if len(rows) > 1:
        raise JuryError(f"{target!r} names {len(rows)} results (the same attempt id at several centers): give the "
                        f"result id ({', '.join(str(r.id) for r in rows)})")
    return rows[0]


def publish(db: Database, target: str, decision: str, reason: str, by: str, now: dt.datetime) -> JuryRow:
    """Record the jury's decision for one result (a new decision replaces the last, both are kept)."""
    if decision not in DECISIONS:
        raise JuryError(f"decision {decision!r}: one of {', '.join(DECISIONS)}")
    if not reason.strip():
        raise JuryError("a jury decision needs its reason (--reason)")
    if not by.strip():
        raise JuryError("a jury decision needs the name of who takes it (--by)")
    with db.transaction() as s:
        row = _find(s, target)
        if decision == "obtained" and (row.outcome != "finished" or row.score is None or row.status != "scored"):
            raise JuryError(f"result {row.id} ({row.attempt}) has no score to certify (outcome {row.outcome}, status "
                            f"{row.status}); decide not-obtained or cancelled")
        row.decision, row.decision_reason, row.decided_by, row.decided_at = decision, reason.strip(), by.strip(), now
        s.add(DecisionRow(result=row.id, decision=decision, reason=reason.strip(), decided_by=by.strip(),
                          decided_at=now))
        s.flush()
        session_id = s.scalar(select(SessionRow.session_id).where(SessionRow.id == row.session)) or ""
        return _jury_row(s, row, session_id)


@dataclass(frozen=True)
class Published:
    code: str
    center_id: str
    center_name: str
    date: dt.date
    initials: str
    decision: str
    decided_at: dt.datetime
    score: int | None
    level: str | None
    verification_code: str | None
    receipt_code: str | None
    competence_levels: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "center": {"id": self.center_id, "name": self.center_name},
                "date": self.date.isoformat(), "initials": self.initials, "decision": self.decision,
                "decided_at": self.decided_at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
                "score": self.score, "level": self.level, "verification_code": self.verification_code,
                "receipt_code": self.receipt_code, "competence_levels": self.competence_levels}


def lookup(db: Database, code: str) -> Published | None:
    """The published result a verification or receipt code names, or None (unknown, or not decided yet)."""
    text = code.strip()
    if not text or len(text) > 40:
        return None
    with db.transaction() as s:
        found = s.execute(select(ResultRow, CenterRow.name).join(CenterRow, ResultRow.center_id == CenterRow.id)
                          .where(or_(ResultRow.verification_code == text.upper(),
                                     ResultRow.receipt_code == normalise_receipt_code(text)))).first()
        if found is None:
            return None
        row, center_name = found
        if row.decision == "pending" or row.decided_at is None:
            return None
        levels = row.result.get("competence_levels", {}) if isinstance(row.result, dict) else {}
        return Published(text.upper(), row.center_id, center_name, row.date, initials(row.last_name, row.first_name),
                         row.decision, row.decided_at, row.score if row.decision == "obtained" else None,
                         row.level if row.decision == "obtained" else None, row.verification_code, row.receipt_code,
                         dict(levels) if row.decision == "obtained" else {})


EXPORT_FIELDS = ("result_id", "center", "session", "date", "attempt", "external_id", "last_name", "first_name",
                 "birth_date", "outcome", "status", "score", "level", "decision", "decision_reason", "decided_by",
                 "decided_at", "verification_code", "receipt_code", "retake_flags")


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    # a spreadsheet would run a cell starting with = + - @ as a formula: names come from centers
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_csv(db: Database, path: Path) -> int:
    """Every stored result with its decision, as CSV (UTF-8 with BOM, for spreadsheets); returns the row count."""
    rows = jury_list(db, pending_only=False)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_FIELDS)
    for r in rows:
        writer.writerow([_cell(v) for v in (
            r.id, r.center, r.session, r.date.isoformat(), r.attempt, r.external_id, r.last_name, r.first_name,
            r.birth_date.isoformat(), r.outcome, r.status, r.score, r.level, r.decision, r.decision_reason,
            r.decided_by, r.decided_at.isoformat() if r.decided_at else None, r.verification_code, r.receipt_code,
            "; ".join(str(x) for x in r.retakes))])
    write_atomic(path, ("\ufeff" + out.getvalue()).encode("utf-8"))
    return len(rows)
