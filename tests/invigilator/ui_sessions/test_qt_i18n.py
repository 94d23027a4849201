"""The sessions pages in French and English: every string translated, compiled files current, live switch."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from invigilator.ui.qt_wizard import SetupWizard

ROOT = Path(__file__).resolve().parents[3]
I18N = ROOT / "assets" / "i18n" / "console"
LUPDATE = Path(sys.executable).parent / "pyside6-lupdate"
SOURCES = [f"invigilator/ui/{name}.py" for name in ("qt_wizard", "qt_sessions", "qt_roster", "qt_checkin",
                                                     "qt_fields")]


@pytest.mark.skipif(not LUPDATE.exists(), reason="pyside6-lupdate is not installed next to this Python")
@pytest.mark.parametrize("locale", ["fr", "en"])
def test_every_string_of_the_pages_is_translated(tmp_path, locale):
    copy = tmp_path / f"sessions_pages_{locale}.ts"
    shutil.copy(I18N / copy.name, copy)
    subprocess.run([str(LUPDATE), *SOURCES, "-ts", str(copy), "-no-obsolete", "-locations", "none"], cwd=ROOT,
                   check=True, capture_output=True)
    messages = list(ET.parse(copy).getroot().iter("message"))
    unfinished = [m.findtext("source") for m in messages if m.find("translation").get("type") in ("unfinished",
                                                                                                   "vanished")]
    assert unfinished == [], f"run invigilator/ui/i18n/make_ts.py and translate: {unfinished}"
    assert len(messages) == len(list(ET.parse(I18N / copy.name).getroot().iter("message")))


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_the_compiled_files_match_the_sources(qapp, locale):
    translator = QTranslator()
    assert translator.load(str(I18N / f"sessions_pages_{locale}.qm"))
    for context in ET.parse(I18N / f"sessions_pages_{locale}.ts").getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            element = message.find("translation")
            if message.get("numerus"):
                continue
            assert translator.translate(name, message.findtext("source")) == element.text


def test_french_typography():
    for message in ET.parse(I18N / "sessions_pages_fr.ts").getroot().iter("message"):
        texts = [message.find("translation").text or ""] + [f.text or "" for f in message.iter("numerusform")]
        for text in texts:
            assert " :" not in text and " ?" not in text and " ;" not in text.replace(";;", ""), text


def test_the_wizard_switches_language_live(qtbot, console):
    wizard = SetupWizard(console)
    qtbot.addWidget(wizard)
    assert wizard.title.text() == "Setting up this console"
    translator = QTranslator()
    assert translator.load(str(I18N / "sessions_pages_fr.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: wizard.title.text() == "Mise en service de cette console")
        assert wizard.next_button.text() == "&Suivant"
        wizard.next()
        assert wizard.center_id.error == "Obligatoire."
        assert wizard.kept_summary() == "Rien n’a encore été enregistré."
    finally:
        QCoreApplication.removeTranslator(translator)
    qtbot.waitUntil(lambda: wizard.title.text() == "Setting up this console")
