"""The tamper and bad-input sweep: random byte flips on a bank, a result bundle and a journal, and the
malformed inputs of the hostile review, through the real loaders and command lines.

Every corrupted input must be refused with the project's own error (or a clean exit code), never
accepted and never with a traceback. A flip that lands where a file holds no data (SQLite's free
space) may be read back unchanged: that is not an accepted corruption, since what is read is exactly
what was written; reading *something else* without an error is one.
"""

from __future__ import annotations

import base64
import random
import shutil
import sqlite3
import struct

import pytest

from itembank import cli as bank_cli
from itembank.errors import ItemBankError
from itembank.pbank import HEADER, MAGIC, build_bank, open_bank
from itembank.synth import synthetic_bank
from kiosk import cli as kiosk_cli
from kiosk.errors import JournalError, KioskError
from kiosk.journal import JournalStore
from kiosk.outbox import survey_outbox
from protocol.bundle import read_bundle, verify_bundle
from protocol.errors import ProtocolError
from protocol.keys import KeyPair, ScryptParams
from tests.kiosk import test_outbox

device, bank = test_outbox.device, test_outbox.bank  # the outbox tests' fixtures

SEED = 20261206
FLIPS = 120  # per file: the whole sweep runs in seconds


def _flips(length: int, count: int, seed: int) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    return [(rng.randrange(length), 1 << rng.randrange(8)) for _ in range(count)]


def _flipped(data: bytes, position: int, bit: int) -> bytes:
    out = bytearray(data)
    out[position] ^= bit
    return bytes(out)


# -- the bank ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def bank_file(tmp_path_factory):
    keys = {"publisher": KeyPair.generate("publisher"), "center": KeyPair.generate("center")}
    source = synthetic_bank(48, seed=3)
    source.attachments = {"table.csv": b"name,score\nAda,12\n", "pic.png": bytes(range(256)) * 4}
    path = tmp_path_factory.mktemp("bank") / "b.pbank"
    build_bank(source, path, keys["publisher"], [keys["center"].public])
    return path, keys


def test_random_flips_in_a_bank_are_all_refused(bank_file, tmp_path):
    path, keys = bank_file
    original = path.read_bytes()
    target = tmp_path / "t.pbank"
    accepted = []
    for position, bit in _flips(len(original), FLIPS, SEED):
        target.write_bytes(_flipped(original, position, bit))
        try:
            with open_bank(target, [keys["publisher"].public], recipient=keys["center"]) as opened:
                opened.verify_all()
        except (ItemBankError, ProtocolError):
            continue
        accepted.append(position)
    assert accepted == []


def test_flipped_banks_through_pupitre_bank_verify(bank_file, tmp_path, capsys):
    path, keys = bank_file
    original = path.read_bytes()
    key = keys["center"].save(tmp_path / "center.key", "pw", ScryptParams(n=2**14))
    trust = keys["publisher"].public.save(tmp_path / "publisher.pub")
    (tmp_path / "pp").write_text("pw")
    target = tmp_path / "t.pbank"
    for position, bit in _flips(len(original), 12, SEED + 4):
        target.write_bytes(_flipped(original, position, bit))
        code = bank_cli.main(["verify", str(target), "--trust", str(trust), "--key", str(key),
                              "--key-passphrase-file", str(tmp_path / "pp")])
        err = capsys.readouterr().err
        assert code == 1 and err.startswith("pupitre-bank: error: ") and err.count("\n") == 1, err
        assert "Traceback" not in err


# -- the result bundle ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def written(tmp_path_factory, device, bank):
    """A kiosk data directory with one submitted exam: its bundle and its journal."""
    data_dir = tmp_path_factory.mktemp("kiosk") / "data"
    kiosk = test_outbox.Kiosk(data_dir, device, bank)
    kiosk.finished_session("att-1").submit()
    events = [e.hash for e in kiosk.store.open_attempt("att-1").events()]
    kiosk.store.close()
    with sqlite3.connect(data_dir / "journal.sqlite") as conn:  # the WAL folded in, as after a clean stop
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return data_dir, events


def _signature_padding_flips(data: bytes) -> list[tuple[int, int]]:
    """Flips of the bits base64 decoding ignores, in the last character of each signature."""
    flips, start = [], 0
    alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    while (found := data.find(b'"sig":"', start)) != -1:
        end = data.index(b'"', found + 7)
        last = end - 1 - data[found + 7:end].count(b"=")
        other = alphabet[alphabet.index(data[last]) ^ 1]
        flips.append((last, data[last] ^ other))
        start = end
    return flips


def test_random_flips_in_a_result_bundle_are_all_refused(written, device, tmp_path):
    data_dir, _ = written
    original = (data_dir / "outbox" / "att-1.pbundle").read_bytes()
    padding = _signature_padding_flips(original)
    assert padding and base64.b64decode(_flipped(original, *padding[0])[padding[0][0] - 85:padding[0][0] + 3]
                                        + b"==")  # the altered text still decodes
    outbox_only = tmp_path / "kiosk"
    (outbox_only / "outbox").mkdir(parents=True)
    target = outbox_only / "outbox" / "att-1.pbundle"
    accepted = []
    for position, bit in [*_flips(len(original), FLIPS, SEED + 1), *padding]:
        data = _flipped(original, position, bit)
        try:
            verified = verify_bundle(read_bundle(data), [device.public]).ok
        except ProtocolError:
            verified = False
        target.write_bytes(data)
        listed = survey_outbox(outbox_only)
        if verified or listed.pending or not listed.damaged:
            accepted.append(position)
    assert accepted == []


# -- the journal ------------------------------------------------------------------------------------
def test_random_flips_in_a_journal_never_give_other_events(written, device, tmp_path):
    data_dir, events = written
    original = (data_dir / "journal.sqlite").read_bytes()
    accepted, refused, unchanged = [], 0, 0
    # half anywhere, half on bytes that hold something (most of a small SQLite file is free space)
    used = [i for i, byte in enumerate(original) if byte]
    flips = _flips(len(original), FLIPS // 2, SEED + 2) + [(used[p], b) for p, b in _flips(len(used), FLIPS // 2, SEED)]
    for index, (position, bit) in enumerate(flips):
        copy = tmp_path / f"k{index}"
        copy.mkdir()
        (copy / "journal.sqlite").write_bytes(_flipped(original, position, bit))
        try:
            with JournalStore(copy, device) as store:
                read = [e.hash for e in store.open_attempt("att-1").events()]
        except JournalError:
            refused += 1
            continue
        finally:
            shutil.rmtree(copy / "outbox", ignore_errors=True)
        if read != events:
            accepted.append(position)
        else:
            unchanged += 1
    assert accepted == []
    assert refused > FLIPS // 3  # the flips reached the data, not only free space
    print(f"journal flips: {refused} refused, {unchanged} read back unchanged (free space), 0 accepted")


def test_the_outbox_command_survives_a_flipped_journal(written, tmp_path, capsys):
    data_dir, _ = written
    original = (data_dir / "journal.sqlite").read_bytes()
    for index, (position, bit) in enumerate(_flips(len(original), 20, SEED + 3)):
        copy = tmp_path / f"k{index}"
        shutil.copytree(data_dir, copy)
        (copy / "journal.sqlite").write_bytes(_flipped(original, position, bit))
        code = kiosk_cli.main(["outbox", "--data-dir", str(copy)])
        captured = capsys.readouterr()
        assert code in (0, 1) and "Traceback" not in captured.err
        assert "att-1.pbundle" in captured.out  # the bundle does not depend on the journal


# -- the malformed inputs of the review -------------------------------------------------------------
ALIAS_BOMB = "\n".join(["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
                       + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]) + "\n"


def _bank_source(tmp_path):
    from itembank.authoring import write_source

    return write_source(synthetic_bank(64, seed=5), tmp_path / "src")


def _deep_manifest(tmp_path):
    manifest = b"[" * 100_000 + b"]" * 100_000
    path = tmp_path / "deep.pbank"
    path.write_bytes(HEADER.pack(MAGIC, 1, len(manifest)) + manifest)
    return path


def _huge_scrypt_key(tmp_path):
    path = tmp_path / "huge.key"
    path.write_text('{"format": "pupitre-key", "version": 1, "name": "x", "public": {}, "sealed": '
                    '{"kdf": "scrypt", "n": 1073741824, "r": 8, "p": 1, "salt": "", "nonce": "", "ciphertext": ""}}')
    return path


def _bank_cases():
    def alias_bomb(tmp_path):
        root = _bank_source(tmp_path)
        (root / "items" / "bomb.yaml").write_text(ALIAS_BOMB)
        return ["validate", str(root)], "items/bomb.yaml:2: YAML aliases"

    def linked_attachment(tmp_path):
        root = _bank_source(tmp_path)
        (root / "attachments").mkdir(exist_ok=True)
        (root / "attachments" / "passwd.txt").symlink_to("/etc/passwd")
        return ["validate", str(root)], "attachments/passwd.txt: a symbolic link"

    def deep_manifest(tmp_path):
        return ["inspect", str(_deep_manifest(tmp_path))], "nested deeper than 64 levels"

    def latin1_passphrase(tmp_path):
        (tmp_path / "pp").write_bytes("clé".encode("latin-1"))
        return (["keygen", "k", "-o", str(tmp_path), "--passphrase-file", str(tmp_path / "pp")],
                "is not UTF-8 text")

    def huge_scrypt(tmp_path):
        key = _huge_scrypt_key(tmp_path)
        (tmp_path / "pp").write_text("pw")
        return (["verify", str(_deep_manifest(tmp_path)), "--trust", str(key), "--key", str(key),
                 "--key-passphrase-file", str(tmp_path / "pp")], "")

    def truncated_bank(tmp_path):
        path = tmp_path / "short.pbank"
        path.write_bytes(MAGIC + struct.pack(">II", 1, 10_000) + b"{")
        return ["inspect", str(path)], str(path)

    return [alias_bomb, linked_attachment, deep_manifest, latin1_passphrase, huge_scrypt, truncated_bank]


@pytest.mark.parametrize("case", _bank_cases(), ids=lambda c: c.__name__)
def test_malformed_inputs_to_pupitre_bank_give_one_clean_error(case, tmp_path, capsys):
    args, fragment = case(tmp_path)
    assert bank_cli.main(args) == 1
    err = capsys.readouterr().err
    assert fragment in err and "Traceback" not in err


def test_a_huge_scrypt_cost_is_refused_before_any_work(tmp_path):
    with pytest.raises(ProtocolError, match="out of range"):
        KeyPair.load(_huge_scrypt_key(tmp_path), "pw")
    with pytest.raises(ProtocolError, match="out of range"):
        ScryptParams.from_dict({"kdf": "scrypt", "n": 2**22, "r": 8, "p": 1}, "x")


@pytest.mark.parametrize("content", [b"[" * 100_000 + b"]" * 100_000, b"\xff\xfe", b"{}", b""])
def test_malformed_bundles_and_journals_to_pupitre_kiosk_give_clean_exits(written, tmp_path, capsys, content):
    data_dir, _ = written
    copy = tmp_path / "kiosk"
    shutil.copytree(data_dir, copy)
    (copy / "outbox" / "att-2.pbundle").write_bytes(content)
    (copy / "journal.sqlite").write_bytes(content or b"\0" * 4096)
    assert kiosk_cli.main(["outbox", "--data-dir", str(copy)]) == 1
    captured = capsys.readouterr()
    assert "att-1.pbundle" in captured.out and "att-2.pbundle is damaged" in captured.err
    assert "Traceback" not in captured.err
    stick = tmp_path / "usb"
    stick.mkdir()
    assert kiosk_cli.main(["export", "--to", str(stick), "--data-dir", str(copy)]) == 1
    assert [p.name for p in stick.iterdir()] == ["att-1.pbundle"]
    with pytest.raises(KioskError):
        JournalStore(copy, None)
