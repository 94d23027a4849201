"""Real X11 sessions for the guard's tests and benchmark: Xvfb with openbox, the kiosk in a child
process (Qt on xcb), other X clients, and xdotool to move the focus the way a candidate would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BINARIES = ("Xvfb", "openbox", "xterm", "xdotool")


def missing_binaries() -> list[str]:
    return [b for b in BINARIES if shutil.which(b) is None]


def _wait(predicate: Any, timeout: float, what: str, step: float = 0.02) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise TimeoutError(f"timed out after {timeout} s waiting for {what}")


def _stop(process: subprocess.Popen[Any]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


class XSession:
    """An Xvfb display with openbox, started and stopped by its owner."""

    def __init__(self, screens: int = 1):
        from kiosk.guard.errors import GuardUnavailableError
        from kiosk.guard.x11 import XConnection

        # -displayfd: Xvfb picks a free display itself and writes its number (no race with other runs)
        read_end, write_end = os.pipe()
        args = ["Xvfb", "-displayfd", str(write_end), "-nolisten", "tcp", "-noreset"]
        for index in range(screens):
            args += ["-screen", str(index), "1280x800x24"]
        self._processes: list[subprocess.Popen[Any]] = []
        self._processes.append(subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                                pass_fds=(write_end,)))
        os.close(write_end)
        with os.fdopen(read_end) as numbers:
            number = numbers.readline().strip()
        if not number.isdigit():
            self.close()
            raise RuntimeError("Xvfb did not start (no display number on -displayfd)")
        self.number = int(number)
        self.display = f":{self.number}"

        def connects() -> bool:
            try:
                XConnection(self.display).close()
                return True
            except GuardUnavailableError:
                return False

        _wait(connects, 10, f"Xvfb on {self.display}")
        self.env = {**os.environ, "DISPLAY": self.display}
        for key in ("WAYLAND_DISPLAY", "SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY", "XRDP_SESSION"):
            self.env.pop(key, None)
        self._processes.append(subprocess.Popen(["openbox"], env=self.env, stdout=subprocess.DEVNULL,
                                                stderr=subprocess.DEVNULL))
        with XConnection(self.display) as connection:
            _wait(lambda: connection.property(connection.root, "_NET_SUPPORTING_WM_CHECK"), 10, "openbox")

    def spawn(self, args: list[str], **kwargs: Any) -> subprocess.Popen[Any]:
        process = subprocess.Popen(args, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
        self._processes.append(process)
        return process

    def xterm(self, klass: str) -> tuple[subprocess.Popen[Any], int]:
        """An xterm whose WM_CLASS class is ``klass``; returns it and its window id once mapped."""
        process = self.spawn(["xterm", "-class", klass, "-title", klass, "-e", "sleep", "600"])
        window = int(self.xdotool("search", "--sync", "--onlyvisible", "--class", klass).split()[0])
        return process, window

    def xdotool(self, *args: str) -> str:
        return subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=20,
                              check=True).stdout

    def activate(self, window: int) -> None:
        self.xdotool("windowactivate", "--sync", str(window))

    def close(self) -> None:
        for process in reversed(self._processes):
            _stop(process)
        self._processes.clear()


@contextmanager
def x_session(screens: int = 1) -> Iterator[XSession]:
    session = XSession(screens)
    try:
        yield session
    finally:
        session.close()


class Kiosk:
    """The kiosk child process (``kiosk_child.py``) and its journal file."""

    def __init__(self, xs: XSession, tmp: Path, *, mode: str = "focus", policy: dict[str, Any] | None = None,
                 grant: tuple[str, ...] = (), name: str = "kiosk"):
        self.dir = tmp / name
        self.dir.mkdir(parents=True, exist_ok=True)
        self.journal_path = self.dir / "journal.jsonl"
        policy = {"processes": {"prohibited_categories": []}, "remote_session": "warn", **(policy or {})}
        env = {**xs.env, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)}
        args = [sys.executable, "-m", "tests.guard_x11.kiosk_child", "--data-dir", str(self.dir), "--mode", mode,
                "--policy", json.dumps(policy)]
        for tool in grant:
            args += ["--grant", tool]
        self.process = subprocess.Popen(args, env=env, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, bufsize=1)
        self.ready = self.reply(timeout=30)
        if "error" in self.ready:
            raise RuntimeError(f"the kiosk did not start: {self.ready['error']}")
        self.window = int(self.ready["window"])
        self.pid = self.process.pid

    def reply(self, timeout: float = 10) -> dict[str, Any]:
        import select

        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        line = self.process.stdout.readline() if ready else ""
        if not line:
            err = self.process.stderr.read() if self.process.poll() is not None and self.process.stderr else ""
            raise TimeoutError(f"no answer from the kiosk (exit {self.process.poll()}): {err[-2000:]}")
        return json.loads(line)

    def command(self, text: str, timeout: float = 10) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(text + "\n")
        self.process.stdin.flush()
        return self.reply(timeout)

    def events(self) -> list[dict[str, Any]]:
        try:
            lines = self.journal_path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        return [json.loads(line) for line in lines if line.strip()]

    def kinds(self) -> list[str]:
        return [e["kind"] for e in self.events()]

    def guard_types(self) -> list[str]:
        return [e["payload"]["type"] for e in self.events() if e["kind"] == "guard"]

    def wait_for(self, predicate: Any, timeout: float = 5.0, what: str = "a journal event") -> Any:
        return _wait(lambda: predicate(self.events()), timeout, what)

    def focus(self, xs: XSession) -> None:
        """Give the focus back to the kiosk and wait until its watcher has seen it."""
        xs.activate(self.window)
        _wait(lambda: self.command("state")["present"], 5, "the kiosk to see its focus back", step=0.05)

    def close(self) -> None:
        if self.process.poll() is None:
            with suppress(TimeoutError, BrokenPipeError, OSError):
                self.command("exit", timeout=10)
        _stop(self.process)
