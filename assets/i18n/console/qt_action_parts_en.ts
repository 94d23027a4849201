<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>QtActionParts</name>
    <message>
        <location filename="../../../invigilator/ui/qt_action_parts.py" line="31" />
        <source>Focus lost on a focus question</source>
        <translation>Focus lost on a focus question</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_action_parts.py" line="32" />
        <source>Problem reported with a question</source>
        <translation>Problem reported with a question</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_action_parts.py" line="33" />
        <source>Kiosk silent (offline)</source>
        <translation>Kiosk silent (offline)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_action_parts.py" line="34" />
        <source>Guard event</source>
        <translation>Guard event</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_action_parts.py" line="35" />
        <source>Journal that does not continue (chain break)</source>
        <translation>Journal that does not continue (chain break)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_action_parts.py" line="42" />
        <source>since {time} UTC</source>
        <translation>since {time} UTC</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_action_parts.py" line="45" />
        <source>question {n}</source>
        <translation>question {n}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_action_parts.py" line="47" />
        <source>candidate's note: {note}</source>
        <translation>candidate's note: {note}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_action_parts.py" line="76" />
        <source>Invigilator giving the command</source>
        <translation>Invigilator giving the command</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_action_parts.py" line="118" />
        <source>{n} / {limit} characters</source>
        <translation>{n} / {limit} characters</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_action_parts.py" line="136" />
        <source>Open alerts to acknowledge</source>
        <translation>Open alerts to acknowledge</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_action_parts.py" line="138" />
        <source>Tick the selected alert as read</source>
        <translation>Tick the selected alert as read</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_action_parts.py" line="190" />
        <source>{n} open alert(s): read each one and tick it (space bar) before going on. Still to read: {left}.</source>
        <translation>{n} open alert(s): read each one and tick it (space bar) before going on. Still to read: {left}.</translation>
    </message>
</context>
</TS>