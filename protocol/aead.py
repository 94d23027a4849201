"""Authenticated encryption of one piece of data (AES-256-GCM with associated data)."""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from protocol.errors import DecryptionError

NONCE_SIZE = 12
TAG_SIZE = 16
KEY_SIZE = 32


def new_key() -> bytes:
    """A fresh random 256-bit key."""
    return AESGCM.generate_key(bit_length=256)


def seal(key: bytes, plaintext: bytes, associated_data: bytes) -> bytes:
    """Encrypt ``plaintext``; the result is ``nonce || ciphertext || tag``.

    ``associated_data`` is authenticated but not stored: the reader must supply the same bytes,
    which is how a piece is bound to its place (bank, item, part).
    """
    nonce = os.urandom(NONCE_SIZE)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, associated_data)


def unseal(key: bytes, blob: bytes, associated_data: bytes, what: str) -> bytes:
    """Decrypt a blob made by :func:`seal`, naming ``what`` in the error when it fails."""
    if len(blob) < NONCE_SIZE + TAG_SIZE:
        raise DecryptionError(f"{what}: {len(blob)} bytes is too short to be encrypted data (truncated)")
    try:
        return AESGCM(key).decrypt(blob[:NONCE_SIZE], blob[NONCE_SIZE:], associated_data)
    except InvalidTag:
        raise DecryptionError(
            f"{what}: fails its integrity check (tampered, corrupted, moved, or a wrong key)"
        ) from None
