"""The hash chain of an attempt's journal, shared by the kiosk that writes it and whoever verifies it.

Every journal entry is ``{seq, prev_hash, t_mono, t_wall, kind, payload}``; its hash is the
SHA-256 (hex) of the canonical bytes of exactly those six fields, and ``prev_hash`` is the hash
of the entry before it. The first entry follows a *genesis* value derived from the attempt id,
so the entries of one attempt cannot be passed off as another's. The last hash is the chain's
*head*: it goes into the signed result bundle, so an edit, a deletion, an insertion or a
reordering anywhere before it is detected by anyone holding the events.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from protocol.canonical import canonical_bytes, encode_checked

CHAIN_VERSION = "pupitre/journal/v1"
ENTRY_FIELDS = ("seq", "prev_hash", "t_mono", "t_wall", "kind", "payload")


def genesis_hash(attempt_id: str) -> str:
    """The ``prev_hash`` of an attempt's first entry."""
    return hashlib.sha256(f"{CHAIN_VERSION}|genesis|{attempt_id}".encode()).hexdigest()


def entry_bytes(seq: int, prev_hash: str, t_mono: float, t_wall: str | None, kind: str,
                payload: Mapping[str, Any], *, checked: bool = False) -> bytes:
    """The canonical bytes that an entry's hash covers.

    ``checked``: the fields come from a document whose canonical encoding succeeded (a bundle whose
    signed bytes were just encoded): they are not checked again (:func:`protocol.canonical.encode_checked`)."""
    entry = {"seq": seq, "prev_hash": prev_hash, "t_mono": float(t_mono), "t_wall": t_wall, "kind": kind,
             "payload": dict(payload)}
    return encode_checked(entry) if checked else canonical_bytes(entry)


def entry_hash(seq: int, prev_hash: str, t_mono: float, t_wall: str | None, kind: str,
               payload: Mapping[str, Any], *, checked: bool = False) -> str:
    """SHA-256 (hex) of :func:`entry_bytes`."""
    return hashlib.sha256(entry_bytes(seq, prev_hash, t_mono, t_wall, kind, payload, checked=checked)).hexdigest()


@dataclass(frozen=True)
class ChainEntry:
    """One journal entry in its plain form, as it is hashed and as a result bundle carries it."""

    seq: int
    prev_hash: str
    t_mono: float
    t_wall: str | None
    kind: str
    payload: dict[str, Any]
    hash: str

    def computed_hash(self, *, checked: bool = False) -> str:
        if checked:  # entry_hash inlined: a verifier computes it for every entry of every bundle
            payload = self.payload if type(self.payload) is dict else dict(self.payload)
            return hashlib.sha256(encode_checked({"seq": self.seq, "prev_hash": self.prev_hash,
                                                  "t_mono": float(self.t_mono), "t_wall": self.t_wall,
                                                  "kind": self.kind, "payload": payload})).hexdigest()
        return entry_hash(self.seq, self.prev_hash, self.t_mono, self.t_wall, self.kind, self.payload)

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "prev_hash": self.prev_hash, "t_mono": float(self.t_mono), "t_wall": self.t_wall,
                "kind": self.kind, "payload": self.payload, "hash": self.hash}

    @classmethod
    def from_dict(cls, data: Any, what: str = "entry") -> ChainEntry:
        """Read an entry, raising ``ValueError`` naming ``what`` and the field when one is wrong."""
        if type(data) is dict:  # as parsed from JSON: exact types, checked at once (anything else: one by one)
            seq, prev_hash, t_mono, kind, payload, hash_, t_wall = (
                data.get("seq"), data.get("prev_hash"), data.get("t_mono"), data.get("kind"), data.get("payload"),
                data.get("hash"), data.get("t_wall"))
            if type(seq) is int and type(prev_hash) is str and type(kind) is str and type(payload) is dict \
                    and type(hash_) is str and (type(t_mono) is float or type(t_mono) is int) \
                    and (t_wall is None or type(t_wall) is str):
                return cls(seq, prev_hash, float(t_mono), t_wall, kind, dict(payload), hash_)
        if not isinstance(data, Mapping):
            raise ValueError(f"{what}: expected a mapping")
        checks = (("seq", int), ("prev_hash", str), ("t_mono", (int, float)), ("kind", str), ("payload", dict),
                  ("hash", str))
        for name, kind in checks:
            value = data.get(name)
            if not isinstance(value, kind) or isinstance(value, bool):
                raise ValueError(f"{what}: field '{name}' is missing or has the wrong type")
        t_wall = data.get("t_wall")
        if t_wall is not None and not isinstance(t_wall, str):
            raise ValueError(f"{what}: field 't_wall' must be a text or null")
        return cls(data["seq"], data["prev_hash"], float(data["t_mono"]), t_wall, data["kind"], dict(data["payload"]),
                   data["hash"])


@dataclass(frozen=True)
class ChainCheck:
    """The result of :func:`check_chain`: ``ok``, the head, and the first bad entry with the reason."""

    ok: bool
    head: str
    length: int
    first_bad_seq: int | None = None
    reason: str = ""

    def __bool__(self) -> bool:
        return self.ok


def link(attempt_id: str, entries: Sequence[Mapping[str, Any]]) -> list[ChainEntry]:
    """Plain entries without ``prev_hash`` (as the kiosk's events carry them) with it filled in.

    The links are taken from the entries' own hashes; :func:`check_chain` then tells whether
    they are right.
    """
    linked, prev = [], genesis_hash(attempt_id)
    for index, raw in enumerate(entries):
        data = dict(raw)
        data.setdefault("prev_hash", prev)
        entry = ChainEntry.from_dict(data, f"entry {index + 1}")
        linked.append(entry)
        prev = entry.hash
    return linked


def check_chain(attempt_id: str, entries: Sequence[ChainEntry], expected_head: str | None = None, *,
                checked: bool = False) -> ChainCheck:
    """Recompute the chain of ``attempt_id`` and name the first entry that breaks it.

    ``expected_head`` (a head recorded elsewhere: a signed bundle, the attempt's record) also
    catches entries removed from or added at the end, which a chain alone cannot see. ``checked``:
    the entries were read from a document whose canonical encoding succeeded (see :func:`entry_bytes`).
    """
    prev = genesis_hash(attempt_id)
    for position, entry in enumerate(entries, start=1):
        if entry.seq != position:
            return ChainCheck(False, prev, position - 1, entry.seq,
                              f"entry {entry.seq} ({entry.kind}) comes where entry {position} belongs "
                              "(an entry was removed, inserted or moved)")
        if entry.prev_hash != prev:
            return ChainCheck(False, prev, position - 1, entry.seq,
                              f"entry {entry.seq} ({entry.kind}) does not follow the entry before it "
                              "(an entry was removed, inserted or moved)")
        if entry.computed_hash(checked=checked) != entry.hash:
            return ChainCheck(False, prev, position - 1, entry.seq,
                              f"entry {entry.seq} ({entry.kind}) does not match its hash (its content was changed)")
        prev = entry.hash
    if expected_head is not None and prev != expected_head:
        last = entries[-1].seq if entries else 0
        return ChainCheck(False, prev, len(entries), last + 1,
                          f"the chain ends at entry {last} with head {prev[:12]}…, but the recorded head is "
                          f"{expected_head[:12]}… (entries were removed from or added at the end)")
    return ChainCheck(True, prev, len(entries))
