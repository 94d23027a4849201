"""Accessibility: names for screen readers, keyboard order, text zoom that reflows, high contrast,
a visible focus in both themes, and no information told by colour alone."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractButton, QDialog, QLineEdit, QPlainTextEdit, QWidget

from itembank.model import Mode
from kiosk.core.session import State
from kiosk.ui.qt_theme import THEMES_DIR
from kiosk.ui.qt_timer import QtTimerBadge

CONTROLS = (QAbstractButton, QLineEdit, QPlainTextEdit)


def unnamed_controls(window: QWidget) -> list[str]:
    roots = [window, *[d for d in window.findChildren(QDialog) if d.isVisible()]]
    missing = []
    for root in roots:
        for widget in root.findChildren(QWidget):
            if not widget.isVisible() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
                continue
            control = isinstance(widget, CONTROLS) or widget.objectName() == "statement"
            if control and not widget.accessibleName().strip():
                missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_control_on_every_screen_has_an_accessible_name(practice):
    d = practice("fr")
    d.wait_state(State.CHECK_IN)
    problems = {"check-in": unnamed_controls(d.window)}
    d.check_in()
    d.wait_state(State.INSTRUCTIONS)
    problems["instructions"] = unnamed_controls(d.window)
    d.click(d.page(State.INSTRUCTIONS).primary)
    for _ in range(4):
        d.wait_state(State.QUESTION, State.FOCUS_WARNING)
        if d.session.state is State.FOCUS_WARNING:
            problems["focus warning"] = unnamed_controls(d.window)
        d.to_question()
        problems[f"question {d.session.number}"] = unnamed_controls(d.window)
        d.click(d.question().report_button)
        problems["report dialog"] = unnamed_controls(d.window)
        d.confirm_dialog(accept=False)
        d.answer_current()
    d.play_to_end()
    problems["results"] = unnamed_controls(d.window)
    assert {k: v for k, v in problems.items() if v} == {}


def test_tab_goes_through_the_question_in_reading_order(practice, qtbot):
    d = practice("fr")
    d.check_in()
    d.start()
    d.to_question()
    screen = d.question()
    expected = [screen.statement, *screen._attachment_buttons, *screen.answer.focus_chain(),
                screen.report_button, screen.skip_button, screen.validate_button]
    screen.statement.setFocus()
    visited = [screen.focusWidget()]
    for _ in range(len(expected) - 1):
        qtbot.keyClick(visited[-1], Qt.Key.Key_Tab)
        visited.append(screen.focusWidget())
        if visited[-1] is screen.validate_button:
            break
    exclusive = getattr(screen.answer, "multiple", True) is False
    if exclusive:  # a radio group is one Tab stop; the arrows move inside it
        expected = [w for w in expected if w not in screen.answer.focus_chain()[1:]]
    assert visited == expected


def test_text_zoom_from_100_to_200_percent_reflows(practice, qtbot):
    d = practice("fr")
    d.check_in()
    d.start()
    d.to_question()
    screen, theme = d.question(), d.ui.theme
    statement_height, header_height = screen.statement.height(), screen.header.height()
    for _ in range(12):
        qtbot.keyClick(d.window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert theme.zoom == 200 and d.ui.app.font().pixelSize() == 34
    qtbot.waitUntil(lambda: screen.statement.height() > 1.5 * statement_height)
    assert not screen.scroll.horizontalScrollBar().isVisible()  # reflowed, never scrolled sideways
    qtbot.waitUntil(lambda: screen.header.height() > header_height)  # the header wrapped onto more lines
    for child in (screen.progress, screen.badge, screen.timer):
        assert child.width() >= child.sizeHint().width() and screen.header.rect().contains(child.geometry())
    for button in (screen.report_button, screen.skip_button, screen.validate_button):
        assert button.width() >= button.sizeHint().width()
    assert d.window.zoom_label.text() == "Texte 200\u202f%" and not d.window.zoom_in_button.isEnabled()
    qtbot.keyClick(d.window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert theme.zoom == 190
    qtbot.keyClick(d.window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert theme.zoom == 100 and d.ui.app.font().pixelSize() == 17


def test_high_contrast_theme_by_shortcut_and_by_button(practice, qtbot):
    d = practice("fr")
    d.check_in()
    d.start()
    d.to_question()
    screen = d.question()
    qtbot.keyClick(d.window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert d.ui.theme.high_contrast and d.window.contrast_button.isChecked()
    qtbot.waitUntil(lambda: screen.statement.palette().color(QPalette.ColorRole.WindowText).name() == "#ffffff")
    assert "background: #000000" in d.ui.app.styleSheet()
    d.click(d.window.contrast_button)
    assert not d.ui.theme.high_contrast and "background: #000000" not in d.ui.app.styleSheet()


@pytest.mark.parametrize("theme", ["default", "high-contrast"])
def test_both_themes_draw_a_thick_focus_ring(theme):
    qss = (THEMES_DIR / f"{theme}.qss").read_text(encoding="utf-8")
    for selector in ("QPushButton:focus", "QLineEdit:focus", 'QFrame[role="choice"][focused="true"]',
                     'QTextBrowser[role="statement"]:focus', "QTableView:focus"):
        rule = re.search(re.escape(selector) + r"[^{]*\{([^}]*)\}", qss)
        assert rule, f"{theme}: no rule for {selector}"
        width = re.search(r"border:\s*(\d+)px", rule.group(1))
        assert width and int(width.group(1)) >= 3, f"{theme}: {selector} focus ring thinner than 3 px"


def test_status_is_told_in_words_and_signs_not_colour_alone(practice, qtbot):
    d = practice("fr")
    d.wait_state(State.CHECK_IN)
    d.click(d.page(State.CHECK_IN).submit_button)
    errors = [p for p in d.page(State.CHECK_IN).problems.values() if p.isVisible()]
    assert errors and all(p.text().startswith("⚠ ") and len(p.text()) > 4 for p in errors)
    d.check_in()
    d.start()
    d.to_question()
    badge = d.question().badge.text()
    mode = d.session.question.item.mode
    assert badge.startswith("◉ Question focus" if mode is Mode.FOCUS else "○ Question libre")


def test_the_countdown_is_calm_then_prominent_and_shows_extra_time(qapp, practice):
    practice("fr")  # loads the French translation and the theme
    badge = QtTimerBadge()
    badge.show_time(72 * 60 + 10)
    assert badge.text.text() == "Temps restant\u00a0: 1 h 13 min" and not badge.urgent
    badge.show_time(5 * 60 + 1)
    assert badge.text.text() == "Temps restant\u00a0: 6 min" and not badge.icon.isVisibleTo(badge)
    badge.show_time(4 * 60 + 59, extra_seconds=600)
    assert badge.urgent and badge.text.text() == "Plus que 4 min 59 s" and badge.icon.isVisibleTo(badge)
    assert badge.property("urgent") == "true" and not badge.icon.pixmap().isNull()
    assert badge.extra.isVisibleTo(badge) and badge.extra.text() == "+ temps majoré"
    assert badge.extra.accessibleDescription() == "Temps majoré accordé\u00a0: 10 min"
