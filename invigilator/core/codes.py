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


def code_digest(code: str) -> str:
    """SHA-256 (hex) of a normalised code: the console keeps this, never the code itself."""
    return hashlib.sha256(b"pupitre/enrolment-code|" + normalise_code(code).encode("utf-8")).hexdigest()


def digest_matches(digest: str, typed: str) -> bool:
    return hmac.compare_digest(digest, code_digest(typed))
