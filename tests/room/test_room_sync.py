"""The real kiosk link against the real console: enrolment, sync, status, alerts, revocation (issue 10)."""

from __future__ import annotations

from invigilator.core.kiosks import KioskStatus
from kiosk.link.pairing import load_pairing
from tests.room.conftest import Console, Kiosk, wait_for


def test_the_kiosk_enrols_and_both_sides_pin_each_other(kiosk: Kiosk, console: Console) -> None:
    assert console.store is not None
    enrolled = console.store.kiosks.kiosks()
    assert [k.id for k in enrolled] == [kiosk.id]
    pairing = load_pairing(kiosk.device_dir)
    assert pairing.pin == console.tls.pin
    assert pairing.kiosk_id == kiosk.id
    assert pairing.center_id == "C-TEST"


def test_journal_entries_reach_the_replica_without_gap_or_duplicate_and_status_shows(kiosk: Kiosk,
                                                                                    console: Console) -> None:
    s = kiosk.session
    s.open_check_in()
    kiosk.synced()
    wait_for(lambda: kiosk.worker.health.reachable, "the link to be up")
    assert console.store is not None
    heard = wait_for(lambda: console.store.kiosks.kiosk(kiosk.id).status, "the kiosk's status")
    assert isinstance(heard, KioskStatus)
    assert heard.attempt_id == kiosk.attempt
