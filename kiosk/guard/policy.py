"""The guard's policy, read from the exam profile's ``guard:`` section (kept in ``profile.extra``).

Every setting has a default chosen so that a false alarm never strands a candidate: a sign of
a virtual machine only warns, extra screens are blanked rather than refused, flicker shorter
than the debounce is ignored. Example::

    guard:
      debounce_ms: 300
      screens: blank              # allow | blank | refuse
      virtual_machine: warn       # warn | lock | refuse
      remote_session: lock        # warn | lock | refuse
      processes:
        prohibited_categories: [remote-control, chat-and-meetings, screen-recorders, ai-assistants, browsers]
        prohibited: ["cheat*", "/opt/tools/*", "sha256:…"]
        permitted: ["firefox*"]   # e.g. a center that allows the internet in free questions
        allowed: ["/usr/lib/libreoffice/*", "sha256:…"]   # optional: nothing else may be started
      assistive: {my-reader: {kind: screen-reader, names: [myreader]}}
"""

from __future__ import annotations

import fnmatch
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from kiosk.guard import catalogue
from kiosk.guard.errors import GuardPolicyError

SCREEN_POLICIES = ("allow", "blank", "refuse")
# The assistive tools a candidate's accommodation grants by default (the ids this policy knows):
# a screen reader's focus or speech window is then never a focus loss.
ACCOMMODATION_TOOLS: dict[str, tuple[str, ...]] = {"screen-reader": ("orca", "nvda")}
ACTIONS = ("warn", "lock", "refuse")


HASH_PREFIX = "sha256:"


@dataclass(frozen=True)
class ProcessPattern:
    """A glob on a process name (``.exe`` optional), on the executable path when it holds a slash,
    or ``sha256:<hex>``: the executable's content, whatever its name or place (a renamed copy)."""

    pattern: str
    category: str = "profile"
    origin: str = ""  # for a hash found at start: the program it was read from

    @property
    def on_path(self) -> bool:
        return "/" in self.pattern or "\\" in self.pattern

    @property
    def on_hash(self) -> bool:
        return self.pattern.lower().startswith(HASH_PREFIX)

    def matches(self, name: str, exe: str, sha256: str = "") -> bool:
        if self.on_hash:
            return bool(sha256) and sha256.lower() == self.pattern[len(HASH_PREFIX):].lower()
        if self.on_path:
            path = exe.replace("\\", "/").lower()
            return bool(path) and fnmatch.fnmatchcase(path, self.pattern.replace("\\", "/").lower())
        base = name.lower()
        base = base[:-4] if base.endswith(".exe") else base
        exe_base = exe.replace("\\", "/").rsplit("/", 1)[-1].lower()
        exe_base = exe_base[:-4] if exe_base.endswith(".exe") else exe_base
        pattern = self.pattern.lower()
        pattern = pattern[:-4] if pattern.endswith(".exe") else pattern
        return any(fnmatch.fnmatchcase(candidate, pattern) for candidate in (base, exe_base) if candidate)


@dataclass(frozen=True)
class AssistiveTool:
    """An assistive technology a candidate may be granted (see ``catalogue.ASSISTIVE``)."""

    id: str
    kind: str
    names: tuple[str, ...] = ()
    wm_classes: tuple[str, ...] = ()

    def matches(self, process_name: str, wm_parts: Iterable[str]) -> bool:
        name = process_name.lower()
        name = name[:-4] if name.endswith(".exe") else name
        if name and any(fnmatch.fnmatchcase(name, n.lower()) for n in self.names):
            return True
        parts = [p.lower() for p in wm_parts if p]
        return any(fnmatch.fnmatchcase(p, c.lower()) for p in parts for c in self.wm_classes)

    def patterns(self) -> tuple[ProcessPattern, ...]:
        return tuple(ProcessPattern(n, "assistive") for n in self.names)


def _default_assistive() -> dict[str, AssistiveTool]:
    return {tool_id: AssistiveTool(tool_id, str(spec["kind"]), tuple(spec["names"]),  # type: ignore[arg-type]
                                   tuple(spec["wm_classes"]))  # type: ignore[arg-type]
            for tool_id, spec in catalogue.ASSISTIVE.items()}


def _default_prohibited() -> tuple[ProcessPattern, ...]:
    return tuple(ProcessPattern(p, category) for category, patterns in catalogue.PROHIBITED.items() for p in patterns)


@dataclass(frozen=True)
class GuardPolicy:
    debounce_ms: int = 300  # a focus loss shorter than this is flicker, not a loss
    poll_ms: int = 500  # the safety net under the focus events
    process_interval_s: float = 1.0
    kill_after_s: float = 0.5  # after a polite terminate, before a kill
    lock_after_s: float = 0.5  # after a kill, before declaring the process a survivor
    prohibited: tuple[ProcessPattern, ...] = field(default_factory=_default_prohibited)
    permitted: tuple[ProcessPattern, ...] = ()
    # The session's allow-list (paths, names, sha256:…): when given, every program the candidate's
    # account starts after the check-in must match it or is ended. None: only the prohibited list.
    allowed: tuple[ProcessPattern, ...] | None = None
    screens: str = "blank"
    virtual_machine: str = "warn"
    remote_session: str = "lock"
    assistive: Mapping[str, AssistiveTool] = field(default_factory=_default_assistive)
    keyboard: bool = True  # X11 keyboard grab / Windows low-level hook
    capture_exclusion: bool = True  # Windows: exam windows invisible to screen capture
    system_policies: bool = True  # Windows: Task Manager and other Ctrl+Alt+Del exits off
    screen_saver_off: bool = True  # X11: the server's screen saver off during the exam
    clipboard: bool = True  # cleared during focus questions
    clock_gap_s: float = 5.0  # a stall or suspend longer than this is journalled (and compensated)
    focus_stall_s: float = 2.0  # …during a focus question, this one: the question is uncertain, the screen locked
    environment_every_s: float = 5.0  # remote-session re-check during the exam
    shell: bool = True  # frameless full-screen window, other screens blanked, close refused
    exit_shortcut: str = "Ctrl+Alt+Shift+Q"

    @classmethod
    def from_profile(cls, profile: Any) -> GuardPolicy:
        """The policy of an ``ExamProfile`` (its ``extra['guard']``), defaults for what is missing."""
        extra = getattr(profile, "extra", None) or {}
        return cls.from_dict(extra.get("guard", {}), what=f"profile {getattr(profile, 'name', '?')}")

    @classmethod
    def from_dict(cls, data: Any, what: str = "profile") -> GuardPolicy:
        problems: list[str] = []
        reader = _Reader(problems, f"{what}: guard")
        if data is None:
            data = {}
        if not isinstance(data, Mapping):
            raise GuardPolicyError(f"{what}: guard must be a mapping of settings")
        d = cls()
        values: dict[str, Any] = {
            "debounce_ms": reader.number(data, "debounce_ms", d.debounce_ms, 0, 5000, integer=True),
            "poll_ms": reader.number(data, "poll_ms", d.poll_ms, 50, 2000, integer=True),
            "process_interval_s": reader.number(data, "process_interval_s", d.process_interval_s, 0.1, 2.0),
            "kill_after_s": reader.number(data, "kill_after_s", d.kill_after_s, 0.05, 5.0),
            "lock_after_s": reader.number(data, "lock_after_s", d.lock_after_s, 0.05, 5.0),
            "screens": reader.choice(data, "screens", d.screens, SCREEN_POLICIES),
            "virtual_machine": reader.choice(data, "virtual_machine", d.virtual_machine, ACTIONS),
            "remote_session": reader.choice(data, "remote_session", d.remote_session, ACTIONS),
            "clock_gap_s": reader.number(data, "clock_gap_s", d.clock_gap_s, 1.0, 3600.0),
            "focus_stall_s": reader.number(data, "focus_stall_s", d.focus_stall_s, 1.0, 60.0),
            "environment_every_s": reader.number(data, "environment_every_s", d.environment_every_s, 1.0, 600.0),
        }
        for key in ("keyboard", "capture_exclusion", "system_policies", "screen_saver_off", "clipboard", "shell"):
            values[key] = reader.boolean(data, key, getattr(d, key))
        shortcut = data.get("exit_shortcut", d.exit_shortcut)
        if not isinstance(shortcut, str) or not shortcut.strip():
            problems.append(f"{what}: guard.exit_shortcut: expected a key sequence such as Ctrl+Alt+Shift+Q")
        else:
            values["exit_shortcut"] = shortcut
        values.update(reader.processes(data.get("processes", {})))
        values["assistive"] = reader.assistive(data.get("assistive", {}), d.assistive)
        unknown = sorted(set(data) - set(values) - {"processes", "assistive"})
        if unknown:
            problems.append(f"{what}: guard: unknown setting(s) {', '.join(map(str, unknown))}")
        if problems:
            raise GuardPolicyError("\n".join(problems))
        return cls(**values)

    def with_(self, **changes: Any) -> GuardPolicy:
        return replace(self, **changes)

    def granted(self, tool_ids: Iterable[str]) -> tuple[AssistiveTool, ...]:
        """The tools of ``tool_ids`` this policy knows (unknown ids raise, naming the known ones)."""
        tools = []
        for tool_id in tool_ids:
            if tool_id not in self.assistive:
                known = ", ".join(sorted(self.assistive))
                raise GuardPolicyError(f"unknown assistive technology '{tool_id}' (known: {known})")
            tools.append(self.assistive[tool_id])
        return tuple(tools)


    def tools_for(self, accommodations: Iterable[str]) -> tuple[str, ...]:
        """The ids of the assistive tools the candidate's ``accommodations`` grant by default
        (``ACCOMMODATION_TOOLS``, limited to the tools this policy knows)."""
        return tuple(dict.fromkeys(tool for accommodation in accommodations
                                   for tool in ACCOMMODATION_TOOLS.get(accommodation, ()) if tool in self.assistive))


class _Reader:
    def __init__(self, problems: list[str], where: str):
        self.problems = problems
        self.where = where

    def _bad(self, key: str, message: str) -> None:
        self.problems.append(f"{self.where}.{key}: {message}")

    def number(self, data: Mapping[str, Any], key: str, default: float, low: float, high: float,
               integer: bool = False) -> Any:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or (
                integer and not isinstance(value, int)):
            self._bad(key, f"'{value}' is not a {'whole ' if integer else ''}number")
            return default
        if not low <= value <= high:
            self._bad(key, f"{value} is outside {low:g}–{high:g}")
            return default
        return value if integer else float(value)

    def boolean(self, data: Mapping[str, Any], key: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self._bad(key, f"'{value}' is not true or false")
            return default
        return value

    def choice(self, data: Mapping[str, Any], key: str, default: str, choices: tuple[str, ...]) -> str:
        value = data.get(key, default)
        if value not in choices:
            self._bad(key, f"'{value}' is not one of {', '.join(choices)}")
            return default
        return str(value)

    def _patterns(self, raw: Any, key: str, category: str) -> tuple[ProcessPattern, ...]:
        if not isinstance(raw, list) or not all(isinstance(p, str) and p.strip() for p in raw):
            self._bad(key, "expected a list of process names or paths (globs allowed)")
            return ()
        return tuple(ProcessPattern(p.strip(), category) for p in raw)

    def processes(self, raw: Any) -> dict[str, Any]:
        if not isinstance(raw, Mapping):
            self._bad("processes", "expected a mapping with prohibited_categories, prohibited, permitted")
            return {}
        categories = raw.get("prohibited_categories", list(catalogue.CATEGORIES))
        if not isinstance(categories, list) or not all(c in catalogue.PROHIBITED for c in categories):
            self._bad("processes.prohibited_categories", f"expected a list among {', '.join(catalogue.CATEGORIES)}")
            categories = list(catalogue.CATEGORIES)
        prohibited = [ProcessPattern(p, c) for c in categories for p in catalogue.PROHIBITED[c]]
        prohibited += self._patterns(raw.get("prohibited", []), "processes.prohibited", "profile")
        permitted = self._patterns(raw.get("permitted", []), "processes.permitted", "profile")
        values: dict[str, Any] = {"prohibited": tuple(prohibited), "permitted": permitted}
        if "allowed" in raw:
            values["allowed"] = self._patterns(raw["allowed"], "processes.allowed", "allow-list")
        for pattern in (*prohibited, *permitted, *values.get("allowed", ())):
            digest = pattern.pattern[len(HASH_PREFIX):]
            if pattern.on_hash and not (len(digest) == 64 and all(c in "0123456789abcdefABCDEF" for c in digest)):
                self._bad("processes", f"'{pattern.pattern}' is not sha256: and 64 hexadecimal digits")
        unknown = sorted(set(raw) - {"prohibited_categories", "prohibited", "permitted", "allowed"})
        if unknown:
            self._bad("processes", f"unknown setting(s) {', '.join(map(str, unknown))}")
        return values

    def assistive(self, raw: Any, defaults: Mapping[str, AssistiveTool]) -> dict[str, AssistiveTool]:
        tools = dict(defaults)
        if not isinstance(raw, Mapping):
            self._bad("assistive", "expected a mapping of tool id → {kind, names, wm_classes}")
            return tools
        for tool_id, spec in raw.items():
            key = f"assistive.{tool_id}"
            if not isinstance(spec, Mapping) or spec.get("kind") not in catalogue.ASSISTIVE_KINDS:
                self._bad(key, f"expected {{kind: {' | '.join(catalogue.ASSISTIVE_KINDS)}, names: [...]}}")
                continue
            names, classes = spec.get("names", []), spec.get("wm_classes", [])
            if not all(isinstance(v, list) and all(isinstance(s, str) and s for s in v) for v in (names, classes)):
                self._bad(key, "names and wm_classes must be lists of strings")
                continue
            if not names and not classes:
                self._bad(key, "give at least one process name or window class")
                continue
            tools[str(tool_id)] = AssistiveTool(str(tool_id), str(spec["kind"]), tuple(names), tuple(classes))
        return tools
