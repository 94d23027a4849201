"""Process decisions, without psutil: which running programs are prohibited, and the escalation
terminate → kill → lock for each of them.

The adapter (``process_guard.py``) takes a snapshot of the process table every second or so and
feeds it to :class:`ProcessEnforcer`, which answers with the actions to take; it reports back
what failed (access denied). A process is followed by (pid, creation time), so a reused pid is
a new process.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.guard.policy import ProcessPattern

RELAUNCH_LIMIT = 3  # the same program found this many times…
RELAUNCH_WINDOW_S = 60.0  # …within this time locks the workstation
NOT_ALLOWED = ProcessPattern("not on the allow-list", "allow-list")


@dataclass(frozen=True)
class ProcInfo:
    pid: int
    name: str
    exe: str = ""
    create_time: float = 0.0
    username: str = ""
    sha256: str = ""  # the executable's content (read for programs started during the exam)
    uid: int | None = None

    @property
    def key(self) -> tuple[int, float]:
        return (self.pid, self.create_time)

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"pid": self.pid, "name": self.name, "exe": self.exe, "user": self.username}
        if self.sha256:
            data["sha256"] = self.sha256
        return data


@dataclass(frozen=True)
class ProcessRules:
    """Permitted patterns win over prohibited ones; protected pids (the kiosk and its parents) are
    never touched. The kiosk's children are judged like any program: a tool it opens an attachment
    with is still what it is.

    With an allow-list (``allowed`` not None), a program of the candidate's account (``uid``)
    started after ``since`` (wall-clock seconds, the check-in) that matches none of it is ended too.
    """

    prohibited: tuple[ProcessPattern, ...]
    permitted: tuple[ProcessPattern, ...] = ()
    protected: frozenset[int] = frozenset()
    allowed: tuple[ProcessPattern, ...] | None = None
    uid: int | None = None
    since: float = 0.0

    def judge(self, proc: ProcInfo) -> ProcessPattern | None:
        """The prohibited pattern ``proc`` matches, or None when it may run."""
        if proc.pid in self.protected or proc.pid <= 1:
            return None
        if any(p.matches(proc.name, proc.exe, proc.sha256) for p in self.permitted):
            return None
        found = next((p for p in self.prohibited if p.matches(proc.name, proc.exe, proc.sha256)), None)
        if found is not None or self.allowed is None:
            return found
        if self.uid is None or proc.uid != self.uid or proc.create_time < self.since:
            return None
        if any(p.matches(proc.name, proc.exe, proc.sha256) for p in self.allowed):
            return None
        return NOT_ALLOWED


class Step(StrEnum):
    FOUND = "process-found"  # journal only
    TERMINATE = "process-terminate"
    KILL = "process-kill"
    LOCK = "process-survived"  # lock the screen: the invigilator must act
    RELAUNCHED = "process-relaunched"  # came back too often: lock the screen
    ENDED = "process-ended"  # journal only


@dataclass(frozen=True)
class Action:
    step: Step
    proc: ProcInfo
    pattern: ProcessPattern
    detail: dict[str, object] = field(default_factory=dict)

    def payload(self) -> dict[str, object]:
        return {"process": self.proc.to_dict(), "category": self.pattern.category, "pattern": self.pattern.pattern,
                **self.detail}


@dataclass
class _Case:
    proc: ProcInfo
    pattern: ProcessPattern
    found_at: float
    stage: Step
    since: float


class ProcessEnforcer:
    def __init__(self, rules: ProcessRules, kill_after: float, lock_after: float):
        self.rules = rules
        self.kill_after = kill_after
        self.lock_after = lock_after
        self._cases: dict[tuple[int, float], _Case] = {}
        self._found: dict[tuple[str, str], list[float]] = {}  # program → when it was found

    @property
    def open_cases(self) -> int:
        return sum(1 for c in self._cases.values() if c.stage is not Step.LOCK)

    def step(self, now: float, snapshot: Iterable[ProcInfo], taken_at: float | None = None) -> list[Action]:
        """Compare the process table with the open cases; return the actions, in order. A case
        opened after ``taken_at`` (when the snapshot was asked for) by :meth:`step_new` is not in
        the snapshot yet and stays open."""
        actions: list[Action] = []
        running = {proc.key: proc for proc in snapshot}
        for key, case in list(self._cases.items()):
            if key not in running:
                if taken_at is not None and case.found_at > taken_at:
                    continue
                del self._cases[key]
                actions.append(Action(Step.ENDED, case.proc, case.pattern, {
                    "after": case.stage.value, "seconds": round(now - case.found_at, 3)}))
        for key, proc in running.items():
            case = self._cases.get(key)
            if case is None:
                actions += self._open(now, proc)
            elif case.stage is Step.TERMINATE and now - case.since >= self.kill_after:
                case.stage, case.since = Step.KILL, now
                actions.append(Action(Step.KILL, proc, case.pattern))
            elif case.stage is Step.KILL and now - case.since >= self.lock_after:
                case.stage, case.since = Step.LOCK, now
                actions.append(Action(Step.LOCK, proc, case.pattern, {"reason": "survived a kill"}))
        return actions

    def step_new(self, now: float, newcomers: Iterable[ProcInfo]) -> list[Action]:
        """Judge processes just seen starting (between two snapshots), without ending any case:
        the next :meth:`step` follows them like the others."""
        actions: list[Action] = []
        for proc in newcomers:
            if proc.key not in self._cases:
                actions += self._open(now, proc)
        return actions

    def _open(self, now: float, proc: ProcInfo) -> list[Action]:
        pattern = self.rules.judge(proc)
        if pattern is None:
            return []
        self._cases[proc.key] = _Case(proc, pattern, now, Step.TERMINATE, now)
        actions = [Action(Step.FOUND, proc, pattern), Action(Step.TERMINATE, proc, pattern)]
        relaunched = self._relaunched(now, proc, pattern)
        if relaunched is not None:
            actions.append(relaunched)
        return actions

    def _relaunched(self, now: float, proc: ProcInfo, pattern: ProcessPattern) -> Action | None:
        """The same program (same pattern and executable) found RELAUNCH_LIMIT times in a minute:
        ending it does not stop whoever starts it again, so the invigilator must come."""
        program = (pattern.pattern, proc.sha256 or proc.exe or proc.name)
        times = [t for t in self._found.get(program, []) if now - t < RELAUNCH_WINDOW_S] + [now]
        self._found[program] = times
        if len(times) < RELAUNCH_LIMIT:
            return None
        self._found[program] = []
        return Action(Step.RELAUNCHED, proc, pattern, {"times": len(times), "within_s": RELAUNCH_WINDOW_S,
                                                       "reason": f"started {len(times)} times in a minute"})

    def failed(self, now: float, action: Action, reason: str) -> Action | None:
        """The adapter could not terminate or kill (e.g. access denied): lock at once, once."""
        case = self._cases.get(action.proc.key)
        if case is None or case.stage is Step.LOCK:
            return None
        case.stage, case.since = Step.LOCK, now
        return Action(Step.LOCK, case.proc, case.pattern, {"reason": reason})

    def next_due(self, now: float) -> float | None:
        """The next time an open case needs a look (sooner than the regular scan)."""
        times = [c.since + (self.kill_after if c.stage is Step.TERMINATE else self.lock_after)
                 for c in self._cases.values() if c.stage in (Step.TERMINATE, Step.KILL)]
        return min(times) if times else None
