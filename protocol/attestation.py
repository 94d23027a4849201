"""The compact signed result an attestation's QR code carries (docs/adr/0024).

Anyone holding the center's public key checks a printed attestation offline: the QR holds the
result the paper shows, signed by the center's Ed25519 key. Personal data is kept minimal: the
holder's initials (for a glance) and a 10-byte digest of their normalised names and birth date,
keyed by the verification code, so that a verifier who has the candidate's identity document can
confirm the match without the QR ever carrying a name or a birth date.

Layout: ``PUP1:`` + base45 (RFC 9285) of ``body ‖ signature``; ``body`` is the one canonical
text of the fields, ``|``-separated in a fixed order (the code without its constant ``P-``, the date as ``YYYYMMDD``:
every byte saved keeps the code one version smaller); the signature (64 bytes) covers
``DOMAIN ‖ body``. Base45 keeps the whole text in the QR's alphanumeric mode (5.5 bits a
character), so a full payload (about 217 characters) fits a version 8 code at level M.

Verification does no I/O: :func:`verify_attestation` returns a :class:`AttestationCheck`;
:func:`verify_attestation_or_raise` is the raising wrapper.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from protocol.errors import SignatureError

PREFIX = "PUP1:"
DOMAIN = b"pupitre/attestation/v1\n"
SIGNATURE_BYTES = 64
MAX_PAYLOAD_CHARS = 600
"""Longest text accepted before decoding: a real payload is 200 to 300 characters (center ids up to 40)."""
COMPETENCE_COUNT = 16
CODE_ALPHABET = "2346789BCDFGHJKMPQRTVWXY"
B45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_B45_INDEX = {c: i for i, c in enumerate(B45)}

_CODE = re.compile(rf"^P-[{CODE_ALPHABET}]{{8}}$")
_CENTER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
_ENGINE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]{0,15}$")
_INITIALS = re.compile(r"^[A-Z]{1,3}\.[A-Z]{1,3}\.$")
_HOLDER = re.compile(r"^[0-9a-f]{20}$")
_LEVELS = re.compile(rf"^[0-8]{{{COMPETENCE_COUNT}}}$")
_INT = re.compile(r"^(0|[1-9][0-9]{0,3})$")
FIELDS = ("code", "center", "date", "score", "level", "levels", "engine", "initials", "holder")


class AttestationError(SignatureError):
    """A QR payload that is not a valid attestation signed by the given center key."""


# -- base45 (RFC 9285) -------------------------------------------------------------------------
def b45encode(data: bytes) -> str:
    out = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        n, c = divmod(n, 45)
        e, d = divmod(n, 45)
        out += [B45[c], B45[d], B45[e]]
    if len(data) % 2:
        e, c = divmod(data[-1], 45)
        out += [B45[c], B45[e]]
    return "".join(out)


def b45decode(text: str) -> bytes:
    """Decode base45 strictly: unknown characters, a dangling character or overflow raise ValueError."""
    if len(text) % 3 == 1:
        raise ValueError("base45 text of a length that no data has (truncated?)")
    try:
        values = [_B45_INDEX[c] for c in text]
    except KeyError as exc:
        raise ValueError(f"{exc.args[0]!r} is not a base45 character") from None
    out = bytearray()
    for i in range(0, len(values), 3):
        chunk = values[i:i + 3]
        if len(chunk) == 3:
            n = chunk[0] + chunk[1] * 45 + chunk[2] * 2025
            if n > 0xFFFF:
                raise ValueError("base45 group out of range")
            out += bytes(divmod(n, 256))
        else:
            n = chunk[0] + chunk[1] * 45
            if n > 0xFF:
                raise ValueError("base45 group out of range")
            out.append(n)
    return bytes(out)


# -- the holder ----------------------------------------------------------------------------------
def _name_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.split(r"[\s'’.\-]+", bare.casefold())).strip()


def initials(last_name: str, first_name: str) -> str:
    """``Marie-Hélène Dupont-Éluard`` → ``MH.DE.``: first letters of each name part, unaccented, ≤ 3."""
    def part(name: str) -> str:
        letters = [w[0] for w in _name_key(name).split() if w and w[0].isascii() and w[0].isalpha()]
        return ("".join(letters)[:3] or "X").upper()
    return f"{part(first_name)}.{part(last_name)}."


def holder_digest(code: str, last_name: str, first_name: str, birth_date: dt.date) -> str:
    """The 80-bit digest binding a payload to one person, keyed by the verification code.

    Names are compared as people type them (no accents, case-folded, one space between parts).
    """
    text = f"{code}\n{_name_key(last_name)}\n{_name_key(first_name)}\n{birth_date.isoformat()}"
    return hashlib.sha256(b"pupitre/holder/v1\n" + text.encode("utf-8")).hexdigest()[:20]


# -- the document ------------------------------------------------------------------------------
@dataclass(frozen=True)
class CompactResult:
    """What a printed attestation claims, in the fewest fields a third party needs to check it."""

    code: str
    center: str
    date: dt.date
    score: int
    level: int
    levels: str
    engine: str
    initials: str
    holder: str

    def problems(self) -> list[str]:
        found = []
        checks = (("code", _CODE, self.code), ("center", _CENTER, self.center), ("levels", _LEVELS, self.levels),
                  ("engine", _ENGINE, self.engine), ("initials", _INITIALS, self.initials),
                  ("holder", _HOLDER, self.holder))
        for name, pattern, value in checks:
            if not isinstance(value, str) or not pattern.match(value):
                found.append(f"{name} {value!r} is not valid")
        if self.code[2:] and len(set(self.code[2:])) != len(self.code[2:]):
            found.append(f"code {self.code!r} repeats a character")
        if not isinstance(self.score, int) or isinstance(self.score, bool) or not 0 <= self.score <= 1024:
            found.append(f"score {self.score!r} is not 0–1024")
        if not isinstance(self.level, int) or isinstance(self.level, bool) or not 0 <= self.level <= 8:
            found.append(f"level {self.level!r} is not 0–8")
        if not isinstance(self.date, dt.date) or isinstance(self.date, dt.datetime) or self.date.year < 2000:
            found.append(f"date {self.date!r} is not a date from 2000 on")
        return found

    @property
    def competence_levels(self) -> tuple[int, ...]:
        return tuple(int(c) for c in self.levels)

    def body(self) -> bytes:
        """The canonical bytes: every field, in :data:`FIELDS` order, ``|``-separated."""
        problems = self.problems()
        if problems:
            raise AttestationError(f"attestation: {'; '.join(problems)}")
        return "|".join((self.code[2:], self.center, f"{self.date:%Y%m%d}", str(self.score), str(self.level),
                         self.levels, self.engine, self.initials, self.holder)).encode("ascii")

    @classmethod
    def from_body(cls, body: bytes) -> CompactResult:
        try:
            parts = body.decode("ascii").split("|")
        except UnicodeDecodeError:
            raise AttestationError("attestation: the signed part is not ASCII text") from None
        if len(parts) != len(FIELDS):
            raise AttestationError(f"attestation: {len(parts)} fields where {len(FIELDS)} are expected")
        code, center, date, score, level, levels, engine, person, holder = parts
        if not _INT.match(score) or not _INT.match(level):
            raise AttestationError("attestation: score or level is not a plain number")
        try:
            day = dt.datetime.strptime(date, "%Y%m%d").date() if re.fullmatch(r"\d{8}", date) else None
        except ValueError:
            day = None
        if day is None:
            raise AttestationError(f"attestation: date {date!r} is not YYYYMMDD")
        result = cls(f"P-{code}", center, day, int(score), int(level), levels, engine, person, holder)
        if result.problems():
            raise AttestationError(f"attestation: {'; '.join(result.problems())}")
        if result.body() != body:
            raise AttestationError("attestation: the signed part is not in canonical form")
        return result

    def holder_matches(self, last_name: str, first_name: str, birth_date: dt.date) -> bool:
        return holder_digest(self.code, last_name, first_name, birth_date) == self.holder


def sign_attestation(result: CompactResult, center_key: Ed25519PrivateKey) -> str:
    """The QR text: ``PUP1:`` and the base45 of the body and the center's signature over it."""
    body = result.body()
    return PREFIX + b45encode(body + center_key.sign(DOMAIN + body))


@dataclass(frozen=True)
class AttestationCheck:
    """What verification found: ``ok`` and the result, or why the payload fails.

    ``readable`` is False when the text is not an attestation payload at all (wrong prefix, damaged
    encoding, too short or too long), as opposed to one whose signature or contents do not hold.
    """

    ok: bool
    reason: str
    result: CompactResult | None = None
    readable: bool = True

    def __bool__(self) -> bool:
        return self.ok


def verify_attestation(payload: str, center_key: Ed25519PublicKey) -> AttestationCheck:
    """Check a scanned QR text against the center's public key. No I/O; never raises on bad input."""
    if not isinstance(payload, str):
        return AttestationCheck(False, "the payload is not text", readable=False)
    text = payload.strip()
    if len(text) > MAX_PAYLOAD_CHARS:
        return AttestationCheck(False, f"the payload is {len(text)} characters long, more than any attestation "
                                       f"({MAX_PAYLOAD_CHARS})", readable=False)
    if not text.startswith(PREFIX):
        return AttestationCheck(False, f"the payload does not start with {PREFIX} (not a Pupitre attestation, "
                                       "or a version this program does not know)", readable=False)
    try:
        raw = b45decode(text[len(PREFIX):])
    except ValueError as exc:
        return AttestationCheck(False, f"the payload is damaged: {exc}", readable=False)
    if len(raw) <= SIGNATURE_BYTES:
        return AttestationCheck(False, "the payload is too short to hold a signed result (truncated?)", readable=False)
    body, signature = raw[:-SIGNATURE_BYTES], raw[-SIGNATURE_BYTES:]
    try:
        center_key.verify(signature, DOMAIN + body)
    except InvalidSignature:
        return AttestationCheck(False, "the signature does not match this center's key (another center's "
                                       "attestation, or an altered or truncated payload)")
    try:
        result = CompactResult.from_body(body)
    except AttestationError as exc:
        return AttestationCheck(False, f"signed but not readable: {exc}")
    return AttestationCheck(True, "valid signature by the center's key", result)


def verify_attestation_or_raise(payload: str, center_key: Ed25519PublicKey) -> CompactResult:
    """Like :func:`verify_attestation` but raise :class:`AttestationError`; return the result."""
    check = verify_attestation(payload, center_key)
    if not check.ok:
        raise AttestationError(f"attestation: {check.reason}")
    assert check.result is not None
    return check.result
