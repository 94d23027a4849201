"""The exam session: the state machine of one attempt, driven by commands, recorded as events.

Every command checks that the current state allows it (else :class:`IllegalTransitionError`),
journals one or more events, and only then changes the state by *applying* those events. A
restart rebuilds the session by applying the journal's events again (:meth:`ExamSession.restore`),
so what is on disk is, by construction, what the candidate saw.

States: Idle → CheckIn → AwaitingAuthorisation → EnvironmentCheck → Instructions → Question(n)
⇄ {FocusWarning, ProblemReported, Paused, Locked} → Finished → Submitted; Recovering on restart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from itembank.answers import Response, check
from itembank.model import Item, ItemType, Mode, Outcome
from itembank.profile import ExamProfile
from kiosk.core import events as ev
from kiosk.core.candidate import Candidate, require_exam_identity
from kiosk.core.commands import CommandResult, Disposition, RoomCommand, carry_out
from kiosk.core.events import Event
from kiosk.core.ports import Authority, Clock, Engine, ItemSource, Journal, ResultSink
from kiosk.core.timer import ExamTimer, extra_seconds
from kiosk.errors import CommandRefusedError, IllegalTransitionError, ReplayMismatchError

CHECKPOINT_EVERY = 1.0  # seconds between heartbeats of the exam time consumed

_Command = TypeVar("_Command", bound=Callable[..., Any])


def command(method: _Command) -> _Command:
    """A command is atomic: its events are written in one journal transaction (one disk flush),
    and only once they are durable do the authority and the views hear of them. If anything in
    the command fails after an event was applied, nothing of it stays, on disk or in memory: the
    session is rebuilt from what the journal holds (a restart's state: Recovering during a test).
    A command called from inside another (the practice authority answers at once) joins it."""

    @functools.wraps(method)
    def run(self: ExamSession, *args: Any, **kwargs: Any) -> Any:
        if self._depth:
            return method(self, *args, **kwargs)
        return self._atomically(method, args, kwargs)

    return run  # type: ignore[return-value]


class State(StrEnum):
    IDLE = "idle"
    CHECK_IN = "check-in"
    AWAITING_AUTHORISATION = "awaiting-authorisation"
    ENVIRONMENT_CHECK = "environment-check"
    INSTRUCTIONS = "instructions"
    QUESTION = "question"
    FOCUS_WARNING = "focus-warning"
    PROBLEM_REPORTED = "problem-reported"
    PAUSED = "paused"
    LOCKED = "locked"
    FINISHED = "finished"
    SUBMITTED = "submitted"
    RECOVERING = "recovering"


# The exam clock runs only while a question is on screen: the rules say the time starts with the
# first question, and the briefing before a run of focus questions is read, not answered.
TIMED_STATES = frozenset({State.QUESTION})
IN_TEST = frozenset({State.INSTRUCTIONS, State.QUESTION, State.FOCUS_WARNING, State.PROBLEM_REPORTED})


class AttemptMode(StrEnum):
    PRACTICE = "practice"
    EXAM = "exam"


@dataclass
class Question:
    """The question on screen (or the last one), as the candidate sees it."""

    number: int
    item: Item
    order: tuple[str, ...]  # proposal keys in display order
    shown_at: float  # exam time elapsed when shown
    focus_out: bool = False
    focus_out_seconds: float = 0.0
    focus_lost_at: float | None = None  # exam time when focus was lost, while lost
    uncertain: bool = False  # the kiosk stalled while it was on screen: nobody saw where the candidate was


@dataclass
class Treated:
    """A question that is done: answered, skipped, timed out, or neutralised."""

    number: int
    item_id: str
    competence: str
    outcome: Outcome | None  # None when neutralised
    response: Any
    duration: float
    focus_out_seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "item_id": self.item_id, "competence": self.competence,
                "outcome": self.outcome.value if self.outcome else "neutralised", "response": self.response,
                "duration_s": round(self.duration, 3), "focus_out_s": round(self.focus_out_seconds, 3)}


@dataclass
class AttemptInfo:
    attempt_id: str
    mode: AttemptMode
    seed: int
    bank: dict[str, Any] | None  # id, version, manifest_sha256; None until the console delivers it (room exam)
    profile: ExamProfile  # until the bank is delivered: the default profile, replaced with the bank's
    device: str = ""


class ExamSession:
    """One attempt, from check-in to submission. Pure: time, storage and decisions come through ports."""

    def __init__(
        self,
        *,
        attempt: AttemptInfo,
        bank: ItemSource,
        engine_factory: Callable[..., Engine],  # (seed, *, screen_reader=False)
        journal: Journal,
        clock: Clock,
        authority: Authority,
        results: ResultSink,
    ):
        self.attempt = attempt
        self.profile = attempt.profile
        self._bank = bank
        self._engine_factory = engine_factory
        self._engine: Engine | None = None
        self._journal = journal
        self._clock = clock
        self._authority = authority
        self._results = results
        self._listeners: list[Callable[[Event], None]] = []
        self._ports = dict(bank=bank, engine_factory=engine_factory, journal=journal, clock=clock,
                           authority=authority, results=results)
        self._depth = 0  # commands in progress (nested ones join the outermost)
        self._unannounced: list[Event] = []  # events of the command in progress, not yet durable
        self._replaying = False
        self._last_checkpoint = float("-inf")

        self.state = State.IDLE
        self.events: list[Event] = []
        self.candidate: Candidate | None = None
        self.locale = "fr"
        self.timer = ExamTimer(self.profile.duration_minutes * 60.0)
        self.question: Question | None = None
        self.treated: list[Treated] = []
        self.started = False
        self.result: dict[str, Any] | None = None
        self.end_reason: str | None = None
        self.receipt: str | None = None
        self.lock_reason: str = ""
        self.pause_reason: str = ""
        self.compensated_seconds = 0.0
        self.room_commands: dict[str, Disposition] = {}  # the console's commands journalled, by id
        self.exposure: dict[str, Any] | None = None  # the center's exposure record the engine is given (ADR 0020)
        self.moved_from: list[dict[str, Any]] = []  # kiosks this attempt was moved from, in order
        self._return: list[State] = []  # where Paused and Locked go back to (they can nest)
        self._modes_cache: dict[str, Mode] | None = None
        self._pending_item: tuple[int, str] | None = None  # item chosen for a number, not yet shown
        self._warned_number = 0
        self._resume_target: State | None = None

    # -- observing ------------------------------------------------------------------------------
    def subscribe(self, listener: Callable[[Event], None]) -> None:
        """Call ``listener(event)`` after every change (views subscribe here)."""
        self._listeners.append(listener)

    @property
    def mode(self) -> AttemptMode:
        return self.attempt.mode

    @property
    def bank_pending(self) -> bool:
        """A room exam whose bank the console has not delivered yet (it comes with the authorisation)."""
        return not self.attempt.bank

    @property
    def _modes(self) -> dict[str, Mode]:
        if self._modes_cache is None:
            self._modes_cache = {meta.id: meta.mode for meta in self._bank.metas}
        return self._modes_cache

    @property
    def number(self) -> int:
        """The number of the current question (1-based), or of the next one to come."""
        return self.question.number if self.question else len(self._counted()) + 1

    @property
    def length(self) -> int:
        return self.profile.length

    def remaining(self) -> float:
        return self.timer.remaining(self._clock.monotonic())

    def elapsed(self) -> float:
        return self.timer.elapsed(self._clock.monotonic())

    def question_elapsed(self) -> float:
        return self.elapsed() - self.question.shown_at if self.question else 0.0

    def _counted(self) -> list[Treated]:
        return [t for t in self.treated if t.outcome is not None]

    # -- the event loop -------------------------------------------------------------------------
    def _require(self, command: str, *states: State) -> None:
        if self.state not in states:
            allowed = ", ".join(s.value for s in states)
            raise IllegalTransitionError(f"{command} is not allowed in state '{self.state.value}' (only in: {allowed})")

    def _emit(self, kind: str, payload: Mapping[str, Any] | None = None) -> Event:
        body = dict(payload or {})
        body["elapsed"] = round(self.elapsed(), 3)
        event = self._journal.append(kind, body)
        self._apply(event)
        if self._depth:
            self._unannounced.append(event)
        else:
            self._announce([event])
        return event

    def _announce(self, events: list[Event]) -> None:
        for event in events:
            self._authority.event_recorded(event)
            for listener in list(self._listeners):
                listener(event)

    def _atomically(self, method: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        mark = len(self.events)
        self._depth += 1
        try:
            with self._journal.transaction():
                result = method(self, *args, **kwargs)
        except BaseException:
            self._unannounced = []
            if len(self.events) != mark:
                self._rebuild()
            raise
        finally:
            self._depth -= 1
        done, self._unannounced = self._unannounced, []
        self._announce(done)
        return result

    def _rebuild(self) -> None:
        """Go back to what the journal holds, after a command that failed half-way."""
        events, checkpoint = self._journal.durable_state()
        if events:
            fresh = ExamSession.restore(events, checkpoint, **self._ports)
        else:
            fresh = ExamSession(attempt=self.attempt, **self._ports)
        listeners, depth = self._listeners, self._depth
        self.__dict__.update(fresh.__dict__)
        self._listeners, self._depth = listeners, depth

    def _apply(self, event: Event) -> None:
        self.events.append(event)
        handler = getattr(self, "_on_" + event.kind.replace("-", "_"), None)
        if handler is None:
            raise ReplayMismatchError(f"event {event.seq}: unknown kind '{event.kind}'")
        handler(event.payload, event)

    def _now(self) -> float:
        return self._clock.monotonic()

    # -- commands: before the test ----------------------------------------------------------------
    @command
    def open_check_in(self) -> None:
        """The kiosk shows the check-in form: the attempt begins its record."""
        self._require("open_check_in", State.IDLE)
        attempt = self.attempt
        self._emit(ev.ATTEMPT_CREATED, {
            "attempt_id": attempt.attempt_id, "mode": attempt.mode.value, "seed": attempt.seed,
            "bank": attempt.bank, "profile": attempt.profile.to_dict(), "device": attempt.device,
        })

    @command
    def submit_check_in(self, candidate: Candidate, locale: str) -> None:
        self._require("submit_check_in", State.CHECK_IN)
        if locale not in ("fr", "en"):
            raise ValueError(f"locale must be fr or en, not {locale!r}")
        if self.attempt.mode is AttemptMode.EXAM:
            require_exam_identity(candidate)
        self._emit(ev.CHECKED_IN, {"candidate": candidate.to_dict(), "locale": locale})
        self._emit(ev.AUTHORISATION_REQUESTED, {"resume": False})
        self._authority.authorisation_requested(resume=False)

    @command
    def deliver_bank(self, bank: Mapping[str, Any], profile: ExamProfile, source: Mapping[str, Any]) -> None:
        """The bank the console delivered with the authorisation is open: the attempt takes it and its
        profile (``bank`` as :class:`AttemptInfo` records it; ``source``: the descriptor and command)."""
        self._require("deliver_bank", State.AWAITING_AUTHORISATION)
        if not self.bank_pending:
            raise CommandRefusedError(f"this attempt already runs bank {self.attempt.bank.get('id')}")
        self._emit(ev.BANK_DELIVERED, {"bank": dict(bank), "profile": profile.to_dict(), "source": dict(source)})

    @command
    def authorise(self, by: str, exposure: Mapping[str, Any] | None = None) -> None:
        """The invigilator (or, in practice, the candidate) lets the attempt start or resume.
        ``exposure``: the center's exposure record of the bank, an input of the engine (start only)."""
        self._require("authorise", State.AWAITING_AUTHORISATION)
        if self.bank_pending:
            raise CommandRefusedError("the exam's bank has not been delivered to this kiosk")
        resume = self._resume_target is not None
        if exposure is not None and (resume or self.started):
            raise CommandRefusedError("an exposure record comes with the authorisation to start, not to resume")
        extra = {"exposure": dict(exposure)} if exposure is not None else {}
        self._emit(ev.AUTHORISED, {"by": by, "resume": resume, **extra})

    @command
    def environment_checked(self, findings: list[dict[str, Any]] | None = None, blocking: bool = False) -> None:
        """The guard reports what it found; a blocking finding locks the kiosk until the invigilator acts."""
        self._require("environment_checked", State.ENVIRONMENT_CHECK)
        self._emit(ev.ENVIRONMENT_CHECKED, {"findings": findings or [], "blocking": blocking})
        if blocking:
            self._emit(ev.LOCKED, {"reason": "environment"})
            return
        if self._resume_target is not None:
            self._complete_recovery()
        elif not self.started:
            pass  # Instructions: applied by the handler

    @command
    def start_test(self) -> None:
        """The candidate has read the instructions."""
        self._require("start_test", State.INSTRUCTIONS)
        self._grant_screen_reader_time()
        self._emit(ev.TEST_STARTED, {"length": self.length, "allowed_s": self.timer.allowed})
        self._present_next()

    def _grant_screen_reader_time(self) -> None:
        """A screen-reader user's planned extra time (the profile's share of the duration), unless
        extra time was already planned for this candidate (the invigilator's prevails)."""
        percent = self.profile.screen_reader_extra_percent
        if self.candidate is None or not self.candidate.screen_reader or percent <= 0:
            return
        if any(e.kind == ev.TIME_ADDED and e.payload.get("purpose") == "accommodation" for e in self.events):
            return
        seconds = extra_seconds(self.timer.base_seconds, percent=percent)
        self._emit(ev.TIME_ADDED, {"by": "profile", "seconds": seconds, "minutes": None, "percent": percent,
                                   "purpose": "accommodation", "note": "screen reader"})

    # -- commands: during the test ----------------------------------------------------------------
    @command
    def acknowledge_focus_warning(self) -> None:
        self._require("acknowledge_focus_warning", State.FOCUS_WARNING)
        assert self._pending_item is not None
        self._emit(ev.FOCUS_WARNING_ACKNOWLEDGED, {"number": self._pending_item[0]})
        self._show(*self._pending_item)

    @command
    def answer(self, response: Response) -> Outcome:
        """Validate the candidate's answer (``None`` = skip). Returns the outcome as recorded."""
        self._require("answer", State.QUESTION)
        question = self.question
        assert question is not None
        outcome = check(question.item, response, self.locale)
        if question.focus_out and outcome is not Outcome.SKIPPED:
            outcome = Outcome.FOCUSED_OUT
        self._record_answer(question, response, outcome)
        return outcome

    def skip(self) -> Outcome:
        return self.answer(None)

    def _record_answer(self, question: Question, response: Response, outcome: Outcome) -> None:
        if question.focus_lost_at is not None:  # still away: close the interval for the record
            self._emit(ev.FOCUS_REGAINED, {"number": question.number, "implicit": True})
        stored = sorted(response) if isinstance(response, (set, frozenset)) else response
        stored = list(stored) if isinstance(stored, tuple) else stored
        stored = dict(stored) if isinstance(stored, Mapping) else stored
        self._emit(ev.ANSWERED, {
            "number": question.number, "item_id": question.item.id, "response": stored,
            "outcome": outcome.value, "duration_s": round(self.elapsed() - question.shown_at, 3),
            "focus_out_s": round(question.focus_out_seconds, 3),
            **({"uncertain": True} if question.uncertain else {}),
        })
        self._advance()

    def _advance(self) -> None:
        assert self._engine is not None
        if self._engine.finished or len(self._counted()) >= self.length:
            self._finish("completed")
        else:
            self._present_next()

    def _present_next(self) -> None:
        assert self._engine is not None
        number = len(self._counted()) + 1
        item_id = self._engine.next_item()
        if item_id is None:  # the bank cannot serve another question under the blueprint: a technical end
            self._finish("bank-exhausted")
            return
        item = self._bank.item(item_id)
        previous = self.treated[-1] if self.treated else None
        previous_focus = previous is not None and self._modes.get(previous.item_id) is Mode.FOCUS
        if item.mode is Mode.FOCUS and not previous_focus and self._warned_number != number:
            self._emit(ev.FOCUS_WARNING_SHOWN, {"number": number, "item_id": item_id})
        else:
            self._show(number, item_id)

    def _show(self, number: int, item_id: str) -> None:
        item = self._bank.item(item_id)
        keys = [p.key for p in item.proposals]
        if item.shuffle and item.type in (ItemType.QCU, ItemType.QCM):
            random.Random(f"{self.attempt.seed}:{number}:{item_id}").shuffle(keys)
        self._emit(ev.QUESTION_SHOWN, {"number": number, "item_id": item_id, "order": keys,
                                       "time_limit": item.time_limit})

    @command
    def focus_lost(self, detail: str = "") -> None:
        """The exam window lost focus to another application (reported by the guard)."""
        if self.state not in IN_TEST and self.state is not State.PAUSED:
            return
        question = self.question if self.state is State.QUESTION else None
        if question is not None and question.focus_lost_at is not None:
            return
        counted = question is not None and question.item.mode is Mode.FOCUS
        self._emit(ev.FOCUS_LOST, {"number": question.number if question else None,
                                   "item_id": question.item.id if question else None,
                                   "counted": counted, "detail": detail})

    @command
    def focus_regained(self) -> None:
        question = self.question
        if self.state is State.QUESTION and question is not None and question.focus_lost_at is not None:
            self._emit(ev.FOCUS_REGAINED, {"number": question.number, "implicit": False})

    @command
    def stalled(self, seconds: float, kind: str = "stalled") -> None:
        """The kiosk did not run for ``seconds`` (reported by the guard). A focus question on screen is
        marked uncertain (the guard could not watch it; the invigilator decides). The exam time the
        stall consumed is given back, as a crash's downtime is; a suspend (``kind='suspended'``)
        consumed none, the monotonic clock having stopped with the machine."""
        if self.state in (State.IDLE, State.FINISHED, State.SUBMITTED) or seconds <= 0:
            return
        question = self.question if self.state is State.QUESTION else None
        running = self.timer.running_since is not None and kind == "stalled"
        if running:  # the clock's run starts later by the stall, so the event's "elapsed" already excludes it
            self.timer.running_since = min(self._now(), self.timer.running_since + seconds)
        self._emit(ev.STALLED, {"seconds": round(seconds, 3), "kind": kind,
                                "number": question.number if question else None,
                                "item_id": question.item.id if question else None,
                                "uncertain": bool(question is not None and question.item.mode is Mode.FOCUS),
                                "compensated_s": round(seconds, 3) if running else 0.0})

    @command
    def report_problem(self, comment: str = "") -> None:
        self._require("report_problem", State.QUESTION)
        assert self.question is not None
        self._emit(ev.PROBLEM_REPORTED, {"number": self.question.number, "item_id": self.question.item.id,
                                         "comment": comment[:500]})
        self._authority.problem_reported(self.question.number, self.question.item.id)

    @command
    def resolve_problem(self, validated: bool, by: str) -> None:
        """Validated: the question is neutralised and replaced under the same number. Dismissed: answer it."""
        self._require("resolve_problem", State.PROBLEM_REPORTED)
        assert self.question is not None
        number, item_id = self.question.number, self.question.item.id
        self._emit(ev.PROBLEM_RESOLVED, {"number": number, "item_id": item_id, "validated": validated, "by": by})
        if validated:
            self._present_next()

    # -- commands from the authority ------------------------------------------------------------
    @command
    def pause(self, by: str, reason: str = "") -> None:
        self._require("pause", *IN_TEST, State.ENVIRONMENT_CHECK)
        self._emit(ev.PAUSED, {"by": by, "reason": reason})

    @command
    def resume(self, by: str) -> None:
        self._require("resume", State.PAUSED)
        self._emit(ev.RESUMED, {"by": by})

    @command
    def lock(self, reason: str) -> None:
        self._require("lock", *IN_TEST, State.PAUSED, State.ENVIRONMENT_CHECK, State.AWAITING_AUTHORISATION)
        self._emit(ev.LOCKED, {"reason": reason})

    @command
    def unlock(self, by: str) -> None:
        self._require("unlock", State.LOCKED)
        self._emit(ev.UNLOCKED, {"by": by})

    @command
    def add_time(self, by: str, minutes: float | None = None, percent: float | None = None, *,
                 purpose: str = "", note: str = "") -> None:
        """Extra time, in minutes or as a percentage of the base duration; ``purpose`` says why
        (``accommodation``: the planned ``temps majoré``; ``compensation``: time lost to an incident)."""
        if self.state in (State.IDLE, State.FINISHED, State.SUBMITTED):
            raise IllegalTransitionError(f"add_time is not allowed in state '{self.state.value}'")
        seconds = extra_seconds(self.timer.base_seconds, minutes, percent)
        reason = {"purpose": purpose, "note": note} if purpose or note else {}
        self._emit(ev.TIME_ADDED, {"by": by, "seconds": seconds, "minutes": minutes, "percent": percent, **reason})

    # -- the console's commands -----------------------------------------------------------------
    @command
    def obey(self, order: RoomCommand) -> CommandResult:
        """A command from the invigilator's console: journalled once by its id, then carried out,
        or journalled as refused when the state (or its attempt, or its question) does not allow it.
        A command already journalled is not carried out again (``duplicate``)."""
        known = self.room_commands.get(order.id)
        if known is not None:
            return CommandResult(order.id, known, duplicate=True)
        if self.state is State.IDLE:  # no attempt to record it in: nothing to do, nothing to keep
            return CommandResult(order.id, Disposition.REFUSED, "no attempt has begun on this kiosk")
        self._emit(ev.ROOM_COMMAND, order.journal_record())
        if order.defect:
            self._emit(ev.ROOM_COMMAND_REFUSED, {"id": order.id, "reason": order.defect})
            return CommandResult(order.id, Disposition.REFUSED, order.defect)
        mark = len(self.events)
        try:
            carry_out(self, order)
        except (IllegalTransitionError, CommandRefusedError, ValueError) as exc:
            if len(self.events) != mark:  # refused half-way: a bug; the whole command is undone
                raise
            self._emit(ev.ROOM_COMMAND_REFUSED, {"id": order.id, "reason": str(exc)})
            return CommandResult(order.id, Disposition.REFUSED, str(exc))
        return CommandResult(order.id, Disposition.APPLIED)

    @command
    def continue_moved(self, order: RoomCommand) -> None:
        """This kiosk takes over an attempt the console moved from a failed PC: the session was rebuilt
        from the journal the console held (Recovering); the move is journalled after it, from which
        kiosk and by which command, and it stands as the authorisation to resume."""
        self._require("continue_moved", State.RECOVERING)
        args = order.args
        if args.get("attempt_id") != self.attempt.attempt_id:
            raise CommandRefusedError(f"the move is for attempt {args.get('attempt_id')}, "
                                      f"this kiosk runs attempt {self.attempt.attempt_id}")
        self._emit(ev.MOVED_IN, {"from_kiosk": args["from_kiosk"], "command": order.id, "head": dict(args["head"])})
        self.request_resume()
        self.authorise(by=order.by)

    @property
    def awaiting_resume(self) -> bool:
        """Waiting for the authorisation to resume after a restart (not to start)."""
        return self.state is State.AWAITING_AUTHORISATION and self._resume_target is not None

    @property
    def question_on_report(self) -> tuple[int, str] | None:
        """(number, item id) of the question a reported problem is open on."""
        if self.state is State.PROBLEM_REPORTED and self.question is not None:
            return self.question.number, self.question.item.id
        return None

    @command
    def end(self, abort: str, by: str) -> None:
        """End the test before its last question: ``abort`` is 'candidate' or 'technical'."""
        if abort not in ("candidate", "technical"):
            raise ValueError(f"abort must be 'candidate' or 'technical', not {abort!r}")
        self._require("end", *IN_TEST, State.PAUSED, State.LOCKED, State.ENVIRONMENT_CHECK,
                      State.AWAITING_AUTHORISATION)
        self._finish(abort, by=by)

    @command
    def tick(self) -> None:
        """Called often (a few times a second): time limits, and the heartbeat of time used."""
        now = self._now()
        if self.timer.running:
            if self.timer.remaining(now) <= 0:
                self._finish("time-up")
                return
            question = self.question
            if (self.state is State.QUESTION and question is not None and question.item.time_limit
                    and self.timer.elapsed(now) - question.shown_at >= question.item.time_limit):
                self._record_answer(question, None, Outcome.TIMED_OUT)
                return
            if now - self._last_checkpoint >= CHECKPOINT_EVERY:
                self._last_checkpoint = now
                self._journal.checkpoint(self.timer.elapsed(now), self._clock.now())

    def _finish(self, reason: str, by: str = "") -> None:
        assert reason in ("completed", "time-up", "candidate", "technical", "bank-exhausted")
        abort = reason if reason in ("candidate", "technical") else None
        result = self._engine.result(abort=abort) if self._engine is not None else None
        to_dict = getattr(result, "to_dict", None)
        payload = {"reason": reason, "by": by, "treated": len(self._counted()),
                   "result": to_dict() if callable(to_dict) else result}
        self._emit(ev.FINISHED, payload)

    @command
    def submit(self) -> str:
        """Write the signed result bundle and return the receipt code."""
        self._require("submit", State.FINISHED)
        receipt = self._results.submit(self.summary(), list(self.events))
        self._emit(ev.SUBMITTED, {"receipt": receipt})
        return receipt

    def summary(self) -> dict[str, Any]:
        """Everything the result bundle states about this attempt."""
        return {
            "attempt_id": self.attempt.attempt_id, "mode": self.mode.value, "seed": self.attempt.seed,
            "device": self.attempt.device, "bank": self.attempt.bank, "profile": self.profile.to_dict(),
            "candidate": self.candidate.to_dict() if self.candidate else None, "locale": self.locale,
            "questions": [t.to_dict() for t in self.treated],
            "time": {"allowed_s": self.timer.allowed, "extra_s": self.timer.extra_seconds,
                     "used_s": round(self.timer.consumed, 3), "compensated_s": round(self.compensated_seconds, 3)},
            "end_reason": self.end_reason, "result": self.result,
            **({"exposure": self.exposure} if self.exposure is not None else {}),
            **({"moved_from": self.moved_from} if self.moved_from else {}),
        }

    # -- restart --------------------------------------------------------------------------------
    @classmethod
    def restore(cls, events: list[Event], checkpoint: tuple[float, dt.datetime] | None, **ports: Any) -> ExamSession:
        """Rebuild a session from its journal. The result is in Recovering, or Finished/Submitted.

        ``ports`` are the constructor's keyword arguments except ``attempt``, which comes from the
        journal's first event.
        """
        if not events or events[0].kind != ev.ATTEMPT_CREATED:
            raise ReplayMismatchError("the journal does not begin with the creation of the attempt")
        first = events[0].payload
        attempt = AttemptInfo(first["attempt_id"], AttemptMode(first["mode"]), int(first["seed"]), first["bank"],
                              ExamProfile.from_dict(first["profile"], name=first["profile"].get("name")),
                              first.get("device", ""))
        session = cls(attempt=attempt, **ports)
        # A resume that a second crash cut short (its request is journalled, its "recovered" is
        # not) is taken up from its beginning: the state to go back to, the stack of paused and
        # locked states, and the start of the outage are those of the first interruption.
        interrupted: int | None = None
        for index, event in enumerate(events):
            if event.kind == ev.AUTHORISATION_REQUESTED and event.payload.get("resume") and interrupted is None:
                interrupted = index
            elif event.kind == ev.RECOVERED:
                interrupted = None
        before = events if interrupted is None else events[:interrupted]
        returns: list[State] = []
        session._replaying = True
        try:
            for index, event in enumerate(events):
                if index == interrupted:
                    returns = list(session._return)
                session._apply(event)
        finally:
            session._replaying = False
        last_wall = max((e.t_wall for e in before if e.t_wall), default=None)
        consumed = before[-1].payload.get("elapsed", 0.0)
        if checkpoint is not None and checkpoint[0] > consumed:
            consumed = checkpoint[0]
            last_wall = max(last_wall, checkpoint[1]) if last_wall else checkpoint[1]
        session.timer.restore(consumed)
        session._last_wall = last_wall
        if interrupted is not None:
            was = events[interrupted].payload.get("was")
            session.state = State(was) if was else session.state
            session._return = returns
        if session.state not in (State.FINISHED, State.SUBMITTED, State.IDLE, State.CHECK_IN):
            session._resume_target = session.state
            session.state = State.RECOVERING
        return session

    @property
    def recoverable(self) -> bool:
        """A restored attempt a candidate can go back to (checked in, not finished)."""
        return self.state is State.RECOVERING

    @command
    def request_resume(self) -> None:
        """Ask for the authorisation that every re-entry needs."""
        self._require("request_resume", State.RECOVERING)
        self.state = State.AWAITING_AUTHORISATION
        self._emit(ev.AUTHORISATION_REQUESTED, {"resume": True, "was": self._resume_target.value
                                                if self._resume_target else None})
        self._authority.authorisation_requested(resume=True)

    def _complete_recovery(self) -> None:
        target = self._resume_target
        assert target is not None
        wall = getattr(self, "_last_wall", None)
        downtime = max(0.0, (self._clock.now() - wall).total_seconds()) if wall else 0.0
        self._emit(ev.RECOVERED, {"back_to": target.value, "downtime_s": round(downtime, 3),
                                  "number": self.question.number if self.question else None})

    # -- applying events (shared by live commands and restore) ----------------------------------
    def _on_attempt_created(self, p: dict[str, Any], e: Event) -> None:
        self.state = State.CHECK_IN

    def _on_checked_in(self, p: dict[str, Any], e: Event) -> None:
        self.candidate = Candidate.from_dict(p["candidate"])
        self.locale = p["locale"]

    def _on_authorisation_requested(self, p: dict[str, Any], e: Event) -> None:
        self.state = State.AWAITING_AUTHORISATION

    def _on_authorised(self, p: dict[str, Any], e: Event) -> None:
        self.state = State.ENVIRONMENT_CHECK
        if p.get("exposure") is not None:
            self.exposure = p["exposure"]

    def _on_bank_delivered(self, p: dict[str, Any], e: Event) -> None:
        profile = ExamProfile.from_dict(p["profile"], name=p["profile"].get("name"))
        self.attempt = dataclasses.replace(self.attempt, bank=dict(p["bank"]), profile=profile)
        self.profile = profile
        self.timer = ExamTimer(profile.duration_minutes * 60.0)
        self._modes_cache = None

    def _on_moved_in(self, p: dict[str, Any], e: Event) -> None:
        self.moved_from.append({"kiosk": p.get("from_kiosk"), "command": p.get("command"), "head": p.get("head")})

    def _on_environment_checked(self, p: dict[str, Any], e: Event) -> None:
        if p["blocking"]:
            return  # the LOCKED event that follows moves the state
        if self._resume_target is None:
            self.state = State.INSTRUCTIONS if not self.started else self.state

    def _on_test_started(self, p: dict[str, Any], e: Event) -> None:
        self.started = True
        # An accommodation is an input of the engine (only items a screen reader can convey); the
        # factory is called with it only when there is one, as the replay audit reads it back.
        reader = self.candidate is not None and self.candidate.screen_reader
        options: dict[str, Any] = {"screen_reader": True} if reader else {}
        if self.exposure is not None:
            options["exposure"] = self.exposure
        if any(e.kind == ev.BANK_DELIVERED for e in self.events):  # the bank and profile came with the authorisation
            options["profile"] = self.profile
        self._engine = self._engine_factory(self.attempt.seed, **options)

    def _choose(self, number: int, item_id: str) -> None:
        """Keep the engine in step: a new item for ``number`` comes from ``next_item()``, live or replayed."""
        if self._pending_item == (number, item_id):
            return
        assert self._engine is not None
        if self._replaying:
            chosen = self._engine.next_item()
            if chosen != item_id:
                raise ReplayMismatchError(f"question {number}: the journal shows item {item_id}, "
                                          f"the engine chooses {chosen} (different bank or profile?)")
        self._pending_item = (number, item_id)

    def _on_focus_warning_shown(self, p: dict[str, Any], e: Event) -> None:
        self._choose(p["number"], p["item_id"])
        self._warned_number = p["number"]
        self.question = None
        self.state = State.FOCUS_WARNING
        self.timer.stop(self._now())

    def _on_focus_warning_acknowledged(self, p: dict[str, Any], e: Event) -> None:
        pass

    def _on_question_shown(self, p: dict[str, Any], e: Event) -> None:
        self._choose(p["number"], p["item_id"])
        self._pending_item = None
        self.question = Question(p["number"], self._bank.item(p["item_id"]), tuple(p["order"]), p["elapsed"])
        self.state = State.QUESTION
        if not self._replaying:
            self.timer.start(self._now())

    def _on_focus_lost(self, p: dict[str, Any], e: Event) -> None:
        question = self.question
        if p["counted"] and question is not None:
            question.focus_out = True
        if question is not None and p["number"] == question.number:
            question.focus_lost_at = p["elapsed"]

    def _on_focus_regained(self, p: dict[str, Any], e: Event) -> None:
        question = self.question
        if question is not None and question.focus_lost_at is not None:
            question.focus_out_seconds += max(0.0, p["elapsed"] - question.focus_lost_at)
            question.focus_lost_at = None

    def _on_answered(self, p: dict[str, Any], e: Event) -> None:
        question = self.question
        if question is None or question.item.id != p["item_id"]:
            raise ReplayMismatchError(f"event {e.seq}: an answer to {p['item_id']} that is not on screen")
        outcome = Outcome(p["outcome"])
        assert self._engine is not None
        self._engine.record(p["item_id"], outcome)
        self.treated.append(Treated(p["number"], p["item_id"], question.item.competence, outcome, p["response"],
                                    p["duration_s"], p["focus_out_s"]))
        self.question = None

    def _on_problem_reported(self, p: dict[str, Any], e: Event) -> None:
        self.state = State.PROBLEM_REPORTED
        self.timer.stop(self._now())

    def _on_problem_resolved(self, p: dict[str, Any], e: Event) -> None:
        question = self.question
        assert question is not None
        if p["validated"]:
            assert self._engine is not None
            self._engine.neutralise(p["item_id"])
            self.treated.append(Treated(p["number"], p["item_id"], question.item.competence, None, None,
                                        p["elapsed"] - question.shown_at))
            self.question = None
        else:
            self.state = State.QUESTION
        if not self._replaying:
            self.timer.start(self._now())

    def _on_paused(self, p: dict[str, Any], e: Event) -> None:
        self._return.append(self.state)
        self.pause_reason = p.get("reason", "")
        self.state = State.PAUSED
        self.timer.stop(self._now())

    def _on_resumed(self, p: dict[str, Any], e: Event) -> None:
        self.state = self._return.pop()
        self._restart_clock()

    def _on_locked(self, p: dict[str, Any], e: Event) -> None:
        self._return.append(self.state)
        self.lock_reason = p.get("reason", "")
        self.state = State.LOCKED
        self.timer.stop(self._now())

    def _on_unlocked(self, p: dict[str, Any], e: Event) -> None:
        previous = self._return.pop()
        self.state = State.INSTRUCTIONS if previous is State.ENVIRONMENT_CHECK and not self.started else previous
        self._restart_clock()

    def _restart_clock(self) -> None:
        if self.state in TIMED_STATES and not self._replaying:
            self.timer.start(self._now())

    def _on_time_added(self, p: dict[str, Any], e: Event) -> None:
        self.timer.add_extra(float(p["seconds"]))

    def _on_recovered(self, p: dict[str, Any], e: Event) -> None:
        self.compensated_seconds += float(p["downtime_s"])
        target = State(p["back_to"])
        if target in (State.AWAITING_AUTHORISATION, State.ENVIRONMENT_CHECK):
            target = State.INSTRUCTIONS if not self.started else State.QUESTION
        if target is State.PROBLEM_REPORTED:
            target = State.PROBLEM_REPORTED  # the report is still open; the authority decides again
        self.state = target
        self._resume_target = None
        if not self._replaying:
            if target is State.PROBLEM_REPORTED and self.question is not None:
                self._authority.problem_reported(self.question.number, self.question.item.id)
            self._restart_clock()

    def _on_stalled(self, p: dict[str, Any], e: Event) -> None:
        question = self.question
        if p["uncertain"] and question is not None and question.number == p["number"]:
            question.uncertain = True
        self.compensated_seconds += float(p["compensated_s"])

    def _on_finished(self, p: dict[str, Any], e: Event) -> None:
        self.timer.stop(self._now())
        self.end_reason = p["reason"]
        self.result = p["result"]
        self.question = None
        self._return.clear()
        self.state = State.FINISHED

    def _on_submitted(self, p: dict[str, Any], e: Event) -> None:
        self.receipt = p["receipt"]
        self.state = State.SUBMITTED

    def _on_guard(self, p: dict[str, Any], e: Event) -> None:
        pass

    def _on_room_command(self, p: dict[str, Any], e: Event) -> None:
        self.room_commands[p["id"]] = Disposition.APPLIED

    def _on_room_command_refused(self, p: dict[str, Any], e: Event) -> None:
        self.room_commands[p["id"]] = Disposition.REFUSED

    @command
    def record_guard(self, payload: Mapping[str, Any]) -> None:
        """Journal a guard finding or action (for the invigilator's record); the state does not change."""
        if self.state is not State.IDLE:
            self._emit(ev.GUARD, payload)
