"""Make the interface process private to itself, before anything else runs in it (no heavy imports here)."""

from __future__ import annotations

import ctypes
import os
import sys

from kiosk.keeper.errors import KeeperError

PR_SET_DUMPABLE = 4


def make_undumpable() -> bool:
    """Forbid ptrace and ``/proc/PID/fd`` access to this process by the candidate's other programs.

    A non-dumpable process can be traced, and its ``/proc/PID`` files read, only with
    CAP_SYS_PTRACE (root); it also writes no core file. Linux only (False elsewhere); raises
    :class:`KeeperError` when the kernel refuses.
    """
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        raise KeeperError(f"cannot make the kiosk process private (prctl: {os.strerror(ctypes.get_errno())})")
    return True
