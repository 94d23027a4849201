"""The practice kiosk on a real display, driven line by line from stdin, for the AT-SPI suite.

Each command plays what a candidate does (through the real widgets) and answers one JSON line:
the session's state and the object name of the widget with the keyboard focus. The clock is the
kiosk's own, shifted on demand ("advance S") so the time checkpoints can be reached in seconds.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSocketNotifier, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from itembank.answers import reference_responses  # noqa: E402
from itembank.model import ItemType  # noqa: E402
from itembank.pbank import ScryptParams, build_bank, open_bank  # noqa: E402
from kiosk.app import PracticeApp, PracticeKiosk  # noqa: E402
from kiosk.core.session import State  # noqa: E402
from kiosk.guard.focus import FocusLost, FocusRegained, WindowInfo  # noqa: E402
from protocol.keys import KeyPair  # noqa: E402
from tests.gui.conftest import PASSPHRASE, gui_source  # noqa: E402


class ShiftedClock:
    """The real clock, plus what ``advance`` added."""

    def __init__(self) -> None:
        self.offset = 0.0

    def monotonic(self) -> float:
        return time.monotonic() + self.offset

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) + dt.timedelta(seconds=self.offset)


class Child:
    def __init__(self, folder: Path) -> None:
        self.app = QApplication.instance() or QApplication(sys.argv[:1])
        publisher = KeyPair.generate("a11y-publisher")
        path = build_bank(gui_source(), folder / "a11y.pbank", publisher, passphrase=PASSPHRASE,
                          scrypt=ScryptParams(n=2**14), now=dt.datetime(2026, 1, 5, tzinfo=dt.UTC))
        bank = open_bank(path, [publisher.public], passphrase=PASSPHRASE)
        self.clock = ShiftedClock()
        kiosk = PracticeKiosk(bank, "gui", folder / "data", self.clock)
        self.ui = PracticeApp(kiosk, locale="fr", windowed=True, app=self.app)
        self.ui.start()
        self.notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
        self.notifier.activated.connect(self.read)

    @property
    def session(self):
        return self.ui.attempt.session

    @property
    def window(self):
        return self.ui.window

    def page(self, state: State):
        return self.window.pages[state]

    def reply(self, **extra) -> None:
        focus = self.app.focusWidget()
        print(json.dumps({"state": self.session.state.value, "focus": focus.objectName() if focus else None,
                          "focus_type": type(focus).__name__ if focus else None,
                          "announcements": list(self.window.announcements), **extra}), flush=True)

    def read(self) -> None:
        line = sys.stdin.readline()
        if not line:
            self.app.quit()
            return
        command, *args = line.split()
        try:
            getattr(self, "do_" + command.replace("-", "_"))(*args)
        except Exception as exc:  # the suite reads the error and fails with it
            print(json.dumps({"error": f"{command}: {type(exc).__name__}: {exc}"}), flush=True)
            return
        # Answer once the command's consequences (posted events, the focus) have run.
        QTimer.singleShot(300, self.reply)

    # -- what a candidate does ------------------------------------------------------------------
    def do_submit(self) -> None:
        self.page(State.CHECK_IN).submit_button.click()

    def do_checkin(self) -> None:
        screen = self.page(State.CHECK_IN)
        for key, value in (("last_name", "Martin"), ("first_name", "Léa"), ("birth_date", "17/05/2009")):
            screen.inputs[key].clear()
            screen.inputs[key].insert(value)
        screen.submit_button.click()

    def do_start(self) -> None:
        self.page(State.INSTRUCTIONS).primary.click()

    def do_acknowledge(self) -> None:
        if self.session.state is State.FOCUS_WARNING:
            self.page(State.FOCUS_WARNING).primary.click()

    def do_answer(self) -> None:
        screen = self.page(State.QUESTION)
        item = self.session.question.item
        if item.type is ItemType.QCU:
            screen.answer.buttons[item.solution[0]].click()
        elif item.type is ItemType.QCM:
            for key in item.solution:
                screen.answer.buttons[key].click()
        else:
            values = reference_responses(item, self.session.locale)[0]
            for key, edit in screen.answer.inputs.items():
                edit.insert(values[key])
        screen.validate_button.click()

    def do_focus_answer(self) -> None:
        self.page(State.QUESTION).answer.first_focus().setFocus()

    def do_leave(self) -> None:
        """The candidate leaves the window during a focus question (as the guard reports it)."""
        self.ui.focus._on_lost(FocusLost(0.0, WindowInfo(process="firefox")))
        self.ui.focus._on_regained(FocusRegained(0.0, 1.0, WindowInfo(process="firefox")))

    def do_report(self) -> None:
        screen = self.page(State.QUESTION)
        screen.report_button.click()
        QTimer.singleShot(200, lambda: screen.dialog is not None and screen.dialog.confirm_button.click())

    def do_pause(self) -> None:
        self.window.pause_button.click()

    def do_resume(self) -> None:
        self.page(State.PAUSED).primary.click()

    def do_advance(self, seconds: str) -> None:
        self.clock.offset += float(seconds)

    def do_finish(self) -> None:
        while self.session.state in (State.QUESTION, State.FOCUS_WARNING):
            if self.session.state is State.FOCUS_WARNING:
                self.do_acknowledge()
            else:
                self.do_answer()
            self.app.processEvents()

    def do_state(self) -> None:
        pass


def main() -> int:
    folder = Path(sys.argv[1])
    child = Child(folder)
    print(json.dumps({"ready": True, "pid": os.getpid()}), flush=True)
    return child.app.exec()


if __name__ == "__main__":
    sys.exit(main())
