"""Opening the console's database: SQLite in the data folder by default, PostgreSQL by URL.

Opening always migrates to the newest schema (Alembic ``upgrade head``, migrations shipped inside
the package so an installed console can migrate itself). A database stamped by a newer console is
refused and left untouched, and so is a database that holds other tables but no console schema
(``--db`` pointed at the wrong file).

SQLite runs in WAL mode with ``synchronous=FULL`` and every transaction starts with
``BEGIN IMMEDIATE``: the console's writes read first (a replica's head, a code's tries), and
taking the write lock up front makes a second writer wait (``busy_timeout``) instead of failing
when it tries to upgrade its lock. PostgreSQL runs at READ COMMITTED and the stores take row
locks (``SELECT … FOR UPDATE``) where a decision depends on what they read.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from invigilator.errors import StoreError

DB_FILE = "console.sqlite"
BUSY_TIMEOUT_MS = 10_000
MIGRATIONS = Path(__file__).with_name("migrations")
READ_ONLY = "pupitre_read_only"  # the execution option a reading transaction's connection carries
MIGRATION_LOCK = 0x7075_7069_7472_65  # "pupitre": the advisory lock the migrations of one database take
_MIGRATING = threading.Lock()
"""Alembic's ``op`` is one object for the whole process: two threads migrating two databases at once
(the window's bank import and the room's server opening their stores) would run on each other's
context. One migration at a time in a process; across processes each database has its own lock."""


def default_url(data_dir: Path) -> str:
    return f"sqlite:///{Path(data_dir) / DB_FILE}"


def _on_sqlite_connect(dbapi_connection: Any, connection_record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event emits BEGIN itself
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _on_sqlite_begin(connection: Any) -> None:
    # a read takes no write lock: in WAL mode it sees the last commit and waits for no writer
    reading = connection.get_execution_options().get(READ_ONLY, False)
    connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


def alembic_config(connection: Any | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


class Database:
    """An engine and the transactions the stores run in."""

    def __init__(self, engine: Engine, where: str):
        self.engine = engine
        self.where = where
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._readers = sessionmaker(engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)
        # SQLite has one writer at a time; writers of this process queue on a lock that wakes the next one at once,
        # rather than on SQLite's busy handler, which sleeps (up to 100 ms a turn) and polls
        self._writer = threading.RLock() if self.dialect == "sqlite" else contextlib.nullcontext()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self._writer, self._sessions() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A transaction that only reads: on SQLite a deferred ``BEGIN``, so it neither takes nor waits for the
        write lock (WAL gives it the last committed state); on PostgreSQL the same as :meth:`transaction`."""
        with self._readers() as session, session.begin():
            yield session

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def close(self) -> None:
        self.engine.dispose()


def _make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"--db {url!r} is not a database URL (sqlite:///PATH or "
                         "postgresql+psycopg://USER@HOST/NAME)") from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(f"--db {parsed.render_as_string(hide_password=True)}: the console runs on SQLite or "
                         "PostgreSQL only")
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() != "psycopg":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                path = Path(parsed.database)
                if not path.parent.is_dir():
                    raise StoreError(f"{path.parent}: the console's data folder does not exist")
                if os.name == "posix" and not path.exists():
                    # created 0600 first, so the -wal and -shm files SQLite makes beside it are 0600 too
                    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
            engine = create_engine(parsed)
            event.listen(engine, "connect", _on_sqlite_connect)
            event.listen(engine, "begin", _on_sqlite_begin)
            return engine
        return create_engine(parsed, pool_pre_ping=True)
    except NoSuchModuleError as exc:
        raise StoreError(f"{parsed.render_as_string(hide_password=True)}: no driver for it ({exc})") from None


def open_database(url: str | None = None, data_dir: Path | None = None) -> Database:
    """Open the console's database and migrate it to the newest schema.

    ``url`` wins; without it the database is ``console.sqlite`` in ``data_dir``.
    """
    if url is None:
        if data_dir is None:
            raise StoreError("the console needs a data folder or a database URL")
        url = default_url(data_dir)
    engine = _make_engine(url)
    where = engine.url.render_as_string(hide_password=True)
    try:
        # the process's lock first, the database's second: threads of one process that open a database at once
        # wait for each other here, for as long as a migration takes, rather than on SQLite's busy timeout
        # (the first to take the write lock could otherwise keep it while it waits here, and the others give
        # up after BUSY_TIMEOUT_MS with "database is locked", as seen on a loaded machine)
        with _MIGRATING, engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # two consoles (or server workers) opening one database at once migrate one after the other;
                # SQLite's BEGIN IMMEDIATE already does the same
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            _refuse_newer(conn, where)
            command.upgrade(alembic_config(conn), "head")
    except StoreError:
        engine.dispose()
        raise
    except (DBAPIError, OSError) as exc:
        engine.dispose()
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreError(f"{where}: cannot open or migrate the console's database ({reason})") from None
    return Database(engine, where)


def _refuse_newer(conn: Any, where: str) -> None:
    current = MigrationContext.configure(conn).get_current_revision()
    if current is None:
        foreign = [t for t in inspect(conn).get_table_names() if t != "alembic_version"]
        if foreign:
            raise StoreError(f"{where}: this database holds other tables ({', '.join(sorted(foreign)[:4])}…) and no "
                             "console schema; give the console its own database — nothing was changed")
        return
    script = ScriptDirectory.from_config(alembic_config())
    if not _known(script, current):
        raise StoreError(f"{where}: the database is at schema revision {current}, which this console does not "
                         "know (a newer console made it); update Pupitre — the database was left untouched")


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except Exception:  # alembic raises its own CommandError/ResolutionError for an unknown id
        return False
