"""Screenshots of the console's first-start wizard, sessions, roster and check-in pages.

:func:`shoot` drives the real widgets over a real console in a temporary folder (center keys, a
synthetic bank built for them, a session, a roster with a bad file imported, kiosks enrolled
through the store and their candidates checked in) and writes
``<out>/<locale>-<size>-sessions-NN-<screen>.png``. The console's main screenshot script calls
it; run alone:

    .venv/bin/python docs/screenshots/console/sessions_pages.py [--locale fr --locale en] [--size 1366x768]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QWidget  # noqa: E402

from invigilator.app import Console  # noqa: E402
from invigilator.core.checkin import TypedCheckIn  # noqa: E402
from invigilator.core.codes import code_verifier, enrolment_proof  # noqa: E402
from invigilator.store import KioskKeys  # noqa: E402
from invigilator.ui.qt_i18n import QtConsoleLanguage  # noqa: E402
from invigilator.ui.qt_sessions import SessionsPage  # noqa: E402
from invigilator.ui.qt_wizard import SetupWizard  # noqa: E402
from itembank.pbank import build_bank  # noqa: E402
from itembank.synth import synthetic_bank  # noqa: E402
from protocol.keys import KeyPair  # noqa: E402

PASSPHRASE = "quatre mots bien choisis"
NOW = dt.datetime(2026, 6, 15, 8, 10, tzinfo=dt.UTC)
ROSTER = ("last_name;first_name;birth_date;external_id;extra_time_minutes;accommodations;assistive_programs\n"
          "Martin;Léa;17/05/2009;INE-0001;0;;\n"
          "N'Diaye;Awa;07/03/2008;INE-0002;30;screen-reader;orca\n"
          "Lefèvre;Jean-Baptiste;02/01/2009;INE-0003;0;;\n"
          "Moreau;Chloé;23/11/2008;INE-0004;0;large print;kmag\n"
          "Nguyen;Thi Mai;09/09/2009;INE-0005;0;;\n"
          "Bernard;Lucas;14/02/2009;INE-0006;0;;\n")
BAD_ROSTER = ("last_name;first_name;birth_date;external_id;extra_time_minutes;accommodations;assistive_programs\n"
              "Martin;Léa;17/05/2009;INE-0001;0;;\n"
              "Durand;;12/04/2009;INE-0007;0;;\n"
              "Petit;Marc;31/02/2009;INE-0008;0;;\n"
              "Roux;Anne;01/01/2009;INE-0001;0;;\n"
              "Blanc;Eve;01/01/2009;INE-0009;400;;vlc\n")


def pump() -> None:
    for _ in range(5):
        QCoreApplication.processEvents()


def compose(background: QPixmap, dialog: QWidget) -> QPixmap:
    """The page dimmed, with the dialog drawn at its centre (offscreen windows have no desktop)."""
    front = dialog.grab()
    result = QPixmap(background)
    painter = QPainter(result)
    painter.fillRect(result.rect(), QColor(0, 0, 0, 110))
    painter.drawPixmap((result.width() - front.width()) // 2, (result.height() - front.height()) // 2, front)
    painter.end()
    return result


class Shooter:
    def __init__(self, out: Path, locale: str, size: tuple[int, int]):
        self.out, self.locale, self.size, self.count, self.files = out, locale, size, 0, []

    def shot(self, widget: QWidget, name: str, dialog: QDialog | None = None) -> Path:
        widget.resize(*self.size)
        pump()
        image = widget.grab()
        if dialog is not None:
            dialog.adjustSize()
            pump()
            image = compose(image, dialog)
        self.count += 1
        path = self.out / f"{self.locale}-{self.size[0]}x{self.size[1]}-sessions-{self.count:02d}-{name}.png"
        image.save(str(path))
        self.files.append(path)
        return path


def install_language(app: QApplication, locale: str) -> QtConsoleLanguage:
    """The console's language as the window loads it: every compiled file of ``assets/i18n/console``."""
    return QtConsoleLanguage(app, locale)


def shoot(out: Path, locale: str = "fr", size: tuple[int, int] = (1366, 768)) -> list[Path]:
    """Every screen of the wizard, sessions, roster and check-in pages in ``locale`` at ``size``."""
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    translator = install_language(app, locale)
    out.mkdir(parents=True, exist_ok=True)
    shooter = Shooter(out, locale, size)
    with tempfile.TemporaryDirectory(prefix="pupitre-shots-") as tmp:
        work = Path(tmp)
        console = Console(work / "console", clock=lambda: NOW, rng=random.Random(4))
        try:
            _wizard(console, work, shooter)
            _sessions(console, work, shooter)
        finally:
            console.close()
    translator.close()
    return shooter.files


def _wizard(console: Console, work: Path, shooter: Shooter) -> None:
    wizard = SetupWizard(console)
    wizard.show()
    wizard.next()  # empty: the errors at the fields
    shooter.shot(wizard, "wizard-center-errors")
    wizard.center_id.editor.setText("0750001A")
    wizard.center_name.editor.setText("Lycée Voltaire, Paris")
    wizard.next()
    wizard.passphrase.editor.setText(PASSPHRASE)
    wizard.passphrase_again.editor.setText(PASSPHRASE + "x")
    wizard.next()
    shooter.shot(wizard, "wizard-passphrase")
    wizard.passphrase_again.editor.setText(PASSPHRASE)
    wizard.next()
    publisher = KeyPair.generate("Éditions Exemple")
    publisher.public.save(work / "editions-exemple.pub")
    wizard.add_publisher(work / "editions-exemple.pub")
    shooter.shot(wizard, "wizard-publishers")
    wizard.next()
    intruder = KeyPair.generate("Inconnu")
    build_bank(synthetic_bank(160, seed=3), work / "autre.pbank", intruder, recipients=[console.center_public()])
    wizard.import_bank(work / "autre.pbank")
    _wait(lambda: not wizard.importing)
    shooter.shot(wizard, "wizard-bank-refused")
    build_bank(synthetic_bank(160, seed=6), work / "certification.pbank", publisher,
               recipients=[console.center_public()])
    wizard.import_bank(work / "certification.pbank")
    shooter.shot(wizard, "wizard-bank-verifying")
    _wait(lambda: not wizard.importing)
    shooter.shot(wizard, "wizard-bank-imported")
    _dispose(wizard)


def _dispose(widget: QWidget) -> None:
    """Close and delete a page now, while the application still runs (never at interpreter exit)."""
    widget.close()
    widget.deleteLater()
    pump()


def _wait(done) -> None:
    import time

    deadline = time.monotonic() + 60
    while not done():
        QCoreApplication.processEvents()
        time.sleep(0.02)
        if time.monotonic() > deadline:
            raise RuntimeError("timed out")


def _enrol(console: Console, name: str) -> str:
    code, _ = console.store.kiosks.issue_enrolment_code(NOW, random.Random(name))
    keys = KioskKeys.of(KeyPair.generate(name).public)
    pin = "ab" * 32
    return console.store.kiosks.enrol(enrolment_proof(code_verifier(code), "kiosk", keys.signing_public, pin), keys,
                                      pin, name, NOW).kiosk.id


def _sessions(console: Console, work: Path, shooter: Shooter) -> None:
    keys = console.center_keys(PASSPHRASE)
    page = SessionsPage(console, keys)
    page.show()
    dialog = page.new_session()
    dialog.room.editor.setText("B12")
    dialog.create()  # no invigilator: the error at the field
    shooter.shot(page, "session-create-errors", dialog)
    dialog.invigilators.editor.setText("Mme Roy, M. Blanc")
    dialog.create()
    shooter.shot(page, "session-created")
    exam = page.current
    assert exam is not None
    (work / "bad.csv").write_text(BAD_ROSTER, encoding="utf-8")
    page.roster.import_file(work / "bad.csv")
    shooter.shot(page, "roster-import-refused")
    (work / "roster.csv").write_text(ROSTER, encoding="utf-8")
    page.roster.import_file(work / "roster.csv")
    shooter.shot(page, "roster-imported")
    edit = page.roster.add_candidate()
    assert edit is not None
    edit.fields["last_name"].editor.setText("Dupont3")
    edit.fields["birth_date"].editor.setText("31/02/2009")
    edit.save()
    shooter.shot(page, "candidate-invalid-fields", edit)
    edit.reject()
    edit.deleteLater()

    page.open_session()
    exam = console.store.sessions.session(exam.id)
    typed = [("PC 01", "MARTIN", "lea", dt.date(2009, 5, 17)), ("PC 02", "Ndiaye", "Awa", dt.date(2008, 3, 7)),
             ("PC 03", "Lefevre", "Jean Baptiste", dt.date(2009, 1, 2)), ("PC 04", "Moreau", "Chloe",
                                                                          dt.date(2008, 11, 23)),
             ("PC 05", "Ngyuen", "Thi Mai", dt.date(2009, 9, 9)), ("PC 06", "Durand", "Paul", dt.date(2009, 4, 12))]
    ids = {}
    for n, (kiosk, last, first, born) in enumerate(typed):
        ids[kiosk] = _enrol(console, kiosk)
        console.store.checkins.record(ids[kiosk], TypedCheckIn(f"att-{n}", exam.id, exam.access_code, last, first,
                                                               born), NOW)
    roster = {c.last_name: c.id for c in console.store.sessions.roster(exam.id)}
    for kiosk, last in (("PC 01", "Martin"), ("PC 02", "N'Diaye")):
        console.store.checkins.confirm(ids[kiosk], f"att-{list(ids).index(kiosk)}", roster[last], "Mme Roy", NOW)
    console.store.checkins.confirm(ids["PC 03"], "att-2", roster["Lefèvre"], "Mme Roy", NOW)
    console.store.checkins.authorise(ids["PC 03"], "att-2", NOW, "Mme Roy")
    wrong = _enrol(console, "PC 07")
    console.store.checkins.record(wrong, TypedCheckIn("att-9", exam.id, "BBBB22", "Bernard", "Lucas",
                                                      dt.date(2009, 2, 14)), NOW)
    page.refresh(select=exam.id)
    page.tabs.setCurrentWidget(page.checkin)
    page.checkin.refresh()
    near = next(i for i, c in enumerate(page.checkin.checkins) if c.typed.last_name == "Ngyuen")
    page.checkin.table.selectRow(near)
    shooter.shot(page, "checkin-near-match")
    unknown = next(i for i, c in enumerate(page.checkin.checkins) if c.typed.last_name == "Durand")
    page.checkin.table.selectRow(unknown)
    shooter.shot(page, "checkin-no-roster-line")
    page.checkin.authorise_all()
    shooter.shot(page, "checkin-authorised-all")
    page.checkin.timer.stop()
    _dispose(page)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--locale", action="append", choices=("fr", "en"))
    parser.add_argument("--size", action="append", default=None, help="WIDTHxHEIGHT (default 1366x768)")
    args = parser.parse_args(argv)
    sizes = [tuple(int(v) for v in s.split("x")) for s in (args.size or ["1366x768"])]
    for locale in args.locale or ["fr", "en"]:
        for size in sizes:
            for path in shoot(args.out, locale, size):  # type: ignore[arg-type]
                print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
