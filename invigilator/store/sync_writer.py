"""Group commit: one writer thread writes the syncs that arrived together in one transaction (ADR 0027).

300 kiosks syncing once a second are 300 transactions a second if each sync commits alone: on
SQLite one fsync each, taken one after the other under the database's single write lock, and
each waiting writer holds a server thread. Here every sync is handed to one thread; while it
commits a batch, the syncs that arrive queue, and the next transaction takes them all (up to
``max_batch``). No sync waits for a timer: a lone sync is written at once, and a batch grows only
with what came in during the previous commit. Each sync's future is completed only after the
commit returned: an entry is never acknowledged before it is durable.

The console is one process (the window, the server and the command lines that share its data
folder each open the database, but only the server writes syncs); the writer orders this
process's syncs, and the database's own locks still order them against any other writer.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Sequence
from concurrent.futures import Future

from invigilator.errors import StoreError
from invigilator.store.syncs import SyncJob, SyncOutcome, SyncStore

log = logging.getLogger("pupitre.console.store")

MAX_BATCH = 256
_STOP = object()


class SyncWriter:
    """Writes submitted syncs in batches on its own thread; :meth:`submit` returns the sync's future."""

    def __init__(self, syncs: SyncStore, *, max_batch: int = MAX_BATCH):
        self._syncs = syncs
        self._max_batch = max(1, max_batch)
        self._queue: queue.SimpleQueue[tuple[SyncJob, Future[SyncOutcome]] | object] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._lock = threading.Lock()
        self.batches = 0  # transactions written (for the benchmark and the tests)
        self.written = 0  # syncs in them

    def start(self) -> SyncWriter:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="console-sync-writer", daemon=True)
                self._thread.start()
        return self

    def submit(self, job: SyncJob) -> Future[SyncOutcome]:
        future: Future[SyncOutcome] = Future()
        with self._lock:
            if self._closed or self._thread is None or not self._thread.is_alive():
                future.set_exception(StoreError("the console's sync writer is stopped"))
                return future
            self._queue.put((job, future))
        return future

    def stop(self, timeout: float = 15.0) -> None:
        """Write what was submitted, then stop; later submissions fail with a :class:`StoreError` (a 503)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            thread = self._thread
            self._queue.put(_STOP)
        if thread is not None:
            thread.join(timeout)

    def _run(self) -> None:
        stopping = False
        while not stopping:
            first = self._queue.get()
            batch: list[tuple[SyncJob, Future[SyncOutcome]]] = []
            if first is _STOP:
                stopping = True
            else:
                batch.append(first)  # type: ignore[arg-type]
            while len(batch) < self._max_batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    stopping = True
                    continue
                batch.append(item)  # type: ignore[arg-type]
            if batch:
                try:
                    self._write(batch)
                except BaseException as exc:  # never leave a sync waiting for an answer that will not come
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(exc if isinstance(exc, Exception) else StoreError(str(exc)))
                    if not isinstance(exc, Exception):
                        raise

    def _write(self, batch: Sequence[tuple[SyncJob, Future[SyncOutcome]]]) -> None:
        live = [(job, future) for job, future in batch if future.set_running_or_notify_cancel()]
        if not live:
            return
        try:
            results = self._syncs.apply_many([job for job, _ in live])
        except Exception as exc:  # apply_many answers each job; this is an error nobody foresaw
            log.exception("writing a batch of syncs failed")
            for _, future in live:
                future.set_exception(exc)
            return
        self.batches += 1
        self.written += len(live)
        for (_, future), result in zip(live, results, strict=True):
            if isinstance(result, BaseException):
                future.set_exception(result)
            else:
                future.set_result(result)
