"""``pupitre-invigilator``: each command on a real data folder and store; wrong input is one line, exit 2."""

from __future__ import annotations

import datetime as dt
import json
import os
import re

import pytest

from invigilator.core.alerts import AlertKind
from invigilator.core.codes import code_verifier, enrolment_proof
from invigilator.core.kiosks import KioskStatus
from invigilator.store import KioskKeys
from itembank.pbank import build_bank
from itembank.synth import synthetic_bank
from protocol.keys import KeyPair, PublicKeys

PIN = "cd" * 32


def enrol(run, name):
    code, out, err = run("enrol-code")
    assert code == 0, err
    text = re.search(r"Enrolment code: (\S+)", out).group(1)
    keys = KioskKeys.of(KeyPair.generate(name).public)
    proof = enrolment_proof(code_verifier(text), "kiosk", keys.signing_public, PIN)
    console = run.console()
    try:
        return console.store.kiosks.enrol(proof, keys, PIN, name, run.clock()).kiosk
    finally:
        console.close()


def with_store(run, action):
    console = run.console()
    try:
        return action(console.store)
    finally:
        console.close()


def one_line(err):
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


# -- init, publishers, banks ----------------------------------------------------------------------------
def test_init_makes_sealed_center_keys_and_refuses_to_run_twice(ready, tmp_path):
    key_file = ready.data_dir / "center.key"
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    sealed = json.loads(key_file.read_text())
    assert "sealed" in sealed and "center secret phrase" not in key_file.read_text()
    KeyPair.load(key_file, "center secret phrase")
    code, _, err = ready("init", "--center-id", "X", "--center-name", "Y")
    assert code == 2 and "already initialised" in one_line(err)
    code, out, _ = ready("publishers", "list")
    assert code == 0 and "Éditions Test" in out


def test_init_without_a_passphrase_says_how_to_give_one(run, monkeypatch):
    monkeypatch.delenv("PUPITRE_CENTER_PASSPHRASE")
    code, _, err = run("init", "--center-id", "A", "--center-name", "B")
    assert code == 2 and "--passphrase-file" in one_line(err)
    assert not (run.data_dir / "center.key").exists()


def test_passphrase_from_a_file(run, tmp_path, monkeypatch):
    monkeypatch.delenv("PUPITRE_CENTER_PASSPHRASE")
    (tmp_path / "pp").write_text("from a file\n")
    assert run("init", "--center-id", "A", "--center-name", "B", "--passphrase-file", str(tmp_path / "pp"))[0] == 0
    KeyPair.load(run.data_dir / "center.key", "from a file")
    (tmp_path / "empty").write_text("")
    code, _, err = run("bank", "import", str(tmp_path / "x.pbank"), "--passphrase-file", str(tmp_path / "empty"))
    assert code == 2 and "x.pbank: no such file" in one_line(err)


def test_bank_import_verifies_opens_and_keeps_the_bank_by_its_sha256(ready, tmp_path):
    code, out, err = ready("bank", "import", str(tmp_path / "bank.pbank"))
    assert code == 0, err
    sha = re.search(r"SHA-256 ([0-9a-f]{64})", out).group(1)
    assert (ready.data_dir / "banks" / f"{sha}.pbank").read_bytes() == (tmp_path / "bank.pbank").read_bytes()
    assert ready("bank", "import", str(tmp_path / "bank.pbank"))[0] == 0  # the same file again: nothing changes
    assert "synth-160-6" in ready("bank", "list")[1]


def test_bank_import_refuses_an_untrusted_publisher_a_wrong_passphrase_and_a_tampered_file(ready, tmp_path,
                                                                                         monkeypatch):
    center = PublicKeys.load(ready.data_dir / "center.pub")
    build_bank(synthetic_bank(160, seed=7), tmp_path / "stranger.pbank", KeyPair.generate("Stranger"),
               recipients=[center])
    code, _, err = ready("bank", "import", str(tmp_path / "stranger.pbank"))
    assert code == 2 and "not a trusted publisher" in one_line(err)
    data = bytearray((tmp_path / "bank.pbank").read_bytes())
    data[-10] ^= 0x01
    (tmp_path / "tampered.pbank").write_bytes(bytes(data))
    code, _, err = ready("bank", "import", str(tmp_path / "tampered.pbank"))
    assert code == 2 and "integrity" in one_line(err)
    (tmp_path / "cut.pbank").write_bytes(bytes(data[: len(data) // 2]))
    code, _, err = ready("bank", "import", str(tmp_path / "cut.pbank"))
    assert code == 2 and "truncated" in one_line(err)
    monkeypatch.setenv("PUPITRE_CENTER_PASSPHRASE", "wrong")
    code, _, err = ready("bank", "import", str(tmp_path / "bank.pbank"))
    assert code == 2 and "wrong passphrase" in one_line(err)
    assert not [p for p in (ready.data_dir / "banks").iterdir()]  # nothing kept, no temporary file left
    assert "synth" not in ready("bank", "list")[1]


def test_a_bank_made_for_another_center_is_refused(ready, tmp_path, publisher):
    build_bank(synthetic_bank(160, seed=6), tmp_path / "other.pbank", publisher,
               recipients=[KeyPair.generate("other center").public])
    code, _, err = ready("bank", "import", str(tmp_path / "other.pbank"))
    assert code == 2 and "not readable with the key given" in one_line(err)


def test_commands_before_init_say_to_run_init(run):
    for argv in (("status",), ("enrol-code",), ("kiosks", "list"), ("session", "list")):
        code, _, err = run(*argv)
        assert code == 2 and "init" in one_line(err), argv


# -- sessions and rosters ---------------------------------------------------------------------------------
@pytest.fixture
def session(ready, tmp_path):
    assert ready("bank", "import", str(tmp_path / "bank.pbank"))[0] == 0
    code, out, err = ready("session", "create", "--bank", "synth-160-6", "--profile", "certification",
                           "--date", "2026-06-15", "--room", "Salle B12", "--id", "S-2026-0615",
                           "--invigilator", "Mme Roy", "--invigilator", "M.  Blanc")
    assert code == 0, err
    return out


def test_session_create_prints_the_number_and_an_access_code_per_domain(session):
    assert "Session number: S-2026-0615" in session
    assert re.search(r"Access code:\s+[BCDFGHJKMPQRTVWXY]{4}[2346789]{2}\n", session)
    assert "invigilated by Mme Roy, M. Blanc" in session


@pytest.mark.parametrize(("change", "message"), [
    (("--profile", "nope"), "has no such profile"),
    (("--bank", "absent"), "not imported"),
    (("--date", "15-06"), "is not a date"),
])
def test_session_create_refuses_bad_arguments_in_one_line(ready, session, change, message):
    argv = dict(zip(["--bank", "--profile", "--date", "--room"],
                    ["synth-160-6", "certification", "2026-06-15", "B12"], strict=True))
    argv[change[0]] = change[1]
    code, _, err = ready("session", "create", *[x for kv in argv.items() for x in kv], "--invigilator", "R")
    assert code == 2 and message in one_line(err)


def test_a_missing_argument_is_one_line_and_exit_2(run):
    code, _, err = run("session", "create", "--bank", "x")
    assert code == 2 and "required" in one_line(err)
    code, _, err = run("no-such-command")
    assert code == 2 and "invalid choice" in one_line(err)


ROSTER = ("last_name,first_name,birth_date,external_id,extra_time_minutes,accommodations\n"
          "Martin,Léa,2009-05-17,INE-1,0,\n"
          "N'Diaye,Awa,17/03/2008,INE-2,35,screen reader;large print\n")


def test_roster_import_all_lines(ready, session, tmp_path):
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    code, out, err = ready("session", "roster", "import", "S-2026-0615", str(tmp_path / "roster.csv"))
    assert code == 0 and "2 candidate(s)" in out, err
    listed = ready("session", "roster", "list", "S-2026-0615")[1]
    assert "MARTIN Léa" in listed and "N'DIAYE Awa  2008-03-17  INE-2  +35 min" in listed


def test_roster_import_names_every_bad_line_and_imports_nothing(ready, session, tmp_path):
    bad = ROSTER + ("Dupont,,2009-01-01,INE-3,0,\n"
                    "Durand,Jean,2009-13-01,INE-4,0,\n"
                    "Petit,Marc,2009-01-01,INE-1,0,\n"
                    "Roux,Anne,2009-01-01,INE-6,999,\n"
                    "Roux,Anne\n")
    (tmp_path / "bad.csv").write_text(bad, encoding="utf-8")
    code, _, err = ready("session", "roster", "import", "S-2026-0615", str(tmp_path / "bad.csv"))
    lines = err.strip().splitlines()
    assert code == 2 and "nothing was imported" in lines[-1]
    assert [re.match(r".*bad\.csv:(\d+):", x).group(1) for x in lines[:-1]] == ["4", "5", "6", "7", "8"]
    assert "first name" in lines[0] and "not a date" in lines[1] and "already on line 2" in lines[2]
    assert "extra time" in lines[3] and "fields expected" in lines[4]
    assert ready("session", "roster", "list", "S-2026-0615")[1] == ""
    (tmp_path / "bin.csv").write_bytes(b"\xff\xfe\x00garbage")
    code, _, err = ready("session", "roster", "import", "S-2026-0615", str(tmp_path / "bin.csv"))
    assert code == 2 and "not UTF-8" in one_line(err)
    (tmp_path / "hdr.csv").write_text("nom,prenom\nA,B\n")
    code, _, err = ready("session", "roster", "import", "S-2026-0615", str(tmp_path / "hdr.csv"))
    assert "lacks last_name" in err and code == 2


# -- kiosks, enrolment codes, status, commands ------------------------------------------------------------
def test_enrol_code_is_shown_once_and_kept_only_as_a_verifier(ready):
    _, out, _ = ready("enrol-code")
    text = re.search(r"Enrolment code: (\S+)", out).group(1)
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", text) and "10 minutes" in out
    db = (ready.data_dir / "console.sqlite").read_bytes()
    assert text.encode() not in db and text.replace("-", "").encode() not in db


def test_kiosks_list_rename_revoke(ready):
    kiosk = enrol(ready, "PC-01")
    assert "PC-01" in ready("kiosks", "list")[1]
    assert ready("kiosks", "rename", "PC-01", "Poste 1")[0] == 0
    assert ready("kiosks", "rename", kiosk.id[:10], "Poste 01")[0] == 0
    code, _, err = ready("kiosks", "rename", "PC-99", "x")
    assert code == 2 and "no enrolled kiosk" in one_line(err)
    assert ready("kiosks", "revoke", "Poste 01")[0] == 0
    assert "revoked" in ready("kiosks", "list")[1]
    code, _, err = ready("session", "lock", "Poste 01")
    assert code == 1 and "revoked" in one_line(err)


def test_status_orders_kiosks_needing_action_first_with_freshness(ready):
    a, b, c = enrol(ready, "A-calm"), enrol(ready, "B-alert"), enrol(ready, "C-silent")
    t = ready.clock()
    in_test = KioskStatus("question", "cand-1", "att-1", 7, 32, 3000.0, True)

    def setup(store):
        store.kiosks.heard(a.id, t, in_test)
        store.kiosks.heard(b.id, t, in_test)
        store.kiosks.heard(c.id, t - dt.timedelta(seconds=20), in_test)
        store.alerts.raise_alert(b.id, AlertKind.FOCUS_LOST, t, "att-1", {"number": 7})
    with_store(ready, setup)
    code, out, _ = ready("status")
    lines = out.splitlines()
    assert code == 0 and "3 kiosk(s), 2 need(s) action" in lines[0]
    assert lines[1].startswith("! C-silent") and "[RED]" in lines[1]
    assert lines[2].startswith("! B-alert") and "focus-lost" in lines[2]
    assert lines[3].startswith("  A-calm") and "question 7/32" in lines[3] and "50:00 left" in lines[3]
    assert "attempt att-1" in lines[3]
    ready.clock.now = t + dt.timedelta(seconds=6)
    assert "[amber]" in ready("status")[1].splitlines()[3]


def test_commands_are_queued_for_the_kiosk(ready, session, tmp_path):
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    ready("session", "roster", "import", "S-2026-0615", str(tmp_path / "roster.csv"))
    kiosk = enrol(ready, "PC-01")
    candidate = with_store(ready, lambda s: s.sessions.roster("S-2026-0615"))[0]
    code, _, err = ready("session", "authorise", "PC-01", "--candidate", candidate.id, "--by", "Mme Roy")
    assert code == 1 and "planned, not open" in one_line(err)
    assert ready("session", "open", "S-2026-0615")[0] == 0
    assert ready("session", "authorise", "PC-01", "--candidate", candidate.id, "--by", "Mme Roy")[0] == 0
    with_store(ready, lambda s: s.kiosks.heard(kiosk.id, ready.clock(),
                                               KioskStatus("question", candidate.id, "att-1", 1, 32, 6000.0)))
    for argv in (("pause", "PC-01"), ("resume", "PC-01"), ("add-time", "PC-01", "--minutes", "10", "--purpose",
                 "compensation", "--note", "power cut"), ("lock", "PC-01"), ("unlock", "PC-01"),
                 ("pause", "--all"), ("end", "PC-01", "--reason", "technical")):
        ready.clock.now += dt.timedelta(seconds=1)
        code, out, err = ready("session", *argv, "--by", "Mme Roy")
        assert code == 0 and "Queued" in out, (argv, err)
    pending = with_store(ready, lambda s: s.commands.pending(kiosk.id))
    assert [str(c.kind) for c in pending] == ["authorise-start", "pause", "resume", "add-time", "lock", "unlock",
                                              "pause", "end"]
    assert pending[0].args["session_id"] == "S-2026-0615" and pending[0].issued_by == "Mme Roy"
    assert pending[3].args == {"minutes": 10, "purpose": "compensation", "note": "power cut"}
    code, _, err = ready("session", "add-time", "PC-01", "--minutes", "500", "--purpose", "compensation")
    assert code == 1 and "1 to 120" in one_line(err)
    code, _, err = ready("session", "pause", "PC-01", "--all")
    assert code == 2 and "one KIOSK or give --all" in one_line(err)


def test_a_resume_shows_open_alerts_and_needs_their_acknowledgement(ready):
    kiosk = enrol(ready, "PC-01")
    t = ready.clock()
    alert = with_store(ready, lambda s: (s.kiosks.heard(kiosk.id, t, KioskStatus("paused", "c", "a", 3, 32, 10.0)),
                                         s.alerts.raise_alert(kiosk.id, AlertKind.FOCUS_LOST, t, "a"))[1])
    code, out, err = ready("session", "resume", "PC-01", "--by", "M. Blanc")
    assert code == 1 and alert.id in out and "--acknowledge-alerts" in one_line(err)
    assert with_store(ready, lambda s: s.commands.pending(kiosk.id)) == []
    code, out, err = ready("session", "authorise", "PC-01", "--resume", "--by", "M. Blanc")
    assert code == 1 and alert.id in out
    code, out, err = ready("session", "resume", "PC-01", "--by", "M. Blanc", "--acknowledge-alerts")
    assert code == 0 and f"alerts acknowledged: {alert.id}" in out, err
    handled = with_store(ready, lambda s: s.alerts.alerts(kiosk_id=kiosk.id))[0]
    assert handled.handled_by == "M. Blanc"
    code, out, _ = ready("session", "authorise", "PC-01", "--resume", "--by", "M. Blanc")
    assert code == 0 and "authorise-resume" in out


def test_problem_reports_are_validated_or_dismissed_by_alert_id(ready):
    kiosk = enrol(ready, "PC-01")
    alert = with_store(ready, lambda s: s.alerts.raise_alert(kiosk.id, AlertKind.PROBLEM_REPORTED, ready.clock(),
                                                             "a", {"number": 4, "item_id": "1.1-x"}))
    code, _, err = ready("session", "problem", "PC-01", "nope", "validate", "--by", "Mme Roy")
    assert code == 1 and "no open problem report" in one_line(err)
    assert ready("session", "problem", "PC-01", alert.id, "validate", "--by", "Mme Roy")[0] == 0
    command = with_store(ready, lambda s: s.commands.pending(kiosk.id))[0]
    assert str(command.kind) == "validate-problem" and command.args["number"] == 4


def test_serve_needs_an_initialised_console_and_a_valid_address(run, ready):
    code, _, err = ready("serve", "--listen", "nowhere")
    assert code == 2 and "HOST:PORT" in one_line(err)
    code, _, err = run("serve", "--listen", "127.0.0.1:99999")
    assert code == 2 and "HOST:PORT" in one_line(err)


def test_a_database_url_that_does_not_open_is_one_line(ready, tmp_path):
    from invigilator.app import Console
    from invigilator.cli import main

    console = Console(ready.data_dir, "mysql://x@y/z", clock=ready.clock)
    code = main(["--data-dir", str(ready.data_dir), "status"], console=console)
    err = ready.capsys.readouterr().err
    assert code == 2 and "SQLite or PostgreSQL" in one_line(err)


def test_the_console_script_is_installed(tmp_path):
    import subprocess
    import sys

    exe = os.path.join(os.path.dirname(sys.executable), "pupitre-invigilator")
    done = subprocess.run([exe, "--data-dir", str(tmp_path / "d"), "status"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2 and "init" in done.stderr and "Traceback" not in done.stderr


def test_registry_export_lists_every_enrolled_kiosk_signed_by_the_center(ready, tmp_path, monkeypatch):
    from protocol.envelope import SignedEnvelope
    from protocol.registry import device_trust, verify_registry_or_raise

    first, second = enrol(ready, "PC-01"), enrol(ready, "PC-02")
    ready.clock.now += dt.timedelta(hours=1)
    assert ready("kiosks", "revoke", "PC-02")[0] == 0
    out_file = tmp_path / "room.registry"
    code, out, err = ready("registry", "export", "-o", str(out_file))
    assert code == 0 and "2 device(s)" in out, err
    registry = verify_registry_or_raise(SignedEnvelope.from_bytes(out_file.read_bytes()),
                                        PublicKeys.load(ready.data_dir / "center.pub"), "0750001A")
    assert device_trust(registry, first.id, ready.clock())
    assert "revoked" in device_trust(registry, second.id, ready.clock()).reason
    monkeypatch.setenv("PUPITRE_CENTER_PASSPHRASE", "wrong")
    code, _, err = ready("registry", "export", "-o", str(tmp_path / "again"))
    assert code == 2 and "wrong passphrase" in one_line(err) and not (tmp_path / "again").exists()


def test_session_move_sends_the_attempt_to_a_spare_pc(ready, session, tmp_path):
    from protocol.journal_chain import entry_hash, genesis_hash

    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    ready("session", "roster", "import", "S-2026-0615", str(tmp_path / "roster.csv"))
    ready("session", "open", "S-2026-0615")
    old, spare = enrol(ready, "PC-01"), enrol(ready, "PC-SPARE")
    candidate = with_store(ready, lambda s: s.sessions.roster("S-2026-0615"))[0]
    assert ready("session", "authorise", "PC-01", "--candidate", candidate.id, "--attempt", "att-42",
                 "--by", "Mme Roy")[0] == 0
    from protocol.journal_chain import ChainEntry

    prev, entries = genesis_hash("att-42"), []
    for seq, (kind, payload) in enumerate([("attempt-created", {"seed": 3}), ("test-started", {})], start=1):
        h = entry_hash(seq, prev, float(seq), None, kind, payload)
        entries.append(ChainEntry(seq, prev, float(seq), None, kind, payload, h))
        prev = h
    t = ready.clock()
    alert = with_store(ready, lambda s: (s.replicas.append(old.id, "att-42", entries, t),
                                         s.alerts.raise_alert(old.id, AlertKind.OFFLINE, t, "att-42"))[1])
    code, out, err = ready("session", "move", "att-42", "--to", "PC-SPARE", "--by", "Mme Roy")
    assert code == 1 and alert.id in out and "--acknowledge-alerts" in one_line(err)
    code, out, err = ready("session", "move", "att-42", "--to", "PC-SPARE", "--by", "Mme Roy", "--acknowledge-alerts")
    assert code == 0 and "2 journal entries" in out and "locked" in out, err
    assert [str(c.kind) for c in with_store(ready, lambda s: s.commands.pending(spare.id))] == ["authorise-move"]
    code, _, err = ready("session", "move", "att-99", "--to", "PC-SPARE")
    assert code == 2 and "no kiosk has sent a journal of attempt att-99" in one_line(err)
    code, _, err = ready("session", "move", "att-42", "--to", "PC-SPARE", "--from", "PC-01")
    assert code == 1 and "already holds" in one_line(err)


@pytest.mark.parametrize("body", ["Martin,Léa,2009-05-17,,0,\nDur\x00and,Jean,2009-01-01,,0,\n",
                                  "Martin,Léa,2009-05-17,,0," + "x" * 200_000 + "\n",
                                  'Martin,"Léa,2009-05-17,,0,\n'])
def test_a_hostile_roster_is_one_report_and_nothing_imported(ready, session, tmp_path, body):
    (tmp_path / "hostile.csv").write_text(ROSTER.splitlines()[0] + "\n" + body, encoding="utf-8")
    code, _, err = ready("session", "roster", "import", "S-2026-0615", str(tmp_path / "hostile.csv"))
    assert code == 2 and "Traceback" not in err and "nothing was imported" in err
    assert ready("session", "roster", "list", "S-2026-0615")[1] == ""


def test_a_session_names_its_invigilators(ready, session):
    assert "invigilators: Mme Roy, M. Blanc" in ready("session", "list")[1]
    code, _, err = ready("session", "create", "--bank", "synth-160-6", "--profile", "certification", "--date",
                         "2026-06-16", "--room", "B12")
    assert code == 2 and "--invigilator" in one_line(err)
    code, _, err = ready("session", "create", "--bank", "synth-160-6", "--profile", "certification", "--date",
                         "2026-06-16", "--room", "B12", "--invigilator", "x" * 121)
    assert code == 2 and "invigilator is longer than 120" in one_line(err)


def test_the_composition_root_finds_and_opens_imported_banks_for_the_server(ready, tmp_path):
    assert ready("bank", "import", str(tmp_path / "bank.pbank"))[0] == 0
    console = ready.console()
    try:
        path = console.bank_file("synth-160-6")
        assert path.parent.name == "banks" and path.read_bytes() == (tmp_path / "bank.pbank").read_bytes()
        assert console.bank_file("absent") is None
        opener = console.bank_opener(console.center_keys("center secret phrase"))
        bank = opener("synth-160-6")
        assert opener("synth-160-6") is bank and opener("absent") is None  # opened once, kept
        assert len(bank.content_key) == 32 and bank.item(bank.metas[0].id).id == bank.metas[0].id
        bank.close()
    finally:
        console.close()


def test_serve_answers_over_the_pinned_certificate_and_stops_on_sigterm(ready):
    import signal
    import socket
    import subprocess
    import sys
    import time

    import httpx

    from invigilator.tls import load_console_tls
    from protocol.pinning import check_peer_pin, pinned_client_context

    with socket.socket() as probe:  # a free loopback port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "invigilator", "--data-dir", str(ready.data_dir), "serve",
                               "--listen", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    tls = load_console_tls(ready.data_dir)
    try:
        client = httpx.Client(verify=pinned_client_context(tls.certificate_pem), trust_env=False, timeout=5)
        deadline, answer = time.monotonic() + 60, None
        while answer is None and time.monotonic() < deadline and server.poll() is None:
            try:
                answer = client.get(f"https://127.0.0.1:{port}/v1/hello")
            except httpx.TransportError:
                time.sleep(0.2)
        assert answer is not None and answer.status_code == 200, server.poll()
        check_peer_pin(answer.extensions["network_stream"].get_extra_info("ssl_object"), tls.pin)
        client.close()
        server.send_signal(signal.SIGTERM)
        assert server.wait(30) == 0
        assert "Traceback" not in server.stderr.read()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
