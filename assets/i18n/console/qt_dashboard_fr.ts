<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>QtDashboard</name>
    <message>
        <source>Room</source>
        <translation>Salle</translation>
    </message>
    <message>
        <source>Filter: kiosk, candidate, state, alert…</source>
        <translation>Filtrer&#xa0;: poste, candidat, état, alerte…</translation>
    </message>
    <message>
        <source>Filter the kiosks</source>
        <translation>Filtrer les postes</translation>
    </message>
    <message>
        <source>Shortcut: Ctrl+F; Enter goes to the tiles</source>
        <translation>Raccourci&#xa0;: Ctrl+F&#x202f;; Entrée passe aux vignettes</translation>
    </message>
    <message>
        <source>Needing action only</source>
        <translation>À traiter seulement</translation>
    </message>
    <message>
        <source>Pause all</source>
        <translation>Tout mettre en pause</translation>
    </message>
    <message>
        <source>Pause every kiosk in a test (Ctrl+Shift+P)</source>
        <translation>Mettre en pause tous les postes en cours de test (Ctrl+Maj+P)</translation>
    </message>
    <message>
        <source>Resume all</source>
        <translation>Tout reprendre</translation>
    </message>
    <message>
        <source>Resume every paused kiosk (Ctrl+Shift+R)</source>
        <translation>Reprendre tous les postes en pause (Ctrl+Maj+R)</translation>
    </message>
    <message>
        <source>Kiosks of the room</source>
        <translation>Postes de la salle</translation>
    </message>
    <message>
        <source>Arrows move between kiosks, Enter opens the timeline, the menu key lists the actions</source>
        <translation>Les flèches passent d’un poste à l’autre, Entrée ouvre la chronologie, la touche menu liste les actions</translation>
    </message>
    <message>
        <source>No kiosk is enrolled yet. Enrol the room&apos;s kiosks with an enrolment code (pupitre-invigilator enrol-code), then start them.</source>
        <translation>Aucun poste n’est encore inscrit. Inscrivez les postes de la salle avec un code d’inscription (pupitre-invigilator enrol-code), puis démarrez-les.</translation>
    </message>
    <message>
        <source>%1 (key %2 on a tile)</source>
        <translation>%1 (touche %2 sur une vignette)</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Chronologie</translation>
    </message>
    <message>
        <source>Everything this kiosk&apos;s journal says (Enter on a tile)</source>
        <translation>Tout ce que dit le journal de ce poste (Entrée sur une vignette)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Mettre en pause</translation>
    </message>
    <message>
        <source>Resume…</source>
        <translation>Reprendre…</translation>
    </message>
    <message>
        <source>Add time…</source>
        <translation>Ajouter du temps…</translation>
    </message>
    <message>
        <source>End…</source>
        <translation>Terminer…</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Verrouiller</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <source>Problem report…</source>
        <translation>Signalement…</translation>
    </message>
    <message>
        <source>Move to a spare PC…</source>
        <translation>Déplacer vers un poste de secours…</translation>
    </message>
    <message>
        <source>Incident…</source>
        <translation>Incident…</translation>
    </message>
    <message>
        <source>The room could not be read: %1</source>
        <translation>La salle n’a pas pu être lue&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 of %2 need action</source>
        <translation>%1 sur %2 à traiter</translation>
    </message>
    <message>
        <source>No kiosk needs action (%1 in the room)</source>
        <translation>Aucun poste à traiter (%1 dans la salle)</translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation>%1 affichés</translation>
    </message>
    <message>
        <source>Selected: %1 — %2</source>
        <translation>Sélection&#xa0;: %1 — %2</translation>
    </message>
    <message>
        <source>Select a kiosk (arrows, or a click) to act on it.</source>
        <translation>Choisissez un poste (flèches ou clic) pour agir sur lui.</translation>
    </message>
    <message>
        <source>Actions for %1</source>
        <translation>Actions pour %1</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Entrée</translation>
    </message>
</context>
</TS>
