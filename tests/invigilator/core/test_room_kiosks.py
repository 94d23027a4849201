import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from invigilator.core.codes import code_verifier, enrolment_proof
from invigilator.core.kiosks import (
    ENROLMENT_MAX_WRONG,
    CodeState,
    EnrolledKiosk,
    EnrolmentClaim,
    EnrolmentCode,
    KioskStatus,
    redeem,
    unique_kiosk_name,
)
from invigilator.errors import EnrolmentError, InvigilatorError, StatusFormatError

T0 = dt.datetime(2026, 6, 15, 8, tzinfo=dt.UTC)
K1, K2 = "1" * 32, "2" * 32
PIN = "ab" * 32


def typed(code, kiosk_key="key-1", pin=PIN):
    """What a kiosk sends for a typed code: its proof, checked by ``redeem``."""
    return EnrolmentClaim(kiosk_key, PIN, enrolment_proof(code_verifier(code), "kiosk", kiosk_key, pin)).matches


def minutes(m):
    return T0 + dt.timedelta(minutes=m)


def test_a_code_enrols_one_kiosk_within_ten_minutes():
    code = EnrolmentCode.issue("e1", "BCDF-2346", T0)
    out = redeem([code], typed("bcdf 2346"), K1, minutes(9.9))
    used = out.raise_if_refused()
    assert used.used_by == K1 and used.state(minutes(9.9)) is CodeState.USED
    again = redeem(out.codes, typed("BCDF2346"), K2, minutes(9.95))
    assert again.error is not None and again.error.reason == "used"


def test_a_code_expires_after_ten_minutes():
    code = EnrolmentCode.issue("e1", "BCDF-2346", T0)
    assert code.state(minutes(10) - dt.timedelta(microseconds=1)) is CodeState.LIVE
    out = redeem([code], typed("BCDF-2346"), K1, minutes(10))
    assert out.error is not None and out.error.reason == "expired" and out.used is None
    with pytest.raises(EnrolmentError, match="expired"):
        out.raise_if_refused()


def test_a_clock_set_back_does_not_revive_or_use_a_code():
    code = EnrolmentCode.issue("e1", "BCDF-2346", T0)
    assert code.state(T0 - dt.timedelta(seconds=1)) is CodeState.EXPIRED


def test_five_wrong_tries_burn_every_open_code():
    codes = (EnrolmentCode.issue("e1", "BCDF-2346", T0), EnrolmentCode.issue("e2", "GHJK-7789", T0))
    for n in range(1, ENROLMENT_MAX_WRONG + 1):
        out = redeem(codes, typed(f"WRNG-{n:04d}"), K1, minutes(1))
        assert out.error is not None and out.error.reason == "wrong"
        codes = out.codes
        assert all(c.wrong_tries == n for c in codes)
    assert all(c.state(minutes(1)) is CodeState.BURNED for c in codes)
    out = redeem(codes, typed("BCDF-2346"), K1, minutes(1))  # the right code, too late
    assert out.error is not None and out.error.reason == "burned"


def test_four_wrong_tries_leave_the_code_usable():
    codes = (EnrolmentCode.issue("e1", "BCDF-2346", T0),)
    for _ in range(ENROLMENT_MAX_WRONG - 1):
        codes = redeem(codes, typed("XXXX-XXXX"), K1, minutes(1)).codes
    assert redeem(codes, typed("BCDF-2346"), K1, minutes(2)).used is not None


def test_wrong_tries_do_not_touch_finished_codes():
    used = redeem([EnrolmentCode.issue("e1", "BCDF-2346", T0)], typed("BCDF-2346"), K1, minutes(1)).codes[0]
    out = redeem([used], typed("GHJK-7789"), K2, minutes(2))
    assert out.error is not None and out.error.reason == "none-open"
    assert out.codes[0].wrong_tries == 0


def test_an_empty_or_misbound_try_is_a_wrong_try():
    codes = (EnrolmentCode.issue("e1", "BCDF-2346", T0),)
    for claim in (typed("  "), typed("BCDF-2346", pin="cd" * 32),
                  EnrolmentClaim("key-1", PIN, "").matches, EnrolmentClaim("key-1", PIN, "zz" * 32).matches):
        out = redeem(codes, claim, K1, minutes(1))
        assert out.error is not None and out.error.reason == "wrong"
        codes = out.codes
    assert codes[0].wrong_tries == 4


def test_the_console_answers_with_its_own_proof():
    code = EnrolmentCode.issue("e1", "BCDF-2346", T0)
    claim = EnrolmentClaim("key-1", PIN, enrolment_proof(code_verifier("BCDF-2346"), "kiosk", "key-1", PIN))
    answer = claim.console_proof(code)
    assert answer == enrolment_proof(code_verifier("BCDF-2346"), "console", "key-1", PIN) and answer != claim.proof


def kiosk(**kw):
    base = {"id": K1, "name": "PC 01", "signing_public": "s", "wrapping_public": "w", "enrolled_at": T0}
    base.update(kw)
    return EnrolledKiosk(**base)


def test_last_heard_never_moves_backwards():
    k = kiosk().heard(minutes(5), KioskStatus("question", question=3, total=32))
    k = k.heard(minutes(4))
    assert k.last_heard_at == minutes(5) and k.status is not None and k.status.question == 3
    assert k.silent_for(minutes(6)) == dt.timedelta(minutes=1)
    assert kiosk().silent_for(minutes(6)) is None


def test_revoke_keeps_the_first_time_and_names_are_checked():
    k = kiosk().revoke(minutes(1)).revoke(minutes(2))
    assert k.revoked and k.revoked_at == minutes(1)
    assert kiosk().renamed("  PC   02 ").name == "PC 02"
    for bad in ("", "x" * 41, "PC\x0703"):
        with pytest.raises(InvigilatorError, match="kiosk name"):
            kiosk().renamed(bad)
    with pytest.raises(InvigilatorError, match="key id"):
        kiosk(id="not-a-key-id")


def test_unique_names():
    assert unique_kiosk_name("PC", []) == "PC"
    assert unique_kiosk_name("PC", ["pc", "PC (2)"]) == "PC (3)"
    assert len(unique_kiosk_name("P" * 40, ["P" * 40])) <= 40


def test_status_round_trip():
    s = KioskStatus("paused", "c1", "a1", 4, 32, 812.5, False)
    assert KioskStatus.from_dict(s.to_dict()) == s


GOOD_STATUS = {"state": "awaiting-authorisation", "candidate_id": "c1", "attempt_id": "a1", "question": 0,
               "total": 32, "seconds_left": 6300, "focused": True}


@pytest.mark.parametrize("change, field", [
    ({"state": None}, "state"), ({"state": "Question"}, "state"), ({"state": "q" * 33}, "state"),
    ({"state": "question; drop"}, "state"),
    ({"candidate_id": ""}, "candidate_id"), ({"candidate_id": 7}, "candidate_id"),
    ({"attempt_id": "a" * 81}, "attempt_id"), ({"attempt_id": "a\n"}, "attempt_id"),
    ({"question": -1}, "question"), ({"question": 1001}, "question"), ({"question": True}, "question"),
    ({"total": 3.0}, "total"),
    ({"seconds_left": float("nan")}, "seconds_left"), ({"seconds_left": -1}, "seconds_left"),
    ({"seconds_left": 10**9}, "seconds_left"), ({"seconds_left": "60"}, "seconds_left"),
    ({"focused": "yes"}, "focused"), ({"focused": 1}, "focused"),
])
def test_a_malformed_status_names_its_field(change, field):
    with pytest.raises(StatusFormatError, match=f"'{field}'"):
        KioskStatus.from_dict({**GOOD_STATUS, **change})


def test_a_status_that_is_not_a_mapping_is_refused():
    for data in (None, [], "question", 3):
        with pytest.raises(StatusFormatError, match="mapping"):
            KioskStatus.from_dict(data)


def test_a_good_status_is_read_and_written_back():
    status = KioskStatus.from_dict(GOOD_STATUS)
    assert status.seconds_left == 6300.0 and isinstance(status.seconds_left, float)
    assert KioskStatus.from_dict(status.to_dict()) == status
    assert KioskStatus.from_dict({"state": "idle"}) == KioskStatus("idle")


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from([*sorted(GOOD_STATUS), "extra"]),
                       st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=90)
                       | st.lists(st.integers(), max_size=2)))
def test_any_input_is_read_or_refused_with_one_error(data):
    try:
        status = KioskStatus.from_dict(data)
    except StatusFormatError:
        return
    assert KioskStatus.from_dict(status.to_dict()) == status
