"""The session's bank over the LAN: downloaded from the console, resumable, cached, checked before use.

The authorisation names the bank (``protocol.room.BankDescriptor``: id, SHA-256, size, signed by
the center with the command). The file goes to ``<data_dir>/banks/<id>-<sha256>.pbank`` through
a ``.part`` file that a later try continues with an HTTP Range (a cut cable costs only the bytes
not yet received); it takes its final name only when its size and SHA-256 are the descriptor's,
and the bank is still verified against the trusted publishers (manifest signature, length)
before anything uses it. A cached file with the right hash is used without a download.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from itembank.errors import ItemBankError
from itembank.pbank import MANIFEST_TYPE, read_manifest
from kiosk.device import ensure_private_dir
from kiosk.link.errors import ConsoleRefusedError, LinkError
from kiosk.link.transport import ConsoleConnection
from protocol.atomicfile import move_into_place
from protocol.envelope import verify
from protocol.keys import PublicKeys
from protocol.room import BankDescriptor

BANKS_DIR = "banks"
CHUNK = 256 * 1024
MAX_ROUNDS = 10_000  # a console that serves one byte per answer still ends (a bank is at most some GB)
CONTENT_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+|\*)$")


class BankDownloadError(LinkError):
    """The session's bank could not be fetched or is not the bank the console named."""


def cached_path(data_dir: str | os.PathLike[str], bank: BankDescriptor) -> Path:
    return Path(data_dir) / BANKS_DIR / f"{bank.bank_id}-{bank.sha256}.pbank"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _receive(connection: ConsoleConnection, bank: BankDescriptor, part: Path) -> None:
    """Fill ``part`` up to the bank's size, continuing from what it holds."""
    for _ in range(MAX_ROUNDS):
        have = part.stat().st_size if part.exists() else 0
        if have > bank.size:
            part.unlink()
            have = 0
        if have == bank.size:
            return
        with connection.download(bank.path, have) as response:
            if response.status_code == 206:
                match = CONTENT_RANGE.match(response.headers.get("content-range", ""))
                if match is None or int(match.group(1)) != have:
                    raise BankDownloadError(f"bank {bank.bank_id}: the console answered another range than asked "
                                            f"({response.headers.get('content-range')!r} for bytes {have}-)")
                mode = "ab"
            elif response.status_code == 200:
                mode, have = "wb", 0  # the console ignored the range: start again
            else:
                raise ConsoleRefusedError(f"bank {bank.bank_id}: unexpected answer HTTP {response.status_code}")
            with open(part, mode) as handle:
                written = have
                for chunk in response.iter_bytes(CHUNK):
                    written += len(chunk)
                    if written > bank.size:
                        raise BankDownloadError(f"bank {bank.bank_id}: the console sends more than its "
                                                f"{bank.size} bytes")
                    handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())
    raise BankDownloadError(f"bank {bank.bank_id}: the download does not progress")


def fetch_bank(connection: ConsoleConnection, bank: BankDescriptor, data_dir: str | os.PathLike[str]) -> Path:
    """The session's bank in the cache, downloaded (or completed) if needed; its hash is the descriptor's."""
    target = cached_path(data_dir, bank)
    ensure_private_dir(target.parent)
    if target.exists() and _sha256(target) == bank.sha256:
        return target
    part = target.with_name(target.name + ".part")
    try:
        _receive(connection, bank, part)
    except OSError as exc:
        raise BankDownloadError(f"bank {bank.bank_id}: cannot write {part} ({exc.strerror or exc})") from None
    if _sha256(part) != bank.sha256:
        part.unlink()  # nothing of it can be trusted or continued: the next try starts again
        raise BankDownloadError(f"bank {bank.bank_id}: the file received does not have the SHA-256 the "
                                "console's authorisation names (corrupted or replaced); it was discarded")
    return move_into_place(part, target)


def check_publisher(path: str | os.PathLike[str], trusted: Iterable[PublicKeys]) -> str:
    """Verify a downloaded bank's manifest against the trusted publishers; the signer's key id."""
    try:
        envelope, start = read_manifest(path)
    except ItemBankError as exc:
        raise BankDownloadError(str(exc)) from None
    result = verify(envelope, list(trusted), MANIFEST_TYPE)
    if not result.ok:
        raise BankDownloadError(f"{path}: not published by a trusted publisher ({result.reason})")
    expected = start + int(envelope.signed["payload"]["length"])
    if Path(path).stat().st_size != expected:
        raise BankDownloadError(f"{path}: {Path(path).stat().st_size} bytes, {expected} expected")
    return result.signer or ""
