"""Moving an attempt to a spare PC, in one transaction (ADR 0020).

The move reads both kiosks and the old kiosk's open alerts under lock, the attempt's replica and
the terms it started with; the core decides; the store then copies the replica under the new
kiosk (so the new kiosk's entries, which continue the same chain, merge as any sync's do) and
writes the authorisation for the new kiosk and the lock for the old one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from invigilator.core.commands import CommandKind
from invigilator.core.moves import Move, plan_move
from invigilator.errors import CommandRefusedError
from invigilator.store.alerts import open_alerts, save_alert
from invigilator.store.database import Database
from invigilator.store.kiosks import kiosk_from_row
from invigilator.store.replicas import _entry
from invigilator.store.schema import CommandRow, KioskRow, ReplicaEntryRow, ReplicaRow


def _start_terms(session: Session, kiosk_id: str, attempt_id: str, first_received: dt.datetime | None
                 ) -> dict[str, Any] | None:
    """The arguments the attempt started with: its authorise-start (or the move that brought it here)."""
    rows = session.scalars(select(CommandRow).where(
        CommandRow.kiosk_id == kiosk_id,
        CommandRow.kind.in_([str(CommandKind.AUTHORISE_START), str(CommandKind.AUTHORISE_MOVE)]))
        .order_by(CommandRow.issued_at.desc(), CommandRow.id.desc())).all()
    for row in rows:
        if row.args.get("attempt_id") == attempt_id:
            return dict(row.args["start"]) if row.kind == CommandKind.AUTHORISE_MOVE else dict(row.args)
    for row in rows:  # a start that let the kiosk name the attempt: the last one given before its journal began
        if (row.kind == CommandKind.AUTHORISE_START and "attempt_id" not in row.args
                and (first_received is None or row.issued_at <= first_received)):
            return {**row.args, "attempt_id": attempt_id}
    return None


class MoveStore:
    def __init__(self, db: Database, new_id: Callable[[], str]):
        self._db = db
        self._new_id = new_id

    def holders(self, attempt_id: str) -> list[str]:
        """The kiosks whose replica holds ``attempt_id``, the one holding the longest journal first."""
        with self._db.transaction() as session:
            rows = session.scalars(select(ReplicaRow).where(ReplicaRow.attempt_id == attempt_id)
                                   .order_by(ReplicaRow.head_seq.desc(), ReplicaRow.updated_at.desc())).all()
            return [r.kiosk_id for r in rows]

    def move(self, attempt_id: str, from_kiosk: str, to_kiosk: str, now: dt.datetime, by: str,
             acknowledged: Iterable[str] = ()) -> Move:
        if from_kiosk == to_kiosk:
            raise CommandRefusedError(f"move: attempt {attempt_id} is already on kiosk {to_kiosk}")
        with self._db.transaction() as session:
            rows = {}
            for kiosk_id in sorted({from_kiosk, to_kiosk}):  # a fixed order: two moves never wait on each other
                row = session.get(KioskRow, kiosk_id, with_for_update=True)
                if row is None:
                    raise CommandRefusedError(f"move: kiosk {kiosk_id!r} is not enrolled on this console")
                rows[kiosk_id] = row
            replica = session.scalars(select(ReplicaRow).where(ReplicaRow.kiosk_id == from_kiosk,
                                                               ReplicaRow.attempt_id == attempt_id)
                                      .with_for_update()).first()
            if replica is None:
                raise CommandRefusedError(f"move: kiosk {rows[from_kiosk].name} has sent no journal of attempt "
                                          f"{attempt_id}")
            if session.get(ReplicaRow, (to_kiosk, attempt_id)) is not None:
                raise CommandRefusedError(f"move: kiosk {rows[to_kiosk].name} already holds attempt {attempt_id}")
            entry_rows = session.scalars(select(ReplicaEntryRow).where(
                ReplicaEntryRow.kiosk_id == from_kiosk, ReplicaEntryRow.attempt_id == attempt_id)
                .order_by(ReplicaEntryRow.seq)).all()
            first = session.scalar(select(func.min(ReplicaEntryRow.received_at)).where(
                ReplicaEntryRow.kiosk_id == from_kiosk, ReplicaEntryRow.attempt_id == attempt_id))
            move = plan_move(attempt_id, kiosk_from_row(rows[from_kiosk]), kiosk_from_row(rows[to_kiosk]),
                             [_entry(r) for r in entry_rows], _start_terms(session, from_kiosk, attempt_id, first),
                             command_ids=(self._new_id(), self._new_id()), now=now, by=by,
                             open_alerts=open_alerts(session, from_kiosk, lock=True),
                             acknowledged=frozenset(acknowledged))
            session.add(ReplicaRow(kiosk_id=to_kiosk, attempt_id=attempt_id, head_seq=replica.head_seq,
                                   head_hash=replica.head_hash, updated_at=now))
            session.flush()
            for r in entry_rows:
                session.add(ReplicaEntryRow(kiosk_id=to_kiosk, attempt_id=attempt_id, seq=r.seq, prev_hash=r.prev_hash,
                                            t_mono=r.t_mono, t_wall=r.t_wall, kind=r.kind, payload=r.payload,
                                            hash=r.hash, received_at=r.received_at))
            for c in (move.authorise, move.lock_old):
                if c is not None:
                    session.add(CommandRow(id=c.id, kiosk_id=c.kiosk_id, kind=str(c.kind), args=c.args,
                                           issued_at=c.issued_at, issued_by=c.issued_by))
            for alert in move.handled_alerts:
                save_alert(session, alert)
            return move
