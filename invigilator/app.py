"""The console's composition root: one data folder, one store, the center's keys, the clock and randomness.

Every console command (the CLI today, the window and the server tomorrow) gets its room through
:class:`Console`, so paths, the database URL, the passphrase and the time source are decided in
one place.

The data folder holds::

    center.key          the center's Ed25519 + X25519 key pair, private parts sealed by a passphrase
    center.pub          its public half (what publishers build banks for, what verifiers trust)
    publishers/KEYID.pub  the public keys of the trusted publishers
    banks/SHA256.pbank  imported banks, named by their SHA-256
    console.sqlite      the store (unless --db names another database)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from invigilator.core.center import Bank, Center, TrustedPublisher
from invigilator.core.codes import Chooser
from invigilator.errors import InvigilatorError, SessionError
from invigilator.store import RoomStore
from protocol.atomicfile import move_into_place
from protocol.keys import KeyPair, PublicKeys

APP_NAME = "pupitre-invigilator"
CENTER_KEY, CENTER_PUB = "center.key", "center.pub"
PUBLISHERS, BANKS = "publishers", "banks"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class Console:
    """The console wired for one data folder and database."""

    data_dir: Path
    db_url: str | None = None
    clock: Callable[[], dt.datetime] = _utc_now
    rng: Chooser = field(default_factory=secrets.SystemRandom)
    _store: RoomStore | None = None

    # -- paths ------------------------------------------------------------------------------------------
    @property
    def center_key_path(self) -> Path:
        return self.data_dir / CENTER_KEY

    @property
    def center_pub_path(self) -> Path:
        return self.data_dir / CENTER_PUB

    @property
    def initialised(self) -> bool:
        return self.center_key_path.is_file()

    def now(self) -> dt.datetime:
        return self.clock()

    # -- the store ----------------------------------------------------------------------------------------
    @property
    def store(self) -> RoomStore:
        if self._store is None:
            if self.db_url is None and not self.data_dir.is_dir():
                raise InvigilatorError(f"{self.data_dir}: no console data folder here (run "
                                       "'pupitre-invigilator init' first, or give --data-dir)")
            self._store = RoomStore.open(self.db_url, self.data_dir)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def require_center(self) -> Center:
        center = self.store.sessions.center()
        if center is None or not self.initialised:
            raise InvigilatorError(f"{self.data_dir}: the console is not initialised (run 'pupitre-invigilator "
                                   "init --center-id ID --center-name NAME' first)")
        return center

    # -- the center -----------------------------------------------------------------------------------------
    def init_center(self, center_id: str, name: str, passphrase: str) -> tuple[Center, KeyPair]:
        """Make the center's keys (sealed by ``passphrase``) and record the center in the store."""
        if self.initialised:
            raise InvigilatorError(f"{self.center_key_path}: this console is already initialised; its center keys "
                                   "are never replaced (another center needs another data folder)")
        if not passphrase:
            raise InvigilatorError("an empty passphrase would leave the center's private keys unprotected")
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        keys = KeyPair.generate(name, self.now())
        center = Center(" ".join(center_id.split()), " ".join(name.split()), keys.public.signing_id)
        self.store.sessions.set_center(center)  # checked first: a store of another center refuses
        keys.save(self.center_key_path, passphrase)
        keys.public.save(self.center_pub_path)
        return center, keys

    def center_public(self) -> PublicKeys:
        self.require_center()
        return PublicKeys.load(self.center_pub_path)

    def center_keys(self, passphrase: str) -> KeyPair:
        center = self.require_center()
        keys = KeyPair.load(self.center_key_path, passphrase)
        if keys.public.signing_id != center.signing_key_id:
            raise InvigilatorError(f"{self.center_key_path}: this key is not the key of center {center.id} "
                                   f"({center.signing_key_id}); the data folder and the database do not belong "
                                   "together")
        return keys

    # -- publishers and banks ---------------------------------------------------------------------------
    def trust_publisher(self, public_file: Path) -> TrustedPublisher:
        public = PublicKeys.load(public_file)
        publisher = TrustedPublisher(public.signing_id, public.name or public.signing_id,
                                     public.public_dict()["ed25519"], self.now())
        public.save(self.data_dir / PUBLISHERS / f"{public.signing_id}.pub")
        self.store.sessions.trust_publisher(publisher)
        return publisher

    def publisher_keys(self) -> list[PublicKeys]:
        """The trusted publishers' keys, each checked against what the store records of it."""
        keys = []
        for publisher in self.store.sessions.publishers():
            path = self.data_dir / PUBLISHERS / f"{publisher.key_id}.pub"
            public = PublicKeys.load(path)
            if public.signing_id != publisher.key_id:
                raise InvigilatorError(f"{path}: holds key {public.signing_id}, not publisher {publisher.key_id}")
            keys.append(public)
        return keys

    def bank_path(self, sha256: str) -> Path:
        return self.data_dir / BANKS / f"{sha256}.pbank"

    def import_bank(self, source: Path, passphrase: str) -> Bank:
        """Verify a bank against the trusted publishers, open it with the center key, keep it by SHA-256."""
        from itembank.pbank import open_bank

        keys = self.center_keys(passphrase)
        publishers = self.publisher_keys()
        if not publishers:
            raise InvigilatorError("no trusted publisher yet: add one with 'pupitre-invigilator publishers add "
                                   "PUBLISHER.pub' before importing its banks")
        folder = self.data_dir / BANKS
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".import-", suffix=".pbank", dir=folder)
        tmp = Path(tmp_name)
        try:
            digest = hashlib.sha256()
            with open(source, "rb") as src, os.fdopen(fd, "wb") as dst:
                for block in iter(lambda: src.read(1 << 20), b""):
                    digest.update(block)
                    dst.write(block)
                dst.flush()
                os.fsync(dst.fileno())
            # the copy is what is verified and kept: a source changed meanwhile cannot slip in
            with open_bank(tmp, publishers, recipient=keys, now=self.now()) as bank:
                bank.verify_all()
                title = (bank.meta.title.get("fr") or bank.id)[:120]
                imported = Bank(bank.id, title, bank.publisher_id, digest.hexdigest(), self.now())
            # in place (durably) before the store names it: a crash between leaves a file, never a record without one
            target = self.bank_path(imported.sha256)
            held = target.exists()
            move_into_place(tmp, target)
            try:
                self.store.sessions.add_bank(imported)
            except BaseException:
                if not held:
                    target.unlink(missing_ok=True)
                raise
            return imported
        finally:
            tmp.unlink(missing_ok=True)

    def bank(self, bank_id: str) -> Bank:
        for bank in self.store.sessions.banks():
            if bank.id == bank_id:
                return bank
        raise SessionError(f"bank {bank_id!r} is not imported on this console (see 'pupitre-invigilator bank list')")

    def bank_file(self, bank_id: str) -> Path | None:
        """The imported ``.pbank`` of ``bank_id`` (kept under its SHA-256), or None."""
        held = next((b for b in self.store.sessions.banks() if b.id == bank_id), None)
        return None if held is None else self.bank_path(held.sha256)

    def bank_opener(self, keys: KeyPair) -> Callable[[str], Any]:
        """``bank_id → OpenBank | None``, each imported bank opened once with the center key and kept open."""
        from itembank.pbank import open_bank

        opened: dict[str, Any] = {}

        def open_one(bank_id: str) -> Any:
            if bank_id not in opened:
                path = self.bank_file(bank_id)
                if path is None:
                    return None
                opened[bank_id] = open_bank(path, self.publisher_keys(), recipient=keys, now=self.now())
            return opened[bank_id]
        return open_one

    def bank_profiles(self, bank_id: str) -> list[str]:
        """The profiles a bank offers, read from its signed manifest (no key needed)."""
        from itembank.pbank import read_manifest

        envelope, _ = read_manifest(self.bank_path(self.bank(bank_id).sha256))
        return sorted(envelope.signed.get("profiles", {}))

    # -- the room's server ----------------------------------------------------------------------------------
    def hub_sender(self, keys: KeyPair) -> Any:
        """The outbox's sender to the results hub, started on a thread of its own (``serve`` and the window
        run it), or None while no hub is configured (``pupitre-invigilator hub set``)."""
        from invigilator.hub_config import load_config
        from invigilator.hub_sender import HubSender

        if load_config(self.data_dir) is None:
            return None
        return HubSender(self.data_dir, self.require_center().id, keys, clock=self.clock).start()

    def server_hooks(self, keys: KeyPair) -> dict[str, Any]:
        """What the room's server needs from this console, with the center's keys open: the center's
        identity, its banks' files and keys, the opened banks results are replayed on, and the exposure
        record a bundle's kiosk was given (``serve`` and the window wire the server from this)."""
        from invigilator.server import CenterIdentity
        from invigilator.tls import certificate_statement, load_console_tls
        from itembank.cat import ExposureRecord

        center = self.require_center()
        opener = self.bank_opener(keys)
        identity = CenterIdentity(center.id, center.name, keys.public, keys,
                                  certificate_statement(load_console_tls(self.data_dir), center.id, keys))

        def bank_key(bank_id: str) -> bytes | None:
            bank = opener(bank_id)
            return None if bank is None else bank.content_key

        def exposure(bundle: Any) -> Any:  # the record the kiosk's engine was given, as its bundle carries it
            recorded = bundle.extra.get("exposure")
            return None if recorded is None else ExposureRecord.from_dict(recorded)

        return {"center": identity, "bank_file": self.bank_file, "bank_key": bank_key, "open_bank": opener,
                "exposure": exposure}
