"""A session's attempts as the store knows them, and its finalisation once decided and signed.

An attempt belongs to a roster candidate when its journal's check-in names the session and the
candidate (names as matched at check-in, birth date exactly), or when the authorisation that
started it named both. A candidate with several attempts (a restart that made a new one) is
represented by the last one that ended, else the last one heard from.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from invigilator.core.alerts import Alert
from invigilator.core.center import SessionStatus
from invigilator.core.commands import CommandKind, in_a_test
from invigilator.core.finalisation import AttemptFacts, Finalisation, line_from_dict
from invigilator.core.kiosks import EnrolledKiosk
from invigilator.core.roster import Candidate, name_key
from invigilator.errors import FinalisationError
from invigilator.store.alerts import open_alerts
from invigilator.store.database import Database
from invigilator.store.kiosks import kiosk_from_row
from invigilator.store.schema import (
    CandidateRow,
    CommandRow,
    FinalisationRow,
    KioskRow,
    ReplicaEntryRow,
    ReplicaRow,
    SessionRow,
)
from invigilator.store.sessions import candidate_from_row, session_from_row


@dataclass(frozen=True)
class SessionState:
    """Everything finalisation reads of the store, read in one transaction."""

    roster: tuple[Candidate, ...]
    attempts: dict[str, AttemptFacts]  # candidate id → their attempt (no bundle yet: the files say that)
    busy: dict[str, tuple[str, str]]  # kiosk name → (its state, the attempt it runs)
    alerts: tuple[Alert, ...]  # open alerts of the kiosks and attempts of the session
    kiosk_names: dict[str, str]


@dataclass(frozen=True)
class StoredFinalisation:
    finalisation: Finalisation
    signed: bytes
    package_id: str | None
    packaged_at: dt.datetime | None


def _same_person(checked: Any, candidate: Candidate) -> bool:
    if not isinstance(checked, dict):
        return False
    return (name_key(str(checked.get("last_name", ""))) == name_key(candidate.last_name)
            and name_key(str(checked.get("first_name", ""))) == name_key(candidate.first_name)
            and str(checked.get("birth_date", "")) == candidate.birth_date.isoformat())


def _reason(payload: str) -> str | None:
    try:
        reason = json.loads(payload).get("reason")
    except (ValueError, AttributeError):
        return None
    return reason if isinstance(reason, str) else None


def _moment(t_wall: str | None, fallback: dt.datetime) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(str(t_wall))
    except ValueError:
        return fallback
    return moment if moment.tzinfo is not None else fallback


class FinalisationStore:
    def __init__(self, db: Database):
        self._db = db

    def state(self, session_id: str) -> SessionState:
        with self._db.reading() as session:
            exam_row = session.get(SessionRow, session_id)
            if exam_row is None:
                raise FinalisationError(f"session {session_id!r} does not exist")
            roster = tuple(candidate_from_row(r) for r in session.scalars(
                select(CandidateRow).where(CandidateRow.session_id == session_id)
                .order_by(CandidateRow.last_name, CandidateRow.first_name, CandidateRow.id)))
            kiosks = {r.id: kiosk_from_row(r) for r in session.scalars(select(KioskRow))}
            owner: dict[str, str | None] = {}  # attempt → candidate id of this session (None: another session's)
            for row in session.execute(select(ReplicaEntryRow.attempt_id, ReplicaEntryRow.payload)
                                       .where(ReplicaEntryRow.kind == "checked-in")):
                try:
                    checked = json.loads(row.payload).get("candidate")
                except (ValueError, AttributeError):
                    continue
                here = isinstance(checked, dict) and \
                    str(checked.get("session_number", "")).strip().casefold() == session_id.casefold()
                match = next((c.id for c in roster if here and _same_person(checked, c)), None)
                owner[row.attempt_id] = match if here else owner.get(row.attempt_id)
            for row in session.scalars(select(CommandRow).where(CommandRow.kind == str(CommandKind.AUTHORISE_START))):
                if (row.args.get("session_id") == session_id and row.args.get("attempt_id")
                        and any(c.id == row.args.get("candidate_id") for c in roster)):
                    owner[row.args["attempt_id"]] = row.args["candidate_id"]
            mine = {a: c for a, c in owner.items() if c is not None}
            facts = self._facts(session, mine, kiosks)
        busy: dict[str, tuple[str, str]] = {}
        for kiosk in in_a_test(list(kiosks.values())):
            status = kiosk.status
            assert status is not None
            attempt = status.attempt_id
            ours = (attempt in mine) or (status.candidate_id in {c.id for c in roster})
            unplaced = attempt is None or attempt not in owner
            if ours or unplaced:
                busy[kiosk.name] = (status.state, attempt or "")
        attempts: dict[str, AttemptFacts] = {}
        for cid in {c.id for c in roster}:
            theirs = [f for a, f in facts.items() if mine[a] == cid]
            if theirs:
                theirs.sort(key=lambda f: (f.end_reason is not None, f.ended_at or f.started_at or dt.datetime.min
                                           .replace(tzinfo=dt.UTC)))
                last = theirs[-1]
                running = any(k.status is not None and k.status.attempt_id == last.attempt_id
                              for k in in_a_test(list(kiosks.values())))
                attempts[cid] = AttemptFacts(last.attempt_id, last.kiosk_id, last.kiosk_name, last.started_at,
                                             last.ended_at, last.end_reason, running=running)
        used = {f.kiosk_id for f in facts.values()} | {k.id for k in kiosks.values() if k.name in busy}
        with self._db.reading() as session:
            alerts = tuple(a for a in open_alerts(session) if a.kiosk_id in used or a.attempt_id in mine)
        return SessionState(roster, attempts, busy, alerts, {k: v.name for k, v in kiosks.items()})

    @staticmethod
    def _facts(session: Any, mine: dict[str, str], kiosks: dict[str, EnrolledKiosk]) -> dict[str, AttemptFacts]:
        """Per attempt of the session: the replica holding the most of it, when it began and how it ended."""
        if not mine:
            return {}
        facts: dict[str, AttemptFacts] = {}
        replicas = session.scalars(select(ReplicaRow).where(ReplicaRow.attempt_id.in_(list(mine)))
                                   .order_by(ReplicaRow.head_seq, ReplicaRow.updated_at)).all()
        for replica in replicas:  # the longest last: it wins
            first = session.scalar(select(func.min(ReplicaEntryRow.received_at)).where(
                ReplicaEntryRow.kiosk_id == replica.kiosk_id, ReplicaEntryRow.attempt_id == replica.attempt_id))
            end = session.scalars(select(ReplicaEntryRow).where(
                ReplicaEntryRow.kiosk_id == replica.kiosk_id, ReplicaEntryRow.attempt_id == replica.attempt_id,
                ReplicaEntryRow.kind == "finished").order_by(ReplicaEntryRow.seq)).first()
            kiosk = kiosks.get(replica.kiosk_id)
            facts[replica.attempt_id] = AttemptFacts(
                replica.attempt_id, replica.kiosk_id, kiosk.name if kiosk else replica.kiosk_id, first,
                _moment(end.t_wall, end.received_at) if end is not None else None,
                _reason(end.payload) if end is not None else None)
        return facts

    # -- the finalisation ------------------------------------------------------------------------------
    def save(self, finalisation: Finalisation, signed: bytes) -> None:
        """Keep the signed finalisation and close the session, in one transaction; a second one is refused."""
        f = finalisation
        try:
            self._save(f, signed)
        except IntegrityError:  # another console wrote it between our check and our insert
            raise FinalisationError(f"session {f.session_id} is already finalised") from None

    def _save(self, f: Finalisation, signed: bytes) -> None:
        with self._db.transaction() as session:
            row = session.get(SessionRow, f.session_id, with_for_update=True)
            if row is None:
                raise FinalisationError(f"session {f.session_id!r} does not exist")
            if session.get(FinalisationRow, f.session_id) is not None:
                raise FinalisationError(f"session {f.session_id} is already finalised")
            session.add(FinalisationRow(session_id=f.session_id, finalised_at=f.finalised_at, finalised_by=f.by,
                                        comment=f.comment, lines=[line.to_dict() for line in f.lines],
                                        signed=signed.decode("utf-8")))
            exam = session_from_row(row)
            if exam.status is not SessionStatus.CLOSED:
                closed = exam.closed(f.finalised_at)
                row.status, row.closed_at = str(closed.status), closed.closed_at

    def get(self, session_id: str) -> StoredFinalisation | None:
        with self._db.reading() as session:
            row = session.get(FinalisationRow, session_id)
            if row is None:
                return None
            roster = {r.id: candidate_from_row(r) for r in session.scalars(
                select(CandidateRow).where(CandidateRow.session_id == session_id))}
            lines = tuple(line_from_dict(d, roster[d["candidate_id"]]) for d in row.lines)
            return StoredFinalisation(Finalisation(row.session_id, row.finalised_at, row.finalised_by, row.comment,
                                                   lines), row.signed.encode("utf-8"), row.package_id, row.packaged_at)

    def mark_packaged(self, session_id: str, package_id: str, now: dt.datetime) -> None:
        with self._db.transaction() as session:
            row = session.get(FinalisationRow, session_id, with_for_update=True)
            if row is None:
                raise FinalisationError(f"session {session_id} is not finalised: finalise it before packaging it")
            row.package_id, row.packaged_at = package_id, now
