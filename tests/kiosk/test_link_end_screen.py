"""The exam's end screen in a room says whether the console's receipt came: French first, then English."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.app import QtStart
from kiosk.core.session import State
from kiosk.ui.qt_results import QtEndScreen
from kiosk.ui.qt_services import QtKioskServices
from kiosk.ui.qt_session import QtSessionBridge
from tests.kiosk.test_session import Harness

WAITING = {"fr": "En attente de réception par la console du surveillant (vos réponses sont conservées sur ce poste)",
           "en": "Waiting to be received by the invigilator's console (your answers are kept on this workstation)"}
RECEIVED = {"fr": "Reçu par la console ✓", "en": "Received by the console ✓"}


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_the_end_screen_waits_then_says_received(qtbot, qapp, locale):
    h = Harness()
    s = h.to_first_question()
    s.end("candidate", by="invigilator")
    s.submit()
    assert s.state is State.SUBMITTED
    qt = QtStart(locale, qapp)
    received = {"yes": False}
    services = QtKioskServices(theme=qt.theme, language=qt.language, attachment=lambda key: b"",
                               item=h.bank.item, competence_name=lambda code, loc: code, practice=False,
                               results_received=lambda: received["yes"])
    bridge = QtSessionBridge(s)
    end = QtEndScreen(bridge, services)
    qtbot.addWidget(end)
    try:
        end.refresh()
        label = end.findChild(QLabel, "delivery")
        assert label.text() == WAITING[locale] and label.accessibleDescription() == WAITING[locale]
        received["yes"] = True
        qtbot.waitUntil(lambda: label.text() == RECEIVED[locale], timeout=5000)
        assert not end._delivery_timer.isActive()
    finally:
        qt.language.close()


def test_without_a_room_the_end_screen_says_nothing_of_a_console(qtbot, qapp):
    h = Harness()
    s = h.to_first_question()
    s.end("candidate", by="invigilator")
    s.submit()
    qt = QtStart("fr", qapp)
    services = QtKioskServices(theme=qt.theme, language=qt.language, attachment=lambda key: b"",
                               item=h.bank.item, competence_name=lambda code, loc: code, practice=False)
    end = QtEndScreen(QtSessionBridge(s), services)
    qtbot.addWidget(end)
    try:
        end.refresh()
        assert end.findChild(QLabel, "delivery") is None
    finally:
        qt.language.close()
