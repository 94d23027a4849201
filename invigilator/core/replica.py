"""The console's replica of each kiosk journal, and the decision of what an incoming batch adds.

A kiosk sends every entry the console has not acknowledged. Each must continue the replica's
hash chain (``protocol.journal_chain``): an entry already held with the same hash is a harmless
resend; one that continues the head is accepted; anything else — a different entry under a
number already held, a wrong ``prev_hash``, content that does not match its hash — is a chain
break, which raises an alert and is never merged. A batch that starts past the head (the console
lost what it acknowledged, say after restoring a backup) merges nothing and raises nothing: the
acknowledgement carries the head, and the kiosk resends from there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from protocol.errors import ProtocolError
from protocol.journal_chain import ChainEntry, genesis_hash

HEX64 = re.compile(r"^[0-9a-f]{64}$")
ATTEMPT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")  # as the kiosk's journal names attempts
MAX_KIND = 64
MAX_T_WALL = 64


@dataclass(frozen=True)
class ReplicaHead:
    """Where a replica ends: the last entry's number and hash (0 and the genesis for an empty one)."""

    seq: int
    hash: str

    @classmethod
    def empty(cls, attempt_id: str) -> ReplicaHead:
        return cls(0, genesis_hash(attempt_id))


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    hash: str
    reason: str


@dataclass(frozen=True)
class AppendPlan:
    """What a batch does to a replica: the entries to store, resends ignored, and any break or gap."""

    accepted: tuple[ChainEntry, ...]
    duplicates: int
    head: ReplicaHead
    chain_break: ChainBreak | None = None
    gap_from: int | None = None


def plan_append(head: ReplicaHead, incoming: Sequence[ChainEntry], stored_hashes: Mapping[int, str]) -> AppendPlan:
    """Decide what ``incoming`` adds to a replica ending at ``head``.

    ``stored_hashes`` maps the numbers of already-stored entries that ``incoming`` names to their
    hashes. Processing stops at the first break or gap: nothing after it is merged.
    """
    accepted: list[ChainEntry] = []
    duplicates = 0
    current = head
    for entry in sorted(incoming, key=lambda e: e.seq):
        problem = _shape_problem(entry)
        if problem:
            return AppendPlan(tuple(accepted), duplicates, current,
                              ChainBreak(entry.seq, str(entry.hash)[:64], f"entry {entry.seq}: {problem}"))
        if _computed(entry) != entry.hash:
            reason = f"entry {entry.seq} ({entry.kind}) does not match its hash (its content was changed)"
            return AppendPlan(tuple(accepted), duplicates, current, ChainBreak(entry.seq, entry.hash, reason))
        if entry.seq <= current.seq:
            held = stored_hashes.get(entry.seq) if entry.seq <= head.seq else _hash_of(accepted, entry.seq)
            if held == entry.hash:
                duplicates += 1
                continue
            reason = (f"entry {entry.seq} ({entry.kind}) differs from the entry {entry.seq} the console already "
                      "holds (the kiosk's journal was rewritten)")
            return AppendPlan(tuple(accepted), duplicates, current, ChainBreak(entry.seq, entry.hash, reason))
        if entry.seq > current.seq + 1:
            return AppendPlan(tuple(accepted), duplicates, current, gap_from=current.seq + 1)
        if entry.prev_hash != current.hash:
            reason = (f"entry {entry.seq} ({entry.kind}) does not follow entry {current.seq} the console holds "
                      "(an entry was removed, inserted or changed)")
            return AppendPlan(tuple(accepted), duplicates, current, ChainBreak(entry.seq, entry.hash, reason))
        accepted.append(entry)
        current = ReplicaHead(entry.seq, entry.hash)
    return AppendPlan(tuple(accepted), duplicates, current)


def _shape_problem(entry: ChainEntry) -> str:
    """What makes an entry impossible for a kiosk's journal to have written, or ``""``."""
    if entry.seq < 1:
        return "entry numbers start at 1"
    if not HEX64.match(entry.hash) or not HEX64.match(entry.prev_hash):
        return "its hash and prev_hash must be 64 hexadecimal digits"
    if not entry.kind or len(entry.kind) > MAX_KIND:
        return f"its kind must be 1 to {MAX_KIND} characters"
    if entry.t_wall is not None and len(entry.t_wall) > MAX_T_WALL:
        return f"its wall time is longer than {MAX_T_WALL} characters"
    return ""


def _computed(entry: ChainEntry) -> str | None:
    try:
        return entry.computed_hash()
    except ProtocolError:  # NaN, infinities, values with no canonical bytes: nothing a kiosk hashes
        return None


def _hash_of(entries: Sequence[ChainEntry], seq: int) -> str | None:
    return next((e.hash for e in entries if e.seq == seq), None)
