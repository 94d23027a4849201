<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>QtTile</name>
    <message>
        <source>No news yet</source>
        <translation>Pas encore de nouvelles</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Libre</translation>
    </message>
    <message>
        <source>Checking in</source>
        <translation>Identification</translation>
    </message>
    <message>
        <source>Waiting for authorisation</source>
        <translation>Attend l’autorisation</translation>
    </message>
    <message>
        <source>Checking the workstation</source>
        <translation>Vérification du poste</translation>
    </message>
    <message>
        <source>Reading the instructions</source>
        <translation>Lit les consignes</translation>
    </message>
    <message>
        <source>In the test</source>
        <translation>En test</translation>
    </message>
    <message>
        <source>Reading the focus warning</source>
        <translation>Lit l’avertissement focus</translation>
    </message>
    <message>
        <source>Problem reported</source>
        <translation>Problème signalé</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Verrouillé</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Results sent</source>
        <translation>Résultats envoyés</translation>
    </message>
    <message>
        <source>Restarting after an interruption</source>
        <translation>Reprise après une interruption</translation>
    </message>
    <message>
        <source>Focus lost on question %1</source>
        <translation>Focus perdu à la question %1</translation>
    </message>
    <message>
        <source>Focus lost</source>
        <translation>Focus perdu</translation>
    </message>
    <message>
        <source>Problem reported on question %1</source>
        <translation>Problème signalé à la question %1</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>Journal chain broken</source>
        <translation>Chaîne du journal rompue</translation>
    </message>
    <message>
        <source>Guard: %1</source>
        <translation>Surveillance&#xa0;: %1</translation>
    </message>
    <message>
        <source>Guard event</source>
        <translation>Événement de surveillance</translation>
    </message>
    <message>
        <source>less than a minute left</source>
        <translation>moins d’une minute restante</translation>
    </message>
    <message>
        <source>%1 min left</source>
        <translation>%1&#xa0;min restantes</translation>
    </message>
    <message>
        <source>Never heard from</source>
        <translation>Jamais entendu</translation>
    </message>
    <message>
        <source>Heard just now</source>
        <translation>Entendu à l’instant</translation>
    </message>
    <message>
        <source>Heard %1 s ago</source>
        <translation>Entendu il y a %1&#xa0;s</translation>
    </message>
    <message>
        <source>Heard %1 min ago</source>
        <translation>Entendu il y a %1&#xa0;min</translation>
    </message>
    <message>
        <source>Heard %1 h ago</source>
        <translation>Entendu il y a %1&#xa0;h</translation>
    </message>
    <message>
        <source>silent too long</source>
        <translation>silencieux depuis trop longtemps</translation>
    </message>
    <message>
        <source>late</source>
        <translation>en retard</translation>
    </message>
    <message>
        <source>alerts: %1</source>
        <translation>alertes&#xa0;: %1</translation>
    </message>
    <message>
        <source>needs action</source>
        <translation>à traiter</translation>
    </message>
    <message>
        <source>No candidate</source>
        <translation>Aucun candidat</translation>
    </message>
    <message>
        <source>Question %1 / %2</source>
        <translation>Question %1 / %2</translation>
    </message>
    <message>
        <source>Question %1</source>
        <translation>Question %1</translation>
    </message>
    <message>
        <source>Outside the exam window</source>
        <translation>Hors de la fenêtre d’examen</translation>
    </message>
    <message>
        <source>Authorised: starts at its next sync</source>
        <translation>Autorisé : démarre à sa prochaine synchronisation</translation>
    </message>
    <message>
        <source>Identity confirmed, waiting for authorisation</source>
        <translation>Identité confirmée, attend l’autorisation</translation>
    </message>
    <message>
        <source>Action needed</source>
        <translation>À traiter</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>et %1 de plus</translation>
    </message>
</context>
</TS>
