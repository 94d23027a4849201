"""A cheap watcher for processes that start and end between two scans of the process guard.

The full scan reads every process about once a second; a screen capture (``import -window root``
takes 30–40 ms on an idle machine, about 0.15 s on a busy one) fits between two scans. This
watcher lists the pids in ``/proc`` every ``INTERVAL_S``, shorter than such a capture lives (a
directory listing: about 0.1 ms for a few hundred processes) and describes only
the new ones of the candidate's account (name, executable, content hash, hashed once per file by
:class:`ExecutableDigests`). A newcomer is followed for ``YOUNG_S``: right after a fork it still
shows its parent's executable, so a change of its ``exe`` link (an exec) describes it again.
The judgement stays the process guard's: the newcomers are handed to :meth:`ProcessGuard.scan_new` in the GUI thread.

No privilege is needed, and none of the event sources that would see every ``exec`` is open to
an ordinary account (the proc connector and fanotify need CAP_NET_ADMIN / CAP_SYS_ADMIN, audit
needs root). On a system without ``/proc`` the watcher stays idle and the full scan remains.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable

from kiosk.guard.processes import ProcInfo

INTERVAL_S = 0.02  # a process living longer than this is always seen; 50 ms missed idle-machine captures
YOUNG_S = 2.0  # a newcomer's executable is re-read this long: a fork shows the parent's until it execs
PROC = "/proc"


def list_pids(root: str = PROC) -> set[int]:
    try:
        return {int(name) for name in os.listdir(root) if name.isdigit()}
    except OSError:
        return set()


class NewProcesses:
    """The pids that appeared since the last call, of one account (``uid``; None: any)."""

    def __init__(self, uid: int | None, *, root: str = PROC, lister: Callable[[str], set[int]] = list_pids):
        self.uid = uid
        self._root = root
        self._lister = lister
        self._known: set[int] | None = None

    def poll(self) -> list[int]:
        pids = self._lister(self._root)
        if self._known is None:  # the first listing is the baseline: the full scan judges those
            self._known = pids
            return []
        new = sorted(pids - self._known)
        self._known = pids
        return [pid for pid in new if self._owned(pid)]

    def _owned(self, pid: int) -> bool:
        if self.uid is None:
            return True
        try:
            return os.stat(os.path.join(self._root, str(pid))).st_uid == self.uid
        except OSError:
            return False  # already gone


class ProcessWatch:
    """A thread that polls :class:`NewProcesses` and queues the newcomers' descriptions; the
    owner drains :meth:`take` from its own thread, so the judgement never runs concurrently."""

    def __init__(self, describe: Callable[[int], ProcInfo | None], uid: int | None,
                 interval_s: float = INTERVAL_S, *, root: str = PROC):
        self._describe = describe
        self._new = NewProcesses(uid, root=root)
        self._interval = interval_s
        self._results: queue.SimpleQueue[ProcInfo] = queue.SimpleQueue()
        self._young: dict[int, tuple[float, str]] = {}  # pid → (first seen, executable link)
        self._root = root
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None or not os.path.isdir(self._root):
            return
        self.poll_once()  # the baseline now: a program started before the first tick is a newcomer
        self._stop = threading.Event()  # a thread stopped a moment ago keeps its own, set, event
        self._thread = threading.Thread(target=self._run, args=(self._stop,), name="pupitre-process-watch",
                                        daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread = None

    def _exe(self, pid: int) -> str:
        try:
            return os.readlink(os.path.join(self._root, str(pid), "exe"))
        except OSError:
            return ""

    def poll_once(self, now: float | None = None) -> int:
        """One look at ``/proc``; returns how many newcomers (or young processes that exec'd
        another program since they were seen) were queued."""
        now = time.monotonic() if now is None else now
        changed = []
        for pid, (seen, exe) in list(self._young.items()):
            current = self._exe(pid)
            if not current or now - seen > YOUNG_S:
                del self._young[pid]
            elif current != exe:
                self._young[pid] = (seen, current)
                changed.append(pid)
        for pid in self._new.poll():
            self._young[pid] = (now, self._exe(pid))
            changed.append(pid)
        count = 0
        for pid in changed:
            info = self._describe(pid)
            if info is not None:
                self._results.put(info)
                count += 1
        return count

    def _run(self, stop: threading.Event) -> None:
        while not stop.wait(self._interval):
            try:
                self.poll_once()
            except Exception:  # a failed look is retried at the next tick
                continue

    def take(self) -> list[ProcInfo]:
        found = []
        while True:
            try:
                found.append(self._results.get_nowait())
            except queue.Empty:
                return found
