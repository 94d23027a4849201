import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from invigilator.core.center import Center
from invigilator.errors import StoreError
from invigilator.store import RoomStore
from invigilator.store.database import DB_FILE, open_database
from invigilator.store.schema import Base

TABLES = {"alembic_version", "center", "trusted_publishers", "banks", "sessions", "candidates", "kiosks",
          "enrolment_codes", "replicas", "replica_entries", "alerts", "commands", "exposure_records",
          "exposure_counts", "exposure_attempts", "checkins", "incidents", "finalisations"}
HEAD = "0005"


def test_an_empty_database_is_migrated_to_the_models(db_url):
    db = open_database(db_url)
    try:
        assert db.revision() == HEAD
        assert set(inspect(db.engine).get_table_names()) == TABLES
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
        assert diff == [], f"the migrations and schema.py disagree: {diff}"
    finally:
        db.close()


def test_opening_again_migrates_nothing_and_keeps_data(db_url):
    store = RoomStore.open(db_url)
    store.sessions.set_center(Center("C-75", "Lycée Voltaire", "a" * 32))
    store.close()
    store = RoomStore.open(db_url)
    try:
        assert store.db.revision() == HEAD and store.sessions.center().name == "Lycée Voltaire"
    finally:
        store.close()


def test_a_database_from_a_newer_console_is_refused_and_left_untouched(db_url):
    open_database(db_url).close()
    db = open_database(db_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.close()
    with pytest.raises(StoreError, match="newer console"):
        open_database(db_url)
    engine = create_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999"
    engine.dispose()


def test_sqlite_runs_in_wal_with_full_sync(tmp_path):
    store = RoomStore.open(data_dir=tmp_path)
    try:
        with store.db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert (tmp_path / DB_FILE).stat().st_mode & 0o077 == 0
    finally:
        store.close()


@pytest.mark.parametrize("url, message", [
    ("not a url", "not a database URL"),
    ("mysql://u@h/db", "SQLite or PostgreSQL only"),
])
def test_a_bad_url_is_one_clear_error(url, message):
    with pytest.raises(StoreError, match=message):
        open_database(url)


def test_a_missing_data_folder_is_named(tmp_path):
    with pytest.raises(StoreError, match="data folder does not exist"):
        open_database(data_dir=tmp_path / "nowhere")


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    (tmp_path / DB_FILE).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open or migrate"):
        open_database(data_dir=tmp_path)


def test_an_unreachable_postgresql_is_one_clear_error(tmp_path):
    with pytest.raises(StoreError, match="cannot open or migrate"):
        open_database(f"postgresql+psycopg://nobody@/x?host={tmp_path}&connect_timeout=2")


def test_stdlib_sqlite_can_read_the_file(tmp_path):
    RoomStore.open(data_dir=tmp_path).close()
    with sqlite3.connect(tmp_path / DB_FILE) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)



def test_another_programs_database_is_refused_and_left_untouched(tmp_path):
    other = tmp_path / "journal.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE attempts (id TEXT PRIMARY KEY)")
    with pytest.raises(StoreError, match="holds other tables"):
        open_database(f"sqlite:///{other}")
    with sqlite3.connect(other) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert names == {"attempts"}


def test_consoles_opening_an_empty_database_at_once_migrate_it_once(db_url):
    import threading

    barrier, opened, errors = threading.Barrier(3), [], []

    def open_it():
        barrier.wait()
        try:
            opened.append(open_database(db_url))
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_it, daemon=True) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    for db in opened:
        db.close()
    assert errors == [] and len(opened) == 3


def test_a_database_at_the_first_revision_is_upgraded_with_its_data(db_url):
    from alembic import command

    from invigilator.store.database import alembic_config

    engine = create_engine(db_url if not db_url.startswith("postgresql://") else db_url.replace(
        "postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
        conn.execute(text("INSERT INTO center (id, name, signing_key_id) VALUES ('C-1', 'Lycée', :k)"),
                     {"k": "b" * 32})
    engine.dispose()
    store = RoomStore.open(db_url)
    try:
        assert store.db.revision() == HEAD and store.sessions.center().id == "C-1"
        assert store.exposure.snapshot("any-bank").tests == 0
    finally:
        store.close()


def test_a_session_keeps_its_invigilators(db_url):
    import datetime as dt
    import random

    from invigilator.core.center import Bank, TrustedPublisher

    t0 = dt.datetime(2026, 6, 15, 8, tzinfo=dt.UTC)
    store = RoomStore.open(db_url)
    try:
        store.sessions.trust_publisher(TrustedPublisher("b" * 32, "P", "pub", t0))
        store.sessions.add_bank(Bank("demo", "Demo", "b" * 32, "c" * 64, t0))
        store.sessions.create_session("demo", "p", t0.date(), "B12", t0, random.Random(1), "S-1",
                                      invigilators=("Mme Roy", "M. Blanc"))
        store.sessions.create_session("demo", "p", t0.date(), "B12", t0, random.Random(2), "S-2")
        assert store.sessions.session("S-1").invigilators == ("Mme Roy", "M. Blanc")
        assert store.sessions.session("S-2").invigilators == ()
    finally:
        store.close()


def test_stores_opened_on_several_threads_at_once_are_each_migrated_whole(tmp_path):
    """Alembic's ``op`` is one object per process: without one migration at a time, a thread's tables
    were created on another thread's context (``'NoneType' object has no attribute 'f'``)."""
    import threading

    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def open_one(index: int) -> None:
        start.wait()
        try:
            open_database(data_dir=_folder(tmp_path, index)).close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_one, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    for index in range(6):
        engine = create_engine(f"sqlite:///{_folder(tmp_path, index) / DB_FILE}")
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) == TABLES
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
        engine.dispose()


def _folder(tmp_path, index):
    folder = tmp_path / f"console-{index}"
    folder.mkdir(exist_ok=True)
    return folder
