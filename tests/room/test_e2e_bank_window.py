"""The room exam in its window (offscreen, the guard's OS layers faked): ``pupitre-kiosk --exam`` on an enrolled
kiosk with no --bank and no --key builds the room exam; the console's authorisation brings the bank and the
question shows; a move from a dead kiosk puts the moved attempt in the spare's window (ADR 0025)."""

from __future__ import annotations

import pytest

from invigilator.core.commands import CommandKind
from kiosk.core.session import State
from kiosk.device import load_or_create_device
from kiosk.exam import ExamApp
from kiosk.exam_room import RoomBankKiosk, build_room_exam
from kiosk.guard import UnlockGate, set_unlock_code
from kiosk.link.enrolment import enrol
from protocol.keys import ScryptParams
from tests.gui.test_exam import ExamDriver
from tests.room.conftest import UNLOCK, Console, now, wait_for
from tests.room.test_e2e_bank import RoomKiosk, authorise, bank_file, open_session

__all__ = ["bank_file"]  # the module-wide bank fixture


@pytest.fixture
def window(qtbot, qapp, tmp_path, console: Console):
    from tests.guard.fakes import FakeProbe, FakeProcesses

    data_dir = tmp_path / "spare"
    device = load_or_create_device(data_dir, name="PC SPARE", machine_secret=lambda: None)
    enrol(console.address, console.code(), public=device.keypair.public, sign=device.keypair.sign, name="PC SPARE",
          device_dir=data_dir / "device", now=now)
    set_unlock_code(data_dir, UNLOCK, ScryptParams(n=2**14))
    kiosk = build_room_exam(data_dir, UnlockGate(data_dir))
    assert isinstance(kiosk, RoomBankKiosk)
    ui = ExamApp(kiosk, windowed=True, app=qapp, on_exit=lambda: None,
                 guard_options={"platform": "other", "probe": FakeProbe(), "processes": FakeProcesses()})
    ui.start()
    yield ExamDriver(qtbot, ui), device.key_id
    ui.close()


def test_the_window_shows_the_question_of_the_bank_the_console_delivered(window, console: Console, bank_file,
                                                                         qtbot):
    d, kiosk_id = window
    open_session(console, bank_file)
    d.exam_check_in()  # with another session's number and code: the console refuses, the waiting screen says why
    d.wait_state(State.AWAITING_AUTHORISATION)
    assert d.session.bank_pending
    page = d.page(State.AWAITING_AUTHORISATION)
    qtbot.waitUntil(lambda: page.heading.text() == "Identification refusée", timeout=20000)
    assert "code d’accès est faux" in page.lead.text()
    assert console.store is not None
    console.store.commands.issue(CommandKind.AUTHORISE_START, kiosk_id,
                                 {"candidate_id": "cand-1"}, now(), "M. Roy")
    d.wait_state(State.INSTRUCTIONS, timeout=20000)
    assert d.session.attempt.bank["id"] == "synth-room" and d.session.length == 12
    d.session.start_test()
    d.wait_state(State.QUESTION, State.FOCUS_WARNING)


def test_a_moved_attempt_takes_the_spare_s_window(window, console: Console, bank_file, tmp_path, qtbot):
    d, spare_id = window
    open_session(console, bank_file)
    a = RoomKiosk(tmp_path, console, "PC 07")
    try:
        a.worker.start()
        a.check_in()
        authorise(console, a)
        s = a.session
        a.until(lambda: s.state is State.ENVIRONMENT_CHECK, "the authorisation with its bank")
        s.environment_checked([])
        s.start_test()
        a.answer_all(limit=3)
        a.exam.tick()
        attempt = s.attempt.attempt_id
        assert console.store is not None
        wait_for(lambda: [e.seq for e in console.store.replicas.entries(a.id, attempt)] == [e.seq for e in s.events],
                 "the console's copy")
        a.worker.stop()
        d.wait_state(State.CHECK_IN)
        wait_for(lambda: (k := console.store.kiosks.kiosk(spare_id)).status is not None
                 and k.status.state == "check-in", "the spare's status")
        console.store.moves.move(attempt, a.id, spare_id, now(), "M. Roy",
                                 acknowledged=[x.id for x in console.store.alerts.alerts(open_only=True)])
        qtbot.waitUntil(lambda: d.session.attempt.attempt_id == attempt, timeout=20000)
        d.wait_state(State.QUESTION, State.FOCUS_WARNING, timeout=20000)  # the guard's check, then the question
        assert len(d.session.treated) == 3 and d.ui.guard is not None and d.ui.guard.active
    finally:
        a.close()


def test_a_refused_bank_is_said_on_the_waiting_screen(window, console: Console, bank_file, qtbot):
    from protocol.keys import KeyPair

    d, kiosk_id = window
    open_session(console, bank_file, named=KeyPair.generate("Autre éditeur"))  # not who signed the file
    d.exam_check_in()
    d.wait_state(State.AWAITING_AUTHORISATION)
    details = d.page(State.AWAITING_AUTHORISATION).details
    assert "console" not in details.text()
    assert console.store is not None
    console.store.commands.issue(CommandKind.AUTHORISE_START, kiosk_id, {"candidate_id": "cand-1"}, now(), "M. Roy")
    qtbot.waitUntil(lambda: "n’a pas encore pu être reçu de la console" in details.text(), timeout=20000)
    assert d.session.state is State.AWAITING_AUTHORISATION and details.isVisible()
