import datetime as dt
import random

import pytest

from invigilator.core.codes import code_verifier, enrolment_proof
from invigilator.core.kiosks import KioskStatus
from invigilator.errors import (
    EnrolmentError,
    InvigilatorError,
    KioskRevokedError,
    ReplayedRequestError,
    UnknownKioskError,
)
from invigilator.store import KioskKeys, RoomStore

PIN = "ab" * 32


def keys(kid, n):
    return KioskKeys(kid(n), f"sig-{n}", f"wrap-{n}")


def enrol_with(store, code, k, name, now, pin=PIN):
    """The kiosk side: prove the typed code, bound to this key and the console pin seen."""
    proof = enrolment_proof(code_verifier(code), "kiosk", k.signing_public, pin)
    return store.kiosks.enrol(proof, k, PIN, name, now).kiosk


def later(t0, **kw):
    return t0 + dt.timedelta(**kw)


def test_a_code_enrols_one_kiosk_and_pins_its_keys(store, kid, t0):
    code, record = store.kiosks.issue_enrolment_code(t0, random.Random(1))
    assert code not in record.verifier and code.replace("-", "") not in record.verifier
    kiosk = enrol_with(store, code.lower(), keys(kid, 1), "PC 01", later(t0, minutes=3))
    assert (kiosk.id, kiosk.signing_public, kiosk.wrapping_public) == (kid(1), "sig-1", "wrap-1")
    assert store.kiosks.authenticate(kid(1)).name == "PC 01"
    with pytest.raises(EnrolmentError, match="already enrolled a kiosk") as refused:
        enrol_with(store, code, keys(kid, 2), "PC 02", later(t0, minutes=4))
    assert refused.value.reason == "used"
    with pytest.raises(UnknownKioskError):
        store.kiosks.authenticate(kid(2))


def test_the_same_kiosk_sending_its_code_again_gets_its_record(store, kid, t0):
    code, _ = store.kiosks.issue_enrolment_code(t0, random.Random(1))
    first = enrol_with(store, code, keys(kid, 1), "PC 01", later(t0, minutes=1))
    again = enrol_with(store, code, keys(kid, 1), "PC 01", later(t0, minutes=2))
    assert again == first and len(store.kiosks.kiosks()) == 1


def test_a_code_expires_after_ten_minutes(store, kid, t0):
    code, _ = store.kiosks.issue_enrolment_code(t0, random.Random(1))
    with pytest.raises(EnrolmentError, match="expired") as refused:
        enrol_with(store, code, keys(kid, 1), "PC 01", later(t0, minutes=10))
    assert refused.value.reason == "expired" and store.kiosks.kiosks() == []


def test_five_wrong_tries_burn_the_code_and_survive_a_restart(db_url, kid, t0):
    store = RoomStore.open(db_url)
    code, _ = store.kiosks.issue_enrolment_code(t0, random.Random(1))
    for n in range(4):
        with pytest.raises(EnrolmentError, match="wrong enrolment code"):
            enrol_with(store, f"BBBB-BB{n + 2}{n + 2}", keys(kid, 9), "PC 09", later(t0, seconds=n))
    store.close()
    store = RoomStore.open(db_url)  # a console restart does not reset the count
    try:
        assert store.kiosks.enrolment_codes()[0].wrong_tries == 4
        with pytest.raises(EnrolmentError, match="wrong"):
            enrol_with(store, "BBBB-BBBB", keys(kid, 9), "PC 09", later(t0, seconds=5))
        with pytest.raises(EnrolmentError, match="burned") as refused:
            enrol_with(store, code, keys(kid, 1), "PC 01", later(t0, seconds=6))
        assert refused.value.reason == "burned" and store.kiosks.kiosks() == []
    finally:
        store.close()


def test_without_an_open_code_nothing_enrols(store, kid, t0):
    with pytest.raises(EnrolmentError, match="no enrolment code is open"):
        enrol_with(store, "BCDF-2346", keys(kid, 1), "PC 01", t0)


def test_a_revoked_kiosk_is_refused_everywhere(store, enrol, kid, t0):
    k = enrol(1)
    store.kiosks.revoke(k, later(t0, minutes=1))
    with pytest.raises(KioskRevokedError):
        store.kiosks.authenticate(k)
    with pytest.raises(KioskRevokedError):
        store.kiosks.heard(k, later(t0, minutes=2))
    code, _ = store.kiosks.issue_enrolment_code(later(t0, minutes=3), random.Random(5))
    with pytest.raises(KioskRevokedError, match="cannot enrol again"):
        enrol_with(store, code, keys(kid, 1), "PC 01", later(t0, minutes=4))
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


def test_keys_of_a_real_key_pair_give_its_id(store, t0):
    from protocol.keys import KeyPair

    pair = KeyPair.generate("PC 01")
    public = pair.public
    code, _ = store.kiosks.issue_enrolment_code(t0, random.Random(1))
    kiosk = enrol_with(store, code, KioskKeys.of(public), "PC 01", t0)
    assert kiosk.id == public.signing_id and kiosk.signing_public == public.public_dict()["ed25519"]


def _together(url, count, action):
    import threading

    stores = [RoomStore.open(url) for _ in range(count)]
    barrier, outcomes = threading.Barrier(count), []

    def run(i, s):
        barrier.wait()
        try:
            outcomes.append(("ok", action(i, s)))
        except EnrolmentError as exc:
            outcomes.append((exc.reason, None))
        except Exception as exc:
            outcomes.append(("crash", exc))

    threads = [threading.Thread(target=run, args=(i, s)) for i, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    for s in stores:
        s.close()
    return outcomes


def test_guesses_at_the_same_moment_are_all_counted(db_url, kid, t0):
    store = RoomStore.open(db_url)
    code, _ = store.kiosks.issue_enrolment_code(t0, random.Random(1))
    outcomes = _together(db_url, 8, lambda i, s: enrol_with(s, f"BBBB-BBB{'BCDFGHJK'[i]}", keys(kid, 10 + i),
                                                                "PC", later(t0, seconds=1)))
    assert sorted(o for o, _ in outcomes) == ["none-open"] * 3 + ["wrong"] * 5, outcomes
    [record] = store.kiosks.enrolment_codes()
    assert record.wrong_tries == 5 and record.burned_at is not None
    with pytest.raises(EnrolmentError, match="burned"):
        enrol_with(store, code, keys(kid, 1), "PC 01", later(t0, seconds=2))
    store.close()


def test_one_code_raced_by_several_kiosks_enrols_one(db_url, kid, t0):
    store = RoomStore.open(db_url)
    code, _ = store.kiosks.issue_enrolment_code(t0, random.Random(1))
    outcomes = _together(db_url, 5, lambda i, s: enrol_with(s, code, keys(kid, i), f"PC {i}", later(t0, seconds=1)))
    assert sorted(o for o, _ in outcomes) == ["ok"] + ["used"] * 4, outcomes
    assert len(store.kiosks.kiosks()) == 1
    store.close()


def test_the_console_proves_it_saw_the_code_and_a_machine_in_the_middle_cannot_enrol(store, kid, t0):
    code, _ = store.kiosks.issue_enrolment_code(t0, random.Random(1))
    k = keys(kid, 1)
    # the kiosk saw another certificate (a machine in the middle): its proof does not verify here
    with pytest.raises(EnrolmentError, match="wrong"):
        enrol_with(store, code, k, "PC 01", t0, pin="cd" * 32)
    # the kiosk's proof copied for another key does not enrol that key either
    stolen = enrolment_proof(code_verifier(code), "kiosk", k.signing_public, PIN)
    with pytest.raises(EnrolmentError, match="wrong"):
        store.kiosks.enrol(stolen, keys(kid, 2), PIN, "PC 02", t0)
    done = store.kiosks.enrol(stolen, k, PIN, "PC 01", t0)
    assert done.console_proof == enrolment_proof(code_verifier(code), "console", k.signing_public, PIN)
    assert store.kiosks.enrolment_codes()[0].wrong_tries == 2


def test_request_counters_only_go_up(store, enrol, kid):
    k = enrol(1)
    assert store.kiosks.accept_request(k, 1_000).id == k
    store.kiosks.accept_request(k, 1_001)
    for stale in (1_001, 1_000, 5):
        with pytest.raises(ReplayedRequestError) as refused:
            store.kiosks.accept_request(k, stale)
        assert refused.value.last == 1_001
    for bad in (0, -1, 2**63, True, "7"):
        with pytest.raises(ReplayedRequestError):
            store.kiosks.accept_request(k, bad)
    with pytest.raises(UnknownKioskError):
        store.kiosks.accept_request(kid(8), 5_000)
    store.kiosks.revoke(k, dt.datetime(2026, 6, 15, 9, tzinfo=dt.UTC))
    with pytest.raises(KioskRevokedError):
        store.kiosks.accept_request(k, 5_000)


def test_one_counter_sent_twice_at_once_is_accepted_once(db_url, store, enrol):
    k = enrol(1)
    counter = 2**40 + 7  # microsecond wall times do not fit 32 bits

    def take(i, s):
        try:
            return s.kiosks.accept_request(k, counter)
        except ReplayedRequestError:
            return None

    outcomes = _together(db_url, 4, take)
    assert sorted(o is not None and o[1] is not None for o in outcomes) == [False, False, False, True], outcomes
