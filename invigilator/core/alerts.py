"""Alerts: what needs the invigilator, and how each is handled.

An alert is raised by what a kiosk's journal says (focus lost on a focus question, a problem
report, a guard event), by the console (a kiosk gone silent, a journal chain that does not
continue). It stays open until the invigilator handles it; only the offline alert closes by
itself, when the kiosk is heard again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from invigilator.core.kiosks import EnrolledKiosk
from invigilator.errors import CommandRefusedError
from protocol.journal_chain import ChainEntry

OFFLINE_AFTER = dt.timedelta(seconds=15)
IDLE_STATES = frozenset({"idle", "submitted", "finished"})  # a kiosk in these is not expected to sync
MAX_RESOLUTION = 500
MAX_PERSON = 120  # an invigilator's name as the dashboard shows it
GUARD_ALERT_SEVERITIES = frozenset({"warning", "violation"})  # kiosk.guard.report's levels


class AlertKind(StrEnum):
    FOCUS_LOST = "focus-lost"
    PROBLEM_REPORTED = "problem-reported"
    OFFLINE = "offline"
    GUARD = "guard-event"
    CHAIN_BREAK = "chain-break"


@dataclass(frozen=True)
class Alert:
    id: str
    kiosk_id: str
    kind: AlertKind
    raised_at: dt.datetime
    attempt_id: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    handled_at: dt.datetime | None = None
    handled_by: str = ""
    resolution: str = ""

    @property
    def is_open(self) -> bool:
        return self.handled_at is None

    def handled(self, now: dt.datetime, by: str, resolution: str) -> Alert:
        """The alert handled by ``by`` (an invigilator, or ``console`` for automatic closing)."""
        if not self.is_open:
            raise CommandRefusedError(f"alert {self.id} was already handled at {self.handled_at:%H:%M:%S} "
                                      f"by {self.handled_by}")
        resolution = " ".join(str(resolution or "").split())
        if not resolution or len(resolution) > MAX_RESOLUTION:
            raise CommandRefusedError(f"alert {self.id}: say how it was handled (1 to {MAX_RESOLUTION} characters)")
        if not str(by or "").strip() or len(str(by).strip()) > MAX_PERSON:
            raise CommandRefusedError(f"alert {self.id}: say who handled it (1 to {MAX_PERSON} characters)")
        return replace(self, handled_at=now, handled_by=str(by).strip(), resolution=resolution)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kiosk_id": self.kiosk_id, "kind": str(self.kind),
                "raised_at": self.raised_at.isoformat(), "attempt_id": self.attempt_id, "detail": self.detail,
                "handled_at": self.handled_at.isoformat() if self.handled_at else None,
                "handled_by": self.handled_by, "resolution": self.resolution}


def alerts_from_entries(entries: Iterable[ChainEntry]) -> list[tuple[AlertKind, dict[str, Any]]]:
    """The alerts that newly merged journal entries raise, with what the invigilator needs to see.

    A focus loss raises one only when it counted (the question on screen was a focus question);
    a loss outside a focus question is in the timeline but needs nobody.
    """
    raised: list[tuple[AlertKind, dict[str, Any]]] = []
    for entry in entries:
        p = entry.payload
        if entry.kind == "focus-lost" and p.get("counted") is True:
            raised.append((AlertKind.FOCUS_LOST, {"seq": entry.seq, "number": p.get("number"),
                                                  "item_id": p.get("item_id"), "detail": p.get("detail", "")}))
        elif entry.kind == "problem-reported":
            raised.append((AlertKind.PROBLEM_REPORTED, {"seq": entry.seq, "number": p.get("number"),
                                                        "item_id": p.get("item_id"),
                                                        "comment": str(p.get("comment", ""))[:500]}))
        elif entry.kind == "guard" and p.get("severity") in GUARD_ALERT_SEVERITIES:
            # info events and guard *actions* (an attachment exported for a free question) are record only
            raised.append((AlertKind.GUARD, {"seq": entry.seq, **{k: v for k, v in p.items() if k != "seq"}}))
    return raised


def needs_offline_alert(kiosk: EnrolledKiosk, open_alerts: Sequence[Alert], now: dt.datetime,
                        after: dt.timedelta = OFFLINE_AFTER) -> bool:
    """True when a kiosk in a test has been silent past ``after`` and no offline alert is open for it."""
    if kiosk.revoked or kiosk.status is None or kiosk.status.state in IDLE_STATES:
        return False
    silent = kiosk.silent_for(now)
    if silent is None or silent <= after:
        return False
    return not any(a.kiosk_id == kiosk.id and a.kind is AlertKind.OFFLINE and a.is_open for a in open_alerts)


def close_offline(open_alerts: Sequence[Alert], kiosk_id: str, now: dt.datetime) -> list[Alert]:
    """The kiosk's open offline alerts, closed because it was heard again."""
    return [a.handled(now, "console", "the kiosk was heard again")
            for a in open_alerts if a.kiosk_id == kiosk_id and a.kind is AlertKind.OFFLINE and a.is_open]
