"""The kiosk's device key: made once, loaded unattended, bound to the machine, never silently replaced."""

import datetime as dt
import json
import os
import stat

import pytest

from kiosk.clock import SystemClock
from kiosk.device import DeviceKeyError, load_or_create_device, read_machine_secret
from protocol.canonical import b64encode
from protocol.errors import UnwrapError

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def machine(secret):
    return lambda: secret


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_first_start_makes_the_key_and_later_starts_load_it(tmp_path):
    first = load_or_create_device(tmp_path, name="kiosk-07", machine_secret=machine("machine-A"))
    again = load_or_create_device(tmp_path, machine_secret=machine("machine-A"))
    assert again.key_id == first.key_id and again.name == "kiosk-07"
    assert first.binding == again.binding == "machine-id"
    files = sorted(p.name for p in (tmp_path / "device").iterdir())
    assert files == ["device.json", "device.key", "device.pub"]
    info = json.loads((tmp_path / "device" / "device.json").read_text())
    assert info["key_id"] == first.key_id and info["binding"] == "machine-id"


@posix_only
def test_private_parts_are_sealed_and_private(tmp_path):
    device = load_or_create_device(tmp_path, machine_secret=machine("machine-A"))
    key_file = tmp_path / "device" / "device.key"
    assert mode(tmp_path) == 0o700 and mode(tmp_path / "device") == 0o700
    assert mode(key_file) == 0o600 and mode(tmp_path / "device" / "device.pub") == 0o644
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    for private in (device.keypair.signing_private, device.keypair.wrapping_private):
        raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        assert b64encode(raw) not in key_file.read_text()


@posix_only
def test_loose_modes_are_tightened_on_load(tmp_path):
    load_or_create_device(tmp_path, machine_secret=machine("machine-A"))
    os.chmod(tmp_path / "device" / "device.key", 0o644)
    os.chmod(tmp_path / "device", 0o755)
    load_or_create_device(tmp_path, machine_secret=machine("machine-A"))
    assert mode(tmp_path / "device" / "device.key") == 0o600 and mode(tmp_path / "device") == 0o700


def test_a_copied_data_directory_does_not_open_on_another_machine(tmp_path):
    load_or_create_device(tmp_path, machine_secret=machine("machine-A"))
    key_file = tmp_path / "device" / "device.key"
    before = key_file.read_bytes()
    with pytest.raises(DeviceKeyError, match=r"sealed on another machine.*re-enrol"):
        load_or_create_device(tmp_path, machine_secret=machine("machine-B"))
    assert key_file.read_bytes() == before  # never replaced by a new key


def test_a_machine_bound_key_whose_machine_id_vanished_is_an_error(tmp_path):
    load_or_create_device(tmp_path, machine_secret=machine("machine-A"))
    with pytest.raises(DeviceKeyError, match="machine's id, which cannot be read"):
        load_or_create_device(tmp_path, machine_secret=machine(None))


def test_without_a_machine_id_the_key_is_unbound_and_still_loads(tmp_path):
    first = load_or_create_device(tmp_path, machine_secret=machine(None))
    assert first.binding == "none"
    # a machine id appearing later (e.g. a system update) does not lock the key out
    assert load_or_create_device(tmp_path, machine_secret=machine("machine-A")).key_id == first.key_id


def test_a_damaged_key_file_is_reported_not_replaced(tmp_path):
    load_or_create_device(tmp_path, machine_secret=machine("machine-A"))
    (tmp_path / "device" / "device.key").write_text("{not json")
    with pytest.raises(DeviceKeyError, match="cannot read the device key"):
        load_or_create_device(tmp_path, machine_secret=machine("machine-A"))
    assert (tmp_path / "device" / "device.key").read_text() == "{not json"


def test_wrapped_keys_open_only_on_this_device_and_in_their_context(tmp_path):
    device = load_or_create_device(tmp_path / "a", machine_secret=machine("machine-A"))
    other = load_or_create_device(tmp_path / "b", machine_secret=machine("machine-A"))
    entry = device.wrap(b"k" * 32, b"attempt-1")
    assert device.unwrap(entry, b"attempt-1") == b"k" * 32
    with pytest.raises(UnwrapError):
        device.unwrap(entry, b"attempt-2")
    with pytest.raises(UnwrapError):
        other.unwrap(entry, b"attempt-1")


def test_machine_secret_is_text_or_none():
    secret = read_machine_secret()
    assert secret is None or (isinstance(secret, str) and secret.strip() == secret and secret)


def test_system_clock_is_aware_and_monotonic():
    clock = SystemClock()
    first, now = clock.monotonic(), clock.now()
    assert now.tzinfo is not None and now.utcoffset() == dt.timedelta(0)
    assert clock.monotonic() >= first
