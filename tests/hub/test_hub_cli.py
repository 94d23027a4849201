"""``pupitre-hub`` from its command line, and the database it migrates."""

import json
import os
import stat

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from hub.cli import main
from hub.errors import StoreError
from hub.home import HubHome
from hub.store.database import open_database
from hub.store.schema import Base
from protocol.keys import PublicKeys
from protocol.pinning import spki_sha256
from tests.hub.conftest import PASSPHRASE, CenterClient, Hub


def test_a_migrated_database_is_the_models(db_url):
    db = open_database(db_url)
    try:
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
        assert diff == []
        assert db.revision() == "0002"
    finally:
        db.close()
    open_database(db_url).close()  # opening again migrates nothing


def test_postgresql_compresses_packages_with_lz4(request, tmp_path):
    from tests.hub.conftest import make_db_url

    db = open_database(make_db_url("postgresql", tmp_path, request))
    try:
        with db.engine.connect() as conn:
            methods = dict(conn.execute(text(
                "SELECT c.relname, a.attcompression FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                "WHERE c.relname IN ('packages', 'upload_chunks') AND a.attname = 'data'")).all())
        assert methods == {"packages": "l", "upload_chunks": "l"}
    finally:
        db.close()


def test_a_database_of_something_else_is_refused_untouched(tmp_path):
    url = f"sqlite:///{tmp_path / 'other.sqlite'}"
    db = open_database(url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.close()
    with pytest.raises(StoreError, match="newer hub"):
        open_database(url)
    with pytest.raises(StoreError, match=r"runs on PostgreSQL"):
        open_database("mysql://x@y/z")


def test_init_centers_banks_jury_verify_and_export_from_the_command_line(tmp_path, world, capsys, monkeypatch):
    monkeypatch.setenv("PUPITRE_HUB_PASSPHRASE", PASSPHRASE)
    root = tmp_path / "hub"
    assert main(["--dir", str(root), "init", "--name", "Certification body"]) == 0
    out = capsys.readouterr().out
    home = HubHome(root)
    assert home.pin in out and spki_sha256(home.certificate()) == home.pin
    assert PublicKeys.load(root / "hub.pub").signing_id == home.public_keys().signing_id
    assert stat.S_IMODE(os.stat(root / "hub-key.json").st_mode) == 0o600
    assert stat.S_IMODE(os.stat(root / "hub-tls.key").st_mode) == 0o600
    assert main(["--dir", str(root), "init", "--name", "again"]) == 2  # never replaces a hub's keys
    assert "already initialised" in capsys.readouterr().err

    assert main(["--dir", str(root), "centers", "add", str(world.folder / "center.pub"), "--id", "0750001A",
                 "--name", "Lycée Victor Hugo"]) == 0
    assert main(["--dir", str(root), "centers", "add", str(world.folder / "center.pub"), "--id", "bad id",
                 "--name", "x"]) == 2
    assert main(["--dir", str(root), "centers", "list"]) == 0
    assert "0750001A" in capsys.readouterr().out

    # the world's bank is wrapped for the session's test hub, not for this one: refused with the way out
    assert main(["--dir", str(root), "banks", "add", str(world.bank_path), "--trust",
                 str(world.folder / "publisher.pub")]) == 2
    assert "--recipient hub.pub" in capsys.readouterr().err
    assert main(["--dir", str(root), "banks", "add", str(world.bank_path), "--trust",
                 str(world.folder / "center.pub")]) == 2
    assert "not a trusted publisher" in capsys.readouterr().err

    assert main(["--dir", str(root), "jury", "list"]) == 0
    assert "no result waits" in capsys.readouterr().out
    assert main(["--dir", str(root), "verify", "P-7KQ4M9XB"]) == 1
    assert main(["--dir", str(root), "export", "--csv", str(tmp_path / "out.csv")]) == 0
    assert (tmp_path / "out.csv").read_text(encoding="utf-8-sig").startswith("result_id,center")
    assert main(["--dir", str(root), "centers", "revoke", "0750001A"]) == 0
    assert main(["--dir", str(root), "centers", "revoke", "nope"]) == 2


def test_jury_publish_and_verify_from_the_command_line(hub_folder, world, tmp_path, capsys, monkeypatch):
    home, keys = hub_folder
    url = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    hub = Hub(home, keys, url, world, tmp_path)
    try:
        from starlette.testclient import TestClient

        from hub.server.app import build_app
        exam = world.exam(1)
        with TestClient(build_app(hub.service), base_url="https://hub.test") as http:
            status = CenterClient(http, world.center_id, world.center, home.pin).upload(
                world.package([exam], codes={exam.result["attempt"]: "P-7KQ4M9XB"}))
        assert status.state == "stored"
    finally:
        hub.close()
    base = ["--dir", str(home.root)]
    assert main([*base, "jury", "list", "--db", url, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["attempt"] for r in listed] == [exam.result["attempt"]]
    assert main([*base, "jury", "publish", "P-7KQ4M9XB", "--decision", "obtained", "--reason", "above the threshold",
                 "--by", "Jury", "--db", url]) == 0
    assert main([*base, "verify", "P-7KQ4M9XB", "--db", url]) == 0
    shown = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert shown["decision"] == "obtained" and shown["score"] == exam.result["score"]


def test_a_wrong_passphrase_is_one_line(tmp_path, monkeypatch, capsys, world):
    monkeypatch.setenv("PUPITRE_HUB_PASSPHRASE", PASSPHRASE)
    root = tmp_path / "hub"
    assert main(["--dir", str(root), "init", "--name", "H"]) == 0
    monkeypatch.setenv("PUPITRE_HUB_PASSPHRASE", "not the passphrase")
    assert main(["--dir", str(root), "banks", "add", str(world.bank_path), "--trust",
                 str(world.folder / "publisher.pub")]) == 2
    assert "wrong passphrase" in capsys.readouterr().err
    assert main(["--dir", str(tmp_path / "nothing"), "centers", "list"]) == 2
    assert "pupitre-hub init" in capsys.readouterr().err


def test_a_bank_built_for_the_hub_is_added_once(hub_folder, world, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PUPITRE_HUB_PASSPHRASE", PASSPHRASE)
    base = ["--dir", str(hub_folder[0].root)]
    url = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    add = [*base, "banks", "add", str(world.bank_path), "--trust", str(world.folder / "publisher.pub"), "--db", url]
    assert main(add) == 0 and main(add) == 0
    assert main([*base, "banks", "list", "--db", url]) == 0
    listed = capsys.readouterr().out.strip().splitlines()
    assert len([line for line in listed if "manifest" in line and line.startswith(world.bank.id)]) == 1
