"""The banks the hub replays with.

A ``.pbank`` wraps its content key for each recipient named when it was built
(``pupitre-bank build --recipient CENTER.pub --recipient HUB.pub``): the hub is one recipient, with
the X25519 key of ``hub.pub``. ``banks add`` opens the file with the hub's key and the publisher's
public key (so a bank the hub cannot read, or an untrusted or damaged one, is refused at once) and
stores its bytes and its publisher in the database: every worker, on any machine, can then open it.

Each worker keeps the banks it opened (:class:`BankCache`): the bytes are copied once into a private
cache folder and opened with the hub's key; the content key stays in the worker's memory.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from hub.errors import BankError
from hub.store.database import Database
from hub.store.schema import BankRow
from itembank.errors import BankFileError
from itembank.pbank import OpenBank, open_bank
from protocol.atomicfile import write_atomic
from protocol.keys import KeyPair, PublicKeys


@dataclass(frozen=True)
class BankInfo:
    manifest_sha256: str
    file_sha256: str
    bank_id: str
    version: str
    publisher: str
    added_at: dt.datetime


def _info(row: BankRow) -> BankInfo:
    return BankInfo(row.manifest_sha256, row.file_sha256, row.bank_id, row.version,
                    str(row.publisher.get("name", "?")), row.added_at)


def add_bank(db: Database, path: Path, publisher: PublicKeys, hub_keys: KeyPair, now: dt.datetime) -> BankInfo:
    """Check that the hub can open ``path`` (published by ``publisher``, wrapped for the hub) and store it."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise BankError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    try:
        with open_bank(path, [publisher], recipient=hub_keys, now=now) as bank:
            bank.verify_all()
            manifest, bank_id, version = bank.manifest_sha256, bank.id, str(bank.meta.version)
    except BankFileError as exc:
        hint = (" — the publisher must build the bank with --recipient hub.pub as well as the centers' keys"
                if "not readable" in str(exc) else "")
        raise BankError(f"{exc}{hint}") from None
    file_sha = hashlib.sha256(data).hexdigest()
    with db.transaction() as s:
        existing = s.get(BankRow, manifest)
        if existing is not None:
            return _info(existing)
        row = BankRow(manifest_sha256=manifest, file_sha256=file_sha, bank_id=bank_id, version=version,
                      publisher=publisher.to_dict(), added_at=now, content=data)
        s.add(row)
        s.flush()
        return _info(row)


def list_banks(db: Database) -> list[BankInfo]:
    with db.transaction() as s:
        rows = s.scalars(select(BankRow).order_by(BankRow.bank_id, BankRow.version))
        return [_info(r) for r in rows]


class BankCache:
    """The banks one worker has opened, by manifest SHA-256; thread-safe."""

    def __init__(self, db: Database, hub_keys: KeyPair, folder: Path | None = None):
        self.db = db
        self.hub_keys = hub_keys
        self._own = None
        if folder is None:
            self._own = tempfile.TemporaryDirectory(prefix="pupitre-hub-banks-")
            folder = Path(self._own.name)
        self.folder = Path(folder)
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._open: dict[str, OpenBank] = {}
        self._lock = threading.Lock()

    def get(self, manifest_sha256: str, at: dt.datetime, session: Session | None = None) -> OpenBank | None:
        """The opened bank of that manifest, or None when the hub has no such bank.

        ``session``: the transaction the caller is in (on SQLite a second one would wait for it).
        """
        with self._lock:
            bank = self._open.get(manifest_sha256)
            if bank is not None:
                return bank
            if session is None:
                with self.db.transaction() as s:
                    found = self._read(s, manifest_sha256)
            else:
                found = self._read(session, manifest_sha256)
            if found is None:
                return None
            content, publisher = found
            path = self.folder / f"{manifest_sha256}.pbank"
            write_atomic(path, content, mode=0o600)
            try:
                bank = open_bank(path, [publisher], recipient=self.hub_keys, now=at)
            except BankFileError as exc:
                raise BankError(f"bank {manifest_sha256[:16]}…: {exc}") from None
            # every replay re-scores its responses against their items: decrypt and parse each item once
            bank.keep_items()
            self._open[manifest_sha256] = bank
            return bank

    @staticmethod
    def _read(s: Session, manifest_sha256: str) -> tuple[bytes, PublicKeys] | None:
        row = s.get(BankRow, manifest_sha256)
        return None if row is None else (row.content, PublicKeys.from_dict(row.publisher, "bank publisher"))

    def close(self) -> None:
        with self._lock:
            for bank in self._open.values():
                bank.close()
            self._open.clear()
        if self._own is not None:
            self._own.cleanup()
