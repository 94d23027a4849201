"""The exam window under custody: the invigilator's code checked by the keeper, an exam journalled
through it, and a keeper that dies mid-exam shown to the candidate as a clear message."""

from __future__ import annotations

import os
import socket

import pytest

from itembank.pbank import open_bank
from kiosk.app import PracticeKiosk
from kiosk.core.session import State
from kiosk.exam import ExamApp, ExamKiosk
from kiosk.guard import UnlockGate, set_unlock_code
from kiosk.keeper.client import connect_keeper
from kiosk.keeper.wire import FD_ENV
from protocol.keys import ScryptParams
from tests.gui.test_exam import PROFILE, UNLOCK, ExamDriver, center  # noqa: F401 - the bank fixture
from tests.kiosk.test_keeper_protocol import Served, device  # noqa: F401 - the device fixture


@pytest.fixture
def kept_exam(qtbot, qapp, center, tmp_path, device):  # noqa: F811
    from tests.guard.fakes import FakeProbe, FakeProcesses

    folder = tmp_path / "keeper"
    set_unlock_code(folder, UNLOCK, ScryptParams(n=2**14))
    keeper = Served(folder, device, gate=UnlockGate(folder))
    custody = connect_keeper({FD_ENV: str(os.dup(keeper.theirs.fileno()))})
    bank = open_bank(center.bank, center.trusted, recipient=center.pair)
    kiosk = ExamKiosk(PracticeKiosk(bank, PROFILE, tmp_path / "ui", custody=custody), custody.unlock_gate())
    ui = ExamApp(kiosk, windowed=True, app=qapp, guard_options={"platform": "other", "probe": FakeProbe(),
                                                                "processes": FakeProcesses()},
                 on_exit=lambda: None)
    ui.start()
    yield keeper, ExamDriver(qtbot, ui)
    ui.close()
    keeper.stop()


def test_the_exam_runs_through_the_keeper_and_its_code(kept_exam):
    keeper, d = kept_exam
    d.exam_check_in()
    d.wait_state(State.AWAITING_AUTHORISATION)
    d.type_code(d.page(State.AWAITING_AUTHORISATION).invigilator, "pas-le-bon-code")
    assert d.session.state is State.AWAITING_AUTHORISATION
    d.type_code(d.page(State.AWAITING_AUTHORISATION).invigilator, UNLOCK)
    d.wait_state(State.INSTRUCTIONS)
    attempt_id = d.session.attempt.attempt_id
    on_disk = keeper.store.open_attempt(attempt_id).events()
    assert [e.hash for e in on_disk] == [e.hash for e in d.session.events]
    assert [g.payload["failures"] for g in on_disk if g.kind == "guard" and g.payload["type"] == "unlock-code-wrong"] \
        == [1]
    assert not (d.ui.kiosk.data_dir / "journal.sqlite").exists()


def test_a_keeper_that_dies_mid_exam_is_a_message_not_a_crash(kept_exam, qtbot):
    keeper, d = kept_exam
    d.exam_check_in()
    d.wait_state(State.AWAITING_AUTHORISATION)
    d.type_code(d.page(State.AWAITING_AUTHORISATION).invigilator, UNLOCK)
    d.wait_state(State.INSTRUCTIONS)
    written = len(keeper.store.open_attempt(d.session.attempt.attempt_id).events())
    keeper.ours.shutdown(socket.SHUT_RDWR)  # the keeper is gone, as after kill -9
    d.click(d.page(State.INSTRUCTIONS).primary)  # the candidate starts the test
    window = d.window
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.failure, timeout=5000)
    assert "keeper" in window.failure.message and "restarted" in window.failure.message
    assert d.session.state is State.INSTRUCTIONS  # the session went back to what the journal holds
    assert len(d.session.events) == written
