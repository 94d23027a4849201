"""Screenshots of every console screen, in French and English, at 1366×768 and 1920×1080.

Drives the real window (offscreen, or under Xvfb when ``QT_QPA_PLATFORM`` says so) on a real
console in a temporary folder whose store holds an exam in progress, written through the store's
own functions (``tests/invigilator/ui/roomfill.py``): kiosks waiting, in a test, paused, locked,
silent, a focus loss, a problem report, a guard warning, a journal that does not continue.
Writes ``docs/screenshots/console/<locale>-<width>x<height>-NN-<screen>.png``, then the setup wizard,
sessions, roster and check-in pages (``sessions_pages.py``: ``…-sessions-NN-…``) and the action dialogs
and finalisation (``actions_dialogs.py``: ``…-actions-NN-…``): one command, every console screen.

    .venv/bin/python docs/screenshots/console/make.py [--out DIR] [--locale fr] [--size 1366x768]
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
sys.path.insert(0, str(ROOT / "tests" / "invigilator" / "ui"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from actions_dialogs import shoot_actions  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from roomfill import exam_day, make_console  # noqa: E402
from sessions_pages import shoot as shoot_sessions_pages  # noqa: E402

from invigilator.app import Console  # noqa: E402
from invigilator.gui import compose  # noqa: E402
from invigilator.ui.qt_i18n import QtConsoleLanguage  # noqa: E402
from invigilator.ui.qt_theme import QtConsoleTheme  # noqa: E402
from invigilator.ui.qt_unlock import QtUnlockDialog  # noqa: E402
from invigilator.ui.qt_wizard import SetupWizard  # noqa: E402

OUT = Path(__file__).resolve().parent
SIZES = ((1366, 768), (1920, 1080))
NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)


def settle(ms: int = 60) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QCoreApplication.processEvents()


class Shots:
    def __init__(self, out: Path, locale: str, size: tuple[int, int]):
        self.out, self.locale, self.size, self.n = out, locale, size, 0
        self.written: list[Path] = []

    def take(self, widget: QWidget, name: str) -> None:
        settle()
        self.n += 1
        path = self.out / f"{self.locale}-{self.size[0]}x{self.size[1]}-{self.n:02d}-{name}.png"
        widget.grab().save(str(path))
        self.written.append(path)


def shoot(out: Path, locale: str, size: tuple[int, int], tmp: Path) -> list[Path]:
    app = QApplication.instance() or QApplication([sys.argv[0]])
    language = QtConsoleLanguage(app, locale)
    theme = QtConsoleTheme(app)
    shots = Shots(out, locale, size)
    width, height = size

    fresh = Console(tmp / f"new-{locale}-{width}", clock=lambda: NOW)
    setup = SetupWizard(fresh)  # the first start: what the window shows before anything else
    setup.setWindowTitle(QCoreApplication.translate("QtConsoleWindow", "Pupitre console"))
    setup.resize(width, height)
    setup.show()
    shots.take(setup, "first-start")
    setup.close()
    fresh.close()

    console, keys = make_console(tmp / f"console-{locale}-{width}", lambda: NOW, tls=True)
    exam_day(console, NOW, kiosks=24 if width > 1500 else 12)

    unlock = QtUnlockDialog(console.require_center().name, console.center_keys)
    unlock.show()
    shots.take(unlock, "unlock")
    unlock.passphrase.setText("wrong")
    unlock.try_unlock()
    for _ in range(200):
        settle(50)
        if unlock.passphrase.isEnabled():
            break
    shots.take(unlock, "unlock-wrong-passphrase")
    unlock.close()

    composed = compose(console, keys, theme, language, listen="127.0.0.1:0")
    for _ in range(300):
        if composed.server.running or composed.server.error:
            break
        settle(50)
    window = composed.window
    window.resize(width, height)
    window.show()
    composed.dashboard.refresh_now()
    composed.dashboard.grid.setFocus()
    composed.dashboard.select_kiosk(composed.dashboard.model.tile(2).kiosk_id)
    shots.take(window, "room")
    composed.dashboard.needs_only.setChecked(True)
    shots.take(window, "room-needing-action")
    composed.dashboard.needs_only.setChecked(False)
    composed.dashboard.filter.setText("poste 0")
    shots.take(window, "room-filtered")
    composed.dashboard.filter.clear()

    menu = composed.dashboard.menu_for(composed.dashboard.current_tile().kiosk_id)
    menu.popup(window.mapToGlobal(window.rect().center()))
    settle()
    shots.take(menu, "tile-menu")
    menu.close()

    problem = composed.dashboard.current_tile().kiosk_id
    composed.dashboard.timeline_requested.emit(problem)
    dialog = composed.timelines[problem]
    for _ in range(200):
        if dialog.loads:
            break
        settle(25)
    dialog.resize(min(1100, width - 100), min(700, height - 80))
    settle()
    dialog.timeline.table.scrollToBottom()
    shots.take(dialog, "timeline")
    dialog.close()

    theme.set_zoom(150)
    window.resize(width, height)
    shots.take(window, "room-zoom-150")
    theme.reset_zoom()
    theme.set_high_contrast(True)
    window.resize(width, height)
    shots.take(window, "room-high-contrast")
    theme.set_high_contrast(False)
    window.resize(width, height)

    window.show_page("sessions")
    shots.take(window, "sessions")
    window.show_page("room")

    composed.close()
    window.close()
    console.close()
    language.close()
    app.setStyleSheet("")
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
    with tempfile.TemporaryDirectory(prefix="pupitre-console-shots-") as tmp:
        for locale in args.locale or ["fr", "en"]:
            for size in sizes:
                written += shoot(args.out, locale, size, Path(tmp))  # type: ignore[arg-type]
                theme = QtConsoleTheme(QApplication.instance())  # the pages and dialogs as the window shows them
                written += shoot_sessions_pages(args.out, locale, size)  # type: ignore[arg-type]
                written += shoot_actions(args.out, locale, size, Path(tmp))  # type: ignore[arg-type]
                QApplication.instance().setStyleSheet("")
                del theme
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
