"""Update and compile the console's translations: one pair of files per view module.

For every ``invigilator/ui/qt_*.py`` (and ``invigilator/gui.py``) that has visible strings,
``pyside6-lupdate`` writes its messages into ``assets/i18n/console/<module>_fr.ts`` and
``<module>_en.ts`` (creating them the first time; messages gone from the code are dropped).
English is the code's language, so an unfinished English message takes its source text (plural
forms excepted: those are written by hand). Every ``.ts`` is then compiled to its ``.qm`` with
``pyside6-lrelease``. The French messages still to translate are listed, and the exit status is
1 while any remains.

    .venv/bin/python packaging/console_translations.py [--no-update]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VIEWS = ROOT / "invigilator" / "ui"
I18N = ROOT / "assets" / "i18n" / "console"
BIN = Path(sys.executable).parent
LOCALES = ("fr", "en")
UNFINISHED = {"unfinished", "vanished", "obsolete"}


TRANSLATABLE = re.compile(r"\btr\(|\btranslate\(")
# the sessions pages share one pair of files, sessions_pages_<locale>.ts, made by
# invigilator/ui/i18n/make_ts.py from its French table: not one pair per module
SESSIONS_PAGES = frozenset({"qt_wizard", "qt_sessions", "qt_roster", "qt_checkin", "qt_fields"})


def modules() -> list[Path]:
    """The console's interface modules (``invigilator/ui/qt_*.py`` and ``invigilator/gui.py``) with a
    translatable string."""
    found = [*sorted(VIEWS.glob("qt_*.py")), ROOT / "invigilator" / "gui.py"]
    return [p for p in found if p.is_file() and p.stem not in SESSIONS_PAGES
            and TRANSLATABLE.search(p.read_text(encoding="utf-8"))]


def update(module: Path, locale: str) -> Path:
    ts = I18N / f"{module.stem}_{locale}.ts"
    subprocess.run([str(BIN / "pyside6-lupdate"), str(module.relative_to(ROOT)), "-ts", str(ts),
                    "-target-language", f"{locale}_{'FR' if locale == 'fr' else 'GB'}", "-no-obsolete",
                    "-locations", "none", "-silent"], cwd=ROOT, check=True)
    if locale == "en":
        fill_english(ts)
    return ts


def fill_english(ts: Path) -> None:
    tree = ET.parse(ts)
    changed = False
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") not in UNFINISHED:
            continue
        if message.get("numerus") == "yes":
            continue
        translation.text = message.findtext("source")
        del translation.attrib["type"]
        changed = True
    if changed:
        tree.write(ts, encoding="utf-8", xml_declaration=True)


def unfinished(ts: Path) -> list[str]:
    tree = ET.parse(ts)
    return [m.findtext("source") or "" for m in tree.getroot().iter("message")
            if (m.find("translation").get("type") or "") in UNFINISHED]


def release(ts: Path) -> None:
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
                   cwd=ROOT, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-update", action="store_true", help="only compile the .ts files as they are")
    args = parser.parse_args(argv)
    I18N.mkdir(parents=True, exist_ok=True)
    if not args.no_update:
        for module in modules():
            for locale in LOCALES:
                update(module, locale)
    todo = 0
    for ts in sorted(I18N.glob("*.ts")):
        release(ts)
        for source in unfinished(ts):
            todo += 1
            print(f"{ts.relative_to(ROOT)}: to translate: {source!r}")
    return 1 if todo else 0


if __name__ == "__main__":
    sys.exit(main())
