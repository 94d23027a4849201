import datetime as dt
import random

import pytest

from invigilator.core.kiosks import KioskStatus
from invigilator.errors import EnrolmentError, InvigilatorError, KioskRevokedError, UnknownKioskError
from invigilator.store import KioskKeys, RoomStore


def keys(kid, n):
    return KioskKeys(kid(n), f"sig-{n}", f"wrap-{n}")


def later(t0, **kw):
    return t0 + dt.timedelta(**kw)


def test_a_code_enrols_one_kiosk_and_pins_its_keys(store, kid, t0):
    code, record = store.kiosks.issue_enrolment_code(t0, random.Random(1))
    assert code not in record.digest
    kiosk = store.kiosks.enrol(code.lower(), keys(kid, 1), "PC 01", later(t0, minutes=3))
    assert (kiosk.id, kiosk.signing_public, kiosk.wrapping_public) == (kid(1), "sig-1", "wrap-1")
    assert store.kiosks.authenticate(kid(1)).name == "PC 01"
    with pytest.raises(EnrolmentError, match="already enrolled a kiosk") as refused:
        store.kiosks.enrol(code, keys(kid, 2), "PC 02", later(t0, minutes=4))
    assert refused.value.reason == "used"
    with pytest.raises(UnknownKioskError):
        store.kiosks.authenticate(kid(2))


def test_the_same_kiosk_sending_its_code_again_gets_its_record(store, kid, t0):
    code, _ = store.kiosks.issue_enrolment_code(t0, random.Random(1))
    first = store.kiosks.enrol(code, keys(kid, 1), "PC 01", later(t0, minutes=1))
    again = store.kiosks.enrol(code, keys(kid, 1), "PC 01", later(t0, minutes=2))
    assert again == first and len(store.kiosks.kiosks()) == 1


def test_a_code_expires_after_ten_minutes(store, kid, t0):
    code, _ = store.kiosks.issue_enrolment_code(t0, random.Random(1))
    with pytest.raises(EnrolmentError, match="expired") as refused:
        store.kiosks.enrol(code, keys(kid, 1), "PC 01", later(t0, minutes=10))
    assert refused.value.reason == "expired" and store.kiosks.kiosks() == []


def test_five_wrong_tries_burn_the_code_and_survive_a_restart(db_url, kid, t0):
    store = RoomStore.open(db_url)
    code, _ = store.kiosks.issue_enrolment_code(t0, random.Random(1))
    for n in range(4):
        with pytest.raises(EnrolmentError, match="wrong enrolment code"):
            store.kiosks.enrol(f"BBBB-BB{n + 2}{n + 2}", keys(kid, 9), "PC 09", later(t0, seconds=n))
    store.close()
    store = RoomStore.open(db_url)  # a console restart does not reset the count
    try:
        assert store.kiosks.enrolment_codes()[0].wrong_tries == 4
        with pytest.raises(EnrolmentError, match="wrong"):
            store.kiosks.enrol("BBBB-BBBB", keys(kid, 9), "PC 09", later(t0, seconds=5))
        with pytest.raises(EnrolmentError, match="burned") as refused:
            store.kiosks.enrol(code, keys(kid, 1), "PC 01", later(t0, seconds=6))
        assert refused.value.reason == "burned" and store.kiosks.kiosks() == []
    finally:
        store.close()


def test_without_an_open_code_nothing_enrols(store, kid, t0):
    with pytest.raises(EnrolmentError, match="no enrolment code is open"):
        store.kiosks.enrol("BCDF-2346", keys(kid, 1), "PC 01", t0)


def test_a_revoked_kiosk_is_refused_everywhere(store, enrol, kid, t0):
    k = enrol(1)
    store.kiosks.revoke(k, later(t0, minutes=1))
    with pytest.raises(KioskRevokedError):
        store.kiosks.authenticate(k)
    with pytest.raises(KioskRevokedError):
        store.kiosks.heard(k, later(t0, minutes=2))
    code, _ = store.kiosks.issue_enrolment_code(later(t0, minutes=3), random.Random(5))
    with pytest.raises(KioskRevokedError, match="cannot enrol again"):
        store.kiosks.enrol(code, keys(kid, 1), "PC 01", later(t0, minutes=4))
    assert store.kiosks.enrolment_codes()[-1].used_at is None  # the code was not spent on it


def test_an_unknown_kiosk_is_refused(store, kid, t0):
    with pytest.raises(UnknownKioskError):
        store.kiosks.heard(kid(7), t0)


def test_names_stay_unique(store, enrol, kid):
    a, b = enrol(1, "PC"), enrol(2, "pc")
    assert store.kiosks.kiosk(b).name == "pc (2)"
    with pytest.raises(InvigilatorError, match="already called"):
        store.kiosks.rename(b, "PC")
    assert store.kiosks.rename(a, "Front row 1").name == "Front row 1"


def test_heard_records_status_and_time(store, enrol, t0):
    k = enrol(1)
    store.kiosks.heard(k, later(t0, seconds=5), KioskStatus("question", "c1", "a1", 3, 32, 5400.0))
    kiosk = store.kiosks.kiosk(k)
    assert kiosk.last_heard_at == later(t0, seconds=5) and kiosk.status is not None
    assert (kiosk.status.question, kiosk.status.seconds_left) == (3, 5400.0)
