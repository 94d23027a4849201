"""The authority of practice mode: the candidate alone, no invigilator.

Starting is immediate; resuming after a restart waits for the candidate to confirm (every
re-entry is a deliberate act, even in practice); a reported problem is validated at once, so the
question is replaced, as an invigilator would do for a faulty question.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.core.events import Event

if TYPE_CHECKING:
    from kiosk.core.session import ExamSession


class LocalAuthority:
    def __init__(self) -> None:
        self._session: ExamSession | None = None
        self.waiting_for_confirmation = False

    def attach(self, session: ExamSession) -> None:
        self._session = session

    def authorisation_requested(self, resume: bool) -> None:
        assert self._session is not None, "attach() the session first"
        if resume:
            self.waiting_for_confirmation = True
        else:
            self._session.authorise(by="practice")

    def confirm_resume(self) -> None:
        """The candidate confirms they are back at the workstation and want to go on."""
        assert self._session is not None
        self.waiting_for_confirmation = False
        self._session.authorise(by="candidate")

    def problem_reported(self, number: int, item_id: str) -> None:
        assert self._session is not None
        self._session.resolve_problem(validated=True, by="practice")

    def event_recorded(self, event: Event) -> None:
        pass
