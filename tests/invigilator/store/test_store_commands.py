import datetime as dt

import pytest

from invigilator.core.alerts import AlertKind
from invigilator.core.commands import CommandKind
from invigilator.core.kiosks import KioskStatus
from invigilator.errors import CommandRefusedError, KioskRevokedError, OpenAlertError, UnknownAlertError


def later(t0, s):
    return t0 + dt.timedelta(seconds=s)


def focus_lost(make_chain):
    return make_chain("att-1", [("question-shown", {"number": 1}),
                                ("focus-lost", {"number": 1, "item_id": "1.1-01", "counted": True, "detail": ""})])


def test_a_resume_over_an_open_alert_is_refused_until_that_alert_is_acknowledged(store, enrol, make_chain, t0):
    k = enrol(1)
    [alert] = store.replicas.append(k, "att-1", focus_lost(make_chain), t0).alerts
    with pytest.raises(OpenAlertError) as refused:
        store.commands.issue(CommandKind.AUTHORISE_RESUME, k, {}, later(t0, 5), "Mme Roux")
    assert refused.value.alert_ids == [alert.id] and store.commands.pending(k) == []
    issued = store.commands.issue(CommandKind.AUTHORISE_RESUME, k, {}, later(t0, 6), "Mme Roux",
                                  acknowledged=[alert.id])
    assert [c.id for c in store.commands.pending(k)] == [issued.command.id]
    [handled] = store.alerts.alerts(kiosk_id=k)
    assert not handled.is_open and handled.handled_by == "Mme Roux" and "acknowledged" in handled.resolution


def test_an_alert_raised_after_the_dialog_was_drawn_still_blocks_the_resume(store, enrol, make_chain, t0):
    k = enrol(1)
    [first] = store.replicas.append(k, "att-1", focus_lost(make_chain), t0).alerts
    more = make_chain("att-1", [("problem-reported", {"number": 1, "item_id": "1.1-01", "comment": ""})], start=3,
                      prev=focus_lost(make_chain)[-1].hash)
    [second] = store.replicas.append(k, "att-1", more, later(t0, 1)).alerts
    with pytest.raises(OpenAlertError) as refused:
        store.commands.issue(CommandKind.RESUME, k, {}, later(t0, 2), "Mme Roux", acknowledged=[first.id])
    assert refused.value.alert_ids == [second.id]
    assert len(store.alerts.alerts(open_only=True, kiosk_id=k)) == 2  # nothing handled by the refused resume


def test_commands_are_pending_until_their_kiosk_acknowledges_them(store, enrol, t0):
    a, b = enrol(1), enrol(2)
    pause = store.commands.issue(CommandKind.PAUSE, a, {"note": "fire drill"}, t0, "Mme Roux").command
    more = store.commands.issue(CommandKind.ADD_TIME, a, {"minutes": 5, "purpose": "compensation"},
                                later(t0, 1), "Mme Roux").command
    assert [c.id for c in store.commands.pending(a)] == [pause.id, more.id] and store.commands.pending(b) == []
    with pytest.raises(CommandRefusedError, match="not to kiosk"):
        store.commands.acknowledge(b, [pause.id], later(t0, 2))
    with pytest.raises(CommandRefusedError, match="no command"):
        store.commands.acknowledge(a, ["nonexistent-id"], later(t0, 2))
    store.commands.acknowledge(a, [pause.id], later(t0, 3))
    store.commands.acknowledge(a, [pause.id], later(t0, 9))  # delivered twice, acknowledged twice
    assert [c.id for c in store.commands.pending(a)] == [more.id]
    assert store.commands.commands(a)[0].acknowledged_at == later(t0, 3)


def test_a_refused_command_is_not_stored(store, enrol, t0):
    k = enrol(1)
    with pytest.raises(CommandRefusedError):
        store.commands.issue(CommandKind.END, k, {"reason": "whim"}, t0, "Mme Roux")
    store.kiosks.revoke(k, t0)
    with pytest.raises(KioskRevokedError):
        store.commands.issue(CommandKind.LOCK, k, {}, t0, "Mme Roux")
    with pytest.raises(CommandRefusedError, match="not enrolled"):
        store.commands.issue(CommandKind.LOCK, "f" * 32, {}, t0, "Mme Roux")
    assert store.commands.commands() == []


def test_a_problem_report_is_validated_once(store, enrol, make_chain, t0):
    k = enrol(1)
    entries = make_chain("att-1", [("problem-reported", {"number": 4, "item_id": "2.1-01", "comment": "no image"})])
    [report] = store.replicas.append(k, "att-1", entries, t0).alerts
    issued = store.commands.issue(CommandKind.VALIDATE_PROBLEM, k, {"alert_id": report.id}, t0, "M. Petit")
    assert issued.command.args["item_id"] == "2.1-01"
    assert store.alerts.alerts(open_only=True) == []
    with pytest.raises(CommandRefusedError, match="no open problem report"):
        store.commands.issue(CommandKind.DISMISS_PROBLEM, k, {"alert_id": report.id}, t0, "Mme Roux")


def test_pause_all_addresses_the_kiosks_in_a_test_in_one_go(store, enrol, make_chain, t0):
    a, b, c = enrol(1), enrol(2), enrol(3)
    store.kiosks.heard(a, t0, KioskStatus("question"))
    store.kiosks.heard(b, t0, KioskStatus("idle"))
    store.kiosks.heard(c, t0, KioskStatus("paused"))
    issued = store.commands.issue_to_all(CommandKind.PAUSE, {}, t0, "Mme Roux")
    assert sorted(i.command.kiosk_id for i in issued) == sorted([a, c])
    store.replicas.append(c, "att-1", focus_lost(make_chain), t0)
    with pytest.raises(OpenAlertError):  # resume-all over an open alert: nobody resumes
        store.commands.issue_to_all(CommandKind.RESUME, {}, later(t0, 1), "Mme Roux")
    assert all(cmd.kind is CommandKind.PAUSE for cmd in store.commands.commands())
    with pytest.raises(CommandRefusedError, match="one kiosk at a time"):
        store.commands.issue_to_all(CommandKind.END, {"reason": "technical"}, t0, "Mme Roux")


def test_alerts_are_handled_once(store, enrol, t0):
    k = enrol(1)
    alert = store.alerts.raise_alert(k, AlertKind.GUARD, t0, "att-1", {"type": "vm"})
    store.alerts.handle(alert.id, later(t0, 1), "Mme Roux", "real laptop, not a virtual machine")
    with pytest.raises(CommandRefusedError, match="already handled"):
        store.alerts.handle(alert.id, later(t0, 2), "M. Petit", "seen")
    with pytest.raises(UnknownAlertError):
        store.alerts.handle("nope", t0, "Mme Roux", "seen")


def test_a_silent_kiosk_raises_one_offline_alert_which_closes_when_it_is_heard(store, enrol, t0):
    a, b = enrol(1), enrol(2)
    store.kiosks.heard(a, t0, KioskStatus("question"))
    store.kiosks.heard(b, t0, KioskStatus("idle"))
    assert store.kiosks.sweep_offline(later(t0, 10)) == []
    [alert] = store.kiosks.sweep_offline(later(t0, 20))
    assert alert.kiosk_id == a and alert.kind is AlertKind.OFFLINE and alert.detail["silent_seconds"] == 20
    assert store.kiosks.sweep_offline(later(t0, 30)) == []
    store.kiosks.heard(a, later(t0, 31))
    assert store.alerts.alerts(open_only=True) == []
    assert store.alerts.alerts()[0].handled_by == "console"


def test_two_sweeps_at_once_raise_one_offline_alert(db_url, store, enrol, t0):
    import threading

    from invigilator.store import RoomStore

    k = enrol(1)
    store.kiosks.heard(k, t0, KioskStatus("question"))
    sweepers = [RoomStore.open(db_url) for _ in range(3)]
    barrier, raised = threading.Barrier(3), []

    def sweep(s):
        barrier.wait()
        raised.extend(s.kiosks.sweep_offline(later(t0, 60)))

    threads = [threading.Thread(target=sweep, args=(s,)) for s in sweepers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for s in sweepers:
        s.close()
    assert len(raised) == 1 and len(store.alerts.alerts(open_only=True)) == 1


def test_the_room_view_puts_the_kiosk_with_an_alert_first(store, enrol, make_chain, t0):
    a, b = enrol(1, "A"), enrol(2, "B")
    store.kiosks.heard(a, t0, KioskStatus("question"))
    store.kiosks.heard(b, t0, KioskStatus("question"))
    store.replicas.append(b, "att-1", focus_lost(make_chain), t0)
    view = store.kiosks.room_view(later(t0, 2))
    assert [t.kiosk.id for t in view.tiles] == [b, a] and view.needing_action == 1
    assert view.tiles[0].alerts[0].kind is AlertKind.FOCUS_LOST
