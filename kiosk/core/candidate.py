"""Who sits the test, as entered at check-in, and the checks on what was typed."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from kiosk.errors import CheckInError

ACCESS_LETTERS = "BCDFGHJKMPQRTVWXY"
ACCESS_DIGITS = "2346789"
ACCESS_CODE = re.compile(rf"^[{ACCESS_LETTERS}]{{4}}[{ACCESS_DIGITS}]{{2}}$")
NAME = re.compile(r"^[^\W\d_]+(?:[ '’.-][^\W\d_]+)*\.?$")
MIN_AGE, MAX_AGE = 8, 120
SCREEN_READER = "screen-reader"
# Accommodations a candidate may have (from the roster, or chosen in practice mode).
ACCOMMODATIONS = (SCREEN_READER,)


@dataclass(frozen=True)
class Candidate:
    last_name: str
    first_name: str
    birth_date: dt.date
    session_number: str = ""
    access_code: str = ""
    # Accommodations change the test (a screen reader: only items it can convey, longer time), so
    # they are part of the attempt's data: journalled at check-in, carried by the result bundle,
    # and read by the replay audit to make the same choices.
    accommodations: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        unknown = sorted(set(self.accommodations) - set(ACCOMMODATIONS))
        if unknown:
            raise ValueError(f"unknown accommodation {unknown[0]!r} (known: {', '.join(ACCOMMODATIONS)})")

    @property
    def screen_reader(self) -> bool:
        return SCREEN_READER in self.accommodations

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"last_name": self.last_name, "first_name": self.first_name,
                                "birth_date": self.birth_date.isoformat(), "session_number": self.session_number,
                                "access_code": self.access_code}
        if self.accommodations:  # absent when none: the data of every other candidate is unchanged
            data["accommodations"] = list(self.accommodations)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Candidate:
        accommodations = data.get("accommodations", ())
        if not isinstance(accommodations, (list, tuple)) or not all(isinstance(a, str) for a in accommodations):
            raise ValueError("the candidate's accommodations must be a list of names")
        return cls(data["last_name"], data["first_name"], dt.date.fromisoformat(data["birth_date"]),
                   data.get("session_number", ""), data.get("access_code", ""), tuple(accommodations))

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name.upper()}"


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def parse_birth_date(text: str) -> dt.date | None:
    """Accept the forms people type: 31/12/2009, 31-12-2009, 31.12.2009, 2009-12-31."""
    text = (text or "").strip()
    for pattern in (r"^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$", r"^(\d{4})-(\d{1,2})-(\d{1,2})$"):
        match = re.match(pattern, text)
        if match:
            parts = [int(g) for g in match.groups()]
            day, month, year = parts if len(match.group(1)) <= 2 else (parts[2], parts[1], parts[0])
            try:
                return dt.date(year, month, day)
            except ValueError:
                return None
    return None


def exam_problems(session_number: str, access_code: str) -> dict[str, str]:
    """What is wrong with an exam check-in's session number and access code (empty: required)."""
    problems = {}
    if not session_number:
        problems["session_number"] = "required"
    elif not session_number.isdigit() or not 1 <= len(session_number) <= 10:
        problems["session_number"] = "the session number is the number given by the invigilator"
    if not access_code:
        problems["access_code"] = "required"
    elif not ACCESS_CODE.match(access_code):
        problems["access_code"] = "4 letters and 2 digits, as written on the board (e.g. PVXB89)"
    return problems


def require_exam_identity(candidate: Candidate) -> None:
    """Refuse an exam check-in without a valid session number and access code, however it was made.

    The check-in form checks them; this is the exam session's own guard, so that no other path
    (a link, a script, a form with the fields hidden) starts an exam that names no session."""
    problems = exam_problems(candidate.session_number, candidate.access_code)
    if problems:
        raise CheckInError(problems)


def check_in(
    *, last_name: str, first_name: str, birth_date: str | dt.date, today: dt.date,
    session_number: str = "", access_code: str = "", exam: bool, accommodations: tuple[str, ...] = (),
) -> Candidate:
    """Validate the check-in form; raise :class:`CheckInError` naming every wrong field."""
    problems: dict[str, str] = {}
    last, first = _clean(last_name), _clean(first_name)
    for key, value in (("last_name", last), ("first_name", first)):
        if not value:
            problems[key] = "required"
        elif len(value) > 80 or not NAME.match(value):
            problems[key] = "letters, spaces, hyphens and apostrophes only"
    born = birth_date if isinstance(birth_date, dt.date) else parse_birth_date(birth_date)
    if born is None:
        problems["birth_date"] = "expected a date such as 31/12/2009" if birth_date else "required"
    else:
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        if not MIN_AGE <= age <= MAX_AGE:
            problems["birth_date"] = "this date of birth is not plausible"
    number = _clean(session_number).replace(" ", "")
    code = _clean(access_code).replace(" ", "").upper()
    if exam:
        problems.update(exam_problems(number, code))
    if problems:
        raise CheckInError(problems)
    assert born is not None
    return Candidate(last, first, born, number, code, tuple(accommodations))
