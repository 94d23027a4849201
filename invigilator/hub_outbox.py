"""The console's outbox to the results hub, on disk: one file per package and what is known of its upload.

``DATA_DIR/outbox`` holds, for each session package (named by the SHA-256 of its bytes)::

    <id>.ppkg      the package, as finalisation wrote it (never changed, never deleted here)
    <id>.receipt   the hub's signed receipt, written only once it verified against the hub's key
    <id>.refused   {"reason", "status", "at"}: the hub (or this console) refused it; not sent again
                   until the operator acts (``outbox retry``)
    <id>.progress  {"offset", "size", "at", "error"}: how far the hub said it had got, the last error

A package is **sent** when its receipt is there, **refused** when it has a refusal and no
receipt, **pending** otherwise. Every file goes through :func:`protocol.atomicfile.write_atomic`,
so a console killed at any moment leaves each file whole; the hub, not these files, is the truth
about what arrived (the uploader always asks it first).
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from invigilator.errors import HubError
from protocol.atomicfile import write_atomic
from protocol.keys import PublicKeys
from protocol.session_package import PACKAGE_SUFFIX, HubReceipt, PackageError, verify_receipt

OUTBOX = "outbox"
RECEIPT, REFUSED, PROGRESS = ".receipt", ".refused", ".progress"
LOCK_FILE = ".sender.lock"
_NAME = re.compile(r"^([0-9a-f]{64})" + re.escape(PACKAGE_SUFFIX) + "$")


class State(enum.Enum):
    PENDING = "pending"
    SENT = "sent"
    REFUSED = "refused"


@dataclass(frozen=True)
class Entry:
    """What the outbox knows of one package."""

    id: str
    size: int
    state: State
    sent_bytes: int  # the hub's offset, as last heard (the size once sent)
    reason: str = ""  # why it was refused
    error: str = ""  # the last failure while pending
    receipt: HubReceipt | None = None
    updated_at: str = ""


def _utc(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class HubOutbox:
    def __init__(self, data_dir: str | os.PathLike[str]):
        self.folder = Path(data_dir) / OUTBOX

    def path(self, package: str, suffix: str = PACKAGE_SUFFIX) -> Path:
        return self.folder / f"{package}{suffix}"

    def ids(self) -> list[str]:
        """The packages in the outbox, oldest file first (then by id)."""
        if not self.folder.is_dir():
            return []
        found = []
        for entry in os.scandir(self.folder):
            match = _NAME.match(entry.name)
            if match and entry.is_file():
                found.append((entry.stat().st_mtime_ns, match.group(1)))
        return [package for _, package in sorted(found)]

    def read(self, package: str) -> bytes:
        """The package's bytes, checked against its name: a damaged file is never sent."""
        data = self.path(package).read_bytes()
        if hashlib.sha256(data).hexdigest() != package:
            raise PackageError(f"{self.path(package)}: the file's SHA-256 is not its name (damaged or replaced "
                               "after finalisation); export the session package again")
        return data

    def size(self, package: str) -> int:
        return self.path(package).stat().st_size

    # -- what is recorded --------------------------------------------------------------------------------
    def _json(self, path: Path) -> dict[str, Any] | None:
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return {}
        return value if isinstance(value, dict) else {}

    def _write_json(self, path: Path, value: dict[str, Any]) -> None:
        write_atomic(path, (json.dumps(value, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"), mode=0o640)

    def receipt_bytes(self, package: str) -> bytes | None:
        try:
            return self.path(package, RECEIPT).read_bytes()
        except FileNotFoundError:
            return None

    def record_receipt(self, package: str, receipt: bytes, hub_key: PublicKeys) -> HubReceipt:
        """Verify the hub's receipt for exactly this package, then keep it beside the package."""
        checked = verify_receipt(receipt, hub_key=hub_key, package=package)
        write_atomic(self.path(package, RECEIPT), receipt, mode=0o640)
        return checked

    def record_refusal(self, package: str, reason: str, status: int | None, now: dt.datetime) -> None:
        self._write_json(self.path(package, REFUSED), {"reason": reason[:2000], "status": status, "at": _utc(now)})

    def clear_refusal(self, package: str) -> bool:
        """The operator's act: send a refused package again. False when it was not refused."""
        path = self.path(package, REFUSED)
        if not path.exists():
            return False
        path.unlink()
        return True

    def record_progress(self, package: str, offset: int, size: int, now: dt.datetime, error: str = "") -> None:
        self._write_json(self.path(package, PROGRESS),
                         {"offset": offset, "size": size, "at": _utc(now), "error": error[:500]})

    def refused(self, package: str) -> bool:
        return self.path(package, REFUSED).exists() and not self.path(package, RECEIPT).exists()

    def pending(self) -> list[str]:
        """The packages to send: neither a receipt nor a refusal."""
        return [p for p in self.ids()
                if not self.path(p, RECEIPT).exists() and not self.path(p, REFUSED).exists()]

    def entry(self, package: str, hub_key: PublicKeys | None = None) -> Entry:
        """The package's state; with ``hub_key``, a receipt that does not verify counts for nothing."""
        size = self.size(package)
        receipt = self.receipt_bytes(package)
        if receipt is not None:
            checked = None
            if hub_key is not None:
                try:
                    checked = verify_receipt(receipt, hub_key=hub_key, package=package)
                except PackageError as exc:
                    return Entry(package, size, State.PENDING, 0, error=f"the receipt kept does not verify: {exc}")
            return Entry(package, size, State.SENT, size, receipt=checked,
                         updated_at=_utc(dt.datetime.fromtimestamp(self.path(package, RECEIPT).stat().st_mtime,
                                                                   dt.UTC)))
        progress = self._json(self.path(package, PROGRESS)) or {}
        offset = progress.get("offset")
        sent = offset if isinstance(offset, int) and 0 <= offset <= size else 0
        refusal = self._json(self.path(package, REFUSED))
        if refusal is not None:
            return Entry(package, size, State.REFUSED, sent, reason=str(refusal.get("reason") or "no reason given"),
                         updated_at=str(refusal.get("at") or ""))
        return Entry(package, size, State.PENDING, sent, error=str(progress.get("error") or ""),
                     updated_at=str(progress.get("at") or ""))

    def entries(self, hub_key: PublicKeys | None = None) -> list[Entry]:
        return [self.entry(p, hub_key) for p in self.ids()]

    def find(self, prefix: str) -> str:
        """A package by id or an id prefix of 8+ characters."""
        matches = [p for p in self.ids() if p == prefix or (len(prefix) >= 8 and p.startswith(prefix))]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise HubError(f"package {prefix!r}: several packages start so; give more of the id")
        raise HubError(f"package {prefix!r}: not in the outbox {self.folder} (see 'pupitre-invigilator outbox list')")

    # -- one sender at a time ----------------------------------------------------------------------------
    @contextmanager
    def sending(self) -> Iterator[bool]:
        """Hold the sender's lock while sending; yields False when another process holds it (then send nothing)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            held = try_lock_file(fd)
            try:
                yield held
            finally:
                if held:
                    unlock_file(fd)
        finally:
            os.close(fd)


def try_lock_file(fd: int) -> bool:
    if os.name == "posix":
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    import msvcrt  # pragma: no cover - Windows

    try:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
    except OSError:
        return False
    return True


def unlock_file(fd: int) -> None:
    if os.name == "posix":
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)
    else:  # pragma: no cover - Windows
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
