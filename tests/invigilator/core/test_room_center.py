import datetime as dt

import pytest

from invigilator.core.center import Bank, Center, ExamSession, SessionStatus
from invigilator.errors import SessionError

NOW = dt.datetime(2026, 6, 15, 8, tzinfo=dt.UTC)


def session(**kw):
    base = {"id": "S-1", "bank_id": "demo", "profile": "default", "date": dt.date(2026, 6, 15), "room": "B12",
            "access_code": "PVXB89"}
    base.update(kw)
    return ExamSession(**base)


def test_a_session_accepts_its_code_as_typed():
    s = session()
    assert s.accepts_code("pvxb 89") and s.accepts_code("PVXB-89")
    assert not s.accepts_code("PVXB88") and not s.accepts_code("")


@pytest.mark.parametrize("code", ["PVAB89", "pvxb89", "PVXB8", "PVXB10"])
def test_a_session_refuses_a_code_outside_the_domain(code):
    with pytest.raises(SessionError, match="access code"):
        session(access_code=code)


@pytest.mark.parametrize("field", ["id", "profile", "room"])
def test_a_session_needs_its_labels(field):
    with pytest.raises(SessionError, match=field.replace("id", "session id")):
        session(**{field: "  "})


def test_a_closed_session_does_not_reopen():
    s = session().opened()
    assert s.status is SessionStatus.OPEN
    closed = s.closed(NOW)
    assert closed.status is SessionStatus.CLOSED and closed.closed_at == NOW
    with pytest.raises(SessionError, match="closed"):
        closed.opened()


def test_center_and_bank_check_their_identifiers():
    Center("C-75", "Lycée Voltaire", "a" * 32)
    with pytest.raises(SessionError, match="key id"):
        Center("C-75", "Lycée Voltaire", "nothex")
    Bank("demo", "Demo", "b" * 32, "c" * 64, NOW)
    with pytest.raises(SessionError, match="SHA-256"):
        Bank("demo", "Demo", "b" * 32, "c" * 63, NOW)
