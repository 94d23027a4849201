<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr">
<context>
    <name>QtActionParts</name>
    <message>
        <source>Focus lost on a focus question</source>
        <translation>Perte de focus sur une question focus</translation>
    </message>
    <message>
        <source>Problem reported with a question</source>
        <translation>Problème signalé sur une question</translation>
    </message>
    <message>
        <source>Kiosk silent (offline)</source>
        <translation>Poste muet (hors ligne)</translation>
    </message>
    <message>
        <source>Guard event</source>
        <translation>Événement de surveillance du poste</translation>
    </message>
    <message>
        <source>Journal that does not continue (chain break)</source>
        <translation>Journal qui ne se poursuit pas (rupture de chaîne)</translation>
    </message>
    <message>
        <source>since {time} UTC</source>
        <translation>depuis {time} UTC</translation>
    </message>
    <message>
        <source>question {n}</source>
        <translation>question {n}</translation>
    </message>
    <message>
        <source>candidate's note: {note}</source>
        <translation>note du candidat : {note}</translation>
    </message>
    <message>
        <source>Invigilator giving the command</source>
        <translation>Surveillant qui donne la commande</translation>
    </message>
    <message>
        <source>{n} / {limit} characters</source>
        <translation>{n} / {limit} caractères</translation>
    </message>
    <message>
        <source>Open alerts to acknowledge</source>
        <translation>Alertes ouvertes à prendre en compte</translation>
    </message>
    <message>
        <source>Tick the selected alert as read</source>
        <translation>Cocher l’alerte sélectionnée comme lue</translation>
    </message>
    <message>
        <source>{n} open alert(s): read each one and tick it (space bar) before going on. Still to read: {left}.</source>
        <translation>{n} alerte(s) ouverte(s) : lisez chacune et cochez-la (barre d’espace) avant de continuer. Reste à lire : {left}.</translation>
    </message>
</context>
</TS>