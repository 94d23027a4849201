"""The center's exposure record in the store: read whole for an authorisation, counted once per attempt.

Counting locks the bank's record row (``SELECT … FOR UPDATE``; SQLite's ``BEGIN IMMEDIATE``
serialises writers anyway), so two bundles arriving together each add their test, and the same
attempt counted twice (a bundle sent again) adds nothing. Reading takes the row's share lock, so a
snapshot never mixes the test count of one moment with the item counts of another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from invigilator.core.exposure import ExposureSnapshot
from invigilator.errors import SessionError
from invigilator.store.database import Database
from invigilator.store.schema import BankRow, ExposureAttemptRow, ExposureCountRow, ExposureRecordRow


def snapshot_in(session: Session, bank_id: str) -> ExposureSnapshot:
    """The bank's record inside the caller's transaction (an empty record if none was counted yet)."""
    row = session.scalars(select(ExposureRecordRow).where(ExposureRecordRow.bank_id == bank_id)
                          .with_for_update(read=True)).first()
    if row is None:
        return ExposureSnapshot(bank_id)
    counts = {r.item_id: r.count for r in session.scalars(select(ExposureCountRow)
                                                          .where(ExposureCountRow.bank_id == bank_id))}
    return ExposureSnapshot(bank_id, row.tests, counts)


class ExposureStore:
    def __init__(self, db: Database):
        self._db = db

    def snapshot(self, bank_id: str) -> ExposureSnapshot:
        with self._db.transaction() as session:
            return snapshot_in(session, bank_id)

    def count_attempt(self, bank_id: str, attempt_id: str, item_ids: Iterable[str], now: dt.datetime) -> bool:
        """Count a finished attempt in its bank's record; False if it was already counted."""
        shown = sorted(set(item_ids))
        with self._db.transaction() as session:
            if session.get(BankRow, bank_id) is None:
                raise SessionError(f"exposure: bank {bank_id!r} is not imported on this console")
            insert = postgresql.insert if self._db.dialect == "postgresql" else sqlite.insert
            session.execute(insert(ExposureRecordRow).values(bank_id=bank_id, tests=0, updated_at=now)
                            .on_conflict_do_nothing())  # two first counts at once: one row, both wait on its lock
            record = session.scalars(select(ExposureRecordRow).where(ExposureRecordRow.bank_id == bank_id)
                                     .with_for_update().execution_options(populate_existing=True)).one()
            if session.get(ExposureAttemptRow, (bank_id, attempt_id)) is not None:
                return False
            before = snapshot_in(session, bank_id)
            after = before.with_test(shown)  # validates the item ids
            session.add(ExposureAttemptRow(bank_id=bank_id, attempt_id=attempt_id, counted_at=now))
            for item_id in shown:
                row = session.get(ExposureCountRow, (bank_id, item_id))
                if row is None:
                    session.add(ExposureCountRow(bank_id=bank_id, item_id=item_id, count=after.counts[item_id]))
                else:
                    row.count = after.counts[item_id]
            record.tests, record.updated_at = after.tests, now
            return True
