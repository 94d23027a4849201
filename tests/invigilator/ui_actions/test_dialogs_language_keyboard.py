"""The dialogs in French (the default) through the compiled translations, and driven by the keyboard alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator

from invigilator.core.alerts import AlertKind
from invigilator.core.kiosks import KioskStatus

I18N = Path(__file__).resolve().parents[3] / "assets" / "i18n" / "console"
MODULES = ("qt_actions", "qt_action_parts", "qt_action_dialog", "qt_command_dialogs", "qt_resume", "qt_problem",
           "qt_incident", "qt_finalise")


@pytest.fixture
def french(qapp):
    translators = []
    for module in MODULES:
        translator = QTranslator()
        assert translator.load(str(I18N / f"{module}_fr.qm")), module
        QCoreApplication.installTranslator(translator)
        translators.append(translator)
    QLocale.setDefault(QLocale(QLocale.Language.French))
    yield
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.English))


def test_every_message_of_the_dialogs_has_a_french_translation_and_the_compiled_files_match(qapp):
    import xml.etree.ElementTree as ET

    for module in MODULES:
        tree = ET.parse(I18N / f"{module}_fr.ts")
        unfinished = [m.find("source").text for m in tree.iter("message")
                      if m.find("translation").get("type") == "unfinished" or not m.find("translation").text]
        assert unfinished == [], (module, unfinished)
        translator = QTranslator()
        assert translator.load(str(I18N / f"{module}_fr.qm"))
        for context in tree.iter("context"):
            name = context.find("name").text
            for message in context.iter("message"):
                expected = message.find("translation").text
                assert translator.translate(name, message.find("source").text) == expected, (module, expected)


def test_the_resume_dialog_speaks_french_first(room, three, dispatcher, qtbot, french):
    kiosk = three[1][0]
    room.store.kiosks.heard(kiosk, room.clock(), KioskStatus("paused", "cand-1", "att-1", 7, 32, 1800.0))
    room.store.alerts.raise_alert(kiosk, AlertKind.FOCUS_LOST, room.clock(), "att-1", {"number": 7})
    dialog = dispatcher.dialog_for(kiosk, "resume")
    qtbot.addWidget(dialog)
    assert dialog.title.text() == "Reprendre PC-01" and dialog.cancel.text() == "Annuler"
    assert "le poste est en pause" in dialog.why.text()
    assert dialog.alerts.list.item(0).text().startswith("Perte de focus sur une question focus — PC-01 — depuis")
    incident = dispatcher.dialog_for(kiosk, "incident")
    qtbot.addWidget(incident)
    assert incident.category.itemText(0) == "Autre" and incident.act.text() == "Consigner l’incident"


def test_a_resume_by_the_keyboard_alone(room, three, dispatcher, qtbot):
    kiosk = three[1][0]
    room.store.kiosks.heard(kiosk, room.clock(), KioskStatus("paused", "cand-1", "att-1", 7, 32, 1800.0))
    first = room.store.alerts.raise_alert(kiosk, AlertKind.FOCUS_LOST, room.clock.tick(), "att-1", {"number": 7})
    second = room.store.alerts.raise_alert(kiosk, AlertKind.OFFLINE, room.clock.tick(), "att-1")
    dialog = dispatcher.dialog_for(kiosk, "resume")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.alerts.list.setFocus()
    qtbot.keyClick(dialog.alerts.list, Qt.Key.Key_Space)  # ticks the current alert
    qtbot.keyClick(dialog.alerts.list, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.alerts.list, Qt.Key.Key_Space)
    assert dialog.alerts.acknowledged() == [first.id, second.id] and dialog.act.isEnabled()
    dialog.by.setCurrentText("Mme Roy")
    dialog.act.setFocus()
    qtbot.keyClick(dialog.act, Qt.Key.Key_Space)  # the focused button, not Enter: Enter would cancel
    assert [c.kind.value for c in room.store.commands.pending(kiosk)] == ["resume"]


def test_every_control_of_every_dialog_has_a_name_a_screen_reader_can_say(room, three, dispatcher, qtbot):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QComboBox,
        QLabel,
        QListWidget,
        QPlainTextEdit,
        QSpinBox,
        QTableWidget,
        QTextBrowser,
    )

    _people, kiosks = three
    room.store.kiosks.heard(kiosks[0], room.clock(), KioskStatus("paused", "cand-1", "att-1", 7, 32, 1800.0))
    room.store.alerts.raise_alert(kiosks[0], AlertKind.PROBLEM_REPORTED, room.clock(), "att-1", {"number": 2})
    dialogs = [dispatcher.dialog_for(kiosks[0], action) for action in
               ("pause", "resume", "add-time", "end", "lock", "unlock", "problem", "move", "incident")]
    dialogs.append(dispatcher.finalisation_dialog("S-2026-0615"))
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        buddies = {label.buddy() for label in dialog.findChildren(QLabel) if label.buddy() is not None}
        controls = [c for kind in (QAbstractButton, QComboBox, QPlainTextEdit, QSpinBox, QListWidget, QTableWidget,
                                   QTextBrowser) for c in dialog.findChildren(kind)]
        assert len(controls) >= 4
        for control in controls:
            if (not control.isVisibleTo(dialog) or control.objectName().startswith("qt_")  # Qt's own parts
                    or control.parent().__class__.__name__ == "QComboBox"):
                continue
            named = control.accessibleName() or (isinstance(control, QAbstractButton) and control.text()) or \
                control in buddies or (control.parentWidget() in buddies)
            assert named, (type(dialog).__name__, type(control).__name__, control.objectName())
