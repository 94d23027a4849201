"""A candidate moved to a spare PC, end to end: kiosk A runs the test and dies; the real console moves the attempt
to kiosk B, which rebuilds it from the console's copy of the journal (same questions, answers, time left, engine
state), continues the same chain and finishes; the bundle B signs gets the console's receipt, audits MATCH with
the center's device registry, and the attempt is counted once (issue 10, ADR 0020, ADR 0025)."""

from __future__ import annotations

from pathlib import Path

from invigilator.core.alerts import AlertKind
from itembank.cli import main as bank_main
from kiosk.core.session import State
from protocol.journal_chain import check_chain, link
from protocol.registry import DeviceEntry, sign_registry
from tests.room.conftest import Console, now, wait_for
from tests.room.test_e2e_bank import PASSPHRASE, RoomKiosk, authorise, bank_file, open_session

__all__ = ["bank_file"]  # the module-wide bank fixture


def started(console: Console, kiosk: RoomKiosk, candidate: str = "cand-1") -> None:
    kiosk.check_in()
    authorise(console, kiosk, candidate)
    kiosk.until(lambda: kiosk.session.state is State.ENVIRONMENT_CHECK, "the authorisation with its bank")
    kiosk.session.environment_checked([])
    kiosk.session.start_test()


def synced(console: Console, kiosk: RoomKiosk) -> None:
    assert console.store is not None
    attempt = kiosk.session.attempt.attempt_id
    wait_for(lambda: [e.seq for e in console.store.replicas.entries(kiosk.id, attempt)]
             == [e.seq for e in kiosk.session.events], "the console's copy of the journal")


def test_a_move_to_a_spare_pc_continues_the_same_test_and_is_counted_once(tmp_path: Path, console: Console,
                                                                           bank_file) -> None:
    open_session(console, bank_file)
    a, b = RoomKiosk(tmp_path, console, "PC 07"), RoomKiosk(tmp_path, console, "PC SPARE")
    try:
        a.worker.start()
        b.worker.start()
        b.session.open_check_in()  # the spare waits at its check-in screen
        started(console, a)
        shown_on_a = a.answer_all(limit=5)
        a.exam.tick()
        s_a = a.session
        attempt = s_a.attempt.attempt_id
        synced(console, a)
        treated_on_a = [t.to_dict() for t in s_a.treated]
        left_on_a = s_a.timer.allowed - s_a.events[-1].payload["elapsed"]
        a.worker.stop()  # the PC dies (power cut): nothing more leaves it
        assert console.store is not None
        wait_for(lambda: (k := console.store.kiosks.kiosk(b.id)) and k.status is not None
                 and k.status.state == "check-in", "the spare's status")
        move = console.store.moves.move(attempt, a.id, b.id, now(), "M. Roy",
                                        acknowledged=[x.id for x in console.store.alerts.alerts(open_only=True)])
        b.until(lambda: b.session.attempt.attempt_id == attempt and b.session.state is State.ENVIRONMENT_CHECK,
                "the spare to take the attempt over")
        s_b = b.session
        # the same test: questions, answers, engine state, time left
        assert [t.to_dict() for t in s_b.treated] == treated_on_a
        assert abs(s_b.remaining() - left_on_a) < 1.0
        moved = next(e for e in s_b.events if e.kind == "moved-in")
        assert moved.payload["from_kiosk"] == a.id and moved.payload["command"] == move.authorise.id
        assert [e.hash for e in s_b.events[:len(s_a.events)]] == [e.hash for e in s_a.events]
        s_b.environment_checked([])
        assert s_b.state in (State.QUESTION, State.FOCUS_WARNING)
        shown_on_b = b.answer_all()
        assert not set(shown_on_a) & set(shown_on_b) and len(shown_on_a) + len(shown_on_b) == 12
        s_b.submit()
        receipt = b.until(lambda: b.worker.receipt(attempt), "the console's receipt", timeout=30)
        assert receipt.kiosk == b.id and receipt.attempt_id == attempt
        # the journal continues one chain across the two PCs, and the console saw no break
        assert check_chain(attempt, link(attempt, [e.to_dict() for e in s_b.events])).ok
        assert not [x for x in console.store.alerts.alerts() if x.kind is AlertKind.CHAIN_BREAK]
        assert console.store.exposure.snapshot("synth-room").tests == 1
        # the move delivered again changes nothing; the old PC, if it comes back, is locked
        assert [c for c in console.store.commands.commands(a.id) if c.id == move.lock_old.id]
        # pupitre-bank audit with the center's device registry: MATCH
        bundle = next((b.data_dir / "outbox").glob(f"{attempt}*.pbundle"))
        assert _audit(tmp_path, console, bank_file, bundle) == 0
    finally:
        a.close()
        b.close()


def _audit(tmp_path: Path, console: Console, bank_file, bundle: Path) -> int:
    path, publisher, _ = bank_file
    assert console.store is not None
    devices = [DeviceEntry(k.id, k.name, k.signing_public, k.enrolled_at, k.revoked_at)
               for k in console.store.kiosks.kiosks()]
    registry = tmp_path / "room.registry"
    registry.write_bytes(sign_registry("C-TEST", devices, now(), console.center_keys).to_bytes())
    console.center_keys.public.save(tmp_path / "center.pub")
    publisher.public.save(tmp_path / "publisher.pub")
    (tmp_path / "pp").write_text(PASSPHRASE)
    return bank_main(["audit", str(bundle), "--bank", str(path), "--trust", str(tmp_path / "publisher.pub"),
                      "--passphrase-file", str(tmp_path / "pp"), "--registry", str(registry),
                      "--center-key", str(tmp_path / "center.pub")])
