import json
import os
import stat

import pytest

from protocol.errors import KeyFileError, UnwrapError, WrongPassphraseError
from protocol.keys import KeyPair, PublicKeys, ScryptParams
from protocol.keywrap import (
    unwrap_for_recipient,
    unwrap_with_passphrase,
    wrap_for_recipient,
    wrap_with_passphrase,
)


@pytest.fixture(scope="module")
def pair():
    return KeyPair.generate("center-75")


def test_private_key_file_round_trip_and_mode(tmp_path, pair):
    path = pair.save(tmp_path / "c.key", "correct horse")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    loaded = KeyPair.load(path, "correct horse")
    assert loaded.public.public_dict() == pair.public.public_dict()
    assert loaded.name == "center-75"
    text = path.read_text()
    assert "sealed" in text and "ciphertext" in text
    # the private key bytes never appear in clear
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    from protocol.canonical import b64encode

    raw = pair.signing_private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    assert b64encode(raw) not in text


def test_wrong_passphrase(tmp_path, pair):
    path = pair.save(tmp_path / "c.key", "right")
    with pytest.raises(WrongPassphraseError, match="wrong passphrase"):
        KeyPair.load(path, "wrong")


def test_swapped_public_part_is_detected(tmp_path, pair):
    path = pair.save(tmp_path / "c.key", "pw")
    data = json.loads(path.read_text())
    data["public"] = KeyPair.generate("other").public.public_dict()
    path.write_text(json.dumps(data))
    with pytest.raises((WrongPassphraseError, KeyFileError)):
        KeyPair.load(path, "pw")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "invalid JSON"),
        ('{"format": "something-else"}', "not a Pupitre private key"),
        ('{"format": "pupitre-key", "version": 9}', "version 9"),
        ('{"format": "pupitre-key", "version": 1}', "'sealed' section is missing"),
        ('{"format": "pupitre-key", "version": 1, "sealed": {"kdf": "md5"}}', "unsupported key derivation"),
        ('{"format": "pupitre-key", "version": 1, "sealed": {"kdf": "scrypt", "n": 2, "r": 8, "p": 1}}',
         "out of range"),
        ('{"format": "pupitre-key", "version": 1, "sealed": {"kdf": "scrypt", "n": 1073741824, "r": 8, "p": 1}}',
         "out of range"),  # 2^30 would ask for 128 GiB
        ('{"format": "pupitre-key", "version": 1, "sealed": {"kdf": "scrypt", "n": 2097152, "r": 8, "p": 1}}',
         "out of range"),  # 2^21: 2 GiB and several seconds before the passphrase is even checked
        ('{"format": "pupitre-key", "version": 1, "sealed": {"kdf": "scrypt", "n": 1048576, "r": 64, "p": 1}}',
         "out of range"),
        ('{"format": "pupitre-key", "version": 1, "sealed": {"kdf": "scrypt", "n": 16384, "r": 8, "p": 16}}',
         "out of range"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_bad_key_files(tmp_path, content, fragment):
    path = tmp_path / "bad.key"
    path.write_text(content)
    with pytest.raises(KeyFileError, match=fragment):
        KeyPair.load(path, "pw")


def test_public_file_given_where_private_needed(tmp_path, pair):
    pub = pair.public.save(tmp_path / "c.pub")
    assert PublicKeys.load(pub).signing_id == pair.public.signing_id
    with pytest.raises(KeyFileError, match="public key file"):
        KeyPair.load(pub, "pw")


def test_missing_key_file(tmp_path):
    with pytest.raises(KeyFileError, match="no such key file"):
        PublicKeys.load(tmp_path / "absent.pub")


def test_empty_passphrase_refused(tmp_path, pair):
    with pytest.raises(KeyFileError, match="empty passphrase"):
        pair.save(tmp_path / "c.key", "")


def test_wrap_for_recipient(pair):
    key = os.urandom(32)
    entry = wrap_for_recipient(key, pair.public.wrapping, b"bank-1")
    assert entry["recipient"] == pair.public.wrapping_id
    assert unwrap_for_recipient(entry, pair.wrapping_private, b"bank-1") == key
    with pytest.raises(UnwrapError):
        unwrap_for_recipient(entry, pair.wrapping_private, b"bank-2")  # moved to another bank
    with pytest.raises(UnwrapError):
        unwrap_for_recipient(entry, KeyPair.generate("x").wrapping_private, b"bank-1")


def test_wrap_with_passphrase():
    key = os.urandom(32)
    entry = wrap_with_passphrase(key, "demo", b"ctx")
    assert unwrap_with_passphrase(entry, "demo", b"ctx") == key
    with pytest.raises(WrongPassphraseError):
        unwrap_with_passphrase(entry, "Demo", b"ctx")
    with pytest.raises(UnwrapError, match="malformed"):
        unwrap_with_passphrase({**entry, "salt": "@@"}, "demo", b"ctx")


def test_new_key_files_cost_at_least_2_17(tmp_path, pair):
    """A key sealed by a person's passphrase must resist guessing: scrypt n of 2^17 or more."""
    body = json.loads(pair.save(tmp_path / "c.key", "pw").read_text())
    assert body["sealed"]["n"] >= 2**17
    assert ScryptParams().n >= 2**17
