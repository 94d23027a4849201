"""Finalising a session with results replayed from real bundles, then its package: queued, exported to a stick,
read back and checked — and the command line that does the same."""

from __future__ import annotations

import hashlib
import json

import pytest
from room_fixture import PASSPHRASE, SESSION

from invigilator import package as package_module
from invigilator.cli import main
from invigilator.core.finalisation import Outcome
from invigilator.errors import FinalisationError, PackageExportError
from invigilator.finalise import SessionClosing
from invigilator.package import package_session
from itembank.audit import audit_bundle
from protocol.bundle import bundle_id
from protocol.session_package import read_package


def handle_alerts(room):
    for alert in room.store.alerts.alerts(open_only=True):
        room.store.alerts.handle(alert.id, room.clock(), "Mme Roy", "seen and dealt with")


@pytest.fixture
def played(room, three):
    """Léa finished; Awa's kiosk died mid-test; Jean never came."""
    people, kiosks = three
    room.play(kiosks[0], people[0], seed=11)
    room.play(kiosks[1], people[1], seed=12, stop_after=10, finished=False)
    handle_alerts(room)
    return people, kiosks


def test_results_are_the_consoles_replay_and_finalisation_signs_and_closes(room, played):
    closing = SessionClosing(room.console, room.keys, room.open_bank)
    draft = closing.preview(SESSION)
    durand, martin, ndiaye = draft.lines
    assert (durand.outcome, martin.outcome, ndiaye.outcome) == (Outcome.ABSENT, Outcome.FINISHED, Outcome.UNFINISHED)
    held = next((room.console.data_dir / "results").glob("*.bundle")).read_bytes()
    replayed = audit_bundle(held, room.open_bank(room.bank.id), [room.kiosk_keys[played[1][0]].public]).replayed
    assert martin.score == replayed.score and martin.level == replayed.level and martin.status == "scored"
    assert martin.attempt.bundle == bundle_id(held) and draft.blockers == ()
    with pytest.raises(FinalisationError, match="unfinished: give its abort reason"):
        closing.finalise(SESSION, comment="", candidate_comments={}, abort_reasons={}, by="Mme Roy")
    done = closing.finalise(SESSION, comment="Session calme", candidate_comments={"cand-1": "RAS"},
                            abort_reasons={"cand-2": "technical"}, by="Mme Roy")
    assert [line.outcome for line in done.lines] == [Outcome.ABSENT, Outcome.FINISHED, Outcome.ABORTED]
    stored = room.store.finalisations.get(SESSION)
    from protocol.envelope import SignedEnvelope, verify

    envelope = SignedEnvelope.from_bytes(stored.signed, "finalisation")
    assert verify(envelope, [room.keys.public], "pupitre/session-finalisation").ok
    assert envelope.signed["lines"][1]["attempt"]["result"]["score"] == martin.score
    assert room.store.sessions.session(SESSION).status == "closed"
    with pytest.raises(FinalisationError, match="already finalised"):
        closing.finalise(SESSION, comment="", candidate_comments={}, abort_reasons={"cand-2": "technical"},
                         by="Mme Roy")


def test_finalisation_waits_for_a_running_test_and_an_open_alert(room, three):
    people, kiosks = three
    attempt = room.play(kiosks[0], people[0], seed=13, stop_after=5, finished=False)
    room.set_state(kiosks[0], "question", attempt, "cand-1")
    room.store.alerts.raise_alert(kiosks[1], "offline", room.clock(), None)  # PC-02 holds nothing of this session
    room.store.alerts.raise_alert(kiosks[0], "guard-event", room.clock(), attempt, {"detail": "a phone"})
    draft = SessionClosing(room.console, room.keys, room.open_bank).preview(SESSION)
    text = "\n".join(map(str, draft.blockers))
    assert "a test is running on kiosk PC-01" in text and "alert guard-event on kiosk PC-01" in text
    assert "PC-02" not in text


def test_a_bundle_altered_in_the_consoles_folder_is_not_counted(room, played):
    path = next((room.console.data_dir / "results").glob("*.bundle"))
    data = json.loads(path.read_bytes())
    data["signed"]["result"]["score"] = 999
    path.write_bytes(json.dumps(data).encode())
    draft = SessionClosing(room.console, room.keys, room.open_bank).preview(SESSION)
    assert draft.lines[1].outcome is Outcome.UNFINISHED and draft.lines[1].score is None  # its name no longer fits


def finalised(room):
    SessionClosing(room.console, room.keys, room.open_bank).finalise(
        SESSION, comment="Session calme", candidate_comments={"cand-1": "RAS"}, abort_reasons={"cand-2": "technical"},
        by="Mme Roy")


def test_the_package_is_queued_exported_read_back_and_holds_everything(room, played, tmp_path):
    room.store.incidents.record(SESSION, "technical", None, "power cut on PC-02", "M. Blanc", room.clock(),
                                kiosk_id=played[1][1], candidate_id="cand-2")
    finalised(room)
    stick = tmp_path / "stick"
    stick.mkdir()
    outcome = package_session(room.console, room.keys, SESSION, stick, room.open_bank)
    queued = room.console.data_dir / "outbox" / f"{outcome.package_id}.ppkg"
    assert outcome.queued == queued and queued.read_bytes() == outcome.exported.read_bytes()
    assert hashlib.sha256(queued.read_bytes()).hexdigest() == outcome.package_id
    package = read_package(queued.read_bytes(), center_key=room.keys.public)
    assert package.session_id == SESSION and package.comment == "Session calme"
    results = {r.candidate["last_name"]: r for r in package.results}
    assert results["Durand"].outcome == "absent" and results["N'Diaye"].abort_reason == "technical"
    assert results["Martin"].outcome == "finished" and results["Martin"].comment == "RAS"
    assert results["Martin"].level is not None and results["Martin"].score is not None
    assert len(package.bundles) == 1 and package.bundle(results["Martin"].bundle) is not None
    assert [i["note"] for i in package.incidents] == ["power cut on PC-02"]
    assert package.report_pdf.startswith(b"%PDF-") and package.registry.type == "pupitre/device-registry"
    assert room.store.finalisations.get(SESSION).package_id == outcome.package_id
    from protocol.keys import KeyPair

    with pytest.raises(Exception, match="not signed by the center"):
        read_package(queued.read_bytes(), center_key=KeyPair.generate("other").public)


def test_a_stick_that_alters_what_it_stores_is_detected(room, played, tmp_path, monkeypatch):
    finalised(room)
    stick = tmp_path / "stick"
    stick.mkdir()
    real = package_module.write_atomic

    def faulty_stick(path, data, **kwargs):  # the stick keeps other bytes than it was given
        written = real(path, data, **kwargs)
        if stick in path.parents:
            damaged = bytearray(path.read_bytes())
            damaged[len(damaged) // 2] ^= 0x20
            path.write_bytes(bytes(damaged))
        return written

    monkeypatch.setattr(package_module, "write_atomic", faulty_stick)
    with pytest.raises(PackageExportError, match="does not read back as written"):
        package_session(room.console, room.keys, SESSION, stick, room.open_bank)
    assert len(list((room.console.data_dir / "outbox").glob("*.ppkg"))) == 1  # the outbox copy is intact


def test_an_export_never_overwrites_another_file_and_needs_a_mounted_folder(room, played, tmp_path):
    finalised(room)
    with pytest.raises(PackageExportError, match="does not exist: plug in"):
        package_session(room.console, room.keys, SESSION, tmp_path / "no-stick", room.open_bank)
    with pytest.raises(FinalisationError, match="not finalised"):
        package_session(room.console, room.keys, "S-OTHER", None, room.open_bank)


def test_the_command_line_finalises_and_packages(room, played, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PUPITRE_CENTER_PASSPHRASE", PASSPHRASE)

    def run(*argv):
        capsys.readouterr()
        code = main(["--data-dir", str(room.console.data_dir), *argv], console=room.console)
        out, err = capsys.readouterr()
        return code, out, err

    code, out, err = run("session", "incident", SESSION, "--category", "in-question", "--sub-reason", "image",
                         "--note", "image Q7", "--candidate", "cand-1", "--by", "Mme Roy")
    assert code == 0 and "in-question — image" in out, err
    code, _, err = run("session", "incident", SESSION, "--category", "signature", "--sub-reason", "image")
    assert code == 2 and "not a sub-reason of 'signature'" in err
    code, out, err = run("session", "finalise", SESSION, "--preview")
    assert code == 0 and "MARTIN Léa (cand-1): finished" in out and "pix" in out
    code, out, err = run("session", "finalise", SESSION, "--comment", "Calme", "--by", "Mme Roy")
    assert code == 1 and "unfinished: give its abort reason" in out and "refused" in err
    code, out, err = run("session", "finalise", SESSION, "--comment", "Calme", "--by", "Mme Roy",
                         "--candidate-comment", "cand-1", "x" * 501, "--abort-reason", "cand-2", "technical")
    assert code == 1 and "501 characters" in out
    code, out, err = run("session", "finalise", SESSION, "--comment", "Calme", "--by", "Mme Roy",
                         "--candidate-comment", "cand-1", "RAS", "--abort-reason", "cand-2", "technical")
    assert code == 0 and "signed by the center key and closed" in out, err
    stick = tmp_path / "stick"
    stick.mkdir()
    code, out, err = run("session", "package", SESSION, "--to", str(stick))
    assert code == 0 and "exported and read back" in out, err
    assert len(list(stick.glob("*.ppkg"))) == 1 and len(list((room.console.data_dir / "outbox").glob("*.ppkg"))) == 1


def test_a_session_has_one_package_however_often_it_is_made(room, played, tmp_path):
    finalised(room)
    first = package_session(room.console, room.keys, SESSION, None, room.open_bank)
    room.clock.tick(3600)
    again = package_session(room.console, room.keys, SESSION, None, room.open_bank)
    assert again.package_id == first.package_id
    first.queued.unlink()  # say the console died after writing it and before recording it, or it was lost
    rebuilt = package_session(room.console, room.keys, SESSION, None, room.open_bank)
    assert rebuilt.package_id == first.package_id  # the same bytes: the finalisation's time, not the clock's
    assert [p.name for p in (room.console.data_dir / "outbox").glob("*.ppkg")] == [f"{first.package_id}.ppkg"]
    damaged = bytearray(rebuilt.queued.read_bytes())
    damaged[100] ^= 1
    rebuilt.queued.write_bytes(bytes(damaged))  # the console's own disk damaged it
    repaired = package_session(room.console, room.keys, SESSION, None, room.open_bank)
    assert repaired.package_id == first.package_id and hashlib.sha256(repaired.queued.read_bytes()).hexdigest() \
        == first.package_id
    aside = list((room.console.data_dir / "outbox").glob("*.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == bytes(damaged)
    assert len(list((room.console.data_dir / "outbox").glob("*.ppkg"))) == 1


@pytest.mark.parametrize("comment", ["nul\x00byte", "\u202eRTL override <b>bold</b> & <script>", "😀" * 500,
                                     "ligne 1\nligne 2\r\n\tfin"])
def test_hostile_comments_are_kept_as_written_through_the_report_and_the_package(room, played, comment):
    SessionClosing(room.console, room.keys, room.open_bank).finalise(
        SESSION, comment=comment, candidate_comments={"cand-1": comment}, abort_reasons={"cand-2": "technical"},
        by="Mme Roy")
    outcome = package_session(room.console, room.keys, SESSION, None, room.open_bank)
    package = read_package(outcome.queued.read_bytes(), center_key=room.keys.public)
    assert package.comment == comment.strip()
    assert next(r for r in package.results if r.candidate["last_name"] == "Martin").comment == comment.strip()
    assert package.report_pdf.startswith(b"%PDF-")
