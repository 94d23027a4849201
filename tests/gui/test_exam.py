"""Exam mode at the workstation: the invigilator's code at the kiosk, the guard wired around the
exam window (its OS layers faked: offscreen), a crash and its restore, start-up refusals, and the
command that sets the code."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from itembank.pbank import build_bank, open_bank
from itembank.profile import ExamProfile
from kiosk import cli
from kiosk.app import PracticeKiosk
from kiosk.app import main as kiosk_main
from kiosk.core.candidate import SCREEN_READER, Candidate
from kiosk.core.session import State
from kiosk.exam import ExamApp, ExamKiosk
from kiosk.guard import UnlockGate, restore_after_crash, set_unlock_code
from kiosk.guard.measures import STATE_FILE
from kiosk.guard.unlock import UNLOCK_FILE
from kiosk.workstation_authority import BY
from protocol.keys import KeyPair, PublicKeys, ScryptParams
from tests.gui.conftest import PASSPHRASE, Driver, gui_source
from tests.gui.test_accessibility import unnamed_controls
from tests.gui.test_i18n import foreign_patterns, visible_texts

UNLOCK = "code-du-surveillant"
KEY_PASSPHRASE = "center-key-passphrase"
PROFILE = "gui-exam"
# The guard's section of the test profile: nothing on the machine running the tests is ever
# prohibited, and a remote shell (tests over SSH) only warns.
SAFE_GUARD = {"processes": {"prohibited_categories": []}, "remote_session": "warn", "debounce_ms": 50}


@dataclasses.dataclass
class Center:
    pair: KeyPair
    key: Path  # the sealed private key file
    passphrase_file: Path
    publisher: Path  # the publisher's public key file
    trusted: list[PublicKeys]
    bank: Path


@pytest.fixture(scope="module")
def center(tmp_path_factory, qapp):
    """A bank opened by a center key (and by the passphrase, as practice banks are), its keys on disk."""
    folder = tmp_path_factory.mktemp("exam-bank")
    publisher, pair = KeyPair.generate("gui-publisher"), KeyPair.generate("gui-center")
    source = gui_source()
    source.profiles[PROFILE] = ExamProfile(name=PROFILE, length=6, duration_minutes=30, min_treated=2,
                                           per_competence=1, extra={"guard": SAFE_GUARD})
    bank = build_bank(source, folder / "exam.pbank", publisher, recipients=[pair.public], passphrase=PASSPHRASE,
                      scrypt=ScryptParams(n=2**14), now=dt.datetime(2026, 1, 5, tzinfo=dt.UTC))
    key = pair.save(folder / "center.key", KEY_PASSPHRASE, ScryptParams(n=2**14))
    secret = folder / "center-passphrase.txt"
    secret.write_text(KEY_PASSPHRASE + "\n", encoding="utf-8")
    public = publisher.public.save(folder / "publisher.pub")
    return Center(pair, key, secret, public, [publisher.public], bank)


def bank_options(center, data_dir):
    return ["--exam", "--bank", str(center.bank), "--trust", str(center.publisher), "--key", str(center.key),
            "--key-passphrase-file", str(center.passphrase_file), "--profile", PROFILE, "--data-dir", str(data_dir)]


class ExamDriver(Driver):
    """The candidate with keyboard and mouse, and the invigilator who comes to type their code."""

    exits: list[bool]

    @property
    def guard(self):
        return self.ui.guard

    def exam_check_in(self, locale=None) -> None:
        self.wait_state(State.CHECK_IN)
        screen = self.page(State.CHECK_IN)
        if locale:
            self.click(screen.language_buttons[locale])
        for key, value in (("session_number", "12345"), ("access_code", "PVXB89")):
            screen.inputs[key].clear()
            self.type(screen.inputs[key], value)
        self.check_in()

    def type_code(self, panel, code: str, enter: bool = True) -> None:
        if QApplication.activeWindow() is None:  # a closed dialog leaves none offscreen; a window manager would
            self.window.activateWindow()
        self.qtbot.waitUntil(lambda: panel.code.hasFocus())
        self.type(panel.code, code)
        if enter:
            self.qtbot.keyClick(panel.code, Qt.Key.Key_Return)

    def allow(self, code: str = UNLOCK) -> None:
        self.wait_state(State.AWAITING_AUTHORISATION)
        self.type_code(self.page(State.AWAITING_AUTHORISATION).invigilator, code)

    def guard_events(self, kind=None):
        payloads = [e.payload for e in self.session.events if e.kind == "guard"]
        return [p for p in payloads if kind is None or p["type"] == kind]


@pytest.fixture
def exam(qtbot, qapp, center, tmp_path):
    """Start the exam composition (offscreen, the guard's OS layers faked); returns a factory → ExamDriver."""
    from tests.guard.fakes import FakeProbe, FakeProcesses

    started: list[ExamApp] = []

    def start(locale: str = "fr", data_dir=None, windowed: bool = True, probe=None) -> ExamDriver:
        data_dir = data_dir or tmp_path / "data"
        if not (data_dir / UNLOCK_FILE).exists():
            set_unlock_code(data_dir, UNLOCK, ScryptParams(n=2**14))
        restored = restore_after_crash(data_dir)  # what launch_exam does first
        bank = open_bank(center.bank, center.trusted, recipient=center.pair)
        kiosk = ExamKiosk(PracticeKiosk(bank, PROFILE, data_dir), UnlockGate(data_dir))
        exits: list[bool] = []
        ui = ExamApp(kiosk, locale=locale, windowed=windowed, app=qapp, restored=restored,
                     guard_options={"platform": "other", "probe": probe or FakeProbe(), "processes": FakeProcesses()},
                     on_exit=lambda: exits.append(True))
        ui.start()
        started.append(ui)
        driver = ExamDriver(qtbot, ui)
        driver.exits = exits
        return driver

    yield start
    for ui in started:
        ui.close()


def test_an_exam_from_check_in_to_the_receipt(exam, qtbot):
    from tests.guard.fakes import OWN, XTERM, FakeProbe

    probe = FakeProbe()
    d = exam("fr", probe=probe)
    started = d.guard_events("guard-started")[0]
    assert d.guard.active and started["platform"] == "other"
    assert started["applied"] == ["clipboard", "focus", "processes", "process-timer", "heartbeat"]  # windowed
    assert d.window.windowTitle() == "Pupitre — examen"
    d.exam_check_in()
    d.wait_state(State.AWAITING_AUTHORISATION)
    waiting = d.page(State.AWAITING_AUTHORISATION)
    panel = waiting.invigilator
    assert waiting.heading.text() == "En attente du surveillant" and not waiting.primary.isVisible()
    qtbot.waitUntil(lambda: panel.code.hasFocus())  # keyboard only: the field is ready
    assert panel.code.echoMode() is QLineEdit.EchoMode.Password
    assert panel.code.accessibleName() == "Code de déverrouillage du surveillant"
    assert waiting.allow_button.text() == "Autoriser le début du test"

    d.type_code(panel, "pas-le-bon-code")
    assert d.session.state is State.AWAITING_AUTHORISATION
    assert panel.feedback.isVisible() and panel.feedback.text() == "⚠ Code incorrect."
    assert panel.code.text() == "" and panel.code.hasFocus()
    assert "⚠ Code incorrect." in panel.code.accessibleDescription()
    wrong = d.guard_events("unlock-code-wrong")
    assert [(w["purpose"], w["failures"]) for w in wrong] == [("start", 1)]

    d.type_code(panel, UNLOCK)
    d.wait_state(State.INSTRUCTIONS)
    kinds = [e.kind for e in d.session.events]
    assert kinds.index("authorised") < kinds.index("environment-checked") < len(kinds)
    authorised = next(e.payload for e in d.session.events if e.kind == "authorised")
    assert authorised["by"] == BY and d.guard_events("unlock-code-accepted")[0]["purpose"] == "start"
    checked = next(e.payload for e in d.session.events if e.kind == "environment-checked")
    assert checked["blocking"] is False  # the guard's own check (a virtual machine would only warn)

    d.start()
    left = False
    while d.session.state in (State.QUESTION, State.FOCUS_WARNING):
        d.to_question()
        if not left and d.session.question.item.mode.value == "focus":
            left = True
            probe.switch(XTERM)  # the candidate leaves during a focus question
            qtbot.waitUntil(lambda: d.session.question.focus_out, timeout=2000)
            probe.switch(OWN)
        d.answer_current()
    d.wait_state(State.SUBMITTED)
    assert left
    lost = next(e.payload for e in d.session.events if e.kind == "focus-lost")
    assert lost["counted"] is True and lost["detail"].startswith("xterm")
    assert d.guard_events("focus-returned")

    end = d.page(State.SUBMITTED)
    assert end.receipt_label.text() == d.session.receipt and d.session.receipt
    assert end.findChild(QLineEdit, "invigilator-code") is end.invigilator.code
    assert not end.quit_button.isVisible()  # the candidate cannot close the kiosk
    end.invigilator.code.setFocus()
    d.type_code(end.invigilator, "pas-le-bon-code")
    assert d.exits == [] and d.guard.active
    d.type_code(end.invigilator, UNLOCK)
    assert d.exits == [True] and not d.guard.active
    assert d.guard_events("unlock-code-accepted")[-1]["purpose"] == "exit"
    assert d.guard_events("guard-stopped")[0]["failures"] == []


def test_a_reported_problem_waits_for_the_invigilators_code(exam, qtbot):
    d = exam("fr")
    d.exam_check_in()
    d.allow()
    d.start()
    d.to_question()
    first = d.session.question.item.id
    d.click(d.question().report_button)
    qtbot.waitUntil(lambda: d.question().dialog is not None and d.question().dialog.isVisible())
    d.question().dialog.comment.insertPlainText("L'image ne s'affiche pas")
    d.confirm_dialog(accept=True)
    d.wait_state(State.PROBLEM_REPORTED)
    page = d.page(State.PROBLEM_REPORTED)
    panel = page.invigilator
    assert "Commentaire du candidat\u00a0: «\u202fL'image ne s'affiche pas\u202f»" in page.details.text()
    assert [b.text() for b in panel.buttons] == ["Remplacer la question", "Garder la question"]

    d.type_code(panel, "pas-le-bon-code", enter=False)
    d.click(page.keep_button)
    assert d.session.state is State.PROBLEM_REPORTED and panel.feedback.text() == "⚠ Code incorrect."
    assert d.guard_events("unlock-code-wrong")[-1]["purpose"] == "problem-dismissed"

    d.type_code(panel, UNLOCK)  # Enter with two choices: on to the first, nothing decided yet
    assert page.replace_button.hasFocus() and d.session.state is State.PROBLEM_REPORTED
    qtbot.keyClick(page.replace_button, Qt.Key.Key_Tab)
    assert page.keep_button.hasFocus()
    qtbot.keyClick(page.keep_button, Qt.Key.Key_Space)
    d.wait_state(State.QUESTION)
    assert d.session.question.item.id == first and d.session.number == 1

    d.click(d.question().report_button)
    d.confirm_dialog(accept=True)
    d.wait_state(State.PROBLEM_REPORTED)
    d.type_code(panel, UNLOCK, enter=False)
    d.click(page.replace_button)
    d.wait_state(State.QUESTION, State.FOCUS_WARNING)
    assert d.session.number == 1 and (d.session.question is None or d.session.question.item.id != first)
    resolved = [(e.payload["validated"], e.payload["by"]) for e in d.session.events if e.kind == "problem-resolved"]
    assert resolved == [(False, BY), (True, BY)]


def die(driver: ExamDriver) -> None:
    """The kiosk process dies here: nothing more is written, and what dies with it is gone."""
    ui = driver.ui
    ui.bridge.stop()
    guard = ui.guard
    guard.active = False
    guard.sequence.revert_all()
    guard._remove_exit_paths()
    ui.window.hide()


def left_by_a_dead_kiosk(data_dir) -> None:
    """The crash record an X11 kiosk leaves when it is killed (its display long gone here)."""
    process = subprocess.Popen(["true"])
    process.wait()
    record = {"pid": process.pid, "started": 0.0, "written": 0.0,
              "measures": [{"measure": "x11-keyboard-grab", "data": {"display": ":9999"}}]}
    (data_dir / STATE_FILE).write_text(json.dumps(record), encoding="utf-8")


def test_after_a_crash_only_the_invigilators_code_resumes_the_test(exam, tmp_path, qtbot):
    data_dir = tmp_path / "data"
    first = exam("fr", data_dir=data_dir)
    first.exam_check_in()
    first.allow()
    first.start()
    first.answer_current()
    first.to_question()
    on_screen = first.session.question.item.id
    die(first)
    left_by_a_dead_kiosk(data_dir)

    second = exam("en", data_dir=data_dir)  # the next start, on the same data directory
    assert second.ui.attempt.restored and second.session.locale == "fr"
    assert not (data_dir / STATE_FILE).exists()
    restored = second.guard_events("crash-restored")[0]
    assert restored["measures"] == ["x11-keyboard-grab"] and restored["reports"][0]["restored"] is True
    second.wait_state(State.AWAITING_AUTHORISATION)
    waiting = second.page(State.AWAITING_AUTHORISATION)
    assert waiting.heading.text() == "Test interrompu" and not waiting.primary.isVisible()
    assert waiting.allow_button.text() == "Autoriser la reprise"

    second.type_code(waiting.invigilator, "pas-le-bon-code")
    assert second.session.state is State.AWAITING_AUTHORISATION
    assert second.guard_events("unlock-code-wrong")[-1]["purpose"] == "resume"
    second.type_code(waiting.invigilator, UNLOCK)
    second.wait_state(State.QUESTION)
    assert second.session.question.item.id == on_screen and second.session.number == 2
    authorised = [e.payload for e in second.session.events if e.kind == "authorised"]
    assert (authorised[-1]["by"], authorised[-1]["resume"]) == (BY, True)
    assert any(e.kind == "recovered" for e in second.session.events)


def test_normal_exit_gives_the_workstation_back(exam):
    d = exam("fr", windowed=False)
    window, guard = d.window, d.guard
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint and window.isFullScreen()
    assert guard.sequence.applied[0].name == "shell"
    window.close()
    assert window.isVisible()  # the candidate cannot close the exam
    flags = []
    stop = guard.stop

    def stopping():  # what the window is once the guard has let go of it (the window goes next)
        stop()
        flags.append(window.windowFlags())

    guard.stop = stopping
    d.ui.close()
    assert not guard.active and not guard._signals
    assert not flags[0] & Qt.WindowType.WindowStaysOnTopHint and not flags[0] & Qt.WindowType.FramelessWindowHint
    assert d.guard_events("guard-stopped")


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_the_exam_screens_speak_one_language_and_name_their_controls(exam, qtbot, locale):
    d = exam("fr")
    seen: dict[str, set[str]] = {}
    unnamed: dict[str, list[str]] = {}

    def grab(name):
        qtbot.wait(20)
        seen[name] = visible_texts(d.window)
        unnamed[name] = unnamed_controls(d.window)

    d.exam_check_in(locale=locale)
    d.wait_state(State.AWAITING_AUTHORISATION)
    panel = d.page(State.AWAITING_AUTHORISATION).invigilator
    grab("waiting")
    for _ in range(3):
        d.type_code(panel, "pas-le-bon-code")
    grab("wrong code")
    d.type_code(panel, UNLOCK)
    assert panel.feedback.text().startswith("⚠ Trop de codes erronés" if locale == "fr" else "⚠ Too many wrong")
    grab("too many codes")
    d.qtbot.wait(2100)
    d.type_code(panel, UNLOCK)
    d.start()
    d.to_question()
    grab("question")
    d.click(d.question().report_button)
    d.confirm_dialog(accept=True)
    d.wait_state(State.PROBLEM_REPORTED)
    grab("problem")
    problem = d.page(State.PROBLEM_REPORTED)
    d.type_code(problem.invigilator, UNLOCK, enter=False)
    d.click(problem.keep_button)
    d.play_to_end()
    grab("end")
    forbidden = foreign_patterns(locale)
    leaks = sorted({(screen, text) for screen, texts in seen.items() for text in texts
                    for foreign, regex in forbidden if regex.match(text)})
    assert leaks == []
    assert {k: v for k, v in unnamed.items() if v} == {}  # every control has a name for screen readers
    assert ("Réservé au surveillant" if locale == "fr" else "For the invigilator") in seen["waiting"]


def test_exam_mode_refuses_to_start_without_an_unlock_code(center, tmp_path, capsys, qapp):
    code = kiosk_main(bank_options(center, tmp_path / "data"))
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert "no unlock code is set for this kiosk" in err and "pupitre-kiosk set-unlock-code" in err


def test_exam_options():
    from kiosk.app import parse_args

    args = parse_args(["--exam", "--bank", "b.pbank", "--key", "c.key", "--trust", "p.pub", "--windowed"])
    assert args.exam and not args.practice and str(args.key) == "c.key"
    assert parse_args(["--exam"]).bank is None  # an enrolled kiosk: the console delivers the bank
    for wrong in (["--exam", "--demo"], ["--exam", "--practice", "--bank", "b"], ["--practice", "--bank", "b",
                                                                                  "--key", "c.key"],
                  ["--exam", "--key", "c.key"], ["--practice"]):
        with pytest.raises(SystemExit):
            parse_args(wrong)


def test_a_wrong_center_key_passphrase_is_said_in_one_sentence(center, tmp_path, capsys, qapp, monkeypatch):
    monkeypatch.setenv("PUPITRE_UNLOCK_CODE", UNLOCK)
    assert cli.main(["set-unlock-code", "--data-dir", str(tmp_path / "data")]) == 0
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not it", encoding="utf-8")
    options = bank_options(center, tmp_path / "data")
    options[options.index("--key-passphrase-file") + 1] = str(wrong)
    code = kiosk_main(options)
    err = capsys.readouterr().err
    assert code == 2 and "wrong passphrase" in err and "Traceback" not in err


def test_an_exam_bank_needs_a_key_or_its_passphrase(center, tmp_path, capsys, qapp, monkeypatch):
    monkeypatch.setenv("PUPITRE_UNLOCK_CODE", UNLOCK)
    monkeypatch.delenv("PUPITRE_BANK_PASSPHRASE", raising=False)
    assert cli.main(["set-unlock-code", "--data-dir", str(tmp_path / "data")]) == 0
    options = bank_options(center, tmp_path / "data")
    at = options.index("--key")
    del options[at:at + 4]  # neither --key nor its passphrase file
    assert kiosk_main(options) == 2
    err = capsys.readouterr().err
    assert "--key CENTER.key" in err and "--passphrase-file" in err and "Traceback" not in err


def test_set_unlock_code_then_the_real_start_up_and_the_invigilators_exit(center, tmp_path, capsys, qapp,
                                                                          monkeypatch):
    data_dir = tmp_path / "data"
    monkeypatch.delenv("PUPITRE_UNLOCK_CODE", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert cli.main(["set-unlock-code", "--data-dir", str(data_dir)]) == 2
    assert "PUPITRE_UNLOCK_CODE" in capsys.readouterr().err
    monkeypatch.setenv("PUPITRE_UNLOCK_CODE", "aaaaaa")
    assert cli.main(["set-unlock-code", "--data-dir", str(data_dir)]) == 2  # too weak
    assert "at least 6 characters and 3 different ones" in capsys.readouterr().err
    monkeypatch.setenv("PUPITRE_UNLOCK_CODE", UNLOCK)
    assert cli.main(["set-unlock-code", "--data-dir", str(data_dir)]) == 0
    assert "is set" in capsys.readouterr().out
    stored = (data_dir / UNLOCK_FILE).read_text(encoding="utf-8")
    assert UNLOCK not in stored and oct((data_dir / UNLOCK_FILE).stat().st_mode & 0o777) == "0o600"

    apps: list[ExamApp] = []
    real_start = ExamApp.start

    def start(self, *args, **kwargs):
        apps.append(self)
        real_start(self, *args, **kwargs)
        QTimer.singleShot(0, leave)

    def leave():  # once the window shows, the invigilator leaves exam mode with their code
        ui = apps[0]
        assert ui.guard.active and ui.attempt.session.state is State.CHECK_IN
        assert ui.close_with_code(UNLOCK).accepted

    monkeypatch.setattr(ExamApp, "start", start)
    monkeypatch.setattr("kiosk.exam.report_start_error", lambda message: pytest.fail(message))
    stuck = QTimer()  # should the exit fail, the event loop still ends (and the test with it)
    stuck.setSingleShot(True)
    stuck.timeout.connect(lambda: qapp.exit(99))
    stuck.start(30_000)
    try:
        assert kiosk_main([*bank_options(center, data_dir), "--windowed"]) == 0
    finally:
        stuck.stop()
    ui = apps[0]
    assert not ui.guard.active and ui.window is None
    payloads = [e.payload for e in ui.attempt.session.events if e.kind == "guard"]
    assert [p["type"] for p in payloads][-2:] == ["unlock-code-accepted", "guard-stopped"]
    assert not (data_dir / STATE_FILE).exists() and os.environ.get("PUPITRE_UNLOCK_CODE") == UNLOCK


@pytest.mark.parametrize(("locale", "message"), [("fr", "⚠ Obligatoire."), ("en", "⚠ Required.")])
def test_an_exam_check_in_with_an_empty_session_number_and_access_code_is_refused(exam, locale, message):
    d = exam(locale)
    d.check_in()  # name and date of birth only
    screen = d.page(State.CHECK_IN)
    assert d.session.state is State.CHECK_IN
    for key in ("session_number", "access_code"):
        assert screen.problems[key].isVisible() and screen.problems[key].text() == message


# -- the screen-reader accommodation ---------------------------------------------------------------
EXAM_CANDIDATE = Candidate("Martin", "Léa", dt.date(2009, 5, 17), "12345", "PVXB89")


def test_the_exam_grants_the_tools_once_the_candidate_with_the_accommodation_checks_in(exam):
    d = exam("fr")
    d.wait_state(State.CHECK_IN)
    assert d.guard.granted == ()
    reader = dataclasses.replace(EXAM_CANDIDATE, accommodations=(SCREEN_READER,))
    d.ui.bridge.run(d.session.submit_check_in, reader, "fr")
    d.qtbot.waitUntil(lambda: [t.id for t in d.guard.granted] == ["orca", "nvda"])
    granted = [p for p in d.guard_events("assistive-granted")]
    assert granted and granted[-1]["tools"] == ["orca", "nvda"] and granted[-1]["by"] == "candidate-profile"
