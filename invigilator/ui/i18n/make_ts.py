"""Regenerate ``assets/i18n/console/sessions_pages_{fr,en}.ts`` for the sessions pages and compile them to ``.qm``.

    .venv/bin/python invigilator/ui/i18n/make_ts.py

``pyside6-lupdate`` collects the strings of the pages; the French texts (and the English plural
forms) come from ``french.py``. A string without a translation stops the run, naming it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SOURCES = [f"invigilator/ui/{name}.py" for name in ("qt_wizard", "qt_sessions", "qt_roster", "qt_checkin",
                                                     "qt_fields")]
TOOLS = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

from french import ENGLISH_PLURALS, FRENCH  # noqa: E402


def french_typography(text: str) -> str:
    """A narrow no-break space before ; ? ! and inside « », a no-break space before :, the typographic
    apostrophe (never before the ;; of a file filter)."""
    text = re.sub(r"[ \u00a0]:", "\u00a0:", text)
    text = re.sub(r"[ \u00a0]([?!]|;(?!;))", "\u202f\\1", text)
    return re.sub(r"«[ \u00a0]", "«\u202f", re.sub(r"[ \u00a0]»", "\u202f»", text)).replace("'", "’")


def build(locale: str) -> Path:
    ts = ROOT / "assets" / "i18n" / "console" / f"sessions_pages_{locale}.ts"
    ts.unlink(missing_ok=True)
    subprocess.run([str(TOOLS / "pyside6-lupdate"), *SOURCES, "-ts", str(ts), "-no-obsolete", "-locations", "none",
                    "-target-language", locale], cwd=ROOT, check=True, capture_output=True)
    tree = ET.parse(ts)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        element = message.find("translation")
        assert element is not None
        if locale == "fr":
            wanted = FRENCH.get(source)
        else:
            wanted = ENGLISH_PLURALS.get(source) if message.get("numerus") else source
        if wanted is None:
            missing.append(source)
            continue
        element.attrib.pop("type", None)
        if message.get("numerus"):
            for form in list(element):
                element.remove(form)
            element.text = None
            for form in wanted:
                ET.SubElement(element, "numerusform").text = french_typography(form) if locale == "fr" else form
        else:
            element.text = french_typography(wanted) if locale == "fr" else wanted
    if missing:
        raise SystemExit(f"sessions_pages_{locale}.ts: no translation for {missing}")
    ET.indent(tree)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(TOOLS / "pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True,
                   capture_output=True)
    return ts


if __name__ == "__main__":
    for locale in ("fr", "en"):
        print(build(locale))
