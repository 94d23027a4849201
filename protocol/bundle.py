"""The result bundle: what a kiosk states, under its device key, about one finished attempt.

A bundle is a signed envelope (``_type: pupitre/result-bundle``) holding the attempt's identity,
the bank and profile it ran on, the seed, every question with its outcome and timings, the time
used, the end reason, the result, the *whole journal* in plain form with its chain head, and the
signer's public key (``device_key``: anyone can check that the bundle is intact; only a trusted
copy of the key says which kiosk signed it). A verifier re-computes the chain from the events,
checks that it ends at ``journal_head``, and that the questions, candidate and result stated in
the bundle are the ones the events record; the replay audit (``itembank.audit``) then re-runs
the engine on the same inputs.

The bundle id is the SHA-256 of the envelope's canonical bytes (uploads are idempotent by id);
the receipt code shown to the candidate is derived from it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from protocol.canonical import b64decode, canonical_bytes
from protocol.envelope import SignedEnvelope, verify
from protocol.errors import CanonicalEncodingError, ProtocolError
from protocol.journal_chain import ChainEntry, check_chain, link
from protocol.keys import KeyPair, PublicKeys, signing_key_id

BUNDLE_TYPE = "pupitre/result-bundle"
FORMAT_VERSION = 1
RECEIPT_ALPHABET = "2346789BCDFGHJKMPQRTVWXY"  # no 0/O, 1/I/L, 5/S, A/E/U (no words)
RECEIPT_LENGTH = 10


class BundleError(ProtocolError):
    """A result bundle cannot be made or read (missing or malformed fields, a broken journal)."""


class BundleVerificationError(ProtocolError):
    """A result bundle fails verification; the message lists every reason."""


def bundle_id(envelope: SignedEnvelope | bytes) -> str:
    """SHA-256 (hex) of the bundle's canonical bytes: the same bundle always has the same id."""
    data = envelope if isinstance(envelope, bytes) else envelope.to_bytes()
    return hashlib.sha256(data).hexdigest()


def receipt_code(bundle_hash: str) -> str:
    """The short code shown to the candidate and the invigilator, e.g. ``7KQ4M-9XBT2``.

    Ten characters from an alphabet without look-alikes, in two groups of five, taken from the
    first 64 bits of the bundle id (24¹⁰ ≈ 6·10¹³ codes, so two bundles of a center never share one
    in practice).
    """
    number = int(bundle_hash[:16], 16)
    chars = []
    for _ in range(RECEIPT_LENGTH):
        number, digit = divmod(number, len(RECEIPT_ALPHABET))
        chars.append(RECEIPT_ALPHABET[digit])
    code = "".join(chars)
    return f"{code[:5]}-{code[5:]}"


def normalise_receipt_code(text: str) -> str:
    """A receipt code as someone typed it (spaces, no dash, lower case) in its printed form."""
    compact = "".join(ch for ch in text.upper() if ch.isalnum())
    return f"{compact[:5]}-{compact[5:]}" if len(compact) == RECEIPT_LENGTH else compact


def receipt_matches(text: str, bundle_hash: str) -> bool:
    return normalise_receipt_code(text) == receipt_code(bundle_hash)


# -- the model ------------------------------------------------------------------------------------
_SUMMARY_KEYS = ("attempt_id", "mode", "seed", "device", "bank", "profile", "candidate", "locale", "questions",
                 "time", "end_reason", "result")


@dataclass
class ResultBundle:
    """The signed part of a result bundle; unknown fields are kept in ``extra`` and written back."""

    attempt_id: str
    device_key_id: str
    created: str
    mode: str
    device: str
    candidate: dict[str, Any] | None
    session: str
    bank: dict[str, Any]
    profile: dict[str, Any]
    seed: int
    locale: str
    questions: list[dict[str, Any]]
    time: dict[str, Any]
    end_reason: str | None
    result: Any
    events: list[ChainEntry]
    journal_head: str
    format: int = FORMAT_VERSION
    device_key: dict[str, str] | None = None  # the signer's public keys (base64), so anyone can check integrity
    extra: dict[str, Any] = field(default_factory=dict)

    _REQUIRED: ClassVar[dict[str, Any]] = {
        "attempt_id": str, "device_key_id": str, "created": str, "mode": str, "device": str, "session": str,
        "bank": dict, "profile": dict, "seed": int, "locale": str, "questions": list, "time": dict, "events": list,
        "journal_head": str, "format": int}
    _OPTIONAL: ClassVar[dict[str, Any]] = {"candidate": (dict, type(None)), "end_reason": (str, type(None)),
                                           "result": object}

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.extra)
        data.update({"_type": BUNDLE_TYPE, "format": self.format, "attempt_id": self.attempt_id,
                     "device_key_id": self.device_key_id, "created": self.created, "mode": self.mode,
                     "device": self.device, "candidate": self.candidate, "session": self.session, "bank": self.bank,
                     "profile": self.profile, "seed": self.seed, "locale": self.locale, "questions": self.questions,
                     "time": self.time, "end_reason": self.end_reason, "result": self.result,
                     "events": [e.to_dict() for e in self.events], "journal_head": self.journal_head})
        if self.device_key is not None:  # absent from bundles made before it was added: keep their bytes
            data["device_key"] = self.device_key
        return data

    @classmethod
    def from_dict(cls, data: Any) -> ResultBundle:
        if not isinstance(data, Mapping) or data.get("_type") != BUNDLE_TYPE:
            raise BundleError(f"not a result bundle (expected _type {BUNDLE_TYPE!r})")
        for name, kind in {**cls._REQUIRED, **cls._OPTIONAL}.items():
            if name not in data:
                raise BundleError(f"result bundle: the field '{name}' is missing")
            value = data[name]
            if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
                raise BundleError(f"result bundle: the field '{name}' has the wrong type")
        if data["format"] != FORMAT_VERSION:
            raise BundleError(f"result bundle format {data['format']} is not supported (this reader knows "
                              f"{FORMAT_VERSION}); update Pupitre")
        for key in ("id", "version", "manifest_sha256"):
            if key not in data["bank"]:
                raise BundleError(f"result bundle: bank.{key} is missing")
        for number, question in enumerate(data["questions"], start=1):
            if not isinstance(question, Mapping):
                raise BundleError(f"result bundle: question {number} is not a mapping")
        device_key = data.get("device_key")
        if device_key is not None and not (isinstance(device_key, Mapping)
                                           and isinstance(device_key.get("ed25519"), str)):
            raise BundleError("result bundle: the field 'device_key' has the wrong type")
        try:
            events = [ChainEntry.from_dict(e, f"result bundle: event {i + 1}") for i, e in enumerate(data["events"])]
        except ValueError as exc:
            raise BundleError(str(exc)) from None
        known = set(cls._REQUIRED) | set(cls._OPTIONAL) | {"_type", "device_key"}
        return cls(**{k: data[k] for k in known - {"_type", "events", "device_key"}}, events=events,
                   device_key=dict(device_key) if device_key is not None else None,
                   extra={k: v for k, v in data.items() if k not in known})

    def embedded_signing_key(self) -> Ed25519PublicKey | None:
        """The Ed25519 key the bundle says signed it (None in bundles that carry no key).

        Checking a signature against it proves the bundle intact since it was signed, not who
        signed it: only a trusted device key says that.
        """
        if self.device_key is None:
            return None
        try:
            key = Ed25519PublicKey.from_public_bytes(b64decode(self.device_key.get("ed25519"),
                                                               "result bundle: device_key.ed25519"))
        except (CanonicalEncodingError, ValueError) as exc:
            raise BundleError(f"result bundle: the embedded device key is not valid ({exc})") from None
        if signing_key_id(key) != self.device_key_id:
            raise BundleError(f"result bundle: the embedded device key is {signing_key_id(key)}, not the key the "
                              f"bundle names ({self.device_key_id})")
        return key


def make_bundle(summary: Mapping[str, Any], events: Sequence[Any], device_keypair: KeyPair,
                now: dt.datetime) -> SignedEnvelope:
    """Build and sign the bundle of a finished attempt.

    ``summary`` is the exam session's summary; ``events`` are its journal events (mappings or
    objects with ``to_dict()``, with or without ``prev_hash``). The chain is checked before
    signing: a kiosk never signs a journal that does not hold together.
    """
    missing = [k for k in ("attempt_id", "seed", "bank", "profile", "questions", "time") if k not in summary]
    if missing:
        raise BundleError(f"cannot make a result bundle: the summary lacks {', '.join(missing)}")
    if now.tzinfo is None:
        raise BundleError("cannot make a result bundle: the creation time must be timezone-aware")
    attempt_id = str(summary["attempt_id"])
    plain = [e.to_dict() if hasattr(e, "to_dict") else dict(e) for e in events]
    try:
        entries = link(attempt_id, plain)
    except ValueError as exc:
        raise BundleError(f"cannot make the result bundle of {attempt_id}: {exc}") from None
    if not entries:
        raise BundleError(f"cannot make the result bundle of {attempt_id}: the journal is empty")
    chain = check_chain(attempt_id, entries)
    if not chain.ok:
        raise BundleError(f"cannot make the result bundle of {attempt_id}: {chain.reason}")
    candidate = summary.get("candidate")
    bundle = ResultBundle(
        attempt_id=attempt_id, device_key_id=device_keypair.public.signing_id,
        created=now.astimezone(dt.UTC).isoformat(), mode=str(summary.get("mode", "")),
        device=str(summary.get("device", "")), candidate=dict(candidate) if candidate else None,
        session=str(candidate.get("session_number", "")) if candidate else "", bank=dict(summary["bank"]),
        profile=dict(summary["profile"]), seed=int(summary["seed"]), locale=str(summary.get("locale", "fr")),
        questions=[dict(q) for q in summary["questions"]], time=dict(summary["time"]),
        end_reason=summary.get("end_reason"), result=summary.get("result"), events=entries, journal_head=chain.head,
        device_key=device_keypair.public.public_dict(),
        extra={k: v for k, v in summary.items() if k not in _SUMMARY_KEYS},
    )
    try:
        signed = json.loads(canonical_bytes(bundle.to_dict()))  # a deep copy, shared with no caller's object
        ResultBundle.from_dict(signed)  # the same rules a verifier applies
    except (BundleError, CanonicalEncodingError) as exc:
        raise BundleError(f"cannot make the result bundle of {attempt_id}: {exc}") from None
    return SignedEnvelope.create(signed, device_keypair)


# -- verification ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class BundleVerification:
    """What verifying a bundle found; ``ok`` only when the signature, the chain and the contents agree."""

    bundle_id: str
    attempt_id: str | None
    signer: str | None
    signature_ok: bool
    chain_ok: bool
    consistent: bool
    reasons: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.signature_ok and self.chain_ok and self.consistent

    def __bool__(self) -> bool:
        return self.ok


def _question_checks(bundle: ResultBundle) -> list[str]:
    """The questions stated must be the answers and neutralisations the journal records, in order."""
    recorded: list[dict[str, Any]] = []
    for e in bundle.events:
        p = e.payload
        if e.kind == "answered":
            recorded.append({"number": p.get("number"), "item_id": p.get("item_id"), "outcome": p.get("outcome"),
                             "response": p.get("response"), "duration_s": p.get("duration_s"),
                             "focus_out_s": p.get("focus_out_s")})
        elif e.kind == "problem-resolved" and p.get("validated"):
            recorded.append({"number": p.get("number"), "item_id": p.get("item_id"), "outcome": "neutralised"})
    reasons = []
    if len(recorded) != len(bundle.questions):
        reasons.append(f"the bundle lists {len(bundle.questions)} questions, the journal records {len(recorded)}")
    for index, (stated, seen) in enumerate(zip(bundle.questions, recorded, strict=False), start=1):
        differing = [k for k, v in seen.items() if stated.get(k) != v]
        if differing:
            reasons.append(f"question {index} ({seen['item_id']}): {', '.join(differing)} differ from the journal")
    return reasons


def _content_checks(bundle: ResultBundle) -> list[str]:
    events = bundle.events
    reasons = []
    try:
        bundle.embedded_signing_key()
    except BundleError as exc:
        reasons.append(str(exc).removeprefix("result bundle: "))
    first = events[0] if events else None
    if first is None or first.kind != "attempt-created":
        reasons.append("the journal does not begin with the creation of the attempt")
    else:
        p = dict(first.payload)
        # a room exam's attempt begins with no bank; the console delivers it with the authorisation (once)
        delivered = [e for e in events if e.kind == "bank-delivered"]
        if len(delivered) > 1 or (delivered and p.get("bank") is not None):
            reasons.append("the journal records the delivery of a bank more than once, or to an attempt that had one")
        elif delivered:
            p.update(bank=delivered[0].payload.get("bank"), profile=delivered[0].payload.get("profile"))
        for name, stated in (("attempt_id", bundle.attempt_id), ("seed", bundle.seed), ("bank", bundle.bank),
                             ("mode", bundle.mode), ("device", bundle.device),
                             ("profile", bundle.profile)):
            if p.get(name) != stated:
                reasons.append(f"{name} differs from the one the journal was created with")
    recorded = [e.payload["exposure"] for e in events if e.kind == "authorised" and "exposure" in e.payload]
    if (recorded[-1] if recorded else None) != bundle.extra.get("exposure"):
        reasons.append("the exposure record differs from the one the journal's authorisation carried")
    checked_in = [e for e in events if e.kind == "checked-in"]
    if checked_in and (checked_in[-1].payload.get("candidate") != bundle.candidate
                       or checked_in[-1].payload.get("locale") != bundle.locale):
        reasons.append("the candidate or locale differs from the check-in recorded in the journal")
    if not checked_in and bundle.candidate is not None:
        reasons.append("the bundle names a candidate but the journal records no check-in")
    finished = [e for e in events if e.kind == "finished"]
    if len(finished) != 1:
        reasons.append(f"the journal records the end of the test {len(finished)} times (expected once)")
    else:
        p = finished[0].payload
        if p.get("reason") != bundle.end_reason:
            reasons.append("end_reason differs from the end recorded in the journal")
        if p.get("result") != bundle.result:
            reasons.append("result differs from the result recorded in the journal")
    return reasons + _question_checks(bundle)


def verify_bundle(envelope: SignedEnvelope, trusted_device_keys: Iterable[PublicKeys | Ed25519PublicKey], *,
                  bundle: ResultBundle | None = None, signed_bytes: bytes | None = None) -> BundleVerification:
    """Check a bundle's signature, journal chain and contents; no I/O, every failure listed.

    ``bundle``: ``ResultBundle.from_dict(envelope.signed)`` when the caller has read it already. The
    document is encoded once, for both the signature and the bundle's id; ``signed_bytes``: that
    encoding (``envelope.signed_bytes()``) when the caller has it already (a package keeps it from reading).
    """
    signed = envelope.signed_bytes() if signed_bytes is None else signed_bytes
    ident = bundle_id(envelope.to_bytes(signed_bytes=signed))
    reasons: list[str] = []
    signature = verify(envelope, trusted_device_keys, BUNDLE_TYPE, signed_bytes=signed)
    if not signature.ok:
        reasons.append(f"signature: {signature.reason}")
    try:
        if bundle is None:
            bundle = ResultBundle.from_dict(envelope.signed)
    except BundleError as exc:
        return BundleVerification(ident, None, signature.signer, signature.ok, False, False, (*reasons, str(exc)))
    signature_ok = signature.ok
    if signature.ok and signature.signer != bundle.device_key_id:
        signature_ok = False
        reasons.append(f"signature: signed by key {signature.signer} but the bundle names device key "
                       f"{bundle.device_key_id}")
    # the events are the document's, whose canonical encoding (``signed``) succeeded: each entry is encoded
    # without checking its values a second time
    chain = check_chain(bundle.attempt_id, bundle.events, expected_head=bundle.journal_head, checked=True)
    if not chain.ok:
        reasons.append(f"journal: {chain.reason}")
    content = _content_checks(bundle)
    reasons.extend(f"contents: {r}" for r in content)
    return BundleVerification(ident, bundle.attempt_id, signature.signer, signature_ok, chain.ok, not content,
                              tuple(reasons))


def verify_bundle_or_raise(envelope: SignedEnvelope, trusted_device_keys: Iterable[PublicKeys | Ed25519PublicKey],
                           what: str = "result bundle") -> BundleVerification:
    """Like :func:`verify_bundle`, but raise :class:`BundleVerificationError` naming ``what`` and every reason."""
    result = verify_bundle(envelope, trusted_device_keys)
    if not result.ok:
        raise BundleVerificationError(f"{what}: " + "; ".join(result.reasons))
    return result


def read_bundle(data: bytes, what: str = "result bundle") -> SignedEnvelope:
    """Parse a bundle file's bytes (they must be canonical); raise EnvelopeFormatError when they are not."""
    return SignedEnvelope.from_bytes(data, what)
