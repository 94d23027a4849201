import datetime as dt

from invigilator.core.alerts import Alert, AlertKind
from invigilator.core.dashboard import Freshness, room_view
from invigilator.core.kiosks import EnrolledKiosk, KioskStatus

T0 = dt.datetime(2026, 6, 15, 8, tzinfo=dt.UTC)


def at(s):
    return T0 + dt.timedelta(seconds=s)


def kiosk(n, state="question", heard=100.0):
    k = EnrolledKiosk(f"{n:032x}", f"PC {n:02d}", "s", "w", T0)
    return k if heard is None else k.heard(at(heard), KioskStatus(state))


def test_tiles_that_need_action_come_first_longest_waiting_first():
    kiosks = [kiosk(1), kiosk(2), kiosk(3, "awaiting-authorisation"), kiosk(4), kiosk(5, heard=80),
              kiosk(6, "idle", heard=10), kiosk(7, heard=None), kiosk(8).revoke(T0)]
    alerts = [Alert("late", f"{4:032x}", AlertKind.PROBLEM_REPORTED, at(90)),
              Alert("early", f"{2:032x}", AlertKind.FOCUS_LOST, at(50)),
              Alert("done", f"{1:032x}", AlertKind.FOCUS_LOST, at(10)).handled(at(20), "Mme Roux", "seen")]
    view = room_view(kiosks, alerts, at(100))
    names = [t.kiosk.name for t in view.tiles]
    # PC 05 went quiet 20 s ago in a test (red); PC 03 waits for an authorisation since it was last heard
    assert names == ["PC 02", "PC 05", "PC 04", "PC 03", "PC 01", "PC 06", "PC 07"]
    assert view.needing_action == 4
    assert [a.id for a in view.tiles[0].alerts] == ["early"]


def test_last_heard_turns_amber_past_5_seconds_and_red_past_15():
    tiles = room_view([kiosk(1, heard=100)], [], at(105)).tiles
    assert tiles[0].freshness is Freshness.FRESH
    assert room_view([kiosk(1, heard=100)], [], at(105.5)).tiles[0].freshness is Freshness.AMBER
    red = room_view([kiosk(1, heard=100)], [], at(115.5)).tiles[0]
    assert red.freshness is Freshness.RED and red.needs_action and red.silent_seconds == 15.5
    never = room_view([kiosk(1, heard=None)], [], at(115)).tiles[0]
    assert never.freshness is Freshness.NEVER and not never.needs_action and never.silent_seconds is None


def test_a_quiet_idle_kiosk_needs_nobody():
    assert room_view([kiosk(1, "idle", heard=0)], [], at(600)).needing_action == 0
