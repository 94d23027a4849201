"""`pupitre-kiosk enrol`: the proof both ways, nothing pinned on any doubt, discovery's messages."""

from __future__ import annotations

import datetime as dt
import socket

import pytest

from kiosk.cli import main
from kiosk.device import load_or_create_device
from kiosk.link.discovery import FoundConsole, choose_console
from kiosk.link.enrolment import enrol
from kiosk.link.errors import ConsoleIdentityError, LinkError
from kiosk.link.pairing import load_pairing
from protocol.keys import KeyPair
from tests.kiosk.link_console_double import ConsoleDouble


@pytest.fixture
def console(tmp_path):
    center = KeyPair.generate("Centre Jean Moulin")
    (tmp_path / "console").mkdir()
    double = ConsoleDouble(tmp_path / "console", KeyPair.generate("not enrolled yet").public, center).start()
    yield double
    double.stop()


def now():
    return dt.datetime.now(dt.UTC)


def test_enrol_on_the_command_line_pins_the_console_and_the_center(tmp_path, console, capsys):
    data = tmp_path / "kiosk"
    assert main(["enrol", "--console", console.address, "--data-dir", str(data), "--name", "Poste 7", "kmpq-rt7x"]) == 0
    out = capsys.readouterr().out
    assert "Enrolled as Poste 7" in out and "Centre Jean Moulin" in out
    pairing = load_pairing(data / "device")
    device = load_or_create_device(data)
    assert pairing.pin == console.pin and pairing.kiosk_id == device.key_id
    assert pairing.center_public == console.center.public.public_dict()
    assert console.kiosk.signing_id == device.key_id  # the console holds this kiosk's public key


def test_a_wrong_code_is_refused_and_nothing_is_pinned(tmp_path, console, capsys):
    data = tmp_path / "kiosk"
    assert main(["enrol", "--console", console.address, "--data-dir", str(data), "KMPQ-RT7Y"]) == 1
    err = capsys.readouterr().err
    assert "refused the enrolment" in err and "Traceback" not in err
    assert not (data / "device" / "room.json").exists()


def test_a_machine_in_the_middle_cannot_make_the_kiosk_pin_it(tmp_path, console):
    console.answer_pin = "ab" * 32  # it relays to the real console, whose proof names the real console's pin
    device = KeyPair.generate("kiosk-7")
    with pytest.raises(ConsoleIdentityError, match="nothing was pinned"):
        enrol(console.address, "KMPQRT7X", public=device.public, sign=device.sign, name="k7",
              device_dir=tmp_path / "device", now=now)
    assert not (tmp_path / "device" / "room.json").exists()


def test_a_certificate_statement_not_signed_by_the_center_is_refused(tmp_path, console):
    console.statement_signer = KeyPair.generate("someone else")
    device = KeyPair.generate("kiosk-7")
    with pytest.raises(ConsoleIdentityError, match="certificate statement"):
        enrol(console.address, "KMPQRT7X", public=device.public, sign=device.sign, name="k7",
              device_dir=tmp_path / "device", now=now)
    assert not (tmp_path / "device" / "room.json").exists()


@pytest.mark.parametrize("code", ["", "KMPQ", "KMPQ-RT7X-9", "KMP?-RT7X"])
def test_a_code_that_cannot_be_one_is_said_before_connecting(tmp_path, code):
    device = KeyPair.generate("kiosk-7")
    with pytest.raises(LinkError, match="enrolment code"):
        enrol("127.0.0.1:9", code, public=device.public, sign=device.sign, name="k7", device_dir=tmp_path, now=now)


def test_no_console_at_the_address_is_one_line(tmp_path, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert main(["enrol", "--console", f"127.0.0.1:{port}", "--data-dir", str(tmp_path), "KMPQRT7X"]) == 1
    err = capsys.readouterr().err
    assert "no console answers at" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("address", ["console", "host:", ":8443", "host:99999", "host:port"])
def test_a_malformed_console_address_is_named(tmp_path, capsys, address):
    assert main(["enrol", "--console", address, "--data-dir", str(tmp_path), "KMPQRT7X"]) == 1
    assert "expected HOST:PORT" in capsys.readouterr().err


def test_discovery_says_when_nothing_or_several_consoles_answer():
    a = FoundConsole("10.0.0.2:8443", "0750001A", "Lycée A", "ab" * 32, "Pupitre 0750001A abababab")
    b = FoundConsole("10.0.0.3:8443", "0750002B", "Lycée B", "cd" * 32, "Pupitre 0750002B cdcdcdcd")
    with pytest.raises(LinkError, match="--console HOST:PORT"):
        choose_console([])
    with pytest.raises(LinkError, match="2 consoles"):
        choose_console([a, b])
    assert choose_console([a]) == a and choose_console([a, b], "0750002B") == b


def test_the_enrol_command_is_listed_in_help(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "enrol" in capsys.readouterr().out
