"""Enrolled kiosks and the one-time codes that enrol them.

An enrolment code is valid 10 minutes, enrols one kiosk, and burns after 5 wrong tries. A wrong
try cannot tell which open code it was aimed at, so it counts against every open code: a guesser
gets five tries per code whatever the number of codes shown, and the invigilator simply shows a
new code when one burns. The console stores only a verifier of each code (scrypt), and a kiosk
never sends the code itself but a proof bound to its key and to the console's certificate
(:func:`invigilator.core.codes.enrolment_proof`, ADR 0017).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from invigilator.core.codes import code_verifier, enrolment_proof, proof_matches
from invigilator.errors import EnrolmentError, InvigilatorError, StatusFormatError

ENROLMENT_CODE_LIFETIME = dt.timedelta(minutes=10)
ENROLMENT_MAX_WRONG = 5
KEY_ID = re.compile(r"^[0-9a-f]{32}$")
MAX_KIOSK_NAME = 40
MAX_SECONDS_LEFT = 24 * 3600
STATE = re.compile(r"^[a-z][a-z-]{0,31}$")  # the kiosk session's State values (kiosk.core.session)


class CodeState(StrEnum):
    LIVE = "live"
    EXPIRED = "expired"
    USED = "used"
    BURNED = "burned"


@dataclass(frozen=True)
class EnrolmentCode:
    id: str
    verifier: str
    issued_at: dt.datetime
    expires_at: dt.datetime
    wrong_tries: int = 0
    used_at: dt.datetime | None = None
    used_by: str | None = None
    burned_at: dt.datetime | None = None

    @classmethod
    def issue(cls, id: str, code: str, now: dt.datetime) -> EnrolmentCode:
        return cls(id, code_verifier(code), now, now + ENROLMENT_CODE_LIFETIME)

    def state(self, now: dt.datetime) -> CodeState:
        if self.used_at is not None:
            return CodeState.USED
        if self.burned_at is not None:
            return CodeState.BURNED
        if now >= self.expires_at or now < self.issued_at:
            return CodeState.EXPIRED
        return CodeState.LIVE


@dataclass(frozen=True)
class Redemption:
    """The outcome of one try: the codes as they now are, and the code it used (None when refused)."""

    codes: tuple[EnrolmentCode, ...]
    used: EnrolmentCode | None
    error: EnrolmentError | None

    def raise_if_refused(self) -> EnrolmentCode:
        if self.error is not None:
            raise self.error
        assert self.used is not None
        return self.used


@dataclass(frozen=True)
class EnrolmentClaim:
    """What a kiosk sends to enrol: its signing key, the console pin it saw, and its proof of the code."""

    kiosk_signing_public: str
    console_pin: str
    proof: str

    def matches(self, code: EnrolmentCode) -> bool:
        return proof_matches(code.verifier, "kiosk", self.kiosk_signing_public, self.console_pin, self.proof)

    def console_proof(self, code: EnrolmentCode) -> str:
        """The console's answer, which tells the kiosk it reached the console the code came from."""
        return enrolment_proof(code.verifier, "console", self.kiosk_signing_public, self.console_pin)


def redeem(codes: Sequence[EnrolmentCode], matches: Callable[[EnrolmentCode], bool], kiosk_id: str,
           now: dt.datetime) -> Redemption:
    """Try a claim (``matches``) against the codes; return the updated codes (to be stored) and what happened.

    Refusals are returned rather than raised so that the caller stores the wrong-try count in the
    same transaction that read it.
    """
    target = next((c for c in codes if matches(c)), None)
    if target is not None:
        state = target.state(now)
        if state is CodeState.LIVE:
            used = replace(target, used_at=now, used_by=kiosk_id)
            return Redemption(tuple(used if c.id == target.id else c for c in codes), used, None)
        messages = {
            CodeState.EXPIRED: "this enrolment code has expired (codes last 10 minutes): show a new one",
            CodeState.USED: "this enrolment code has already enrolled a kiosk (each code enrols one): show a new one",
            CodeState.BURNED: "this enrolment code was burned after 5 wrong tries: show a new one",
        }
        return Redemption(tuple(codes), None, EnrolmentError(str(state), messages[state]))
    live = [c for c in codes if c.state(now) is CodeState.LIVE]
    if not live:
        return Redemption(tuple(codes), None, EnrolmentError(
            "none-open", "no enrolment code is open: show one with 'pupitre-invigilator enrol-code'"))
    updated = []
    for code in codes:
        if code.state(now) is CodeState.LIVE:
            tries = code.wrong_tries + 1
            code = replace(code, wrong_tries=tries, burned_at=now if tries >= ENROLMENT_MAX_WRONG else None)
        updated.append(code)
    return Redemption(tuple(updated), None, EnrolmentError("wrong", "wrong enrolment code"))


@dataclass(frozen=True)
class KioskStatus:
    """What a kiosk last said of itself at a sync; the dashboard draws it."""

    state: str
    candidate_id: str | None = None
    attempt_id: str | None = None
    question: int | None = None
    total: int | None = None
    seconds_left: float | None = None
    focused: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"state": self.state, "candidate_id": self.candidate_id, "attempt_id": self.attempt_id,
                "question": self.question, "total": self.total, "seconds_left": self.seconds_left,
                "focused": self.focused}

    @classmethod
    def from_dict(cls, data: Any, what: str = "status") -> KioskStatus:
        """Read a status as a kiosk sends it, raising :class:`StatusFormatError` naming the bad field."""
        if not isinstance(data, dict):
            raise StatusFormatError(f"{what}: expected a mapping")
        state = data.get("state")
        if not isinstance(state, str) or not STATE.match(state):
            raise StatusFormatError(f"{what}: 'state' must be a short lower-case word, not {state!r:.40}")
        ids = {}
        for name in ("candidate_id", "attempt_id"):
            value = data.get(name)
            if value is not None and not (isinstance(value, str) and 0 < len(value) <= 80 and value.isprintable()):
                raise StatusFormatError(f"{what}: '{name}' must be 1 to 80 printable characters or null")
            ids[name] = value
        counts = {}
        for name in ("question", "total"):
            value = data.get(name)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 1000):
                raise StatusFormatError(f"{what}: '{name}' must be a whole number from 0 to 1000 or null")
            counts[name] = value
        left = data.get("seconds_left")
        if left is not None and (not isinstance(left, (int, float)) or isinstance(left, bool)
                                 or not math.isfinite(left) or not 0 <= left <= MAX_SECONDS_LEFT):
            raise StatusFormatError(f"{what}: 'seconds_left' must be a number of seconds from 0 to "
                                    f"{MAX_SECONDS_LEFT} or null")
        focused = data.get("focused", True)
        if not isinstance(focused, bool):
            raise StatusFormatError(f"{what}: 'focused' must be true or false")
        return cls(state, ids["candidate_id"], ids["attempt_id"], counts["question"], counts["total"],
                   None if left is None else float(left), focused)


def _kiosk_name(name: str) -> str:
    text = " ".join(str(name or "").split())
    if not text or len(text) > MAX_KIOSK_NAME or not text.isprintable():
        raise InvigilatorError(f"kiosk name {name!r} must be 1 to {MAX_KIOSK_NAME} printable characters")
    return text


@dataclass(frozen=True)
class EnrolledKiosk:
    """A kiosk whose public keys the console pinned; its id is its signing key's id."""

    id: str
    name: str
    signing_public: str
    wrapping_public: str
    enrolled_at: dt.datetime
    revoked_at: dt.datetime | None = None
    last_heard_at: dt.datetime | None = None
    status: KioskStatus | None = None
    clock_offset: float | None = None  # seconds, kiosk clock minus console clock (invigilator.core.clock)

    def __post_init__(self) -> None:
        if not KEY_ID.match(self.id):
            raise InvigilatorError(f"kiosk id {self.id!r} is not a key id")
        _kiosk_name(self.name)

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def renamed(self, name: str) -> EnrolledKiosk:
        return replace(self, name=_kiosk_name(name))

    def revoke(self, now: dt.datetime) -> EnrolledKiosk:
        return self if self.revoked_at is not None else replace(self, revoked_at=now)

    def heard(self, now: dt.datetime, status: KioskStatus | None = None,
              clock_offset: float | None = None) -> EnrolledKiosk:
        """Record a sync; a late-arriving older time never moves last-heard backwards."""
        last = self.last_heard_at if self.last_heard_at is not None and self.last_heard_at > now else now
        return replace(self, last_heard_at=last, status=status if status is not None else self.status,
                       clock_offset=clock_offset if clock_offset is not None else self.clock_offset)

    def silent_for(self, now: dt.datetime) -> dt.timedelta | None:
        return None if self.last_heard_at is None else max(now - self.last_heard_at, dt.timedelta(0))


def unique_kiosk_name(wanted: str, taken: Iterable[str]) -> str:
    """``wanted``, or ``wanted (2)``, ``wanted (3)``… so two kiosks never share a name on the dashboard."""
    base, names = _kiosk_name(wanted), {t.casefold() for t in taken}
    if base.casefold() not in names:
        return base
    n = 2
    while f"{base} ({n})".casefold() in names:
        n += 1
    return _kiosk_name(f"{base[: MAX_KIOSK_NAME - 6]} ({n})")
