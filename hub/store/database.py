"""Opening the hub's database: PostgreSQL by URL, SQLite only for a one-machine trial.

Opening always migrates to the newest schema (Alembic ``upgrade head``, migrations shipped inside the
package). Several ``serve`` workers opening one PostgreSQL database at once migrate one after the
other (an advisory lock). A database stamped by a newer hub is refused and left untouched, and so
is one holding other tables but no hub schema.

PostgreSQL runs at READ COMMITTED; the stores take row locks (``SELECT … FOR UPDATE``) where a
decision depends on what they read, and conditional updates where one statement is enough. SQLite
runs in WAL mode with ``synchronous=FULL`` and ``BEGIN IMMEDIATE`` (one writer at a time).
"""

from __future__ import annotations

import contextlib
import os
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

from hub.errors import StoreError

BUSY_TIMEOUT_MS = 30_000
MIGRATIONS = Path(__file__).with_name("migrations")
MIGRATION_LOCK = 0x7075_7069_7468_7562  # the advisory lock the migrations of one database take


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
    connection.exec_driver_sql("BEGIN IMMEDIATE")


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

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self._sessions() as session, session.begin():
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
        raise StoreError(f"--db {url!r} is not a database URL (postgresql://USER@HOST/NAME, or "
                         "sqlite:///PATH for a one-machine trial)") from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise StoreError(f"--db {parsed.render_as_string(hide_password=True)}: the hub runs on PostgreSQL "
                         "(or SQLite for a trial) only")
    if backend == "postgresql" and parsed.get_driver_name() != "psycopg":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        if backend == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                path = Path(parsed.database)
                if not path.parent.is_dir():
                    raise StoreError(f"{path.parent}: the folder of the hub's database does not exist")
                if os.name == "posix" and not path.exists():
                    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
            engine = create_engine(parsed)
            event.listen(engine, "connect", _on_sqlite_connect)
            event.listen(engine, "begin", _on_sqlite_begin)
            return engine
        return create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=10)
    except NoSuchModuleError as exc:
        raise StoreError(f"{parsed.render_as_string(hide_password=True)}: no driver for it ({exc})") from None


def open_database(url: str) -> Database:
    """Open the hub's database and migrate it to the newest schema."""
    engine = _make_engine(url)
    where = engine.url.render_as_string(hide_password=True)
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            _refuse_foreign(conn, where)
            command.upgrade(alembic_config(conn), "head")
    except StoreError:
        engine.dispose()
        raise
    except (DBAPIError, OSError) as exc:
        engine.dispose()
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreError(f"{where}: cannot open or migrate the hub's database ({reason})") from None
    return Database(engine, where)


def _refuse_foreign(conn: Any, where: str) -> None:
    current = MigrationContext.configure(conn).get_current_revision()
    if current is None:
        foreign = [t for t in inspect(conn).get_table_names() if t != "alembic_version"]
        if foreign:
            raise StoreError(f"{where}: this database holds other tables ({', '.join(sorted(foreign)[:4])}…) and no "
                             "hub schema; give the hub its own database — nothing was changed")
        return
    script = ScriptDirectory.from_config(alembic_config())
    try:
        known = script.get_revision(current) is not None
    except Exception:  # alembic raises its own errors for an unknown id
        known = False
    if not known:
        raise StoreError(f"{where}: the database is at schema revision {current}, which this hub does not know "
                         "(a newer hub made it); update Pupitre — the database was left untouched")
