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
    "process-relaunched": (VIOLATION,
                           "Logiciel interdit relancé {times} fois en une minute : {name}. Poste verrouillé.",
                           "Prohibited software started {times} times in a minute: {name}. Workstation locked."),
    "process-failed": (WARNING, "Impossible d'agir sur {name} : {reason}.", "Cannot act on {name}: {reason}."),
    "environment": (WARNING, "Environnement : {check} → {action} ({signs}).",
                    "Environment: {check} → {action} ({signs})."),
    "screens-changed": (WARNING, "Écrans : {count} ({action}).", "Screens: {count} ({action})."),
    "clipboard-cleared": (INFO, "Presse-papiers vidé (question en mode focus).",
                          "Clipboard cleared (focus question)."),
    "clock-gap": (WARNING, "Interruption de {seconds} s ({kind}).", "Gap of {seconds} s ({kind})."),
    "keyboard-grab": (WARNING, "Clavier : {state}.", "Keyboard: {state}."),
    "lock-requested": (VIOLATION, "Verrouillage : {reason}.", "Lock: {reason}."),
    "unlock-code-wrong": (WARNING, "Code de déverrouillage erroné ({failures}).", "Wrong unlock code ({failures})."),
    "unlock-code-accepted": (INFO, "Code de déverrouillage accepté ({purpose}).", "Unlock code accepted ({purpose})."),
    "window-tampered": (VIOLATION, "Fenêtre d’examen modifiée par un autre programme : {problems}.",
                        "Exam window changed by another program: {problems}."),
    "window-restored": (INFO, "Fenêtre d’examen rétablie en {after_ms} ms ({problems}).",
                        "Exam window restored in {after_ms} ms ({problems})."),
    "foreign-window": (VIOLATION,
                       "Fenêtre d’un autre programme au-dessus de l’examen : {window} ({program}), fermée.",
                       "Window of another program over the exam: {window} ({program}), closed."),
    "room-bank-refused": (WARNING, "Banque de l’examen non reçue de la console ({bank_id}) : {reason} ; nouvel essai.",
                          "Exam bank not received from the console ({bank_id}): {reason}; trying again."),
    "room-fallback": (WARNING, "Console injoignable : code du surveillant utilisé ({purpose}, console muette depuis "
                      "{console_silent_s} s).", "Console out of reach: invigilator's code used ({purpose}, console "
                      "silent for {console_silent_s} s)."),
    "close-refused": (INFO, "Fermeture de la fenêtre refusée.", "Window close refused."),
    "attachments-left-removed": (INFO, "Documents déchiffrés laissés par un arrêt brutal du kiosque, supprimés : "
                                 "{folders}.", "Decrypted documents left by a kiosk that stopped abruptly, removed: "
                                 "{folders}."),
}


# Codes carried by the details, said in each language: the French text is French through and
# through. A value missing here is shown as it is (names of programs, windows, measures).
WORDS: dict[str, tuple[str, str]] = {
    # keyboard-grab states
    "held": ("tenu par la fenêtre d’examen", "held by the exam window"),
    "not-held": ("non tenu (un autre programme tient le clavier)", "not held (another program holds the keyboard)"),
    "released-for-screen-reader": ("libéré pour un lecteur d’écran", "released for a screen reader"),
    # what another program did to the exam window
    "unmapped": ("masquée", "unmapped"),
    "minimized": ("réduite", "minimized"),
    "not-full-screen": ("plus en plein écran", "no longer full screen"),
    "not-on-top": ("plus au premier plan", "no longer on top"),
    "moved": ("déplacée", "moved"),
    "resized": ("redimensionnée", "resized"),
    "lowered": ("passée sous une autre fenêtre", "lowered under another window"),
    "destroyed": ("détruite", "destroyed"),
    # clock gaps
    "stalled": ("kiosque arrêté", "kiosk stopped"),
    "suspended": ("machine en veille", "machine asleep"),
    "busy": ("kiosque occupé", "kiosk busy"),
    # lock reasons
    "prohibited-process": ("logiciel interdit", "prohibited software"),
    "window-tampered": ("fenêtre d’examen modifiée", "exam window changed"),
    "foreign-window": ("fenêtre d’un autre programme", "window of another program"),
    "stall": ("kiosque arrêté pendant une question focus", "kiosk stopped during a focus question"),
    "remote-session": ("session à distance", "remote session"),
    "virtual-machine": ("machine virtuelle", "virtual machine"),
    "screens": ("écrans", "screens"),
    "environment": ("environnement", "environment"),
    # environment actions
    "warn": ("avertir", "warn"),
    "lock": ("verrouiller", "lock"),
    "refuse": ("refuser", "refuse"),
    "blank": ("écran noir", "blanked"),
    "allow": ("autorisé", "allowed"),
    "ok": ("normal", "normal"),
}
_WORDED = ("state", "problems", "kind", "reason", "check", "action")


def _say(value: Any, language: int) -> Any:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_say(v, language)) for v in value)
    return WORDS[value][language] if isinstance(value, str) and value in WORDS else value


class _Blank(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "?"


def guard_event(event_type: str, /, **details: Any) -> dict[str, Any]:
    """The journal payload of one guard event (plain data only)."""
    severity, fr, en = EVENTS[event_type]
    text = {}
    for language, (code, template) in enumerate((("fr", fr), ("en", en))):
        flat = {k: (_say(v, language) if k in _WORDED else ", ".join(map(str, v)) if isinstance(v, (list, tuple))
                    else v) for k, v in details.items()}
        process = details.get("process")
        if isinstance(process, dict):
            flat.setdefault("name", process.get("name", "?"))
        text[code] = template.format_map(_Blank(flat))
    return {**details, "type": event_type, "severity": severity, "text": text}
