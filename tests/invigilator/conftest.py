"""Shared builders for the room's tests: times, kiosks and hash-chained journal entries."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

import pytest

from protocol.journal_chain import ChainEntry, entry_hash, genesis_hash

T0 = dt.datetime(2026, 6, 15, 8, 30, tzinfo=dt.UTC)


def kiosk_id(n: int) -> str:
    return hashlib.sha256(f"kiosk-{n}".encode()).hexdigest()[:32]


def chain(attempt_id: str, kinds: list[tuple[str, dict[str, Any]]], start: int = 1,
          prev: str | None = None) -> list[ChainEntry]:
    """Entries ``start``… of an attempt's journal, correctly linked from ``prev`` (genesis by default)."""
    entries, prev_hash = [], prev or genesis_hash(attempt_id)
    for offset, (kind, payload) in enumerate(kinds):
        seq = start + offset
        t_mono, t_wall = float(seq) * 1.5, (T0 + dt.timedelta(seconds=seq)).isoformat()
        h = entry_hash(seq, prev_hash, t_mono, t_wall, kind, payload)
        entries.append(ChainEntry(seq, prev_hash, t_mono, t_wall, kind, payload, h))
        prev_hash = h
    return entries


def plain(n: int) -> list[tuple[str, dict[str, Any]]]:
    return [("question-shown", {"number": i, "item_id": f"1.1-{i:02d}"}) for i in range(1, n + 1)]


@pytest.fixture
def t0() -> dt.datetime:
    return T0


@pytest.fixture
def make_chain() -> Callable[..., list[ChainEntry]]:
    return chain


@pytest.fixture
def steps() -> Callable[[int], list[tuple[str, dict[str, Any]]]]:
    return plain


@pytest.fixture
def kid() -> Callable[[int], str]:
    return kiosk_id
