"""The room at a glance: one tile per kiosk, the ones that need the invigilator first.

Invigilators with twenty candidates say they cannot see who needs them (DOMAIN.md): the order
of the tiles is a decision of the room model, not of the window that draws them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from invigilator.core.alerts import IDLE_STATES, Alert
from invigilator.core.clock import needs_warning
from invigilator.core.console_alerts import ConsoleAlert
from invigilator.core.kiosks import EnrolledKiosk

AMBER_AFTER = dt.timedelta(seconds=5)
RED_AFTER = dt.timedelta(seconds=15)
WAITING_STATES = frozenset({"awaiting-authorisation", "locked"})  # the kiosk waits for the invigilator


class Freshness(StrEnum):
    FRESH = "fresh"
    AMBER = "amber"
    RED = "red"
    NEVER = "never"


@dataclass(frozen=True)
class CheckInNews:
    """Where the console stands on a kiosk's check-in: ``state`` as the check-in store says it
    (``proposed``, ``confirmed``, ``authorised``…) and the roster line chosen, if any."""

    attempt_id: str
    state: str
    candidate_id: str | None = None


@dataclass(frozen=True)
class Tile:
    kiosk: EnrolledKiosk
    alerts: tuple[Alert, ...]
    freshness: Freshness
    silent_seconds: float | None
    checkin: CheckInNews | None = None  # the console's decision on the attempt this kiosk waits with

    @property
    def in_test(self) -> bool:
        return self.kiosk.status is not None and self.kiosk.status.state not in IDLE_STATES

    @property
    def authorised(self) -> bool:
        """Authorised at the console, the kiosk not told yet: it starts at its next sync."""
        return (self.kiosk.status is not None and self.kiosk.status.state == "awaiting-authorisation"
                and self.checkin is not None and self.checkin.state == "authorised")

    @property
    def waiting(self) -> bool:
        return (self.kiosk.status is not None and self.kiosk.status.state in WAITING_STATES
                and not self.authorised)

    @property
    def clock_off(self) -> bool:
        """The kiosk's clock is more than 2 s off the console's: its own times are shown corrected, but say so."""
        return needs_warning(self.kiosk.clock_offset)

    @property
    def needs_action(self) -> bool:
        """Open alerts, a kiosk waiting for an authorisation or an unlock, or one in a test gone quiet."""
        return bool(self.alerts) or self.waiting or (self.in_test and self.freshness is Freshness.RED)


@dataclass(frozen=True)
class RoomView:
    tiles: tuple[Tile, ...]
    console_alert: ConsoleAlert | None = None  # the console's own trouble (its database cannot be written)

    @property
    def needing_action(self) -> int:
        return sum(1 for t in self.tiles if t.needs_action)

    def with_console_alert(self, alert: ConsoleAlert | None) -> RoomView:
        """The view with the console's own alert on top, if it is still open (a cleared one is history)."""
        return RoomView(self.tiles, alert if alert is not None and alert.is_open else None)


def freshness(kiosk: EnrolledKiosk, now: dt.datetime) -> Freshness:
    silent = kiosk.silent_for(now)
    if silent is None:
        return Freshness.NEVER
    if silent > RED_AFTER:
        return Freshness.RED
    return Freshness.AMBER if silent > AMBER_AFTER else Freshness.FRESH


def room_view(kiosks: Iterable[EnrolledKiosk], open_alerts: Iterable[Alert], now: dt.datetime,
              checkins: Iterable[CheckInNews] = ()) -> RoomView:
    """Tiles of the unrevoked kiosks: those needing action first, longest-waiting first, then by name.
    ``checkins`` are the console's decisions, matched to a kiosk by the attempt it says it waits with."""
    decided = {c.attempt_id: c for c in checkins}
    by_kiosk: dict[str, list[Alert]] = {}
    for alert in open_alerts:
        if alert.is_open:
            by_kiosk.setdefault(alert.kiosk_id, []).append(alert)
    tiles = []
    for kiosk in kiosks:
        if kiosk.revoked:
            continue
        alerts = tuple(sorted(by_kiosk.get(kiosk.id, ()), key=lambda a: (a.raised_at, a.id)))
        silent = kiosk.silent_for(now)
        attempt = kiosk.status.attempt_id if kiosk.status is not None else None
        tiles.append(Tile(kiosk, alerts, freshness(kiosk, now), None if silent is None else silent.total_seconds(),
                          decided.get(attempt) if attempt else None))

    def order(tile: Tile) -> tuple[int, dt.datetime, str, str]:
        since = tile.alerts[0].raised_at if tile.alerts else (tile.kiosk.last_heard_at or now)
        return (0 if tile.needs_action else 1, since if tile.needs_action else now, tile.kiosk.name.casefold(),
                tile.kiosk.id)

    return RoomView(tuple(sorted(tiles, key=order)))
