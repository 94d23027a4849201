"""The codes people read aloud and type: session access codes and kiosk enrolment codes.

Both use an alphabet without look-alikes (no vowels, so no words; no 0/O, 1/I/L, 5/S). The
randomness is passed in (``secrets.SystemRandom()`` in the console, a seeded ``random.Random``
in tests), so the core stays pure.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Sequence
from typing import Protocol

ACCESS_LETTERS = "BCDFGHJKMPQRTVWXY"
ACCESS_DIGITS = "2346789"
ACCESS_CODE = re.compile(rf"^[{ACCESS_LETTERS}]{{4}}[{ACCESS_DIGITS}]{{2}}$")

ENROLMENT_ALPHABET = ACCESS_LETTERS + ACCESS_DIGITS
ENROLMENT_LENGTH = 8  # 24^8 ≈ 1.1e11 codes; 5 wrong tries in 10 minutes leave a guess no chance
CODE_SALT = b"pupitre/enrolment-code/v1"
CODE_KDF = {"n": 2**14, "r": 8, "p": 1}  # 16 MiB and some tens of milliseconds per guess


class Chooser(Protocol):
    """A source of random choices (``secrets.SystemRandom`` satisfies it)."""

    def choice(self, seq: Sequence[str], /) -> str: ...


def normalise_code(text: str) -> str:
    """What a person typed, upper-cased, without spaces and hyphens."""
    return re.sub(r"[\s\-]", "", str(text or "")).upper()


def new_access_code(rng: Chooser) -> str:
    """A session access code: 4 letters then 2 digits, as DOMAIN.md describes (e.g. PVXB89)."""
    return "".join(rng.choice(ACCESS_LETTERS) for _ in range(4)) + "".join(rng.choice(ACCESS_DIGITS) for _ in range(2))


def is_access_code(text: str) -> bool:
    return bool(ACCESS_CODE.match(normalise_code(text)))


def new_enrolment_code(rng: Chooser) -> str:
    """A one-time enrolment code, shown as two groups of four (``BC7D-QX42``)."""
    raw = "".join(rng.choice(ENROLMENT_ALPHABET) for _ in range(ENROLMENT_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def code_verifier(code: str) -> str:
    """What the console keeps of an enrolment code: scrypt of the normalised code (hex), never the code.

    scrypt makes every guess cost memory and time, so a proof seen on the network (below) cannot
    be turned back into the code within the code's ten minutes.
    """
    return hashlib.scrypt(normalise_code(code).encode("utf-8"), salt=CODE_SALT, dklen=32,
                          maxmem=64 * 1024 * 1024, **CODE_KDF).hex()


def enrolment_proof(verifier: str, role: str, kiosk_signing_public: str, console_pin: str) -> str:
    """HMAC-SHA256 binding the code to *this* kiosk key and *this* console certificate (ADR 0017).

    ``role`` is ``kiosk`` for the proof the kiosk sends, ``console`` for the one the console
    answers with; ``console_pin`` is the SHA-256 (hex) of the console certificate's public key as
    the kiosk saw it in the TLS handshake. A machine in the middle shows the kiosk another
    certificate, so the kiosk's proof does not verify at the console, and without the code it
    cannot make one that does.
    """
    if role not in ("kiosk", "console"):
        raise ValueError(f"enrolment proof role must be 'kiosk' or 'console', not {role!r}")
    message = "|".join(("pupitre/enrolment/v1", role, kiosk_signing_public, console_pin)).encode("utf-8")
    return hmac.new(bytes.fromhex(verifier), message, hashlib.sha256).hexdigest()


def proof_matches(verifier: str, role: str, kiosk_signing_public: str, console_pin: str, proof: str) -> bool:
    expected = enrolment_proof(verifier, role, kiosk_signing_public, console_pin)
    return isinstance(proof, str) and hmac.compare_digest(expected.encode(), proof.lower().encode("utf-8"))
