"""The session's bank over the LAN: resumable with Range, cached, checked by hash and publisher."""

from __future__ import annotations

import hashlib

import pytest

from itembank.pbank import build_bank
from itembank.synth import synthetic_bank
from kiosk.link.banks import BankDownloadError, cached_path, check_publisher, fetch_bank
from kiosk.link.errors import ConsoleRefusedError
from protocol.keys import KeyPair
from protocol.room import BankDescriptor
from tests.kiosk.test_link import Room


@pytest.fixture(scope="module")
def bank_bytes(tmp_path_factory):
    publisher, center = KeyPair.generate("Éditeur"), KeyPair.generate("centre")
    path = build_bank(synthetic_bank(40, seed=3), tmp_path_factory.mktemp("bank") / "b.pbank", publisher,
                      [center.public])
    return path.read_bytes(), publisher


@pytest.fixture
def room(tmp_path, bank_bytes):
    room = Room(tmp_path)
    room.console.banks["synth"] = bank_bytes[0]
    yield room
    room.close()


def descriptor(data):
    return BankDescriptor("synth", hashlib.sha256(data).hexdigest(), len(data))


def test_the_bank_is_downloaded_in_ranges_and_checked(room, bank_bytes):
    data, publisher = bank_bytes
    room.console.bank_chunk_limit = len(data) // 3 + 1
    path = fetch_bank(room.connection, descriptor(data), room.tmp / "kiosk")
    assert path.read_bytes() == data and path == cached_path(room.tmp / "kiosk", descriptor(data))
    assert len(room.console.range_starts) == 3
    assert check_publisher(path, [publisher.public]) == publisher.public.signing_id


def test_a_cut_download_continues_where_it_stopped(room, bank_bytes):
    data, _ = bank_bytes
    target = cached_path(room.tmp / "kiosk", descriptor(data))
    target.parent.mkdir(parents=True)
    part = target.with_name(target.name + ".part")
    part.write_bytes(data[:1000])  # what a kiosk killed mid-download left
    fetch_bank(room.connection, descriptor(data), room.tmp / "kiosk")
    assert room.console.range_starts == [1000] and target.read_bytes() == data and not part.exists()


def test_a_cached_bank_is_not_downloaded_again(room, bank_bytes):
    data, _ = bank_bytes
    fetch_bank(room.connection, descriptor(data), room.tmp / "kiosk")
    fetch_bank(room.connection, descriptor(data), room.tmp / "kiosk")
    assert len(room.console.range_starts) == 1


def test_bytes_that_are_not_the_named_bank_are_discarded(room, bank_bytes):
    data, _ = bank_bytes
    room.console.bank_tamper = True
    with pytest.raises(BankDownloadError, match="SHA-256"):
        fetch_bank(room.connection, descriptor(data), room.tmp / "kiosk")
    target = cached_path(room.tmp / "kiosk", descriptor(data))
    assert not target.exists() and not target.with_name(target.name + ".part").exists()


def test_a_console_sending_more_than_the_size_is_stopped(room, bank_bytes):
    data, _ = bank_bytes
    short = BankDescriptor("synth", hashlib.sha256(data[:100]).hexdigest(), 100)
    with pytest.raises(BankDownloadError, match="more than"):
        fetch_bank(room.connection, short, room.tmp / "kiosk")


def test_an_unknown_bank_is_a_refusal(room):
    with pytest.raises(ConsoleRefusedError, match="no bank"):
        fetch_bank(room.connection, BankDescriptor("other", "ab" * 32, 10), room.tmp / "kiosk")


def test_a_bank_from_an_untrusted_publisher_is_refused_before_use(room, bank_bytes):
    data, _ = bank_bytes
    path = fetch_bank(room.connection, descriptor(data), room.tmp / "kiosk")
    with pytest.raises(BankDownloadError, match="trusted publisher"):
        check_publisher(path, [KeyPair.generate("someone").public])
