"""The invigilator's unlock code: the only way out of exam mode and off the lock screen at the kiosk.

Stored only as an scrypt hash (salt and cost beside it) in a small settings file; compared in
constant time; after a few wrong codes each new try waits longer (2, 4, 8 … 300 s). The count
of failures is kept in the file, so restarting the kiosk does not reset the wait.
"""

from __future__ import annotations

import hmac
import json
import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.guard.errors import UnlockCodeError, UnlockThrottledError
from protocol.atomicfile import write_atomic
from protocol.canonical import b64decode, b64encode
from protocol.errors import CanonicalEncodingError, KeyFileError
from protocol.keys import ScryptParams

UNLOCK_FILE = "unlock-code.json"
FREE_TRIES = 3  # wrong codes before the wait starts
MAX_WAIT = 300.0
MIN_LENGTH = 6


def _path(settings: str | os.PathLike[str]) -> Path:
    path = Path(settings)
    return path / UNLOCK_FILE if path.is_dir() or not path.suffix else path


def _write(path: Path, body: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(body).encode("utf-8"), mode=0o600)


def _read(path: Path) -> dict[str, Any]:
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UnlockCodeError(f"{path}: no unlock code is set (set one with set_unlock_code)") from None
    except (OSError, ValueError) as exc:
        raise UnlockCodeError(f"{path}: the unlock code file is unreadable ({exc}); set the code again") from exc
    if not isinstance(body, dict) or not {"kdf", "salt", "hash"} <= set(body):
        raise UnlockCodeError(f"{path}: the unlock code file is incomplete; set the code again")
    return body


def set_unlock_code(settings: str | os.PathLike[str], code: str, params: ScryptParams | None = None) -> Path:
    """Store the hash of ``code`` (a directory gets ``unlock-code.json``). Returns the file written."""
    code = code.strip()
    if len(code) < MIN_LENGTH or len(set(code)) < 3:
        raise UnlockCodeError(f"an unlock code needs at least {MIN_LENGTH} characters and 3 different ones")
    params = params or ScryptParams()
    salt = secrets.token_bytes(16)
    path = _path(settings)
    _write(path, {"kdf": params.to_dict(), "salt": b64encode(salt), "hash": b64encode(params.derive(code, salt)),
                  "failures": 0})
    return path


def wait_after(failures: int) -> float:
    """Seconds to wait before the next try after ``failures`` wrong codes in a row."""
    if failures < FREE_TRIES:
        return 0.0
    return min(MAX_WAIT, 2.0 ** (failures - FREE_TRIES + 1))


class UnlockGate:
    """Checks codes against the stored hash, with the throttle. ``clock`` is monotonic seconds."""

    def __init__(self, settings: str | os.PathLike[str], clock: Callable[[], float] = time.monotonic):
        self.path = _path(settings)
        self._clock = clock
        self._not_before = 0.0
        try:
            failures = int(_read(self.path).get("failures", 0))
        except UnlockCodeError:
            failures = 0
        self.failures = failures
        if failures >= FREE_TRIES:  # a restart does not skip the wait
            self._not_before = clock() + wait_after(failures)

    @property
    def is_set(self) -> bool:
        return self.path.exists()

    def retry_after(self) -> float:
        return max(0.0, self._not_before - self._clock())

    def check(self, code: str) -> bool:
        """True for the right code. Raises UnlockThrottledError while the wait runs (the code is not tried)."""
        wait = self.retry_after()
        if wait > 0:
            raise UnlockThrottledError(wait)
        body = _read(self.path)
        try:
            params = ScryptParams.from_dict(body["kdf"], str(self.path))
            salt, expected = b64decode(body["salt"], "salt"), b64decode(body["hash"], "hash")
        except (KeyFileError, CanonicalEncodingError, KeyError, TypeError) as exc:
            raise UnlockCodeError(f"{self.path}: {exc}; set the code again") from exc
        ok = hmac.compare_digest(params.derive(code.strip(), salt), expected)
        self.failures = 0 if ok else self.failures + 1
        self._not_before = self._clock() + wait_after(self.failures)
        if body.get("failures", 0) != self.failures:
            body["failures"] = self.failures
            _write(self.path, body)
        return ok


def check_unlock_code(settings: str | os.PathLike[str], code: str, gate: UnlockGate | None = None) -> bool:
    """Check ``code`` once (pass the kiosk's :class:`UnlockGate` to keep the throttle between calls)."""
    return (gate or UnlockGate(settings)).check(code)
