<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr">
<context>
    <name>ActionDispatcher</name>
    <message>
        <location filename="../../../invigilator/ui/qt_actions.py" line="120" />
        <source>Action not possible</source>
        <translation>Action impossible</translation>
    </message>
</context>
</TS>