"""Sending the outbox to the results hub: resumable, retried with backoff, done only with a verified receipt (ADR 0032).

For each pending package the uploader asks the hub where it stands (``POST /v1/packages``, which
starts the upload or finds it), then sends chunks from the hub's offset, never from what this
console believes: after a cut, a restart of either side or a second console process, the hub's
offset is the truth, so nothing that arrived is sent again. The chunk size follows the link
(about :data:`TARGET_CHUNK_SECONDS` per chunk, from 16 KiB to 1 MiB), so a slow link that drops
every few seconds still moves forward. A ``stored`` answer counts only once its receipt verifies
against the pinned hub key and names this very package; it is then written beside the package.
A ``refused`` answer is recorded with the hub's reason and the package is not sent again until
the operator asks (``outbox retry``).

Failures wait an exponential backoff with full jitter (``uniform(0, min(cap, base·2^n))``),
reset whenever the hub accepted bytes or a package was stored; a 429's Retry-After is honoured.
:class:`HubSender` runs rounds on a thread of its own (``serve`` and the window);
``outbox send`` runs them in the foreground.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from invigilator.errors import (
    HubBusyError,
    HubConfigError,
    HubIdentityError,
    HubRefusedError,
    HubUnreachableError,
)
from invigilator.hub_client import HubClient
from invigilator.hub_config import HubConfig, load_config
from invigilator.hub_outbox import HubOutbox
from protocol.hub_api import MAX_CHUNK, OTHER_CENTER, SIZE_MISMATCH, TOO_LARGE, PackageStatus
from protocol.keys import KeyPair
from protocol.session_package import PackageError

log = logging.getLogger("pupitre.console.hub")

BASE_DELAY, MAX_DELAY = 1.0, 300.0
MIN_CHUNK, FIRST_CHUNK = 16 * 1024, 64 * 1024
TARGET_CHUNK_SECONDS = 2.0
VERIFYING_POLL = 2.0
IDLE_INTERVAL = 30.0
PROGRESS_EVERY = 2.0  # seconds between two writes of the progress file while bytes flow
PACKAGE_REFUSALS = (TOO_LARGE, SIZE_MISMATCH, OTHER_CENTER)
"""Hub error codes about the package itself: recorded as a refusal. Others (an unknown or revoked center, a bad
signature) concern the whole console: the packages stay pending and the error is shown."""


class Backoff:
    """Exponential backoff with full jitter, bounded: the n-th wait is ``uniform(0, min(cap, base·2^n))``."""

    def __init__(self, rng: random.Random | None = None, base: float = BASE_DELAY, cap: float = MAX_DELAY):
        if base <= 0 or cap < base:
            raise ValueError("backoff needs 0 < base ≤ cap")
        self._rng = rng or random.SystemRandom()
        self.base, self.cap = base, cap
        self.failures = 0

    @property
    def ceiling(self) -> float:
        return min(self.cap, self.base * 2.0 ** min(self.failures, 60))

    def next(self) -> float:
        """The wait after one more failure."""
        wait = self._rng.uniform(0.0, self.ceiling)
        self.failures += 1
        return wait

    def reset(self) -> None:
        self.failures = 0


class ChunkSizer:
    """How many bytes to send in the next PATCH: about :data:`TARGET_CHUNK_SECONDS` of the link's measured rate."""

    def __init__(self, first: int = FIRST_CHUNK, low: int = MIN_CHUNK, high: int = MAX_CHUNK):
        self.low, self.high = low, high
        self.size = max(low, min(high, first))

    def sent(self, nbytes: int, seconds: float) -> None:
        rate = nbytes / max(seconds, 1e-3)
        wanted = int(rate * TARGET_CHUNK_SECONDS) // 4096 * 4096
        # grow at most fourfold at once: one fast chunk on a slow link says little
        self.size = max(self.low, min(self.high, 4 * self.size, wanted))

    def failed(self) -> None:
        self.size = max(self.low, self.size // 2)


class Outcome(enum.Enum):
    SENT = "sent"            # stored by the hub, receipt verified and kept
    REFUSED = "refused"      # refused by the hub (or damaged here); recorded, not sent again
    VERIFYING = "verifying"  # every byte arrived; the hub is verifying (ask again shortly)
    STOPPED = "stopped"      # the sender was asked to stop in the middle


def upload_package(client: HubClient, outbox: HubOutbox, package: str, *, sizer: ChunkSizer | None = None,
                   clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
                   monotonic: Callable[[], float] = time.monotonic,
                   on_progress: Callable[[int], None] = lambda n: None,
                   should_stop: Callable[[], bool] = lambda: False) -> Outcome:
    """Send one package from wherever the hub stands; raise the client's errors (the package stays pending)."""
    sizer = sizer or ChunkSizer()
    try:
        data = outbox.read(package)
    except PackageError as exc:
        outbox.record_refusal(package, f"not sent: {exc}", None, clock())
        return Outcome.REFUSED
    size = len(data)
    last_write = monotonic()
    try:
        status = client.start(package, size)
        stalled = 0
        while True:
            if status.size != size:
                raise HubIdentityError(f"the hub says package {package[:16]}… has {status.size} bytes, not {size}")
            if status.state == "stored":
                return _stored(client, outbox, package, status, clock)
            if status.state == "refused":
                reason = status.reason or "no reason given"
                outbox.record_refusal(package, reason, None, clock())
                log.warning("package %s refused by the hub: %s", package, reason)
                return Outcome.REFUSED
            if status.state == "verifying" or status.offset >= size:
                outbox.record_progress(package, status.offset, size, clock())
                return Outcome.VERIFYING
            if should_stop():
                outbox.record_progress(package, status.offset, size, clock())
                return Outcome.STOPPED
            offset = status.offset
            chunk = data[offset:offset + sizer.size]
            began = monotonic()
            try:
                status = client.send_chunk(package, offset, chunk)
            except HubUnreachableError:
                sizer.failed()
                raise
            if status.offset > offset:
                stalled = 0
                if status.offset == offset + len(chunk):
                    sizer.sent(len(chunk), monotonic() - began)
                on_progress(status.offset - offset)
            else:
                stalled += 1
                if stalled >= 3:
                    raise HubUnreachableError(f"the hub takes no bytes of package {package[:16]}… at offset {offset}")
            if monotonic() - last_write >= PROGRESS_EVERY:
                outbox.record_progress(package, status.offset, size, clock())
                last_write = monotonic()
    except (HubUnreachableError, HubIdentityError, HubRefusedError, HubConfigError) as exc:
        if isinstance(exc, HubRefusedError) and exc.error in PACKAGE_REFUSALS:
            outbox.record_refusal(package, str(exc), exc.status, clock())
            return Outcome.REFUSED
        known = outbox.entry(package).sent_bytes
        outbox.record_progress(package, known, size, clock(), error=str(exc))
        raise


def _stored(client: HubClient, outbox: HubOutbox, package: str, status: PackageStatus,
            clock: Callable[[], dt.datetime]) -> Outcome:
    assert status.receipt is not None  # PackageStatus insists
    try:
        receipt = outbox.record_receipt(package, status.receipt, client.config.key)
    except PackageError as exc:
        raise HubIdentityError(f"the hub's receipt for package {package[:16]}… does not verify ({exc}); the package "
                               "is kept and asked about again") from None
    outbox.record_progress(package, status.size, status.size, clock())
    log.info("package %s stored by hub %s (%d candidates), receipt kept", package, receipt.hub, receipt.candidates)
    return Outcome.SENT


@dataclass
class SenderStatus:
    """What the window and the log show of the sender."""

    hub: str | None = None
    sending: str | None = None  # the package in flight
    last_error: str = ""
    next_round_in: float | None = None
    sent: int = 0
    refused: int = 0
    bytes_sent: int = 0
    notes: list[str] = field(default_factory=list)


class HubSender:
    """Rounds over the outbox: on a thread (``start``/``stop``) or in the foreground (``round``)."""

    def __init__(self, data_dir: Path, center_id: str, center_keys: KeyPair, *,
                 clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
                 rng: random.Random | None = None, backoff: Backoff | None = None,
                 idle_interval: float = IDLE_INTERVAL, verifying_poll: float = VERIFYING_POLL,
                 client_factory: Callable[[HubConfig], HubClient] | None = None):
        self.data_dir = Path(data_dir)
        self.outbox = HubOutbox(self.data_dir)
        self.center_id = center_id
        self._keys = center_keys
        self._clock = clock
        self.backoff = backoff or Backoff(rng)
        self.sizer = ChunkSizer()
        self.idle_interval = idle_interval
        self.verifying_poll = verifying_poll
        self._factory = client_factory or (lambda config: HubClient(self.data_dir, config, center_id, center_keys,
                                                                    clock=clock))
        self._client: HubClient | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._status = SenderStatus()

    @property
    def status(self) -> SenderStatus:
        with self._lock:
            return SenderStatus(**{**self._status.__dict__, "notes": list(self._status.notes)})

    def _set(self, **changes: object) -> None:
        with self._lock:
            for key, value in changes.items():
                setattr(self._status, key, value)

    def _progress(self, nbytes: int) -> None:
        self.backoff.reset()  # the hub took bytes: the link works again
        with self._lock:
            self._status.bytes_sent += nbytes

    def _client_for(self, config: HubConfig) -> HubClient:
        current = self._client
        if current is None or (current.config.url, current.config.pin, current.config.key.signing_id) != \
                (config.url, config.pin, config.key.signing_id):
            if current is not None:
                current.close()
            self._client = self._factory(config)
        return self._client

    def round(self) -> float | None:
        """Go once through the pending packages; the seconds to wait before the next round, None when none waits."""
        config = load_config(self.data_dir)
        if config is None:
            self._set(hub=None, last_error="no hub configured (pupitre-invigilator hub set)")
            return None
        self._set(hub=config.url)
        with self.outbox.sending() as held:
            if not held:
                self._set(last_error="another console process is sending the outbox")
                return self.idle_interval
            client = self._client_for(config)
            verifying = False
            for package in self.outbox.pending():
                if self._stop.is_set():
                    return 0.0
                self._set(sending=package)
                try:
                    outcome = upload_package(client, self.outbox, package, sizer=self.sizer, clock=self._clock,
                                             on_progress=self._progress, should_stop=self._stop.is_set)
                except HubBusyError as exc:
                    return self._failed(exc, at_least=exc.retry_after or 0.0)
                except (HubUnreachableError, HubIdentityError, HubRefusedError, HubConfigError) as exc:
                    return self._failed(exc)
                except OSError as exc:
                    log.warning("package %s cannot be read: %s", package, exc)
                    self._set(last_error=f"package {package[:16]}…: {exc}")
                    continue
                finally:
                    self._set(sending=None)
                if outcome is Outcome.SENT:
                    self.backoff.reset()
                    with self._lock:
                        self._status.sent += 1
                elif outcome is Outcome.REFUSED:
                    with self._lock:
                        self._status.refused += 1
                elif outcome is Outcome.VERIFYING:
                    verifying = True
            self._set(last_error="")
            if verifying:
                return self.verifying_poll
            return 0.0 if self.outbox.pending() else None

    def _failed(self, exc: Exception, at_least: float = 0.0) -> float:
        wait = max(at_least, self.backoff.next())
        log.warning("outbox: %s (next try in %.1f s)", exc, wait)
        self._set(last_error=str(exc), next_round_in=wait)
        return wait

    # -- foreground ------------------------------------------------------------------------------------------
    def send_until_done(self, *, deadline: float | None = None,
                        sleep: Callable[[float], None] = time.sleep) -> None:
        """Rounds until nothing is pending (sent or refused), waiting the backoff between them; ``deadline``
        (monotonic) bounds the whole."""
        while True:
            wait = self.round()
            if wait is None:
                return
            if deadline is not None and time.monotonic() + wait > deadline:
                return
            sleep(wait)

    # -- the thread ------------------------------------------------------------------------------------------
    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                wait = self.round()
            except Exception:  # the sender must outlive any surprise; the outbox keeps everything
                log.exception("outbox: unexpected failure")
                wait = self.backoff.next()
            if wait is None:
                wait = self.idle_interval
            self._set(next_round_in=wait)
            self._wake.wait(wait)
            self._wake.clear()

    def wake(self) -> None:
        """Try now (a new package was queued, or the operator asked)."""
        self._wake.set()

    def start(self) -> HubSender:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="pupitre-hub-sender", daemon=True)
            self._thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        if self._client is not None:
            self._client.close()
            self._client = None
