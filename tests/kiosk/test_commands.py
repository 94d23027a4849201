"""The invigilator's commands as the kiosk's session obeys them: each journalled once by its id."""

import pytest

from kiosk.core import events as ev
from kiosk.core.commands import CommandKind, Disposition, RoomCommand
from kiosk.core.session import State
from kiosk.errors import CommandFormatError
from tests.kiosk.test_session import CANDIDATE, Harness

KIOSK, CENTER = "kiosk-7", "center-1"


def order(kind, args=None, command_id=None, by="Mme Dupont", **more):
    command_id = command_id or f"cmd-{kind}-0001"
    return RoomCommand.from_document({
        "_type": "pupitre/room-command", "id": command_id, "center": CENTER, "kiosk": KIOSK, "kind": kind,
        "args": dict(args or {}), "issued_at": "2026-11-22T09:00:00+00:00", "issued_by": by, **more,
    }, kiosk_id=KIOSK, center_id=CENTER)


def waiting_for_start():
    h = Harness()
    h.session.open_check_in()
    h.session.submit_check_in(CANDIDATE, "fr")
    assert h.session.state is State.AWAITING_AUTHORISATION
    return h


def in_question():
    h = waiting_for_start()
    s = h.session
    s.obey(order("authorise-start", {"candidate_id": "c-1", "session_id": "S-1"}))
    s.environment_checked([])
    s.start_test()
    return h


def kinds(h, start=0):
    return [e.kind for e in h.journal.events[start:]]


def test_authorise_start_is_journalled_with_its_id_then_carried_out():
    h = waiting_for_start()
    mark = len(h.journal.events)
    result = h.session.obey(order("authorise-start", {"candidate_id": "c-1", "session_id": "S-1",
                                                     "extra_time_minutes": 0}))
    assert result.disposition is Disposition.APPLIED and result.command_id == "cmd-authorise-start-0001"
    assert kinds(h, mark) == [ev.ROOM_COMMAND, ev.AUTHORISED]
    record = h.journal.events[mark].payload
    assert record["id"] == "cmd-authorise-start-0001" and record["kind"] == "authorise-start"
    assert record["issued_by"] == "Mme Dupont" and record["args"]["session_id"] == "S-1"
    assert h.journal.events[mark + 1].payload["by"] == "console:Mme Dupont"
    assert h.session.state is State.ENVIRONMENT_CHECK


def test_a_command_delivered_twice_is_journalled_once_and_acknowledged_both_times():
    h = in_question()
    pause = order("pause", {"note": "fire drill"})
    first = h.session.obey(pause)
    mark = len(h.journal.events)
    again = h.session.obey(pause)
    assert first.disposition is Disposition.APPLIED and not first.duplicate
    assert again.disposition is Disposition.APPLIED and again.duplicate and again.command_id == pause.id
    assert len(h.journal.events) == mark  # nothing journalled the second time
    assert h.session.state is State.PAUSED and h.session.pause_reason == "fire drill"


def test_a_command_seen_before_a_restart_is_not_carried_out_again_after_it():
    h = in_question()
    h.session.obey(order("add-time", {"minutes": 10, "purpose": "compensation", "note": "power cut"}))
    allowed = h.session.timer.allowed
    restored = h.restore()
    assert restored.timer.allowed == allowed
    mark = len(h.journal.events)
    again = restored.obey(order("add-time", {"minutes": 10, "purpose": "compensation", "note": "power cut"}))
    assert again.duplicate and again.disposition is Disposition.APPLIED
    assert len(h.journal.events) == mark and restored.timer.allowed == allowed


def test_add_time_is_journalled_with_its_purpose_and_note():
    h = in_question()
    before = h.session.timer.allowed
    h.session.obey(order("add-time", {"minutes": 5, "purpose": "accommodation", "note": "temps majoré"}))
    added = [e for e in h.journal.events if e.kind == ev.TIME_ADDED][-1].payload
    assert added["seconds"] == 300 and added["purpose"] == "accommodation" and added["note"] == "temps majoré"
    assert h.session.timer.allowed == before + 300


def test_extra_time_granted_at_authorisation_is_added_as_an_accommodation():
    h = waiting_for_start()
    h.session.obey(order("authorise-start", {"candidate_id": "c-1", "extra_time_minutes": 30}))
    added = [e for e in h.journal.events if e.kind == ev.TIME_ADDED]
    assert len(added) == 1 and added[0].payload["purpose"] == "accommodation"
    assert h.session.timer.extra_seconds == 1800


def test_a_command_the_state_does_not_allow_is_journalled_as_refused_and_acknowledged():
    h = in_question()
    mark = len(h.journal.events)
    result = h.session.obey(order("unlock"))
    assert result.disposition is Disposition.REFUSED and "locked" in result.detail
    assert kinds(h, mark) == [ev.ROOM_COMMAND, ev.ROOM_COMMAND_REFUSED]
    assert h.session.state is State.QUESTION
    again = h.session.obey(order("unlock"))
    assert again.duplicate and again.disposition is Disposition.REFUSED
    assert len(h.journal.events) == mark + 2
    assert h.restore().room_commands["cmd-unlock-0001"] is Disposition.REFUSED


def test_pause_resume_lock_unlock_from_the_console():
    h = in_question()
    s = h.session
    s.obey(order("pause", command_id="cmd-pause-0001"))
    assert s.state is State.PAUSED
    s.obey(order("resume", command_id="cmd-resume-0001"))
    assert s.state is State.QUESTION
    s.obey(order("lock", {"note": "phone seen"}, command_id="cmd-lock-0001"))
    assert s.state is State.LOCKED and s.lock_reason == "phone seen"
    s.obey(order("unlock", command_id="cmd-unlock-0001"))
    assert s.state is State.QUESTION


def test_end_with_a_reason_finishes_the_test_and_fraud_is_recorded():
    h = in_question()
    h.session.obey(order("end", {"reason": "fraud", "note": "phone"}))
    assert h.session.state is State.FINISHED and h.session.end_reason == "candidate"
    ends = [e.payload for e in h.journal.events if e.kind == ev.ROOM_COMMAND and e.payload["kind"] == "end"]
    assert ends == [{"id": "cmd-end-0001", "kind": "end", "args": {"reason": "fraud", "note": "phone"},
                     "issued_by": "Mme Dupont", "issued_at": "2026-11-22T09:00:00+00:00",
                     "elapsed": ends[0]["elapsed"]}]


def test_validate_and_dismiss_a_problem_report():
    h = in_question()
    s = h.session
    number, item_id = s.question.number, s.question.item.id
    s.report_problem("image missing")
    s.obey(order("dismiss-problem", {"alert_id": "a1", "number": number, "item_id": item_id},
                 command_id="cmd-dismiss-0001"))
    assert s.state is State.QUESTION and s.question.item.id == item_id
    s.report_problem("still missing")
    s.obey(order("validate-problem", {"alert_id": "a2", "number": number, "item_id": item_id},
                 command_id="cmd-validate-0001"))
    assert s.state is State.QUESTION and s.question.number == number and s.question.item.id != item_id


def test_a_verdict_on_another_question_is_refused():
    h = in_question()
    s = h.session
    s.report_problem()
    result = s.obey(order("validate-problem", {"alert_id": "a1", "number": s.question.number,
                                               "item_id": "not-this-one"}))
    assert result.disposition is Disposition.REFUSED and "not-this-one" in result.detail
    assert s.state is State.PROBLEM_REPORTED


def test_authorise_start_for_another_attempt_or_a_resume_is_refused():
    h = waiting_for_start()
    result = h.session.obey(order("authorise-start", {"candidate_id": "c-1", "attempt_id": "att-other"}))
    assert result.disposition is Disposition.REFUSED and "att-other" in result.detail
    result = h.session.obey(order("authorise-resume", command_id="cmd-resume-auth-1"))
    assert result.disposition is Disposition.REFUSED and h.session.state is State.AWAITING_AUTHORISATION


def test_authorise_resume_after_a_restart():
    h = in_question()
    restored = h.restore()
    restored.request_resume()
    start = restored.obey(order("authorise-start", {"candidate_id": "c-1"}, command_id="cmd-start-again"))
    assert start.disposition is Disposition.REFUSED
    result = restored.obey(order("authorise-resume"))
    assert result.disposition is Disposition.APPLIED and restored.state is State.ENVIRONMENT_CHECK


def test_the_wrapped_bank_key_is_never_journalled():
    h = waiting_for_start()
    bank = {"bank_id": "synth", "sha256": "ab" * 32, "size": 1234, "path": "/v1/banks/synth"}
    command = order("authorise-start", {"candidate_id": "c-1"}, wrapped_key={"ct": "c2VjcmV0"}, bank=bank)
    assert command.wrapped_key == {"ct": "c2VjcmV0"} and "c2VjcmV0" not in repr(command)
    h.session.obey(command)
    assert "c2VjcmV0" not in repr([e.payload for e in h.journal.events])
    record = next(e.payload for e in h.journal.events if e.kind == ev.ROOM_COMMAND)
    assert record["bank"] == bank  # what was authorised, for the record


def test_a_command_before_the_attempt_exists_is_refused_without_a_record():
    h = Harness()
    result = h.session.obey(order("pause"))
    assert result.disposition is Disposition.REFUSED and h.journal.events == []


BASE = {"_type": "pupitre/room-command", "id": "cmd-pause-0001", "center": CENTER, "kiosk": KIOSK,
        "kind": "pause", "args": {}, "issued_at": "2026-11-22T09:00:00+00:00", "issued_by": "Mme Dupont"}


@pytest.mark.parametrize("change, says", [
    ({"_type": "pupitre/room-request"}, "_type"),
    ({"kiosk": "kiosk-8"}, "kiosk-8"),
    ({"center": "center-2"}, "center-2"),
    ({"id": "x"}, "id"),
    ({"id": 12345678}, "id"),
], ids=["type", "other-kiosk", "other-center", "short-id", "int-id"])
def test_a_command_not_for_this_kiosk_or_without_an_id_is_not_read_at_all(change, says):
    with pytest.raises(CommandFormatError, match=says):
        RoomCommand.from_document({**BASE, **change}, kiosk_id=KIOSK, center_id=CENTER)


DEFECTS = [
    ({"kind": "format-disk"}, "format-disk"),
    ({"args": []}, "args"),
    ({"bank": "x"}, "bank"),
    ({"issued_by": ""}, "issued_by"),
    ({"issued_by": "x" * 500}, "issued_by"),
    ({"kind": "add-time", "args": {"minutes": 0, "purpose": "compensation"}}, "minutes"),
    ({"kind": "add-time", "args": {"minutes": True, "purpose": "compensation"}}, "minutes"),
    ({"kind": "add-time", "args": {"minutes": 500, "purpose": "compensation"}}, "minutes"),
    ({"kind": "add-time", "args": {"minutes": 5, "purpose": "bribe"}}, "purpose"),
    ({"kind": "end", "args": {"reason": "bored"}}, "reason"),
    ({"kind": "pause", "args": {"note": "x" * 501}}, "note"),
    ({"kind": "authorise-start", "args": {"extra_time_minutes": -1}}, "extra_time_minutes"),
    ({"kind": "validate-problem", "args": {"number": "one", "item_id": "i"}}, "number"),
]


@pytest.mark.parametrize("change, says", DEFECTS)
def test_a_malformed_command_of_this_center_is_read_as_defective_by_name(change, says):
    command = RoomCommand.from_document({**BASE, **change}, kiosk_id=KIOSK, center_id=CENTER)
    assert command.defect and says in command.defect and command.id == BASE["id"]


@pytest.mark.parametrize("change, says", DEFECTS[:6])
def test_a_defective_command_is_journalled_as_refused_once_and_acknowledged(change, says):
    h = in_question()
    command = RoomCommand.from_document({**BASE, **change}, kiosk_id=KIOSK, center_id=CENTER)
    mark = len(h.journal.events)
    result = h.session.obey(command)
    assert result.disposition is Disposition.REFUSED and says in result.detail
    assert kinds(h, mark) == [ev.ROOM_COMMAND, ev.ROOM_COMMAND_REFUSED]
    record = h.journal.events[mark].payload
    assert record["args"] == {} and len(repr(record)) < 2000  # what was malformed is not copied in
    assert h.session.state is State.QUESTION
    assert h.session.obey(command).duplicate and len(h.journal.events) == mark + 2


def test_a_null_extra_time_is_no_extra_time():
    command = RoomCommand.from_document({**BASE, "kind": "authorise-start",
                                         "args": {"candidate_id": "c", "extra_time_minutes": None}},
                                        kiosk_id=KIOSK, center_id=CENTER)
    assert not command.defect and command.args["extra_time_minutes"] == 0


def test_every_kind_is_known():
    assert {k.value for k in CommandKind} == {
        "authorise-start", "authorise-resume", "authorise-move", "pause", "resume", "add-time", "end", "lock", "unlock",
        "validate-problem", "dismiss-problem"}
