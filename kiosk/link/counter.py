"""The counter every signed request carries (ADR 0017): it only grows, across restarts and clock jumps.

``next()`` is ``max(last + 1, wall time in µs)``, written durably *before* the request leaves, so
a kiosk killed after sending never signs a lower or equal counter again. On a 409 the console
names the last counter it accepted and the kiosk continues above it (only the device key can
sign a higher one, so this concedes nothing).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from pathlib import Path

from kiosk.link.errors import LinkError
from protocol.keys import write_private_file
from protocol.room import MAX_COUNTER

COUNTER_FILE = "room-counter.json"


class RequestCounter:
    def __init__(self, device_dir: str | os.PathLike[str], wall_us: Callable[[], int]):
        self.path = Path(device_dir) / COUNTER_FILE
        self._wall_us = wall_us
        self._lock = threading.Lock()
        self._last = self._read()

    def _read(self) -> int:
        try:
            value = json.loads(self.path.read_text(encoding="utf-8")).get("last")
        except FileNotFoundError:
            return 0
        except (OSError, ValueError, AttributeError) as exc:
            raise LinkError(f"{self.path}: the request counter cannot be read ({exc}); remove it only if "
                            "the kiosk is enrolled again") from None
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_COUNTER:
            raise LinkError(f"{self.path}: the request counter is not a whole number")
        return value

    @property
    def last(self) -> int:
        return self._last

    def _store(self, value: int) -> None:
        write_private_file(self.path, json.dumps({"last": value}).encode() + b"\n", mode=0o600)
        self._last = value

    def next(self) -> int:
        """The counter for the next request, durable before it is returned."""
        with self._lock:
            value = max(self._last + 1, int(self._wall_us()))
            if value > MAX_COUNTER:
                raise LinkError("the request counter is exhausted; the kiosk must be enrolled again")
            self._store(value)
            return value

    def continue_from(self, last_accepted: int) -> None:
        """The console accepted ``last_accepted`` already: the next request goes above it."""
        with self._lock:
            if last_accepted > self._last and last_accepted < MAX_COUNTER:
                self._store(last_accepted)
