"""The exposure record across a room: r_max holds over the candidates only when kiosks get the center's record."""

from __future__ import annotations

import math

import numpy as np
import pytest

from invigilator.core.exposure import ExposureSnapshot, shown_items
from itembank.cat import AdaptiveTest, ExposureRecord, ItemPool
from itembank.model import Outcome
from itembank.pbank import build_bank, open_bank
from itembank.synth import synthetic_bank
from protocol.keys import KeyPair


@pytest.fixture(scope="module")
def bank(tmp_path_factory):
    publisher = KeyPair.generate("publisher")
    path = build_bank(synthetic_bank(320, seed=5), tmp_path_factory.mktemp("exposure") / "b.pbank", publisher,
                      passphrase="x")
    with open_bank(path, [publisher.public], passphrase="x") as opened:
        yield opened


def room(bank, candidates, *, shared):
    """Candidates of one ability one after another; each kiosk gets the console's record when ``shared``."""
    pool, profile = ItemPool(bank.metas, bank.framework), bank.profile("certification")
    snapshot = ExposureSnapshot(bank.id)
    for c in range(candidates):
        record = ExposureRecord.from_dict(snapshot.to_dict()) if shared else None
        test, rng, shown = AdaptiveTest(pool, bank.framework, profile, 1000 + c, exposure=record), \
            np.random.default_rng(c), []
        while not test.finished:
            item = test.next_item()
            k = pool.index[item]
            shown.append({"item_id": item})
            right = rng.random() < 1 / (1 + math.exp(pool.a[k] * pool.b[k]))
            test.record(item, Outcome.OK if right else Outcome.KO)
        snapshot = snapshot.with_test(shown_items(shown))
    return snapshot, profile.exposure.r_max


def test_r_max_acts_across_the_room_when_the_console_hands_out_its_record(bank):
    alone, r_max = room(bank, 40, shared=False)
    shared, _ = room(bank, 40, shared=True)
    assert max(alone.counts.values()) / alone.tests > 2 * r_max  # each kiosk alone: the same best items for all
    assert max(shared.counts.values()) / shared.tests <= r_max + 1e-9


def test_a_snapshot_counts_each_item_once_per_test_and_its_digest_follows_its_content():
    snap = ExposureSnapshot("demo").with_test(["a", "a", "b"])
    assert snap.tests == 1 and dict(snap.counts) == {"a": 1, "b": 1}
    assert snap.sha256 != snap.with_test([]).sha256
    assert ExposureSnapshot("demo", 1, {"b": 1, "a": 1}).sha256 == snap.sha256  # canonical: order does not matter
    with pytest.raises(ValueError):
        snap.with_test([""])
