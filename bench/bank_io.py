"""Bank I/O: build, open and per-item decryption of a 2,000-item bank.

Targets (issue "Foundation"): open a 2,000-item bank (verify + unwrap + decrypt index) ≤ 150 ms;
decrypt one item with its attachments ≤ 1 ms p99 (attachments up to 1 MB); build ≤ 5 s.
The bank gets attachments sized like real ones (screenshots, PDFs, spreadsheets: a log-normal
around 60 KB, capped at 1 MB) on one item in five.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _table import Row, report

from itembank.authoring import load_source, write_source
from itembank.model import AttachmentRef
from itembank.pbank import build_bank, open_bank
from itembank.synth import synthetic_bank
from protocol.keys import KeyPair


def bank_with_attachments(seed: int = 7):
    bank = synthetic_bank(2000, seed=seed)
    rng = np.random.default_rng(seed)
    items = []
    for item in bank.items:
        if rng.random() < 0.2:
            size = int(min(1 << 20, rng.lognormal(np.log(60_000), 1.0)))
            name = f"{item.id}.png"
            bank.attachments[name] = rng.bytes(size)
            item = item.__class__(**{**item.__dict__, "attachments": (AttachmentRef(name),)})
        items.append(item)
    bank.items = items
    return bank


def main() -> int:
    publisher, center = KeyPair.generate("bench-publisher"), KeyPair.generate("bench-center")
    bank = bank_with_attachments()
    with tempfile.TemporaryDirectory() as tmp:
        src = write_source(bank, Path(tmp) / "src")
        start = time.perf_counter()
        loaded = load_source(src)
        path = build_bank(loaded, Path(tmp) / "b.pbank", publisher, [center.public])
        build_s = time.perf_counter() - start

        opens = []
        for _ in range(21):
            start = time.perf_counter()
            opened = open_bank(path, [publisher.public], recipient=center)
            opens.append(time.perf_counter() - start)
            opened.close()

        with open_bank(path, [publisher.public], recipient=center) as opened:
            per_item = []
            for meta in opened.metas:
                start = time.perf_counter()
                opened.item(meta.id)
                for name in meta.attachments:
                    opened.attachment(name)
                per_item.append(time.perf_counter() - start)
            biggest = max(bank.attachments, key=lambda n: len(bank.attachments[n]))
            worst = []
            for _ in range(50):
                start = time.perf_counter()
                opened.attachment(biggest)
                worst.append(time.perf_counter() - start)
        size_mb = path.stat().st_size / 1e6

    per_item_ms = np.array(per_item) * 1e3
    rows = [
        Row("build 2,000 items from source (load + encrypt + sign)", build_s, 5.0, "s"),
        Row("open: verify + unwrap + decrypt index (median of 21)", statistics.median(opens) * 1e3, 150, "ms"),
        Row("open: slowest of 21", max(opens) * 1e3, None, "ms"),
        Row("decrypt one item with its attachments, p99", float(np.percentile(per_item_ms, 99)), 1.0, "ms"),
        Row("decrypt one item with its attachments, p50", float(np.percentile(per_item_ms, 50)), None, "ms"),
        Row(f"largest attachment ({len(bank.attachments[biggest]) / 1e6:.2f} MB), median",
            statistics.median(worst) * 1e3, None, "ms"),
        Row("bank file size", size_mb, None, "MB"),
    ]
    return report("bench/bank_io.py — 2,000-item bank, 1 item in 5 with an attachment", rows)


if __name__ == "__main__":
    sys.exit(main())
