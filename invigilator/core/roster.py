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
# The assistive programs a candidate may be allowed in focus mode: the ids the kiosk's guard knows
# (kiosk.guard.catalogue.ASSISTIVE; a test keeps the two lists equal, the console may not import the kiosk).
# A roster line carries them among its accommodations as ``assistive:<id>``, so the authorisation
# that hands the accommodations to the kiosk carries them too.
ASSISTIVE_PROGRAMS = ("orca", "nvda", "jaws", "narrator", "onboard", "florence", "windows-osk", "kmag",
                      "windows-magnifier", "zoomtext")
ASSISTIVE_PREFIX = "assistive:"


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
        for accommodation in self.accommodations:
            program = accommodation.removeprefix(ASSISTIVE_PREFIX)
            if accommodation.startswith(ASSISTIVE_PREFIX) and program not in ASSISTIVE_PROGRAMS:
                raise RosterError(f"candidate {self.id}: assistive program {program!r} is unknown (known: "
                                  f"{', '.join(ASSISTIVE_PROGRAMS)})")

    @classmethod
    def create(cls, id: str, session_id: str, last_name: str, first_name: str, birth_date: dt.date,
               external_id: str = "", extra_time_minutes: int = 0,
               accommodations: Iterable[str] = (), assistive_programs: Iterable[str] = ()) -> Candidate:
        """A candidate from typed or imported text, cleaned (Unicode NFC, single spaces)."""
        kept = [_clean(a) for a in accommodations]
        kept += [ASSISTIVE_PREFIX + _clean(p).lower() for p in assistive_programs]
        return cls(id, session_id, _clean(last_name), _clean(first_name), birth_date, _clean(external_id),
                   extra_time_minutes, tuple(dict.fromkeys(kept)))

    @property
    def assistive_programs(self) -> tuple[str, ...]:
        """The assistive programs allowed in focus mode (their kiosk ids)."""
        return tuple(a.removeprefix(ASSISTIVE_PREFIX) for a in self.accommodations if a.startswith(ASSISTIVE_PREFIX))

    @property
    def other_accommodations(self) -> tuple[str, ...]:
        return tuple(a for a in self.accommodations if not a.startswith(ASSISTIVE_PREFIX))

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


# -- one roster line, checked field by field (the hand form and the CSV import share this) -----------
FIELDS = ("last_name", "first_name", "birth_date", "external_id", "extra_time_minutes", "accommodations",
          "assistive_programs")
MIN_AGE_YEARS, MAX_AGE_YEARS = 8, 120
ENGLISH = {
    "required": "is required",
    "not-a-name": "is not a name (letters, with spaces, hyphens or apostrophes between parts)",
    "too-long": "is too long",
    "not-a-date": "is not a date (YYYY-MM-DD or DD/MM/YYYY)",
    "implausible-date": f"is not a plausible birth date (age {MIN_AGE_YEARS} to {MAX_AGE_YEARS})",
    "not-minutes": "is not whole minutes",
    "too-much-time": f"is more than {MAX_EXTRA_TIME_MINUTES} minutes",
    "unknown-program": f"names an unknown program (known: {', '.join(ASSISTIVE_PROGRAMS)})",
}


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one field: a code the interface translates, and the value concerned."""

    field: str
    code: str
    value: str = ""

    def english(self) -> str:
        shown = f" {self.value!r}" if self.value else ""
        return f"{self.field.replace('_', ' ')}{shown} {ENGLISH.get(self.code, self.code)}"


def parse_date(text: str) -> dt.date | None:
    """A date typed as YYYY-MM-DD or DD/MM/YYYY (also DD-MM-YYYY, DD.MM.YYYY), else None."""
    text = str(text or "").strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    parts = (int(match[3]), int(match[2]), int(match[1])) if match else None
    if parts is None:
        match = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text)
        parts = (int(match[1]), int(match[2]), int(match[3])) if match else None
    if parts is None:
        return None
    try:
        return dt.date(parts[2], parts[1], parts[0])
    except ValueError:
        return None


def _split(text: str | Iterable[str], separators: str = r"[;|]") -> list[str]:
    """A list typed in one field: ';' separates, or '|' (a file separated by ';' cannot use ';' inside a field
    unless it quotes it)."""
    items = re.split(separators, text) if isinstance(text, str) else list(text)
    return [" ".join(str(i).split()) for i in items if str(i).strip()]


def check_candidate(fields: dict[str, Any], *, id: str, session_id: str,
                    today: dt.date) -> tuple[Candidate | None, list[FieldProblem]]:
    """A roster line from typed or imported text: the candidate, or every field that is wrong.

    ``fields`` holds text (``accommodations`` and ``assistive_programs`` may be ';'-separated text
    or lists). The birth date must make an age from 8 to 120 on ``today``.
    """
    problems: list[FieldProblem] = []
    names = {}
    for key in ("last_name", "first_name"):
        value = _clean(fields.get(key, ""))
        if not value:
            problems.append(FieldProblem(key, "required"))
        elif len(value) > MAX_NAME:
            problems.append(FieldProblem(key, "too-long", value[:20] + "…"))
        elif not NAME.match(value):
            problems.append(FieldProblem(key, "not-a-name", value))
        names[key] = value
    raw_date = str(fields.get("birth_date", "") or "").strip()
    birth = parse_date(raw_date)
    if not raw_date:
        problems.append(FieldProblem("birth_date", "required"))
    elif birth is None:
        problems.append(FieldProblem("birth_date", "not-a-date", raw_date))
    elif not (MIN_AGE_YEARS <= (today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day)))
              <= MAX_AGE_YEARS):
        problems.append(FieldProblem("birth_date", "implausible-date", raw_date))
    external = _clean(fields.get("external_id", ""))
    if len(external) > MAX_EXTERNAL_ID:
        problems.append(FieldProblem("external_id", "too-long", external[:20] + "…"))
    extra_text = str(fields.get("extra_time_minutes", "") or "0").strip()
    extra = 0
    if not extra_text.isdigit() or not extra_text.isascii():
        problems.append(FieldProblem("extra_time_minutes", "not-minutes", extra_text))
    elif int(extra_text) > MAX_EXTRA_TIME_MINUTES:
        problems.append(FieldProblem("extra_time_minutes", "too-much-time", extra_text))
    else:
        extra = int(extra_text)
    accommodations = _split(fields.get("accommodations", ""))
    programs = [p.lower() for p in _split(fields.get("assistive_programs", ""), r"[;|,+\s]+")]  # ids: any separator
    programs += [a.removeprefix(ASSISTIVE_PREFIX).lower() for a in accommodations if a.startswith(ASSISTIVE_PREFIX)]
    accommodations = [a for a in accommodations if not a.startswith(ASSISTIVE_PREFIX)]
    for program in programs:
        if program not in ASSISTIVE_PROGRAMS:
            problems.append(FieldProblem("assistive_programs", "unknown-program", program))
            break
    if problems:
        return None, problems
    assert birth is not None
    return Candidate.create(id, session_id, names["last_name"], names["first_name"], birth, external, extra,
                            accommodations, programs), []
