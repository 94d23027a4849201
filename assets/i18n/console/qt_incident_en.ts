<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>QtIncidentDialog</name>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Sub-reason</source>
        <translation>Sub-reason</translation>
    </message>
    <message>
        <source>Candidate concerned</source>
        <translation>Candidate concerned</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>What happened</translation>
    </message>
    <message>
        <source> — {kiosk}</source>
        <translation> — {kiosk}</translation>
    </message>
    <message>
        <source>Record an incident</source>
        <translation>Record an incident</translation>
    </message>
    <message>
        <source>The incident goes into the session report and the session package.</source>
        <translation>The incident goes into the session report and the session package.</translation>
    </message>
    <message>
        <source>Record the incident</source>
        <translation>Record the incident</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>(the whole session)</source>
        <translation>(the whole session)</translation>
    </message>
    <message>
        <source>No session is open on this console to record an incident in.</source>
        <translation>No session is open on this console to record an incident in.</translation>
    </message>
    <message>
        <source>The note is longer than {n} characters.</source>
        <translation>The note is longer than {n} characters.</translation>
    </message>
    <message>
        <source>Say what happened: this category needs a note.</source>
        <translation>Say what happened: this category needs a note.</translation>
    </message>
    <message>
        <source>Incident recorded: {what}</source>
        <translation>Incident recorded: {what}</translation>
    </message>
</context>
</TS>