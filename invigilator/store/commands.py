"""Commands in the store: issued in the same transaction as the alerts they handle, delivered, acknowledged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from invigilator.core.commands import Command, CommandKind, Issued, in_a_test, issue
from invigilator.errors import CommandRefusedError
from invigilator.store.alerts import open_alerts, save_alert
from invigilator.store.database import Database
from invigilator.store.exposure import snapshot_in
from invigilator.store.kiosks import kiosk_from_row
from invigilator.store.schema import CandidateRow, CommandRow, KioskRow, SessionRow
from invigilator.store.sessions import candidate_from_row, session_from_row


def _command(row: CommandRow) -> Command:
    return Command(row.id, row.kiosk_id, CommandKind(row.kind), dict(row.args), row.issued_at, row.issued_by,
                   row.acknowledged_at)


class CommandStore:
    def __init__(self, db: Database, new_id: Callable[[], str]):
        self._db = db
        self._new_id = new_id

    def issue(self, kind: CommandKind, kiosk_id: str, args: dict[str, Any], now: dt.datetime, by: str,
              acknowledged: Iterable[str] = ()) -> Issued:
        """Decide and record one command; ``acknowledged`` names the open alerts the invigilator confirmed.

        The kiosk's open alerts are read under lock in the same transaction as the command is
        written, so an alert raised by a sync a moment before is seen, never skipped.
        """
        with self._db.transaction() as session:
            return self._issue_in(session, kind, kiosk_id, args, now, by, frozenset(acknowledged))

    def issue_to_all(self, kind: CommandKind, args: dict[str, Any], now: dt.datetime, by: str,
                     acknowledged: Iterable[str] = ()) -> list[Issued]:
        """Pause or resume every kiosk running a test, in one transaction (all or none)."""
        if kind not in (CommandKind.PAUSE, CommandKind.RESUME):
            raise CommandRefusedError(f"{kind} is given to one kiosk at a time")
        with self._db.transaction() as session:
            kiosks = in_a_test([kiosk_from_row(r) for r in session.scalars(select(KioskRow).order_by(KioskRow.name))])
            return [self._issue_in(session, kind, k.id, args, now, by, frozenset(acknowledged)) for k in kiosks]

    def _issue_in(self, session: Session, kind: CommandKind, kiosk_id: str, args: dict[str, Any],
                  now: dt.datetime, by: str, acknowledged: frozenset[str]) -> Issued:
        row = session.get(KioskRow, kiosk_id, with_for_update=True)
        if row is None:
            raise CommandRefusedError(f"kiosk {kiosk_id!r} is not enrolled on this console")
        candidate = exam = exposure = None
        if kind is CommandKind.AUTHORISE_START and isinstance(args.get("candidate_id"), str):
            candidate_row = session.get(CandidateRow, args["candidate_id"])
            if candidate_row is not None:
                candidate = candidate_from_row(candidate_row)
                session_row = session.get(SessionRow, candidate.session_id)
                exam = session_from_row(session_row) if session_row is not None else None
                exposure = snapshot_in(session, exam.bank_id) if exam is not None else None
        issued = issue(kind, kiosk_from_row(row), args, command_id=self._new_id(), now=now, by=by,
                       open_alerts=open_alerts(session, kiosk_id, lock=True), acknowledged=acknowledged,
                       candidate=candidate, session=exam, exposure=exposure)
        c = issued.command
        session.add(CommandRow(id=c.id, kiosk_id=c.kiosk_id, kind=str(c.kind), args=c.args, issued_at=c.issued_at,
                               issued_by=c.issued_by))
        for alert in issued.handled_alerts:
            save_alert(session, alert)
        session.flush()
        return issued

    def pending(self, kiosk_id: str) -> list[Command]:
        """The kiosk's unacknowledged commands in the order they were given (sent again at every sync)."""
        with self._db.reading() as session:
            return pending_in(session, kiosk_id)

    def commands(self, kiosk_id: str | None = None) -> list[Command]:
        with self._db.reading() as session:
            query = select(CommandRow).order_by(CommandRow.issued_at, CommandRow.id)
            if kiosk_id is not None:
                query = query.where(CommandRow.kiosk_id == kiosk_id)
            return [_command(r) for r in session.scalars(query)]

    def acknowledge(self, kiosk_id: str, command_ids: Iterable[str], now: dt.datetime) -> list[Command]:
        """Mark commands acknowledged by the kiosk they were sent to; repeats keep the first time."""
        with self._db.transaction() as session:
            return [acknowledge_in(session, kiosk_id, command_id, now) for command_id in command_ids]


def pending_in(session: Session, kiosk_id: str) -> list[Command]:
    rows = session.scalars(select(CommandRow).where(CommandRow.kiosk_id == kiosk_id,
                                                    CommandRow.acknowledged_at.is_(None))
                           .order_by(CommandRow.issued_at, CommandRow.id))
    return [_command(r) for r in rows]


def acknowledge_in(session: Session, kiosk_id: str, command_id: str, now: dt.datetime) -> Command:
    """In ``session``: one command acknowledged by ``kiosk_id``; a refusal raises before anything is written."""
    row = session.get(CommandRow, command_id, with_for_update=True)
    if row is None:
        raise CommandRefusedError(f"kiosk {kiosk_id}: no command {command_id!r} to acknowledge")
    command = _command(row).acknowledged(kiosk_id, now)
    row.acknowledged_at = command.acknowledged_at
    return command
