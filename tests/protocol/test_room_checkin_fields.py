"""The check-in a sync carries, and the console's answer: strict readers, and compatible with older peers."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from protocol.canonical import canonical_bytes
from protocol.errors import RoomMessageError
from protocol.room import CheckInAnswer, CheckInClaim, SyncRequest, SyncResponse

CLAIM = {"attempt_id": "att-1", "session_number": "482913", "access_code": "PVXB89", "last_name": "N'Diaye",
         "first_name": "Awa", "birth_date": "2008-03-07"}


def test_a_sync_without_check_in_is_the_same_bytes_as_before():
    plain = SyncRequest({"state": "idle"})
    assert "check_in" not in plain.to_dict()
    assert SyncRequest.from_dict(plain.to_dict()).check_in is None


def test_a_check_in_round_trips_and_an_older_console_keeps_it_as_extra():
    request = SyncRequest({"state": "check-in"}, check_in=CheckInClaim.from_dict(CLAIM))
    back = SyncRequest.from_dict(request.to_dict())
    assert back.check_in == request.check_in and back.check_in.birth_date == dt.date(2008, 3, 7)
    assert canonical_bytes(back.to_dict()) == canonical_bytes(request.to_dict())
    answer = SyncResponse(dt.datetime(2026, 6, 15, tzinfo=dt.UTC), (), (),
                          check_in=CheckInAnswer("att-1", "refused", "wrong-code", "the code is wrong"))
    assert SyncResponse.from_dict(answer.to_dict()).check_in == answer.check_in
    newer = {**CLAIM, "photo_hash": "ab"}  # a newer kiosk's addition survives
    assert CheckInClaim.from_dict(newer).to_dict()["photo_hash"] == "ab"


@pytest.mark.parametrize(("field", "value", "said"), [
    ("birth_date", "07/03/2008", "birth_date"), ("birth_date", "2008-02-30", "birth_date"),
    ("birth_date", 20080307, "birth_date"), ("last_name", "x" * 81, "last_name"), ("last_name", "", "last_name"),
    ("first_name", "A\nB", "first_name"), ("attempt_id", "../etc", "attempt_id"),
    ("access_code", "A" * 21, "access_code"), ("session_number", None, "session_number"),
])
def test_a_bad_field_is_named(field, value, said):
    with pytest.raises(RoomMessageError, match=f"sync.check_in: '{said}'"):
        SyncRequest.from_dict({"status": {}, "check_in": {**CLAIM, field: value}})


@pytest.mark.parametrize("answer", [{"attempt_id": "att-1", "state": "accepted"},
                                    {"attempt_id": "att-1", "state": "refused", "reason": "Bad Reason"},
                                    {"attempt_id": "att-1", "state": "waiting", "message": 5}])
def test_a_bad_answer_is_refused(answer):
    with pytest.raises(RoomMessageError):
        CheckInAnswer.from_dict(answer)


@given(st.dictionaries(st.sampled_from([*CLAIM, "other"]),
                       st.one_of(st.none(), st.integers(), st.text(max_size=30), st.lists(st.integers(), max_size=2))))
def test_the_reader_never_fails_otherwise(data):
    with contextlib.suppress(RoomMessageError):
        CheckInClaim.from_dict(data)
