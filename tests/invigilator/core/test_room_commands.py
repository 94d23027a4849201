import dataclasses
import datetime as dt

import pytest

from invigilator.core.alerts import Alert, AlertKind
from invigilator.core.center import ExamSession, SessionStatus
from invigilator.core.commands import COMMAND_TYPE, CommandKind, in_a_test, issue
from invigilator.core.kiosks import EnrolledKiosk, KioskStatus
from invigilator.core.roster import Candidate
from invigilator.errors import CommandRefusedError, KioskRevokedError, OpenAlertError
from protocol.canonical import canonical_bytes

T0 = dt.datetime(2026, 6, 15, 8, tzinfo=dt.UTC)
K1, K2 = "1" * 32, "2" * 32
KIOSK = EnrolledKiosk(K1, "PC 01", "s", "w", T0)


def give(kind, args=None, alerts=(), acknowledged=frozenset(), kiosk=KIOSK, cid="cmd-0001", by="Mme Roux"):
    return issue(kind, kiosk, args or {}, command_id=cid, now=T0, by=by, open_alerts=list(alerts),
                 acknowledged=frozenset(acknowledged))


FOCUS = Alert("al-focus", K1, AlertKind.FOCUS_LOST, T0, "a1", {"number": 3})
PROBLEM = Alert("al-prob", K1, AlertKind.PROBLEM_REPORTED, T0, "a1", {"number": 4, "item_id": "2.1-01"})
OTHER_KIOSK = Alert("al-other", K2, AlertKind.FOCUS_LOST, T0)


@pytest.mark.parametrize("kind", [CommandKind.AUTHORISE_RESUME, CommandKind.RESUME])
def test_a_resume_over_an_open_alert_is_refused(kind):
    with pytest.raises(OpenAlertError) as refused:
        give(kind, alerts=[FOCUS, OTHER_KIOSK])
    assert refused.value.alert_ids == ["al-focus"] and "acknowledged" in str(refused.value)


def test_a_resume_goes_through_when_those_very_alerts_are_acknowledged():
    issued = give(CommandKind.AUTHORISE_RESUME, alerts=[FOCUS, PROBLEM], acknowledged={"al-focus", "al-prob"})
    assert issued.command.kind is CommandKind.AUTHORISE_RESUME
    assert {a.id for a in issued.handled_alerts} == {"al-focus", "al-prob"}
    assert all(not a.is_open and a.handled_by == "Mme Roux" for a in issued.handled_alerts)


def test_acknowledging_an_older_set_does_not_cover_a_new_alert():
    with pytest.raises(OpenAlertError) as refused:
        give(CommandKind.AUTHORISE_RESUME, alerts=[FOCUS, PROBLEM], acknowledged={"al-focus"})
    assert refused.value.alert_ids == ["al-prob"]


def test_other_commands_do_not_need_alerts_acknowledged():
    issued = give(CommandKind.PAUSE, {"note": "fire drill"}, alerts=[FOCUS])
    assert issued.command.args == {"note": "fire drill"} and issued.handled_alerts == ()


@pytest.mark.parametrize("kind, args, message", [
    (CommandKind.ADD_TIME, {"minutes": 0, "purpose": "compensation"}, "whole minutes"),
    (CommandKind.ADD_TIME, {"minutes": 121, "purpose": "compensation"}, "whole minutes"),
    (CommandKind.ADD_TIME, {"minutes": 5.5, "purpose": "compensation"}, "whole minutes"),
    (CommandKind.ADD_TIME, {"minutes": 5, "purpose": "because"}, "purpose"),
    (CommandKind.END, {}, "reason"),
    (CommandKind.END, {"reason": "bored"}, "reason"),
    (CommandKind.END, {"reason": "technical", "note": "x" * 501}, "longer"),
    (CommandKind.AUTHORISE_START, {}, "candidate"),
    (CommandKind.AUTHORISE_START, {"candidate_id": "nobody"}, "on no roster"),
    (CommandKind.VALIDATE_PROBLEM, {"alert_id": "al-focus"}, "no open problem report"),
    (CommandKind.DISMISS_PROBLEM, {"alert_id": "nope"}, "no open problem report"),
])
def test_bad_arguments_are_refused(kind, args, message):
    with pytest.raises(CommandRefusedError, match=message):
        give(kind, args, alerts=[FOCUS])


def test_add_time_and_end_keep_their_arguments():
    assert give(CommandKind.ADD_TIME, {"minutes": 7, "purpose": "compensation", "note": "crash"}).command.args == \
        {"minutes": 7, "purpose": "compensation", "note": "crash"}
    assert give(CommandKind.END, {"reason": "fraud", "note": "phone"}).command.args == \
        {"reason": "fraud", "note": "phone"}


@pytest.mark.parametrize("kind, verdict", [(CommandKind.VALIDATE_PROBLEM, "validated"),
                                           (CommandKind.DISMISS_PROBLEM, "dismissed")])
def test_a_problem_report_is_decided_once(kind, verdict):
    issued = give(kind, {"alert_id": "al-prob"}, alerts=[PROBLEM, FOCUS])
    assert issued.command.args == {"alert_id": "al-prob", "number": 4, "item_id": "2.1-01"}
    assert [a.id for a in issued.handled_alerts] == ["al-prob"] and verdict in issued.handled_alerts[0].resolution
    with pytest.raises(CommandRefusedError):
        give(kind, {"alert_id": "al-prob"}, alerts=list(issued.handled_alerts))


def test_a_revoked_kiosk_takes_no_command():
    with pytest.raises(KioskRevokedError):
        give(CommandKind.PAUSE, kiosk=KIOSK.revoke(T0))


@pytest.mark.parametrize("cid", ["", "short", "has space-123", "x" * 65, "../../etc"])
def test_command_ids_are_checked(cid):
    with pytest.raises(CommandRefusedError, match="command id"):
        give(CommandKind.PAUSE, cid=cid)


def test_a_command_names_who_gave_it():
    with pytest.raises(CommandRefusedError, match="invigilator"):
        give(CommandKind.PAUSE, by="  ")


def test_acknowledgement_is_by_the_kiosk_it_was_sent_to_and_idempotent():
    command = give(CommandKind.LOCK).command
    assert command.pending
    done = command.acknowledged(K1, T0 + dt.timedelta(seconds=2))
    assert not done.pending
    assert done.acknowledged(K1, T0 + dt.timedelta(seconds=9)).acknowledged_at == done.acknowledged_at
    with pytest.raises(CommandRefusedError, match="not to kiosk"):
        command.acknowledged(K2, T0)


def test_the_signed_document_is_canonical_and_names_everything():
    command = give(CommandKind.ADD_TIME, {"minutes": 10, "purpose": "accommodation"}).command
    doc = command.signed_document("C-75")
    assert doc["_type"] == COMMAND_TYPE and doc["id"] == "cmd-0001" and doc["kiosk"] == K1 and doc["center"] == "C-75"
    assert canonical_bytes(doc)  # encodable as it is signed


def test_room_wide_commands_address_kiosks_in_a_test():
    running = KIOSK.heard(T0, KioskStatus("question"))
    idle = EnrolledKiosk(K2, "PC 02", "s", "w", T0).heard(T0, KioskStatus("idle"))
    revoked = EnrolledKiosk("3" * 32, "PC 03", "s", "w", T0).heard(T0, KioskStatus("question")).revoke(T0)
    never = EnrolledKiosk("4" * 32, "PC 04", "s", "w", T0)
    assert in_a_test([running, idle, revoked, never]) == [running]


ROSTER_LINE = Candidate.create("c1", "S-1", "Lefèvre", "Éloïse", dt.date(2009, 3, 14), extra_time_minutes=35,
                               accommodations=["screen reader"])
OPEN = ExamSession("S-1", "demo", "default", dt.date(2026, 6, 15), "B12", "PVXB89").opened()


def test_authorise_start_carries_the_rosters_terms():
    issued = issue(CommandKind.AUTHORISE_START, KIOSK, {"candidate_id": "c1", "attempt_id": "att-1"},
                   command_id="cmd-0001", now=T0, by="Mme Roux", candidate=ROSTER_LINE, session=OPEN)
    assert issued.command.args == {"candidate_id": "c1", "attempt_id": "att-1", "session_id": "S-1",
                                   "bank_id": "demo", "profile": "default", "extra_time_minutes": 35,
                                   "accommodations": ["screen reader"]}


@pytest.mark.parametrize("candidate, session, message", [
    (None, OPEN, "on no roster"),
    (ROSTER_LINE.edited(id="c2"), OPEN, "on no roster"),          # the roster line of someone else
    (ROSTER_LINE, None, "not found"),
    (ROSTER_LINE, dataclasses.replace(OPEN, id="S-2"), "not found"),
    (ROSTER_LINE, dataclasses.replace(OPEN, status=SessionStatus.PLANNED), "not open"),
    (ROSTER_LINE, OPEN.closed(T0), "not open"),
])
def test_authorise_start_needs_an_open_sessions_roster_line(candidate, session, message):
    with pytest.raises(CommandRefusedError, match=message):
        issue(CommandKind.AUTHORISE_START, KIOSK, {"candidate_id": "c1"}, command_id="cmd-0001", now=T0,
              by="Mme Roux", candidate=candidate, session=session)
