"""Enrolled centers: their public keys, revocation, and the request counter each one may only raise."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from hub.errors import CenterError
from hub.store.database import Database
from hub.store.schema import CenterRow
from protocol.errors import KeyFileError
from protocol.keys import PublicKeys

CENTER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
"""As the attestation's QR names a center (``protocol.attestation``), and as the hub request does."""


@dataclass(frozen=True)
class Center:
    id: str
    name: str
    keys: PublicKeys
    enrolled_at: dt.datetime
    revoked_at: dt.datetime | None
    last_counter: int

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @classmethod
    def of(cls, row: CenterRow) -> Center:
        return cls(row.id, row.name, PublicKeys.from_dict(row.public_keys, f"center {row.id}"), row.enrolled_at,
                   row.revoked_at, row.last_counter)


class ReplayedCounter(CenterError):
    """A request's counter is not above the last one accepted from its center."""

    def __init__(self, counter: int, last: int):
        self.counter, self.last = counter, last
        super().__init__(f"counter {counter} is not above the last one accepted ({last}): a replayed or stale "
                         "request; sign again with a higher counter")


class CenterStore:
    def __init__(self, db: Database):
        self.db = db

    def add(self, center_id: str, name: str, keys: PublicKeys, now: dt.datetime) -> Center:
        if not CENTER_ID.match(center_id):
            raise CenterError(f"center id {center_id!r}: 1 to 40 letters, digits, '.', '_' or '-', starting with a "
                              "letter or digit (the id the center's console and attestations use)")
        if not name.strip() or len(name) > 200:
            raise CenterError("a center's name must be 1 to 200 characters")
        try:
            with self.db.transaction() as s:
                row = CenterRow(id=center_id, name=name.strip(), public_keys=keys.to_dict(),
                                signing_id=keys.signing_id, enrolled_at=now, revoked_at=None, last_counter=0)
                s.add(row)
                s.flush()
                return Center.of(row)
        except IntegrityError:
            existing = self.find(center_id)
            if existing is not None:
                raise CenterError(f"center {center_id} is already enrolled ({existing.name})") from None
            raise CenterError(f"this public key ({keys.signing_id}) is already enrolled under another center id") \
                from None

    def find(self, center_id: str) -> Center | None:
        with self.db.transaction() as s:
            row = s.get(CenterRow, center_id)
            return None if row is None else Center.of(row)

    def list(self) -> list[Center]:
        with self.db.transaction() as s:
            return [Center.of(r) for r in s.scalars(select(CenterRow).order_by(CenterRow.id))]

    def revoke(self, center_id: str, now: dt.datetime) -> Center:
        with self.db.transaction() as s:
            row = s.get(CenterRow, center_id, with_for_update=True)
            if row is None:
                raise CenterError(f"no center {center_id!r} is enrolled (pupitre-hub centers list)")
            if row.revoked_at is None:
                row.revoked_at = now
            return Center.of(row)

    def take_counter(self, center_id: str, counter: int) -> None:
        """Accept ``counter`` for the center if it is above the last one, in one conditional update.

        Of two requests with one counter, however simultaneous and in whichever worker, one is accepted.
        """
        with self.db.transaction() as s:
            done = s.execute(update(CenterRow).where(CenterRow.id == center_id, CenterRow.last_counter < counter,
                                                     CenterRow.revoked_at.is_(None))
                             .values(last_counter=counter)).rowcount
            if done != 1:
                row = s.get(CenterRow, center_id)
                if row is None or row.revoked_at is not None:
                    raise CenterError(f"center {center_id} is not enrolled or was revoked")
                raise ReplayedCounter(counter, row.last_counter)


def load_center_key(path: str) -> PublicKeys:
    try:
        return PublicKeys.load(path)
    except KeyFileError as exc:
        raise CenterError(str(exc)) from None
