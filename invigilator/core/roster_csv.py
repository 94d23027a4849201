"""A roster from a CSV file: every bad line reported with its number and reason, and nothing taken
from a file that has one.

The file is what a school office exports from a spreadsheet: UTF-8 (a BOM is fine), comma,
semicolon or tab separated, a header naming the columns. Required: ``last_name``, ``first_name``,
``birth_date`` (YYYY-MM-DD or DD/MM/YYYY). Optional: ``external_id``, ``extra_time_minutes``,
``accommodations`` and ``assistive_programs`` (lists separated by ';', or by '|' in a file that
uses ';' between columns; the programs are the kiosk's ids, e.g. ``orca|onboard``).
The CLI and the console's window both read rosters here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

from invigilator.core.roster import Candidate, FieldProblem, check_candidate

MAX_ROSTER_BYTES = 4 * 1024 * 1024
ROSTER_COLUMNS = ("last_name", "first_name", "birth_date")
ROSTER_OPTIONAL = ("external_id", "extra_time_minutes", "accommodations", "assistive_programs")


@dataclass(frozen=True)
class RosterProblem:
    """One refusal: the line (1 is the header; 0 the whole file), a code, and what it concerns.

    Codes: ``too-large``, ``not-utf8``, ``missing-columns``, ``unknown-columns``, ``unreadable``,
    ``field-count``, ``duplicate-external-id`` (detail: the first line), ``empty``, or a field's
    problem (``field`` set, code as :class:`~invigilator.core.roster.FieldProblem`).
    """

    line: int
    code: str
    detail: str = ""
    field: FieldProblem | None = None

    def english(self, where: str) -> str:
        place = f"{where}:{self.line}" if self.line else where
        text = {
            "too-large": f"larger than {MAX_ROSTER_BYTES // 1024 // 1024} MiB; not a roster",
            "not-utf8": "not UTF-8 text (save the roster as CSV UTF-8)",
            "missing-columns": f"the header lacks {self.detail} (columns: "
                               f"{', '.join(ROSTER_COLUMNS + ROSTER_OPTIONAL)})",
            "unknown-columns": f"unknown column(s) {self.detail}",
            "unreadable": f"not readable as CSV ({self.detail}); nothing after it was read",
            "field-count": f"{self.detail} fields expected",
            "duplicate-external-id": f"external id is already on line {self.detail}",
            "empty": "no candidate in the file",
        }.get(self.code)
        if self.field is not None:
            text = self.field.english()
        return f"{place}: {text or self.code}"


def decode_roster(data: bytes) -> tuple[str | None, list[RosterProblem]]:
    if len(data) > MAX_ROSTER_BYTES:
        return None, [RosterProblem(0, "too-large")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return None, [RosterProblem(0, "not-utf8")]


def read_roster(text: str, session_id: str, *, today: dt.date,
                new_id: Callable[[], str]) -> tuple[list[Candidate], list[RosterProblem]]:
    """Roster lines from CSV text, and one problem per bad line (the lines are the file's, header = 1)."""
    # the separator is the header's (a sniffer guesses from the data, and a bad line misleads it)
    header_line = text[:4096].split("\n", 1)[0]
    delimiter = max(",;\t", key=header_line.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        return [], [RosterProblem(1, "unreadable", str(exc))]
    missing = [c for c in ROSTER_COLUMNS if c not in header]
    if missing:
        return [], [RosterProblem(1, "missing-columns", ", ".join(missing))]
    unknown = [h for h in header if h not in ROSTER_COLUMNS + ROSTER_OPTIONAL]
    if unknown:
        return [], [RosterProblem(1, "unknown-columns", ", ".join(unknown))]
    reader.fieldnames = header
    candidates: list[Candidate] = []
    problems: list[RosterProblem] = []
    seen_external: dict[str, int] = {}
    rows = iter(reader)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:  # a NUL byte, a field past the csv module's limit, an unclosed quote
            problems.append(RosterProblem(reader.line_num, "unreadable", str(exc)))
            break
        line = reader.line_num
        if None in row or any(v is None for v in row.values()):
            problems.append(RosterProblem(line, "field-count", str(len(header))))
            continue
        candidate, bad = check_candidate(row, id=new_id(), session_id=session_id, today=today)
        if candidate is None:
            problems.extend(RosterProblem(line, "field", field=p) for p in bad)
            continue
        if candidate.external_id:
            if candidate.external_id in seen_external:
                problems.append(RosterProblem(line, "duplicate-external-id", str(seen_external[candidate.external_id])))
                continue
            seen_external[candidate.external_id] = line
        candidates.append(candidate)
    if not candidates and not problems:
        problems.append(RosterProblem(0, "empty"))
    return candidates, problems
