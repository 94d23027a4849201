"""The .pbank file: round trip, every bad-input case with its own error, and tamper detection."""

import dataclasses
import datetime as dt
import hashlib
import json

import pytest

from itembank.bank import BankMeta
from itembank.errors import (
    BankFileError,
    BankKeyError,
    BankTooLargeError,
    ExpiredBankError,
    NotABankError,
    TamperedBankError,
    TruncatedBankError,
    UnknownItemError,
    UntrustedPublisherError,
)
from itembank.pbank import HEADER, build_bank, open_bank, read_manifest
from itembank.synth import synthetic_bank
from protocol.aead import seal
from protocol.keys import KeyPair


@pytest.fixture(scope="module")
def keys():
    return {"publisher": KeyPair.generate("publisher"), "center": KeyPair.generate("center-a"),
            "other": KeyPair.generate("center-b")}


@pytest.fixture(scope="module")
def source():
    bank = synthetic_bank(48, seed=3)
    bank.attachments = {"table.csv": b"name,score\nAda,12\nLin,15\n", "pic.png": bytes(range(256)) * 8}
    return bank


@pytest.fixture(scope="module")
def bank_file(tmp_path_factory, source, keys):
    path = tmp_path_factory.mktemp("bank") / "b.pbank"
    build_bank(source, path, keys["publisher"], [keys["center"].public], passphrase="demo")
    return path


def opened(path, keys, **kwargs):
    kwargs.setdefault("recipient", keys["center"])
    return open_bank(path, [keys["publisher"].public], **kwargs)


def test_round_trip(bank_file, source, keys):
    with opened(bank_file, keys) as bank:
        assert bank.meta == source.meta
        assert [m.id for m in bank.metas] == [i.id for i in source.items]
        assert bank.metas[0] == source.items[0].meta()
        for item in source.items:
            assert bank.item(item.id) == item
        assert bank.attachment("table.csv") == source.attachments["table.csv"]
        assert bank.attachments["pic.png"].media_type == "image/png"
        assert bank.profile().length == 32 and bank.profile("practice-short").length == 12
        assert bank.framework == source.framework
        bank.verify_all()


def test_passphrase_opens_too(bank_file, source, keys):
    with opened(bank_file, keys, recipient=None, passphrase="demo") as bank:
        assert bank.item(source.items[1].id) == source.items[1]


def test_nothing_readable_in_clear(bank_file, source):
    data = bank_file.read_bytes()
    item = source.items[0]
    assert item.statement.fr.encode() not in data
    assert b"Ada,12" not in data


def test_unknown_item_and_profile(bank_file, keys):
    with opened(bank_file, keys) as bank:
        with pytest.raises(UnknownItemError, match="no item nope"):
            bank.item("nope")
        with pytest.raises(UnknownItemError, match="no profile 'marathon'"):
            bank.profile("marathon")


# -- each bad input has its own error ---------------------------------------------------------
def test_wrong_passphrase(bank_file, keys):
    with pytest.raises(BankKeyError, match="wrong passphrase"):
        opened(bank_file, keys, recipient=None, passphrase="Demo")


def test_wrong_center_key(bank_file, keys):
    with pytest.raises(BankKeyError, match=r"not readable with the key given.*center-a"):
        opened(bank_file, keys, recipient=keys["other"])


def test_no_key_at_all(bank_file, keys):
    with pytest.raises(BankKeyError, match="opens with center keys: center-a; a passphrase"):
        opened(bank_file, keys, recipient=None)


def test_untrusted_publisher(bank_file, keys):
    with pytest.raises(UntrustedPublisherError, match=r"published by 'publisher'.*not a trusted publisher"):
        open_bank(bank_file, [keys["other"].public], recipient=keys["center"])


def test_expired_bank(tmp_path, source, keys):
    meta = dataclasses.replace(source.meta, expires=dt.date(2026, 1, 31))
    path = build_bank(dataclasses.replace(source, meta=meta), tmp_path / "old.pbank", keys["publisher"],
                      [keys["center"].public])
    opened(path, keys, now=dt.datetime(2026, 1, 31, 23, 0, tzinfo=dt.UTC)).close()
    with pytest.raises(ExpiredBankError, match="expired on 2026-01-31"):
        opened(path, keys, now=dt.datetime(2026, 2, 1, 0, 1, tzinfo=dt.UTC))


def test_not_a_bank(tmp_path, keys):
    (tmp_path / "x.pbank").write_bytes(b"%PDF-1.7 hello world, this is not a bank at all")
    with pytest.raises(NotABankError, match="not a Pupitre bank"):
        opened(tmp_path / "x.pbank", keys)
    (tmp_path / "empty.pbank").write_bytes(b"")
    with pytest.raises(NotABankError):
        opened(tmp_path / "empty.pbank", keys)
    with pytest.raises(NotABankError, match="no such file"):
        opened(tmp_path / "absent.pbank", keys)
    with pytest.raises(NotABankError, match="is a folder"):
        opened(tmp_path, keys)


def test_newer_format_is_named(tmp_path, bank_file, keys):
    data = bytearray(bank_file.read_bytes())
    data[8:12] = (7).to_bytes(4, "big")
    (tmp_path / "v7.pbank").write_bytes(bytes(data))
    with pytest.raises(NotABankError, match="format 7 is not supported"):
        opened(tmp_path / "v7.pbank", keys)


@pytest.mark.parametrize("keep", [4, 15, 100, 2000, -1, -17, -200])
def test_truncated(tmp_path, bank_file, keys, keep):
    data = bank_file.read_bytes()
    (tmp_path / "cut.pbank").write_bytes(data[:keep])
    with pytest.raises((TruncatedBankError, NotABankError)), opened(tmp_path / "cut.pbank", keys) as bank:
        bank.verify_all()


def test_trailing_bytes(tmp_path, bank_file, keys):
    (tmp_path / "long.pbank").write_bytes(bank_file.read_bytes() + b"\0")
    with pytest.raises(TamperedBankError, match="1 unexpected bytes"):
        opened(tmp_path / "long.pbank", keys)


# -- tampering ---------------------------------------------------------------------------------
def _regions(bank_file, keys):
    envelope, payload_start = read_manifest(bank_file)
    manifest = bank_file.read_bytes()[HEADER.size:payload_start]
    sig_at = HEADER.size + manifest.index(b'"signatures":[')
    regions = {
        "header": range(0, HEADER.size),
        "manifest": range(HEADER.size, sig_at, 3),
        "signature": range(sig_at, payload_start),
        "index": range(payload_start, payload_start + envelope.signed["payload"]["index_length"], 5),
    }
    with opened(bank_file, keys) as bank:
        for part, (offset, length) in bank.layout().items():
            kind = "attachments" if part.startswith("attachment/") else "items"
            positions = {offset, offset + 5, offset + 12, offset + length // 2, offset + length - 1}
            regions.setdefault(kind, [])
            regions[kind] = [*regions[kind], *sorted(positions)]
    return regions


def test_flipping_any_byte_is_detected(tmp_path, bank_file, keys):
    original = bank_file.read_bytes()
    target = tmp_path / "t.pbank"
    tried = {}
    for region, positions in _regions(bank_file, keys).items():
        count = 0
        for position in positions:
            data = bytearray(original)
            data[position] ^= 0x01 << (position % 8)
            target.write_bytes(bytes(data))
            with pytest.raises(BankFileError), opened(target, keys) as bank:
                bank.verify_all()
            count += 1
        tried[region] = count
    assert set(tried) == {"header", "manifest", "signature", "index", "items", "attachments"}
    assert all(n > 0 for n in tried.values())
    assert sum(tried.values()) > 1000


def test_key_holder_cannot_swap_or_rewrite_an_item(tmp_path, bank_file, source, keys):
    """A center holds the content key; the publisher's hashes still catch a re-sealed item."""
    original = bank_file.read_bytes()
    with opened(bank_file, keys) as bank:
        layout = bank.layout()
        first, second = source.items[0], source.items[1]
        offset, length = layout[f"item/{first.id}"]
        plain = json.dumps(first.to_dict()).replace("synthétique", "synthetiqu\u00e9").encode()
        forged = seal(bank._key, plain, f"pupitre/bank|{bank.meta.id}|{bank.meta.version}|item/{first.id}".encode())
        o2, l2 = layout[f"item/{second.id}"]
    data = bytearray(original)
    data[offset:offset + length] = forged[:length].ljust(length, b"\0")
    (tmp_path / "forged.pbank").write_bytes(bytes(data))
    with opened(tmp_path / "forged.pbank", keys) as bank, pytest.raises(TamperedBankError, match=first.id):
        bank.item(first.id)
    # moving a piece onto another item's place fails too
    if l2 == length:
        data = bytearray(original)
        data[offset:offset + length] = original[o2:o2 + l2]
        (tmp_path / "moved.pbank").write_bytes(bytes(data))
        with opened(tmp_path / "moved.pbank", keys) as bank, pytest.raises(TamperedBankError):
            bank.item(first.id)


def test_manifest_hash_identifies_the_bank(bank_file, keys):
    with opened(bank_file, keys) as bank:
        envelope, _ = read_manifest(bank_file)
        assert bank.manifest_sha256 == hashlib.sha256(envelope.to_bytes()).hexdigest()


def test_bank_needs_a_recipient(tmp_path, source, keys):
    with pytest.raises(BankKeyError, match="at least one recipient"):
        build_bank(source, tmp_path / "x.pbank", keys["publisher"])


def test_meta_of_other_version_does_not_open_piece(tmp_path, source, keys):
    """Pieces are bound to the bank id and version through their associated data."""
    v2 = dataclasses.replace(source, meta=BankMeta(source.meta.id, 2, source.meta.title))
    p1 = build_bank(source, tmp_path / "v1.pbank", keys["publisher"], [keys["center"].public])
    p2 = build_bank(v2, tmp_path / "v2.pbank", keys["publisher"], [keys["center"].public])
    with opened(p1, keys) as b1, opened(p2, keys) as b2:
        assert b1.manifest_sha256 != b2.manifest_sha256
        assert b1.item(source.items[0].id) == b2.item(source.items[0].id)


def test_a_bank_past_its_size_limit_is_not_written(tmp_path, source, keys):
    target = tmp_path / "big.pbank"
    with pytest.raises(BankTooLargeError, match=r"more than the limit of 0 MiB \(--max-bank-mb\); nothing was written"):
        build_bank(source, target, keys["publisher"], [keys["center"].public], max_bytes=10_000)
    assert not target.exists()
    assert build_bank(source, target, keys["publisher"], [keys["center"].public]).exists()  # the default fits
