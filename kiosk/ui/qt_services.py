"""What the views need from the rest of the kiosk, handed over by the composition root (kiosk/app.py).

Views read the bank only through these callables (one attachment or one item at a time, in
memory), and never decide anything about the exam: the session and its authority do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QImage

from itembank.model import Item
from kiosk.ui.qt_attachments import QtAttachmentExporter
from kiosk.ui.qt_i18n import QtLanguage
from kiosk.ui.qt_theme import QtTheme

if TYPE_CHECKING:
    from kiosk.workstation_authority import CodeAnswer

Findings = tuple[list[dict[str, Any]], bool]  # (findings, blocking)


def no_environment_check() -> Findings:
    return [], False


@dataclass
class QtKioskServices:
    theme: QtTheme
    language: QtLanguage
    attachment: Callable[[str], bytes]  # decrypted attachment bytes, in memory only
    item: Callable[[str], Item]  # one decrypted item (the practice review)
    competence_name: Callable[[str, str], str]  # (code, locale) → the competence's name
    # The framework's domains: code → its name in each locale (the practice results are by domain).
    domains: dict[str, dict[str, str]] = field(default_factory=dict)
    figure: Callable[[str], QImage] | None = None  # an illustration, decoded and sized for the question screen
    practice: bool = True
    environment_check: Callable[[], Findings] = no_environment_check
    confirm_resume: Callable[[], None] | None = None  # practice: the candidate confirms a re-entry
    awaiting_confirmation: Callable[[], bool] = lambda: False
    today: Callable[[], dt.date] = dt.date.today
    new_attempt: Callable[[], None] | None = None  # practice: start another test
    quit: Callable[[], None] | None = None
    # An exam at the workstation: the invigilator's code lets the test start or resume, settles a
    # reported problem (True: replace the question) and closes the kiosk at the end.
    authorise_with_code: Callable[[str], CodeAnswer | None] | None = None
    resolve_with_code: Callable[[str, bool], CodeAnswer | None] | None = None
    close_with_code: Callable[[str], CodeAnswer | None] | None = None
    # An exam in a room: whether the console's receipt for the results verified (True), or they wait (False).
    results_received: Callable[[], bool] | None = None
    # a room exam: True while the bank the console's authorisation brings was refused and is tried again
    bank_refused: Callable[[], bool] | None = None
    # a room exam: the console's answer to the check-in (protocol.room.CheckInAnswer), or None while none came
    check_in_answer: Callable[[], Any] | None = None
    exporter: QtAttachmentExporter = field(default_factory=QtAttachmentExporter)

    def domain_name(self, code: str, locale: str) -> str:
        names = self.domains.get(code, {})
        return names.get(locale) or names.get("fr") or code
