<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
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
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="51" />
        <location filename="../../../invigilator/ui/qt_incident.py" line="57" />
        <source>Sub-reason</source>
        <translation>Sub-reason</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="53" />
        <location filename="../../../invigilator/ui/qt_incident.py" line="58" />
        <source>Candidate concerned</source>
        <translation>Candidate concerned</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="59" />
        <source>What happened</source>
        <translation>What happened</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="60" />
        <source> — {kiosk}</source>
        <translation> — {kiosk}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="61" />
        <source>Record an incident</source>
        <translation>Record an incident</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="62" />
        <source>The incident goes into the session report and the session package.</source>
        <translation>The incident goes into the session report and the session package.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="63" />
        <source>Record the incident</source>
        <translation>Record the incident</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="72" />
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="79" />
        <source>(the whole session)</source>
        <translation>(the whole session)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="96" />
        <source>No session is open on this console to record an incident in.</source>
        <translation>No session is open on this console to record an incident in.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="98" />
        <source>The note is longer than {n} characters.</source>
        <translation>The note is longer than {n} characters.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="101" />
        <source>Say what happened: this category needs a note.</source>
        <translation>Say what happened: this category needs a note.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_incident.py" line="108" />
        <source>Incident recorded: {what}</source>
        <translation>Incident recorded: {what}</translation>
    </message>
</context>
</TS>