"""What the hub's server does for each request, without HTTP: authenticate the center, move the upload on.

Authentication, in this order (each failure answered with its own code, ``protocol.hub_api``):
the header decodes to a hub request (400 ``malformed``); the center is enrolled (403
``unknown-center``) and not revoked (403 ``revoked-center``); its enrolled key signed the request
(401 ``bad-signature``); the request was made for this hub's pin (400 ``wrong-hub``), this method and
path (400 ``wrong-request``) and this body (400 ``body-mismatch``); then its counter is taken, above the
last one (409 ``replayed-counter`` with ``last_counter``) — in the database, so a request replayed to
another worker is refused as well.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from hub.banks import BankCache
from hub.errors import Refusal
from hub.store.centers import Center, CenterStore, ReplayedCounter
from hub.store.database import Database
from hub.store.records import refuse, store_verified
from hub.store.schema import UploadRow
from hub.store.uploads import UploadError, UploadStore, WriteOutcome
from hub.verify import verify_package
from protocol import hub_api
from protocol.hub_api import HubMessageError, HubRequest, PackageStatus, UploadStart
from protocol.keys import KeyPair

Clock = Callable[[], dt.datetime]


class ApiRefusal(Exception):
    """A request the hub answers with a 4xx (or 503): HTTP status, error code, one line."""

    def __init__(self, status: int, code: str, message: str, last_counter: int | None = None):
        self.status, self.code, self.last_counter = status, code, last_counter
        super().__init__(message)

    def answer(self) -> hub_api.HubError:
        return hub_api.HubError(self.code, str(self), self.last_counter)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class HubService:
    db: Database
    hub_keys: KeyPair
    hub_name: str
    pin: str
    banks: BankCache
    clock: Clock = _utc_now

    def __post_init__(self) -> None:
        self.centers = CenterStore(self.db)
        self.uploads = UploadStore(self.db)

    # -- authentication --------------------------------------------------------------------------------
    def authenticate(self, header: str | None, method: str, path: str, body: bytes) -> tuple[Center, HubRequest]:
        try:
            envelope, request = hub_api.read_request_header(header)
        except HubMessageError as exc:
            raise ApiRefusal(400, hub_api.MALFORMED, str(exc)) from None
        center = self.centers.find(request.center)
        if center is None:
            raise ApiRefusal(403, hub_api.UNKNOWN_CENTER, f"no center {request.center!r} is enrolled at this hub")
        if center.revoked:
            raise ApiRefusal(403, hub_api.REVOKED_CENTER, f"center {center.id} was revoked at this hub")
        if not hub_api.request_signed_by(envelope, center.keys):
            raise ApiRefusal(401, hub_api.BAD_SIGNATURE, f"the request is not signed by the enrolled key of center "
                                                         f"{center.id}")
        if request.hub != self.pin:
            raise ApiRefusal(400, hub_api.WRONG_HUB, "the request was signed for another hub (its pin differs)")
        if request.method != method or request.path != path:
            raise ApiRefusal(400, hub_api.WRONG_REQUEST, f"the request was signed for {request.method} "
                                                         f"{request.path}, not {method} {path}")
        if request.body_sha256 != hub_api.body_sha256(body):
            raise ApiRefusal(400, hub_api.BODY_MISMATCH, "the body is not the one the request signs (its SHA-256 "
                                                         "differs)")
        try:
            self.centers.take_counter(center.id, request.counter)
        except ReplayedCounter as exc:
            raise ApiRefusal(409, hub_api.REPLAYED_COUNTER, str(exc), exc.last) from None
        return center, request

    # -- the upload ------------------------------------------------------------------------------------
    def start(self, center: Center, body: bytes) -> PackageStatus:
        try:
            start = UploadStart.from_bytes(body)
        except HubMessageError as exc:
            raise ApiRefusal(400, hub_api.MALFORMED, str(exc)) from None
        return self.uploads.start(center.id, start.package, start.size, self.clock())

    def status(self, center: Center, package: str) -> PackageStatus:
        return self.uploads.status(center.id, package)

    def write(self, center: Center, package: str, offset: int, data: bytes) -> WriteOutcome:
        return self.uploads.write(center.id, package, offset, data, self.clock(), self._finisher(center))

    def retry(self, package: str) -> PackageStatus:
        """Verify a refused package again from its kept bytes (``pupitre-hub packages retry``)."""
        rows = [r for r in self.uploads.list("refused") if r[0] == package]
        if not rows:
            return self.uploads.retry(package, self.clock(), self._finisher(None))  # raises the reason
        center = self.centers.find(rows[0][1])
        if center is None or center.revoked:
            raise UploadError("revoked-center", f"center {rows[0][1]} is revoked: its packages are not verified again")
        return self.uploads.retry(package, self.clock(), self._finisher(center))

    def _finisher(self, center: Center | None) -> Callable[[Session, UploadRow, bytes], None]:
        def finish(s: Session, row: UploadRow, whole: bytes) -> None:
            assert center is not None
            now = self.clock()
            try:
                verified = verify_package(whole, center.id, center.keys,
                                          lambda manifest, at: self.banks.get(manifest, at, s))
            except Refusal as refusal:
                refuse(row, refusal, now)
                return
            store_verified(s, row, verified, now, self.hub_keys, self.hub_name)
        return finish
