"""Check-in at a kiosk, as the console sees it: what the candidate typed, whom it may be, who decided.

A kiosk waiting for its authorisation sends what its candidate typed (session number, access
code, last name, first name, birth date) with every sync. The console refuses a wrong session
number or access code, or a session that is not open, with a reason the kiosk shows. Otherwise
it looks the candidate up in the roster: an exact match after normalising (accents, case,
spaces, hyphens, apostrophes) is *proposed*, and so are near matches (a typo in a name, two
names swapped, day and month of the birth date swapped) — never accepted on their own. The
invigilator compares the roster line with what was typed and confirms; only a confirmed check-in
is authorised, through the same authorise-start command as ``session authorise``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from invigilator.core.center import ExamSession, SessionStatus
from invigilator.core.roster import Candidate, MatchStatus, match_check_in, name_key
from invigilator.errors import CheckInRefusedError

MAX_PROPOSALS = 5
NEAR_NAME_EDITS = 2  # per name: "Martn" for "Martin", "Lea Marie" for "Léa-Marie" already match exactly


class CheckInState(StrEnum):
    REFUSED = "refused"  # wrong session number or access code, or the session is not open
    UNKNOWN = "unknown"  # nobody on the roster fits, not even nearly
    PROPOSED = "proposed"  # one or more roster lines proposed: the invigilator decides
    CONFIRMED = "confirmed"  # the invigilator checked the identity
    AUTHORISED = "authorised"  # the authorise-start command is queued for the kiosk


class Refusal(StrEnum):
    """Why a check-in is refused; the kiosk shows its own text for each."""

    WRONG_CODE = "wrong-code"  # one reason for a wrong number and a wrong code: a kiosk learns no session ids
    NOT_OPEN = "session-not-open"
    CLOSED = "session-closed"


REFUSAL_TEXT = {
    Refusal.WRONG_CODE: "the session number or the access code is wrong",
    Refusal.NOT_OPEN: "this session is not open for check-in yet: ask the invigilator",
    Refusal.CLOSED: "this session is closed",
}


@dataclass(frozen=True)
class TypedCheckIn:
    """What the candidate typed at the kiosk, as its sync carried it."""

    attempt_id: str
    session_number: str
    access_code: str
    last_name: str
    first_name: str
    birth_date: dt.date

    def to_dict(self) -> dict[str, Any]:
        return {"attempt_id": self.attempt_id, "session_number": self.session_number,
                "access_code": self.access_code, "last_name": self.last_name, "first_name": self.first_name,
                "birth_date": self.birth_date.isoformat()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TypedCheckIn:
        return cls(data["attempt_id"], data["session_number"], data["access_code"], data["last_name"],
                   data["first_name"], dt.date.fromisoformat(data["birth_date"]))

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name.upper()}"


@dataclass(frozen=True)
class Proposal:
    """A roster line the typed identity may be: ``exact`` or near, and why near."""

    candidate_id: str
    exact: bool
    why: str = ""  # near: 'name-typo', 'names-swapped', 'date-swapped'

    def to_dict(self) -> dict[str, Any]:
        return {"candidate_id": self.candidate_id, "exact": self.exact, "why": self.why}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Proposal:
        return cls(str(data["candidate_id"]), bool(data["exact"]), str(data.get("why", "")))


@dataclass(frozen=True)
class CheckIn:
    """One kiosk's check-in for one attempt, and what became of it."""

    kiosk_id: str
    typed: TypedCheckIn
    received_at: dt.datetime
    state: CheckInState
    session_id: str | None = None  # the session the number and code named (None when refused as wrong)
    refusal: Refusal | None = None
    proposals: tuple[Proposal, ...] = ()
    candidate_id: str | None = None  # confirmed (then authorised) roster line
    confirmed_by: str = ""
    confirmed_at: dt.datetime | None = None
    command_id: str | None = None

    @property
    def attempt_id(self) -> str:
        return self.typed.attempt_id

    @property
    def decided(self) -> bool:
        """Confirmed or authorised: what the kiosk types no longer changes it."""
        return self.state in (CheckInState.CONFIRMED, CheckInState.AUTHORISED)

    def confirm(self, candidate: Candidate, by: str, now: dt.datetime) -> CheckIn:
        """The invigilator says the person at the kiosk is ``candidate`` (a roster line of the session)."""
        if self.state is CheckInState.AUTHORISED:
            raise CheckInRefusedError(f"kiosk {self.kiosk_id}: this check-in is already authorised")
        if self.session_id is None or self.state is CheckInState.REFUSED:
            raise CheckInRefusedError(f"kiosk {self.kiosk_id}: the check-in was refused "
                                      f"({REFUSAL_TEXT.get(self.refusal, '') if self.refusal else ''}); "
                                      "the candidate must check in again")
        if candidate.session_id != self.session_id:
            raise CheckInRefusedError(f"kiosk {self.kiosk_id}: candidate {candidate.id} is not on the roster of "
                                      f"session {self.session_id}")
        if not by.strip():
            raise CheckInRefusedError("a confirmation names the invigilator who checked the identity")
        return replace(self, state=CheckInState.CONFIRMED, candidate_id=candidate.id, confirmed_by=by.strip(),
                       confirmed_at=now)

    def unconfirm(self) -> CheckIn:
        if self.state is not CheckInState.CONFIRMED:
            raise CheckInRefusedError(f"kiosk {self.kiosk_id}: only a confirmed check-in can be set back")
        return replace(self, state=CheckInState.PROPOSED if self.proposals else CheckInState.UNKNOWN,
                       candidate_id=None, confirmed_by="", confirmed_at=None)

    def authorised(self, command_id: str) -> CheckIn:
        if self.state is not CheckInState.CONFIRMED or self.candidate_id is None:
            raise CheckInRefusedError(f"kiosk {self.kiosk_id}: the candidate's identity is not confirmed yet")
        return replace(self, state=CheckInState.AUTHORISED, command_id=command_id)

    def answer(self) -> dict[str, Any]:
        """What the kiosk is told (``protocol.room.CheckInAnswer``)."""
        waiting = self.state in (CheckInState.UNKNOWN, CheckInState.PROPOSED)
        return {"attempt_id": self.attempt_id,
                "state": "refused" if self.state is CheckInState.REFUSED else "waiting" if waiting else str(self.state),
                "reason": str(self.refusal) if self.refusal else None,
                "message": REFUSAL_TEXT[self.refusal] if self.refusal else ""}


# -- deciding ------------------------------------------------------------------------------------------
def edits(a: str, b: str, limit: int) -> int:
    """Damerau–Levenshtein distance (adjacent swaps count one), or ``limit + 1`` once past ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _flat(text: str) -> str:
    return name_key(text).replace(" ", "")


def swapped(birth_date: dt.date) -> dt.date | None:
    """The date with day and month swapped (07/03 for 03/07), when that is another date."""
    if birth_date.day > 12 or birth_date.day == birth_date.month:
        return None
    try:
        return birth_date.replace(month=birth_date.day, day=birth_date.month)
    except ValueError:
        return None


def birth_dates_to_read(birth_date: dt.date) -> tuple[dt.date, ...]:
    """The only birth dates a roster line can have to match a typed one, exactly or nearly (a store reads
    just those lines)."""
    other = swapped(birth_date)
    return (birth_date,) if other is None else (birth_date, other)


def near_matches(roster: Iterable[Candidate], last_name: str, first_name: str,
                 birth_date: dt.date) -> list[Proposal]:
    """Roster lines the typed identity nearly names, closest first (at most :data:`MAX_PROPOSALS`)."""
    last, first = _flat(last_name), _flat(first_name)
    swapped_date = swapped(birth_date)
    scored: list[tuple[int, Proposal]] = []
    for c in roster:
        c_last, c_first = _flat(c.last_name), _flat(c.first_name)
        c_first_one = _flat(name_key(c.first_name).split(" ")[0])
        names_exact = c_last == last and first in (c_first, c_first_one)
        if c.birth_date == birth_date:
            if c_last == first and first and last in (c_first, c_first_one):
                scored.append((1, Proposal(c.id, False, "names-swapped")))
                continue
            distance = edits(c_last, last, NEAR_NAME_EDITS) + min(edits(c_first, first, NEAR_NAME_EDITS),
                                                                 edits(c_first_one, first, NEAR_NAME_EDITS))
            if 0 < distance <= NEAR_NAME_EDITS:
                scored.append((distance, Proposal(c.id, False, "name-typo")))
        elif names_exact and c.birth_date == swapped_date:
            scored.append((1, Proposal(c.id, False, "date-swapped")))
    scored.sort(key=lambda pair: pair[0])
    return [p for _, p in scored[:MAX_PROPOSALS]]


def evaluate(kiosk_id: str, typed: TypedCheckIn, session: ExamSession | None, roster: Iterable[Candidate],
             now: dt.datetime) -> CheckIn:
    """The console's reading of a check-in: refused with a reason, or the roster lines it may be.

    ``session`` is the session whose number was typed (None when there is none); ``roster`` its
    candidates.
    """
    if session is None or not session.accepts_code(typed.access_code):
        return CheckIn(kiosk_id, typed, now, CheckInState.REFUSED, refusal=Refusal.WRONG_CODE)
    if session.status is SessionStatus.PLANNED:
        return CheckIn(kiosk_id, typed, now, CheckInState.REFUSED, session.id, Refusal.NOT_OPEN)
    if session.status is SessionStatus.CLOSED:
        return CheckIn(kiosk_id, typed, now, CheckInState.REFUSED, session.id, Refusal.CLOSED)
    lines = list(roster)
    match = match_check_in(lines, typed.last_name, typed.first_name, typed.birth_date)
    if match.status is not MatchStatus.NOT_FOUND:
        proposals = tuple(Proposal(c.id, True) for c in match.candidates)
    else:
        proposals = tuple(near_matches(lines, typed.last_name, typed.first_name, typed.birth_date))
    state = CheckInState.PROPOSED if proposals else CheckInState.UNKNOWN
    return CheckIn(kiosk_id, typed, now, state, session.id, proposals=proposals)


def reconsider(held: CheckIn | None, fresh: CheckIn) -> CheckIn:
    """What to keep when a kiosk sends its check-in again: a decided one stands while the typing is the same.

    A check-in that was confirmed or authorised is kept as it is (the kiosk repeats what it sent);
    if the kiosk sends *different* typing for the same attempt before the authorisation, the
    confirmation no longer holds and the new typing is evaluated afresh. Once authorised, nothing
    the kiosk sends changes it.
    """
    if held is None:
        return fresh
    if held.state is CheckInState.AUTHORISED:
        return held
    if held.decided and held.typed == fresh.typed:
        return held
    if not held.decided and held.typed == fresh.typed:
        # the roster or the session may have changed: the fresh reading, but the first time it came
        return replace(fresh, received_at=held.received_at)
    return fresh
