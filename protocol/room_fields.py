"""The strict field reader behind :mod:`protocol.room`: every refusal names the message and the field."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from protocol.errors import RoomMessageError

MAX_TEXT = 500


class FieldReader:
    """Reads a mapping's fields strictly; each refusal names ``what`` and the field."""

    def __init__(self, data: Any, what: str, known: Iterable[str]):
        if not isinstance(data, dict):
            raise RoomMessageError(f"{what}: expected a mapping, found {type(data).__name__}")
        self.data, self.what = data, what
        self.known = set(known)

    def fail(self, name: str, wanted: str) -> RoomMessageError:
        value = self.data.get(name, "<missing>")
        shown = repr(value)
        shown = shown if len(shown) <= 40 else shown[:40] + "…"
        return RoomMessageError(f"{self.what}: '{name}' must be {wanted}, not {shown}")

    def extra(self) -> dict[str, Any]:
        return {k: v for k, v in self.data.items() if k not in self.known and k != "_type"}

    def text(self, name: str, pattern: re.Pattern[str] | None = None, *, max_len: int = MAX_TEXT,
             wanted: str = "", optional: bool = False) -> Any:
        value = self.data.get(name)
        if value is None and optional:
            return None
        ok = isinstance(value, str) and 0 < len(value) <= max_len and value.isprintable()
        if ok and pattern is not None:
            ok = bool(pattern.match(value))
        if not ok:
            raise self.fail(name, wanted or f"1 to {max_len} printable characters")
        return value

    def integer(self, name: str, low: int, high: int) -> int:
        value = self.data.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise self.fail(name, f"a whole number from {low} to {high}")
        return value

    def mapping(self, name: str, *, optional: bool = False) -> Any:
        value = self.data.get(name)
        if value is None and optional:
            return None
        if not isinstance(value, dict):
            raise self.fail(name, "a mapping")
        return value

    def listing(self, name: str, max_items: int) -> list[Any]:
        value = self.data.get(name, [])
        if not isinstance(value, list) or len(value) > max_items:
            raise self.fail(name, f"a list of at most {max_items} items")
        return value

    def time(self, name: str) -> dt.datetime:
        value = self.data.get(name)
        try:
            parsed = dt.datetime.fromisoformat(value) if isinstance(value, str) and len(value) <= 40 else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            raise self.fail(name, "an ISO 8601 time with its UTC offset")
        return parsed
