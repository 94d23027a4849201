"""The per-attempt key: encryption of sensitive payloads at rest, and MACs over the chain head.

Each attempt gets a random 256-bit key, wrapped for the device's X25519 key and stored with the
attempt. Two keys are derived from it (HKDF-SHA256): one encrypts the payloads of answers and of
personal data with AES-256-GCM, bound to the attempt, the entry's number and its kind; the other
MACs the chain head and the time checkpoint, so that rewriting the journal and its head, or
cutting its tail, needs the device key and not just write access to the database file.
"""

from __future__ import annotations

import hashlib
import hmac

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kiosk.core import events as ev
from protocol import aead
from protocol.canonical import canonical_bytes

# Answers reveal items' keys; check-in holds the candidate's name and birth date.
SEALED_KINDS = frozenset(ev.ANSWER_KINDS | {ev.CHECKED_IN})
SALT_FIELD = "_salt"  # random, added to sealed payloads so their hash cannot be brute-forced


def wrap_context(attempt_id: str) -> bytes:
    """What the wrapped attempt key is bound to: it does not open for another attempt."""
    return f"pupitre/journal-key|{attempt_id}".encode()


def _derive(key: bytes, label: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"pupitre/journal/v1|" + label).derive(key)


class AttemptKeys:
    """The keys of one attempt, derived from its content key (held in memory only)."""

    def __init__(self, attempt_id: str, key: bytes):
        if len(key) != aead.KEY_SIZE:
            raise ValueError("an attempt key is 32 bytes")
        self.attempt_id = attempt_id
        self._payload_key = _derive(key, b"payload")
        self._mac_key = _derive(key, b"mac")

    def _aad(self, seq: int, kind: str) -> bytes:
        return f"pupitre/journal|{self.attempt_id}|{seq}|{kind}".encode()

    def seal(self, seq: int, kind: str, plaintext: bytes) -> bytes:
        return aead.seal(self._payload_key, plaintext, self._aad(seq, kind))

    def unseal(self, seq: int, kind: str, blob: bytes) -> bytes:
        return aead.unseal(self._payload_key, blob, self._aad(seq, kind), f"entry {seq} ({kind})")

    def _mac(self, what: str, fields: dict) -> str:
        data = canonical_bytes({"attempt": self.attempt_id, "what": what, **fields})
        return hmac.new(self._mac_key, data, hashlib.sha256).hexdigest()

    def head_mac(self, seq: int, head: str) -> str:
        return self._mac("head", {"seq": seq, "head": head})

    def checkpoint_mac(self, elapsed: float, wall: str) -> str:
        return self._mac("checkpoint", {"elapsed": float(elapsed), "wall": wall})

    @staticmethod
    def same(a: str, b: str) -> bool:
        return hmac.compare_digest(a.encode(), b.encode())
