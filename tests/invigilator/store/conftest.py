"""Store tests run on SQLite and on a throwaway PostgreSQL cluster the suite starts itself.

The cluster is made with Debian's ``initdb``/``pg_ctl`` (package ``postgresql``), listens only on
a unix socket in a temporary folder, and is stopped at the end of the run. As root it runs as the
unprivileged ``postgres`` account (PostgreSQL refuses to run as root). Without the binaries the
PostgreSQL half is skipped with one line saying why — except under CI (``CI`` set), where that
is a failure: CI must never pass by skipping the database it is meant to prove.
"""

from __future__ import annotations

import glob
import os
import pwd
import random
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from invigilator.core.codes import code_verifier, enrolment_proof
from invigilator.store import KioskKeys, RoomStore

PIN = "ab" * 32  # the console certificate's key hash, as a kiosk saw it


def kiosk_proof(code: str, keys: KioskKeys, pin: str = PIN) -> str:
    """What a kiosk computes from a typed code (the kiosk side of ADR 0017's enrolment)."""
    return enrolment_proof(code_verifier(code), "kiosk", keys.signing_public, pin)


@pytest.fixture
def proof():
    return kiosk_proof


MISSING = ("PostgreSQL store tests need the PostgreSQL server binaries (initdb, pg_ctl under "
           "/usr/lib/postgresql/*/bin; Debian: apt-get install postgresql)")


def _bin_dir() -> Path | None:
    override = os.environ.get("PUPITRE_POSTGRES_BIN")  # a folder holding initdb and pg_ctl
    if override is not None:
        return Path(override) if (Path(override) / "initdb").is_file() else None
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path and shutil.which("pg_ctl") else None


class Cluster:
    def __init__(self, bin_dir: Path):
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="pupitre-pg-"))
        self.data, self.sockets, self.log = self.root / "data", self.root / "run", self.root / "server.log"
        self.sockets.mkdir()
        self.prefix: list[str] = []
        self.created = False
        if os.geteuid() == 0:
            try:
                account = pwd.getpwnam("postgres")
            except KeyError:
                pytest.fail("PostgreSQL refuses to run as root and there is no 'postgres' account to run it as "
                            "(the postgresql package creates it)")
            for path in (self.root, self.sockets):
                os.chown(path, account.pw_uid, account.pw_gid)
            self.prefix = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        result = subprocess.run([*self.prefix, *args], capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            pytest.fail(f"{Path(args[0]).name} failed: {result.stderr.strip() or result.stdout.strip()}\n{log}")

    def start(self) -> None:
        self._run(str(self.bin_dir / "initdb"), "-D", str(self.data), "-U", "pupitre", "-A", "trust",
                  "--no-sync", "-E", "UTF8", "--no-locale")
        options = f"-k {self.sockets} -c listen_addresses='' -c fsync=off -c max_connections=40"
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w",
                  "start")

    def stop(self) -> None:
        subprocess.run([*self.prefix, str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w",
                        "stop"], capture_output=True, timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://pupitre@/{database}?host={self.sockets}"

    def new_database(self) -> str:
        """An empty database: one per run, emptied for each test (much faster than CREATE DATABASE)."""
        import psycopg

        if not self.created:
            with psycopg.connect(host=str(self.sockets), user="pupitre", dbname="postgres", autocommit=True) as conn:
                conn.execute("CREATE DATABASE room")
            self.created = True
        with psycopg.connect(host=str(self.sockets), user="pupitre", dbname="room", autocommit=True) as conn:
            conn.execute("SET lock_timeout = '10s'")  # a connection a test leaked would block this: fail instead
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")
        return self.url("room")


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    bin_dir = _bin_dir()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail(MISSING + " — CI is set, so this is a failure, not a skip")
        pytest.skip(MISSING)
    cluster = Cluster(bin_dir)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database on each engine."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'console.sqlite'}"
    cluster: Cluster = request.getfixturevalue("postgres_cluster")
    return cluster.new_database()


@pytest.fixture
def postgres_url(postgres_cluster: Cluster) -> str:
    return postgres_cluster.new_database()


@pytest.fixture
def store(db_url: str) -> Iterator[RoomStore]:
    room = RoomStore.open(db_url)
    try:
        yield room
    finally:
        room.close()


@pytest.fixture
def enrol(store: RoomStore, kid, t0):
    """Enrol kiosk number ``n`` (keys derived from n) with a fresh code; returns its id."""

    def _enrol(n: int, name: str = "", now=None) -> str:
        now = now or t0
        code, _ = store.kiosks.issue_enrolment_code(now, random.Random(n))
        keys = KioskKeys(kid(n), f"sig-{n}", f"wrap-{n}")
        return store.kiosks.enrol(kiosk_proof(code, keys), keys, PIN, name or f"PC {n:02d}", now).kiosk.id

    return _enrol
