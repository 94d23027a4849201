"""Screenshots of the console's action dialogs and of the finalisation screen, in French and English.

Drives the real dialogs (offscreen, or under Xvfb when ``QT_QPA_PLATFORM`` says so) over a real
console in a temporary folder (``tests/invigilator/closing/room_fixture.py``: a center, a bank, an
open session, a roster, enrolled kiosks, attempts played by the engine and received as verified
bundles). Each dialog is drawn centred on a backdrop the size of the screen, so the picture shows
how much of a 1366×768 screen it takes. Writes
``docs/screenshots/console/<locale>-<width>x<height>-actions-NN-<dialog>.png``.

The main screenshot script calls :func:`shoot_actions`; alone:

    .venv/bin/python docs/screenshots/console/actions_dialogs.py [--out DIR] [--locale fr] [--size 1366x768]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "invigilator" / "closing"))

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from room_fixture import SESSION, ConsoleRoom  # noqa: E402

from invigilator.core.alerts import AlertKind  # noqa: E402
from invigilator.core.kiosks import KioskStatus  # noqa: E402
from invigilator.room_actions import RoomActions  # noqa: E402
from invigilator.ui.qt_actions import ActionDispatcher  # noqa: E402
from invigilator.ui.qt_i18n import QtConsoleLanguage  # noqa: E402
from kiosk.ui.qt_refcount import QtRefcountKeeper  # noqa: E402
from protocol.keys import KeyPair  # noqa: E402

OUT = Path(__file__).resolve().parent
SIZES = ((1366, 768), (1920, 1080))


def settle(ms: int = 60) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QCoreApplication.processEvents()


def install_language(locale: str) -> QtConsoleLanguage:
    """The console's language as the window loads it: every compiled file of ``assets/i18n/console``."""
    app = QCoreApplication.instance()
    assert app is not None
    return QtConsoleLanguage(app, locale)


class Shots:
    def __init__(self, out: Path, locale: str, size: tuple[int, int]):
        self.out, self.locale, self.size, self.n = out, locale, size, 0
        self.written: list[Path] = []

    def take(self, widget: QWidget, name: str) -> Path:
        """The widget drawn centred on a screen-sized backdrop; refused if it does not fit on that screen."""
        widget.show()
        width, height = self.size
        hint = widget.sizeHint().expandedTo(widget.minimumSizeHint())
        # as on a real screen of that size: the offscreen platform's small screen would cap the window
        widget.resize(min(max(hint.width(), widget.width()), width - 40), min(max(hint.height(), widget.height()),
                                                                              height - 40))
        settle()
        if widget.width() > width or widget.height() > height:
            widget.resize(min(widget.width(), width - 40), min(widget.height(), height - 40))
            settle()
        image = widget.grab()
        screen = QPixmap(width, height)
        screen.fill(QColor("#5b6470"))
        painter = QPainter(screen)
        painter.drawPixmap((width - image.width()) // 2, (height - image.height()) // 2, image)
        painter.end()
        self.n += 1
        path = self.out / f"{self.locale}-{width}x{height}-actions-{self.n:02d}-{name}.png"
        screen.save(str(path))
        self.written.append(path)
        widget.close()
        widget.deleteLater()
        return path


def _room(tmp: Path) -> tuple[ConsoleRoom, list[str]]:
    room = ConsoleRoom(tmp, KeyPair.generate("Éditions Pupitre"))
    people = room.add_candidates(("Martin", "Léa", dt.date(2009, 5, 17)), ("N'Diaye", "Awa", dt.date(2008, 3, 17)),
                                 ("Durand", "Jean", dt.date(2009, 1, 1)), ("Lefèvre", "Chloé", dt.date(2008, 11, 2)))
    kiosks = [room.enrol(f"PC-{i:02d}") for i in range(1, 5)] + [room.enrol("PC-SECOURS")]
    room.play(kiosks[0], people[0], seed=11)
    for alert in room.store.alerts.alerts(open_only=True):
        room.store.alerts.handle(alert.id, room.clock(), "Mme Roy", "vu")
    actions = RoomActions(room.console)
    actions.authorise_start(kiosks[1], people[1].id, "Mme Roy", attempt_id="att-12")
    room.play(kiosks[1], people[1], seed=12, stop_after=9, finished=False)
    room.store.kiosks.heard(kiosks[1], room.clock(), KioskStatus("paused", people[1].id, "att-12", 10, 32, 2710.0))
    actions.pause([kiosks[1]], "M. Blanc", "alarme incendie")
    bank = room.open_bank(room.bank.id)
    item_id = next(m.id for m in bank.metas if bank.item(m.id).proposals)
    room.store.alerts.raise_alert(kiosks[1], AlertKind.FOCUS_LOST, room.clock.tick(), "att-12", {"number": 8})
    room.store.alerts.raise_alert(kiosks[1], AlertKind.PROBLEM_REPORTED, room.clock.tick(), "att-12",
                                  {"number": 9, "item_id": item_id,
                                   "comment": "Deux propositions me semblent correctes."})
    room.store.alerts.raise_alert(kiosks[1], AlertKind.GUARD, room.clock.tick(), "att-12",
                                  {"severity": "warning", "detail": "second screen connected"})
    room.store.kiosks.heard(kiosks[2], room.clock(), KioskStatus("question", people[2].id, "att-13", 14, 32, 3300.0))
    return room, kiosks


def shoot_actions(out: Path, locale: str, size: tuple[int, int], tmp: Path) -> list[Path]:
    """Every action dialog and the finalisation screen for ``locale`` at ``size``; returns the files written."""
    app = QApplication.instance() or QApplication([sys.argv[0]])
    QtRefcountKeeper.install(app)  # PySide6 6.12 on CPython 3.11 (ADR 0009)
    translators = install_language(locale)
    shots = Shots(out, locale, size)
    room, kiosks = _room(tmp / f"actions-{locale}-{size[0]}")
    try:
        dispatcher = ActionDispatcher(room.console, room.keys, None)
        dialog = dispatcher.dialog_for(kiosks[1], "resume")
        dialog.alerts.tick(dialog.alerts.alerts[0].id)
        shots.take(dialog, "resume")
        shots.take(dispatcher.dialog_for("*", "pause"), "pause-all")
        dialog = dispatcher.dialog_for(kiosks[2], "add-time")
        dialog.purposes["compensation"].setChecked(True)
        dialog.minutes.setValue(8)
        dialog.note.set_text("coupure réseau de 8 minutes" if locale == "fr" else "8-minute network outage")
        shots.take(dialog, "add-time")
        dialog = dispatcher.dialog_for(kiosks[2], "end")
        dialog.reasons["fraud"].setChecked(True)
        dialog.note.set_text("téléphone utilisé pendant la question 14" if locale == "fr" else
                             "phone used during question 14")
        shots.take(dialog, "end")
        shots.take(dispatcher.dialog_for(kiosks[1], "problem"), "problem")
        dialog = dispatcher.dialog_for(kiosks[1], "move")
        dialog.choose(kiosks[4])
        shots.take(dialog, "move")
        dialog = dispatcher.dialog_for(kiosks[1], "incident")
        dialog.select("in-question", "image")
        dialog.note.set_text("l'image de la question 9 ne s'affiche pas" if locale == "fr" else
                             "the image of question 9 does not show")
        shots.take(dialog, "incident")
        shots.take(dispatcher.finalisation_dialog(SESSION), "finalise-blocked")
        room.store.kiosks.heard(kiosks[1], room.clock(), KioskStatus("idle"))
        room.store.kiosks.heard(kiosks[2], room.clock(), KioskStatus("idle"))
        for alert in room.store.alerts.alerts(open_only=True):
            room.store.alerts.handle(alert.id, room.clock(), "Mme Roy", "vu")
        dialog = dispatcher.finalisation_dialog(SESSION)
        dialog.set_abort_reason("cand-2", "technical")
        dialog.set_comment("cand-1", "Arrivée avec 10 minutes de retard, temps non majoré." if locale == "fr" else
                           "Arrived 10 minutes late; no extra time given.")
        dialog.global_comment.set_text("Alarme incendie à 09:12, reprise à 09:20." if locale == "fr" else
                                       "Fire alarm at 09:12, resumed at 09:20.")
        shots.take(dialog, "finalise-ready")
        dialog = dispatcher.finalisation_dialog(SESSION)
        dialog.set_abort_reason("cand-2", "technical")
        dialog.by.setCurrentText("Mme Roy")
        dialog.finalise()
        stick = tmp / f"stick-{locale}-{size[0]}"
        stick.mkdir(exist_ok=True)
        dialog.make_package(stick)
        shots.take(dialog, "finalise-signed")
    finally:
        room.close()
        translators.close()
    del app
    return shots.written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--locale", action="append", choices=("fr", "en"))
    parser.add_argument("--size", action="append", help="WIDTHxHEIGHT (default: 1366x768 and 1920x1080)")
    args = parser.parse_args(argv)
    sizes = [tuple(int(v) for v in s.split("x")) for s in args.size] if args.size else list(SIZES)
    args.out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="pupitre-action-shots-") as tmp:
        for locale in args.locale or ["fr", "en"]:
            for size in sizes:
                written += shoot_actions(args.out, locale, size, Path(tmp))  # type: ignore[arg-type]
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
