"""A kiosk for real-window tests: an exam session on its first question, a main window, the guard.

Run by ``harness.Kiosk`` with QT_QPA_PLATFORM=xcb under Xvfb. Journal events go to
``journal.jsonl`` in the data directory (one JSON object a line, written and fsynced before the
session goes on, with ``t_mono`` from the system-wide monotonic clock). Commands arrive on stdin,
one a line; each gets one JSON line on stdout.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import os
import sys
import time
from typing import Any

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from itembank.model import Mode
from itembank.profile import ExamProfile
from itembank.synth import synthetic_bank
from kiosk.clock import SystemClock
from kiosk.core.candidate import Candidate
from kiosk.core.events import Event
from kiosk.core.session import AttemptInfo, AttemptMode, ExamSession, State
from kiosk.guard import restore_after_crash, set_unlock_code
from kiosk.guard.guard import Guard
from kiosk.guard.policy import GuardPolicy
from kiosk.ui.qt_refcount import QtRefcountKeeper
from protocol.keys import ScryptParams
from tests.kiosk.fakes import ManualAuthority, RecordingSink, SequentialEngine, SourceItems

UNLOCK_CODE = "surveillant-2026"


class FileJournal:
    """Appends each event to a JSONL file and fsyncs it, as a durable journal would."""

    def __init__(self, path: str):
        self._handle = open(path, "a", encoding="utf-8")  # noqa: SIM115 - kept open for the process's life
        self._seq = 0
        self._events: list[Event] = []

    def append(self, kind: str, payload: dict[str, Any]) -> Event:
        self._seq += 1
        mono = time.monotonic()
        event = Event(self._seq, kind, dict(payload), mono, dt.datetime.now(dt.UTC))
        self._handle.write(json.dumps({"seq": self._seq, "kind": kind, "payload": payload, "t_mono": mono}) + "\n")
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._events.append(event)
        return event

    def checkpoint(self, elapsed: float, wall: dt.datetime) -> None:
        pass

    @contextlib.contextmanager
    def transaction(self):
        yield  # every append is already on disk

    def durable_state(self):
        return list(self._events), None


def build_session(mode: str, journal: FileJournal) -> ExamSession:
    source = synthetic_bank(96, seed=11)
    wanted = Mode.FOCUS if mode == "focus" else Mode.FREE
    source.items = [dataclasses.replace(item, mode=wanted, time_limit=None) for item in source.items]
    bank = SourceItems(source)
    profile = ExamProfile(length=6, duration_minutes=60, min_treated=1)
    attempt = AttemptInfo("att-x11", AttemptMode.EXAM, 7, {"id": "synth", "version": 1}, profile, "kiosk-x11")
    return ExamSession(attempt=attempt, bank=bank, engine_factory=lambda seed: SequentialEngine(bank.metas, 6, seed),
                       journal=journal, clock=SystemClock(), authority=ManualAuthority(), results=RecordingSink())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--mode", choices=("focus", "free"), default="focus")
    parser.add_argument("--policy", default="{}")
    parser.add_argument("--grant", action="append", default=[])
    args = parser.parse_args()

    app = QApplication(sys.argv[:1])
    QtRefcountKeeper.install(app)  # PySide6 6.12.0 on Python 3.11, as the kiosk does
    restored = restore_after_crash(args.data_dir)
    set_unlock_code(args.data_dir, UNLOCK_CODE, ScryptParams(n=2**14))
    journal = FileJournal(os.path.join(args.data_dir, "journal.jsonl"))
    session = build_session(args.mode, journal)
    window = QMainWindow()
    window.setWindowTitle("Pupitre (test)")
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.addWidget(QLabel("Question"))
    answer = QLineEdit()
    layout.addWidget(answer)
    combo = QComboBox()
    combo.addItems(["A", "B", "C"])
    layout.addWidget(combo)
    window.setCentralWidget(central)
    policy = GuardPolicy.from_dict(json.loads(args.policy))
    guard = Guard(session, window, policy, SystemClock(), data_dir=args.data_dir, accommodations=args.grant,
                  restored=restored, on_exit=app.quit)
    window.show()

    session.open_check_in()
    session.submit_check_in(Candidate("Martin", "Léa", dt.date(2009, 5, 17), "12345", "PVXB89"), "fr")
    session.authorise(by="invigilator")
    guard.start()
    findings, blocking = guard.check_environment()
    session.environment_checked(findings, blocking)
    if session.state is State.INSTRUCTIONS:
        session.start_test()
    if session.state is State.FOCUS_WARNING:
        session.acknowledge_focus_warning()
    dialogs: list[QWidget] = []

    def say(data: dict[str, Any]) -> None:
        sys.stdout.write(json.dumps(data) + "\n")
        sys.stdout.flush()

    def handle(line: str) -> None:
        command, _, rest = line.strip().partition(" ")
        if command == "dialog":
            box = QMessageBox(QMessageBox.Icon.Information, "Pupitre", "Un message du kiosque.",
                              QMessageBox.StandardButton.Ok, window)
            box.setModal(False)
            box.show()
            box.activateWindow()
            dialogs.append(box)
            say({"ok": True, "window": int(box.windowHandle().winId())})
        elif command == "viewer":
            viewer = QDialog(window)
            viewer.setWindowTitle("Pièce jointe")
            browser = QTextBrowser(viewer)
            browser.setHtml("<h1>document.pdf</h1><p>…</p>")
            QVBoxLayout(viewer).addWidget(browser)
            viewer.resize(640, 480)
            viewer.show()
            viewer.activateWindow()
            dialogs.append(viewer)
            say({"ok": True, "window": int(viewer.windowHandle().winId())})
        elif command == "close-dialogs":
            for dialog in dialogs:
                dialog.close()
            dialogs.clear()
            window.activateWindow()
            say({"ok": True})
        elif command == "lock":
            session.lock("prohibited-process")
            say({"ok": True, "state": session.state.value})
        elif command == "unlock-code":
            say({"ok": guard.unlock_with_code(rest), "state": session.state.value})
        elif command == "exit-dialog":
            QTimer.singleShot(0, guard.request_exit)  # modal: it runs its own loop
            say({"ok": True})
        elif command == "close":
            window.close()
            say({"ok": True, "visible": window.isVisible()})
        elif command == "state":
            question = session.question
            say({"state": session.state.value, "focus_out": bool(question and question.focus_out),
                 "grab": bool(guard.keyboard is not None and guard.keyboard.holding), "active": guard.active,
                 "applied": [m.name for m in guard.sequence.applied] if guard.sequence else [],
                 "flickers": guard.focus.tracker.flickers if guard.focus else 0,
                 "present": bool(guard.focus and not guard.focus.tracker.away
                                 and guard.focus.tracker.deadline is None),
                 "keeper": guard.keeper.status() if guard.keeper is not None else None,
                 "window": int(window.windowHandle().winId())})
        elif command == "stop":
            guard.stop()
            QApplication.processEvents()
            say({"ok": True, "active": guard.active, "window": int(window.windowHandle().winId())})
        elif command == "exit":
            guard.stop()
            say({"ok": True})
            QTimer.singleShot(0, app.quit)
        else:
            say({"error": f"unknown command {command!r}"})

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)

    def readable() -> None:
        line = sys.stdin.readline()
        if not line:
            guard.stop()
            app.quit()
            return
        handle(line)

    notifier.activated.connect(readable)

    def ready() -> None:
        say({"ready": True, "window": int(window.windowHandle().winId()), "pid": os.getpid(),
             "state": session.state.value})

    QTimer.singleShot(300, ready)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
