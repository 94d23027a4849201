"""Who signs the kiosk's requests: the device key with the request counter (ADR 0017).

In single-account mode the key is in this process (:class:`DeviceSigner`); under custody the
keeper holds both the key and the counter and signs only room requests
(``kiosk.keeper.client.KeeperRequestSigner``). Either way the link sees one small port.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from kiosk.link.counter import RequestCounter
from protocol.keys import KeyPair
from protocol.room import RoomRequest, encode


class RequestSigner(Protocol):
    @property
    def kiosk_id(self) -> str: ...

    def sign(self, console_pin: str, path: str, body: Mapping[str, Any]) -> bytes:
        """The canonical bytes of a signed request for ``path`` carrying ``body``, with a fresh counter."""

    def continue_from(self, last_accepted: int) -> None:
        """The console refused a counter as not above ``last_accepted`` (409)."""


class DeviceSigner:
    def __init__(self, keypair: KeyPair, counter: RequestCounter, now: Callable[[], dt.datetime]):
        self._keypair = keypair
        self._counter = counter
        self._now = now

    @property
    def kiosk_id(self) -> str:
        return self._keypair.public.signing_id

    def sign(self, console_pin: str, path: str, body: Mapping[str, Any]) -> bytes:
        request = RoomRequest(self.kiosk_id, console_pin, path, self._counter.next(), self._now(), dict(body))
        return encode(request.sign(self._keypair))

    def continue_from(self, last_accepted: int) -> None:
        self._counter.continue_from(last_accepted)
