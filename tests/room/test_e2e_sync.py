"""The real kiosk link against the real console: enrolment, sync, status, alerts, revocation (issue 10)."""

from __future__ import annotations

from invigilator.core.alerts import AlertKind
from invigilator.core.kiosks import KioskStatus
from itembank.model import Mode
from kiosk.core.session import State
from kiosk.link.pairing import load_pairing
from kiosk.link.transport import ConsoleConnection
from kiosk.link.worker import SyncWorker
from tests.kiosk.test_session import CANDIDATE, make_bank
from tests.room.conftest import UNLOCK, Console, Kiosk, now, wait_for


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


def to_question(kiosk: Kiosk) -> None:
    """Check in and start with the invigilator's code at the kiosk (the fallback), no console command."""
    s = kiosk.session
    s.open_check_in()
    s.submit_check_in(CANDIDATE, "fr")
    assert kiosk.link.authorise_with_code(UNLOCK).accepted
    s.environment_checked([])
    s.start_test()
    if s.state is State.FOCUS_WARNING:
        s.acknowledge_focus_warning()


def test_a_focus_loss_on_a_focus_question_raises_an_alert_on_the_console(tmp_path, console: Console) -> None:
    kiosk = Kiosk(tmp_path, console, bank=make_bank(lambda i: Mode.FOCUS))
    kiosk.worker.start()
    try:
        to_question(kiosk)
        kiosk.session.focus_lost("alt-tab")
        assert console.store is not None
        alert = wait_for(lambda: [a for a in console.store.alerts.alerts(open_only=True, kiosk_id=kiosk.id)
                                  if a.kind is AlertKind.FOCUS_LOST], "the focus alert")
        assert len(alert) == 1 and alert[0].attempt_id == kiosk.attempt
        kiosk.synced()
        status = wait_for(lambda: (s := console.store.kiosks.kiosk(kiosk.id).status) and not s.focused and s,
                          "the status to show the focus lost")
        assert status.state == kiosk.session.state.value and status.question == kiosk.session.number
    finally:
        kiosk.worker.stop()


def test_a_revoked_kiosk_is_refused_at_its_next_sync(kiosk: Kiosk, console: Console) -> None:
    wait_for(lambda: kiosk.worker.health.reachable, "the link to be up")
    assert console.store is not None
    console.store.kiosks.revoke(kiosk.id, now())
    health = wait_for(lambda: (h := kiosk.worker.health) and not h.reachable and h, "the refusal")
    assert "revoked" in health.last_error
    kiosk.worker.stop()  # one more round by hand: refused, and nothing of it kept
    held = kiosk.replica_seqs()
    kiosk.session.open_check_in()  # the test goes on at the kiosk
    kiosk.worker = SyncWorker(ConsoleConnection(kiosk.pairing, kiosk.signer), kiosk.book, kiosk.inbox)
    assert kiosk.worker.sync_once() is False
    assert "revoked" in kiosk.worker.health.last_error
    assert kiosk.replica_seqs() == held and kiosk.journal_seqs()[-1] > (held[-1] if held else 0)


def test_the_console_stopped_mid_exam_and_restarted_loses_and_doubles_nothing(kiosk: Kiosk, console: Console) -> None:
    to_question(kiosk)
    kiosk.synced()
    console.stop()
    s = kiosk.session
    for _ in range(3):
        kiosk.harness.clock.advance(10)
        s.answer(kiosk.harness.right())
    wait_for(lambda: not kiosk.worker.health.reachable, "the kiosk to notice the console is gone")
    assert s.state is State.QUESTION  # the candidate goes on
    console.start()
    kiosk.synced()
    assert console.store is not None
    entries = console.store.replicas.entries(kiosk.id, kiosk.attempt)
    assert [e.hash for e in entries] == [e.hash for e in s.events]
