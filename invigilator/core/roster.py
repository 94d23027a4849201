"""The candidates of a session, as the roster lists them, and check-in matching.

At a kiosk a candidate types a session number, the access code, their names and birth date;
the console looks for them in the roster. Matching forgives what people do when typing a name
(case, accents, extra spaces, hyphen or apostrophe for a space) but never the birth date.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from invigilator.errors import RosterError

MAX_NAME = 80
MAX_EXTERNAL_ID = 64
MAX_CANDIDATE_ID = 64
MAX_EXTRA_TIME_MINUTES = 210  # twice the default test: beyond that the roster line is surely wrong
NAME = re.compile(r"^[^\W\d_]+(?:[ '’.-]+[^\W\d_]+)*\.?$")


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text or "")).split())


def name_key(text: str) -> str:
    """The form two spellings of one name share: no accents, case-folded, one space between parts."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.split(r"[\s'’.\-]+", bare.casefold())).strip()


@dataclass(frozen=True)
class Candidate:
    """One roster line: who may sit the session, and what they are entitled to."""

    id: str
    session_id: str
    last_name: str
    first_name: str
    birth_date: dt.date
    external_id: str = ""
    extra_time_minutes: int = 0
    accommodations: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not 0 < len(self.id) <= MAX_CANDIDATE_ID or not self.id.isprintable():
            raise RosterError(f"candidate id {self.id!r} must be 1 to {MAX_CANDIDATE_ID} printable characters")
        for label, value in (("last name", self.last_name), ("first name", self.first_name)):
            if not value or len(value) > MAX_NAME or not NAME.match(value):
                raise RosterError(f"candidate {self.id}: {label} {value!r} is empty, too long or not a name")
        if not isinstance(self.birth_date, dt.date) or isinstance(self.birth_date, dt.datetime):
            raise RosterError(f"candidate {self.id}: birth date must be a date")
        if len(self.external_id) > MAX_EXTERNAL_ID:
            raise RosterError(f"candidate {self.id}: external id is longer than {MAX_EXTERNAL_ID} characters")
        if (not isinstance(self.extra_time_minutes, int) or isinstance(self.extra_time_minutes, bool)
                or not 0 <= self.extra_time_minutes <= MAX_EXTRA_TIME_MINUTES):
            raise RosterError(f"candidate {self.id}: extra time must be whole minutes from 0 to "
                              f"{MAX_EXTRA_TIME_MINUTES}, not {self.extra_time_minutes!r}")
        if any(not isinstance(a, str) or not a.strip() for a in self.accommodations):
            raise RosterError(f"candidate {self.id}: an accommodation is empty")

    @classmethod
    def create(cls, id: str, session_id: str, last_name: str, first_name: str, birth_date: dt.date,
               external_id: str = "", extra_time_minutes: int = 0,
               accommodations: Iterable[str] = ()) -> Candidate:
        """A candidate from typed or imported text, cleaned (Unicode NFC, single spaces)."""
        return cls(id, session_id, _clean(last_name), _clean(first_name), birth_date, _clean(external_id),
                   extra_time_minutes, tuple(_clean(a) for a in accommodations))

    def edited(self, **changes: Any) -> Candidate:
        return replace(self, **changes)

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name.upper()}"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "session_id": self.session_id, "last_name": self.last_name,
                "first_name": self.first_name, "birth_date": self.birth_date.isoformat(),
                "external_id": self.external_id, "extra_time_minutes": self.extra_time_minutes,
                "accommodations": list(self.accommodations)}


def _joined(key: str) -> str:
    return key.replace(" ", "")


class MatchStatus(StrEnum):
    MATCHED = "matched"
    NOT_FOUND = "not-found"
    AMBIGUOUS = "ambiguous"


@dataclass(frozen=True)
class CheckInMatch:
    """What the roster says of a check-in: the one candidate, none, or several (the invigilator decides)."""

    status: MatchStatus
    candidate: Candidate | None = None
    candidates: tuple[Candidate, ...] = ()
    reason: str = ""

    def __bool__(self) -> bool:
        return self.status is MatchStatus.MATCHED


def match_check_in(roster: Iterable[Candidate], last_name: str, first_name: str,
                   birth_date: dt.date) -> CheckInMatch:
    """Find the roster line a check-in names.

    The birth date and the last name must match (names compared by :func:`name_key`, separators
    ignored: "N'Diaye", "N Diaye" and "Ndiaye" are one name); the first
    name must match too, except that a roster line with several first names ("Marie Claire")
    accepts the first of them alone. Two lines that both fit are reported, never guessed between.
    """
    last, first = _joined(name_key(last_name)), name_key(first_name)
    if not last or not first:
        return CheckInMatch(MatchStatus.NOT_FOUND, reason="a last name and a first name are needed")
    found = []
    for candidate in roster:
        if candidate.birth_date != birth_date or _joined(name_key(candidate.last_name)) != last:
            continue
        roster_first = name_key(candidate.first_name)
        if _joined(first) == _joined(roster_first) or first == roster_first.split(" ")[0]:
            found.append(candidate)
    if not found:
        return CheckInMatch(MatchStatus.NOT_FOUND,
                            reason="no candidate of this session has this name and birth date")
    if len(found) > 1:
        return CheckInMatch(MatchStatus.AMBIGUOUS, candidates=tuple(found),
                            reason=f"{len(found)} candidates of this session have this name and birth date")
    return CheckInMatch(MatchStatus.MATCHED, candidate=found[0], candidates=(found[0],))
