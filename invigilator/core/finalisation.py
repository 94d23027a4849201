"""Finalising a session: the decision that closes it, with its comments, abort reasons and results.

DOMAIN: the session report has a global comment, a comment per candidate (at most 500 characters)
and an abort reason (candidate or technical) for every unfinished test. Finalisation is refused
while a test of the session runs or an alert of its kiosks is open — each named, so the
invigilator knows what to do first. Results come from the verified bundles the console holds,
replayed with the scoring rules (the caller does the replay; this module only decides).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from invigilator.core.alerts import MAX_PERSON, Alert
from invigilator.core.center import ExamSession
from invigilator.core.roster import Candidate
from invigilator.errors import FinalisationError

FINALISATION_TYPE = "pupitre/session-finalisation"
MAX_COMMENT = 500
ABORT_REASONS = ("candidate", "technical")
NORMAL_ENDS = frozenset({"completed", "time-up", "bank-exhausted"})  # the kiosk's end reasons that are no abort


class Outcome(StrEnum):
    FINISHED = "finished"  # a verified bundle of a test that ran to its end
    ABORTED = "aborted"  # ended by the candidate or for a technical reason (by the kiosk, or at finalisation)
    ABSENT = "absent"  # no attempt
    RUNNING = "running"  # a kiosk still runs it: finalisation waits
    UNFINISHED = "unfinished"  # started, not running, no verified end: needs an abort reason


@dataclass(frozen=True)
class AttemptFacts:
    """What the console knows of one attempt: from its journal replica, its kiosk and its verified bundle."""

    attempt_id: str
    kiosk_id: str
    kiosk_name: str = ""
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    end_reason: str | None = None  # the journal's "finished" entry
    bundle: str | None = None  # the SHA-256 of the verified bundle the console holds
    result: Mapping[str, Any] | None = None  # the result the console's replay computed (itembank.scoring.Result)
    running: bool = False

    @property
    def outcome(self) -> Outcome:
        if self.running:
            return Outcome.RUNNING
        if self.bundle is not None and self.end_reason in NORMAL_ENDS:
            return Outcome.FINISHED
        if self.bundle is not None and self.end_reason in ABORT_REASONS:
            return Outcome.ABORTED
        return Outcome.UNFINISHED


@dataclass(frozen=True)
class CandidateLine:
    """One roster candidate at finalisation: their attempt, what became of it, the invigilator's words."""

    candidate: Candidate
    attempt: AttemptFacts | None
    outcome: Outcome
    abort_reason: str | None = None
    comment: str = ""

    @property
    def result(self) -> Mapping[str, Any]:
        return (self.attempt.result if self.attempt is not None else None) or {}

    @property
    def score(self) -> int | None:
        score = self.result.get("score")
        return score if isinstance(score, int) and not isinstance(score, bool) else None

    @property
    def level(self) -> int | None:
        level = self.result.get("level")
        return level if isinstance(level, int) and not isinstance(level, bool) else None

    @property
    def status(self) -> str | None:
        return self.result.get("status")

    def to_dict(self) -> dict[str, Any]:
        a = self.attempt
        return {"candidate_id": self.candidate.id, "outcome": str(self.outcome), "abort_reason": self.abort_reason,
                "comment": self.comment, "attempt": None if a is None else {
                    "attempt_id": a.attempt_id, "kiosk_id": a.kiosk_id, "kiosk_name": a.kiosk_name,
                    "started_at": _iso(a.started_at), "ended_at": _iso(a.ended_at), "end_reason": a.end_reason,
                    "bundle": a.bundle, "result": dict(a.result) if a.result is not None else None}}


def _iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(dt.UTC).isoformat()


def _time(value: Any) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value)


def line_from_dict(data: Mapping[str, Any], candidate: Candidate) -> CandidateLine:
    raw = data.get("attempt")
    attempt = None if raw is None else AttemptFacts(
        raw["attempt_id"], raw["kiosk_id"], raw.get("kiosk_name", ""), _time(raw.get("started_at")),
        _time(raw.get("ended_at")), raw.get("end_reason"), raw.get("bundle"), raw.get("result"))
    return CandidateLine(candidate, attempt, Outcome(data["outcome"]), data.get("abort_reason"),
                         data.get("comment", ""))


@dataclass(frozen=True)
class Finalisation:
    """A finalised session: who finalised it and when, the global comment, one line per roster candidate."""

    session_id: str
    finalised_at: dt.datetime
    by: str
    comment: str
    lines: tuple[CandidateLine, ...] = field(default=())

    def signed_document(self, center_id: str) -> dict[str, Any]:
        """What the center key signs when the session is closed (canonical-encodable)."""
        return {"_type": FINALISATION_TYPE, "center": center_id, "session": self.session_id,
                "finalised_at": _iso(self.finalised_at), "by": self.by, "comment": self.comment,
                "lines": [line.to_dict() for line in self.lines]}


@dataclass(frozen=True)
class Blocker:
    """One thing that stands in the way of finalisation; ``str()`` says it in English, a window in its language.

    ``kind`` is ``running`` (a test runs on ``kiosk``: ``state``, ``attempt``), ``alert`` (an open
    alert: ``alert_kind``, ``alert_id``, ``since``, on ``kiosk``) or ``result`` (a result the console
    cannot replay: ``attempt``, ``detail``).
    """

    kind: str
    kiosk: str = ""
    state: str = ""
    attempt: str = ""
    candidate: str = ""
    alert_kind: str = ""
    alert_id: str = ""
    since: dt.datetime | None = None
    detail: str = ""

    def __str__(self) -> str:
        if self.kind == "running":
            who = f"the test of {self.candidate}" if self.candidate else "a test"
            return (f"{who} is running on kiosk {self.kiosk} ({self.state}, attempt {self.attempt or 'not named'}): "
                    "wait for it to end, or end it")
        if self.kind == "alert":
            since = f"{self.since:%H:%M:%S} UTC" if self.since else "?"
            return f"alert {self.alert_kind} on kiosk {self.kiosk} since {since} (id {self.alert_id}) is open: " \
                   "handle it first"
        return f"the result of attempt {self.attempt} cannot be counted: {self.detail}"


@dataclass(frozen=True)
class Preview:
    """The session as finalisation would close it: each candidate's line, and what still stands in the way."""

    lines: tuple[CandidateLine, ...]
    blockers: tuple[Blocker, ...]

    @property
    def unfinished(self) -> list[CandidateLine]:
        return [line for line in self.lines if line.outcome is Outcome.UNFINISHED]


def _who(c: Candidate) -> str:
    return f"{c.last_name.upper()} {c.first_name} ({c.id})"


def _clean(text: str) -> str:
    return " ".join(str(text or "").split())


def preview(roster: Sequence[Candidate], attempts: Mapping[str, AttemptFacts], open_alerts: Sequence[Alert],
            busy_kiosks: Mapping[str, tuple[str, str]], kiosk_names: Mapping[str, str] | None = None) -> Preview:
    """Each candidate's line before reasons are given, and the running tests and open alerts that block.

    ``attempts`` maps a candidate id to their attempt (the latest, when they had several);
    ``open_alerts`` are the open alerts of the kiosks the session used; ``busy_kiosks`` maps the
    name of each kiosk running a test of this session (or a test the console cannot place) to
    its state and attempt.
    """
    names = dict(kiosk_names or {})
    lines = []
    blockers = [Blocker("running", kiosk, state, attempt) for kiosk, (state, attempt) in sorted(busy_kiosks.items())]
    for candidate in roster:
        attempt = attempts.get(candidate.id)
        outcome = Outcome.ABSENT if attempt is None else attempt.outcome
        reason = attempt.end_reason if attempt is not None and outcome is Outcome.ABORTED else None
        lines.append(CandidateLine(candidate, attempt, outcome, reason))
        if outcome is Outcome.RUNNING and attempt is not None and attempt.kiosk_name not in busy_kiosks:
            blockers.append(Blocker("running", attempt.kiosk_name or attempt.kiosk_id, "question", attempt.attempt_id,
                                    _who(candidate)))
    for alert in open_alerts:
        if alert.is_open:
            blockers.append(Blocker("alert", names.get(alert.kiosk_id, alert.kiosk_id), alert_kind=str(alert.kind),
                                    alert_id=alert.id, since=alert.raised_at))
    return Preview(tuple(lines), tuple(blockers))


def finalise(session: ExamSession, draft: Preview, *, comment: str, candidate_comments: Mapping[str, str],
             abort_reasons: Mapping[str, str], by: str, now: dt.datetime) -> Finalisation:
    """Decide the finalisation, or raise :class:`FinalisationError` listing every reason it cannot be."""
    reasons = [str(b) for b in draft.blockers]
    who = _clean(by)
    if not who or len(who) > MAX_PERSON:
        reasons.append(f"say which invigilator finalises the session (1 to {MAX_PERSON} characters)")
    if len(comment or "") > MAX_COMMENT:
        reasons.append(f"the global comment has {len(comment)} characters, more than {MAX_COMMENT}")
    known = {line.candidate.id for line in draft.lines}
    for cid in sorted((set(candidate_comments) | set(abort_reasons)) - known):
        reasons.append(f"candidate {cid!r} is not on the roster of session {session.id}")
    lines = []
    for line in draft.lines:
        cid, who_line = line.candidate.id, _who(line.candidate)
        text = str(candidate_comments.get(cid) or "").strip()
        if len(text) > MAX_COMMENT:
            reasons.append(f"the comment on {who_line} has {len(text)} characters, more than {MAX_COMMENT}")
        reason = abort_reasons.get(cid)
        outcome, abort = line.outcome, line.abort_reason
        if line.outcome is Outcome.UNFINISHED:
            if reason not in ABORT_REASONS:
                reasons.append(f"the test of {who_line} is unfinished: give its abort reason "
                               f"({' or '.join(ABORT_REASONS)})" + (f", not {reason!r}" if reason else ""))
            outcome, abort = Outcome.ABORTED, reason
        elif reason is not None and reason != line.abort_reason:
            reasons.append(f"{who_line}: only an unfinished test takes an abort reason (this one is {line.outcome})")
        lines.append(CandidateLine(line.candidate, line.attempt, outcome, abort, text))
    if reasons:
        raise FinalisationError(f"session {session.id} cannot be finalised: " + "; ".join(reasons), reasons)
    return Finalisation(session.id, now, who, str(comment or "").strip(), tuple(lines))
