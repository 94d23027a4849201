"""Uploads: a package's bytes arrive in chunks at offsets; the last one triggers verification and storage.

Every decision is taken under the upload's row lock (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's
``BEGIN IMMEDIATE`` serialises writers), so any number of workers and clients may send the same
package at once: a chunk is written only at the offset the row holds, and the chunk that completes
the package is verified and stored — or refused — in the very transaction that writes it. A worker
killed at any point leaves the last committed offset and nothing else: no half-stored package, no
chunk counted but not written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hub.errors import HubError
from hub.store.database import Database
from hub.store.schema import ChunkRow, PackageRow, UploadRow
from protocol.hub_api import PackageStatus

HASH_MISMATCH = ("the bytes received do not have the package's SHA-256 (damaged in transit, or another package "
                 "under its name); they were dropped: send the package again from offset 0")


class UploadError(HubError):
    """An upload request the hub cannot take; ``code`` is the error code of :mod:`protocol.hub_api`."""

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


def status_of(row: UploadRow) -> PackageStatus:
    return PackageStatus(row.package, row.state, row.received, row.size, row.reason, row.receipt)


# Called with the transaction, the locked row and the whole package's bytes: verifies, stores or refuses,
# and sets the row's state, reason and receipt.
Finisher = Callable[[Session, UploadRow, bytes], None]


@dataclass(frozen=True)
class WriteOutcome:
    status: PackageStatus
    conflict: bool  # the offset was not the hub's: the client continues from status.offset


class UploadStore:
    def __init__(self, db: Database):
        self.db = db

    def _locked(self, s: Session, package: str, center_id: str) -> UploadRow:
        row = s.get(UploadRow, package, with_for_update=True)
        if row is None:
            raise UploadError("not-found", f"no upload of package {package[:16]}… was started (POST /v1/packages)")
        if row.center_id != center_id:
            raise UploadError("other-center", f"package {package[:16]}… is being uploaded by another center")
        return row

    def start(self, center_id: str, package: str, size: int, now: dt.datetime) -> PackageStatus:
        """Begin (or find) the upload of ``package``; idempotent, and safe when two workers start it at once."""
        for _ in range(2):
            try:
                with self.db.transaction() as s:
                    row = s.get(UploadRow, package, with_for_update=True)
                    if row is None:
                        row = UploadRow(package=package, center_id=center_id, size=size, received=0,
                                        state="receiving", started_at=now, updated_at=now)
                        s.add(row)
                        s.flush()
                        return status_of(row)
                    if row.center_id != center_id:
                        raise UploadError("other-center", f"package {package[:16]}… is being uploaded by another "
                                                          "center")
                    if row.size != size and row.state == "receiving" and row.received == 0:
                        row.size, row.reason, row.updated_at = size, None, now  # nothing received yet: restart
                    elif row.size != size:
                        raise UploadError("size-mismatch", f"package {package[:16]}… is known with a size of "
                                                           f"{row.size} bytes, not {size}")
                    return status_of(row)
            except IntegrityError:
                continue  # another worker inserted it between our read and our insert: read it again
        raise UploadError("unavailable", "the upload could not be started; send the request again")

    def status(self, center_id: str, package: str) -> PackageStatus:
        with self.db.transaction() as s:
            row = s.get(UploadRow, package)
            if row is None:
                raise UploadError("not-found", f"no upload of package {package[:16]}… was started")
            if row.center_id != center_id:
                raise UploadError("other-center", f"package {package[:16]}… is being uploaded by another center")
            return status_of(row)

    def write(self, center_id: str, package: str, offset: int, data: bytes, now: dt.datetime,
              finish: Finisher) -> WriteOutcome:
        """Write ``data`` at ``offset`` if that is where the upload stands; finish the package when it is whole."""
        with self.db.transaction() as s:
            row = self._locked(s, package, center_id)
            if row.state != "receiving" or offset != row.received:
                return WriteOutcome(status_of(row), True)
            if offset + len(data) > row.size:
                raise UploadError("beyond-size", f"{len(data)} bytes at offset {offset} go past the package's "
                                                 f"{row.size} bytes")
            if not data:
                return WriteOutcome(status_of(row), False)
            row.received = offset + len(data)
            row.updated_at = now
            if row.received < row.size:
                s.add(ChunkRow(package=package, start=offset, data=data))
            else:
                # the last chunk completes the package in this very transaction: it is never written as a
                # chunk, only the whole package is (kept for a retry), and the chunks before it are dropped
                earlier = list(s.scalars(select(ChunkRow.data).where(ChunkRow.package == package)
                                         .order_by(ChunkRow.start)))
                whole = b"".join([*earlier, data]) if earlier else bytes(data)
                if earlier:
                    s.execute(delete(ChunkRow).where(ChunkRow.package == package))
                if len(whole) != row.size or hashlib.sha256(whole).hexdigest() != package:
                    row.received, row.reason = 0, HASH_MISMATCH
                else:
                    row.reason = None
                    s.add(PackageRow(package=package, data=whole))
                    finish(s, row, whole)
            s.flush()
            return WriteOutcome(status_of(row), False)

    def retry(self, package: str, now: dt.datetime, finish: Finisher) -> PackageStatus:
        """Verify a refused package again from the bytes kept (after ``banks add``, for one refused
        ``unknown-bank``); it is stored or refused again in one transaction."""
        with self.db.transaction() as s:
            row = s.get(UploadRow, package, with_for_update=True)
            if row is None:
                raise UploadError("not-found", f"no package {package[:16]}… was uploaded")
            if row.state != "refused":
                raise UploadError("not-refused", f"package {package[:16]}… is {row.state}, not refused")
            kept = s.get(PackageRow, package)
            assert kept is not None  # a refused package's bytes are kept with its refusal
            row.updated_at = now
            finish(s, row, kept.data)
            s.flush()
            return status_of(row)

    def list(self, state: str | None = None) -> list[tuple[str, str, int, str, str | None, str | None]]:
        """(package, center, size, state, refusal, reason) of every upload, newest first."""
        with self.db.transaction() as s:
            query = select(UploadRow).order_by(UploadRow.updated_at.desc())
            if state is not None:
                query = query.where(UploadRow.state == state)
            return [(r.package, r.center_id, r.size, r.state, r.refusal, r.reason) for r in s.scalars(query)]

    def package_bytes(self, package: str) -> bytes | None:
        with self.db.transaction() as s:
            row = s.get(PackageRow, package)
            return None if row is None else row.data
