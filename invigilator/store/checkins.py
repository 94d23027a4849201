"""Check-ins as the console keeps them: recorded at each sync, confirmed and authorised by the invigilator.

A kiosk repeats its check-in at every sync until it is authorised, so :meth:`CheckInStore.record`
is cheap and idempotent for a decided check-in (one row read, nothing written). Authorising issues
the same ``authorise-start`` command as ``session authorise KIOSK --candidate ID``, in the
transaction that marks the check-in authorised: one never happens without the other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from invigilator.core.checkin import (
    CheckIn,
    CheckInState,
    Proposal,
    Refusal,
    TypedCheckIn,
    birth_dates_to_read,
    evaluate,
    reconsider,
)
from invigilator.core.commands import CommandKind, Issued
from invigilator.errors import CheckInRefusedError, InvigilatorError
from invigilator.store.commands import CommandStore
from invigilator.store.database import Database
from invigilator.store.schema import CandidateRow, CheckInRow, SessionRow
from invigilator.store.sessions import candidate_from_row, session_from_row

UNDECIDED = (CheckInState.REFUSED, CheckInState.UNKNOWN, CheckInState.PROPOSED)


def checkin_from_row(row: CheckInRow) -> CheckIn:
    return CheckIn(row.kiosk_id, TypedCheckIn.from_dict(row.typed), row.received_at, CheckInState(row.state),
                   row.session_id, Refusal(row.refusal) if row.refusal else None,
                   tuple(Proposal.from_dict(p) for p in row.proposals), row.candidate_id, row.confirmed_by,
                   row.confirmed_at, row.command_id)


def _write(row: CheckInRow, c: CheckIn) -> None:
    row.session_id, row.typed, row.received_at = c.session_id, c.typed.to_dict(), c.received_at
    row.state, row.refusal = str(c.state), str(c.refusal) if c.refusal else None
    row.proposals = [p.to_dict() for p in c.proposals]
    row.candidate_id, row.confirmed_by, row.confirmed_at, row.command_id = (c.candidate_id, c.confirmed_by,
                                                                            c.confirmed_at, c.command_id)


@dataclass(frozen=True)
class Authorised:
    """One authorisation from a check-in: the check-in as it now is and the command queued."""

    checkin: CheckIn
    issued: Issued


class CheckInStore:
    def __init__(self, db: Database, commands: CommandStore, new_id: Callable[[], str]):
        self._db = db
        self._commands = commands
        self._new_id = new_id

    # -- from the kiosks (the sync) ----------------------------------------------------------------------
    def record(self, kiosk_id: str, typed: TypedCheckIn, now: dt.datetime) -> CheckIn:
        """A kiosk's check-in as its sync carried it; what the kiosk is to be told comes from the result.

        Read first, write only when the reading changed: a kiosk waits for its authorisation with a
        sync a second, and most of them change nothing.
        """
        with self._db.reading() as session:
            row = session.get(CheckInRow, (kiosk_id, typed.attempt_id))
            held = checkin_from_row(row) if row is not None else None
            if held is not None and held.decided and (held.typed == typed or held.state is CheckInState.AUTHORISED):
                return held  # the usual case at 1 Hz: nothing more to read, nothing to write
            kept = reconsider(held, self._evaluate(session, kiosk_id, typed, now))
            if kept == held:
                return kept
        with self._db.transaction() as session:
            row = session.get(CheckInRow, (kiosk_id, typed.attempt_id), with_for_update=True)
            held = checkin_from_row(row) if row is not None else None
            kept = reconsider(held, self._evaluate(session, kiosk_id, typed, now))
            if kept != held:
                if row is None:
                    # one candidate sits at a kiosk at a time: its undecided check-ins of other attempts are
                    # obsolete (and a kiosk inventing attempt ids cannot pile rows up)
                    session.execute(delete(CheckInRow).where(
                        CheckInRow.kiosk_id == kiosk_id, CheckInRow.attempt_id != typed.attempt_id,
                        CheckInRow.state.in_([str(s) for s in UNDECIDED])))
                    row = CheckInRow(kiosk_id=kiosk_id, attempt_id=typed.attempt_id)
                    session.add(row)
                _write(row, kept)
            return kept

    @staticmethod
    def _evaluate(session: Session, kiosk_id: str, typed: TypedCheckIn, now: dt.datetime) -> CheckIn:
        exam_row = session.get(SessionRow, typed.session_number)
        exam = session_from_row(exam_row) if exam_row is not None else None
        roster = []
        if exam is not None and exam.accepts_code(typed.access_code):
            # only the lines that can match (same birth date, or day and month swapped): a few rows, not the roster
            roster = [candidate_from_row(r) for r in session.scalars(select(CandidateRow).where(
                CandidateRow.session_id == exam.id,
                CandidateRow.birth_date.in_(birth_dates_to_read(typed.birth_date))))]
        return evaluate(kiosk_id, typed, exam, roster, now)

    # -- for the invigilator ---------------------------------------------------------------------------------
    def checkins(self, session_id: str | None = None) -> list[CheckIn]:
        """Check-ins of a session (all of them with None), oldest first; with a session, also those refused for
        a wrong access code that typed its number."""
        with self._db.reading() as session:
            query = select(CheckInRow).order_by(CheckInRow.received_at, CheckInRow.kiosk_id)
            if session_id is not None:
                # a check-in refused for a wrong code names no session; the number it typed still shows
                # the invigilator of that session who is being turned away
                query = query.where((CheckInRow.session_id == session_id) | CheckInRow.session_id.is_(None))
            rows = [checkin_from_row(r) for r in session.scalars(query)]
            return [c for c in rows if session_id is None or c.session_id == session_id
                    or c.typed.session_number == session_id]

    def checkin(self, kiosk_id: str, attempt_id: str) -> CheckIn:
        with self._db.reading() as session:
            return checkin_from_row(self._row(session, kiosk_id, attempt_id))

    @staticmethod
    def _row(session: Session, kiosk_id: str, attempt_id: str, lock: bool = False) -> CheckInRow:
        row = session.get(CheckInRow, (kiosk_id, attempt_id), with_for_update=lock)
        if row is None:
            raise CheckInRefusedError(f"kiosk {kiosk_id} has no check-in for attempt {attempt_id}")
        return row

    def confirm(self, kiosk_id: str, attempt_id: str, candidate_id: str, by: str, now: dt.datetime) -> CheckIn:
        """The invigilator checked the identity: the person at the kiosk is roster line ``candidate_id``."""
        with self._db.transaction() as session:
            row = self._row(session, kiosk_id, attempt_id, lock=True)
            # the candidate's row is the lock: two invigilators confirming one candidate at two kiosks queue
            candidate_row = session.get(CandidateRow, candidate_id, with_for_update=True)
            if candidate_row is None:
                raise CheckInRefusedError(f"candidate {candidate_id!r} is on no roster of this console")
            taken = session.scalars(select(CheckInRow).where(
                CheckInRow.candidate_id == candidate_id,
                CheckInRow.state.in_([str(CheckInState.CONFIRMED), str(CheckInState.AUTHORISED)]))).all()
            other = next((t for t in taken if (t.kiosk_id, t.attempt_id) != (kiosk_id, attempt_id)), None)
            if other is not None:
                raise CheckInRefusedError(f"candidate {candidate_id} is already {other.state} at kiosk "
                                          f"{other.kiosk_id}; set that check-in back first")
            confirmed = checkin_from_row(row).confirm(candidate_from_row(candidate_row), by, now)
            _write(row, confirmed)
            return confirmed

    def unconfirm(self, kiosk_id: str, attempt_id: str) -> CheckIn:
        with self._db.transaction() as session:
            row = self._row(session, kiosk_id, attempt_id, lock=True)
            back = checkin_from_row(row).unconfirm()
            _write(row, back)
            return back

    def authorise(self, kiosk_id: str, attempt_id: str, now: dt.datetime, by: str) -> Authorised:
        """Queue the authorise-start of a confirmed check-in (as ``session authorise``) and mark it authorised."""
        with self._db.transaction() as session:
            row = self._row(session, kiosk_id, attempt_id, lock=True)
            checkin = checkin_from_row(row)
            if checkin.state is not CheckInState.CONFIRMED or checkin.candidate_id is None:
                raise CheckInRefusedError(f"kiosk {kiosk_id}: the check-in is {checkin.state}; only a confirmed "
                                          "identity is authorised")
            # the command store's own decision, in this transaction (same checks as the CLI's authorise)
            issued = self._commands._issue_in(session, CommandKind.AUTHORISE_START, kiosk_id,
                                              {"candidate_id": checkin.candidate_id, "attempt_id": attempt_id},
                                              now, by, frozenset())
            done = checkin.authorised(issued.command.id)
            _write(row, done)
            return Authorised(done, issued)

    def authorise_confirmed(self, session_id: str, now: dt.datetime,
                            by: str) -> tuple[list[Authorised], list[tuple[CheckIn, str]]]:
        """Authorise every confirmed check-in of a session; each on its own, refusals listed with the reason."""
        done, refused = [], []
        for checkin in self.checkins(session_id):
            if checkin.state is not CheckInState.CONFIRMED:
                continue
            try:
                done.append(self.authorise(checkin.kiosk_id, checkin.attempt_id, now, by))
            except InvigilatorError as exc:
                refused.append((checkin, str(exc)))
        return done, refused
