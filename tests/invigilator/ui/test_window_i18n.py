"""The console's languages: every view module's .ts complete in French and English, nothing in the
code missing from them, the .qm compiled from them, French typography, and no text of the other
language on any console screen."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel, QLineEdit, QWidget

from invigilator.gui import compose
from invigilator.ui.qt_i18n import I18N_DIR, QtConsoleLanguage, translation_files
from invigilator.ui.qt_tile import TILE_ROLE
from invigilator.ui.qt_unlock import QtUnlockDialog
from invigilator.ui.qt_wizard import SetupWizard
from tests.gui.test_translation_typography import typography_faults

ROOT = Path(__file__).resolve().parents[3]
LUPDATE = Path(sys.executable).parent / "pyside6-lupdate"
UNFINISHED = {"unfinished", "vanished", "obsolete"}
sys.path.insert(0, str(ROOT / "packaging"))
from console_translations import modules  # noqa: E402


def messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    found = []
    for context in ET.parse(path).getroot().iter("context"):
        for message in context.iter("message"):
            found.append((context.findtext("name"), message.findtext("source"), message.find("translation")))
    return found


def forms(element: ET.Element) -> list[str]:
    """A translation's text, or each of its plural forms."""
    plural = element.findall("numerusform")
    return [f.text or "" for f in plural] if plural else [element.text or ""]


def all_messages(locale: str) -> list[tuple[str, str, ET.Element]]:
    return [m for path in sorted(I18N_DIR.glob(f"*_{locale}.ts")) for m in messages(path)]


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_every_message_is_translated(locale):
    found = all_messages(locale)
    assert len(found) > 150
    missing = [source for _, source, element in found if element.get("type") in UNFINISHED or not
               all(text.strip() for text in forms(element))]
    assert missing == []


def test_each_interface_module_has_its_pair_of_files():
    stems = {p.stem for p in modules()}
    assert {"qt_dashboard", "qt_tile", "qt_timeline", "qt_unlock", "qt_window", "gui"} <= stems
    for stem in stems:
        for locale in ("fr", "en"):
            assert (I18N_DIR / f"{stem}_{locale}.ts").is_file(), f"{stem}_{locale}.ts is missing"
            assert (I18N_DIR / f"{stem}_{locale}.qm").is_file(), f"{stem}_{locale}.qm is not compiled"


@pytest.mark.skipif(not LUPDATE.exists(), reason="pyside6-lupdate is not installed next to this Python")
@pytest.mark.parametrize("locale", ["fr", "en"])
def test_the_ts_files_hold_every_string_of_the_code(tmp_path, locale):
    """A new or changed string appears as unfinished: the test names it (run packaging/console_translations.py)."""
    new = []
    for module in modules():
        copy = tmp_path / f"{module.stem}_{locale}.ts"
        shutil.copy(I18N_DIR / copy.name, copy)
        subprocess.run([str(LUPDATE), str(module.relative_to(ROOT)), "-ts", str(copy), "-no-obsolete",
                        "-locations", "none"], cwd=ROOT, check=True, capture_output=True)
        new += [f"{module.name}: {source}" for _, source, element in messages(copy)
                if (element.get("type") or "") in UNFINISHED]
        assert len(messages(copy)) == len(messages(I18N_DIR / copy.name)), f"{copy.name} holds strings gone from code"
    assert new == [], f"untranslated strings (run .venv/bin/python packaging/console_translations.py): {new}"


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_the_compiled_files_match_the_sources(qapp, locale):
    for path in sorted(I18N_DIR.glob(f"*_{locale}.ts")):
        translator = QTranslator()
        assert translator.load(str(path.with_suffix(".qm"))), path
        for context, source, element in messages(path):
            texts = forms(element)
            if element.find("numerusform") is None:
                assert translator.translate(context, source) == texts[0], (path.name, source)
            else:  # one, then many: the first and last forms in both languages
                assert translator.translate(context, source, None, 1) == texts[0], (path.name, source)
                assert translator.translate(context, source, None, 5) == texts[-1], (path.name, source)
    assert len(translation_files(locale)) == len(list(I18N_DIR.glob(f"*_{locale}.ts")))


def test_french_typography():
    faults = [f"{source!r}: {fault}" for _, source, element in all_messages("fr")
              for text in forms(element) for fault in typography_faults(text)]
    assert faults == []


def test_a_missing_translation_is_a_clear_error(qapp, tmp_path):
    from invigilator.ui.qt_i18n import QtTranslationError

    with pytest.raises(QtTranslationError, match=r"console_translations\.py"):
        QtConsoleLanguage(qapp, "fr", i18n_dir=tmp_path)
    (tmp_path / "qt_x_fr.qm").write_bytes(b"not a translation")
    with pytest.raises(QtTranslationError, match="unreadable"):
        QtConsoleLanguage(qapp, "fr", i18n_dir=tmp_path)


def pattern(text: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"%(?:\d+|n)", ".*?", re.escape(text)) + r"\Z", re.DOTALL)


def foreign(shown: str) -> list[tuple[str, re.Pattern[str]]]:
    """Texts of the other language that must never be seen in ``shown``."""
    result = []
    for _, source, element in all_messages("fr"):
        for french in forms(element):
            if french.strip() == source.strip() or not re.sub(r"%\d|%n|[\W\d_]", "", source):
                continue
            text = source if shown == "fr" else french
            result.append((text, pattern(text)))
    return result


def visible_texts(top: QWidget) -> set[str]:
    widgets = [top, *[w for w in top.findChildren(QWidget) if w.isVisible()]]
    texts = {top.windowTitle()}
    for widget in widgets:
        texts.update({widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()})
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.add(widget.text())
        if isinstance(widget, QLineEdit):
            texts.add(widget.placeholderText())
        if isinstance(widget, QDialog):
            texts.add(widget.windowTitle())
    return {t.strip() for t in texts if t and t.strip()}


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_no_text_of_the_other_language_on_any_console_screen(qtbot, qapp, console_keys, theme, room, locale,
                                                                     tmp_path, clock):
    language = QtConsoleLanguage(qapp, locale)
    try:
        console, keys = console_keys
        app = compose(console, keys, theme, language)
        qtbot.addWidget(app.window)
        app.window.show()
        app.dashboard.refresh_now()
        seen = visible_texts(app.window)
        for row in range(app.dashboard.model.rowCount()):
            tile = app.dashboard.model.index(row).data(TILE_ROLE)
            seen |= {tile.accessible, tile.state, tile.heard, tile.left, tile.progress, *tile.alerts}
        seen |= {a.text().split("\t")[0] for a in app.dashboard.menu_for(app.dashboard.model.tile(0).kiosk_id)
                 .actions() if a.text()}
        for tile in app.dashboard.model.tiles():
            app.dashboard.timeline_requested.emit(tile.kiosk_id)
            dialog = app.timelines[tile.kiosk_id]
            qtbot.waitUntil(lambda d=dialog: d.loads > 0, timeout=5000)
            seen |= visible_texts(dialog) | {cell for line in dialog.timeline.lines() for cell in line}
        app.window.show_page("sessions")
        seen |= visible_texts(app.window)
        unlock = QtUnlockDialog("Lycée", console.center_keys)
        qtbot.addWidget(unlock)
        unlock.show()
        unlock.passphrase.setText("wrong")
        unlock.try_unlock()
        qtbot.waitUntil(lambda: unlock.passphrase.isEnabled(), timeout=15000)
        seen |= visible_texts(unlock)
        sessions = app.sessions
        sessions.refresh(select=room.session_id)
        for tab in range(sessions.tabs.count()):  # the roster, the check-ins
            sessions.tabs.setCurrentIndex(tab)
            seen |= visible_texts(app.window) | {sessions.tabs.tabText(tab)}
        created = sessions.new_session()
        seen |= visible_texts(created)
        created.reject()
        finalising = app.dispatcher.finalisation_dialog(room.session_id)
        qtbot.addWidget(finalising)
        finalising.show()
        seen |= visible_texts(finalising)
        finalising.reject()
        for kiosk, action in (("*", "pause"), ("*", "resume"), ("*", "incident")):
            dialog = app.dispatcher.dialog_for(kiosk, action)
            qtbot.addWidget(dialog)
            dialog.show()
            seen |= visible_texts(dialog)
            dialog.reject()
        from invigilator.app import Console
        fresh = Console(tmp_path / f"fresh-{locale}", clock=clock)
        try:
            wizard = SetupWizard(fresh)  # the first start, each of its steps
            qtbot.addWidget(wizard)
            wizard.show()
            for step in (wizard.CENTER, wizard.PASSPHRASE, wizard.PUBLISHERS, wizard.BANKS):
                wizard.go(step)
                seen |= visible_texts(wizard)
            wizard.close()
        finally:
            fresh.close()
        app.close()
        wrong = sorted({f"{text!r} matches {other!r}" for text in seen for other, rx in foreign(locale)
                        if rx.match(text)})
        assert wrong == []
        assert len(seen) > 80
    finally:
        language.close()
