"""A real console on 127.0.0.1 over TLS 1.3 (uvicorn on a thread), and kiosks that talk to it with httpx."""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from invigilator.core.center import Center
from invigilator.server import CenterIdentity, ConsoleIdentity, ConsoleServer, RoomService
from invigilator.server.results import ResultFiles
from invigilator.store import RoomStore
from invigilator.tls import certificate_statement, create_console_tls
from protocol.enrolment import code_verifier, enrolment_proof
from protocol.journal_chain import ChainEntry
from protocol.keys import KeyPair
from protocol.pinning import enrolment_client_context, peer_pin, pinned_client_context
from protocol.room import (
    PATH_ENROL,
    PATH_HELLO,
    PATH_SYNC,
    AttemptEntries,
    EnrolmentRequest,
    EnrolmentResponse,
    RoomRequest,
    SyncRequest,
    encode,
)

_spec = importlib.util.spec_from_file_location("room_store_fixtures",
                                               Path(__file__).parents[1] / "store" / "conftest.py")
assert _spec is not None and _spec.loader is not None
_store_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_store_fixtures)
postgres_cluster = _store_fixtures.postgres_cluster  # the store suite's throwaway PostgreSQL cluster

IN_TEST = {"state": "question", "candidate_id": "cand-1", "attempt_id": "att-1", "question": 3, "total": 32,
           "seconds_left": 1500.0, "focused": True}


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Room:
    """A console's data folder, store, center and server."""

    def __init__(self, tmp: Path, db_url: str):
        self.data_dir = tmp / "console"
        self.data_dir.mkdir()
        self.tls = create_console_tls(self.data_dir, "C-TEST")
        self.store = RoomStore.open(db_url, self.data_dir)
        self.center_keys = KeyPair.generate("center")
        self.store.sessions.set_center(Center("C-TEST", "Centre de test", self.center_keys.public.signing_id))
        self.center = CenterIdentity("C-TEST", "Centre de test", self.center_keys.public, self.center_keys,
                                     certificate_statement(self.tls, "C-TEST", self.center_keys))
        self.banks: dict[str, Path] = {}
        self.bank_keys: dict[str, bytes] = {}
        self.open_banks: dict[str, Any] = {}
        self.service = RoomService(self.store, self.center, ConsoleIdentity(self.tls.pin, self.tls.certificate_pem),
                                   now, self.banks.get, self.bank_keys.get, self.open_banks.get,
                                   results=ResultFiles(self.data_dir / "results"))
        self.server = ConsoleServer(self.service, self.tls, flush_every=0.2, sweep_every=0.5, grace=1,
                                    chunk_timeout=1.0)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.server.port}"

    def code(self) -> str:
        text, _ = self.store.kiosks.issue_enrolment_code(now(), random.SystemRandom())
        return text


class Kiosk:
    """A kiosk's side of the link, done by hand so tests can bend every field."""

    def __init__(self, room: Room, name: str = "PC 01", keys: KeyPair | None = None):
        self.room, self.name = room, name
        self.keys = keys or KeyPair.generate(name)
        self.counter = 1000
        self.pin = room.tls.pin
        self.client = httpx.Client(base_url=room.url, verify=pinned_client_context(room.tls.certificate_pem),
                                   trust_env=False, timeout=10)

    @property
    def id(self) -> str:
        return self.keys.public.signing_id

    def enrol(self, code: str, url: str | None = None) -> tuple[httpx.Response, str]:
        """Enrol over an unpinned connection; the proof is bound to the pin seen on that very connection."""
        with httpx.Client(base_url=url or self.room.url, verify=enrolment_client_context(), trust_env=False,
                          timeout=30) as client:
            hello = client.get(PATH_HELLO)
            seen = peer_pin(hello.extensions["network_stream"].get_extra_info("ssl_object"))
            proof = enrolment_proof(code_verifier(code), "kiosk", self.keys.public.public_dict()["ed25519"], seen)
            request = EnrolmentRequest(self.keys.public.public_dict(), self.name, seen, proof, now())
            answer = client.post(PATH_ENROL, content=request.sign(self.keys).to_bytes())
            return answer, seen

    def enrol_ok(self) -> EnrolmentResponse:
        answer, _ = self.enrol(self.room.code())
        assert answer.status_code == 200, answer.text
        return EnrolmentResponse.from_dict(answer.json())

    def signed(self, body: dict[str, Any], *, path: str = PATH_SYNC, counter: int | None = None,
               console: str | None = None, kiosk: str | None = None, signer: KeyPair | None = None) -> bytes:
        if counter is None:
            self.counter += 1
            counter = self.counter
        request = RoomRequest(kiosk or self.id, console or self.pin, path, counter, now(), body)
        return request.sign(signer or self.keys).to_bytes()

    def sync_body(self, attempts: dict[str, list[ChainEntry]] | None = None, acks: tuple[str, ...] = (),
                  status: dict[str, Any] | None = None) -> dict[str, Any]:
        return SyncRequest(status or IN_TEST, tuple(AttemptEntries(a, tuple(e)) for a, e in (attempts or {}).items()),
                           acks).to_dict()

    def sync(self, attempts: dict[str, list[ChainEntry]] | None = None, acks: tuple[str, ...] = (),
             **bend: Any) -> httpx.Response:
        return self.client.post(PATH_SYNC, content=self.signed(self.sync_body(attempts, acks), **bend))

    def close(self) -> None:
        self.client.close()


def _room(tmp_path: Path, url: str) -> Iterator[Room]:
    room = Room(tmp_path, url)
    room.server.start()
    try:
        yield room
    finally:
        room.server.stop()
        room.store.close()


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Room]:
    yield from _room(tmp_path, f"sqlite:///{tmp_path / 'console.sqlite'}")


@pytest.fixture
def pg_room(tmp_path: Path, postgres_cluster: Any) -> Iterator[Room]:
    yield from _room(tmp_path, postgres_cluster.new_database())


@pytest.fixture
def kiosk(room: Room) -> Iterator[Kiosk]:
    k = Kiosk(room)
    k.enrol_ok()
    yield k
    k.close()


@pytest.fixture
def stranger(room: Room) -> Iterator[Kiosk]:
    k = Kiosk(room, "stranger")
    yield k
    k.close()


__all__ = ["IN_TEST", "Kiosk", "Room", "encode", "postgres_cluster"]
