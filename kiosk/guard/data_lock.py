"""One kiosk per data folder: an OS lock on ``kiosk.lock``, held for the life of the process.

Two kiosks on one data folder would both open the live attempt and write to its journal (the
second one's writes break the first one's chain). The lock is taken before anything else in the
folder is read or written; a second start reads who holds it (pid and start time, written by the
holder once it has the lock) and gives up. The OS releases the lock when the holder dies, even
of ``kill -9``, so a crash never leaves the folder locked.

POSIX: ``fcntl.flock`` on the whole file. Windows: ``msvcrt.locking`` of one byte far past the
text (a locked byte cannot be read by another process, the text before it can).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kiosk.guard.errors import DataFolderInUseError

LOCK_FILE = "kiosk.lock"
_WIN_LOCK_OFFSET = 1 << 20


@dataclass(frozen=True)
class Holder:
    """The kiosk that holds a data folder, as it wrote itself down."""

    pid: int | None
    started: str

    def describe(self) -> str:
        if self.pid is None:
            return "another kiosk (it has not written its process id yet)"
        return f"process {self.pid}, started {self.started or 'at an unknown time'}"


def _try_lock(handle: IO[Any]) -> bool:
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import msvcrt

        handle.seek(_WIN_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def read_holder(path: Path) -> Holder:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").split("\0", 1)[0].strip()
        data = json.loads(text) if text else {}
    except (OSError, ValueError):
        data = {}
    pid = data.get("pid") if isinstance(data, dict) else None
    started = data.get("started", "") if isinstance(data, dict) else ""
    return Holder(pid if isinstance(pid, int) else None, started if isinstance(started, str) else "")


class DataFolderLock:
    """The lock of one data folder; :meth:`acquire` raises :class:`DataFolderInUseError` when another
    kiosk holds it. Keep the object for the process's life (closing its file releases the lock)."""

    def __init__(self, data_dir: str | os.PathLike[str]):
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / LOCK_FILE
        self._handle: IO[Any] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> DataFolderLock:
        from kiosk.device import ensure_private_dir

        if self._handle is not None:
            return self
        ensure_private_dir(self.data_dir)
        handle = open(self.path, "a+b")  # noqa: SIM115 - held open for the process's life
        if not _try_lock(handle):
            handle.close()
            holder = read_holder(self.path)
            raise DataFolderInUseError(
                f"the data folder {self.data_dir} is in use by another kiosk ({holder.describe()}); "
                "only one kiosk may run on a data folder: close the other one first", holder.pid)
        started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "started": started}).encode() + b"\n")
        handle.flush()
        with contextlib.suppress(OSError):
            os.fsync(handle.fileno())
        self._handle = handle
        return self

    def release(self) -> None:
        """Give the folder up (the OS does it anyway when the process ends)."""
        handle, self._handle = self._handle, None
        if handle is not None:
            handle.close()
