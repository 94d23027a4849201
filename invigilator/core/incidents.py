"""Incidents: what the invigilator records about a session, in DOMAIN's categories and sub-reasons.

An incident is a fact of the session for the report and the package (a candidate late, a power
cut, an image that does not load, a fraud seen), not a command to a kiosk. Each belongs to one
category; some categories take a sub-reason, and only the sub-reasons that make sense for them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from invigilator.core.alerts import MAX_PERSON
from invigilator.errors import IncidentError

MAX_INCIDENT_NOTE = 500


class IncidentCategory(StrEnum):
    """DOMAIN.md's incident categories."""

    OTHER = "other"
    CANDIDATE_INFORMATION = "candidate-information"
    SIGNATURE = "signature"
    CONNECTION_OR_END_SCREEN = "connection-or-end-screen"
    IN_QUESTION = "in-question"
    FRAUD = "fraud"
    TECHNICAL = "technical"
    NON_BLOCKING = "non-blocking"
    LATE_OR_LEAVING = "late-or-leaving"


class IncidentSubReason(StrEnum):
    """DOMAIN.md's sub-reasons."""

    EXTRA_TIME_EXCEEDED = "extra-time-exceeded"
    UNINTENTIONAL_FOCUS_LOSS = "unintentional-focus-loss"
    IMAGE = "image"
    FILE = "file"
    LINK = "link"
    EMBED = "embed"
    ACCESSIBILITY = "accessibility"


_SUB = IncidentSubReason
SUB_REASONS: dict[IncidentCategory, tuple[IncidentSubReason, ...]] = {
    IncidentCategory.IN_QUESTION: (_SUB.IMAGE, _SUB.FILE, _SUB.LINK, _SUB.EMBED, _SUB.ACCESSIBILITY),
    IncidentCategory.TECHNICAL: (_SUB.UNINTENTIONAL_FOCUS_LOSS, _SUB.ACCESSIBILITY),
    IncidentCategory.NON_BLOCKING: (_SUB.UNINTENTIONAL_FOCUS_LOSS, _SUB.IMAGE, _SUB.FILE, _SUB.LINK, _SUB.EMBED,
                                    _SUB.ACCESSIBILITY),
    IncidentCategory.LATE_OR_LEAVING: (_SUB.EXTRA_TIME_EXCEEDED,),
}
"""The sub-reasons each category accepts (a category absent here takes none)."""

NOTE_REQUIRED = frozenset({IncidentCategory.OTHER, IncidentCategory.FRAUD})  # nothing else says what happened

LABELS: dict[str, tuple[str, str]] = {
    "other": ("Autre", "Other"),
    "candidate-information": ("Changement d'informations du candidat", "Candidate information change"),
    "signature": ("Signature", "Signature"),
    "connection-or-end-screen": ("Connexion ou écran de fin", "Connection or end screen"),
    "in-question": ("Problème dans une question", "In-question problem"),
    "fraud": ("Fraude", "Fraud"),
    "technical": ("Problème technique", "Technical problem"),
    "non-blocking": ("Problème non bloquant", "Non-blocking issue"),
    "late-or-leaving": ("Retard ou départ", "Late or leaving"),
    "extra-time-exceeded": ("Temps majoré dépassé", "Extra time exceeded"),
    "unintentional-focus-loss": ("Perte de focus involontaire", "Unintentional focus loss"),
    "image": ("Image", "Image"),
    "file": ("Fichier", "File"),
    "link": ("Lien", "Link"),
    "embed": ("Contenu intégré", "Embedded content"),
    "accessibility": ("Accessibilité", "Accessibility"),
}
"""French and English names of the categories and sub-reasons (French first)."""


@dataclass(frozen=True)
class Incident:
    id: str
    session_id: str
    at: dt.datetime
    category: IncidentCategory
    sub_reason: IncidentSubReason | None
    note: str
    by: str
    kiosk_id: str | None = None
    candidate_id: str | None = None
    attempt_id: str | None = None

    def to_package(self) -> dict[str, Any]:
        """The incident as the session package lists it (``protocol.session_package``)."""
        return {"at": self.at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"), "category": str(self.category),
                "reason": str(self.sub_reason) if self.sub_reason else None, "kiosk": self.kiosk_id,
                "attempt": self.attempt_id, "candidate": self.candidate_id, "note": self.note, "by": self.by}


def new_incident(incident_id: str, session_id: str, category: str, sub_reason: str | None, note: str, by: str,
                 now: dt.datetime, *, kiosk_id: str | None = None, candidate_id: str | None = None,
                 attempt_id: str | None = None) -> Incident:
    """An incident checked against DOMAIN's categories; :class:`IncidentError` says what is wrong."""
    try:
        kind = IncidentCategory(category)
    except ValueError:
        raise IncidentError(f"incident: {category!r} is not a category (one of "
                            f"{', '.join(c.value for c in IncidentCategory)})") from None
    sub = None
    if sub_reason:
        allowed = SUB_REASONS.get(kind, ())
        try:
            sub = IncidentSubReason(sub_reason)
        except ValueError:
            sub = None
        if sub not in allowed:
            choices = ", ".join(s.value for s in allowed) or "none"
            raise IncidentError(f"incident: {sub_reason!r} is not a sub-reason of '{kind}' (it takes: {choices})")
    text = " ".join(str(note or "").split())
    if len(text) > MAX_INCIDENT_NOTE:
        raise IncidentError(f"incident: the note has {len(text)} characters, more than {MAX_INCIDENT_NOTE}")
    if kind in NOTE_REQUIRED and not text:
        raise IncidentError(f"incident '{kind}': say what happened (a note)")
    who = " ".join(str(by or "").split())
    if not who or len(who) > MAX_PERSON:
        raise IncidentError(f"incident: say which invigilator records it (1 to {MAX_PERSON} characters)")
    if now.tzinfo is None:
        raise IncidentError("incident: the time must be timezone-aware")
    return Incident(incident_id, session_id, now, kind, sub, text, who, kiosk_id or None, candidate_id or None,
                    attempt_id or None)
