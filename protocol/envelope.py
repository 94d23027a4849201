"""Signed envelopes ``{signed, signatures}``, after python-tuf's ``Metadata``.

``signed`` is any canonical-encodable mapping carrying a ``_type``; the bytes that are signed and
verified are always ``canonical_bytes(signed)``. Verification does no I/O: it takes the trusted
keys as an argument and returns a :class:`VerificationResult`; :func:`verify_or_raise` is the
raising wrapper.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from protocol.canonical import b64decode, b64encode, canonical_bytes, canonical_mapping, parse_canonical
from protocol.errors import CanonicalEncodingError, EnvelopeFormatError, SignatureError
from protocol.keys import KeyPair, PublicKeys, signing_key_id


@dataclass(frozen=True)
class Signature:
    keyid: str
    sig: bytes

    def to_dict(self) -> dict[str, str]:
        return {"keyid": self.keyid, "sig": b64encode(self.sig)}


@dataclass
class SignedEnvelope:
    """A document and the signatures over its canonical bytes."""

    signed: dict[str, Any]
    signatures: list[Signature] = field(default_factory=list)

    @property
    def type(self) -> str:
        return str(self.signed.get("_type", ""))

    def signed_bytes(self) -> bytes:
        return canonical_bytes(self.signed)

    @classmethod
    def create(cls, signed: dict[str, Any], signer: KeyPair) -> SignedEnvelope:
        if not isinstance(signed.get("_type"), str):
            raise EnvelopeFormatError("a signed document needs a '_type' string naming what it is")
        envelope = cls(dict(signed))
        envelope.add_signature(signer)
        return envelope

    def add_signature(self, signer: KeyPair) -> None:
        keyid = signer.public.signing_id
        self.signatures = [s for s in self.signatures if s.keyid != keyid]
        self.signatures.append(Signature(keyid, signer.sign(self.signed_bytes())))

    def to_dict(self) -> dict[str, Any]:
        return {"signed": self.signed, "signatures": [s.to_dict() for s in self.signatures]}

    def to_bytes(self, signed_bytes: bytes | None = None) -> bytes:
        """The envelope's canonical bytes; ``signed_bytes`` (this envelope's :meth:`signed_bytes`, already
        computed to check a signature) spares encoding the document a second time."""
        if signed_bytes is None:
            return canonical_bytes(self.to_dict())
        # canonical form sorts the keys: "signatures" comes before "signed"
        signatures = canonical_bytes([s.to_dict() for s in self.signatures])
        return b'{"signatures":' + signatures + b',"signed":' + signed_bytes + b"}"

    @staticmethod
    def encode_raw(raw: dict[str, Any], depth: int = 0) -> tuple[bytes, bytes]:
        """The canonical bytes of an envelope in its parsed form (``{signed, signatures}``, nested ``depth``
        levels deep in a document) and those of its ``signed`` part, that part encoded once.

        Raises :class:`~protocol.errors.CanonicalEncodingError` when it has no canonical form."""
        signed = canonical_bytes(raw["signed"], depth=depth + 1)
        members = {k: signed if k == "signed" else canonical_bytes(v, depth=depth + 1) for k, v in raw.items()}
        return canonical_mapping(members, depth=depth), signed

    @classmethod
    def from_bytes(cls, data: bytes, what: str = "envelope") -> SignedEnvelope:
        try:
            raw = parse_canonical(data, what)
        except CanonicalEncodingError as exc:
            raise EnvelopeFormatError(str(exc)) from None
        return cls.from_dict(raw, what)

    @classmethod
    def from_dict(cls, raw: Any, what: str = "envelope") -> SignedEnvelope:
        if not isinstance(raw, dict) or set(raw) != {"signed", "signatures"}:
            raise EnvelopeFormatError(f"{what}: expected exactly the fields 'signed' and 'signatures'")
        signed, sigs = raw["signed"], raw["signatures"]
        if not isinstance(signed, dict) or not isinstance(signed.get("_type"), str):
            raise EnvelopeFormatError(f"{what}: 'signed' must be a mapping with a '_type'")
        if not isinstance(sigs, list):
            raise EnvelopeFormatError(f"{what}: 'signatures' must be a list")
        signatures = []
        for index, entry in enumerate(sigs):
            if not isinstance(entry, dict) or not isinstance(entry.get("keyid"), str):
                raise EnvelopeFormatError(f"{what}: signature {index} has no 'keyid'")
            try:
                signatures.append(Signature(entry["keyid"], b64decode(entry.get("sig"), f"{what}: signature {index}")))
            except CanonicalEncodingError as exc:
                raise EnvelopeFormatError(str(exc)) from None
        return cls(signed, signatures)


@dataclass(frozen=True)
class VerificationResult:
    """What verification found: ``ok`` and the trusted signer's key id, or why it failed."""

    ok: bool
    signer: str | None
    reason: str

    def __bool__(self) -> bool:
        return self.ok


def _trusted_map(trusted: Iterable[PublicKeys | Ed25519PublicKey]) -> dict[str, Ed25519PublicKey]:
    result: dict[str, Ed25519PublicKey] = {}
    for key in trusted:
        if isinstance(key, PublicKeys):
            result[key.signing_id] = key.signing
        else:
            result[signing_key_id(key)] = key
    return result


def verify(
    envelope: SignedEnvelope, trusted: Iterable[PublicKeys | Ed25519PublicKey], expected_type: str, *,
    signed_bytes: bytes | None = None,
) -> VerificationResult:
    """Check that a trusted key signed ``envelope`` and that it is the expected kind of document.

    ``signed_bytes``: the envelope's :meth:`~SignedEnvelope.signed_bytes` when the caller computed them already.
    """
    if envelope.type != expected_type:
        return VerificationResult(False, None, f"expected a {expected_type!r} document, found {envelope.type!r}")
    keys = _trusted_map(trusted)
    if not envelope.signatures:
        return VerificationResult(False, None, "the document carries no signature")
    data = envelope.signed_bytes() if signed_bytes is None else signed_bytes
    untrusted: list[str] = []
    for signature in envelope.signatures:
        key = keys.get(signature.keyid)
        if key is None:
            untrusted.append(signature.keyid)
            continue
        try:
            key.verify(signature.sig, data)
        except InvalidSignature:
            return VerificationResult(
                False, None, f"the signature by key {signature.keyid} does not match (document altered)"
            )
        return VerificationResult(True, signature.keyid, "valid signature by a trusted key")
    return VerificationResult(False, None, f"signed only by untrusted key(s): {', '.join(untrusted)}")


def verify_or_raise(
    envelope: SignedEnvelope, trusted: Iterable[PublicKeys | Ed25519PublicKey], expected_type: str, what: str
) -> str:
    """Like :func:`verify` but raise :class:`SignatureError` naming ``what``; return the signer's key id."""
    result = verify(envelope, trusted, expected_type)
    if not result.ok:
        raise SignatureError(f"{what}: {result.reason}")
    assert result.signer is not None
    return result.signer
