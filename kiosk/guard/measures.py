"""Reversible measures, the order they are applied in, and the record that survives a crash.

A measure is an object with ``name``, ``apply()`` and ``revert()`` (and optionally ``refresh()``,
called on the guard's safety-net timer to re-assert what the system may have undone). The
:class:`MeasureSequence` applies them in order and reverts them in reverse; if one fails, those
already applied are reverted before the error goes up. A measure that cannot work on this
system raises :class:`GuardUnavailableError` and is skipped (and journalled), not fatal.

A measure that changes the machine beyond the life of the process (a server setting, a
registry value) writes what it is about to do to the :class:`CrashRecord` *before* doing it;
:func:`restore_after_crash`, called by the app at start, reverts what a dead kiosk left behind.
"""

from __future__ import annotations

import importlib
import json
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

from kiosk.guard.errors import GuardStartError, GuardUnavailableError
from protocol.atomicfile import write_atomic

STATE_FILE = "guard-state.json"

# measure name → "module:function(data) -> str" that undoes it in a new process.
RESTORERS = {
    "x11-screen-saver": "kiosk.guard.x11_measures:restore_screen_saver",
    "x11-keyboard-grab": "kiosk.guard.x11_measures:check_keyboard_released",
    "windows-policies": "kiosk.guard.win_measures:restore_policies",
    "windows-keyboard-hook": "kiosk.guard.win_measures:hook_ended",
}


class Measure(Protocol):
    name: str

    def apply(self) -> None: ...

    def revert(self) -> None: ...


def _process_started(pid: int) -> float | None:
    """Creation time of ``pid`` (None if it does not exist); psutil stays out of the pure modules."""
    try:
        import psutil

        return float(psutil.Process(pid).create_time())
    except Exception:  # NoSuchProcess, AccessDenied, ZombieProcess: treat as gone
        return None


class CrashRecord:
    """``guard-state.json`` in the data directory: who applied what, written before it is applied."""

    def __init__(self, data_dir: str | os.PathLike[str]):
        self.path = Path(data_dir) / STATE_FILE
        self._entries: list[dict[str, Any]] = []

    def add(self, measure: str, data: dict[str, Any]) -> None:
        self._entries = [e for e in self._entries if e["measure"] != measure]
        self._entries.append({"measure": measure, "data": data})
        self._write()

    def remove(self, measure: str) -> None:
        self._entries = [e for e in self._entries if e["measure"] != measure]
        if self._entries:
            self._write()
        else:
            self.path.unlink(missing_ok=True)

    def _write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        body = {"pid": os.getpid(), "started": _process_started(os.getpid()), "written": time.time(),
                "measures": self._entries}
        write_atomic(self.path, json.dumps(body).encode("utf-8"), mode=0o600)


def _resolve(spec: str) -> Callable[[dict[str, Any]], str]:
    module, _, function = spec.partition(":")
    return getattr(importlib.import_module(module), function)  # type: ignore[no-any-return]


def restore_after_crash(data_dir: str | os.PathLike[str],
                        restorers: dict[str, Callable[[dict[str, Any]], str]] | None = None) -> list[dict[str, Any]]:
    """Undo what a kiosk that died left applied. Returns one report per measure (empty: nothing to do).

    Does nothing while the process that wrote the record is still running (another kiosk).
    """
    path = Path(data_dir) / STATE_FILE
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        path.unlink(missing_ok=True)
        return [{"measure": "?", "restored": False, "detail": f"unreadable guard state ({exc}); removed"}]
    pid, started = body.get("pid"), body.get("started")
    if isinstance(pid, int) and pid != os.getpid():
        alive = _process_started(pid)
        if alive is not None and started is not None and abs(alive - float(started)) < 1.0:
            return []  # the writer is alive: not a crash
    reports = []
    for entry in reversed(body.get("measures", [])):
        name = entry.get("measure", "?")
        restore = (restorers or {}).get(name)
        try:
            if restore is None:
                restore = _resolve(RESTORERS[name])
            detail = restore(entry.get("data", {}))
            reports.append({"measure": name, "restored": True, "detail": detail})
        except Exception as exc:  # report every failure, try the next measure
            reports.append({"measure": name, "restored": False, "detail": f"{type(exc).__name__}: {exc}"})
    path.unlink(missing_ok=True)
    return reports


class MeasureSequence:
    """Apply in order, revert in reverse; a failure while applying undoes what was done."""

    def __init__(self, measures: Iterable[Any]):
        self.measures = list(measures)
        self.applied: list[Any] = []
        self.skipped: list[tuple[str, str]] = []

    def apply_all(self) -> None:
        for measure in self.measures:
            try:
                measure.apply()
            except GuardUnavailableError as exc:
                self.skipped.append((measure.name, str(exc)))
                continue
            except Exception as exc:
                failures = self.revert_all()
                undone = "; ".join(f"{name}: {reason}" for name, reason in failures)
                raise GuardStartError(
                    f"guard measure '{measure.name}' failed ({type(exc).__name__}: {exc}); the measures applied "
                    f"before it were undone{' except ' + undone if undone else ''}") from exc
            self.applied.append(measure)

    def revert_all(self) -> list[tuple[str, str]]:
        """Revert every applied measure, newest first; returns the (name, reason) of those that failed."""
        failures = []
        while self.applied:
            measure = self.applied.pop()
            try:
                measure.revert()
            except Exception as exc:  # keep reverting the others
                failures.append((measure.name, f"{type(exc).__name__}: {exc}"))
        return failures

    def refresh_all(self) -> None:
        for measure in self.applied:
            refresh = getattr(measure, "refresh", None)
            if refresh is not None:
                refresh()
