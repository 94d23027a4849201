"""The real ``pupitre-kiosk --exam`` under Xvfb and openbox: the candidate and the invigilator type
with xdotool, an xterm activated during a focus question is a focus loss in the real journal, and
after a kill -9 the next start puts the display back, resumes only with the code, and a SIGTERM
gives the workstation back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing, suppress
from pathlib import Path

import pytest

from itembank.model import Mode
from itembank.pbank import build_bank
from itembank.profile import ExamProfile
from itembank.synth import synthetic_bank
from kiosk.guard.measures import STATE_FILE
from kiosk.guard.x11 import XConnection
from protocol.keys import KeyPair, ScryptParams
from tests.guard_x11.harness import ROOT, _stop, _wait

pytestmark = pytest.mark.slow

UNLOCK = "surveillant-x11"
KEY_PASSPHRASE = "center-x11"
PROFILE = "x11-exam"
# Nothing on the machine running the tests is ever prohibited; a remote shell only warns.
SAFE_GUARD = {"processes": {"prohibited_categories": []}, "remote_session": "warn"}


@pytest.fixture(scope="module")
def focus_bank(tmp_path_factory):
    """A bank of focus questions only, opened by a center key; (options for pupitre-kiosk, folder)."""
    folder = tmp_path_factory.mktemp("x11-exam-bank")
    source = synthetic_bank(96, seed=11)
    source.items = [dataclasses.replace(item, mode=Mode.FOCUS, time_limit=None) for item in source.items]
    source.profiles[PROFILE] = ExamProfile(name=PROFILE, length=4, duration_minutes=30, min_treated=1,
                                           per_competence=1, extra={"guard": SAFE_GUARD})
    publisher, center = KeyPair.generate("x11-publisher"), KeyPair.generate("x11-center")
    bank = build_bank(source, folder / "focus.pbank", publisher, recipients=[center.public],
                      scrypt=ScryptParams(n=2**14), now=dt.datetime(2026, 1, 5, tzinfo=dt.UTC))
    key = center.save(folder / "center.key", KEY_PASSPHRASE, ScryptParams(n=2**14))
    public = publisher.public.save(folder / "publisher.pub")
    return ["--bank", str(bank), "--trust", str(public), "--key", str(key), "--profile", PROFILE]


class ExamKioskProcess:
    """``python -m kiosk --exam …`` on the test display, and its real journal (read only)."""

    def __init__(self, xs, data_dir: Path, options: list[str], name: str):
        self.xs = xs
        self.data_dir = data_dir
        self.env = {**xs.env, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT),
                    "PUPITRE_KEY_PASSPHRASE": KEY_PASSPHRASE}
        self.err_path = data_dir.parent / f"{name}.stderr"
        with open(self.err_path, "w", encoding="utf-8") as err:
            self.process = subprocess.Popen([sys.executable, "-m", "kiosk", "--exam", *options, "--data-dir",
                                             str(data_dir)], env=self.env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                            stderr=err)
        self.window = 0

    def started(self, nth: int = 1) -> None:
        """Wait for the guard (its shell makes a new native window) and its keyboard grab (from then
        on every key goes to the kiosk), then find the exam window. ``nth``: the how-many-th start
        this is in the same journal (a resumed attempt keeps the events of the kiosk before)."""
        self._wait(lambda: len(self.guard("guard-started")) >= nth, 60, "the guard")
        self._wait(lambda: len([p for p in self.guard("keyboard-grab") if p["state"].startswith("held")]) >= nth,
                   20, "the keyboard grab")
        self.window = int(self._wait(lambda: self._window(), 20, "the exam window"))

    def _window(self) -> str:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(self.process.pid)],
                               env=self.env, capture_output=True, text=True, timeout=10).stdout.split()
        return found[0] if found else ""

    def _wait(self, predicate, timeout: float, what: str):
        def check():
            if self.process.poll() is not None:
                raise AssertionError(f"the kiosk exited ({self.process.returncode}) while waiting for {what}: "
                                     f"{self.err_path.read_text(encoding='utf-8')[-3000:]}")
            return predicate()

        return _wait(check, timeout, what, step=0.05)

    def events(self) -> list[dict]:
        path = self.data_dir / "journal.sqlite"
        if not path.exists():
            return []
        try:  # never through the store, which checks and may quarantine a journal being written
            with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
                rows = db.execute("SELECT kind, payload FROM entries ORDER BY rowid").fetchall()
        except sqlite3.OperationalError:  # the kiosk is still creating its tables
            return []
        return [{"kind": kind, "payload": json.loads(payload) if payload else None} for kind, payload in rows]

    def guard(self, kind: str) -> list[dict]:
        return [e["payload"] for e in self.events() if e["kind"] == "guard" and e["payload"]["type"] == kind]

    def wait_for(self, kind: str, count: int = 1, timeout: float = 20) -> None:
        self._wait(lambda: [e["kind"] for e in self.events()].count(kind) >= count, timeout, f"'{kind}' × {count}")

    def keys(self, *keys: str) -> None:
        time.sleep(0.3)  # the new screen gives its first control the focus once painted
        self.xs.xdotool("key", "--delay", "30", *keys)

    def type(self, text: str) -> None:
        self.xs.xdotool("type", "--delay", "30", text)

    def press_until(self, kind: str, *keys: str, count: int = 1, tries: int = 3) -> None:
        """Press ``keys`` until the journal holds ``count`` events of ``kind``. On a loaded machine a
        key sent before the new screen has given its button the focus is lost; sent again, it lands."""
        for _ in range(tries - 1):
            self.keys(*keys)
            try:
                self.wait_for(kind, count, timeout=8)
                return
            except TimeoutError:
                continue
        self.keys(*keys)
        self.wait_for(kind, count)

    def enter_code(self, code: str, kind: str, count: int = 1) -> None:
        """The invigilator types the code and Enter, once more if a lost key made it a wrong code."""
        wrong = len(self.guard("unlock-code-wrong"))
        time.sleep(0.3)
        self.type(code)
        self.keys("Return")
        with suppress(TimeoutError):
            self._wait(lambda: [e["kind"] for e in self.events()].count(kind) >= count
                       or len(self.guard("unlock-code-wrong")) > wrong, 20, f"'{kind}' or a wrong code")
        if [e["kind"] for e in self.events()].count(kind) < count:
            self.type(code)
            self.keys("Return")
        self.wait_for(kind, count)


def screen_saver(xs):
    with XConnection(xs.display) as connection:
        return connection.screen_saver()


def test_the_real_exam_kiosk_a_focus_loss_a_kill_and_the_restore(xs, tmp_path, focus_bank):
    data_dir = tmp_path / "kiosk"
    code = subprocess.run([sys.executable, "-m", "kiosk", "set-unlock-code", "--data-dir", str(data_dir)],
                          env={**os.environ, "PUPITRE_UNLOCK_CODE": UNLOCK}, cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert code.returncode == 0, code.stderr
    saver_before = screen_saver(xs)
    _, other = xs.xterm("Other")  # another program open on the workstation before the exam

    kiosk = ExamKioskProcess(xs, data_dir, focus_bank, "first")
    try:
        kiosk.started()
        assert "x11-keyboard-grab" in kiosk.guard("guard-started")[0]["applied"]
        assert screen_saver(xs).timeout == 0
        xs.activate(kiosk.window)
        kiosk.type("Martin")  # the candidate checks in, keyboard only
        kiosk.keys("Tab")
        kiosk.type("Lea")
        kiosk.keys("Tab")
        kiosk.type("17/05/2009")
        kiosk.keys("Tab")
        kiosk.type("12345")
        kiosk.keys("Tab")
        kiosk.type("PVXB89")
        kiosk.keys("Return")
        kiosk.wait_for("authorisation-requested")
        time.sleep(0.3)
        kiosk.type("wrong-code")  # the invigilator comes; a wrong code first
        kiosk.keys("Return")
        kiosk._wait(lambda: kiosk.guard("unlock-code-wrong"), 20, "the wrong code in the journal")
        assert "authorised" not in [e["kind"] for e in kiosk.events()]
        kiosk.enter_code(UNLOCK, "environment-checked")
        kiosk.press_until("focus-warning-shown", "space")  # "Start the test"
        kiosk.press_until("question-shown", "space")  # "I understand, continue"

        xs.activate(other)  # the candidate switches to the xterm during a focus question
        kiosk._wait(lambda: [e for e in kiosk.events() if e["kind"] == "focus-lost"], 10, "focus-lost")
        lost = next(e["payload"] for e in kiosk.events() if e["kind"] == "focus-lost")
        assert lost["counted"] is True and "xterm" in lost["detail"] and lost["number"] == 1

        os.kill(kiosk.process.pid, signal.SIGKILL)  # the kiosk dies with its measures applied
        kiosk.process.wait(timeout=10)
        assert (data_dir / STATE_FILE).exists() and screen_saver(xs).timeout == 0
    finally:
        _stop(kiosk.process)

    again = ExamKioskProcess(xs, data_dir, focus_bank, "second")  # the next start, same data directory
    try:
        again.started(nth=2)
        again._wait(lambda: again.guard("crash-restored"), 30, "crash-restored")
        restored = again.guard("crash-restored")[0]
        assert set(restored["measures"]) == {"x11-screen-saver", "x11-keyboard-grab"}
        assert all(r["restored"] for r in restored["reports"]), restored["reports"]
        again.wait_for("authorisation-requested", count=2)  # the same attempt asks to resume
        xs.activate(again.window)
        time.sleep(0.3)
        again.type("wrong-code")
        again.keys("Return")
        again._wait(lambda: [p for p in again.guard("unlock-code-wrong") if p["purpose"] == "resume"], 20,
                    "the wrong resume code")
        assert "recovered" not in [e["kind"] for e in again.events()]
        again.enter_code(UNLOCK, "recovered")
        shown = [e["payload"] for e in again.events() if e["kind"] == "question-shown"]
        assert shown[-1]["number"] == 1
        again.process.send_signal(signal.SIGTERM)  # shutdown: the guard reverts, then the kiosk dies of it
        assert again.process.wait(timeout=15) == -signal.SIGTERM
    finally:
        _stop(again.process)
    assert again.guard("guard-stopped")
    assert not (data_dir / STATE_FILE).exists()
    assert screen_saver(xs) == saver_before
    with XConnection(xs.display) as connection:
        assert not connection.keyboard_is_grabbed_elsewhere()


def test_a_second_kiosk_on_the_same_data_folder_names_the_first_and_leaves_its_journal_alone(xs, tmp_path,
                                                                                             focus_bank):
    data_dir = tmp_path / "kiosk"
    code = subprocess.run([sys.executable, "-m", "kiosk", "set-unlock-code", "--data-dir", str(data_dir)],
                          env={**os.environ, "PUPITRE_UNLOCK_CODE": UNLOCK}, cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert code.returncode == 0, code.stderr
    first = ExamKioskProcess(xs, data_dir, focus_bank, "first")
    try:
        first.started()
        first.wait_for("attempt-created")
        before = first.events()
        second = subprocess.run([sys.executable, "-m", "kiosk", "--exam", *focus_bank, "--data-dir", str(data_dir)],
                                env=first.env, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert second.returncode == 2
        assert f"in use by another kiosk (process {first.process.pid}, started " in second.stderr
        assert "Traceback" not in second.stderr and "UNIQUE" not in second.stderr
        assert first.events() == before  # nothing written by the second kiosk
        assert first.process.poll() is None
        xs.activate(first.window)  # the first kiosk goes on writing its journal
        first.type("Martin")
        first.keys("Tab")
        first.type("Lea")
        first.keys("Tab")
        first.type("17/05/2009")
        first.keys("Tab")
        first.type("12345")
        first.keys("Tab")
        first.type("PVXB89")
        first.keys("Return")
        first.wait_for("authorisation-requested")
        first.process.send_signal(signal.SIGTERM)
        assert first.process.wait(timeout=15) == -signal.SIGTERM
    finally:
        _stop(first.process)
