"""An exam day in one test, every part a real process on loopback (issue 11): ``pupitre-invigilator serve``
and its command line, three kiosks enrolled with ``pupitre-kiosk enrol`` that run the exam mode without a
bank of their own (tests/room/exam_kiosk_child.py).

init → publisher, bank import → session create/open → roster import → enrolment; the candidates check in
at the kiosks → ``session checkins`` / ``confirm`` / ``authorise --all-checked-in``; the kiosks download
the bank and start; a focus loss on a focus question shows in ``status`` and blocks a resume until
acknowledged; a problem report is validated; the tests end and the bundles get their receipts;
``session finalise`` is refused while a test runs, then signs with comments and an abort reason for the
candidate who never came; ``session package --to STICK`` reads back against the center's public key.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from itembank.pbank import build_bank
from itembank.synth import synthetic_bank
from protocol.keys import KeyPair, PublicKeys, ScryptParams
from protocol.session_package import read_package
from tests.room.conftest import wait_for
from tests.room.test_e2e_cli import BIN, free_port, listening

ROOT = Path(__file__).resolve().parents[2]
SECRET = "center secret phrase"
# last name, first name, birth date as the roster has them; what each candidate types at the kiosk
ROSTER = """last_name,first_name,birth_date,external_id,extra_time_minutes
N'Diaye,Awa-Léa,2009-05-17,EXT-1,0
Martin,Paul,2008-01-02,EXT-2,0
Roy,Chloé,2009-11-30,EXT-3,0
Absent,Karim,2008-07-14,EXT-4,0
"""
TYPED = {"PC-01": ("ndiaye", "awa lea", "2009-05-17"), "PC-02": ("Martin", "Paul", "2008-01-02"),
         "PC-03": ("ROY", "Chloe", "2009-11-30")}


class Child:
    """One kiosk process: orders in on stdin, facts read off stdout by a thread."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], log: Path):
        self.name = name
        self.log = log  # stderr in a file: a pipe nobody reads would stop the kiosk once full
        with log.open("wb") as err:
            self.process = subprocess.Popen(argv, cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=err, text=True, bufsize=1)
        self.lines: queue.SimpleQueue[str] = queue.SimpleQueue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def order(self, text: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(text + "\n")
        self.process.stdin.flush()

    def expect(self, pattern: str, timeout: float = 30.0) -> re.Match[str]:
        """The first fact (seen already or to come) matching ``pattern``; fail with what the kiosk said."""
        for line in self.seen:
            if (found := re.fullmatch(pattern, line)) is not None:
                return found
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            self.seen.append(line)
            assert not line.startswith("ERROR"), f"{self.name}: {line}"
            if (found := re.fullmatch(pattern, line)) is not None:
                return found
        err = self.log.read_text(errors="replace")[-4000:]
        raise AssertionError(f"{self.name}: no {pattern!r} in {self.seen}\n{err}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


class Room:
    """The console's data folder and its ``serve`` process; the command line run against it."""

    def __init__(self, tmp: Path):
        self.env = {**os.environ, "PUPITRE_CENTER_PASSPHRASE": SECRET}
        self.data_dir = tmp / "console"
        self.argv = [str(BIN / "pupitre-invigilator"), "--data-dir", str(self.data_dir)]
        self.port = free_port()
        self.server: subprocess.Popen[str] | None = None
        self.kiosks: dict[str, Child] = {}

    def run(self, *argv: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([*self.argv, *argv], env=self.env, capture_output=True, text=True, timeout=60)
        if ok:
            assert done.returncode == 0, f"{argv}: {done.stdout}\n{done.stderr}"
        return done

    def out(self, *argv: str) -> str:
        return self.run(*argv).stdout

    def serve(self) -> None:
        self.server = subprocess.Popen([*self.argv, "serve", "--listen", f"127.0.0.1:{self.port}", "--no-announce"],
                                       env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wait_for(lambda: listening(self.port) or self.server.poll() is not None, "the console to listen", 30)
        assert self.server.poll() is None, self.server.stderr.read() if self.server.stderr else ""

    def kiosk(self, tmp: Path, name: str, session: str, code: str) -> Child:
        data_dir = tmp / name
        enrol_code = re.search(r"Enrolment code: (\S+)", self.out("enrol-code")).group(1)
        enrolled = subprocess.run([str(BIN / "pupitre-kiosk"), "enrol", "--console", f"127.0.0.1:{self.port}",
                                   "--name", name, "--data-dir", str(data_dir), enrol_code],
                                  env=self.env, capture_output=True, text=True, timeout=60)
        assert enrolled.returncode == 0, enrolled.stderr
        last, first, born = TYPED[name]
        child = Child(name, [sys.executable, "-m", "tests.room.exam_kiosk_child", "--data-dir", str(data_dir),
                             "--session", session, "--code", code, "--last-name", last, "--first-name", first,
                             "--birth-date", born], {**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                      tmp / f"{name}.stderr")
        self.kiosks[name] = child
        return child

    def status_line(self, name: str) -> str:
        return next(line for line in self.out("status").splitlines() if f" {name} " in line)

    def close(self) -> None:
        for child in self.kiosks.values():
            child.stop()
        if self.server is not None:
            self.server.send_signal(signal.SIGTERM)
            self.server.wait(timeout=20)


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Room]:
    r = Room(tmp_path)
    yield r
    r.close()


@pytest.mark.slow
def test_an_exam_day_from_check_in_to_the_signed_package(room: Room, tmp_path: Path) -> None:
    started = time.monotonic()
    # -- the center, its publisher and bank, the session and its roster -------------------------------
    room.run("init", "--center-id", "0750001A", "--center-name", "Lycée Test")
    center_pub = PublicKeys.load(room.data_dir / "center.pub")
    publisher = KeyPair.generate("Éditeur Test")
    publisher.public.save(tmp_path / "publisher.pub")
    bank = build_bank(synthetic_bank(160, seed=11, bank_id="synth-day"), tmp_path / "synth-day.pbank", publisher,
                      [center_pub], scrypt=ScryptParams(n=2**14))
    room.run("publishers", "add", str(tmp_path / "publisher.pub"))
    assert "Imported bank synth-day" in room.out("bank", "import", str(bank))
    created = room.out("session", "create", "--bank", "synth-day", "--profile", "practice-short", "--date",
                       time.strftime("%Y-%m-%d"), "--room", "Salle 12", "--invigilator", "Mme Roy")
    session = re.search(r"Session number: (\S+)", created).group(1)
    code = re.search(r"Access code:\s+(\S+)", created).group(1)
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    assert "4 candidate(s) imported" in room.out("session", "roster", "import", session, str(tmp_path / "roster.csv"))
    roster = {line.split()[1].title(): line.split()[0] for line in room.out("session", "roster", "list", session)
              .splitlines()}
    room.run("session", "open", session)
    room.serve()

    # -- three kiosks check in; the invigilator confirms and authorises them ----------------------------
    kiosks = [room.kiosk(tmp_path, name, session, code) for name in TYPED]
    for k in kiosks:
        k.expect(r"ANSWER waiting -")
    checkins = room.out("session", "checkins", session)
    assert checkins.count("exact match") == 3, checkins
    for name in TYPED:
        room.run("session", "confirm", name, "--by", "Mme Roy")
    authorised = room.out("session", "authorise", "--all-checked-in", "--by", "Mme Roy")
    assert authorised.count("Queued authorise-start") == 3, authorised
    for k in kiosks:  # the bank is downloaded with the authorisation and the test starts
        k.expect(r"STATE question 1", timeout=40)
    pc1, pc2, pc3 = kiosks

    # -- a focus loss on a focus question: the alert in status; a resume waits for it to be read ----------
    pc2.order("focus")
    pc2.expect(r"FOCUS \d+ \S+")
    line = wait_for(lambda: "focus-lost" in (s := room.status_line("PC-02")) and s, "the focus alert in status")
    assert line.startswith("!"), line
    room.run("session", "pause", "PC-02", "--by", "Mme Roy")
    pc2.expect(r"STATE paused( \d+)?")
    refused = room.run("session", "resume", "PC-02", "--by", "Mme Roy", ok=False)
    assert refused.returncode != 0 and "focus-lost" in refused.stdout and "--acknowledge-alerts" in refused.stderr
    resumed = room.out("session", "resume", "PC-02", "--by", "Mme Roy", "--acknowledge-alerts")
    assert "alerts acknowledged" in resumed and "focus-lost" not in room.status_line("PC-02")  # handled
    pc2.seen.clear()
    pc2.expect(r"STATE question \d+")

    # -- a problem report, validated by the invigilator -------------------------------------------------
    pc3.order("problem")
    pc3.expect(r"PROBLEM \d+ \S+")
    line = wait_for(lambda: "problem-reported" in (s := room.status_line("PC-03")) and s, "the problem in status")
    alert = re.search(r"problem-reported (\S+)", line).group(1)
    room.run("session", "problem", "PC-03", alert, "validate", "--by", "Mme Roy")
    pc3.seen.clear()
    pc3.expect(r"STATE question \d+")
    room.run("session", "incident", session, "--category", "in-question", "--sub-reason", "image", "--kiosk",
             "PC-03", "--candidate", roster["Roy"], "--note", "figure absente", "--by", "Mme Roy")

    # -- two tests end; the finalisation waits for the third -------------------------------------------
    for k in (pc2, pc3):
        k.order("finish")
    receipts = {k.name: k.expect(r"RECEIPT (\S+)", timeout=40).group(1) for k in (pc2, pc3)}
    refused = room.run("session", "finalise", session, "--by", "Mme Roy", ok=False)
    assert refused.returncode != 0 and "is running on kiosk PC-01" in refused.stdout, refused.stdout
    # PC-01's candidate is unwell: the invigilator ends the test with a reason; its bundle still travels
    room.run("session", "end", "PC-01", "--reason", "candidate", "--note", "malaise", "--by", "Mme Roy")
    pc1.expect(r"STATE finished")
    pc1.order("finish")
    receipts["PC-01"] = pc1.expect(r"RECEIPT (\S+)", timeout=40).group(1)

    # -- finalised with comments and the ended test's abort reason; the package on the stick ------------
    preview = room.out("session", "finalise", session, "--preview")
    assert re.search(r"ABSENT Karim \(\S+\): absent", preview), preview
    done = room.out("session", "finalise", session, "--by", "Mme Roy", "--comment", "Session calme, une alerte.",
                    "--candidate-comment", roster["Roy"], "Question neutralisée (figure absente).",
                    "--abort-reason", roster["N'Diaye"], "candidate")
    assert f"Session {session} finalised by Mme Roy" in done, done
    assert room.run("session", "finalise", session, "--by", "Mme Roy", ok=False).returncode != 0  # once only
    stick = tmp_path / "stick"
    stick.mkdir()
    packaged = room.out("session", "package", session, "--to", str(stick))
    assert "exported and read back" in packaged, packaged
    [file] = [p for p in stick.rglob("*") if p.is_file()]
    package = read_package(file.read_bytes(), center_key=center_pub)
    assert package.center_id == "0750001A" and package.session["id"] == session
    assert package.comment == "Session calme, une alerte."
    # the three bundles, as the kiosks signed them: the focus loss and the validated problem travel in them
    bundles = {b.signed["attempt_id"]: b.signed for b in package.bundles}
    assert sorted(bundles) == sorted(receipts.values())
    kinds = {name: [e["kind"] for e in bundles[attempt]["events"]] for name, attempt in receipts.items()}
    assert "focus-lost" in kinds["PC-02"] and "problem-resolved" in kinds["PC-03"]
    resolved = next(e for e in bundles[receipts["PC-03"]]["events"] if e["kind"] == "problem-resolved")
    assert resolved["payload"]["validated"] is True
    # the registry names the three kiosks; the incident; the report as a PDF
    kiosk_ids = {line.split()[1] for line in room.out("kiosks", "list").splitlines()}
    assert {d["id"] for d in package.registry.signed["devices"]} == kiosk_ids and len(kiosk_ids) == 3
    [incident] = package.incidents
    assert (incident["category"], incident["reason"], incident["note"]) == ("in-question", "image", "figure absente")
    assert incident["candidate"] == roster["Roy"] and incident["kiosk"] in kiosk_ids
    assert package.report_pdf is not None and package.report_pdf.startswith(b"%PDF")
    # each candidate's line: finished with a bundle, aborted with its reason, absent, the comment
    results = {r.candidate["last_name"]: r for r in package.results}
    assert {n: r.outcome for n, r in results.items()} == {"N'Diaye": "aborted", "Martin": "finished",
                                                          "Roy": "finished", "Absent": "absent"}
    assert results["N'Diaye"].abort_reason == "candidate" and results["N'Diaye"].attempt == receipts["PC-01"]
    assert results["Roy"].comment == "Question neutralisée (figure absente)."
    assert results["Martin"].bundle is not None and results["Absent"].bundle is None
    assert results["Martin"].score is not None and results["Martin"].score > 0  # every answer right, replayed
    assert time.monotonic() - started < 180  # bounded: a hung step fails the test, not the suite
