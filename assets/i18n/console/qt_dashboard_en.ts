<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>QtDashboard</name>
    <message>
        <source>Room</source>
        <translation>Room</translation>
    </message>
    <message>
        <source>Filter: kiosk, candidate, state, alert…</source>
        <translation>Filter: kiosk, candidate, state, alert…</translation>
    </message>
    <message>
        <source>Filter the kiosks</source>
        <translation>Filter the kiosks</translation>
    </message>
    <message>
        <source>Shortcut: Ctrl+F; Enter goes to the tiles</source>
        <translation>Shortcut: Ctrl+F; Enter goes to the tiles</translation>
    </message>
    <message>
        <source>Needing action only</source>
        <translation>Needing action only</translation>
    </message>
    <message>
        <source>Pause all</source>
        <translation>Pause all</translation>
    </message>
    <message>
        <source>Pause every kiosk in a test (Ctrl+Shift+P)</source>
        <translation>Pause every kiosk in a test (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>Resume all</source>
        <translation>Resume all</translation>
    </message>
    <message>
        <source>Resume every paused kiosk (Ctrl+Shift+R)</source>
        <translation>Resume every paused kiosk (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Kiosks of the room</source>
        <translation>Kiosks of the room</translation>
    </message>
    <message>
        <source>Arrows move between kiosks, Enter opens the timeline, the menu key lists the actions</source>
        <translation>Arrows move between kiosks, Enter opens the timeline, the menu key lists the actions</translation>
    </message>
    <message>
        <source>No kiosk is enrolled yet. Enrol the room&apos;s kiosks with an enrolment code (pupitre-invigilator enrol-code), then start them.</source>
        <translation>No kiosk is enrolled yet. Enrol the room&apos;s kiosks with an enrolment code (pupitre-invigilator enrol-code), then start them.</translation>
    </message>
    <message>
        <source>%1 (key %2 on a tile)</source>
        <translation>%1 (key %2 on a tile)</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>Everything this kiosk&apos;s journal says (Enter on a tile)</source>
        <translation>Everything this kiosk&apos;s journal says (Enter on a tile)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Resume…</source>
        <translation>Resume…</translation>
    </message>
    <message>
        <source>Add time…</source>
        <translation>Add time…</translation>
    </message>
    <message>
        <source>End…</source>
        <translation>End…</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Problem report…</source>
        <translation>Problem report…</translation>
    </message>
    <message>
        <source>Move to a spare PC…</source>
        <translation>Move to a spare PC…</translation>
    </message>
    <message>
        <source>Incident…</source>
        <translation>Incident…</translation>
    </message>
    <message>
        <source>The room could not be read: %1</source>
        <translation>The room could not be read: %1</translation>
    </message>
    <message>
        <source>%1 of %2 need action</source>
        <translation>%1 of %2 need action</translation>
    </message>
    <message>
        <source>No kiosk needs action (%1 in the room)</source>
        <translation>No kiosk needs action (%1 in the room)</translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation>%1 shown</translation>
    </message>
    <message>
        <source>Selected: %1 — %2</source>
        <translation>Selected: %1 — %2</translation>
    </message>
    <message>
        <source>Select a kiosk (arrows, or a click) to act on it.</source>
        <translation>Select a kiosk (arrows, or a click) to act on it.</translation>
    </message>
    <message>
        <source>Actions for %1</source>
        <translation>Actions for %1</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
</context>
</TS>
