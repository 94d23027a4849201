"""Screenshots of every kiosk screen, in French and English, at 1366×768.

Drives the real interface (offscreen) on the demo bank, with the real engine and journal, and
writes ``docs/screenshots/kiosk/<locale>-NN-<screen>.png``. The practice test uses a seed found
by simulating the engine first, so that the run meets the five item types and a free question
with documents; the candidate answers right and wrong in turn, skips one question and reports
one problem. Exam-mode screens (check-in with codes, the invigilator's code, the receipt) use
the exam composition, the invigilator's code typed by this script.

    .venv/bin/python packaging/screenshots.py [--out DIR] [--locale fr --locale en]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QPoint, Qt  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QWidget  # noqa: E402

from itembank.answers import reference_responses  # noqa: E402
from itembank.model import ItemType, Mode, Outcome  # noqa: E402
from itembank.pbank import open_bank  # noqa: E402
from kiosk.app import PracticeApp, PracticeKiosk, demo_bank  # noqa: E402
from kiosk.core.candidate import Candidate  # noqa: E402
from kiosk.core.session import State  # noqa: E402

SIZE = (1366, 768)
PROFILE = "practice-short"
REPORT_AT, SKIP_AT = 4, 3  # question numbers where the candidate reports a problem, skips
EXAM_CODE = "surveillant-2026"


@dataclass(frozen=True)
class BankFile:
    path: Path
    passphrase: str
    trusted: list

    def open(self):
        return open_bank(self.path, self.trusted, passphrase=self.passphrase)


class ShiftedClock:
    """The system clock plus an offset, to show the last five minutes without waiting for them."""

    def __init__(self) -> None:
        self.offset = 0.0

    def monotonic(self) -> float:
        return time.monotonic() + self.offset

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) + dt.timedelta(seconds=self.offset)


def right_answer(number: int) -> bool:
    return number % 3 != 2


def simulate(bank, kiosk: PracticeKiosk, seed: int) -> list[str]:
    """The items the real engine shows with this seed and the script's answers."""
    test = kiosk.engine(seed)
    shown, number = [], 1
    while not test.finished:
        item = test.next_item()
        if item is None:
            break
        shown.append(item)
        if number == REPORT_AT and len(shown) == number:
            test.neutralise(item)
            continue
        outcome = Outcome.SKIPPED if number == SKIP_AT else Outcome.OK if right_answer(number) else Outcome.KO
        test.record(item, outcome)
        number += 1
    return shown


def find_seed(bank, kiosk: PracticeKiosk, tries: int = 1500) -> int:
    """A seed whose test meets every item type, a free question with documents early, a focus
    question first, and as many kinds of document (image, PDF, CSV, text) as can be found."""
    metas = {m.id: m for m in bank.metas}
    best, best_score = None, -1
    for seed in range(tries):
        items = [metas[i] for i in simulate(bank, kiosk, seed)]
        types = {i.type for i in items}
        free_files = [i for i in items[:6] if i.mode is Mode.FREE and i.attachments]
        if types != set(ItemType) or not free_files or items[0].mode is not Mode.FOCUS:
            continue
        kinds = {_viewer(name) for i in items for name in i.attachments} - {None}
        focus_wrong = any(m.mode is Mode.FOCUS for n, m in enumerate(items, 1) if not right_answer(n) and n != SKIP_AT)
        score = len(kinds) + focus_wrong
        if score > best_score:
            best, best_score = seed, score
        if score == 5:
            break
    if best is None:
        raise SystemExit("no seed shows every item type within the short profile; widen the search")
    return best


# -- driving the interface ------------------------------------------------------------------------
def pump(ms: int = 30) -> None:
    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < ms:
        QCoreApplication.processEvents()
        time.sleep(0.002)


def click(widget: QWidget) -> None:
    pump(10)
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(widget.width() // 2, widget.height() // 2))
    pump(40)


def wait_state(session, *states: State, timeout: float = 5.0) -> None:
    end = time.monotonic() + timeout
    while session.state not in states:
        if time.monotonic() > end:
            raise RuntimeError(f"still in {session.state} after {timeout} s, waiting for {states}")
        pump(10)
    pump(60)


class Shooter:
    def __init__(self, out: Path, locale: str):
        self.out, self.locale, self.count, self.files = out, locale, 0, []

    def shot(self, window: QWidget, name: str, dialog: QDialog | None = None) -> None:
        pump(80)
        self.count += 1
        image = window.grab()
        if dialog is not None:
            image = compose(image, dialog)
        path = self.out / f"{self.locale}-{self.count:02d}-{name}.png"
        image.save(str(path))
        self.files.append(path)


def compose(background: QPixmap, dialog: QDialog) -> QPixmap:
    """The window dimmed, with the dialog drawn at its centre (offscreen windows have no desktop)."""
    front = dialog.grab()
    result = QPixmap(background)
    painter = QPainter(result)
    painter.fillRect(result.rect(), QColor(0, 0, 0, 110))
    x = (result.width() - front.width()) // 2
    y = (result.height() - front.height()) // 2
    painter.drawPixmap(x, y, front)
    painter.end()
    return result


def answer(session, screen, right: bool) -> None:
    item = session.question.item
    widget = screen.answer
    if item.type is ItemType.QCU:
        wrong = next(k for k in item.proposal_keys if k != item.solution[0])
        click(widget.buttons[item.solution[0] if right else wrong])
    elif item.type is ItemType.QCM:
        keys = item.solution if right else [k for k in item.proposal_keys if k not in item.solution][:1]
        for key in keys:
            click(widget.buttons[key])
    else:
        values = reference_responses(item, session.locale)[0]
        for key, edit in widget.inputs.items():
            edit.setFocus()
            edit.insert(values[key] if right else "?")
    pump(30)


def practice_run(bank_file: BankFile, locale: str, shooter: Shooter, data: Path) -> None:
    clock = ShiftedClock()
    bank = bank_file.open()
    kiosk = PracticeKiosk(bank, PROFILE, data, clock)
    seed = find_seed(bank, kiosk)
    ui = PracticeApp(kiosk, locale="fr", windowed=True)
    ui.start(kiosk.new_attempt(seed))
    window, session = ui.window, ui.attempt.session
    window.resize(*SIZE)
    wait_state(session, State.CHECK_IN)
    checkin = window.pages[State.CHECK_IN]
    if locale != "fr":
        click(checkin.language_buttons[locale])
    shooter.shot(window, "check-in")
    click(checkin.submit_button)
    shooter.shot(window, "check-in-errors")
    for key, value in (("last_name", "Martin"), ("first_name", "Léa"), ("birth_date", "17/05/2009")):
        checkin.inputs[key].clear()
        checkin.inputs[key].insert(value)
    click(checkin.submit_button)
    wait_state(session, State.INSTRUCTIONS)
    shooter.shot(window, "instructions")
    click(window.pages[State.INSTRUCTIONS].primary)
    seen: set[str] = set()
    viewers: set[str] = set()
    screen = window.pages[State.QUESTION]
    while session.state in (State.QUESTION, State.FOCUS_WARNING):
        if session.state is State.FOCUS_WARNING:
            if "focus-warning" not in seen:
                seen.add("focus-warning")
                shooter.shot(window, "focus-warning")
            click(window.pages[State.FOCUS_WARNING].primary)
            wait_state(session, State.QUESTION)
            continue
        number, item = session.question.number, session.question.item
        if number == REPORT_AT and "report" not in seen:
            seen.add("report")
            click(screen.report_button)
            screen.dialog.comment.insertPlainText("L'image ne s'affiche pas." if locale == "fr"
                                                  else "The picture does not show.")
            shooter.shot(window, "report-problem", screen.dialog)
            click(screen.dialog.confirm_button)
            wait_state(session, State.QUESTION, State.FOCUS_WARNING)
            if session.state is State.QUESTION:
                shooter.shot(window, "question-replaced")
            continue
        if number == SKIP_AT:
            click(screen.skip_button)
            shooter.shot(window, "skip-confirm", screen.dialog)
            click(screen.dialog.confirm_button)
            continue
        kind = f"question-{item.type.value}"
        if kind not in seen:
            seen.add(kind)
            shooter.shot(window, kind)
        if len(item.fields) >= 2 and "empty-box" not in seen:
            seen.add("empty-box")  # one box filled, the other forgotten: the kiosk asks
            first = next(iter(screen.answer.inputs.values()))
            first.setFocus()
            first.insert("1")
            click(screen.validate_button)
            shooter.shot(window, "empty-box-confirm", screen.dialog)
            click(screen.dialog.cancel_button)
            first.clear()
        if item.mode is Mode.FREE and item.attachments and "attachments" not in seen:
            seen.add("attachments")
            screen.scroll.ensureWidgetVisible(screen.answer)
            shooter.shot(window, "question-free-documents")
        for ref in item.attachments:
            kind_of = _viewer(ref.file)
            if kind_of and kind_of not in viewers:
                viewers.add(kind_of)
                screen.open_viewer(ref.file, ref.title.get(session.locale) if ref.title else ref.file)
                pump(300)
                viewer = window.findChildren(QDialog, "attachmentViewer")[-1]
                shooter.shot(window, f"viewer-{kind_of}", viewer)
                if kind_of == "csv":
                    click(viewer.raw_toggle)
                    shooter.shot(window, "viewer-csv-raw", viewer)
                viewer.accept()
                pump(50)
        if number == 6 and "zoom" not in seen:
            seen.add("zoom")
            for _ in range(10):
                ui.theme.zoom_in()
            shooter.shot(window, "question-zoom-200")
            ui.theme.reset_zoom()
            ui.theme.set_high_contrast(True)
            shooter.shot(window, "question-high-contrast")
            ui.theme.set_high_contrast(False)
        if number == 7 and "pause" not in seen:
            seen.add("pause")
            click(window.pause_button)
            shooter.shot(window, "pause")
            click(window.pages[State.PAUSED].primary)
            session.lock("environment")
            pump(50)
            shooter.shot(window, "locked")
            click(window.pages[State.LOCKED].primary)
            wait_state(session, State.QUESTION)
        if item.mode is Mode.FOCUS and not right_answer(number) and "focus-left" not in seen:
            seen.add("focus-left")  # a wrong answer anyway: the engine's path stays the one simulated
            session.focus_lost("another application")
            shooter.shot(window, "question-focus-left")
            session.focus_regained()
        if number == 10 and "csv" not in viewers:
            viewers.add("csv")  # no CSV on this run's path: the viewer shown on one of the bank's
            name = next(n for m in bank.metas for n in m.attachments if _viewer(n) == "csv")
            screen.open_viewer(name, name)
            pump(300)
            viewer = window.findChildren(QDialog, "attachmentViewer")[-1]
            shooter.shot(window, "viewer-csv", viewer)
            click(viewer.raw_toggle)
            shooter.shot(window, "viewer-csv-raw", viewer)
            viewer.accept()
            pump(50)
        if number == 9 and "failure" not in seen:
            seen.add("failure")  # what a journal that cannot be written shows, then the detail
            window.bridge.failed.emit("journal: disk I/O error (sqlite3.OperationalError)")
            pump(50)
            shooter.shot(window, "technical-error")
            click(window.failure.detail_toggle)
            shooter.shot(window, "technical-error-details")
            click(window.failure.primary)
            window.close()  # the candidate closes the practice window: asked first
            pump(50)
            dialog = window.findChild(QDialog, "closeConfirm")
            shooter.shot(window, "close-confirm", dialog)
            click(dialog.cancel_button)
        if number == 8 and "timer" not in seen:
            seen.add("timer")
            session.add_time(by="invigilator", minutes=10)
            clock.offset += session.remaining() - 4 * 60 - 12
            session.tick()
            window.bridge.ticked.emit()
            shooter.shot(window, "question-last-minutes")
        answer(session, screen, right_answer(number))
        click(screen.validate_button)
    wait_state(session, State.SUBMITTED)
    end = window.pages[State.SUBMITTED]
    shooter.shot(window, "results")
    if end.chart is not None:
        end.scroll.ensureWidgetVisible(end.chart, 0, 0)
        end.scroll.verticalScrollBar().setValue(end.chart.y() - 40)
        shooter.shot(window, "results-domains")
        end.scroll.verticalScrollBar().setValue(end.chart.y() + end.chart.height())
        shooter.shot(window, "results-review")
    ui.close()


def resume_run(bank_file: BankFile, locale: str, shooter: Shooter, data: Path) -> None:
    """A test interrupted at its first question, then a new kiosk on the same data directory."""
    kiosk = PracticeKiosk(bank_file.open(), PROFILE, data)
    ui = PracticeApp(kiosk, locale=locale, windowed=True)
    attempt = kiosk.new_attempt(7)
    ui.start(attempt)
    session = attempt.session
    wait_state(session, State.CHECK_IN)
    session.submit_check_in(Candidate("Martin", "Léa", dt.date(2009, 5, 17)), locale)
    wait_state(session, State.INSTRUCTIONS)
    session.start_test()
    ui.bridge.stop()
    ui.window.hide()
    second = PracticeApp(PracticeKiosk(bank_file.open(), PROFILE, data), locale="fr", windowed=True)
    second.start()
    second.window.resize(*SIZE)
    wait_state(second.attempt.session, State.AWAITING_AUTHORISATION)
    shooter.shot(second.window, "resume")
    second.close()
    ui.close()


def exam_run(bank_file: BankFile, locale: str, shooter: Shooter, data: Path) -> None:
    """Exam mode at the workstation: check-in with codes, the invigilator's code on the waiting
    screen, a reported problem waiting for the invigilator, the guard's lock screen and focus
    notice, the receipt. The guard runs in a
    window (no shell) and prohibits nothing here: this script must never close a program."""
    from kiosk.exam import ExamApp, ExamKiosk
    from kiosk.guard import UnlockGate, set_unlock_code
    from kiosk.guard.policy import GuardPolicy
    from protocol.keys import ScryptParams

    set_unlock_code(data, EXAM_CODE, ScryptParams(n=2**14))
    kiosk = ExamKiosk(PracticeKiosk(bank_file.open(), PROFILE, data), UnlockGate(data))
    policy = GuardPolicy.from_dict({"processes": {"prohibited_categories": []}, "remote_session": "warn"})
    ui = ExamApp(kiosk, locale=locale, windowed=True, policy=policy, on_exit=lambda: None)
    attempt = kiosk.new_attempt(11)
    ui.start(attempt)
    window, session = ui.window, attempt.session
    window.resize(*SIZE)
    wait_state(session, State.CHECK_IN)
    shooter.shot(window, "exam-check-in")
    session.submit_check_in(Candidate("Martin", "Léa", dt.date(2009, 5, 17), "12345", "PVXB89"), locale)
    wait_state(session, State.AWAITING_AUTHORISATION)
    panel = window.pages[State.AWAITING_AUTHORISATION].invigilator
    panel.code.setFocus()
    shooter.shot(window, "exam-waiting")
    panel.code.insert("not-the-code")
    click(window.pages[State.AWAITING_AUTHORISATION].allow_button)
    shooter.shot(window, "exam-waiting-wrong-code")
    attempt.authority.authorise(EXAM_CODE)
    wait_state(session, State.INSTRUCTIONS)
    session.start_test()
    if session.state is State.FOCUS_WARNING:
        session.acknowledge_focus_warning()
    session.report_problem("L'image ne s'affiche pas." if locale == "fr" else "The picture does not show.")
    wait_state(session, State.PROBLEM_REPORTED)
    window.pages[State.PROBLEM_REPORTED].invigilator.code.setFocus()
    shooter.shot(window, "exam-problem-reported")
    attempt.authority.resolve_problem(EXAM_CODE, validated=False)
    wait_state(session, State.QUESTION)
    session.lock("prohibited-process")  # what the process guard does when a program will not close
    wait_state(session, State.LOCKED)
    pump(100)
    ui.guard.lock_screen.code.insert("not-the-code")
    ui.guard.lock_screen.try_code()
    shooter.shot(window, "exam-locked")
    session.unlock(by="invigilator")
    wait_state(session, State.QUESTION)
    while session.state is State.QUESTION and session.question.item.mode is not Mode.FOCUS:
        session.skip()  # on to a focus question, where leaving the window counts
        if session.state is State.FOCUS_WARNING:
            session.acknowledge_focus_warning()
    pump(100)
    ui.guard.notice.appear()  # what the focus watcher shows after a focus question was left
    pump(100)
    shooter.shot(window, "exam-focus-notice")
    ui.guard.notice.hide()
    session.end("candidate", by="invigilator")
    wait_state(session, State.SUBMITTED)
    shooter.shot(window, "exam-end-receipt")
    ui.close()


def _viewer(name: str) -> str | None:
    from kiosk.ui.qt_attachments import viewer_kind

    return viewer_kind(name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots" / "kiosk")
    parser.add_argument("--locale", action="append", choices=("fr", "en"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.png"):
        old.unlink()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="pupitre-shots-") as tmp:
        bank_file = BankFile(*demo_bank(Path(tmp)))
        total = []
        for locale in args.locale or ["fr", "en"]:
            shooter = Shooter(args.out, locale)
            for run in (practice_run, resume_run, exam_run):
                run(bank_file, locale, shooter, Path(tempfile.mkdtemp(dir=tmp)))
            total += shooter.files
    del app
    for path in total:
        print(path.relative_to(ROOT))
    print(f"{len(total)} screenshots in {args.out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
