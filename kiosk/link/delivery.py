"""The session's bank delivered with the authorisation: downloaded, verified, opened with the delivered key.

An authorisation the console sends (start, resume, move) carries, signed by the center with the
command, the bank's descriptor (id, SHA-256, size), its content key wrapped for this kiosk's
X25519 key under ``protocol.room.bank_key_context(bank, command id)``, and the bank's publisher as
the center trusts it (``{key_id, name, ed25519}``). :class:`BankDelivery` runs on the sync
worker's thread, before the command reaches the interface: it fetches the file into the cache
(``kiosk.link.banks``: resumable, kept by SHA-256), checks its manifest against that publisher,
unwraps the key with the device key (or the keeper) and opens the bank. Only then is the
authorisation handed to the session; a download that fails or a file that is not the bank named
leaves the authorisation unacknowledged (the console sends it again, the kiosk tries again) and
the reason is journalled once (ADR 0025).
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from itembank.errors import BankKeyError, ItemBankError
from itembank.pbank import OpenBank, open_bank
from itembank.profile import ExamProfile
from kiosk.core.commands import RoomCommand
from kiosk.link.banks import BankDownloadError, cached_path, check_publisher, fetch_bank
from kiosk.link.transport import ConsoleConnection
from protocol.atomicfile import write_atomic
from protocol.canonical import b64decode, canonical_bytes
from protocol.errors import CanonicalEncodingError, ProtocolError, RoomMessageError
from protocol.keys import signing_key_id
from protocol.room import BankDescriptor, bank_key_context

log = logging.getLogger(__name__)

KEY_SUFFIX = ".key"
RETRY_FIRST_S = 2.0  # a failed delivery is tried again after 2 s, then 4, 8… up to a minute
RETRY_MAX_S = 60.0
KEY_FORMAT = "pupitre-delivered-bank-key"
Unwrap = Callable[[Mapping[str, Any], bytes], bytes]  # (wrapped entry, context) -> content key


@dataclass(frozen=True)
class BankProblem:
    """An authorisation whose bank could not be delivered: the interface journals it once and waits."""

    command_id: str
    bank_id: str
    reason: str


@dataclass
class DeliveredBank:
    """A bank the console delivered, open in memory: what the session records of it and its profiles."""

    descriptor: BankDescriptor
    path: Path
    bank: OpenBank
    publisher_id: str
    command_id: str

    @property
    def record(self) -> dict[str, Any]:
        """The bank as the attempt records it (``AttemptInfo.bank``)."""
        return {"id": self.bank.id, "version": self.bank.meta.version, "manifest_sha256": self.bank.manifest_sha256}

    @property
    def source(self) -> dict[str, Any]:
        """Where it came from, for the journal: the console's descriptor, the command, the publisher."""
        return {**self.descriptor.to_dict(), "command": self.command_id, "publisher": self.publisher_id}

    def profile(self, name: str | None) -> ExamProfile:
        return self.bank.profile(name or None)


def publisher_key(raw: Any, bank_id: str) -> Ed25519PublicKey:
    """The publisher's key as the center-signed authorisation names it (its id must be its key's)."""
    if not isinstance(raw, Mapping):
        raise BankDownloadError(f"bank {bank_id}: the authorisation does not say which publisher the center "
                                "trusts for it (a console too old to deliver banks?)")
    try:
        key = Ed25519PublicKey.from_public_bytes(b64decode(raw.get("ed25519"), "publisher.ed25519"))
    except (CanonicalEncodingError, ValueError) as exc:
        raise BankDownloadError(f"bank {bank_id}: the publisher's key in the authorisation is not a key ({exc})") \
            from None
    if raw.get("key_id") not in (None, signing_key_id(key)):
        raise BankDownloadError(f"bank {bank_id}: the publisher's key id {raw.get('key_id')!r} is not its key's")
    return key


class BankDelivery:
    """Fetches, verifies and opens the banks authorisations bring (on the worker's thread)."""

    def __init__(self, data_dir: str | os.PathLike[str], unwrap: Unwrap,
                 monotonic: Callable[[], float] = time.monotonic):
        self.data_dir = Path(data_dir)
        self._unwrap = unwrap
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._open: dict[str, tuple[OpenBank, str]] = {}  # sha256 -> (bank, publisher id)
        self._failed: dict[str, tuple[float, int, str]] = {}  # command id -> (next try, failures, reason)

    def prepare(self, connection: ConsoleConnection, command: RoomCommand) -> DeliveredBank:
        """The authorisation's bank, open; :class:`BankDownloadError` says why not (nothing is kept then).

        The console sends an unacknowledged authorisation at every sync; after a failure the same
        command is tried again only after a pause that doubles up to a minute, so a bank that keeps
        failing is not downloaded every second (the same reason is given meanwhile)."""
        failed = self._failed.get(command.id)
        if failed is not None and self._monotonic() < failed[0]:
            raise BankDownloadError(failed[2])
        try:
            delivered = self._prepare(connection, command)
        except BankDownloadError as exc:
            count = failed[1] + 1 if failed is not None else 1
            self._failed[command.id] = (self._monotonic() + min(RETRY_MAX_S, RETRY_FIRST_S * 2 ** (count - 1)),
                                        count, str(exc))
            raise
        self._failed.pop(command.id, None)
        return delivered

    def _prepare(self, connection: ConsoleConnection, command: RoomCommand) -> DeliveredBank:
        try:
            descriptor = BankDescriptor.from_dict(command.bank, "authorisation: bank")
        except RoomMessageError as exc:
            raise BankDownloadError(f"authorisation {command.id}: {exc}") from None
        if command.wrapped_key is None:
            raise BankDownloadError(f"bank {descriptor.bank_id}: the authorisation carries no key for this kiosk")
        publisher = publisher_key(command.publisher, descriptor.bank_id)
        try:
            key = self._unwrap(command.wrapped_key, bank_key_context(descriptor.bank_id, command.id))
        except (ProtocolError, ValueError, KeyError, TypeError) as exc:
            raise BankDownloadError(f"bank {descriptor.bank_id}: the key the authorisation carries does not open "
                                    f"with this kiosk's device key ({exc})") from None
        except Exception as exc:  # the keeper's refusal, whatever its class
            raise BankDownloadError(f"bank {descriptor.bank_id}: the key could not be unwrapped ({exc})") from None
        with self._lock:
            known = self._open.get(descriptor.sha256)
        if known is not None:
            bank, signer = known
            if bank.content_key != key:
                raise BankDownloadError(f"bank {descriptor.bank_id}: the key delivered is not the bank's")
            return DeliveredBank(descriptor, bank.path, bank, signer, command.id)
        path = fetch_bank(connection, descriptor, self.data_dir)
        try:
            signer = check_publisher(path, [publisher])
            bank = open_bank(path, [publisher], content_key=key)  # type: ignore[list-item]
        except BankKeyError as exc:  # the file is the bank named; the key is not its key: keep the file
            raise BankDownloadError(f"bank {descriptor.bank_id}: {exc}") from None
        except (BankDownloadError, ItemBankError) as exc:
            path.unlink(missing_ok=True)  # the center named a file its publisher did not sign, or it is damaged
            raise BankDownloadError(f"bank {descriptor.bank_id}: {exc}; the file was discarded") from None
        with self._lock:
            self._open[descriptor.sha256] = (bank, signer)
        self._keep_key(descriptor, command)
        return DeliveredBank(descriptor, path, bank, signer, command.id)

    # -- after a restart ---------------------------------------------------------------------------
    def _key_file(self, descriptor: BankDescriptor) -> Path:
        return cached_path(self.data_dir, descriptor).with_suffix(KEY_SUFFIX)

    def _keep_key(self, descriptor: BankDescriptor, command: RoomCommand) -> None:
        """Keep the key as it was delivered, wrapped for this device, beside the cached bank: a kiosk
        restarted mid-test reopens the bank it was running (its journal says which) to rebuild the
        attempt before the console's authorisation to resume arrives. Only this device's key opens it,
        as only it opens the attempts' own keys in the journal store (ADR 0025)."""
        record = {"format": KEY_FORMAT, "version": 1, "bank": descriptor.to_dict(), "command": command.id,
                  "wrapped_key": command.wrapped_key, "publisher": dict(command.publisher or {})}
        try:
            write_atomic(self._key_file(descriptor), canonical_bytes(record), mode=0o600)
        except (OSError, CanonicalEncodingError) as exc:  # the test goes on; a restart will wait for the console
            log.warning("the delivered key of bank %s is not kept (%s)", descriptor.bank_id, exc)

    def reopen(self, source: Mapping[str, Any]) -> DeliveredBank:
        """The bank a journal's ``bank-delivered`` names (its ``source``), from the cache and the kept key."""
        try:
            descriptor = BankDescriptor.from_dict({k: source.get(k) for k in ("bank_id", "sha256", "size", "path")},
                                                  "bank-delivered: source")
        except RoomMessageError as exc:
            raise BankDownloadError(str(exc)) from None
        key_file = self._key_file(descriptor)
        try:
            record = json.loads(key_file.read_bytes())
        except (OSError, ValueError) as exc:
            raise BankDownloadError(f"bank {descriptor.bank_id}: its delivered key is not on this kiosk "
                                    f"({key_file}: {exc}); the console's authorisation will bring it") from None
        if not isinstance(record, dict) or record.get("format") != KEY_FORMAT or \
                record.get("bank", {}).get("sha256") != descriptor.sha256:
            raise BankDownloadError(f"{key_file}: not the delivered key of bank {descriptor.bank_id}")
        kept = RoomCommand(str(record.get("command")), None, {}, "", "", descriptor.to_dict(),
                           record.get("wrapped_key"), record.get("publisher"))
        path = cached_path(self.data_dir, descriptor)
        if not path.is_file():
            raise BankDownloadError(f"bank {descriptor.bank_id}: {path} is no longer on this kiosk")
        publisher = publisher_key(kept.publisher, descriptor.bank_id)
        try:
            key = self._unwrap(kept.wrapped_key, bank_key_context(descriptor.bank_id, kept.id))
            bank = open_bank(path, [publisher], content_key=key)  # type: ignore[list-item]
        except (ItemBankError, ProtocolError, ValueError, KeyError, TypeError) as exc:
            raise BankDownloadError(f"bank {descriptor.bank_id}: the cached bank does not reopen ({exc})") from None
        if source.get("publisher") not in (None, bank.publisher_id):
            bank.close()
            raise BankDownloadError(f"bank {descriptor.bank_id}: the cached bank is not signed by the publisher the "
                                    "journal names")
        with self._lock:
            self._open.setdefault(descriptor.sha256, (bank, bank.publisher_id))
        return DeliveredBank(descriptor, path, bank, bank.publisher_id, kept.id)

    def close(self) -> None:
        with self._lock:
            banks, self._open = list(self._open.values()), {}
        for bank, _ in banks:
            bank.close()
