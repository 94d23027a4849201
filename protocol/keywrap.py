"""Wrapping a content key for a recipient: an X25519 public key or a passphrase.

X25519: an ephemeral key pair per wrap; the shared secret goes through HKDF-SHA256 (salt: both
public keys; info: a fixed label and the context) into an AES-256-GCM key that encrypts the
content key with the context as associated data. The context (for a bank: its id and version)
means a wrapped key copied into another bank's manifest does not open.
"""

from __future__ import annotations

import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from protocol.canonical import b64decode, b64encode
from protocol.errors import CanonicalEncodingError, KeyFileError, UnwrapError, WrongPassphraseError
from protocol.keys import ScryptParams, key_id

_INFO = b"pupitre/key-wrap/v1|"


def _raw(key: X25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def _kek(shared: bytes, ephemeral: bytes, recipient: bytes, context: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient, info=_INFO + context).derive(shared)


def wrap_for_recipient(content_key: bytes, recipient: X25519PublicKey, context: bytes) -> dict[str, Any]:
    """Wrap ``content_key`` so only the holder of ``recipient``'s private key can unwrap it."""
    ephemeral = X25519PrivateKey.generate()
    eph_raw, rcpt_raw = _raw(ephemeral.public_key()), _raw(recipient)
    kek = _kek(ephemeral.exchange(recipient), eph_raw, rcpt_raw, context)
    nonce = os.urandom(12)
    return {
        "type": "x25519",
        "recipient": key_id(rcpt_raw, "x25519"),
        "ephemeral": b64encode(eph_raw),
        "nonce": b64encode(nonce),
        "wrapped": b64encode(AESGCM(kek).encrypt(nonce, content_key, context)),
    }


def unwrap_for_recipient(entry: dict[str, Any], private: X25519PrivateKey, context: bytes) -> bytes:
    """Unwrap a key made by :func:`wrap_for_recipient` with the recipient's private key."""
    rcpt_raw = _raw(private.public_key())
    try:
        eph_raw = b64decode(entry.get("ephemeral"), "recipient.ephemeral")
        nonce = b64decode(entry.get("nonce"), "recipient.nonce")
        wrapped = b64decode(entry.get("wrapped"), "recipient.wrapped")
        ephemeral = X25519PublicKey.from_public_bytes(eph_raw)
    except (CanonicalEncodingError, ValueError) as exc:
        raise UnwrapError(f"wrapped key entry is malformed ({exc})") from None
    kek = _kek(private.exchange(ephemeral), eph_raw, rcpt_raw, context)
    try:
        return AESGCM(kek).decrypt(nonce, wrapped, context)
    except (InvalidTag, ValueError):
        raise UnwrapError("the wrapped key does not open with this private key (wrong key or altered entry)") from None


def wrap_with_passphrase(
    content_key: bytes, passphrase: str, context: bytes, params: ScryptParams | None = None
) -> dict[str, Any]:
    """Wrap ``content_key`` under a passphrase (scrypt), for practice banks and demos."""
    if not passphrase:
        raise UnwrapError("an empty passphrase cannot protect a key")
    params = params or ScryptParams()
    salt, nonce = os.urandom(16), os.urandom(12)
    kek = params.derive(passphrase, salt)
    return {
        "type": "passphrase",
        **params.to_dict(),
        "salt": b64encode(salt),
        "nonce": b64encode(nonce),
        "wrapped": b64encode(AESGCM(kek).encrypt(nonce, content_key, context)),
    }


def unwrap_with_passphrase(entry: dict[str, Any], passphrase: str, context: bytes) -> bytes:
    """Unwrap a key made by :func:`wrap_with_passphrase`."""
    try:
        params = ScryptParams.from_dict(entry, "passphrase recipient")
        salt = b64decode(entry.get("salt"), "recipient.salt")
        nonce = b64decode(entry.get("nonce"), "recipient.nonce")
        wrapped = b64decode(entry.get("wrapped"), "recipient.wrapped")
    except (CanonicalEncodingError, KeyFileError) as exc:
        raise UnwrapError(f"passphrase entry is malformed ({exc})") from None
    try:
        return AESGCM(params.derive(passphrase, salt)).decrypt(nonce, wrapped, context)
    except (InvalidTag, ValueError):
        raise WrongPassphraseError("wrong passphrase") from None
