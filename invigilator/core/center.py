"""The center, the publishers it trusts, the banks it imported and the sessions it holds."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from invigilator.core.codes import is_access_code, normalise_code
from invigilator.errors import SessionError

KEY_ID = re.compile(r"^[0-9a-f]{32}$")
MAX_LABEL = 120


def _label(value: str, what: str, *, required: bool = True) -> str:
    text = " ".join(str(value or "").split())
    if required and not text:
        raise SessionError(f"{what} is empty")
    if len(text) > MAX_LABEL:
        raise SessionError(f"{what} is longer than {MAX_LABEL} characters")
    return text


@dataclass(frozen=True)
class Center:
    """The certification center this console belongs to; its keys sign what leaves the room."""

    id: str
    name: str
    signing_key_id: str

    def __post_init__(self) -> None:
        _label(self.id, "center id")
        _label(self.name, "center name")
        if not KEY_ID.match(self.signing_key_id):
            raise SessionError(f"center {self.id}: signing key id {self.signing_key_id!r} is not a key id")


@dataclass(frozen=True)
class TrustedPublisher:
    """A publisher whose signed banks the center accepts (key id and its public keys, base64)."""

    key_id: str
    name: str
    signing_public: str
    added_at: dt.datetime

    def __post_init__(self) -> None:
        _label(self.name, "publisher name")
        if not KEY_ID.match(self.key_id):
            raise SessionError(f"publisher {self.name!r}: {self.key_id!r} is not a key id")


@dataclass(frozen=True)
class Bank:
    """A bank imported after its signature was checked; the file is found by its SHA-256."""

    id: str
    title: str
    publisher_key_id: str
    sha256: str
    imported_at: dt.datetime

    def __post_init__(self) -> None:
        _label(self.id, "bank id")
        _label(self.title, f"bank {self.id}: title")
        if not KEY_ID.match(self.publisher_key_id):
            raise SessionError(f"bank {self.id}: publisher key id {self.publisher_key_id!r} is not a key id")
        if not re.fullmatch(r"[0-9a-f]{64}", self.sha256):
            raise SessionError(f"bank {self.id}: {self.sha256!r} is not a SHA-256 digest")


class SessionStatus(StrEnum):
    PLANNED = "planned"
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class ExamSession:
    """One sitting: a bank and profile, on a date, in a room, entered with an access code."""

    id: str
    bank_id: str
    profile: str
    date: dt.date
    room: str
    access_code: str
    status: SessionStatus = SessionStatus.PLANNED
    created_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    invigilators: tuple[str, ...] = ()  # who supervises the room, as the session report names them

    def __post_init__(self) -> None:
        _label(self.id, "session id")
        for name in self.invigilators:
            if _label(name, f"session {self.id}: invigilator") != name:
                raise SessionError(f"session {self.id}: invigilator {name!r} has extra spaces")
        _label(self.profile, f"session {self.id}: profile")
        _label(self.room, f"session {self.id}: room")
        if not is_access_code(self.access_code) or normalise_code(self.access_code) != self.access_code:
            raise SessionError(f"session {self.id}: access code {self.access_code!r} is not 4 letters from "
                               "BCDFGHJKMPQRTVWXY then 2 digits from 2346789")

    def accepts_code(self, typed: str) -> bool:
        return normalise_code(typed) == self.access_code

    def opened(self) -> ExamSession:
        if self.status is SessionStatus.CLOSED:
            raise SessionError(f"session {self.id} is closed and cannot open again")
        return replace(self, status=SessionStatus.OPEN)

    def closed(self, now: dt.datetime) -> ExamSession:
        return replace(self, status=SessionStatus.CLOSED, closed_at=now)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "bank_id": self.bank_id, "profile": self.profile, "date": self.date.isoformat(),
                "room": self.room, "access_code": self.access_code, "status": str(self.status),
                "invigilators": list(self.invigilators)}
