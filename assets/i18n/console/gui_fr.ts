<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>QtConsoleWindow</name>
    <message>
        <source>The console cannot write its database (%1). The kiosks keep everything and send it again; free space on the console&apos;s disk now.</source>
        <translation>La console ne peut pas écrire sa base de données (%1). Les postes gardent tout et le renverront&#x202f;; libérez tout de suite de la place sur le disque de la console.</translation>
    </message>
    <message>
        <source>The console&apos;s disk is almost full (%1 MB left): free space before the database stops accepting the kiosks&apos; journals.</source>
        <translation>Le disque de la console est presque plein (%1&#xa0;Mo restants)&#xa0;: libérez de la place avant que la base de données refuse les journaux des postes.</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Salle</translation>
    </message>
    <message>
        <source>Starting the room&apos;s server on %1…</source>
        <translation>Démarrage du serveur de la salle sur %1…</translation>
    </message>
    <message>
        <source>Room&apos;s server listening on %1 — certificate pin %2</source>
        <translation>Serveur de la salle à l’écoute sur %1 — empreinte du certificat %2</translation>
    </message>
    <message>
        <source>The room&apos;s server is not running: %1</source>
        <translation>Le serveur de la salle ne fonctionne pas&#xa0;: %1</translation>
    </message>
    <message>
        <source>The room&apos;s server is not started in this window</source>
        <translation>Le serveur de la salle n’est pas démarré dans cette fenêtre</translation>
    </message>
    <message>
        <source>Pupitre console</source>
        <translation>Console Pupitre</translation>
    </message>
</context>
</TS>
