"""Key pairs and key files.

A Pupitre key pair holds an Ed25519 key (signing: bank manifests, result bundles, receipts) and
an X25519 key (receiving wrapped content keys). The private parts are sealed in the file by a
passphrase (scrypt, then AES-256-GCM); the public parts stay readable so a file can be inspected
without the passphrase. Files are written with mode 0600, atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from protocol.atomicfile import write_atomic
from protocol.canonical import b64decode, b64encode, canonical_bytes
from protocol.errors import CanonicalEncodingError, KeyFileError, WrongPassphraseError

PRIVATE_FORMAT = "pupitre-key"
PUBLIC_FORMAT = "pupitre-public-key"
FORMAT_VERSION = 1


MIN_N, MAX_N = 2**14, 2**20
"""Bounds on the scrypt cost read from a file: 2^20 takes about 1 GiB (128·r·n bytes at r=8) and
a few seconds; a file asking for more is refused rather than left to exhaust the machine."""
MAX_R, MAX_P = 16, 4
PERSON_N = 2**17
"""Cost for a key sealed by a person's passphrase (128 MiB, about a third of a second)."""


@dataclass(frozen=True)
class ScryptParams:
    """Cost of the passphrase KDF; stored beside what it protects so it can be raised later."""

    n: int = PERSON_N
    r: int = 8
    p: int = 1

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        return Scrypt(salt=salt, length=32, n=self.n, r=self.r, p=self.p).derive(passphrase.encode("utf-8"))

    def to_dict(self) -> dict[str, Any]:
        return {"kdf": "scrypt", "n": self.n, "r": self.r, "p": self.p}

    @classmethod
    def from_dict(cls, data: dict[str, Any], what: str) -> ScryptParams:
        if data.get("kdf") != "scrypt":
            raise KeyFileError(f"{what}: unsupported key derivation {data.get('kdf')!r} (expected scrypt)")
        try:
            params = cls(n=int(data["n"]), r=int(data["r"]), p=int(data["p"]))
        except (KeyError, TypeError, ValueError):
            raise KeyFileError(f"{what}: scrypt parameters n, r, p are missing or not integers") from None
        if (not MIN_N <= params.n <= MAX_N or params.n & (params.n - 1) or not 1 <= params.r <= MAX_R
                or not 1 <= params.p <= MAX_P or 128 * params.n * params.r > 128 * MAX_N * 8):
            raise KeyFileError(f"{what}: scrypt parameters n={params.n} r={params.r} p={params.p} are out of range "
                               f"(n a power of two from 2^14 to 2^20, r 1–{MAX_R}, p 1–{MAX_P}, at most 1 GiB)")
        return params


def key_id(public_raw: bytes, kind: str) -> str:
    """A short, stable identifier of a public key: the first 128 bits of SHA-256, in hex."""
    return hashlib.sha256(kind.encode("ascii") + b":" + public_raw).hexdigest()[:32]


def signing_key_id(key: Ed25519PublicKey) -> str:
    return key_id(_raw_public(key), "ed25519")


def _raw_public(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def _raw_private(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


@dataclass(frozen=True)
class PublicKeys:
    """The public half of a key pair, as shared with others (a publisher's, a center's, a kiosk's)."""

    name: str
    signing: Ed25519PublicKey
    wrapping: X25519PublicKey

    @property
    def signing_id(self) -> str:
        return signing_key_id(self.signing)

    @property
    def wrapping_id(self) -> str:
        return key_id(_raw_public(self.wrapping), "x25519")

    def public_dict(self) -> dict[str, str]:
        return {"ed25519": b64encode(_raw_public(self.signing)), "x25519": b64encode(_raw_public(self.wrapping))}

    def to_dict(self) -> dict[str, Any]:
        return {"format": PUBLIC_FORMAT, "version": FORMAT_VERSION, "name": self.name, "public": self.public_dict()}

    @classmethod
    def from_dict(cls, data: Any, what: str) -> PublicKeys:
        if not isinstance(data, dict) or data.get("format") not in (PUBLIC_FORMAT, PRIVATE_FORMAT):
            raise KeyFileError(f"{what}: not a Pupitre key file (no 'format: {PUBLIC_FORMAT}')")
        public = data.get("public")
        if not isinstance(public, dict):
            raise KeyFileError(f"{what}: the 'public' section is missing")
        try:
            signing = Ed25519PublicKey.from_public_bytes(b64decode(public.get("ed25519"), f"{what}: public.ed25519"))
            wrapping = X25519PublicKey.from_public_bytes(b64decode(public.get("x25519"), f"{what}: public.x25519"))
        except (CanonicalEncodingError, ValueError) as exc:
            raise KeyFileError(f"{what}: a public key is not valid ({exc})") from None
        return cls(name=str(data.get("name", "")), signing=signing, wrapping=wrapping)

    def save(self, path: str | os.PathLike[str]) -> Path:
        return write_private_file(path, json.dumps(self.to_dict(), indent=2).encode() + b"\n", mode=0o644)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> PublicKeys:
        return cls.from_dict(_read_json(path), str(path))


@dataclass(frozen=True)
class KeyPair:
    """A named Ed25519 + X25519 key pair with its private parts in memory."""

    name: str
    signing_private: Ed25519PrivateKey
    wrapping_private: X25519PrivateKey
    created: str = ""

    @classmethod
    def generate(cls, name: str, now: dt.datetime | None = None) -> KeyPair:
        created = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
        return cls(name, Ed25519PrivateKey.generate(), X25519PrivateKey.generate(), created)

    @property
    def public(self) -> PublicKeys:
        return PublicKeys(self.name, self.signing_private.public_key(), self.wrapping_private.public_key())

    def sign(self, data: bytes) -> bytes:
        return self.signing_private.sign(data)

    def to_sealed_dict(self, passphrase: str, params: ScryptParams | None = None) -> dict[str, Any]:
        params = params or ScryptParams()
        salt = os.urandom(16)
        nonce = os.urandom(12)
        header = {"format": PRIVATE_FORMAT, "version": FORMAT_VERSION, "name": self.name, "created": self.created,
                  "public": self.public.public_dict()}
        secret = canonical_bytes({"ed25519": b64encode(_raw_private(self.signing_private)),
                                  "x25519": b64encode(_raw_private(self.wrapping_private))})
        ciphertext = AESGCM(params.derive(passphrase, salt)).encrypt(nonce, secret, canonical_bytes(header))
        sealed = {**params.to_dict(), "salt": b64encode(salt), "nonce": b64encode(nonce),
                  "ciphertext": b64encode(ciphertext)}
        return {**header, "sealed": sealed}

    @classmethod
    def from_sealed_dict(cls, data: Any, passphrase: str, what: str) -> KeyPair:
        if not isinstance(data, dict) or data.get("format") != PRIVATE_FORMAT:
            if isinstance(data, dict) and data.get("format") == PUBLIC_FORMAT:
                raise KeyFileError(f"{what}: this is a public key file; the private key file is needed here")
            raise KeyFileError(f"{what}: not a Pupitre private key file (no 'format: {PRIVATE_FORMAT}')")
        if data.get("version") != FORMAT_VERSION:
            raise KeyFileError(f"{what}: key file version {data.get('version')!r} is not supported")
        sealed = data.get("sealed")
        if not isinstance(sealed, dict):
            raise KeyFileError(f"{what}: the 'sealed' section is missing")
        params = ScryptParams.from_dict(sealed, what)
        header = {k: data.get(k) for k in ("format", "version", "name", "created", "public")}
        try:
            salt = b64decode(sealed.get("salt"), f"{what}: sealed.salt")
            nonce = b64decode(sealed.get("nonce"), f"{what}: sealed.nonce")
            ciphertext = b64decode(sealed.get("ciphertext"), f"{what}: sealed.ciphertext")
            header_bytes = canonical_bytes(header)
        except CanonicalEncodingError as exc:
            raise KeyFileError(str(exc)) from None
        try:
            secret = AESGCM(params.derive(passphrase, salt)).decrypt(nonce, ciphertext, header_bytes)
        except (InvalidTag, ValueError):
            raise WrongPassphraseError(
                f"{what}: wrong passphrase for this key (or the file was altered)"
            ) from None
        parts = json.loads(secret)
        pair = cls(
            name=str(data.get("name", "")),
            signing_private=Ed25519PrivateKey.from_private_bytes(b64decode(parts["ed25519"], what)),
            wrapping_private=X25519PrivateKey.from_private_bytes(b64decode(parts["x25519"], what)),
            created=str(data.get("created", "")),
        )
        if pair.public.public_dict() != data.get("public"):
            raise KeyFileError(f"{what}: the public keys in the file do not match its private keys")
        return pair

    def save(self, path: str | os.PathLike[str], passphrase: str, params: ScryptParams | None = None) -> Path:
        if not passphrase:
            raise KeyFileError(f"{path}: an empty passphrase would leave the private key unprotected")
        body = json.dumps(self.to_sealed_dict(passphrase, params), indent=2).encode() + b"\n"
        return write_private_file(path, body, mode=0o600)

    @classmethod
    def load(cls, path: str | os.PathLike[str], passphrase: str) -> KeyPair:
        return cls.from_sealed_dict(_read_json(path), passphrase, str(path))


def _read_json(path: str | os.PathLike[str]) -> Any:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyFileError(f"{path}: no such key file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyFileError(f"{path}: cannot read the key file ({exc})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise KeyFileError(f"{path}:{exc.lineno}: not a key file (invalid JSON: {exc.msg})") from None
    except RecursionError:
        raise KeyFileError(f"{path}: not a key file (JSON nested too deeply)") from None


def write_private_file(path: str | os.PathLike[str], data: bytes, mode: int = 0o600) -> Path:
    """Write ``data`` atomically with ``mode`` from the first byte, creating the folder if needed."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    return write_atomic(target, data, mode=mode)
