"""The composition root: options, and start-up errors said in words, never as a traceback."""

from __future__ import annotations

import pytest

from kiosk.app import main, parse_args
from protocol.keys import KeyPair
from tests.gui.conftest import PASSPHRASE


@pytest.fixture
def bank_options(gui_bank, tmp_path):
    path, trusted = gui_bank
    publisher = tmp_path / "publisher.pub"
    trusted[0].save(publisher)
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return ["--practice", "--bank", str(path), "--trust", str(publisher), "--passphrase-file", str(secret),
            "--data-dir", str(tmp_path / "data")]


def run_main(args, capsys):
    code = main(args)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def test_options():
    args = parse_args(["--practice", "--demo"])
    assert args.demo and args.locale == "fr" and not args.windowed
    args = parse_args(["--practice", "--bank", "b.pbank", "--profile", "practice-short", "--locale", "en",
                       "--trust", "a.pub", "--trust", "b.pub", "--windowed"])
    assert [str(p) for p in args.trust] == ["a.pub", "b.pub"] and args.profile == "practice-short"
    with pytest.raises(SystemExit):
        parse_args(["--bank", "b.pbank"])  # practice or exam: one of them must be chosen
    with pytest.raises(SystemExit):
        parse_args(["--practice"])  # a bank is needed


def test_a_file_that_is_not_a_bank(bank_options, tmp_path, capsys, qapp):
    fake = tmp_path / "notes.pbank"
    fake.write_bytes(b"hello")
    options = list(bank_options)
    options[options.index("--bank") + 1] = str(fake)
    code, err = run_main(options, capsys)
    assert code == 2 and "not a Pupitre bank" in err


def test_a_wrong_passphrase(bank_options, tmp_path, capsys, qapp):
    secret = tmp_path / "wrong.txt"
    secret.write_text("not the passphrase", encoding="utf-8")
    options = list(bank_options)
    options[options.index("--passphrase-file") + 1] = str(secret)
    code, err = run_main(options, capsys)
    assert code == 2 and "wrong passphrase" in err


def test_an_untrusted_publisher(bank_options, tmp_path, capsys, qapp):
    stranger = tmp_path / "stranger.pub"
    KeyPair.generate("stranger").public.save(stranger)
    options = list(bank_options)
    options[options.index("--trust") + 1] = str(stranger)
    code, err = run_main(options, capsys)
    assert code == 2 and "not a trusted publisher" in err


def test_no_passphrase_given(bank_options, capsys, monkeypatch, qapp):
    monkeypatch.delenv("PUPITRE_BANK_PASSPHRASE", raising=False)
    options = list(bank_options)
    at = options.index("--passphrase-file")
    del options[at:at + 2]
    code, err = run_main(options, capsys)
    assert code == 2 and "passphrase" in err and "PUPITRE_BANK_PASSPHRASE" in err


def test_an_unknown_profile(bank_options, capsys, qapp):
    code, err = run_main([*bank_options, "--profile", "marathon"], capsys)
    assert code == 2 and "no profile 'marathon'" in err
