"""The center, its trusted publishers and banks, its sessions and their rosters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from invigilator.core.center import Bank, Center, ExamSession, SessionStatus, TrustedPublisher
from invigilator.core.codes import Chooser, new_access_code, new_session_number
from invigilator.core.roster import Candidate, CheckInMatch, MatchStatus, match_check_in
from invigilator.errors import RosterError, SessionError
from invigilator.store.database import Database
from invigilator.store.schema import BankRow, CandidateRow, CenterRow, PublisherRow, SessionRow

ACCESS_CODE_TRIES = 50


def session_from_row(row: SessionRow) -> ExamSession:
    return ExamSession(row.id, row.bank_id, row.profile, row.date, row.room, row.access_code,
                       SessionStatus(row.status), row.created_at, row.closed_at, tuple(row.invigilators or ()))


def candidate_from_row(row: CandidateRow) -> Candidate:
    return Candidate(row.id, row.session_id, row.last_name, row.first_name, row.birth_date, row.external_id,
                     row.extra_time_minutes, tuple(row.accommodations))


def _candidate_row(c: Candidate) -> CandidateRow:
    return CandidateRow(id=c.id, session_id=c.session_id, last_name=c.last_name, first_name=c.first_name,
                        birth_date=c.birth_date, external_id=c.external_id, extra_time_minutes=c.extra_time_minutes,
                        accommodations=list(c.accommodations))


class SessionStore:
    def __init__(self, db: Database, new_id: Callable[[], str]):
        self._db = db
        self._new_id = new_id

    # -- the center --------------------------------------------------------------------------------
    def set_center(self, center: Center) -> None:
        with self._db.transaction() as session:
            existing = session.scalars(select(CenterRow)).first()
            if existing is not None and existing.id != center.id:
                raise SessionError(f"this console belongs to center {existing.id}; it cannot become {center.id}")
            session.merge(CenterRow(id=center.id, name=center.name, signing_key_id=center.signing_key_id))

    def center(self) -> Center | None:
        with self._db.transaction() as session:
            row = session.scalars(select(CenterRow)).first()
            return None if row is None else Center(row.id, row.name, row.signing_key_id)

    # -- publishers and banks ------------------------------------------------------------------------
    def trust_publisher(self, publisher: TrustedPublisher) -> None:
        with self._db.transaction() as session:
            session.merge(PublisherRow(key_id=publisher.key_id, name=publisher.name,
                                       signing_public=publisher.signing_public, added_at=publisher.added_at))

    def publishers(self) -> list[TrustedPublisher]:
        with self._db.transaction() as session:
            return [TrustedPublisher(r.key_id, r.name, r.signing_public, r.added_at)
                    for r in session.scalars(select(PublisherRow).order_by(PublisherRow.name))]

    def add_bank(self, bank: Bank) -> None:
        with self._db.transaction() as session:
            if session.get(PublisherRow, bank.publisher_key_id) is None:
                raise SessionError(f"bank {bank.id}: its publisher key {bank.publisher_key_id} is not trusted here")
            held = session.get(BankRow, bank.id)
            if held is not None:
                if held.sha256 != bank.sha256:
                    raise SessionError(f"bank {bank.id} is already imported with other content "
                                       f"({held.sha256[:12]}…); a bank id names one file")
                return
            session.add(BankRow(id=bank.id, title=bank.title, publisher_key_id=bank.publisher_key_id,
                                sha256=bank.sha256, imported_at=bank.imported_at))

    def banks(self) -> list[Bank]:
        with self._db.transaction() as session:
            return [Bank(r.id, r.title, r.publisher_key_id, r.sha256, r.imported_at)
                    for r in session.scalars(select(BankRow).order_by(BankRow.id))]

    # -- sessions ---------------------------------------------------------------------------------------
    def create_session(self, bank_id: str, profile: str, date: dt.date, room: str, now: dt.datetime,
                       rng: Chooser, session_id: str | None = None,
                       invigilators: tuple[str, ...] = ()) -> ExamSession:
        """A new session with an access code no other session of this console has."""
        for _ in range(ACCESS_CODE_TRIES):
            exam = ExamSession(session_id or new_session_number(rng), bank_id, profile, date, room,
                               new_access_code(rng), created_at=now, invigilators=tuple(invigilators))
            try:
                with self._db.transaction() as session:
                    if session.get(BankRow, bank_id) is None:
                        raise SessionError(f"session: bank {bank_id!r} is not imported on this console")
                    if session.get(SessionRow, exam.id) is not None:
                        if session_id is None:
                            continue  # a number made here that is taken: make another
                        raise SessionError(f"session {exam.id} already exists")
                    if session.scalars(select(SessionRow.id).where(SessionRow.access_code == exam.access_code)).first():
                        continue
                    session.add(SessionRow(id=exam.id, bank_id=bank_id, profile=exam.profile, date=date,
                                           room=exam.room, access_code=exam.access_code, status=str(exam.status),
                                           created_at=now, invigilators=list(exam.invigilators)))
                return exam
            except IntegrityError:
                continue  # another writer took the same code (or id) at the same moment
        raise SessionError("no free access code was found; the console holds too many sessions")

    def session(self, session_id: str) -> ExamSession:
        with self._db.transaction() as session:
            row = session.get(SessionRow, session_id)
            if row is None:
                raise SessionError(f"session {session_id!r} does not exist")
            return session_from_row(row)

    def sessions(self) -> list[ExamSession]:
        with self._db.transaction() as session:
            rows = session.scalars(select(SessionRow).order_by(SessionRow.date, SessionRow.id))
            return [session_from_row(r) for r in rows]

    def set_status(self, session_id: str, status: SessionStatus, now: dt.datetime) -> ExamSession:
        with self._db.transaction() as session:
            row = session.get(SessionRow, session_id, with_for_update=True)
            if row is None:
                raise SessionError(f"session {session_id!r} does not exist")
            exam = session_from_row(row)
            exam = exam.opened() if status is SessionStatus.OPEN else exam.closed(now) \
                if status is SessionStatus.CLOSED else exam
            row.status, row.closed_at = str(exam.status), exam.closed_at
            return exam

    # -- the roster -------------------------------------------------------------------------------------
    def add_candidates(self, candidates: list[Candidate]) -> None:
        """Add roster lines in one transaction: all of them, or none if one is refused."""
        with self._db.transaction() as session:
            held: dict[str, set[str]] = {}
            for candidate in candidates:
                self._check_roster_change(session, candidate)
                if session.get(CandidateRow, candidate.id) is not None:
                    raise RosterError(f"candidate {candidate.id} is already on a roster")
                if candidate.external_id:
                    known = held.setdefault(candidate.session_id, self._external_ids(session, candidate.session_id))
                    if candidate.external_id in known:
                        raise RosterError(f"external id {candidate.external_id} is already on the roster of "
                                          f"session {candidate.session_id} ({candidate.display_name})")
                    known.add(candidate.external_id)
                session.add(_candidate_row(candidate))

    @staticmethod
    def _external_ids(session: Session, session_id: str, but: str | None = None) -> set[str]:
        rows = session.execute(select(CandidateRow.id, CandidateRow.external_id)
                               .where(CandidateRow.session_id == session_id))
        return {external for id_, external in rows if external and id_ != but}

    def update_candidate(self, candidate: Candidate) -> None:
        with self._db.transaction() as session:
            self._check_roster_change(session, candidate)
            row = session.get(CandidateRow, candidate.id, with_for_update=True)
            if row is None or row.session_id != candidate.session_id:
                raise RosterError(f"candidate {candidate.id} is not on the roster of session {candidate.session_id}")
            if candidate.external_id and candidate.external_id in self._external_ids(session, candidate.session_id,
                                                                                     but=candidate.id):
                raise RosterError(f"external id {candidate.external_id} is already on the roster of session "
                                  f"{candidate.session_id}")
            session.merge(_candidate_row(candidate))

    @staticmethod
    def _check_roster_change(session: Session, candidate: Candidate) -> None:
        row = session.get(SessionRow, candidate.session_id)
        if row is None:
            raise RosterError(f"candidate {candidate.id}: session {candidate.session_id!r} does not exist")
        if row.status == SessionStatus.CLOSED:
            raise RosterError(f"candidate {candidate.id}: session {row.id} is closed; its roster no longer changes")

    def roster(self, session_id: str) -> list[Candidate]:
        with self._db.transaction() as session:
            rows = session.scalars(select(CandidateRow).where(CandidateRow.session_id == session_id)
                                   .order_by(CandidateRow.last_name, CandidateRow.first_name, CandidateRow.id))
            return [candidate_from_row(r) for r in rows]

    def check_in(self, session_id: str, access_code: str, last_name: str, first_name: str,
                 birth_date: dt.date) -> CheckInMatch:
        """Match what a candidate typed at a kiosk against the session's roster."""
        with self._db.transaction() as session:
            row = session.get(SessionRow, session_id)
            if row is None or not session_from_row(row).accepts_code(access_code):
                # one answer for both: a kiosk learns nothing about which sessions exist
                return CheckInMatch(MatchStatus.NOT_FOUND, reason="session number or access code is wrong")
            if row.status != SessionStatus.OPEN:
                return CheckInMatch(MatchStatus.NOT_FOUND, reason=f"session {row.id} is not open for check-in")
            rows = session.scalars(select(CandidateRow).where(CandidateRow.session_id == session_id))
            return match_check_in([candidate_from_row(r) for r in rows], last_name, first_name, birth_date)
