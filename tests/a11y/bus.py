"""A display, a D-Bus session with the accessibility bus, the kiosk and a walker on it."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from tests.guard_x11.harness import ROOT, XSession, missing_binaries

SYSTEM_PYTHON = "/usr/bin/python3"
HERE = Path(__file__).resolve().parent


def missing() -> list[str]:
    """What this suite needs and the machine lacks (binaries, and pyatspi for the system Python)."""
    lacking = missing_binaries() + [b for b in ("dbus-daemon",) if shutil.which(b) is None]
    if not Path(SYSTEM_PYTHON).exists():
        lacking.append(SYSTEM_PYTHON)
    elif subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, timeout=30).returncode:
        lacking.append("python3-pyatspi")
    launchers = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")
    if not any(Path(p).exists() for p in launchers):
        lacking.append("at-spi2-core")
    return lacking


class Lines:
    """One JSON line per answer from a child process, read with a timeout."""

    def __init__(self, process: subprocess.Popen[str], what: str):
        self.process, self.what = process, what
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("{"):
                self._lines.put(line)

    def ask(self, command: str | None, timeout: float = 30) -> dict[str, Any]:
        if command is not None:
            assert self.process.stdin is not None
            self.process.stdin.write(command + "\n")
            self.process.stdin.flush()
        try:
            answer = json.loads(self._lines.get(timeout=timeout))
        except queue.Empty:
            raise TimeoutError(f"{self.what} did not answer {command!r} within {timeout} s "
                               f"(exit code {self.process.poll()})") from None
        if "error" in answer:
            raise RuntimeError(f"{self.what}: {answer['error']}")
        return answer


class AccessibleKiosk:
    """Xvfb + openbox, a private D-Bus session (the AT-SPI bus starts on it), the practice kiosk
    with Qt's accessibility on, and the walker listening from its own process."""

    def __init__(self, folder: Path):
        self.x = XSession()
        self._processes: list[subprocess.Popen[Any]] = []
        try:
            bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=self.x.env)
            self._processes.append(bus)
            assert bus.stdout is not None
            address = bus.stdout.readline().strip()
            if not address:
                raise RuntimeError("dbus-daemon printed no address")
            self.env = {**self.x.env, "DBUS_SESSION_BUS_ADDRESS": address, "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
                        "QT_ACCESSIBILITY": "1", "QT_QPA_PLATFORM": "xcb", "NO_AT_BRIDGE": "0",
                        "PYTHONPATH": str(ROOT)}
            self.env.pop("AT_SPI_BUS_ADDRESS", None)
            walker = subprocess.Popen([SYSTEM_PYTHON, str(HERE / "walker.py")],
                                      env={k: v for k, v in self.env.items() if k != "PYTHONPATH"},
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                      text=True)
            self._processes.append(walker)
            self.walker = Lines(walker, "the walker")
            self.walker.ask(None, timeout=30)
            kiosk = subprocess.Popen([sys.executable, str(HERE / "kiosk_child.py"), str(folder)], env=self.env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True, cwd=ROOT)
            self._processes.append(kiosk)
            self.kiosk = Lines(kiosk, "the kiosk")
            self.kiosk.ask(None, timeout=60)
            self.walker.ask(f"pid {kiosk.pid}")
        except BaseException:
            self.close()
            raise

    def do(self, command: str) -> dict[str, Any]:
        return self.kiosk.ask(command)

    def tree(self, wait_for: Any = None, timeout: float = 10) -> dict[str, Any]:
        """The walker's view, once ``wait_for(tree)`` holds (the bus lags the widgets a little)."""
        deadline = time.monotonic() + timeout
        while True:
            tree = self.walker.ask("tree")
            if wait_for is None or wait_for(tree) or time.monotonic() > deadline:
                return tree
            time.sleep(0.2)

    def events(self, settle: float = 0.5) -> list[dict[str, Any]]:
        time.sleep(settle)  # what the kiosk sent has crossed the bus
        return self.walker.ask("events")["events"]

    def close(self) -> None:
        for process in reversed(self._processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=5)
        self._processes.clear()
        self.x.close()


def ci() -> bool:
    return bool(os.environ.get("CI"))
