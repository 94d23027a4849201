"""The authority of an exam at the workstation: the invigilator decides at the kiosk, with their code.

Until the kiosk talks to the invigilator console, an exam is authorised by the invigilator in
person: they type their unlock code on the kiosk's waiting screen to let the test start, to let
it resume after an interruption (every re-entry needs a new authorisation), and to validate or
dismiss a reported problem. The code is checked by the guard's :class:`UnlockGate` (an scrypt
hash; after a few wrong codes each try waits longer, and a restart does not reset the wait).
Every code typed is journalled with what it was for, accepted or wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from kiosk.core import events as ev
from kiosk.core.events import Event
from kiosk.core.session import State
from kiosk.guard.errors import UnlockCodeError, UnlockThrottledError
from kiosk.guard.report import guard_event

if TYPE_CHECKING:
    from kiosk.core.session import ExamSession
    from kiosk.guard.unlock import UnlockGate

BY = "invigilator-code"  # the "by" of the session commands the code allows


class Waiting(StrEnum):
    """What the session waits for the invigilator to decide."""

    NOTHING = "nothing"
    START = "start"
    RESUME = "resume"
    PROBLEM = "problem"


@dataclass(frozen=True)
class CodeAnswer:
    """What became of a code typed at the kiosk (the interface says it in the candidate's language)."""

    accepted: bool
    wait_s: float = 0.0  # too many wrong codes: this one was not tried; the next may be in wait_s seconds
    unreadable: bool = False  # the stored code is missing or damaged: set it again
    empty: bool = False  # nothing was typed: not tried, not counted

    @classmethod
    def of(cls, check: Callable[[], bool]) -> CodeAnswer:
        """Run a check of the code (UnlockGate.check, Guard.exit_with_code) and say how it went."""
        try:
            return cls(bool(check()))
        except UnlockThrottledError as exc:
            return cls(False, wait_s=exc.retry_after)
        except UnlockCodeError:
            return cls(False, unreadable=True)


class WorkstationAuthority:
    """Implements the session's Authority port for an exam authorised at the workstation."""

    def __init__(self, gate: UnlockGate):
        self.gate = gate
        self._session: ExamSession | None = None
        self.waiting = Waiting.NOTHING
        self.problem: tuple[int, str] | None = None  # (number, item id) of the open report

    def attach(self, session: ExamSession) -> None:
        self._session = session

    def _attached(self) -> ExamSession:
        assert self._session is not None, "attach() the session first"
        return self._session

    # -- the Authority port ---------------------------------------------------------------------
    def authorisation_requested(self, resume: bool) -> None:
        self.waiting = Waiting.RESUME if resume else Waiting.START

    def problem_reported(self, number: int, item_id: str) -> None:
        self.waiting = Waiting.PROBLEM
        self.problem = (number, item_id)

    def event_recorded(self, event: Event) -> None:
        if event.kind in (ev.AUTHORISED, ev.PROBLEM_RESOLVED, ev.FINISHED):
            self.waiting = Waiting.NOTHING
            self.problem = None

    # -- what the invigilator does at the kiosk -------------------------------------------------
    def authorise(self, code: str) -> CodeAnswer:
        """Let the test start (or resume) if ``code`` is the invigilator's."""
        session = self._attached()
        if session.state is not State.AWAITING_AUTHORISATION:
            return CodeAnswer(False)
        purpose = "resume" if self.waiting is Waiting.RESUME or session.started else "start"
        answer = self._check(code, purpose)
        if answer.accepted:
            session.authorise(by=BY)
        return answer

    def resolve_problem(self, code: str, validated: bool) -> CodeAnswer:
        """Validate the reported problem (the question is replaced) or dismiss it (the candidate
        answers it), if ``code`` is the invigilator's."""
        session = self._attached()
        if session.state is not State.PROBLEM_REPORTED:
            return CodeAnswer(False)
        answer = self._check(code, "problem-validated" if validated else "problem-dismissed")
        if answer.accepted:
            session.resolve_problem(validated=validated, by=BY)
        return answer

    def _check(self, code: str, purpose: str) -> CodeAnswer:
        if not code.strip():
            return CodeAnswer(False, empty=True)
        answer = CodeAnswer.of(lambda: self.gate.check(code))
        if answer.accepted:
            self._journal("unlock-code-accepted", purpose=purpose)
        elif not (answer.wait_s or answer.unreadable):
            self._journal("unlock-code-wrong", failures=self.gate.failures, purpose=purpose)
        return answer

    def _journal(self, event_type: str, **details: object) -> None:
        self._attached().record_guard(guard_event(event_type, **details))
