"""Writing a file so that a crash leaves either the old content or the new, never a mix.

Every durable file of Pupitre (key files, banks, result bundles, exported copies, guard state,
the unlock code) goes through :func:`write_atomic`: a temporary file in the same folder, its
permissions set before the first byte, the data flushed to the disk, an atomic rename over the
target, then the folder itself flushed so the new name survives a power cut.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def _fsync_dir(directory: Path) -> None:
    """Make a rename durable by flushing the folder that holds the name.

    POSIX only: Windows cannot open a folder as a file, and NTFS journals the rename itself.
    """
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _set_mode(fd: int, tmp: str, mode: int) -> None:
    # os.fchmod is missing from Windows' Python before 3.13; os.chmod on the path works everywhere
    # (on Windows it only sets or clears the read-only flag, which is all that OS offers here).
    fchmod = getattr(os, "fchmod", None)
    if fchmod is not None:
        fchmod(fd, mode)
    else:
        os.chmod(tmp, mode)


def write_atomic(path: str | os.PathLike[str], data: bytes, *, mode: int | None = None) -> Path:
    """Replace ``path`` with ``data`` atomically and durably; return the path.

    ``mode`` is set on the temporary file before any byte is written, so the content is never
    readable with wider permissions in between; ``None`` keeps the temporary file's 0600. The
    folder must exist. On failure the temporary file is removed and the target is unchanged.
    """
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        if mode is not None:
            _set_mode(fd, tmp, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(target.parent)
    return target


def move_into_place(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> Path:
    """Rename a file already written and flushed (a finished download) over ``target``, durably.

    Both must be in the same folder; the rename is atomic and the folder is flushed after it.
    """
    source, target = Path(source), Path(target)
    os.replace(source, target)
    _fsync_dir(target.parent)
    return target
