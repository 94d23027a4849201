"""The keeper's requests for the room link (docs/adr/0019): the device folder stays the keeper's.

Under custody the interface holds neither the device key nor the request counter nor the outbox;
it asks the keeper, which answers only these narrow questions:

- ``room-pairing``: the pairing enrolment left (public: the console's address, pin and
  certificate, the center's id and public keys);
- ``sign-room-request``: a ``pupitre/room-request`` for the pinned console, a room path and a
  body, with the next counter (kept and made durable here, so the interface cannot replay or
  rewind it); the keeper signs nothing else this way, so no bundle or receipt can be forged;
- ``continue-room-counter``: the console's 409 named the last counter it accepted;
- ``room-bundle``: the signed bundle of a submitted attempt, to send;
- ``room-receipt``: the console's receipt, which the keeper verifies itself against the pinned
  center key and the bundle's own hash before it records it and marks the attempt delivered.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from kiosk.device import DEVICE_DIR
from kiosk.keeper.service import RequestError, _text
from kiosk.link.counter import RequestCounter
from kiosk.link.errors import LinkError
from kiosk.link.pairing import Pairing, load_pairing
from kiosk.link.results import LocalResultOutbox, read_console_receipt
from protocol.bundle import bundle_id, read_bundle
from protocol.canonical import b64encode
from protocol.envelope import SignedEnvelope
from protocol.errors import ProtocolError
from protocol.room import PATH, PATH_RESULTS, ResultUpload, RoomRequest, encode

ATTEMPT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")
MAX_BODY_KEYS = 16


def _wall_us() -> int:
    return int(dt.datetime.now(dt.UTC).timestamp() * 1_000_000)


class KeeperRoom:
    def __init__(self, store: Any, device: Any):
        self.store, self.device = store, device
        self.data_dir = Path(getattr(store, "data_dir", "."))
        self.device_dir = self.data_dir / DEVICE_DIR
        self._counter: RequestCounter | None = None

    def ops(self) -> dict[str, Any]:
        return {"room-pairing": self.pairing, "sign-room-request": self.sign_request,
                "continue-room-counter": self.continue_counter, "room-bundle": self.bundle,
                "room-receipt": self.receipt, "sign-results-upload": self.sign_results}

    def _pairing(self) -> Pairing:
        try:
            return load_pairing(self.device_dir)
        except LinkError as exc:
            raise RequestError(str(exc)) from None

    def _counter_now(self) -> RequestCounter:
        if self._counter is None:
            self._counter = RequestCounter(self.device_dir, _wall_us)
        return self._counter

    def current_pairing(self) -> Pairing:
        """The pairing enrolment left (the pinned center key the keeper checks moves against)."""
        return self._pairing()

    def pairing(self, request: dict[str, Any]) -> dict[str, Any]:
        return {"pairing": self._pairing().to_dict()}

    def sign_request(self, request: dict[str, Any]) -> dict[str, Any]:
        pairing = self._pairing()
        if _text(request, "console") != pairing.pin:
            raise RequestError("field 'console' is not the pinned console's pin")
        path = _text(request, "path", PATH)
        body = request.get("body")
        if not isinstance(body, dict) or len(body) > MAX_BODY_KEYS:
            raise RequestError("field 'body' is not a request body")
        return {"request": self._signed(pairing, path, body)}

    def _signed(self, pairing: Pairing, path: str, body: dict[str, Any]) -> str:
        room_request = RoomRequest(self.device.key_id, pairing.pin, path, self._counter_now().next(),
                                   dt.datetime.now(dt.UTC), body)
        try:
            return b64encode(encode(room_request.sign(self.device.keypair)))
        except ProtocolError as exc:
            raise RequestError(f"the request body cannot be signed ({exc})") from None

    def sign_results(self, request: dict[str, Any]) -> dict[str, Any]:
        """The upload of a submitted attempt's bundle, built from the keeper's own outbox and signed."""
        pairing = self._pairing()
        if _text(request, "console") != pairing.pin:
            raise RequestError("field 'console' is not the pinned console's pin")
        attempt_id = self._submitted(request)
        data = LocalResultOutbox(self.data_dir, self.store).bundle(attempt_id)
        body = ResultUpload(read_bundle(data)).to_dict()
        return {"request": self._signed(pairing, PATH_RESULTS, body), "bundle_sha256": bundle_id(data)}

    def continue_counter(self, request: dict[str, Any]) -> dict[str, Any]:
        last = request.get("last")
        if not isinstance(last, int) or isinstance(last, bool) or last < 0:
            raise RequestError("field 'last' is not a counter")
        self._counter_now().continue_from(last)
        return {}

    def _submitted(self, request: dict[str, Any]) -> str:
        attempt_id = _text(request, "attempt", ATTEMPT)
        record = self.store.attempt(attempt_id)
        if record.submitted_at is None:
            raise RequestError(f"attempt {attempt_id} has no result bundle yet")
        return attempt_id

    def bundle(self, request: dict[str, Any]) -> dict[str, Any]:
        attempt_id = self._submitted(request)
        return {"bundle": b64encode(LocalResultOutbox(self.data_dir, self.store).bundle(attempt_id))}

    def receipt(self, request: dict[str, Any]) -> dict[str, Any]:
        attempt_id = self._submitted(request)
        outbox = LocalResultOutbox(self.data_dir, self.store)
        sha = bundle_id(outbox.bundle(attempt_id))
        raw = request.get("receipt")
        try:
            read_console_receipt(raw, self._pairing(), attempt_id, sha)
            envelope = SignedEnvelope.from_dict(raw, "receipt")
        except (LinkError, ProtocolError) as exc:
            raise RequestError(str(exc)) from None
        outbox.record_receipt(attempt_id, envelope, sha)
        return {"bundle_sha256": sha}
