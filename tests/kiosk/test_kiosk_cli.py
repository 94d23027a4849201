"""``pupitre-kiosk outbox`` and ``pupitre-kiosk export``: what a center runs to carry results on a stick."""

import hashlib

import pytest

from kiosk import cli
from kiosk.outbox import pending
from protocol.bundle import read_bundle, receipt_code, verify_bundle
from tests.kiosk import test_outbox
from tests.kiosk.test_outbox import Kiosk

device, bank, kiosk = test_outbox.device, test_outbox.bank, test_outbox.kiosk  # the outbox tests' fixtures


def test_outbox_lists_waiting_bundles_with_their_receipt_codes(kiosk, capsys):
    code = kiosk.finished_session("att-1").submit()
    kiosk.finished_session("att-2")  # finished, not submitted: still in the journal only
    assert cli.main(["outbox", "--data-dir", str(kiosk.data_dir)]) == 0
    out = capsys.readouterr().out
    assert "1 result bundle(s) waiting for delivery" in out
    assert code in out and "att-1" in out and "not exported yet" in out
    assert "att-2" in out and "not submitted yet" in out


def test_export_copies_to_the_stick_and_prints_the_receipts(kiosk, tmp_path, capsys):
    code = kiosk.finished_session("att-1").submit()
    stick = tmp_path / "stick"
    stick.mkdir()
    assert cli.main(["export", "--to", str(stick), "--data-dir", str(kiosk.data_dir)]) == 0
    out = capsys.readouterr().out
    copies = list(stick.iterdir())
    assert len(copies) == 1 and code in out and copies[0].name in out
    data = copies[0].read_bytes()
    assert receipt_code(hashlib.sha256(data).hexdigest()) == code
    assert verify_bundle(read_bundle(data), [kiosk.store.device.keypair.public]).ok
    assert [b.attempt_id for b in pending(kiosk.data_dir)] == ["att-1"]  # still waiting for its receipt
    assert cli.main(["outbox", "--data-dir", str(kiosk.data_dir)]) == 0
    assert "exported" in capsys.readouterr().out


def test_export_problems_are_explained_without_a_traceback(kiosk, tmp_path, capsys):
    kiosk.finished_session("att-1").submit()
    assert cli.main(["export", "--to", str(tmp_path / "not-mounted"), "--data-dir", str(kiosk.data_dir)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("pupitre-kiosk: ") and "plug in and mount the USB stick" in err
    assert cli.main(["export", "--to", str(tmp_path), "--data-dir", str(tmp_path / "nowhere")]) == 1
    assert "no kiosk data directory" in capsys.readouterr().err
    assert cli.main(["outbox", "--data-dir", str(tmp_path / "nowhere")]) == 2
    assert "no kiosk data directory" in capsys.readouterr().err


def test_an_empty_outbox_exports_nothing(tmp_path, device, bank, capsys):
    empty = Kiosk(tmp_path / "data", device, bank)
    empty.store.close()
    stick = tmp_path / "stick"
    stick.mkdir()
    assert cli.main(["export", "--to", str(stick), "--data-dir", str(tmp_path / "data")]) == 0
    assert "nothing was copied" in capsys.readouterr().out and list(stick.iterdir()) == []


def test_wrong_arguments_are_usage_errors(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["export"])
    assert exit_info.value.code == 2 and "--to" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--bank"])  # the kiosk's own options go to the kiosk
    assert exit_info.value.code == 2


def test_the_console_script_is_declared():
    import tomllib
    from pathlib import Path

    scripts = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["pupitre-kiosk"] == "kiosk.cli:main"


# -- before Qt starts: what would make it abort the process ------------------------------------------
def _libraries(*present):
    return lambda name: f"lib{name}.so" if name in present else None


@pytest.mark.parametrize(("environ", "libraries", "expected"), [
    ({}, ("xcb", "xcb-cursor"), "no display: DISPLAY and WAYLAND_DISPLAY are unset"),
    ({"QT_QPA_PLATFORM": "xcb"}, ("xcb", "xcb-cursor"), "no display"),
    ({"QT_QPA_PLATFORM": "offscreen"}, (), None),
    ({"DISPLAY": ":0"}, ("xcb", "xcb-cursor"), None),
    ({"DISPLAY": ":0"}, ("xcb",), "libxcb-cursor is missing. On Debian or Ubuntu: sudo apt-get install libxcb-cursor0"),
    ({"DISPLAY": ":0"}, (), None),  # the lookup finds nothing at all: it proves nothing, Qt may still start
    ({"WAYLAND_DISPLAY": "wayland-0"}, (), None),
    ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}, ("xcb",), "libxcb-cursor"),
])
def test_display_problems_are_said_before_qt_would_abort(environ, libraries, expected):
    from kiosk.app import display_problem

    problem = display_problem(environ, "linux", _libraries(*libraries))
    assert problem == expected if expected is None else expected in problem


def test_other_systems_are_left_to_qt():
    from kiosk.app import display_problem

    assert display_problem({}, "win32", _libraries()) is None
    assert display_problem({}, "darwin", _libraries()) is None


def test_without_a_display_the_kiosk_says_so_and_exits_2(monkeypatch, capsys):
    from kiosk import app

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(app.sys, "platform", "linux")
    assert app.main(["--practice", "--demo"]) == 2
    assert "pupitre-kiosk: no display" in capsys.readouterr().err


@pytest.mark.parametrize("mode", [["--practice"], ["--exam", "--passphrase-file", "x"]])
def test_a_bank_file_that_does_not_exist_is_named(tmp_path, capsys, monkeypatch, mode):
    from kiosk import app
    from kiosk.guard.unlock import set_unlock_code
    from protocol.keys import ScryptParams

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    set_unlock_code(tmp_path / "data", "surveillant-42", ScryptParams(n=2**14))  # exam mode asks for it first
    missing = tmp_path / "exam.pbank"
    assert app.main([*mode, "--bank", str(missing), "--data-dir", str(tmp_path / "data")]) == 2
    assert f"pupitre-kiosk: bank {missing}: no such file" in capsys.readouterr().err
