"""Running the console's server: uvicorn over TLS 1.3 on a thread of its own, and ``serve`` for the command line.

:class:`ConsoleServer` starts uvicorn on its own thread (the window runs it off the Qt thread; the
tests on 127.0.0.1 port 0) with a background loop that writes last-heard times every few seconds
and raises offline alerts. :func:`serve` is the blocking form ``pupitre-invigilator serve`` calls;
SIGINT and SIGTERM stop it cleanly (uvicorn finishes the requests in flight, the last-heard times
are written, the database closed).
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import logging
import signal
import ssl
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import uvicorn
from sqlalchemy.exc import DBAPIError

from invigilator.console_health import ConsoleHealth
from invigilator.core.alerts import OFFLINE_AFTER
from invigilator.errors import InvigilatorError, StoreError
from invigilator.server.announce import ConsoleAnnouncement
from invigilator.server.app import build_app
from invigilator.server.results import ResultFiles
from invigilator.server.room import CenterIdentity, ConsoleIdentity, RoomService, default_bank_file
from invigilator.store import RoomStore
from invigilator.store.sync_writer import SyncWriter
from invigilator.tls import ConsoleTLS, load_console_tls
from itembank.cat import ExposureRecord
from itembank.pbank import OpenBank
from protocol.bundle import ResultBundle
from protocol.errors import ProtocolError

log = logging.getLogger("pupitre.console.server")

FLUSH_EVERY = 2.0  # seconds between two writes of last-heard times
# how long a thread may hold the interpreter while another waits (CPython's default is 5 ms): the event loop's
# request work would otherwise keep the sync writer waiting up to 5 ms at each of its statements (ADR 0027)
SWITCH_INTERVAL = 0.001
SWEEP_EVERY = 5.0  # seconds between two looks for silent kiosks
DEFAULT_PORT = 8443


class StructuredFormatter(logging.Formatter):
    """One line per record: time, level, message, then the record's ``fields`` as key=value (JSON values)."""

    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "fields", None) or {}
        parts = [self.formatTime(record, "%Y-%m-%dT%H:%M:%S"), record.levelname.lower(), record.getMessage()]
        parts += [f"{k}={json.dumps(v, ensure_ascii=False, default=str)}" for k, v in fields.items()]
        line = " ".join(parts)
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def parse_listen(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:8443`` for IPv6; ``HOST`` alone takes port 8443)."""
    host, sep, port = str(text).rpartition(":")
    if not sep:
        host, port = str(text), str(DEFAULT_PORT)
    host = host.strip("[]")
    if not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise InvigilatorError(f"--listen {text!r}: expected HOST:PORT, for example 0.0.0.0:{DEFAULT_PORT}")
    return host, int(port)


class ConsoleServer:
    """uvicorn serving :func:`build_app` over TLS 1.3 on a thread, plus the last-heard and offline loop."""

    def __init__(self, service: RoomService, tls: ConsoleTLS, host: str = "127.0.0.1", port: int = 0, *,
                 flush_every: float = FLUSH_EVERY, sweep_every: float = SWEEP_EVERY, log_level: str = "warning",
                 grace: int = 10, chunk_timeout: float = 10.0, data_dir: Path | None = None):
        self.service, self.tls = service, tls
        self._flush_every, self._sweep_every = flush_every, sweep_every
        # the console's own alert (database not writable) beside the TLS key, in the data folder, for 'status'
        self.health = ConsoleHealth(data_dir or tls.key_path.parent, service.store.db.where, service.clock)
        app = build_app(service, chunk_timeout=chunk_timeout, health=self.health)
        config = uvicorn.Config(app, host=host, port=port, ssl_keyfile=str(tls.key_path),
                                ssl_certfile=str(tls.cert_path), log_level=log_level, access_log=False,
                                lifespan="off", timeout_keep_alive=30, limit_concurrency=2000,
                                # h11 named, not "auto": its header limit below is one ADR 0017 relies on, and an
                                # environment that happens to hold httptools must not change the parser (ADR 0027)
                                http="h11", loop="asyncio", h11_max_incomplete_event_size=16 * 1024,
                                timeout_graceful_shutdown=grace, server_header=False)
        config.load()
        assert config.ssl is not None
        config.ssl.minimum_version = ssl.TLSVersion.TLSv1_3
        self._server = uvicorn.Server(config)
        self._server.install_signal_handlers = lambda: None  # type: ignore[method-assign]  # the caller's job
        self._thread: threading.Thread | None = None
        self._loop_thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.writer = SyncWriter(service.store.syncs)  # group commit of the syncs (ADR 0027)
        self.error: BaseException | None = None

    @property
    def port(self) -> int:
        servers = getattr(self._server, "servers", [])
        for server in servers:
            for sock in server.sockets:
                return int(sock.getsockname()[1])
        raise InvigilatorError("the console's server is not listening")

    def start(self, timeout: float = 15.0) -> ConsoleServer:
        """Start serving; returns once the port is open (or raises why it could not open)."""
        try:
            self.health.reserve()
        except OSError as exc:  # a console started on a full disk still serves what it can, and says so
            self.health.failed(f"{exc}")
        if sys.getswitchinterval() > SWITCH_INTERVAL:
            sys.setswitchinterval(SWITCH_INTERVAL)
        self.service.writer = self.writer.start()
        self._thread = threading.Thread(target=self._run, name="console-server", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if self.error is not None or not self._thread.is_alive():
                raise InvigilatorError(f"the console's server could not start: {self.error or 'it stopped'}")
            if time.monotonic() > deadline:
                raise InvigilatorError("the console's server did not start in time")
            time.sleep(0.02)
        self._loop_thread = threading.Thread(target=self._housekeeping, name="console-housekeeping", daemon=True)
        self._loop_thread.start()
        log.info("console listening", extra={"fields": {"port": self.port, "pin": self.tls.pin}})
        return self

    def _run(self) -> None:
        try:
            self._server.run()
        except BaseException as exc:  # reported by start() and stop()
            self.error = exc

    def _housekeeping(self) -> None:
        last_sweep = time.monotonic()
        while not self._stop.wait(self._flush_every):
            self._flush()
            if time.monotonic() - last_sweep >= self._sweep_every and self._may_sweep():
                last_sweep = time.monotonic()
                try:
                    for alert in self.service.store.kiosks.sweep_offline(self.service.clock()):
                        log.warning("kiosk silent", extra={"fields": {"kiosk": alert.kiosk_id, "alert": alert.id}})
                except (StoreError, DBAPIError) as exc:
                    log.error("offline sweep failed", extra={"fields": {"reason": _first_line(exc)}})
                    self.health.failed(_first_line(exc))
                except Exception:
                    log.exception("offline sweep failed")

    def _may_sweep(self) -> bool:
        """No "kiosk silent" alerts while the console cannot write, nor until every kiosk had the time to be
        heard again after: their silence was the console's, which its own alert already says."""
        cleared = self.health.cleared_at
        return self.health.alert is None and (cleared is None or
                                              time.monotonic() - cleared > OFFLINE_AFTER.total_seconds())

    def _flush(self) -> None:
        try:
            if self.service.heard.flush():
                self.health.written()
        except (StoreError, DBAPIError) as exc:
            (log.error if self.health.alert is None else log.debug)(
                "writing last-heard times failed (kept for the next try)",
                extra={"fields": {"reason": _first_line(exc)}})
            self.health.failed(_first_line(exc))
        except Exception:
            log.exception("writing last-heard times failed (kept for the next try)")

    def stop(self, timeout: float = 15.0) -> None:
        """Stop serving: requests in flight finish, last-heard times are written."""
        self._stop.set()
        self._server.should_exit = True
        for thread in (self._thread, self._loop_thread):
            if thread is not None:
                thread.join(timeout)
        self.writer.stop(timeout)  # after the requests in flight, whose syncs it writes
        self.service.writer = None
        self._flush()

    def __enter__(self) -> ConsoleServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def _first_line(exc: BaseException) -> str:
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def serve(data_dir: Path, listen: str, db_url: str | None, center: CenterIdentity, *,
          clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
          bank_file: Callable[[str], Path | None] | None = None,
          bank_key: Callable[[str], bytes | None] | None = None,
          open_bank: Callable[[str], OpenBank | None] | None = None,
          exposure: Callable[[ResultBundle], ExposureRecord | None] | None = None,
          on_ready: Callable[[ConsoleServer], None] | None = None, announce: bool = True) -> None:
    """Serve the room until SIGINT or SIGTERM (``pupitre-invigilator serve``), then stop cleanly.

    ``center`` is the center as the composition root read it (its key pair only if the passphrase
    was given); ``bank_file`` finds a bank's ``.pbank`` (default ``<data dir>/banks/<id>.pbank``)
    and ``bank_key`` gives its content key for authorisations; ``open_bank`` gives the opened bank a
    result bundle is replayed on, and ``exposure`` the exposure record its kiosk's engine was given.
    Verified bundles and receipts are kept in ``<data dir>/results``. With ``announce`` the console
    announces itself on the LAN (``_pupitre._tcp``, :mod:`invigilator.server.announce`) while it serves.
    """
    host, port = parse_listen(listen)
    tls = load_console_tls(Path(data_dir))
    store = RoomStore.open(db_url, Path(data_dir))
    handler = logging.StreamHandler()
    handler.setFormatter(StructuredFormatter())
    logging.getLogger("pupitre.console").addHandler(handler)
    logging.getLogger("pupitre.console").setLevel(logging.INFO)
    service = RoomService(store, center, ConsoleIdentity(tls.pin, tls.certificate_pem), clock,
                          bank_file or default_bank_file(Path(data_dir)), bank_key or (lambda _bank_id: None),
                          open_bank or (lambda _bank_id: None), exposure or (lambda _bundle: None),
                          ResultFiles(Path(data_dir) / "results"))
    server = ConsoleServer(service, tls, host, port, data_dir=Path(data_dir))
    stopping = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stopping.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    announcement: ConsoleAnnouncement | None = None
    try:
        server.start()
        if announce:
            try:
                announcement = ConsoleAnnouncement(server.port, center_id=center.id, center_name=center.name,
                                                   pin=tls.pin, listen_host=host)
            except (ProtocolError, OSError, ValueError) as exc:  # announcing is a convenience, never a condition
                log.warning("not announced on the LAN", extra={"fields": {"reason": str(exc)}})
            else:
                announcement.start()
        # everything made so far lives as long as the process: out of the collector's sight, so that a full
        # collection (every few seconds at 300 syncs/s) stops the interpreter for a fraction of the time (ADR 0027)
        gc.collect()
        gc.freeze()
        if on_ready is not None:
            on_ready(server)
        while not stopping.wait(0.5):
            if server.error is not None:
                raise InvigilatorError(f"the console's server stopped: {server.error}")
    finally:
        if announcement is not None:  # withdrawn first: no kiosk finds a console that no longer answers
            announcement.stop()
        server.stop()
        store.close()
        for sig, handler_before in previous.items():
            signal.signal(sig, handler_before)
        logging.getLogger("pupitre.console").removeHandler(handler)
