<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB">
<context>
    <name>QtConsoleWindow</name>
    <message>
        <source>The console cannot write its database (%1). The kiosks keep everything and send it again; free space on the console's disk now.</source>
        <translation>The console cannot write its database (%1). The kiosks keep everything and send it again; free space on the console's disk now.</translation>
    </message>
    <message>
        <source>The console's disk is almost full (%1 MB left): free space before the database stops accepting the kiosks' journals.</source>
        <translation>The console's disk is almost full (%1 MB left): free space before the database stops accepting the kiosks' journals.</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Room</translation>
    </message>
    <message>
        <source>Starting the room's server on %1…</source>
        <translation>Starting the room's server on %1…</translation>
    </message>
    <message>
        <source>Room's server listening on %1 — certificate pin %2</source>
        <translation>Room's server listening on %1 — certificate pin %2</translation>
    </message>
    <message>
        <source>The room's server is not running: %1</source>
        <translation>The room's server is not running: %1</translation>
    </message>
    <message>
        <source>The room's server is not started in this window</source>
        <translation>The room's server is not started in this window</translation>
    </message>
    <message>
        <source>Pupitre console</source>
        <translation>Pupitre console</translation>
    </message>
</context>
</TS>