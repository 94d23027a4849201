"""The ``.pbank`` file: one signed, encrypted file per bank.

Layout (all integers big-endian)::

    magic "PUPBANK\\n" (8) | format u32 | manifest length u32 | manifest | payload

The manifest is a signed envelope (``_type: pupitre/bank-manifest``) holding the bank's identity,
framework, profiles, the content key wrapped for each recipient, and the SHA-256 of the sealed
index. The payload is a run of pieces, each sealed alone with AES-256-GCM under the content key:
the index (every item's metadata and the position and SHA-256 of each sealed piece), then one
piece per item and one per attachment. The associated data of a piece names the bank, its version,
and the piece (``item/<id>`` or ``attachment/<name>``), so nothing can be moved or swapped; the
hashes chain every piece to the publisher's signature, so even a holder of the content key (a
center) cannot alter an item without the change being seen.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itembank.authoring.source import ATTACHMENT_TYPES, MIB, SizeLimits
from itembank.bank import BankMeta, BankSource
from itembank.errors import (
    BankKeyError,
    BankTooLargeError,
    ExpiredBankError,
    NotABankError,
    TamperedBankError,
    TruncatedBankError,
    UnknownItemError,
    UntrustedPublisherError,
)
from itembank.framework import Framework
from itembank.model import Item, ItemMeta, strict
from itembank.profile import ExamProfile
from protocol.aead import new_key, seal, unseal
from protocol.canonical import canonical_bytes
from protocol.envelope import SignedEnvelope, verify
from protocol.errors import DecryptionError, EnvelopeFormatError, UnwrapError, WrongPassphraseError
from protocol.keys import KeyPair, PublicKeys, ScryptParams, write_private_file
from protocol.keywrap import (
    unwrap_for_recipient,
    unwrap_with_passphrase,
    wrap_for_recipient,
    wrap_with_passphrase,
)

MAGIC = b"PUPBANK\n"
FORMAT = 1
HEADER = struct.Struct(">8sII")
MANIFEST_TYPE = "pupitre/bank-manifest"
MAX_MANIFEST = 16 * 1024 * 1024

Progress = Callable[[int, int], None]


def _aad(meta: BankMeta, part: str) -> bytes:
    return f"pupitre/bank|{meta.id}|{meta.version}|{part}".encode()


def _context(meta: BankMeta) -> bytes:
    return f"pupitre/bank-key|{meta.id}|{meta.version}".encode()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def build_bank(
    source: BankSource,
    out: str | os.PathLike[str],
    publisher: KeyPair,
    recipients: Iterable[PublicKeys] = (),
    passphrase: str | None = None,
    *,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    scrypt: ScryptParams | None = None,
    max_bytes: int | None = None,
) -> Path:
    """Write ``source`` as a signed, encrypted ``.pbank`` file and return its path.

    ``max_bytes`` caps the file (default :class:`SizeLimits`' bank size); nothing is written past it.
    """
    recipients = list(recipients)
    if not recipients and not passphrase:
        raise BankKeyError("a bank needs at least one recipient: a center public key or a passphrase")
    meta = source.meta
    key = new_key()
    pieces: list[bytes] = []
    offset = 0

    def add(plaintext: bytes, part: str) -> dict[str, Any]:
        nonlocal offset
        blob = seal(key, plaintext, _aad(meta, part))
        entry = {"offset": offset, "length": len(blob), "sha256": hashlib.sha256(blob).hexdigest()}
        pieces.append(blob)
        offset += len(blob)
        return entry

    total = len(source.items) + len(source.attachments)
    done = 0
    index_items = []
    for item in source.items:
        entry = add(canonical_bytes(item.to_dict()), f"item/{item.id}")
        index_items.append({**item.meta().to_dict(), "piece": entry})
        done += 1
        if progress and (done % 50 == 0 or done == total):
            progress(done, total)
    index_attachments = {}
    for name, data in sorted(source.attachments.items()):
        entry = add(data, f"attachment/{name}")
        media = ATTACHMENT_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")
        index_attachments[name] = {"piece": entry, "size": len(data), "media_type": media}
        done += 1
        if progress and (done % 50 == 0 or done == total):
            progress(done, total)
    index_plain = canonical_bytes({"items": index_items, "attachments": index_attachments})
    index_blob = seal(key, index_plain, _aad(meta, "index"))

    context = _context(meta)
    wrapped = [wrap_for_recipient(key, r.wrapping, context) | {"name": r.name} for r in recipients]
    if passphrase:
        wrapped.append(wrap_with_passphrase(key, passphrase, context, scrypt))
    created = (now or _now()).replace(microsecond=0)
    signed = {
        "_type": MANIFEST_TYPE,
        "format": FORMAT,
        "bank": meta.to_dict(),
        "created": created.isoformat(),
        "publisher": {"name": publisher.name, "keyid": publisher.public.signing_id},
        "framework": source.framework.to_dict(),
        "profiles": {name: p.to_dict() for name, p in source.profiles.items()},
        "default_profile": source.default_profile,
        "recipients": wrapped,
        "payload": {"index_length": len(index_blob), "index_sha256": hashlib.sha256(index_blob).hexdigest(),
                    "length": len(index_blob) + offset, "items": len(source.items),
                    "attachments": len(source.attachments)},
    }
    manifest = SignedEnvelope.create(signed, publisher).to_bytes()
    body = b"".join([HEADER.pack(MAGIC, FORMAT, len(manifest)), manifest, index_blob, *pieces])
    limit = SizeLimits().bank_bytes if max_bytes is None else max_bytes
    if len(body) > limit:
        raise BankTooLargeError(f"{out}: the bank would be {len(body) / MIB:,.1f} MiB, more than the limit of "
                                f"{limit / MIB:,.0f} MiB (--max-bank-mb); nothing was written")
    return write_private_file(out, body, mode=0o644)


@dataclass(frozen=True)
class AttachmentInfo:
    name: str
    size: int
    media_type: str


class OpenBank:
    """A verified bank: the index in memory, each item decrypted only when asked for."""

    def __init__(self, path: Path, handle, manifest: SignedEnvelope, manifest_hash: str, key: bytes,
                 payload_start: int, index: dict[str, Any], publisher_id: str):
        signed = manifest.signed
        self.path = path
        self._handle = handle
        self._key = key
        self._payload_start = payload_start + signed["payload"]["index_length"]
        self.manifest = signed
        self.manifest_sha256 = manifest_hash
        self.publisher_id = publisher_id
        self.meta = BankMeta.from_dict(signed["bank"], strict(f"{path}: manifest bank"))
        self.framework = Framework.from_dict(signed["framework"], strict(f"{path}: manifest framework"))
        self.profiles = {name: ExamProfile.from_dict(p, strict(f"{path}: profile {name}"), name=name)
                         for name, p in signed["profiles"].items()}
        self.default_profile = signed["default_profile"]
        self._pieces: dict[str, dict[str, Any]] = {}
        self._pool: Any = None
        self._kept: dict[str, Item] | None = None  # decrypted items, only for a verifier that asked to keep them
        self.metas: list[ItemMeta] = []
        for entry in index["items"]:
            self.metas.append(ItemMeta.from_dict(entry))
            self._pieces[f"item/{entry['id']}"] = entry["piece"]
        self.attachments = {name: AttachmentInfo(name, a["size"], a["media_type"])
                            for name, a in index["attachments"].items()}
        for name, a in index["attachments"].items():
            self._pieces[f"attachment/{name}"] = a["piece"]

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def pool(self) -> Any:
        """The adaptive engine's :class:`~itembank.cat.pool.ItemPool` of this bank, built once from the index
        (no item content); a verifier replaying many tests on one bank shares it."""
        if self._pool is None:
            from itembank.cat.pool import ItemPool

            self._pool = ItemPool.build(self.metas, self.framework)
        return self._pool

    @property
    def content_key(self) -> bytes:
        """The bank's content key, for the console to wrap for an authorised kiosk (never written anywhere)."""
        return self._key

    def profile(self, name: str | None = None) -> ExamProfile:
        try:
            return self.profiles[name or self.default_profile]
        except KeyError:
            raise UnknownItemError(f"{self.path}: no profile '{name}' (has: {', '.join(self.profiles)})") from None

    def _piece(self, part: str) -> bytes:
        entry = self._pieces.get(part)
        if entry is None:
            raise UnknownItemError(f"{self.path}: no {part.replace('/', ' ')} in bank {self.meta.id}")
        blob = os.pread(self._handle.fileno(), entry["length"], self._payload_start + entry["offset"])
        if len(blob) != entry["length"]:
            raise TruncatedBankError(f"{self.path}: {part} is cut short (truncated file)")
        if hashlib.sha256(blob).hexdigest() != entry["sha256"]:
            raise TamperedBankError(f"{self.path}: {part} fails its integrity check (tampered or corrupted file)")
        try:
            return unseal(self._key, blob, _aad(self.meta, part), f"{self.path}: {part}")
        except DecryptionError as exc:
            raise TamperedBankError(str(exc)) from None

    def layout(self) -> dict[str, tuple[int, int]]:
        """Where each sealed piece lies in the file: part → (absolute offset, length)."""
        return {part: (self._payload_start + e["offset"], e["length"]) for part, e in self._pieces.items()}

    def item(self, item_id: str) -> Item:
        """Decrypt and parse one item (or give the one kept, after :meth:`keep_items`)."""
        kept = self._kept
        if kept is not None:
            found = kept.get(item_id)
            if found is not None:
                return found
        item = Item.from_dict(json.loads(self._piece(f"item/{item_id}")))
        if kept is not None:
            kept[item_id] = item
        return item

    def keep_items(self) -> None:
        """Keep each item once decrypted, for a verifier that replays thousands of tests on this bank (the hub).

        Never on a kiosk or a console: there, only the item on screen is ever decrypted in memory.
        """
        if self._kept is None:
            self._kept = {}

    def attachment(self, name: str) -> bytes:
        """Decrypt one attachment (kept in memory only)."""
        return self._piece(f"attachment/{name}")

    def verify_all(self, progress: Progress | None = None) -> None:
        """Decrypt and check every piece; raise on the first one that fails."""
        parts = list(self._pieces)
        for done, part in enumerate(parts, 1):
            plain = self._piece(part)
            if part.startswith("item/"):
                Item.from_dict(json.loads(plain))
            if progress and (done % 100 == 0 or done == len(parts)):
                progress(done, len(parts))

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> OpenBank:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_manifest(path: str | os.PathLike[str]) -> tuple[SignedEnvelope, int]:
    """Read the header and manifest without verifying anything (for inspection and errors)."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEADER.size)
            if len(head) < HEADER.size:
                if MAGIC.startswith(head[:8]) and head:
                    raise TruncatedBankError(f"{path}: the file ends inside its header (truncated)")
                raise NotABankError(f"{path}: not a Pupitre bank (.pbank) file")
            magic, fmt, length = HEADER.unpack(head)
            if magic != MAGIC:
                raise NotABankError(f"{path}: not a Pupitre bank (.pbank) file")
            if fmt != FORMAT:
                raise NotABankError(f"{path}: bank format {fmt} is not supported by this version (expects {FORMAT})")
            if length > MAX_MANIFEST:
                raise TamperedBankError(f"{path}: the header announces an implausible manifest size ({length} bytes)")
            raw = handle.read(length)
    except FileNotFoundError:
        raise NotABankError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise NotABankError(f"{path}: is a folder, not a .pbank file (to build one: pupitre-bank build)") from None
    if len(raw) < length:
        raise TruncatedBankError(f"{path}: the file ends inside its manifest (truncated)")
    try:
        envelope = SignedEnvelope.from_bytes(raw, f"{path}: manifest")
    except EnvelopeFormatError as exc:
        raise TamperedBankError(f"{exc} (tampered or corrupted file)") from None
    return envelope, HEADER.size + length


def _unwrap(envelope: SignedEnvelope, meta: BankMeta, path: Path, recipient: KeyPair | None,
            passphrase: str | None) -> bytes:
    context = _context(meta)
    entries = envelope.signed.get("recipients", [])
    if recipient is not None:
        wanted = recipient.public.wrapping_id
        for entry in entries:
            if entry.get("type") == "x25519" and entry.get("recipient") == wanted:
                try:
                    return unwrap_for_recipient(entry, recipient.wrapping_private, context)
                except UnwrapError as exc:
                    raise TamperedBankError(f"{path}: {exc}") from None
    if passphrase is not None:
        for entry in entries:
            if entry.get("type") == "passphrase":
                try:
                    return unwrap_with_passphrase(entry, passphrase, context)
                except WrongPassphraseError:
                    raise BankKeyError(f"{path}: wrong passphrase for bank {meta.id}") from None
                except UnwrapError as exc:
                    raise TamperedBankError(f"{path}: {exc}") from None
    names = [e.get("name") or e.get("recipient") for e in entries if e.get("type") == "x25519"]
    has_pass = any(e.get("type") == "passphrase" for e in entries)
    offered = (f"center keys: {', '.join(map(str, names))}" if names else "no center key") + (
        "; a passphrase" if has_pass else "; no passphrase")
    given = "the key given" if recipient is not None else "no key"
    raise BankKeyError(f"{path}: bank {meta.id} is not readable with {given} "
                       f"{'and this passphrase' if passphrase else ''}(it opens with {offered})".replace("  ", " "))


def open_bank(
    path: str | os.PathLike[str],
    trusted_publishers: Iterable[PublicKeys],
    *,
    recipient: KeyPair | None = None,
    passphrase: str | None = None,
    content_key: bytes | None = None,
    now: dt.datetime | None = None,
) -> OpenBank:
    """Verify the publisher's signature, unwrap the content key and decrypt the index.

    ``content_key`` is the bank's content key already unwrapped (a kiosk receives it from the
    invigilator's console, wrapped for its own device key): the manifest is still verified
    against ``trusted_publishers``, and a key that is not this bank's fails on the index.

    Raises a subclass of :class:`~itembank.errors.BankFileError` naming the file and the reason.
    """
    path = Path(path)
    envelope, payload_start = read_manifest(path)
    result = verify(envelope, trusted_publishers, MANIFEST_TYPE)
    if not result.ok:
        if "untrusted" in result.reason or "no signature" in result.reason:
            publisher = envelope.signed.get("publisher", {})
            raise UntrustedPublisherError(
                f"{path}: published by '{publisher.get('name', '?')}' (key {publisher.get('keyid', '?')}), "
                "which is not a trusted publisher here")
        raise TamperedBankError(f"{path}: manifest {result.reason}")
    signed = envelope.signed
    meta = BankMeta.from_dict(signed.get("bank"), strict(f"{path}: manifest bank"))
    today = (now or _now()).date()
    if meta.expires and today > meta.expires:
        raise ExpiredBankError(f"{path}: bank {meta.id} v{meta.version} expired on {meta.expires.isoformat()}; "
                               "ask the publisher for the current version")
    payload = signed["payload"]
    size = path.stat().st_size
    expected = payload_start + payload["length"]
    if size < expected:
        raise TruncatedBankError(f"{path}: {size} bytes, {expected} expected (truncated file)")
    if size > expected:
        raise TamperedBankError(f"{path}: {size - expected} unexpected bytes after the end of the bank")
    key = content_key if content_key is not None else _unwrap(envelope, meta, path, recipient, passphrase)
    handle = open(path, "rb")  # noqa: SIM115 - kept open for the bank's lifetime, closed by close()
    try:
        index_blob = os.pread(handle.fileno(), payload["index_length"], payload_start)
        if hashlib.sha256(index_blob).hexdigest() != payload["index_sha256"]:
            raise TamperedBankError(f"{path}: the item index fails its integrity check (tampered or corrupted)")
        try:
            index = json.loads(unseal(key, index_blob, _aad(meta, "index"), f"{path}: index"))
        except DecryptionError as exc:
            if content_key is not None:  # the index's hash matched: the file is intact, the key is another's
                raise BankKeyError(f"{path}: the content key given does not open bank {meta.id}") from None
            raise TamperedBankError(str(exc)) from None
        manifest_hash = hashlib.sha256(envelope.to_bytes()).hexdigest()
        return OpenBank(path, handle, envelope, manifest_hash, key, payload_start, index, result.signer or "")
    except BaseException:
        handle.close()
        raise
