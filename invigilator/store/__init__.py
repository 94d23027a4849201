"""The console's store: the room model persisted with SQLAlchemy 2, migrated by Alembic.

:class:`RoomStore` opens (and migrates) the database and offers one store per part of the room.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from invigilator.store.alerts import AlertStore
from invigilator.store.checkins import CheckInStore
from invigilator.store.commands import CommandStore
from invigilator.store.database import Database, open_database
from invigilator.store.exposure import ExposureStore
from invigilator.store.finalisation import FinalisationStore
from invigilator.store.incidents import IncidentStore
from invigilator.store.kiosks import Enrolled, KioskKeys, KioskStore
from invigilator.store.moves import MoveStore
from invigilator.store.replicas import AppendResult, ReplicaStore
from invigilator.store.sessions import SessionStore
from invigilator.store.syncs import SyncOutcome, SyncStore

__all__ = ["AppendResult", "Enrolled", "KioskKeys", "RoomStore", "SyncOutcome"]


def _uuid() -> str:
    return uuid.uuid4().hex


class RoomStore:
    """The room's persistent state: sessions, kiosks, replicas, alerts, commands, exposure records,
    incidents and finalisations (and a sync across them)."""

    def __init__(self, db: Database, new_id: Callable[[], str] = _uuid):
        self.db = db
        self.sessions = SessionStore(db, new_id)
        self.kiosks = KioskStore(db, new_id)
        self.replicas = ReplicaStore(db, new_id)
        self.alerts = AlertStore(db, new_id)
        self.commands = CommandStore(db, new_id)
        self.exposure = ExposureStore(db)
        self.moves = MoveStore(db, new_id)
        self.syncs = SyncStore(db, self.replicas, new_id)
        self.checkins = CheckInStore(db, self.commands, new_id)
        self.incidents = IncidentStore(db, new_id)
        self.finalisations = FinalisationStore(db)

    @classmethod
    def open(cls, url: str | None = None, data_dir: Path | None = None,
             new_id: Callable[[], str] = _uuid) -> RoomStore:
        """Open the database (``url``, or ``console.sqlite`` in ``data_dir``) migrated to the newest schema."""
        return cls(open_database(url, data_dir), new_id)

    def close(self) -> None:
        self.db.close()
