"""The interface's side of custody: the kiosk's ports, answered by the keeper over the inherited socket.

:func:`kiosk.keeper.private.make_undumpable` runs first thing in a kiosk started by the keeper, so that another
process of the candidate's account can neither ptrace the interface nor reach its socket
through ``/proc``. :func:`connect_keeper` then gives what practice mode builds in-process: a
device (its name and public keys, never the private key), a journal store and a result sink.
No SQLAlchemy here: the interface process never opens the journal file.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from kiosk.core.events import Event
from kiosk.errors import JournalError, JournalIntegrityError, KioskError
from kiosk.keeper.errors import FrameError, KeeperError, KeeperGoneError
from kiosk.keeper.wire import FD_ENV, MAX_REPLY, Closed, event_from_wire, recv_frame, send_frame
from protocol.canonical import b64decode
from protocol.errors import CanonicalEncodingError, ProtocolError
from protocol.keys import PublicKeys

REPLY_TIMEOUT = 60.0  # seconds: a commit waits at most SQLite's busy timeout; signing takes milliseconds
GONE = ("the kiosk's keeper (which holds the journal and the device key) {what}; the answers recorded so far "
        "are safe in its journal. Call the invigilator: the kiosk must be restarted")


class KeeperClient:
    """One request, one reply, over the socket; replies that say no become the kiosk's errors."""

    def __init__(self, sock: socket.socket):
        sock.set_inheritable(False)  # programs the kiosk starts (a free question's tools) never get it
        sock.settimeout(REPLY_TIMEOUT)
        self._sock = sock
        self._lock = threading.Lock()
        self._gone: str | None = None

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> KeeperClient:
        """From ``$PUPITRE_KEEPER_FD``, which is then removed from this process's environment (the
        socket is not inherited by programs the kiosk starts; neither is its number)."""
        text = (os.environ.pop(FD_ENV, "") if environ is None else environ.get(FD_ENV, ""))
        if not text.isdigit():
            raise KeeperError(f"no keeper socket (${FD_ENV} is unset): an exam with --keeper is started by "
                              "'pupitre-kiosk keeper', which holds the journal and the device key")
        try:
            sock = socket.socket(fileno=int(text))
        except OSError as exc:
            raise KeeperError(f"${FD_ENV}={text} is not an open socket ({exc.strerror or exc})") from None
        if sock.family != socket.AF_UNIX:
            sock.detach()
            raise KeeperError(f"${FD_ENV}={text} is not the keeper's socket")
        return cls(sock)

    def call(self, op: str, **fields: Any) -> dict[str, Any]:
        with self._lock:
            if self._gone is not None:
                raise KeeperGoneError(GONE.format(what=self._gone))
            try:
                send_frame(self._sock, {"op": op, **fields})
                reply = recv_frame(self._sock, MAX_REPLY)
            except CanonicalEncodingError as exc:
                raise JournalError(f"a request to the keeper holds data that cannot be sent ({exc})") from None
            except (Closed, OSError, FrameError) as exc:
                self._gone = "stopped answering" if isinstance(exc, TimeoutError) else "has stopped"
                self._sock.close()
                raise KeeperGoneError(GONE.format(what=self._gone)) from exc
        if not isinstance(reply, dict):
            raise KeeperError("the keeper sent a reply that is not an object")
        if reply.get("ok") is True:
            return reply
        message = str(reply.get("message", "the keeper refused the request"))
        kind = reply.get("error")
        if kind == "integrity":
            raise JournalIntegrityError(message)
        if kind == "journal":
            raise JournalError(message)
        if kind == "request" and op == "hello":
            raise KeeperError(message)
        if kind == "request":
            raise JournalError(f"the keeper refused '{op}': {message}")
        raise KioskError(message)

    def close(self) -> None:
        with self._lock:
            self._sock.close()
            self._gone = self._gone or "was closed by this kiosk"


@dataclass(frozen=True)
class RemoteDevice:
    """The device as the interface knows it: its name and public keys (the private key stays in the keeper)."""

    name: str
    key_id: str
    public: PublicKeys


@dataclass(frozen=True)
class RemoteRecord:
    attempt_id: str


class RemoteJournal:
    """The :class:`~kiosk.core.ports.Journal` of one attempt, kept by the keeper.

    It mirrors the events the keeper confirmed (for ``events()`` and ``durable_state()``); a
    transaction that fails forgets its entries here as the keeper forgets them on disk.
    """

    def __init__(self, client: KeeperClient, attempt_id: str, events: list[Event],
                 checkpoint: tuple[float, dt.datetime] | None = None):
        self._client = client
        self.attempt_id = attempt_id
        self._events = list(events)
        self._checkpoint = checkpoint
        self._depth = 0
        self._begun = False  # whether the keeper has opened the current transaction

    @property
    def head(self) -> str:
        return self._events[-1].hash if self._events else ""

    def events(self) -> list[Event]:
        return list(self._events)

    def checkpoint_value(self) -> tuple[float, dt.datetime] | None:
        return self._checkpoint

    def durable_state(self) -> tuple[list[Event], tuple[float, dt.datetime] | None]:
        if self._depth:
            raise JournalError(f"attempt {self.attempt_id}: the durable state is read outside a transaction")
        return self.events(), self._checkpoint

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One keeper transaction for the block. It opens with the block's first write (that request
        carries ``begin``), so a command costs one round trip per write plus the commit."""
        if self._depth:  # a nested block joins the outer one
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        mark, checkpoint = len(self._events), self._checkpoint
        self._depth, self._begun = 1, False
        try:
            try:
                yield
            except BaseException:
                self._forget(mark, checkpoint)
                if self._begun:
                    # A keeper that died left nothing committed: SQLite rolls back at its next start.
                    with suppress(KeeperGoneError):
                        self._client.call("rollback", attempt=self.attempt_id)
                raise
            if self._begun:
                try:
                    self._client.call("commit", attempt=self.attempt_id)
                except JournalError:
                    self._forget(mark, checkpoint)
                    raise
        finally:
            self._depth, self._begun = 0, False

    def _forget(self, mark: int, checkpoint: tuple[float, dt.datetime] | None) -> None:
        del self._events[mark:]
        self._checkpoint = checkpoint

    def _write(self, op: str, **fields: Any) -> dict[str, Any]:
        begin = bool(self._depth) and not self._begun
        reply = self._client.call(op, attempt=self.attempt_id, **fields, **({"begin": True} if begin else {}))
        if begin:
            self._begun = True
        return reply

    def append(self, kind: str, payload: Mapping[str, Any]) -> Event:
        reply = self._write("append", kind=kind, payload=dict(payload))
        event = event_from_wire(reply.get("event"))
        self._events.append(event)
        return event

    def checkpoint(self, elapsed: float, wall: dt.datetime) -> None:
        if wall.tzinfo is None:
            raise JournalError("a checkpoint's wall time must be timezone-aware")
        self._write("checkpoint", elapsed=float(elapsed), wall=wall.isoformat())
        self._checkpoint = (float(elapsed), wall)


class RemoteStore:
    """What the composition root needs of the journal store: unfinished attempts, open, create."""

    def __init__(self, client: KeeperClient):
        self._client = client

    def unfinished_attempts(self) -> list[RemoteRecord]:
        return [RemoteRecord(str(a)) for a in self._client.call("unfinished").get("attempts", [])]

    def open_attempt(self, attempt_id: str) -> RemoteJournal:
        reply = self._client.call("open", attempt=attempt_id)
        events = [event_from_wire(e) for e in reply.get("events", [])]
        mark = reply.get("checkpoint")
        checkpoint = None if mark is None else (float(mark[0]), dt.datetime.fromisoformat(mark[1]))
        return RemoteJournal(self._client, attempt_id, events, checkpoint)

    def create_attempt(self, attempt_id: str) -> RemoteJournal:
        self._client.call("create", attempt=attempt_id)
        return RemoteJournal(self._client, attempt_id, [])

    def adopt_attempt(self, attempt_id: str, events: Sequence[Event], command: Any) -> RemoteJournal:
        """A moved attempt: the keeper checks the center-signed move itself and adopts its journal."""
        if command.envelope is None:
            raise KioskError(f"move {command.id}: the signed command is not at hand for the keeper to check")
        reply = self._client.call("adopt-attempt", command=dict(command.envelope))
        # what the keeper read from the signed command is the journal, whatever ``events`` said
        return RemoteJournal(self._client, attempt_id, [event_from_wire(e) for e in reply.get("events", [])])

    def close(self) -> None:
        self._client.close()


class RemoteSink:
    """The :class:`~kiosk.core.ports.ResultSink`: the keeper signs the bundle of the journal it holds."""

    def __init__(self, client: KeeperClient):
        self._client = client

    def submit(self, summary: Mapping[str, Any], events: Sequence[Event]) -> str:
        attempt_id = str(summary.get("attempt_id", ""))
        head = events[-1].hash if events else ""
        return str(self._client.call("submit", attempt=attempt_id, summary=dict(summary), head=head)["receipt"])


class RemoteUnlockGate:
    """The invigilator's unlock code, checked by the keeper (as :class:`kiosk.guard.UnlockGate` is used).

    The code's hash and the count of wrong codes stay in the keeper's folder: the candidate's
    account can neither read the hash to guess the code offline nor replace it with its own.
    """

    def __init__(self, client: KeeperClient, folder: str):
        self._client = client
        self.path = f"{folder}/unlock-code.json (the keeper's)"
        status = client.call("unlock-status")
        self.is_set = bool(status.get("set"))
        self.failures = int(status.get("failures", 0))
        self._retry_after = float(status.get("retry_after", 0.0))

    def retry_after(self) -> float:
        return self._retry_after

    def check(self, code: str) -> bool:
        """True for the right code; raises UnlockThrottledError while the wait after wrong codes runs."""
        from kiosk.guard.errors import UnlockThrottledError

        reply = self._client.call("unlock", code=code)
        self.failures = int(reply.get("failures", 0))
        if "accepted" not in reply:
            raise KioskError("the keeper's answer to an unlock code is malformed")
        if reply.get("throttled"):
            raise UnlockThrottledError(float(reply.get("retry_after", 0.0)))
        self._retry_after = float(reply.get("retry_after", 0.0))
        return bool(reply["accepted"])


def unwrap_bank_key(client: KeeperClient, entry: Mapping[str, Any], context: bytes) -> bytes:
    """A bank's content key wrapped for this device (the room link's authorisation), opened by the keeper."""
    reply = client.call("unwrap-bank-key", entry=dict(entry), context=context.decode())
    return b64decode(reply.get("key"), "keeper reply: key")


class KeeperRequestSigner:
    """The room link's request signer under custody: the keeper holds the key and the counter."""

    def __init__(self, client: KeeperClient, kiosk_id: str):
        self._client = client
        self._kiosk_id = kiosk_id

    @property
    def kiosk_id(self) -> str:
        return self._kiosk_id

    def sign(self, console_pin: str, path: str, body: Mapping[str, Any]) -> bytes:
        reply = self._client.call("sign-room-request", console=console_pin, path=path, body=dict(body))
        return b64decode(reply.get("request"), "keeper reply: request")

    def continue_from(self, last_accepted: int) -> None:
        self._client.call("continue-room-counter", last=last_accepted)


class KeeperResultOutbox:
    """The outbox under custody: the keeper sends its own bundle and verifies the receipt itself."""

    def __init__(self, client: KeeperClient):
        self._client = client

    def bundle(self, attempt_id: str) -> bytes:
        return b64decode(self._client.call("room-bundle", attempt=attempt_id).get("bundle"), "keeper reply: bundle")

    def signed_upload(self, attempt_id: str, console_pin: str) -> Any:
        def sign() -> bytes:
            reply = self._client.call("sign-results-upload", attempt=attempt_id, console=console_pin)
            return b64decode(reply.get("request"), "keeper reply: request")

        return sign

    def record_receipt(self, attempt_id: str, receipt: Any, bundle_sha256: str) -> None:
        self._client.call("room-receipt", attempt=attempt_id, receipt=receipt.to_dict())


def keeper_pairing(client: KeeperClient) -> Any:
    """The room pairing in the keeper's device folder (public data); NotEnrolledError when there is none."""
    from kiosk.link.errors import NotEnrolledError
    from kiosk.link.pairing import Pairing

    try:
        reply = client.call("room-pairing")
    except KioskError as exc:
        raise NotEnrolledError(str(exc)) from None
    return Pairing.from_dict(reply.get("pairing"), "the keeper's room pairing")


@dataclass
class Custody:
    """The device, journal store and result sink of a kiosk whose keys the keeper holds."""

    client: KeeperClient
    device: RemoteDevice
    store: RemoteStore
    sink: RemoteSink
    folder: str  # the keeper's data folder, for messages (the interface cannot open it)

    def unlock_gate(self) -> RemoteUnlockGate:
        return RemoteUnlockGate(self.client, self.folder)


def connect_keeper(environ: Mapping[str, str] | None = None) -> Custody:
    """Greet the keeper over the inherited socket; raises :class:`KeeperError` when it refuses."""
    client = KeeperClient.from_environment(environ)
    try:
        greeting = client.call("hello", version=1)
        device = greeting["device"]
        public = PublicKeys.from_dict(device["public"], "the keeper's device key")
        remote = RemoteDevice(str(device["name"]), str(device["key_id"]), public)
        folder = str(greeting.get("folder", ""))
    except (KeyError, TypeError, ProtocolError) as exc:
        client.close()
        raise KeeperError(f"the keeper's greeting is malformed ({exc})") from None
    except BaseException:
        client.close()
        raise
    return Custody(client, remote, RemoteStore(client), RemoteSink(client), folder)
