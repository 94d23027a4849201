"""The hub's test fixtures: a real bank and real exams (``factory.World``), a hub folder, a database on
SQLite and on the suite's throwaway PostgreSQL cluster, and a client that signs like a center."""

from __future__ import annotations

import datetime as dt
import importlib.util
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from hub.banks import BankCache, add_bank
from hub.home import HubHome, init_home
from hub.server.app import build_app
from hub.service import HubService
from hub.store.centers import CenterStore
from hub.store.database import open_database
from protocol import hub_api
from protocol.keys import KeyPair
from tests.hub.factory import NOW, World

_spec = importlib.util.spec_from_file_location("hub_store_fixtures",
                                               Path(__file__).parents[1] / "invigilator" / "store" / "conftest.py")
assert _spec is not None and _spec.loader is not None
_store_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_store_fixtures)
postgres_cluster = _store_fixtures.postgres_cluster  # the suite's throwaway PostgreSQL cluster

PASSPHRASE = "hub passphrase for tests"


@pytest.fixture(scope="session")
def hub_folder(tmp_path_factory) -> tuple[HubHome, KeyPair]:
    """One hub folder for the session (keys and certificate); each test gets its own database."""
    home = init_home(tmp_path_factory.mktemp("hub") / "hub", "Hub de test", PASSPHRASE, now=NOW)
    return home, home.unseal(PASSPHRASE)


@pytest.fixture(scope="session")
def world(tmp_path_factory, hub_folder) -> World:
    return World.create(tmp_path_factory.mktemp("world"), hub=hub_folder[1])


def make_db_url(kind: str, tmp_path: Path, request: Any) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'hub.sqlite'}"
    return request.getfixturevalue("postgres_cluster").new_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    return make_db_url(request.param, tmp_path, request)


class Hub:
    """A hub's service on a database, with its center enrolled and its bank added."""

    def __init__(self, home: HubHome, keys: KeyPair, url: str, world: World, tmp: Path):
        self.home, self.keys, self.world = home, keys, world
        self.db = open_database(url)
        self.now = NOW + dt.timedelta(days=1)
        self.service = HubService(self.db, keys, home.name, home.pin, BankCache(self.db, keys, tmp / "cache"),
                                  clock=lambda: self.now)
        (tmp / "cache").mkdir(exist_ok=True)
        self.centers = CenterStore(self.db)
        self.centers.add(world.center_id, "Lycée Victor Hugo", world.center.public, NOW)
        add_bank(self.db, world.bank_path, world.publisher.public, keys, NOW)

    def close(self) -> None:
        self.service.banks.close()
        self.db.close()


@pytest.fixture
def hub(hub_folder, world, db_url, tmp_path) -> Iterator[Hub]:
    home, keys = hub_folder
    h = Hub(home, keys, db_url, world, tmp_path)
    yield h
    h.close()


class CenterClient:
    """Signs requests as a center (``protocol.hub_api``) and sends them through any httpx-like client."""

    def __init__(self, http: Any, center_id: str, keys: KeyPair, pin: str, counter: int = 0,
                 clock_counter: bool = False):
        self.http, self.center_id, self.keys, self.pin, self.counter = http, center_id, keys, pin, counter
        self.clock_counter = clock_counter  # max(last + 1, wall time in µs), as a console counts
        self.unavailable = 0  # 503 answers met (the database was away)

    def headers(self, method: str, path: str, body: bytes = b"", offset: int | None = None, **override: Any):
        """The signed headers of one call; ``override`` changes what is signed (a forged or misdirected request)."""
        self.counter = max(self.counter + 1, time.time_ns() // 1000) if self.clock_counter else self.counter + 1
        fields = dict(center=self.center_id, hub_pin=self.pin, method=method, path=path, counter=self.counter,
                      body=body, offset=offset, now=dt.datetime.now(dt.UTC), signer=self.keys)
        fields.update({k.removeprefix("signed_"): v for k, v in override.items()})
        return hub_api.signed_headers(**fields)

    def start(self, data: bytes, **override: Any):
        body = hub_api.UploadStart(hub_api.body_sha256(data), len(data)).to_bytes()
        return self.http.post(hub_api.PACKAGES_PATH, content=body,
                              headers=self.headers("POST", hub_api.PACKAGES_PATH, body, **override))

    def patch(self, package: str, offset: int, chunk: bytes, **override: Any):
        path = hub_api.package_path(package)
        return self.http.patch(path, content=chunk, headers=self.headers("PATCH", path, chunk, offset, **override))

    def get(self, package: str, **override: Any):
        path = hub_api.package_path(package)
        return self.http.get(path, headers=self.headers("GET", path, **override))

    def _status(self, call: Any) -> hub_api.PackageStatus:
        """A call's status; a replayed counter (another client of the center signed higher) is signed again above."""
        for _ in range(100):
            answer = call()
            parsed = hub_api.read_answer(answer.status_code, answer.content)
            if isinstance(parsed, hub_api.HubError) and parsed.error == hub_api.REPLAYED_COUNTER:
                self.counter = max(self.counter, parsed.last_counter or 0)
                continue
            if isinstance(parsed, hub_api.HubError) and parsed.error == hub_api.UNAVAILABLE:
                self.unavailable += 1
                time.sleep(0.2)  # the console's backoff, short
                continue
            assert isinstance(parsed, hub_api.PackageStatus), parsed
            return parsed
        raise AssertionError("the counter kept being refused")

    def upload(self, data: bytes, chunk: int = 256 * 1024, *, stop_after: int | None = None) -> hub_api.PackageStatus:
        """Start (or resume), then send from the hub's offset until the package is stored or refused
        (or ``stop_after`` chunks were sent)."""
        status = self._status(lambda: self.start(data))
        package, sent = status.package, 0
        while status.state == "receiving" and (stop_after is None or sent < stop_after):
            offset = status.offset
            status = self._status(lambda at=offset: self.patch(package, at, data[at:at + chunk]))
            sent += 1
        return status


@pytest.fixture
def client(hub, world) -> Iterator[CenterClient]:
    with TestClient(build_app(hub.service), base_url="https://hub.test") as http:
        yield CenterClient(http, world.center_id, world.center, hub.home.pin)
