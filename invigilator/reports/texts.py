"""The words the PDFs print, French first then English."""

from __future__ import annotations

import datetime as dt

from invigilator.errors import ReportError

TEXTS: dict[str, tuple[str, str]] = {
    "report_title": ("Procès-verbal de session", "Session report"),
    "attestation_title": ("Attestation de résultat", "Statement of result"),
    "center": ("Centre", "Center"),
    "session": ("Session", "Session"),
    "date": ("Date", "Date"),
    "room": ("Salle", "Room"),
    "invigilators": ("Surveillants", "Invigilators"),
    "bank": ("Banque", "Bank"),
    "profile": ("Profil d'examen", "Exam profile"),
    "summary": ("Synthèse", "Summary"),
    "enrolled": ("Inscrits", "Enrolled"),
    "attendance": ("Émargement et résultats", "Attendance and results"),
    "times_note": ("Heures à l'horloge de la console.", "Times by the console's clock."),
    "col_name": ("Nom, prénom", "Name"),
    "col_birth": ("Naissance", "Born"),
    "col_check_in": ("Accueil", "Check-in"),
    "col_start": ("Début", "Start"),
    "col_end": ("Fin", "End"),
    "col_status": ("Statut", "Status"),
    "col_score": ("Score", "Score"),
    "status_finished": ("Terminé", "Finished"),
    "status_aborted_candidate": ("Interrompu (candidat)", "Aborted (candidate)"),
    "status_aborted_technical": ("Interrompu (technique)", "Aborted (technical)"),
    "status_absent": ("Absent", "Absent"),
    "timeline": ("Déroulé de la session", "Timeline of the session"),
    "no_events": ("Aucun événement.", "No events."),
    "incidents": ("Incidents", "Incidents"),
    "no_incidents": ("Aucun incident signalé.", "No incident recorded."),
    "col_time": ("Heure", "Time"),
    "col_category": ("Catégorie", "Category"),
    "col_candidate": ("Candidat", "Candidate"),
    "col_description": ("Description", "Description"),
    "comments": ("Observations", "Comments"),
    "global_comment": ("Observation générale", "General comment"),
    "no_comment": ("Aucune observation.", "No comment."),
    "candidate_comments": ("Observations par candidat", "Comments per candidate"),
    "signatures": ("Signatures des surveillants", "Invigilators' signatures"),
    "signature": ("Signature", "Signature"),
    "page": ("Page {n} sur {total}", "Page {n} of {total}"),
    "generated": ("Édité le {when}", "Printed on {when}"),
    "born": ("né(e) le", "born on"),
    "session_of": ("session du", "session of"),
    "score": ("Score", "Score"),
    "level": ("Niveau global", "Overall level"),
    "competences": ("Niveau estimé dans chacune des 16 compétences (0 à 8)",
                    "Estimated level in each of the 16 competences (0 to 8)"),
    "verification": ("Code de vérification", "Verification code"),
    "verify_how": ("Le QR code contient ce résultat signé par le centre. Vérification hors ligne avec la clé "
                   "publique du centre : pupitre-bank verify-qr.",
                   "The QR code holds this result signed by the center. Verify offline with the center's "
                   "public key: pupitre-bank verify-qr."),
    "jury_note": ("Résultat communiqué sous réserve de validation par le jury de certification.",
                  "Result given subject to validation by the certification jury."),
    "session_number": ("Session n°", "Session no."),
}

CATEGORIES: dict[str, tuple[str, str]] = {
    "other": ("Autre", "Other"),
    "candidate-information": ("Changement d'informations du candidat", "Candidate information change"),
    "signature": ("Signature", "Signature"),
    "connection-or-end-screen": ("Connexion ou écran de fin", "Connection or end screen"),
    "in-question": ("Problème dans une question", "In-question problem"),
    "fraud": ("Fraude", "Fraud"),
    "technical": ("Problème technique", "Technical problem"),
    "non-blocking": ("Problème non bloquant", "Non-blocking issue"),
    "late-or-leaving": ("Retard ou départ", "Late or leaving"),
    "extra-time-exceeded": ("temps majoré dépassé", "extra time exceeded"),
    "unintentional-focus-loss": ("perte de focus involontaire", "unintentional focus loss"),
    "image": ("image", "image"),
    "file": ("fichier", "file"),
    "link": ("lien", "link"),
    "embed": ("contenu intégré", "embedded content"),
    "accessibility": ("accessibilité", "accessibility"),
}

MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


def check_language(language: str) -> str:
    if language not in ("fr", "en"):
        raise ReportError(f"language {language!r} is not available (fr or en)")
    return language


def text(key: str, language: str, table: dict[str, tuple[str, str]] = TEXTS) -> str:
    fr, en = table[key]
    return en if language == "en" else fr


def long_date(day: dt.date, language: str) -> str:
    month = MONTHS[language][day.month - 1]
    if language == "en":
        return f"{day.day} {month} {day.year}"
    return f"{'1er' if day.day == 1 else day.day} {month} {day.year}"


def short_date(day: dt.date, language: str) -> str:
    return day.strftime("%d/%m/%Y") if language == "fr" else day.isoformat()
