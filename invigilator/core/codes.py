"""The codes people read aloud and type: session access codes and kiosk enrolment codes.

Both use an alphabet without look-alikes (no vowels, so no words; no 0/O, 1/I/L, 5/S). The
randomness is passed in (``secrets.SystemRandom()`` in the console, a seeded ``random.Random``
in tests), so the core stays pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

# the proofs are shared with the kiosk, which may not import the console (ADR 0017)
from protocol.enrolment import CODE_KDF, CODE_SALT, code_verifier, enrolment_proof, normalise_code, proof_matches

ACCESS_LETTERS = "BCDFGHJKMPQRTVWXY"
ACCESS_DIGITS = "2346789"
ACCESS_CODE = re.compile(rf"^[{ACCESS_LETTERS}]{{4}}[{ACCESS_DIGITS}]{{2}}$")

ENROLMENT_ALPHABET = ACCESS_LETTERS + ACCESS_DIGITS
ENROLMENT_LENGTH = 8  # 24^8 ≈ 1.1e11 codes; 5 wrong tries in 10 minutes leave a guess no chance


class Chooser(Protocol):
    """A source of random choices (``secrets.SystemRandom`` satisfies it)."""

    def choice(self, seq: Sequence[str], /) -> str: ...


def new_access_code(rng: Chooser) -> str:
    """A session access code: 4 letters then 2 digits, as DOMAIN.md describes (e.g. PVXB89)."""
    return "".join(rng.choice(ACCESS_LETTERS) for _ in range(4)) + "".join(rng.choice(ACCESS_DIGITS) for _ in range(2))


def new_session_number(rng: Chooser) -> str:
    """A session number a candidate types at a kiosk: 6 digits, the first not 0 (the kiosk takes digits only)."""
    return rng.choice("123456789") + "".join(rng.choice("0123456789") for _ in range(5))


def is_access_code(text: str) -> bool:
    return bool(ACCESS_CODE.match(normalise_code(text)))


def new_enrolment_code(rng: Chooser) -> str:
    """A one-time enrolment code, shown as two groups of four (``BC7D-QX42``)."""
    raw = "".join(rng.choice(ENROLMENT_ALPHABET) for _ in range(ENROLMENT_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


__all__ = ["ACCESS_CODE", "ACCESS_DIGITS", "ACCESS_LETTERS", "CODE_KDF", "CODE_SALT", "ENROLMENT_ALPHABET",
           "ENROLMENT_LENGTH", "Chooser", "code_verifier", "enrolment_proof", "is_access_code", "new_access_code",
           "new_enrolment_code", "new_session_number", "normalise_code", "proof_matches"]
