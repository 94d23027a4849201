<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>QtActionParts</name>
    <message>
        <source>Focus lost on a focus question</source>
        <translation>Focus lost on a focus question</translation>
    </message>
    <message>
        <source>Problem reported with a question</source>
        <translation>Problem reported with a question</translation>
    </message>
    <message>
        <source>Kiosk silent (offline)</source>
        <translation>Kiosk silent (offline)</translation>
    </message>
    <message>
        <source>Guard event</source>
        <translation>Guard event</translation>
    </message>
    <message>
        <source>Journal that does not continue (chain break)</source>
        <translation>Journal that does not continue (chain break)</translation>
    </message>
    <message>
        <source>since {time} UTC</source>
        <translation>since {time} UTC</translation>
    </message>
    <message>
        <source>question {n}</source>
        <translation>question {n}</translation>
    </message>
    <message>
        <source>candidate's note: {note}</source>
        <translation>candidate's note: {note}</translation>
    </message>
    <message>
        <source>Invigilator giving the command</source>
        <translation>Invigilator giving the command</translation>
    </message>
    <message>
        <source>{n} / {limit} characters</source>
        <translation>{n} / {limit} characters</translation>
    </message>
    <message>
        <source>Open alerts to acknowledge</source>
        <translation>Open alerts to acknowledge</translation>
    </message>
    <message>
        <source>Tick the selected alert as read</source>
        <translation>Tick the selected alert as read</translation>
    </message>
    <message>
        <source>{n} open alert(s): read each one and tick it (space bar) before going on. Still to read: {left}.</source>
        <translation>{n} open alert(s): read each one and tick it (space bar) before going on. Still to read: {left}.</translation>
    </message>
</context>
</TS>