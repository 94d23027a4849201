"""The RoomLink: the session's Authority for an enrolled kiosk in exam mode (issue 10, ADR 0017).

It lives on the interface's thread. It hands every journal event to the :class:`SyncBook` (the
worker sends it), publishes the kiosk's status, and, when woken (:meth:`drain`), has the session
obey the commands the worker verified, acknowledging each id whatever became of it. Nothing here
waits for the network.

When the console cannot be reached the invigilator's unlock code still works
(:class:`~kiosk.workstation_authority.WorkstationAuthority`, the documented fallback): every use
of it through the link is journalled as a fallback, with how long the console has been silent.
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.core import events as ev
from kiosk.core.commands import CommandKind, CommandResult, Disposition, RoomCommand
from kiosk.core.events import Event
from kiosk.core.session import State
from kiosk.guard.report import guard_event
from kiosk.link.book import SyncBook
from kiosk.link.delivery import BankProblem
from kiosk.workstation_authority import CodeAnswer, WorkstationAuthority
from protocol.room import CheckInAnswer, CheckInClaim

if TYPE_CHECKING:
    from kiosk.core.session import ExamSession
    from kiosk.link.worker import LinkHealth

AUTHORISATIONS = (CommandKind.AUTHORISE_START, CommandKind.AUTHORISE_RESUME)
MAX_PROBLEMS_TOLD = 50  # bank problems journalled per run of the kiosk (each distinct one once)


class RoomLink:
    def __init__(self, book: SyncBook, inbox: queue.SimpleQueue[Any], fallback: WorkstationAuthority,
                 health: Callable[[], LinkHealth], monotonic: Callable[[], float],
                 on_authorised: Callable[[RoomCommand], None] | None = None,
                 deliver_later: Callable[[str], None] | None = None,
                 on_bank: Callable[[Any], None] | None = None,
                 on_move: Callable[[RoomCommand], CommandResult] | None = None):
        self.book = book
        self.inbox = inbox
        self.fallback = fallback
        self._health = health
        self._monotonic = monotonic
        self._on_authorised = on_authorised  # opens the session's bank with the wrapped key (wiring)
        self._deliver_later = deliver_later  # the worker sends the bundle until a receipt verifies
        self._on_bank = on_bank  # a delivered bank becomes the session's (a kiosk with no bank of its own)
        self._on_move = on_move  # a move builds another session from the console's journal (kiosk.link.room_exam)
        self._told: set[tuple[str, str]] = set()  # bank problems already journalled
        self.bank_problem: BankProblem | None = None  # the last one, until a bank is delivered
        self._session: ExamSession | None = None
        self.candidate_id: str | None = None
        self.results: list[CommandResult] = []  # what each delivery became, newest last (for the record)

    def attach(self, session: ExamSession) -> None:
        self._session = session
        self.fallback.attach(session)
        self.book.track(session.attempt.attempt_id, session.events)
        for event in session.events:  # after a restart: who the console said sits here, results to send
            self._remember(event)
        self.publish_status()

    def _attached(self) -> ExamSession:
        assert self._session is not None, "attach() the session first"
        return self._session

    # -- the Authority port ---------------------------------------------------------------------
    def authorisation_requested(self, resume: bool) -> None:
        self.fallback.authorisation_requested(resume)

    def problem_reported(self, number: int, item_id: str) -> None:
        self.fallback.problem_reported(number, item_id)

    def event_recorded(self, event: Event) -> None:
        session = self._attached()
        self.book.record(session.attempt.attempt_id, event)
        self._remember(event)
        self.fallback.event_recorded(event)
        self.publish_status()

    def _remember(self, event: Event) -> None:
        if event.kind == ev.SUBMITTED and self._deliver_later is not None and self._session is not None:
            self._deliver_later(self._session.attempt.attempt_id)
        if event.kind == ev.ROOM_COMMAND and event.payload.get("kind") == CommandKind.AUTHORISE_START:
            self.candidate_id = event.payload.get("args", {}).get("candidate_id") or self.candidate_id
        if self._session is not None:  # what the candidate typed goes to the console until it authorises
            self.book.set_check_in(None if self.candidate_id else check_in_claim(self._session))

    @property
    def check_in_answer(self) -> CheckInAnswer | None:
        """The console's answer to the check-in (a refusal carries the reason to show), or None yet."""
        return self.book.check_in_answer

    # -- the console's commands, on the interface's thread ----------------------------------------
    def drain(self) -> list[CommandResult]:
        """Obey every command the worker has verified; each id is acknowledged at the next sync."""
        session = self._attached()
        done = []
        while True:
            try:
                command = self.inbox.get_nowait()
            except queue.Empty:
                break
            if isinstance(command, BankProblem):
                self._bank_problem(command)
                continue
            if command.kind is CommandKind.AUTHORISE_MOVE and self._on_move is not None:
                result = self._on_move(command)  # the session changes: the link is attached to the moved one
                self.book.acknowledge(result.command_id)
                done.append(result)
                continue
            session = self._attached()
            if command.delivered is not None:
                self.bank_problem = None
                if session.bank_pending and self._on_bank is not None:
                    self._on_bank(command.delivered)
            result = session.obey(command)
            self.book.acknowledge(result.command_id)
            if (command.kind in AUTHORISATIONS and result.disposition is Disposition.APPLIED
                    and not result.duplicate and self._on_authorised is not None):
                self._on_authorised(command)
            done.append(result)
        self.results.extend(done)
        if done:
            self.publish_status()
        return done

    def _bank_problem(self, problem: BankProblem) -> None:
        """Journal (once per command and reason) that an authorisation's bank could not be delivered:
        the console raises it as an alert; the authorisation waits, the next delivery tries again."""
        self.bank_problem = problem
        told = (problem.command_id, problem.reason)
        session = self._attached()
        if told in self._told or len(self._told) >= MAX_PROBLEMS_TOLD:
            return
        self._told.add(told)
        session.record_guard(guard_event("room-bank-refused", command=problem.command_id, bank_id=problem.bank_id,
                                         reason=problem.reason[:300]))
        self.publish_status()

    def status(self) -> dict[str, Any]:
        """What the console's dashboard shows of this kiosk (``invigilator.core.kiosks.KioskStatus``)."""
        session = self._attached()
        in_test = session.started and session.state not in (State.FINISHED, State.SUBMITTED)
        question = session.question
        return {
            "state": session.state.value, "candidate_id": self.candidate_id,
            "attempt_id": session.attempt.attempt_id,
            "question": session.number if in_test else None, "total": session.length,
            "seconds_left": round(session.remaining(), 1) if session.started else None,
            "focused": not (question is not None and question.focus_lost_at is not None),
            "guard_alerts": sum(1 for e in session.events if e.kind == ev.GUARD
                                and e.payload.get("severity") in ("warning", "violation")),
            "candidate": session.candidate.display_name if session.candidate else None,
        }

    def publish_status(self) -> None:
        self.book.set_status(self.status())

    # -- the fallback: the invigilator's code at the kiosk -----------------------------------------
    def _fallback_used(self, purpose: str) -> None:
        health = self._health()
        silent = None if health.last_heard is None else round(self._monotonic() - health.last_heard, 1)
        self._attached().record_guard(guard_event("room-fallback", purpose=purpose, console_silent_s=silent,
                                                  reachable=health.reachable))

    def authorise_with_code(self, code: str) -> CodeAnswer | None:
        """The unlock code lets the test start or resume while the console is out of reach. Not an
        attempt whose bank has not come from the console yet: there is nothing to start (None: the
        code is not tried); a kiosk started with its own --bank and --key is the fallback for that."""
        if self._attached().bank_pending:
            return None
        answer = self.fallback.authorise(code)
        if answer.accepted:
            self._fallback_used("authorise")
        return answer

    def resolve_with_code(self, code: str, validated: bool) -> CodeAnswer:
        answer = self.fallback.resolve_problem(code, validated)
        if answer.accepted:
            self._fallback_used("problem-validated" if validated else "problem-dismissed")
        return answer


def check_in_claim(session: ExamSession) -> CheckInClaim | None:
    """The check-in of an exam attempt as the console matches it (None before check-in, or outside an exam)."""
    candidate = session.candidate
    if candidate is None or not candidate.session_number:
        return None
    return CheckInClaim(session.attempt.attempt_id, candidate.session_number, candidate.access_code,
                        candidate.last_name, candidate.first_name, candidate.birth_date)
