"""What the keeper does for the interface: one request in, one reply out, every field checked.

The interface may only act on attempts it created or opened on this connection, one
transaction at a time, and may ask the keeper to sign a result bundle only for the journal as
the keeper holds it: the events signed are the keeper's, not the interface's. It never sees the
device's private key nor an attempt key. A request that is malformed or not allowed gets an
error reply and changes nothing; the keeper goes on serving.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from kiosk.errors import JournalError, JournalIntegrityError, KioskError
from kiosk.keeper.wire import event_to_wire

log = logging.getLogger(__name__)

KIND = re.compile(r"[a-z][a-z0-9-]{0,63}")
ATTEMPT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")
BANK_KEY_CONTEXT = re.compile(r"pupitre/bank-key\|[A-Za-z0-9._-]{1,80}\|[A-Za-z0-9._+-]{1,40}"
                              r"|pupitre/room-bank-key/v1\|[A-Za-z0-9._-]{1,80}\|[A-Za-z0-9._-]{8,64}")
PROTOCOL_VERSION = 1


class RequestError(KioskError):
    """A request the keeper refuses as it stands (malformed, or not allowed now)."""


class _Rollback(Exception):
    """Thrown into a journal transaction to undo it."""


def _text(request: dict[str, Any], name: str, pattern: re.Pattern[str] | None = None) -> str:
    value = request.get(name)
    if not isinstance(value, str) or (pattern is not None and not pattern.fullmatch(value)):
        raise RequestError(f"field '{name}' is missing or malformed")
    return value


def _wall(request: dict[str, Any]) -> dt.datetime:
    try:
        wall = dt.datetime.fromisoformat(_text(request, "wall"))
    except ValueError:
        raise RequestError("field 'wall' is not an ISO time") from None
    if wall.tzinfo is None:
        raise RequestError("field 'wall' has no timezone")
    return wall


class KeeperService:
    """Answers the requests of one interface over one connection.

    ``store`` is the :class:`~kiosk.journal.JournalStore`, ``sink`` the
    :class:`~kiosk.outbox.BundleWriter`, ``device`` the :class:`~kiosk.device.DeviceIdentity`
    and ``gate`` the invigilator's :class:`~kiosk.guard.UnlockGate`, all opened under the
    keeper's account (the candidate's account can neither read the code's hash nor replace it).
    ``admit`` is called on ``hello`` and returns why the interface must not be served (or None):
    the process that holds the socket is checked there.
    """

    def __init__(self, store: Any, sink: Any, device: Any, admit: Callable[[], str | None] | None = None,
                 gate: Any = None):
        self.store, self.sink, self.device, self.gate = store, sink, device, gate
        self._admit = admit or (lambda: None)
        self._admitted = False
        self._refused: str | None = None
        self._journals: dict[str, Any] = {}
        self._transaction: tuple[str, AbstractContextManager[None]] | None = None
        self._ops: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
            "hello": self._hello, "unfinished": self._unfinished, "create": self._create, "open": self._open,
            "append": self._append, "begin": self._begin, "commit": self._commit, "rollback": self._rollback,
            "checkpoint": self._checkpoint, "submit": self._submit, "unwrap-bank-key": self._unwrap_bank_key,
            "ping": lambda request: {}, "unlock-status": self._unlock_status, "unlock": self._unlock,
        }
        from kiosk.keeper.room import KeeperRoom

        self._room = KeeperRoom(store, device)
        self._ops.update(self._room.ops())
        self._ops["adopt-attempt"] = self._adopt

    # -- one request ---------------------------------------------------------------------------------
    def handle(self, request: Any) -> dict[str, Any]:
        """The reply to ``request``; never raises for anything the interface sent."""
        try:
            if not isinstance(request, dict):
                raise RequestError("a request is a JSON object")
            op = request.get("op")
            if op not in self._ops:
                raise RequestError(f"unknown operation {op!r}")
            if self._refused is not None:
                raise RequestError(self._refused)
            if op != "hello" and not self._admitted:
                raise RequestError("say hello first")
            return {"ok": True, **self._ops[op](request)}
        except RequestError as exc:
            return self.error("request", str(exc))
        except JournalIntegrityError as exc:
            return self.error("integrity", str(exc))
        except JournalError as exc:
            return self.error("journal", str(exc))
        except KioskError as exc:
            return self.error("kiosk", str(exc))
        except Exception as exc:  # a bug here must not stop the exam's record: say it, keep serving
            log.exception("keeper: request failed")
            return self.error("internal", f"the keeper failed on this request ({exc.__class__.__name__}: {exc})")

    @staticmethod
    def error(kind: str, message: str) -> dict[str, Any]:
        return {"ok": False, "error": kind, "message": message}

    def close(self) -> None:
        """The interface is gone: undo a transaction it left open (nothing half-written stays)."""
        if self._transaction is not None:
            attempt_id, block = self._transaction
            self._transaction = None
            block.__exit__(_Rollback, _Rollback(), None)
            log.warning("keeper: the interface left a transaction open on attempt %s; rolled back", attempt_id)

    # -- operations ----------------------------------------------------------------------------------
    def _hello(self, request: dict[str, Any]) -> dict[str, Any]:
        if request.get("version") != PROTOCOL_VERSION:
            raise RequestError(f"this keeper speaks version {PROTOCOL_VERSION}")
        refusal = self._admit()
        if refusal is not None:
            self._refused = f"this interface is not served: {refusal}"
            log.error("keeper: %s", self._refused)
            raise RequestError(self._refused)
        self._admitted = True
        public = self.device.public
        return {"device": {"name": self.device.name, "key_id": self.device.key_id, "public": public.to_dict()},
                "folder": str(getattr(self.store, "data_dir", ""))}

    def _unfinished(self, request: dict[str, Any]) -> dict[str, Any]:
        return {"attempts": [r.attempt_id for r in self.store.unfinished_attempts()]}

    def _journal(self, request: dict[str, Any]) -> tuple[str, Any]:
        attempt_id = _text(request, "attempt", ATTEMPT)
        journal = self._journals.get(attempt_id)
        if journal is None:
            raise RequestError(f"attempt {attempt_id} was not created or opened by this interface")
        if self._transaction is not None and self._transaction[0] != attempt_id:
            raise RequestError(f"a transaction is open on attempt {self._transaction[0]}")
        return attempt_id, journal

    def _create(self, request: dict[str, Any]) -> dict[str, Any]:
        attempt_id = _text(request, "attempt", ATTEMPT)
        self._journals[attempt_id] = self.store.create_attempt(attempt_id)
        return {}

    def _adopt(self, request: dict[str, Any]) -> dict[str, Any]:
        """Take over an attempt moved here by the console (a spare PC, ADR 0025): the keeper reads the
        move from the center-signed command itself, checks its journal, and adopts it as it is."""
        from kiosk.core.commands import RoomCommand
        from kiosk.link.moves import moved_events
        from protocol.envelope import SignedEnvelope, verify
        from protocol.errors import ProtocolError

        raw = request.get("command")
        if not isinstance(raw, dict):
            raise RequestError("field 'command' is not a signed command")
        if self._transaction is not None:
            raise RequestError(f"a transaction is open on attempt {self._transaction[0]}")
        pairing = self._room.current_pairing()
        try:
            envelope = SignedEnvelope.from_dict(raw, "move")
            checked = verify(envelope, [pairing.center_keys], "pupitre/room-command")
            if not checked.ok:
                raise RequestError(f"the move is not signed by this kiosk's center ({checked.reason})")
            command = RoomCommand.from_document(envelope.signed, kiosk_id=self.device.key_id,
                                                center_id=pairing.center_id)
            events = moved_events(command)
        except ProtocolError as exc:
            raise RequestError(f"the move cannot be read ({exc})") from None
        attempt_id = command.args["attempt_id"]
        journal = self.store.create_attempt(attempt_id)
        journal.adopt(events)
        self._journals[attempt_id] = journal
        return {"events": [event_to_wire(e) for e in journal.events()]}

    def _open(self, request: dict[str, Any]) -> dict[str, Any]:
        attempt_id = _text(request, "attempt", ATTEMPT)
        if self._transaction is not None:
            raise RequestError(f"a transaction is open on attempt {self._transaction[0]}")
        if attempt_id not in {r.attempt_id for r in self.store.unfinished_attempts()}:
            # A submitted attempt's journal is closed: nothing may be added after its bundle.
            raise RequestError(f"attempt {attempt_id} is not an unfinished attempt; only those are continued")
        journal = self.store.open_attempt(attempt_id)
        self._journals[attempt_id] = journal
        checkpoint = journal.checkpoint_value()
        return {"events": [event_to_wire(e) for e in journal.events()],
                "checkpoint": None if checkpoint is None else [checkpoint[0], checkpoint[1].isoformat()]}

    def _write(self, request: dict[str, Any], write: Callable[[], Any]) -> Any:
        """Run ``write``; ``"begin": true`` on the first write of a command opens its transaction first
        (one round trip less), and a write that fails there closes it again, so the interface,
        told of the failure, has no transaction left open."""
        begin = request.get("begin", False)
        if not isinstance(begin, bool):
            raise RequestError("field 'begin' is not true or false")
        if not begin:
            return write()
        self._begin(request)
        try:
            return write()
        except BaseException:
            self._end(request, _Rollback())
            raise

    def _append(self, request: dict[str, Any]) -> dict[str, Any]:
        _, journal = self._journal(request)
        kind = _text(request, "kind", KIND)
        payload = request.get("payload")
        if not isinstance(payload, dict):
            raise RequestError("field 'payload' is not an object")
        return {"event": event_to_wire(self._write(request, lambda: journal.append(kind, payload)))}

    def _begin(self, request: dict[str, Any]) -> dict[str, Any]:
        attempt_id, journal = self._journal(request)
        if self._transaction is not None:
            raise RequestError("a transaction is already open")
        block = journal.transaction()
        block.__enter__()
        self._transaction = (attempt_id, block)
        return {}

    def _end(self, request: dict[str, Any], exc: BaseException | None) -> None:
        attempt_id, _ = self._journal(request)
        if self._transaction is None:
            raise RequestError(f"no transaction is open on attempt {attempt_id}")
        _, block = self._transaction
        self._transaction = None
        if exc is None:
            block.__exit__(None, None, None)  # a failed commit raises JournalError: nothing was recorded
        else:
            block.__exit__(type(exc), exc, None)

    def _commit(self, request: dict[str, Any]) -> dict[str, Any]:
        self._end(request, None)
        return {}

    def _rollback(self, request: dict[str, Any]) -> dict[str, Any]:
        self._end(request, _Rollback())
        return {}

    def _checkpoint(self, request: dict[str, Any]) -> dict[str, Any]:
        _, journal = self._journal(request)
        elapsed = request.get("elapsed")
        if isinstance(elapsed, bool) or not isinstance(elapsed, (int, float)) or not math.isfinite(elapsed) \
                or elapsed < 0:
            raise RequestError("field 'elapsed' is not a number of seconds")
        wall = _wall(request)
        self._write(request, lambda: journal.checkpoint(float(elapsed), wall))
        return {}

    def _submit(self, request: dict[str, Any]) -> dict[str, Any]:
        attempt_id, journal = self._journal(request)
        summary = request.get("summary")
        if not isinstance(summary, dict) or summary.get("attempt_id") != attempt_id:
            raise RequestError("field 'summary' is not the summary of this attempt")
        if _text(request, "head") != journal.head:
            raise RequestError(f"attempt {attempt_id}: the interface's events do not end at the journal's head")
        return {"receipt": self.sink.submit(summary, journal.events())}

    def _unlock_status(self, request: dict[str, Any]) -> dict[str, Any]:
        if self.gate is None:
            return {"set": False, "failures": 0, "retry_after": 0.0}
        return {"set": self.gate.is_set, "failures": self.gate.failures, "retry_after": self.gate.retry_after()}

    def _unlock(self, request: dict[str, Any]) -> dict[str, Any]:
        """Check the invigilator's code, with the gate's throttle (kept here, where the candidate
        cannot reset it)."""
        from kiosk.guard.errors import UnlockThrottledError

        code = request.get("code")
        if not isinstance(code, str) or len(code) > 256:
            raise RequestError("field 'code' is missing or too long")
        if self.gate is None:
            raise RequestError("this keeper holds no unlock code")
        try:
            ok = self.gate.check(code)
        except UnlockThrottledError as exc:
            return {"accepted": False, "throttled": True, "retry_after": exc.retry_after,
                    "failures": self.gate.failures}
        return {"accepted": ok, "retry_after": self.gate.retry_after(), "failures": self.gate.failures}

    def _unwrap_bank_key(self, request: dict[str, Any]) -> dict[str, Any]:
        """A bank's content key, wrapped for this device by the invigilator's console. Only bank-key
        contexts: the attempt keys, wrapped for the same device key, never leave the keeper."""
        context = _text(request, "context", BANK_KEY_CONTEXT)
        entry = request.get("entry")
        if not isinstance(entry, dict):
            raise RequestError("field 'entry' is not a wrapped key")
        from protocol.canonical import b64encode
        from protocol.errors import ProtocolError

        try:
            return {"key": b64encode(self.device.unwrap(entry, context.encode()))}
        except (ProtocolError, ValueError, TypeError, KeyError) as exc:
            raise RequestError(f"the wrapped bank key does not open with this device's key ({exc})") from None
