<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr">
<context>
    <name>QtIncidentDialog</name>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="35" />
        <location filename="../../../invigilator/ui/qt_incident.py" line="55" />
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="47" />
        <location filename="../../../invigilator/ui/qt_incident.py" line="56" />
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="51" />
        <location filename="../../../invigilator/ui/qt_incident.py" line="57" />
        <source>Sub-reason</source>
        <translation>Sous-motif</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="53" />
        <location filename="../../../invigilator/ui/qt_incident.py" line="58" />
        <source>Candidate concerned</source>
        <translation>Candidat concerné</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="59" />
        <source>What happened</source>
        <translation>Ce qui s’est passé</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="60" />
        <source> — {kiosk}</source>
        <translation> — {kiosk}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="61" />
        <source>Record an incident</source>
        <translation>Consigner un incident</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="62" />
        <source>The incident goes into the session report and the session package.</source>
        <translation>L’incident figure au procès-verbal et dans le paquet de session.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="63" />
        <source>Record the incident</source>
        <translation>Consigner l’incident</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="72" />
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="79" />
        <source>(the whole session)</source>
        <translation>(toute la session)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="96" />
        <source>No session is open on this console to record an incident in.</source>
        <translation>Aucune session ouverte sur cette console où consigner l’incident.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="98" />
        <source>The note is longer than {n} characters.</source>
        <translation>La note dépasse {n} caractères.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="101" />
        <source>Say what happened: this category needs a note.</source>
        <translation>Dites ce qui s’est passé : cette catégorie demande une note.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="108" />
        <source>Incident recorded: {what}</source>
        <translation>Incident consigné : {what}</translation>
    </message>
</context>
</TS>