<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>QtActionDialog</name>
    <message>
        <location filename="../../../invigilator/ui/qt_action_dialog.py" line="38" />
        <source>Given by</source>
        <translation>Given by</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_action_dialog.py" line="41" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>