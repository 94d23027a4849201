"""Running the hub: uvicorn over TLS 1.3, one process per worker, all on one listening socket.

``serve`` unseals the hub's keys once (the passphrase is asked once, and never handed to a child),
migrates the database, opens the listening socket, then forks ``--workers`` processes that each
open their own connections and serve on that socket (the kernel hands each connection to one of
them). Nothing a worker decides lives in its memory alone — counters, offsets, packages and results
are in the database — so a worker killed at any moment is replaced and the others carry on.
SIGTERM or SIGINT stops the workers gracefully (requests in flight finish).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import socket
import ssl
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn

from hub.banks import BankCache
from hub.errors import HubSetupError
from hub.home import HubHome
from hub.server.app import build_app
from hub.server.logs import log_event, setup_logging
from hub.service import HubService
from hub.store.database import open_database
from protocol.keys import KeyPair

DEFAULT_PORT = 8443


def parse_listen(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise HubSetupError(f"--listen {text!r}: expected HOST:PORT, for example 0.0.0.0:{DEFAULT_PORT}")
    return host, int(port)


def _config(app: Any, home: HubHome, log_level: str, **where: Any) -> uvicorn.Config:
    config = uvicorn.Config(app, ssl_keyfile=str(home.tls_key_path), ssl_certfile=str(home.tls_cert_path),
                            log_level=log_level, access_log=False, lifespan="off", timeout_keep_alive=30,
                            limit_concurrency=1000, h11_max_incomplete_event_size=16 * 1024,
                            timeout_graceful_shutdown=20, server_header=False, **where)
    config.load()
    assert config.ssl is not None
    config.ssl.minimum_version = ssl.TLSVersion.TLSv1_3
    return config


def make_service(home: HubHome, keys: KeyPair, db_url: str, cache_dir: Path | None = None) -> HubService:
    db = open_database(db_url)
    return HubService(db, keys, home.name, home.pin, BankCache(db, keys, cache_dir))


class HubServer:
    """The hub served by uvicorn on a thread of this process (tests, and one-worker use)."""

    def __init__(self, service: HubService, home: HubHome, host: str = "127.0.0.1", port: int = 0, *,
                 log_level: str = "warning", **limits: Any):
        self.service = service
        self._server = uvicorn.Server(_config(build_app(service, **limits), home, log_level, host=host, port=port))
        self._server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
        self._thread: threading.Thread | None = None
        self.error: BaseException | None = None

    @property
    def port(self) -> int:
        for server in getattr(self._server, "servers", []):
            for sock in server.sockets:
                return int(sock.getsockname()[1])
        raise HubSetupError("the hub's server is not listening")

    def start(self, timeout: float = 15.0) -> HubServer:
        self._thread = threading.Thread(target=self._run, name="hub-server", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if self.error is not None or not self._thread.is_alive():
                raise HubSetupError(f"the hub's server could not start: {self.error or 'it stopped'}")
            if time.monotonic() > deadline:
                raise HubSetupError("the hub's server did not start in time")
            time.sleep(0.02)
        return self

    def _run(self) -> None:
        try:
            self._server.run()
        except BaseException as exc:
            self.error = exc

    def stop(self, timeout: float = 15.0) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)


def _worker(home: HubHome, keys: KeyPair, db_url: str, sock: socket.socket, log_level: str, index: int,
            limits: dict[str, Any]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the workers with SIGTERM
    setup_logging()
    service = make_service(home, keys, db_url, home.bank_cache_path)
    config = _config(build_app(service, **limits), home, log_level)
    server = uvicorn.Server(config)
    log_event("worker started", worker=index, pid=os.getpid())
    try:
        server.run(sockets=[sock])
    finally:
        service.banks.close()
        service.db.close()


def serve(home: HubHome, keys: KeyPair, *, listen: str, db_url: str, workers: int = 1, log_level: str = "warning",
          **limits: Any) -> int:
    """Serve until SIGTERM or SIGINT; returns the exit status."""
    if not 1 <= workers <= 64:
        raise HubSetupError("--workers: from 1 to 64")
    host, port = parse_listen(listen)
    setup_logging()
    open_database(db_url).close()  # migrate once, before any worker starts
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        raise HubSetupError(f"--listen {listen}: cannot listen there ({exc.strerror or exc})") from None
    sock.listen(2048)
    sock.set_inheritable(True)
    bound = sock.getsockname()[1]
    context = multiprocessing.get_context("fork")
    stopping = threading.Event()

    def start(index: int) -> Any:
        process = context.Process(target=_worker, args=(home, keys, db_url, sock, log_level, index, limits),
                                  name=f"pupitre-hub-worker-{index}", daemon=False)
        process.start()
        return process

    def stop(signum: int, frame: Any) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    processes = [start(i) for i in range(workers)]
    log_event("hub listening", host=host, port=bound, workers=workers, pin=home.pin)
    while not stopping.wait(0.5):
        for index, process in enumerate(processes):
            if not process.is_alive():
                log_event("worker ended; starting another", worker=index, exitcode=process.exitcode)
                processes[index] = start(index)
    for process in processes:
        if process.is_alive() and process.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signal.SIGTERM)
    for process in processes:
        process.join(30)
    sock.close()
    log_event("hub stopped")
    return 0
