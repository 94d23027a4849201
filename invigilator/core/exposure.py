"""The center's exposure record: how many tests of each bank showed each item.

ADR 0004 left open how r_max (the cap on the share of tests that show an item) can act across a
room when every kiosk runs its own engine. The console keeps one record per bank, counts each
finished attempt once (by attempt id, however often its bundle arrives), and hands the record,
as it stands, to each kiosk with its authorisation to start. The kiosk's engine reads it as an
input of the test, like the seed; the bundle records it, so the audit replays with the same one.

The record travels as :meth:`ExposureSnapshot.to_dict`: ``{"bank_id", "tests", "counts", "sha256"}``,
``sha256`` being the SHA-256 of the canonical bytes of the other three (``itembank.cat.ExposureRecord.
from_dict`` reads ``tests`` and ``counts``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from protocol.canonical import canonical_bytes

MAX_ITEM_ID = 120


@dataclass(frozen=True)
class ExposureSnapshot:
    """A bank's exposure record at one moment: ``tests`` counted attempts and each item's count."""

    bank_id: str
    tests: int = 0
    counts: Mapping[str, int] = field(default_factory=dict)

    def with_test(self, item_ids: Iterable[str]) -> ExposureSnapshot:
        """The record after one more test that showed ``item_ids`` (each counted once)."""
        counts = dict(self.counts)
        for item_id in set(item_ids):
            if not isinstance(item_id, str) or not 0 < len(item_id) <= MAX_ITEM_ID:
                raise ValueError(f"item id {str(item_id)[:40]!r} is not 1 to {MAX_ITEM_ID} characters")
            counts[item_id] = counts.get(item_id, 0) + 1
        return ExposureSnapshot(self.bank_id, self.tests + 1, counts)

    def signed_part(self) -> dict[str, Any]:
        return {"bank_id": self.bank_id, "tests": self.tests, "counts": dict(sorted(self.counts.items()))}

    @property
    def sha256(self) -> str:
        return hashlib.sha256(canonical_bytes(self.signed_part())).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        """What the authorisation to start carries in its ``exposure`` argument."""
        return {**self.signed_part(), "sha256": self.sha256}


def shown_items(questions: Iterable[Mapping[str, Any]]) -> list[str]:
    """The item ids a finished attempt showed (neutralised ones included: the candidate saw them)."""
    return [str(q["item_id"]) for q in questions if isinstance(q, Mapping) and isinstance(q.get("item_id"), str)]
