<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr">
<context>
    <name>QtIncidentDialog</name>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Sub-reason</source>
        <translation>Sous-motif</translation>
    </message>
    <message>
        <source>Candidate concerned</source>
        <translation>Candidat concerné</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Ce qui s’est passé</translation>
    </message>
    <message>
        <source> — {kiosk}</source>
        <translation> — {kiosk}</translation>
    </message>
    <message>
        <source>Record an incident</source>
        <translation>Consigner un incident</translation>
    </message>
    <message>
        <source>The incident goes into the session report and the session package.</source>
        <translation>L’incident figure au procès-verbal et dans le paquet de session.</translation>
    </message>
    <message>
        <source>Record the incident</source>
        <translation>Consigner l’incident</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>(the whole session)</source>
        <translation>(toute la session)</translation>
    </message>
    <message>
        <source>No session is open on this console to record an incident in.</source>
        <translation>Aucune session ouverte sur cette console où consigner l’incident.</translation>
    </message>
    <message>
        <source>The note is longer than {n} characters.</source>
        <translation>La note dépasse {n} caractères.</translation>
    </message>
    <message>
        <source>Say what happened: this category needs a note.</source>
        <translation>Dites ce qui s’est passé : cette catégorie demande une note.</translation>
    </message>
    <message>
        <source>Incident recorded: {what}</source>
        <translation>Incident consigné : {what}</translation>
    </message>
</context>
</TS>