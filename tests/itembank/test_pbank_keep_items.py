"""A verifier may keep a bank's decrypted items; without asking, every call decrypts afresh."""

from itembank.pbank import build_bank, open_bank
from itembank.synth import synthetic_bank
from protocol.keys import KeyPair


def test_items_are_kept_only_when_asked(tmp_path):
    publisher, hub = KeyPair.generate("publisher"), KeyPair.generate("hub")
    path = build_bank(synthetic_bank(40, seed=3), tmp_path / "b.pbank", publisher, recipients=[hub.public])
    with open_bank(path, [publisher.public], recipient=hub) as bank:
        first = bank.metas[0].id
        assert bank.item(first) == bank.item(first) and bank.item(first) is not bank.item(first)
        bank.keep_items()
        kept = bank.item(first)
        assert bank.item(first) is kept and kept == bank.item(bank.metas[0].id)
        assert bank.pool is bank.pool and len(bank.pool) == 40
