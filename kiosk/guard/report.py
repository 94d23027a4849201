"""Guard events as the journal keeps them and the invigilator will read them.

Every payload has ``type``, ``severity`` (info · warning · violation) and a short bilingual
``text`` written for the invigilator, then the details of the type. What the candidate reads
(the focus notice, the lock screen) is in ``qt_overlays``, through Qt's translation.
"""

from __future__ import annotations

from typing import Any

INFO, WARNING, VIOLATION = "info", "warning", "violation"

# type → (severity, French, English); texts are formatted with the event's details.
EVENTS: dict[str, tuple[str, str, str]] = {
    "guard-started": (INFO, "Protection du poste active ({applied}).", "Workstation guard on ({applied})."),
    "guard-stopped": (INFO, "Protection du poste levée.", "Workstation guard off."),
    "measure-unavailable": (WARNING, "Mesure indisponible : {measure} ({reason}).",
                            "Measure unavailable: {measure} ({reason})."),
    "measure-failed": (WARNING, "Mesure en échec : {measure} ({reason}).", "Measure failed: {measure} ({reason})."),
    "crash-restored": (WARNING, "Poste remis en état après un arrêt brutal ({measures}).",
                       "Workstation restored after a crash ({measures})."),
    "assistive-granted": (INFO, "Aide technique autorisée : {tools}.", "Assistive technology granted: {tools}."),
    "focus-returned": (INFO, "Retour dans l'examen après {away_s} s hors de la fenêtre ({window}).",
                       "Back in the exam after {away_s} s outside the window ({window})."),
    "process-found": (WARNING, "Logiciel interdit détecté : {name} ({category}).",
                      "Prohibited software detected: {name} ({category})."),
    "process-terminate": (WARNING, "Fermeture demandée : {name}.", "Asked to close: {name}."),
    "process-kill": (WARNING, "Fermeture forcée : {name}.", "Forced to close: {name}."),
    "process-ended": (INFO, "Logiciel interdit fermé : {name}.", "Prohibited software closed: {name}."),
    "process-survived": (VIOLATION, "Logiciel interdit toujours actif : {name} ({reason}). Poste verrouillé.",
                         "Prohibited software still running: {name} ({reason}). Workstation locked."),
    "process-failed": (WARNING, "Impossible d'agir sur {name} : {reason}.", "Cannot act on {name}: {reason}."),
    "environment": (WARNING, "Environnement : {check} → {action} ({signs}).",
                    "Environment: {check} → {action} ({signs})."),
    "screens-changed": (WARNING, "Écrans : {count} ({action}).", "Screens: {count} ({action})."),
    "clipboard-cleared": (INFO, "Presse-papiers vidé (question en mode focus).",
                          "Clipboard cleared (focus question)."),
    "clock-gap": (WARNING, "Interruption de {seconds} s ({kind}).", "Gap of {seconds} s ({kind})."),
    "keyboard-grab": (WARNING, "Clavier : {state}.", "Keyboard: {state}."),
    "lock-requested": (VIOLATION, "Verrouillage : {reason}.", "Lock: {reason}."),
    "unlock-code-wrong": (WARNING, "Code de déverrouillage erroné ({failures}).", "Wrong unlock code ({failures})."),
    "unlock-code-accepted": (INFO, "Code de déverrouillage accepté ({purpose}).", "Unlock code accepted ({purpose})."),
    "room-fallback": (WARNING, "Console injoignable : code du surveillant utilisé ({purpose}, console muette depuis "
                      "{console_silent_s} s).", "Console out of reach: invigilator's code used ({purpose}, console "
                      "silent for {console_silent_s} s)."),
    "close-refused": (INFO, "Fermeture de la fenêtre refusée.", "Window close refused."),
}


class _Blank(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "?"


def guard_event(event_type: str, /, **details: Any) -> dict[str, Any]:
    """The journal payload of one guard event (plain data only)."""
    severity, fr, en = EVENTS[event_type]
    flat = {k: (", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v) for k, v in details.items()}
    process = details.get("process")
    if isinstance(process, dict):
        flat.setdefault("name", process.get("name", "?"))
    values = _Blank(flat)
    text = {"fr": fr.format_map(values), "en": en.format_map(values)}
    return {**details, "type": event_type, "severity": severity, "text": text}
