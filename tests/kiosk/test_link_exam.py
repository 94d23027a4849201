"""Exam mode on an enrolled kiosk: the RoomLink is the authority, the unlock code its fallback."""

from __future__ import annotations

import datetime as dt

import pytest

from itembank.pbank import build_bank, open_bank
from itembank.synth import synthetic_bank
from kiosk.app import PracticeKiosk
from kiosk.core.session import State
from kiosk.device import DEVICE_DIR, load_or_create_device
from kiosk.exam import ExamKiosk
from kiosk.guard.unlock import UnlockGate, set_unlock_code
from kiosk.link.errors import LinkError
from kiosk.link.pairing import Pairing, save_pairing
from kiosk.link.room import open_room
from kiosk.link.room_link import RoomLink
from kiosk.workstation_authority import WorkstationAuthority
from protocol.envelope import SignedEnvelope
from protocol.keys import KeyPair, ScryptParams
from tests.kiosk.link_console_double import ConsoleDouble
from tests.kiosk.test_session import CANDIDATE


@pytest.fixture
def parts(tmp_path):
    publisher = KeyPair.generate("publisher")
    path = build_bank(synthetic_bank(64, seed=5), tmp_path / "b.pbank", publisher, passphrase="pw",
                      scrypt=ScryptParams(n=2**14))
    data = tmp_path / "data"
    device = load_or_create_device(data)
    kiosk = PracticeKiosk(open_bank(path, [publisher.public], passphrase="pw"), None, data, device=device)
    set_unlock_code(data, "4729-1836", ScryptParams(n=2**14))
    yield kiosk
    kiosk.close()


def pair(tmp_path, kiosk, kiosk_id=None):
    center = KeyPair.generate("centre")
    (tmp_path / "console").mkdir(exist_ok=True)
    console = ConsoleDouble(tmp_path / "console", kiosk.device.public, center).start()
    statement = SignedEnvelope.create({"_type": "pupitre/console-certificate", "center": "center-1",
                                       "spki_sha256": console.pin, "not_after": "2036-01-01T00:00:00+00:00"}, center)
    save_pairing(kiosk.data_dir / DEVICE_DIR, Pairing(
        console.address, console.pin, console.pem, "center-1", "centre", center.public.public_dict(),
        kiosk_id or kiosk.device.key_id, "k", statement.to_dict(), dt.datetime.now(dt.UTC).isoformat()))
    return console


def test_a_kiosk_never_enrolled_keeps_the_workstation_authority(parts):
    assert open_room(parts.data_dir, device=parts.device, store=parts.store) is None
    exam = ExamKiosk(parts, UnlockGate(parts.data_dir))
    assert isinstance(exam.new_attempt().authority, WorkstationAuthority)


def test_an_enrolled_kiosk_is_authorised_by_the_console(tmp_path, parts):
    console = pair(tmp_path, parts)
    try:
        room = open_room(parts.data_dir, device=parts.device, store=parts.store)
        exam = ExamKiosk(parts, UnlockGate(parts.data_dir), room)
        attempt = exam.new_attempt()
        assert isinstance(attempt.authority, RoomLink) and attempt.workstation is attempt.authority.fallback
        session = attempt.session
        session.open_check_in()
        session.submit_check_in(CANDIDATE, "fr")
        console.command("authorise-start", {"candidate_id": "cand-1"})
        assert room.worker.sync_once()
        room.on_tick(attempt.authority)
        assert session.state is State.ENVIRONMENT_CHECK
        assert room.worker.sync_once()
        assert console.acknowledged == ["cmd-authorise-start-0000"]
        replica = console.replicas[session.attempt.attempt_id].entries
        assert [e["seq"] for e in replica] == [e.seq for e in session.events]
        room.stop()
    finally:
        console.stop()


def test_a_pairing_for_another_device_stops_the_start(tmp_path, parts):
    console = pair(tmp_path, parts, kiosk_id="0" * 32)
    try:
        with pytest.raises(LinkError, match="enrol this kiosk again"):
            open_room(parts.data_dir, device=parts.device, store=parts.store)
    finally:
        console.stop()


def test_bundles_of_earlier_attempts_without_a_receipt_are_delivered_too(tmp_path, parts):
    from tests.kiosk.keeper_client import run_exam

    run_exam(parts.store, parts.sink, parts.device.name, "att-earlier")
    console = pair(tmp_path, parts)
    try:
        room = open_room(parts.data_dir, device=parts.device, store=parts.store)
        assert parts.store.attempt("att-earlier").receipt_verified_at is None
        room.book.set_status({"state": "idle"})
        assert room.worker.sync_once()
        assert room.worker.receipt("att-earlier") is not None
        assert parts.store.attempt("att-earlier").receipt_verified_at is not None
        assert (parts.data_dir / "outbox" / "att-earlier.pbundle").exists()
        assert (parts.data_dir / "outbox" / "att-earlier.receipt").exists()
        room.stop()
    finally:
        console.stop()


def test_an_exam_with_no_bank_on_a_kiosk_never_enrolled_says_what_to_do(tmp_path, capsys, monkeypatch):
    from kiosk.app import main as kiosk_main

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    set_unlock_code(tmp_path / "data", "4729-1836", ScryptParams(n=2**14))
    assert kiosk_main(["--exam", "--data-dir", str(tmp_path / "data"), "--windowed"]) == 2
    err = capsys.readouterr().err
    assert "not enrolled with a console" in err and "pupitre-kiosk enrol" in err and "Traceback" not in err
