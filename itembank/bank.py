"""A bank in memory: what a source folder holds and what a ``.pbank`` file carries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from itembank.framework import Framework
from itembank.model import ID_PATTERN, Item, LocalText, Problems, strict
from itembank.profile import ExamProfile


@dataclass(frozen=True)
class BankMeta:
    id: str
    version: int
    title: LocalText
    publisher: str = ""
    expires: dt.date | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.extra)
        data.update({"id": self.id, "version": self.version, "title": self.title.to_dict(),
                     "publisher": self.publisher})
        if self.expires:
            data["expires"] = self.expires.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: Any, problems: Problems | None = None) -> BankMeta:
        problems = problems if problems is not None else strict("bank")
        if not isinstance(data, dict):
            problems.add((), "expected id, version, title, publisher")
            data = {}
        bank_id = data.get("id")
        if not isinstance(bank_id, str) or not ID_PATTERN.match(bank_id):
            problems.add(("id",), f"'{bank_id}' is not a valid bank id (letters, digits, . _ -)")
            bank_id = "invalid"
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            problems.add(("version",), f"'{version}' is not a version (a whole number ≥ 1)")
            version = 1
        expires = data.get("expires")
        if isinstance(expires, str):
            try:
                expires = dt.date.fromisoformat(expires)
            except ValueError:
                problems.add(("expires",), f"'{expires}' is not a date (YYYY-MM-DD)")
                expires = None
        elif expires is not None and not isinstance(expires, dt.date):
            problems.add(("expires",), f"'{expires}' is not a date (YYYY-MM-DD)")
            expires = None
        known = {"id", "version", "title", "publisher", "expires"}
        return cls(bank_id, version, LocalText.parse(data.get("title"), ("title",), problems),
                   str(data.get("publisher", "")), expires, {k: v for k, v in data.items() if k not in known})


@dataclass
class BankSource:
    """Everything a bank holds, in the clear: built from a source folder or by a generator."""

    meta: BankMeta
    framework: Framework
    profiles: dict[str, ExamProfile]
    default_profile: str
    items: list[Item]
    attachments: dict[str, bytes] = field(default_factory=dict)

    def profile(self, name: str | None = None) -> ExamProfile:
        return self.profiles[name or self.default_profile]
