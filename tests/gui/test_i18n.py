"""Languages: complete .ts files, .qm files compiled from them, no untranslated string on any
screen in French (the code's strings are English) or English, and a live switch at check-in."""

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

from kiosk.core.session import State
from kiosk.ui.qt_i18n import I18N_DIR
from kiosk.ui.qt_reading import plain_reading

ROOT = Path(__file__).resolve().parents[2]
LUPDATE = Path(sys.executable).parent / "pyside6-lupdate"
UNFINISHED = {"unfinished", "vanished", "obsolete"}


def messages(locale: str) -> list[tuple[str, str, str, ET.Element]]:
    """(context, source, comment, translation element) of every message of pupitre_<locale>.ts."""
    tree = ET.parse(I18N_DIR / f"pupitre_{locale}.ts")
    found = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            found.append((name, message.findtext("source"), message.findtext("comment") or "",
                          message.find("translation")))
    return found


def translated(element: ET.Element) -> list[str]:
    forms = element.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [element.text or ""]


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_every_message_is_translated(locale):
    found = messages(locale)
    assert len(found) > 150
    missing = [source for _, source, _, element in found
               if element.get("type") in UNFINISHED or not all(text.strip() for text in translated(element))]
    assert missing == []


@pytest.mark.skipif(not LUPDATE.exists(), reason="pyside6-lupdate is not installed next to this Python")
@pytest.mark.parametrize("locale", ["fr", "en"])
def test_the_ts_files_hold_every_string_of_the_code(tmp_path, locale):
    """A new tr() string, or a changed one, appears as unfinished: the test names it."""
    copy = tmp_path / f"pupitre_{locale}.ts"
    shutil.copy(I18N_DIR / copy.name, copy)
    sources = sorted(str(p.relative_to(ROOT)) for p in [*(ROOT / "kiosk" / "ui").glob("*.py"),
                                                          *(ROOT / "kiosk" / "guard").glob("qt_*.py")])
    subprocess.run([str(LUPDATE), *sources, "-ts", str(copy), "-no-obsolete", "-locations", "none"],
                   cwd=ROOT, check=True, capture_output=True)
    tree = ET.parse(copy)
    new = [m.findtext("source") for m in tree.getroot().iter("message")
           if (m.find("translation").get("type") or "") in UNFINISHED]
    assert new == [], f"untranslated strings (run lupdate and translate them in {copy.name}): {new}"
    assert len(list(tree.getroot().iter("message"))) == len(messages(locale))


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_the_compiled_files_match_the_sources(qapp, locale):
    translator = QTranslator()
    assert translator.load(str(I18N_DIR / f"pupitre_{locale}.qm"))
    for context, source, comment, element in messages(locale):
        if element.findall("numerusform"):
            continue
        assert translator.translate(context, source, comment or None) == element.text, (context, source)


def pattern(text: str) -> re.Pattern[str]:
    """A translated text with its %1, %2… as wildcards."""
    return re.compile(re.sub(r"%(?:\d+|n)", ".*?", re.escape(text).replace("%", "%")) + r"\Z", re.DOTALL)


def foreign_patterns(shown_locale: str) -> list[tuple[str, re.Pattern[str]]]:
    """Texts of the *other* language that must never be seen in ``shown_locale``."""
    result = []
    for _, source, _, element in messages("fr"):
        french = element.text or ""
        if french.strip() == source.strip() or not re.sub(r"%\d|[\W\d_]", "", source):
            continue  # the same in both languages, or only placeholders and punctuation
        text = source if shown_locale == "fr" else french
        result.append((text, pattern(text)))
    return result


def visible_texts(window: QWidget) -> set[str]:
    widgets = [w for w in window.findChildren(QWidget) if w.isVisible()]
    widgets += [w for d in window.findChildren(QDialog) if d.isVisible() for w in [d, *d.findChildren(QWidget)]]
    texts = {window.windowTitle()}
    for widget in widgets:
        texts.update({widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()})
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.add(widget.text())
        if isinstance(widget, QLineEdit):
            texts.add(widget.placeholderText())
        if isinstance(widget, QDialog):
            texts.add(widget.windowTitle())
    return {t.strip() for t in texts if t and t.strip()}


def walk_screens(d, locale: str) -> dict[str, set[str]]:
    """Visit every screen of a practice test (and its dialogs), collecting what is written on it."""
    seen: dict[str, set[str]] = {}

    def grab(name):
        d.qtbot.wait(20)
        seen[name] = visible_texts(d.window)

    d.wait_state(State.CHECK_IN)
    if locale == "en":
        d.click(d.page(State.CHECK_IN).language_buttons["en"])
    d.click(d.page(State.CHECK_IN).submit_button)
    grab("check-in errors")
    d.check_in()
    d.wait_state(State.INSTRUCTIONS)
    grab("instructions")
    d.click(d.page(State.INSTRUCTIONS).primary)
    d.wait_state(State.QUESTION, State.FOCUS_WARNING)
    while d.session.state in (State.QUESTION, State.FOCUS_WARNING):
        if d.session.state is State.FOCUS_WARNING:
            grab("focus warning")
        d.to_question()
        grab(f"question {d.session.number}")
        if d.session.number == 2:
            d.click(d.question().skip_button)
            grab("skip dialog")
            d.confirm_dialog(accept=False)
            d.click(d.question().report_button)
            grab("report dialog")
            d.confirm_dialog(accept=False)
            d.click(d.window.pause_button)
            d.wait_state(State.PAUSED)
            grab("paused")
            d.click(d.page(State.PAUSED).primary)
            d.wait_state(State.QUESTION)
            d.session.add_time(by="invigilator", minutes=5)
            grab("extra time")
        d.answer_current(right=d.session.number % 2 == 1)
    d.wait_state(State.SUBMITTED)
    grab("results")
    return seen


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_no_string_of_the_other_language_on_any_screen(practice, locale):
    d = practice("fr")
    seen = walk_screens(d, locale)
    assert len(seen) >= 10
    forbidden = foreign_patterns(locale)
    leaks = sorted({(screen, text) for screen, texts in seen.items() for text in texts
                    for foreign, regex in forbidden if regex.match(text)})
    assert leaks == []
    everything = set().union(*seen.values())
    marker = "Valider ⏎" if locale == "fr" else "Validate ⏎"
    assert marker in everything  # the walk did read the screens


def test_switching_language_at_check_in_retranslates_every_screen(practice):
    d = practice("fr")
    d.wait_state(State.CHECK_IN)
    screen = d.page(State.CHECK_IN)
    assert screen.heading.text() == "Bienvenue"
    d.click(screen.language_buttons["en"])
    d.qtbot.waitUntil(lambda: screen.heading.text() == "Welcome")  # Qt posts LanguageChange to every widget
    assert screen.captions["last_name"].text() == "Last name"
    assert d.page(State.INSTRUCTIONS).heading.text() == "Before you start"  # not shown yet, already English
    assert d.window.windowTitle() == "Pupitre — practice test"
    d.click(screen.language_buttons["fr"])
    d.qtbot.waitUntil(lambda: screen.heading.text() == "Bienvenue")
    assert d.window.contrast_button.text() == "Contraste élevé"
    d.click(screen.language_buttons["en"])
    d.check_in()
    d.start()
    d.to_question()
    assert d.session.locale == "en"
    assert d.question().statement.toPlainText() == plain_reading(d.session.question.item.statement.en)
