"""The composition root with custody: an exam started with --keeper uses the keeper; practice does not."""

import os

import pytest

from kiosk.app import parse_args
from kiosk.exam import build_exam
from kiosk.guard import UnlockGate
from kiosk.keeper.client import RemoteDevice, RemoteSink, RemoteStore
from kiosk.keeper.errors import KeeperError
from kiosk.keeper.wire import FD_ENV
from tests.kiosk.crash_harness import prepare_bank
from tests.kiosk.test_keeper_protocol import Served, device  # noqa: F401 - the module's device fixture


@pytest.fixture(scope="module")
def bank(tmp_path_factory):
    return prepare_bank(tmp_path_factory.mktemp("keeper-bank"))


def exam_args(bank, data_dir, *extra):
    return parse_args(["--exam", "--bank", str(bank.path), "--passphrase-file", str(bank.passphrase_file),
                       "--trust", str(bank.trust), "--data-dir", str(data_dir), *extra])


def test_keeper_is_for_exams_only(bank, tmp_path):
    with pytest.raises(SystemExit):
        parse_args(["--practice", "--demo", "--keeper"])
    assert exam_args(bank, tmp_path, "--keeper").keeper and not exam_args(bank, tmp_path).keeper


def test_an_exam_with_keeper_but_no_keeper_says_how_to_start_it(bank, tmp_path, monkeypatch):
    monkeypatch.delenv(FD_ENV, raising=False)
    with pytest.raises(KeeperError, match="pupitre-kiosk keeper"):
        build_exam(exam_args(bank, tmp_path / "ui", "--keeper"), tmp_path / "ui", UnlockGate(tmp_path / "ui"))


def test_an_exam_with_keeper_journals_through_it_and_holds_no_key(bank, tmp_path, monkeypatch, device):  # noqa: F811
    keeper = Served(tmp_path / "keeper", device)
    try:
        monkeypatch.setenv(FD_ENV, str(os.dup(keeper.theirs.fileno())))
        ui_dir = tmp_path / "ui"
        kiosk = build_exam(exam_args(bank, ui_dir, "--keeper"), ui_dir, UnlockGate(ui_dir))
        try:
            parts = kiosk.parts
            assert isinstance(parts.store, RemoteStore) and isinstance(parts.sink, RemoteSink)
            assert isinstance(parts.device, RemoteDevice) and parts.device.key_id == device.key_id
            attempt = kiosk.new_attempt(seed=5)
            attempt.session.open_check_in()
            record = keeper.store.attempt(attempt.session.attempt.attempt_id)
            assert record.head_seq == 1 and record.device_key_id == device.key_id
            assert not (ui_dir / "journal.sqlite").exists() and not (ui_dir / "device").exists()
        finally:
            kiosk.close()
    finally:
        keeper.stop()


def test_practice_keeps_its_journal_and_key_in_process(bank, tmp_path, monkeypatch):
    from kiosk.app import build_practice

    monkeypatch.delenv(FD_ENV, raising=False)
    args = parse_args(["--practice", "--bank", str(bank.path), "--passphrase-file", str(bank.passphrase_file),
                       "--trust", str(bank.trust), "--data-dir", str(tmp_path / "data")])
    kiosk = build_practice(args)
    try:
        assert kiosk.device.keypair is not None and (tmp_path / "data" / "journal.sqlite").exists()
    finally:
        kiosk.close()


@pytest.mark.parametrize("name, prepare, args, says", [
    ("no interface command", lambda d: None, [], "give the interface's command after '--'"),
    ("a damaged journal", lambda d: (d.mkdir(), (d / "journal.sqlite").write_bytes(b"SQLite format 3\0" + b"x" * 99)),
     ["--", "true"], "the journal file is damaged"),
    ("one account only", lambda d: None, ["--service-user", "root", "--", "true"], "give both --service-user"),
])
def test_the_keeper_refuses_to_start_in_one_line(tmp_path, capsys, name, prepare, args, says):
    from kiosk.cli import main

    folder = tmp_path / "keeper"
    prepare(folder)
    assert main(["keeper", "--data-dir", str(folder), *args]) == 2, name
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err, err
