"""What the PDFs show, as plain data the console fills from its store (no SQLAlchemy, no Qt).

The room model's own types are used where they exist (:class:`~invigilator.core.center.Center`,
:class:`~invigilator.core.center.ExamSession`, :class:`~invigilator.core.roster.Candidate`); the
rest — attendance, timeline, incidents, comments — is defined here, the report being their first
reader.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from invigilator.core.center import Center, ExamSession
from invigilator.core.incidents import IncidentCategory, IncidentSubReason
from invigilator.core.roster import Candidate
from invigilator.errors import ReportError
from itembank.framework import DEFAULT_FRAMEWORK, Framework
from itembank.profile import DEFAULT_LEVELS, LevelBand
from protocol.attestation import CompactResult, holder_digest, initials

MAX_COMMENT = 500
LANGUAGES = ("fr", "en")


class Attendance(StrEnum):
    FINISHED = "finished"
    ABORTED = "aborted"
    ABSENT = "absent"


class AbortReason(StrEnum):
    CANDIDATE = "candidate"
    TECHNICAL = "technical"


def _comment(text: str, what: str) -> str:
    if len(text) > MAX_COMMENT:
        raise ReportError(f"{what}: the comment has {len(text)} characters, more than {MAX_COMMENT}")
    return text


@dataclass(frozen=True)
class AttendanceRow:
    """One roster candidate and what became of their test, times in console time."""

    candidate: Candidate
    status: Attendance
    checked_in: dt.datetime | None = None
    started: dt.datetime | None = None
    ended: dt.datetime | None = None
    abort_reason: AbortReason | None = None
    score: int | None = None
    level: int | None = None
    kiosk: str = ""
    comment: str = ""

    def __post_init__(self) -> None:
        who = f"candidate {self.candidate.id}"
        _comment(self.comment, who)
        if self.status is Attendance.ABORTED and self.abort_reason is None:
            raise ReportError(f"{who}: an aborted test needs its reason (candidate or technical)")
        if self.status is not Attendance.ABORTED and self.abort_reason is not None:
            raise ReportError(f"{who}: only an aborted test has an abort reason")
        if self.status is Attendance.ABSENT and (self.started or self.score is not None):
            raise ReportError(f"{who}: an absent candidate has no start time and no score")
        if self.score is not None and not 0 <= self.score <= 1024:
            raise ReportError(f"{who}: score {self.score} is not 0–1024")


@dataclass(frozen=True)
class TimelineEvent:
    """A notable event of the session (opening, authorisations, alerts, pauses, closing)."""

    at: dt.datetime
    text: str
    candidate: str = ""


@dataclass(frozen=True)
class Incident:
    at: dt.datetime
    category: IncidentCategory
    description: str
    sub_reason: IncidentSubReason | None = None
    candidate: str = ""

    def __post_init__(self) -> None:
        _comment(self.description, f"incident at {self.at:%H:%M}")


@dataclass(frozen=True)
class SessionReportData:
    """Everything the session report shows."""

    center: Center
    session: ExamSession
    session_number: str
    bank_title: str
    invigilators: tuple[str, ...]
    attendance: tuple[AttendanceRow, ...]
    timeline: tuple[TimelineEvent, ...] = ()
    incidents: tuple[Incident, ...] = ()
    global_comment: str = ""
    generated_at: dt.datetime | None = None
    levels: tuple[LevelBand, ...] = DEFAULT_LEVELS

    def __post_init__(self) -> None:
        _comment(self.global_comment, "the global comment")
        if not self.invigilators:
            raise ReportError(f"session {self.session.id}: the report needs at least one invigilator")


@dataclass(frozen=True)
class AttestationData:
    """One candidate's attestation: the result as the console computed it."""

    center: Center
    candidate: Candidate
    session_number: str
    date: dt.date
    score: int
    level: int
    competence_levels: Mapping[str, int]
    verification_code: str
    engine_version: str
    framework: Framework = DEFAULT_FRAMEWORK
    levels: tuple[LevelBand, ...] = DEFAULT_LEVELS
    extra: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        who = f"attestation of candidate {self.candidate.id}"
        codes = set(self.framework.codes)
        if set(self.competence_levels) != codes:
            missing, unknown = sorted(codes - set(self.competence_levels)), sorted(set(self.competence_levels) - codes)
            raise ReportError(f"{who}: competence levels must name the framework's {len(codes)} competences "
                              f"(missing {missing}, unknown {unknown})")
        if any(not 0 <= v <= 8 for v in self.competence_levels.values()):
            raise ReportError(f"{who}: a competence level is not 0–8")
        if not 0 <= self.level < len(self.levels):
            raise ReportError(f"{who}: level {self.level} has no band in the profile")
        problems = self.compact_result().problems()  # the QR must be signable before anything prints
        if problems:
            raise ReportError(f"{who}: the QR code cannot carry it: {'; '.join(problems)}")

    def compact_result(self) -> CompactResult:
        """The result the QR carries, from what the attestation prints."""
        c = self.candidate
        return CompactResult(
            code=self.verification_code, center=self.center.id, date=self.date, score=self.score, level=self.level,
            levels=self.levels_string, engine=self.engine_version, initials=initials(c.last_name, c.first_name),
            holder=holder_digest(self.verification_code, c.last_name, c.first_name, c.birth_date))

    def level_name(self, language: str) -> str:
        return self.levels[self.level].title.get(language)

    @property
    def levels_string(self) -> str:
        return "".join(str(self.competence_levels[code]) for code in self.framework.codes)
