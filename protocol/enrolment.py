"""Enrolment proofs: how a kiosk and the console show each other they saw the same one-time code.

The kiosk never sends the code. Both sides derive a verifier from it (scrypt: every guess costs
memory and time) and exchange HMACs of that verifier bound to the kiosk's signing key and to the
console certificate's pin as the kiosk saw it in the TLS handshake (ADR 0017). A machine in the
middle shows the kiosk another certificate, so the kiosk's proof does not verify at the console,
and without the code it cannot make one that does. Shared by the kiosk and the console, hence in
``protocol``.
"""

from __future__ import annotations

import hashlib
import hmac
import re

CODE_SALT = b"pupitre/enrolment-code/v1"
CODE_KDF = {"n": 2**14, "r": 8, "p": 1}  # 16 MiB and some tens of milliseconds per guess
ROLES = ("kiosk", "console")


def normalise_code(text: str) -> str:
    """What a person typed, upper-cased, without spaces and hyphens."""
    return re.sub(r"[\s\-]", "", str(text or "")).upper()


def code_verifier(code: str) -> str:
    """scrypt of the normalised code (hex): what the console keeps, and what the kiosk derives from what was typed.

    scrypt makes every guess cost memory and time, so a proof seen on the network cannot be
    turned back into the code within the code's ten minutes.
    """
    return hashlib.scrypt(normalise_code(code).encode("utf-8"), salt=CODE_SALT, dklen=32,
                          maxmem=64 * 1024 * 1024, **CODE_KDF).hex()


def enrolment_proof(verifier: str, role: str, kiosk_signing_public: str, console_pin: str) -> str:
    """HMAC-SHA256 binding the code to *this* kiosk key and *this* console certificate.

    ``role`` is ``kiosk`` for the proof the kiosk sends, ``console`` for the one the console
    answers with; ``kiosk_signing_public`` is the kiosk's Ed25519 public key as base64 (the
    ``ed25519`` field of ``PublicKeys.public_dict``); ``console_pin`` is the SHA-256 (hex) of
    the console certificate's public key as the kiosk saw it (:func:`protocol.pinning.spki_sha256`).
    """
    if role not in ROLES:
        raise ValueError(f"enrolment proof role must be 'kiosk' or 'console', not {role!r}")
    message = "|".join(("pupitre/enrolment/v1", role, kiosk_signing_public, console_pin)).encode("utf-8")
    return hmac.new(bytes.fromhex(verifier), message, hashlib.sha256).hexdigest()


def proof_matches(verifier: str, role: str, kiosk_signing_public: str, console_pin: str, proof: object) -> bool:
    """Whether ``proof`` is the proof of ``role`` for this verifier, kiosk key and pin (constant time)."""
    expected = enrolment_proof(verifier, role, kiosk_signing_public, console_pin)
    return isinstance(proof, str) and hmac.compare_digest(expected.encode(), proof.lower().encode("utf-8"))
