import datetime as dt

import pytest

from invigilator.core.alerts import Alert, AlertKind, alerts_from_entries, close_offline, needs_offline_alert
from invigilator.core.kiosks import EnrolledKiosk, KioskStatus
from invigilator.errors import CommandRefusedError

T0 = dt.datetime(2026, 6, 15, 8, tzinfo=dt.UTC)
K1 = "1" * 32


def seconds(s):
    return T0 + dt.timedelta(seconds=s)


def test_journal_entries_raise_the_alerts_that_need_someone(make_chain):
    entries = make_chain("a1", [
        ("focus-lost", {"number": 3, "item_id": "1.1-03", "counted": True, "detail": "xterm"}),
        ("focus-lost", {"number": None, "item_id": None, "counted": False, "detail": ""}),  # free question: record
        ("problem-reported", {"number": 4, "item_id": "2.1-01", "comment": "image missing"}),
        ("guard", {"type": "process-denied", "severity": "violation", "name": "discord"}),
        ("guard", {"type": "monitor-info", "severity": "info"}),
        ("guard", {"action": "attachment-exported", "file": "a.odt"}),
        ("answered", {"number": 3}),
    ])
    raised = alerts_from_entries(entries)
    assert [k for k, _ in raised] == [AlertKind.FOCUS_LOST, AlertKind.PROBLEM_REPORTED, AlertKind.GUARD]
    assert raised[0][1]["number"] == 3 and raised[1][1]["comment"] == "image missing"
    assert raised[2][1]["name"] == "discord" and raised[2][1]["seq"] == 4


def test_handling_an_alert_says_who_and_how_once():
    alert = Alert("al-1", K1, AlertKind.FOCUS_LOST, T0)
    done = alert.handled(seconds(30), "Mme Roux", "unintentional: screen reader announcement")
    assert not done.is_open and done.handled_by == "Mme Roux" and done.handled_at == seconds(30)
    with pytest.raises(CommandRefusedError, match="already handled"):
        done.handled(seconds(40), "M. Petit", "again")
    with pytest.raises(CommandRefusedError, match="how it was handled"):
        alert.handled(seconds(30), "Mme Roux", "  ")
    with pytest.raises(CommandRefusedError, match="who"):
        alert.handled(seconds(30), "", "seen")


def kiosk(state="question", heard=0):
    return EnrolledKiosk(K1, "PC 01", "s", "w", T0).heard(seconds(heard), KioskStatus(state))


def test_a_silent_kiosk_in_a_test_raises_one_offline_alert():
    assert not needs_offline_alert(kiosk(), [], seconds(15))
    assert needs_offline_alert(kiosk(), [], seconds(15.5))
    open_one = Alert("al-1", K1, AlertKind.OFFLINE, seconds(16))
    assert not needs_offline_alert(kiosk(), [open_one], seconds(30))


@pytest.mark.parametrize("state", ["idle", "submitted", "finished"])
def test_an_idle_kiosk_is_not_missed(state):
    assert not needs_offline_alert(kiosk(state), [], seconds(600))


def test_a_revoked_or_never_heard_kiosk_is_not_missed():
    assert not needs_offline_alert(kiosk().revoke(T0), [], seconds(600))
    assert not needs_offline_alert(EnrolledKiosk(K1, "PC 01", "s", "w", T0), [], seconds(600))


def test_the_offline_alert_closes_when_the_kiosk_is_heard_and_only_it():
    alerts = [Alert("al-1", K1, AlertKind.OFFLINE, T0), Alert("al-2", K1, AlertKind.FOCUS_LOST, T0),
              Alert("al-3", "2" * 32, AlertKind.OFFLINE, T0)]
    closed = close_offline(alerts, K1, seconds(20))
    assert [a.id for a in closed] == ["al-1"] and closed[0].handled_by == "console"
