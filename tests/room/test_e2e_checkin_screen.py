"""The kiosk's waiting screen says the console's answer to the check-in: a refusal with its reason
(session not open, wrong code), then waiting for the identity check, then the identity confirmed, in
French and in English. A real console and a real kiosk link; the real screen, offscreen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from invigilator.core.center import SessionStatus
from kiosk.core.candidate import Candidate
from kiosk.ui.qt_i18n import QtLanguage
from kiosk.ui.qt_screens import QtAwaitingScreen
from kiosk.ui.qt_services import QtKioskServices
from kiosk.ui.qt_session import QtSessionBridge
from kiosk.ui.qt_theme import QtTheme
from tests.room.conftest import Console, Kiosk, now
from tests.room.test_e2e_checkin import planned  # noqa: F401  (a fixture)


@pytest.fixture
def screen(qtbot, qapp, kiosk: Kiosk) -> Iterator[QtAwaitingScreen]:
    language = QtLanguage(qapp, "fr")
    services = QtKioskServices(theme=QtTheme(qapp), language=language, attachment=lambda name: b"",
                               item=lambda item_id: None, competence_name=lambda code, locale: code,
                               practice=False, check_in_answer=lambda: kiosk.link.check_in_answer)
    bridge = QtSessionBridge(kiosk.session, tick_ms=50)
    page = QtAwaitingScreen(bridge, services)
    qtbot.addWidget(page)
    bridge.start()
    yield page
    bridge.stop()
    language.close()


def check_in(kiosk: Kiosk, session_id: str, code: str) -> None:
    kiosk.session.open_check_in()
    kiosk.session.submit_check_in(Candidate("Martin", "Paul", dt.date(2008, 1, 2), session_id, code), "fr")


def test_the_waiting_screen_follows_the_consoles_answer_in_both_languages(console: Console, kiosk: Kiosk,
                                                                          planned, screen, qtbot, qapp) -> None:  # noqa: F811
    assert console.store is not None
    assert screen.heading.text() == "En attente du surveillant"  # nothing heard yet
    check_in(kiosk, planned.id, planned.access_code)
    qtbot.waitUntil(lambda: screen.heading.text() == "Identification refusée", timeout=10_000)
    assert "pas encore ouverte" in screen.lead.text() and "MARTIN" in screen.details.text().upper()
    assert "va autoriser" not in screen.lead.text()  # no promise of a start while refused
    screen.services.language.set_locale("en")  # the language change is an event: it arrives with the loop
    qtbot.waitUntil(lambda: screen.heading.text() == "Check-in refused", timeout=5_000)
    assert "not open yet" in screen.lead.text()
    screen.services.language.set_locale("fr")
    qtbot.waitUntil(lambda: screen.heading.text() == "Identification refusée", timeout=5_000)

    console.store.sessions.set_status(planned.id, SessionStatus.OPEN, now())
    qtbot.waitUntil(lambda: "parvenues au surveillant" in screen.details.text(), timeout=10_000)
    assert screen.heading.text() == "En attente du surveillant"

    console.store.checkins.confirm(kiosk.id, kiosk.attempt, "cand-2", "Mme Roy", now())
    qtbot.waitUntil(lambda: "a vérifié votre identité" in screen.details.text(), timeout=10_000)
    screen.services.language.set_locale("en")
    qtbot.waitUntil(lambda: "The invigilator has checked your identity" in screen.details.text(), timeout=5_000)


def test_a_wrong_code_is_said_on_the_waiting_screen(console: Console, kiosk: Kiosk, planned, screen,  # noqa: F811
                                                    qtbot) -> None:
    assert console.store is not None
    console.store.sessions.set_status(planned.id, SessionStatus.OPEN, now())
    check_in(kiosk, planned.id, "BBBB22" if planned.access_code != "BBBB22" else "CCCC33")
    qtbot.waitUntil(lambda: screen.heading.text() == "Identification refusée", timeout=10_000)
    assert screen.lead.text() == "Le numéro de session ou le code d’accès est faux. Appelez le surveillant."
    assert screen.lead.accessibleName() == screen.lead.text()  # a screen reader says it too


def test_a_reason_this_kiosk_does_not_know_shows_the_consoles_text_as_plain_text(kiosk: Kiosk, screen, qtbot,
                                                                                 planned) -> None:  # noqa: F811
    """A newer console's reason: its English text is shown as it is, never read as markup."""
    from protocol.room import CheckInAnswer

    check_in(kiosk, planned.id, planned.access_code)
    answer = CheckInAnswer(kiosk.attempt, "refused", "room-full", "<b>Room  full</b>\n: ask for another room")
    screen.services.check_in_answer = lambda: answer
    qtbot.waitUntil(lambda: screen.heading.text() == "Identification refusée", timeout=5_000)
    assert screen.lead.text() == ("La console du surveillant a refusé l’identification\u00a0: <b>Room full</b> : ask "
                                  "for another room")
    assert screen.lead.textFormat() is Qt.TextFormat.PlainText
    # an answer about another attempt (an earlier candidate at this kiosk) is not this candidate's
    screen.services.check_in_answer = lambda: CheckInAnswer("another-attempt", "refused", "wrong-code")
    qtbot.waitUntil(lambda: screen.heading.text() == "En attente du surveillant", timeout=5_000)
    assert "faux" not in screen.lead.text() + screen.details.text()
